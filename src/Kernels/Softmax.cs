using System;
using SourceGen;
using static SourceGen.Loops;

namespace SourceGen.Kernels;

/// <summary>Softmax of a vector: the maximum (a reduction), exp(x - max) and its sum (a reduction), then the scaling.</summary>
public static partial class Softmax
{
    /// <summary><c>result[i] = exp(x[i] - max(x)) / sum(exp(x - max(x)))</c>.</summary>
    public static void Compute(ReadOnlySpan<double> x, Span<double> result)
    {
        double max = double.NegativeInfinity;
        foreach (int i in Prange(x.Length))
        {
            max = Math.Max(max, x[i]);
        }

        double sum = 0;
        foreach (int i in Prange(x.Length))
        {
            double e = Math.Exp(x[i] - max);
            result[i] = e;
            sum += e;
        }

        foreach (int i in Prange(x.Length))
        {
            result[i] = result[i] / sum;
        }
    }

    /// <summary>Across threads, SIMD inside; the sum keeps the kernel's order within each chunk.</summary>
    [Parallel(nameof(Compute))]
    public static partial void ComputeParallel(ReadOnlySpan<double> x, Span<double> result);

    /// <summary>Across threads, SIMD inside, the sum reassociated into SIMD partial sums (FastMath).</summary>
    [Parallel(nameof(Compute), FastMath = true)]
    public static partial void ComputeFast(ReadOnlySpan<double> x, Span<double> result);

    /// <summary>One thread, SIMD, FastMath: the baseline of the parallel scaling.</summary>
    [Parallel(nameof(Compute), FastMath = true, Target = Target.Cpu)]
    public static partial void ComputeOneThread(ReadOnlySpan<double> x, Span<double> result);
}
