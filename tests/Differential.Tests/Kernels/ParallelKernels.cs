using System;
using SourceGen;
using static SourceGen.Loops;

namespace SourceGen.Differential.Tests.Kernels;

/// <summary>[Parallel] kernels: Prange loops split across threads, reductions, sequential loops around them.</summary>
public static partial class ParallelKernels
{
    /// <summary>A floating-point sum: per-chunk partials, so it may differ from the serial sum by rounding.</summary>
    public static double SumOfSquares(ReadOnlySpan<double> x)
    {
        double s = 0;
        foreach (int i in Prange(x.Length))
        {
            s += x[i] * x[i];
        }

        return s;
    }

    [Parallel(nameof(SumOfSquares))]
    public static partial double SumOfSquaresFast(ReadOnlySpan<double> x);

    /// <summary>Integer reductions of every kind at once: they equal the serial kernel's exactly.</summary>
    public static long IntegerReductions(int[] values, out int max, out int min, out uint bits, out bool anyNegative, out long product)
    {
        long sum = 0;
        max = int.MinValue;
        min = int.MaxValue;
        bits = 0;
        anyNegative = false;
        product = 1;
        int count = 0;
        foreach (int i in Prange(values.Length))
        {
            int v = values[i];
            sum += v;
            sum -= v / 3;
            max = Math.Max(max, v);
            min = Math.Min(v, min);
            bits ^= (uint)v;
            anyNegative |= v < 0;
            product *= (v | 1);
            count++;
        }

        return sum + count;
    }

    [Parallel(nameof(IntegerReductions))]
    public static partial long IntegerReductionsFast(int[] values, out int max, out int min, out uint bits, out bool anyNegative, out long product);

    /// <summary>An iterative smoother: a sequential outer loop around two parallel loops (a barrier after each).</summary>
    public static void Smooth(Span<double> a, Span<double> scratch, int iterations)
    {
        int n = a.Length;
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            foreach (int i in Prange(1, n - 1))
            {
                scratch[i] = (a[i - 1] + a[i] + a[i + 1]) / 3;
            }

            foreach (int i in Prange(1, n - 1))
            {
                a[i] = scratch[i];
            }
        }
    }

    [Parallel(nameof(Smooth))]
    public static partial void SmoothFast(Span<double> a, Span<double> scratch, int iterations);

    /// <summary>A 2-D array and an array of results: arrays are handed to the threads as they are.</summary>
    public static void RowSums(double[,] matrix, double[] sums)
    {
        int rows = matrix.GetLength(0), columns = matrix.GetLength(1);
        foreach (int row in Prange(rows))
        {
            double s = 0;
            for (int column = 0; column < columns; column++)
            {
                s += matrix[row, column];
            }

            sums[row] = s;
        }
    }

    [Parallel(nameof(RowSums))]
    public static partial void RowSumsFast(double[,] matrix, double[] sums);

    /// <summary>A break out of the Prange loop: it runs serially (SG0301), with the same result.</summary>
    public static int FirstNegative(ReadOnlySpan<int> values)
    {
        int found = -1;
#pragma warning disable SG0301 // the point of this kernel: the loop runs serially
        foreach (int i in Prange(values.Length))
        {
            if (values[i] < 0)
            {
                found = i;
                break;
            }
        }
#pragma warning restore SG0301

        return found;
    }

    [Parallel(nameof(FirstNegative))]
    public static partial int FirstNegativeFast(ReadOnlySpan<int> values);

    /// <summary>An out-of-range index on one thread surfaces as itself, as in the kernel.</summary>
    public static void Gather(ReadOnlySpan<int> indices, ReadOnlySpan<float> source, Span<float> destination)
    {
        foreach (int i in Prange(indices.Length))
        {
            destination[i] = source[indices[i]];
        }
    }

    [Parallel(nameof(Gather))]
    public static partial void GatherFast(ReadOnlySpan<int> indices, ReadOnlySpan<float> source, Span<float> destination);

    /// <summary>Target.Cpu: the kernel as written.</summary>
    [Parallel(nameof(Gather), Target = Target.Cpu)]
    public static partial void GatherCpu(ReadOnlySpan<int> indices, ReadOnlySpan<float> source, Span<float> destination);

    /// <summary>A parallel loop whose iterations start parallel loops of their own (the worker team is busy: they use the pool).</summary>
    public static void NestedRowSums(double[] values, double[] sums, int width, int rows)
    {
        foreach (int y in Prange(rows))
        {
            sums[y] = SumOfSquaresFast(new ReadOnlySpan<double>(values, y * width, width));
        }
    }

    [Parallel(nameof(NestedRowSums))]
    public static partial void NestedRowSumsFast(double[] values, double[] sums, int width, int rows);
}
