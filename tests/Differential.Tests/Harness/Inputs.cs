using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace SourceGen.Differential.Tests.Harness;

/// <summary>
/// Random inputs mixed with the values that break SIMD code: NaN, ±Inf, ±0, subnormals, integer extremes,
/// values at the edges of every conversion. Fresh seed per run (printed on failure); SOURCEGEN_SEED (or SOURCEGEN_RANDOM_SEED) fixes it.
/// </summary>
internal static class Inputs
{
    public static readonly ulong Seed = (Environment.GetEnvironmentVariable("SOURCEGEN_SEED") ?? Environment.GetEnvironmentVariable("SOURCEGEN_RANDOM_SEED")) is { Length: > 0 } text
        ? ulong.Parse(text)
        : (ulong)DateTime.UtcNow.Ticks;

    /// <summary>SplitMix64: small, fast, and the same sequence everywhere for a seed.</summary>
    internal sealed class SplitMix64
    {
        private ulong _state;

        public SplitMix64(ulong seed) => _state = seed;

        public ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public int Below(int bound) => (int)(Next() % (ulong)bound);

        public double Unit() => (Next() >> 11) * (1.0 / (1UL << 53));
    }

    private static readonly double[] DoubleSpecials =
    {
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.Epsilon, -double.Epsilon,
        2.2250738585072009E-308, -1e-310, double.MaxValue, double.MinValue, 1, -1, 0.5, -0.5, 1.5, 2.5, -2.5,
        3e9, -3e9, 1e10, -1e10, 2147483647.5, -2147483648.5, 4294967295.5, 9.3e18, 1.9e19, -9.3e18, 65536.5, 300.7, -129.5,
        255.5, 32767.5, -32768.7, 709.8, -745.2, 88.7, -103.9, 1e-300, 1e300, Math.PI, -Math.E, 1e-12, 0.1,
    };

    private static readonly float[] SingleSpecials =
    {
        float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.Epsilon, -float.Epsilon, 1e-40f, -1.17549435E-38f,
        float.MaxValue, float.MinValue, 1, -1, 0.5f, -0.5f, 1.5f, 2.5f, -2.5f, 3e9f, -3e9f, 1e10f, -1e10f, 2147483648f, 4294967296f,
        65536.5f, 300.7f, -129.5f, 255.5f, 32767.5f, -32768.7f, 88.7f, -103.9f, 1e-30f, 1e30f, MathF.PI, 1e-7f, 0.1f, 16777217f,
    };

    public static T[] Make<T>(int length, SplitMix64 random) where T : struct
    {
        var values = new T[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = One<T>(random);
        }

        return values;
    }

    public static T One<T>(SplitMix64 random) where T : struct
    {
        int pick = random.Below(8);
        if (typeof(T) == typeof(double))
        {
            double value = pick switch
            {
                0 or 1 => DoubleSpecials[random.Below(DoubleSpecials.Length)],
                2 => BitConverter.Int64BitsToDouble((long)random.Next()),
                3 => (random.Unit() - 0.5) * Math.Pow(2, random.Below(130) - 64),
                4 => Math.Round((random.Unit() - 0.5) * 1000),
                _ => (random.Unit() - 0.5) * 20,
            };
            return (T)(object)value;
        }

        if (typeof(T) == typeof(float))
        {
            float value = pick switch
            {
                0 or 1 => SingleSpecials[random.Below(SingleSpecials.Length)],
                2 => BitConverter.Int32BitsToSingle((int)random.Next()),
                3 => (float)((random.Unit() - 0.5) * Math.Pow(2, random.Below(80) - 40)),
                4 => MathF.Round((float)(random.Unit() - 0.5) * 1000),
                _ => (float)((random.Unit() - 0.5) * 20),
            };
            return (T)(object)value;
        }

        if (typeof(T) == typeof(bool))
        {
            return (T)(object)((random.Next() & 1) == 1);
        }

        // Integers: extremes, small values, and random bits.
        ulong bits = random.Next();
        ulong raw = pick switch
        {
            0 => 0,
            1 => bits & 1,
            2 => ulong.MaxValue,
            3 => bits % 16,
            4 => 1UL << (int)(bits % 64),
            5 => (1UL << (int)(bits % 64)) - 1,
            _ => bits,
        };
        return Unsafe.As<ulong, T>(ref raw);
    }

    /// <summary>Lengths 0..max, each one, and a few large ones (long enough to leave every tail length).</summary>
    public static IEnumerable<int> Lengths(int max)
    {
        for (int n = 0; n <= max; n++)
        {
            yield return n;
        }

        yield return 1000;
        yield return 4099;
        yield return 65537;
    }
}
