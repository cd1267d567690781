using System;
#pragma warning disable SG0302 // these loops run one iteration at a time on the CPU on purpose: a running sum, a nested Prange loop
using SourceGen;
using static SourceGen.Loops;

namespace SourceGen.Differential.Tests.Kernels;

/// <summary>The [Parallel] kernels again with Target.Gpu: each Prange loop an ILGPU launch (tested on ILGPU's CPU accelerator).</summary>
public static partial class ParallelKernels
{
    /// <summary>A 1-D launch with a double sum (atomics into slots: rounded differently from the serial sum).</summary>
    [Parallel(nameof(SumOfSquares), Target = Target.Gpu)]
    public static partial double SumOfSquaresGpu(ReadOnlySpan<double> x);

    /// <summary>A sequential outer loop around two launches; the buffers stay on the device between them.</summary>
    [Parallel(nameof(Smooth), Target = Target.Gpu)]
    public static partial void SmoothGpu(Span<double> a, Span<double> scratch, int iterations);

    [Parallel(nameof(Gather), Target = Target.Gpu)]
    public static partial void GatherGpu(ReadOnlySpan<int> indices, ReadOnlySpan<float> source, Span<float> destination);

    /// <summary>The integer reductions ILGPU has atomics for: exact in any order.</summary>
    public static long AtomicReductions(int[] values, out int max, out int min, out uint bits, out long ored)
    {
        long sum = 0;
        max = int.MinValue;
        min = int.MaxValue;
        bits = 0;
        ored = 0;
        int count = 0;
        foreach (int i in Prange(values.Length))
        {
            int v = values[i];
            sum += v;
            sum -= v / 3;
            max = Math.Max(max, v);
            min = Math.Min(v, min);
            bits ^= (uint)v;
            ored |= 1L << (v & 63);
            count++;
        }

        return sum + count;
    }

    [Parallel(nameof(AtomicReductions))]
    public static partial long AtomicReductionsParallel(int[] values, out int max, out int min, out uint bits, out long ored);

    [Parallel(nameof(AtomicReductions), Target = Target.Gpu)]
    public static partial long AtomicReductionsGpu(int[] values, out int max, out int min, out uint bits, out long ored);

    /// <summary>
    /// A 1-D launch whose threads run a loop with a carried dependency (a running sum along each row), skip rows with
    /// 'continue', and use a work array declared in the kernel (uploaded once, never downloaded).
    /// </summary>
    public static float RowPrefixSums(float[] values, float[] sums, int width, int height, int skipEvery)
    {
        float[] rowTotals = new float[height];
        float peak = float.NegativeInfinity;
        foreach (int y in Prange(height))
        {
            if (skipEvery > 0 && y % skipEvery == 0)
            {
                continue;
            }

            float running = 0;
            for (int x = 0; x < width; x++)
            {
                running += values[y * width + x];
                sums[y * width + x] = running;
            }

            rowTotals[y] = running;
            peak = MathF.Max(peak, running);
        }

        // The second launch reads what the first wrote in the work array, on the device.
        foreach (int y in Prange(height))
        {
            for (int x = 0; x < width; x++)
            {
                sums[y * width + x] -= rowTotals[y] * 0.5f;
            }
        }

        return peak;
    }

    [Parallel(nameof(RowPrefixSums))]
    public static partial float RowPrefixSumsParallel(float[] values, float[] sums, int width, int height, int skipEvery);

    [Parallel(nameof(RowPrefixSums), Target = Target.Gpu)]
    public static partial float RowPrefixSumsGpu(float[] values, float[] sums, int width, int height, int skipEvery);

    /// <summary>Two nested Prange loops (one 2-D launch), ranges not from zero, a 'continue' in the inner body, an int sum.</summary>
    public static int Outer(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> product, int rows, int columns, int from)
    {
        int skipped = 0;
        foreach (int r in Prange(from, rows))
        {
            int rowValue = a[r];
            foreach (int c in Prange(from, columns))
            {
                if (b[c] == 0)
                {
                    skipped++;
                    continue;
                }

                product[r * columns + c] = rowValue * b[c];
            }
        }

        return skipped;
    }

