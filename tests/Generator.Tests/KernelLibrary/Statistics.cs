using System;
using SourceGen;
using static SourceGen.Loops;

namespace KernelLibrary;

/// <summary>Elementwise transforms and reductions of samples.</summary>
public static partial class Statistics
{
    /// <summary>z-score of each sample.</summary>
    static double Standardize(double x, double mean, double std) => (x - mean) / std;

    [Vectorize(nameof(Standardize))]
    public static partial void Standardize(ReadOnlySpan<double> x, double mean, double std, Span<double> destination);

    /// <summary>Relative error, safe when both values are zero.</summary>
    static double RelativeError(double actual, double expected) =>
        Math.Abs(actual - expected) / Math.Max(Math.Max(Math.Abs(actual), Math.Abs(expected)), 1e-300);

    [Vectorize(nameof(RelativeError))]
    public static partial void RelativeError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, Span<double> destination);

    /// <summary>Min-max scaling to [0, 1].</summary>
    static float MinMaxScale(float x, float min, float max) => (x - min) / (max - min);

    [Vectorize(nameof(MinMaxScale))]
    public static partial void MinMaxScale(ReadOnlySpan<float> x, float min, float max, Span<float> destination);

    /// <summary>Gaussian probability density.</summary>
    static double NormalPdf(double x, double mean, double sigma)
    {
        double z = (x - mean) / sigma;
        return Math.Exp(-0.5 * z * z) / (sigma * Math.Sqrt(2 * Math.PI));
    }

    [Vectorize(nameof(NormalPdf))]
    public static partial void NormalPdf(ReadOnlySpan<double> x, double mean, double sigma, Span<double> destination);

    /// <summary>Mean and (population) variance in one pass over the data.</summary>
    public static double Variance(ReadOnlySpan<double> x, out double mean)
    {
        double sum = 0, sumOfSquares = 0;
        foreach (int i in Prange(x.Length))
        {
            sum += x[i];
            sumOfSquares += x[i] * x[i];
        }

        mean = sum / x.Length;
        return sumOfSquares / x.Length - mean * mean;
    }

    [Parallel(nameof(Variance), FastMath = true)]
    public static partial double VarianceParallel(ReadOnlySpan<double> x, out double mean);

    /// <summary>Smallest and largest value.</summary>
    public static float Range(ReadOnlySpan<float> x, out float min)
    {
        float lo = float.PositiveInfinity, hi = float.NegativeInfinity;
        foreach (int i in Prange(x.Length))
        {
            lo = Math.Min(lo, x[i]);
            hi = Math.Max(hi, x[i]);
        }

        min = lo;
        return hi;
    }

    [Parallel(nameof(Range))]
    public static partial float RangeParallel(ReadOnlySpan<float> x, out float min);

    /// <summary>How many samples exceed a threshold.</summary>
    public static int CountAbove(ReadOnlySpan<float> x, float threshold)
    {
        int count = 0;
        foreach (int i in Prange(x.Length))
        {
            if (x[i] > threshold)
                count++;
        }

        return count;
    }

    [Parallel(nameof(CountAbove))]
    public static partial int CountAboveParallel(ReadOnlySpan<float> x, float threshold);
}
