using System;
using System.Linq;
using SourceGen.Differential.Tests.Harness;
using SourceGen.Differential.Tests.Kernels;
using SourceGen.Kernels;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>[Parallel] entry points against their kernels as written, on sizes from empty to many chunks.</summary>
public sealed class ParallelTests
{
    private static readonly int[] Sizes = { 0, 1, 2, 3, 7, 31, 32, 33, 100, 1000, 4099 };

    [Fact]
    public void SumOfSquares_EqualsTheKernel_WithinRounding_AndTheSameEveryRun()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int n in Sizes)
        {
            double[] x = Enumerable.Range(0, n).Select(_ => random.Unit() * 2 - 1).ToArray();
            double expected = ParallelKernels.SumOfSquares(x), actual = ParallelKernels.SumOfSquaresFast(x);
            Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"n = {n}: kernel {expected}, generated {actual}");
            for (int run = 0; run < 5; run++)
            {
                Assert.Equal(actual, ParallelKernels.SumOfSquaresFast(x));
            }
        }
    }

    [Fact]
    public void SumOfSquares_PropagatesNaNAndInfinity()
    {
        double[] x = Enumerable.Repeat(1.0, 1000).ToArray();
        x[517] = double.PositiveInfinity;
        Assert.Equal(double.PositiveInfinity, ParallelKernels.SumOfSquaresFast(x));
        x[3] = double.NaN;
        Assert.True(double.IsNaN(ParallelKernels.SumOfSquaresFast(x)));
    }

    [Fact]
    public void IntegerReductions_EqualTheKernelExactly()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int n in Sizes)
        {
            int[] values = Inputs.Make<int>(n, random);
            long expected = ParallelKernels.IntegerReductions(values, out int max, out int min, out uint bits, out bool anyNegative, out long product);
            long actual = ParallelKernels.IntegerReductionsFast(values, out int max2, out int min2, out uint bits2, out bool anyNegative2, out long product2);
            Assert.Equal((expected, max, min, bits, anyNegative, product), (actual, max2, min2, bits2, anyNegative2, product2));
        }
    }

    /// <summary>
    /// Thousands of short loops back to back, from two threads at once: the worker team closes each loop once no
    /// worker is inside, and a worker that wakes late joins the next one or none. Every loop must still run each
    /// chunk once (the results are exact).
    /// </summary>
    [Fact]
    public void ManyShortLoopsBackToBack_EachRunsEveryChunkOnce()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        int[][] inputs = Enumerable.Range(0, 16).Select(k => Inputs.Make<int>(1 + k * 7, random)).ToArray();
        long[] expected = inputs.Select(values => ParallelKernels.IntegerReductions(values, out _, out _, out _, out _, out _)).ToArray();
        void Run(int offset)
        {
            for (int call = 0; call < 3000; call++)
            {
                int k = (call + offset) % inputs.Length;
                Assert.Equal(expected[k], ParallelKernels.IntegerReductionsFast(inputs[k], out _, out _, out _, out _, out _));
            }
        }

        var other = System.Threading.Tasks.Task.Run(() => Run(5));
        Run(0);
        other.GetAwaiter().GetResult();
    }

    [Fact]
    public void Smooth_SequentialOuterLoop_EqualsTheKernel()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int n in Sizes)
        {
            double[] a = Inputs.Make<double>(n, random);
            double[] b = (double[])a.Clone();
            ParallelKernels.Smooth(a, new double[n], 7);
            ParallelKernels.SmoothFast(b, new double[n], 7);
            Assert.True(a.AsSpan().SequenceEqual(b), $"n = {n}");
        }
    }

    [Fact]
    public void RowSums_ArraysCrossThreads()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach ((int rows, int columns) in new[] { (0, 3), (1, 1), (5, 0), (40, 17), (333, 9) })
        {
            var matrix = new double[rows, columns];
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    matrix[r, c] = random.Unit();
                }
            }

            double[] expected = new double[rows], actual = new double[rows];
            ParallelKernels.RowSums(matrix, expected);
            ParallelKernels.RowSumsFast(matrix, actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void SerialLoop_WithBreak_EqualsTheKernel()
    {
        foreach (int n in Sizes)
        {
            int[] values = Enumerable.Range(0, n).Select(i => i % 97 == 96 ? -i : i).ToArray();
            Assert.Equal(ParallelKernels.FirstNegative(values), ParallelKernels.FirstNegativeFast(values));
        }
    }

    [Fact]
    public void OutOfRangeIndex_ThrowsIndexOutOfRange_Unwrapped()
    {
        int[] indices = Enumerable.Range(0, 5000).ToArray();
        float[] source = new float[5000];
        indices[3777] = 5000;
        Assert.Throws<IndexOutOfRangeException>(() => ParallelKernels.GatherFast(indices, source, new float[5000]));
        Assert.Throws<IndexOutOfRangeException>(() => ParallelKernels.GatherCpu(indices, source, new float[5000]));
        indices[3777] = 0;
        float[] expected = new float[5000], actual = new float[5000];
        source[0] = 42;
        ParallelKernels.Gather(indices, source, expected);
        ParallelKernels.GatherFast(indices, source, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void NestedParallelLoops_EqualTheKernel_AndConcurrentCallersDoNotInterfere()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        const int Width = 3000, Rows = 9;
        double[] values = Enumerable.Range(0, Width * Rows).Select(_ => random.Unit()).ToArray();
        double[] expected = new double[Rows], actual = new double[Rows];
        ParallelKernels.NestedRowSums(values, expected, Width, Rows);
        ParallelKernels.NestedRowSumsFast(values, actual, Width, Rows);
        Assert.Equal(expected, actual);

        // Several threads calling parallel entry points at once: one gets the worker team, the others the pool.
        System.Threading.Tasks.Parallel.For(0, 8, _ =>
        {
            double[] mine = new double[Rows];
            ParallelKernels.NestedRowSumsFast(values, mine, Width, Rows);
            Assert.Equal(expected, mine);
        });
    }
}
