using System;
using BenchmarkDotNet.Attributes;

namespace SourceGen.Bench;

/// <summary>The element counts every benchmark runs at: L1/L2-resident, L2/L3-resident, and memory-bound.</summary>
public abstract class SizedBenchmark
{
    [Params(1_000, 64_000, 16_000_000)]
    public int N;
}

/// <summary>Seeded random inputs, so every run (and every method of a class) sees the same data.</summary>
public static class Data
{
    public static float[] Floats(int n, int seed, float min, float max)
    {
        var random = new Random(seed);
        var values = new float[n];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = min + (max - min) * random.NextSingle();
        }

        return values;
    }

    public static double[] Doubles(int n, int seed, double min, double max)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = min + (max - min) * random.NextDouble();
        }

        return values;
    }
}

/// <summary>
/// Setup-time check that the methods of a class compute the same thing: runs the baseline, then each other
/// method, and compares <c>destination</c> element by element (relative tolerance, absolute below 1). A wrong
/// result fails the benchmark instead of producing a fast but meaningless number.
/// </summary>
public static class Verify
{
    public static void Agree(float[] destination, double tolerance, Action baseline, params Action[] others)
    {
        baseline();
        float[] expected = (float[])destination.Clone();
        foreach (Action other in others)
        {
            Array.Fill(destination, float.NaN);
            other();
            for (int i = 0; i < expected.Length; i++)
            {
                Check(expected[i], destination[i], tolerance, i, baseline, other);
            }
        }
    }

    public static void Agree(double[] destination, double tolerance, Action baseline, params Action[] others)
    {
        baseline();
        double[] expected = (double[])destination.Clone();
        foreach (Action other in others)
        {
            Array.Fill(destination, double.NaN);
            other();
            for (int i = 0; i < expected.Length; i++)
            {
                Check(expected[i], destination[i], tolerance, i, baseline, other);
            }
        }
    }

    private static void Check(double expected, double actual, double tolerance, int index, Action baseline, Action other)
    {
        if (Math.Abs(expected - actual) <= tolerance * Math.Max(1.0, Math.Abs(expected)))
        {
            return;
        }

        throw new InvalidOperationException(
            $"{other.Method.DeclaringType?.Name}.{other.Method.Name} disagrees with {baseline.Method.Name} at [{index}]: " +
            $"{actual:R} vs {expected:R} (tolerance {tolerance}).");
    }
}