    [Parallel(nameof(Outer))]
    public static partial int OuterParallel(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> product, int rows, int columns, int from);

    [Parallel(nameof(Outer), Target = Target.Gpu)]
    public static partial int OuterGpu(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> product, int rows, int columns, int from);
}

/// <summary>Names the generated host code must not capture: a helper called Run, a parameter called accelerator.</summary>
public static partial class GpuNameKernels
{
    private static int Run(int n) => n / 2;

    public static int Shift(Span<int> a, int accelerator)
    {
        int half = Run(a.Length);
        int total = 0;
        foreach (int i in Prange(a.Length))
        {
            a[i] += i < half ? accelerator : -accelerator;
            total += a[i];
        }

        return total + Run(total);
    }

    [Parallel(nameof(Shift), Target = Target.Gpu)]
    public static partial int ShiftGpu(Span<int> a, int accelerator);
}

/// <summary>A bool and a double read from the host, a float Max reduction over a 1-D launch.</summary>
public static partial class GpuValueKernels
{
    public static float Threshold(ReadOnlySpan<float> a, Span<float> b, double limit, bool invert)
    {
        float peak = float.NegativeInfinity;
        foreach (int i in Prange(a.Length))
        {
            bool above = a[i] > limit;
            b[i] = above != invert ? a[i] : 0f;
            peak = Math.Max(peak, b[i]);
        }

        return peak;
    }

    [Parallel(nameof(Threshold), Target = Target.Gpu)]
    public static partial float ThresholdGpu(ReadOnlySpan<float> a, Span<float> b, double limit, bool invert);
}

/// <summary>Row-loop kernels with Target.Gpu: 2-D launches, a thread per element.</summary>
public static partial class LoopKernels
{
    [Parallel(nameof(Stencil), Target = Target.Gpu)]
    public static partial void StencilGpu(ReadOnlySpan<float> src, Span<float> dst, int width, int height);

    [Parallel(nameof(BlurWithTotal), Target = Target.Gpu)]
    public static partial float BlurWithTotalGpu(ReadOnlySpan<float> src, Span<float> dst, int width, int height);

    [Parallel(nameof(ScaleAdd), Target = Target.Gpu)]
    public static partial void ScaleAddGpu(double[] a, double[] b, int width, int height, double s);

    [Parallel(nameof(RowReductions), Target = Target.Gpu)]
    public static partial long RowReductionsGpu(ReadOnlySpan<int> values, int width, int height);

    [Parallel(nameof(GatherAndRamp), Target = Target.Gpu)]
    public static partial void GatherAndRampGpu(ReadOnlySpan<double> table, ReadOnlySpan<int> indexes, Span<double> dst, int width, int height);

    [Parallel(nameof(Branches), Target = Target.Gpu)]
    public static partial void BranchesGpu(ReadOnlySpan<float> src, Span<float> dst, Span<float> state, int width, int height);

    /// <summary>Math.Clamp in the launched loop (the device copy computes Min(Max(…))), window loops with 'continue'.</summary>
    [Parallel(nameof(RingMean), Target = Target.Gpu)]
    public static partial void RingMeanGpu(ReadOnlySpan<float> src, Span<float> dst, int width, int height);

    /// <summary>A bool value, a weights span, Math.Clamp and Min/Max in the launched loop.</summary>
    [Parallel(nameof(Convolve), Target = Target.Gpu)]
    public static partial void ConvolveGpu(ReadOnlySpan<float> src, ReadOnlySpan<float> weights, Span<float> dst, int width, int height, int radius, bool square);
}

/// <summary>A gufunc of scalars, "(),()->()": arrays of any rank, a thread per element.</summary>
public static partial class GuGpuKernels
{
    public static void ScaleClamp(float x, float k, Span<float> result) => result[0] = MathF.Min(x * k, 1f);

    [GuVectorize(nameof(ScaleClamp), "(),()->()", Target = Target.Gpu)]
    public static partial void ScaleClampGpu(float[,] x, float k, float[,] result);
}
