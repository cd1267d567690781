using System;
using System.Linq;
using SourceGen.Differential.Tests.Harness;
using SourceGen.Differential.Tests.Kernels;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>
/// [Parallel] kernels whose row loop runs in SIMD steps, against the kernels as written: every width from 0 to a few
/// steps plus one (so every step width, border step and scalar rest runs), a few heights, special values.
/// </summary>
public class LoopTests
{
    private static readonly int[] Widths = Enumerable.Range(0, 70).Concat(new[] { 127, 128, 129, 200, 257 }).ToArray();
    private static readonly int[] Heights = { 1, 2, 5 };

    private static void Equal<T>(T[] expected, T[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[i]!.Equals(actual[i]), $"{what}: element {i}: kernel {expected[i]}, generated {actual[i]}");
        }
    }

    [Fact]
    public void BracelessRowLoop_WithAGatherAndAnOrderedSum_EqualsTheKernel()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int height in Heights)
        {
            foreach (int width in Widths)
            {
                double[] a = Inputs.Make<double>(width * height, random);
                int[] index = new int[a.Length];
                for (int i = 0; i < index.Length; i++)
                {
                    index[i] = (int)(random.Next() % (ulong)index.Length);
                }

                double[] expected = new double[a.Length], actual = new double[a.Length];
                double expectedTotal = LoopKernels.BracelessGather(a, index, expected, width, height);
                double actualTotal = LoopKernels.BracelessGatherFast(a, index, actual, width, height);
                Equal(expected, actual, $"{width}x{height}");
                if (height == 1)
                {
                    // One row is one chunk: the sum is the kernel's to the bit (more rows are summed per chunk, then combined).
                    Assert.True(Check.Same(expectedTotal, actualTotal, 0), $"total {width}x{height}: {expectedTotal} vs {actualTotal}");
                }
            }
        }
    }

    [Fact]
    public void ReductionThroughALocalIndex_ReadingWhatTheIterationWrote_EqualsTheKernel()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int height in Heights)
        {
            foreach (int width in Widths)
            {
                float[] src = Inputs.Make<float>(width * height, random);
                float[] expected = new float[src.Length], actual = new float[src.Length];
                float expectedTotal = LoopKernels.BlurWithTotal(src, expected, width, height);
                float actualTotal = LoopKernels.BlurWithTotalFast(src, actual, width, height);
                Equal(expected, actual, $"{width}x{height}");
                if (height == 1)
                {
                    Assert.True(Check.Same(expectedTotal, actualTotal, 0), $"total {width}x{height}: {expectedTotal} vs {actualTotal}");
                }
            }
        }
    }

    [Fact]
    public void ContinueInUniformWindowLoops_EqualsTheKernel()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int height in Heights)
        {
            foreach (int width in Widths)
            {
                float[] src = Inputs.Make<float>(width * height, random);
                float[] expected = new float[src.Length], actual = new float[src.Length];
                LoopKernels.RingMean(src, expected, width, height);
                LoopKernels.RingMeanFast(src, actual, width, height);
                Equal(expected, actual, $"{width}x{height}");
            }
        }
    }

    [Fact]
    public void Stencil_WithBorderTests_EqualsTheKernel()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int height in Heights)
        {
            foreach (int width in Widths)
            {
                float[] src = Inputs.Make<float>(width * height, random);
                float[] expected = new float[src.Length], actual = new float[src.Length];
                LoopKernels.Stencil(src, expected, width, height);
                LoopKernels.StencilFast(src, actual, width, height);
                Equal(expected, actual, $"{width}x{height}");
            }
        }
    }

    [Fact]
    public void ScaleAdd_InPlace_EqualsTheKernel()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int height in Heights)
        {
            foreach (int width in Widths)
            {
                double[] a = Inputs.Make<double>(width * height, random), b = Inputs.Make<double>(width * height, random);
                double[] expected = (double[])a.Clone(), actual = (double[])a.Clone();
                LoopKernels.ScaleAdd(expected, b, width, height, 1.5);
                LoopKernels.ScaleAddFast(actual, b, width, height, 1.5);
                Equal(expected, actual, $"{width}x{height}");

                // The same array as both operands: a[i] = a[i] * s + a[i], still one element per iteration.
                expected = (double[])a.Clone();
                actual = (double[])a.Clone();
                LoopKernels.ScaleAdd(expected, expected, width, height, -0.5);
                LoopKernels.ScaleAddFast(actual, actual, width, height, -0.5);
                Equal(expected, actual, $"{width}x{height}, aliased");
            }
        }
    }

    [Fact]
    public void ShiftRight_WithTheSameArrayTwice_RunsAsWritten()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int width in Widths)
        {
            int[] start = Inputs.Make<int>(width * 3, random);
            int[] expected = (int[])start.Clone(), actual = (int[])start.Clone();
            LoopKernels.ShiftRight(expected, expected, width, 3);
            LoopKernels.ShiftRightFast(actual, actual, width, 3);
            Equal(expected, actual, $"width {width}, in place");

            int[] separate = new int[start.Length], separateExpected = new int[start.Length];
            LoopKernels.ShiftRight(start, separateExpected, width, 3);
            LoopKernels.ShiftRightFast(start, separate, width, 3);
            Equal(separateExpected, separate, $"width {width}");
        }
    }

    [Fact]
    public void IntegerReductions_InTheRowLoop_AreExact()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int height in Heights)
        {
            foreach (int width in Widths)
            {
                int[] values = Inputs.Make<int>(width * height, random);
                Assert.Equal(LoopKernels.RowReductions(values, width, height), LoopKernels.RowReductionsFast(values, width, height));
            }
        }
    }

    [Fact]
    public void SubtractingReduction_InTheRowLoop_EqualsTheKernel()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int height in Heights)
        {
            foreach (int width in Widths)
            {
                int[] values = Inputs.Make<int>(width * height, random);
                Assert.Equal(LoopKernels.SubtractingReduction(values, width, height), LoopKernels.SubtractingReductionFast(values, width, height));
            }
        }
    }

    [Fact]
    public void LazyConditional_PerLane_ReadsEachLanesOwnElement()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int height in Heights)
        {
            foreach (int width in Widths)
            {
                int[] src = Inputs.Make<int>(width * height, random);
                int[] expected = new int[src.Length], actual = new int[src.Length];
                LoopKernels.LazyConditional(src, expected, width, height, 7);
                LoopKernels.LazyConditionalFast(src, actual, width, height, 7);
                Equal(expected, actual, $"{width}x{height}");
            }
        }

        // The remainder by zero throws for the lanes that take that branch, as in the kernel.
        int[] positive = { 1, 2, 3 };
        Assert.Throws<DivideByZeroException>(() => LoopKernels.LazyConditionalFast(positive, new int[3], 3, 1, 0));
        LoopKernels.LazyConditionalFast(new[] { -1, -2, -3 }, new int[3], 3, 1, 0);
    }

    [Fact]
    public void NarrowUniformReduction_EqualsTheKernel()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int height in Heights)
        {
            foreach (int width in Widths)
            {
                long[] src = Inputs.Make<long>(width * height, random);
                long[] expected = new long[src.Length], actual = new long[src.Length];
                uint mask = (uint)random.Next();
                Assert.Equal(LoopKernels.NarrowUniformReduction(src, expected, width, height, mask), LoopKernels.NarrowUniformReductionFast(src, actual, width, height, mask));
                Equal(expected, actual, $"{width}x{height}");
            }
        }
    }

    [Fact]
    public void FloatSum_InTheRowLoop_KeepsTheKernelsOrderWithinAChunk_AndFastMathStaysClose()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int width in Widths)
        {
            // One row: one chunk, so the ordered sum is bit-exact.
            float[] row = Enumerable.Range(0, width).Select(_ => (float)(random.Unit() * 2 - 1)).ToArray();
            Assert.Equal(LoopKernels.RowSum(row, width, 1), LoopKernels.RowSumOrdered(row, width, 1));
            float fast = LoopKernels.RowSumFastMath(row, width, 1), expected = LoopKernels.RowSum(row, width, 1);
            Assert.True(fast == expected || Math.Abs(fast - expected) <= 1e-5f * Math.Max(1, width), $"width {width}: kernel {expected}, FastMath {fast}");
            Assert.Equal(fast, LoopKernels.RowSumFastMath(row, width, 1));
        }

        // NaN and infinities reach the result whatever the order.
        float[] special = { 1, float.PositiveInfinity, 2, 3 };
        Assert.Equal(float.PositiveInfinity, LoopKernels.RowSumFastMath(special, 4, 1));
        special[2] = float.NaN;
        Assert.True(float.IsNaN(LoopKernels.RowSumOrdered(special, 4, 1)));
    }

    [Fact]
    public void GatherAndRamp_EqualsTheKernel()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        double[] table = Inputs.Make<double>(97, random);
        foreach (int height in Heights)
        {
            foreach (int width in Widths)
            {
                int[] indexes = Enumerable.Range(0, width * height).Select(_ => random.Below(table.Length)).ToArray();
                double[] expected = new double[width * height], actual = new double[width * height];
                LoopKernels.GatherAndRamp(table, indexes, expected, width, height);
                LoopKernels.GatherAndRampFast(table, indexes, actual, width, height);
                Equal(expected, actual, $"{width}x{height}");
            }
        }

        // A bad index throws as the kernel does.
        int[] bad = { 0, 0, 500, 0 };
        Assert.Throws<IndexOutOfRangeException>(() => LoopKernels.GatherAndRampFast(table, bad, new double[4], 4, 1));
    }

    [Fact]
    public void Convolve_WithClampedBordersAndUniformLoops_EqualsTheKernel()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int radius in new[] { 0, 1, 3 })
        {
            int size = 2 * radius + 1;
            float[] weights = Enumerable.Range(0, size * size).Select(_ => (float)random.Unit()).ToArray();
            foreach (int height in Heights)
            {
                foreach (int width in Widths.Where(w => w > 0))
                {
                    float[] src = Enumerable.Range(0, width * height).Select(_ => (float)(random.Unit() * 10 - 5)).ToArray();
                    float[] expected = new float[src.Length], actual = new float[src.Length];
                    LoopKernels.Convolve(src, weights, expected, width, height, radius, square: radius == 1);
                    LoopKernels.ConvolveFast(src, weights, actual, width, height, radius, square: radius == 1);
                    Equal(expected, actual, $"{width}x{height}, radius {radius}");
                }
            }
        }
    }

    [Fact]
    public void ReadingPastTheEnd_Throws_AsTheKernelDoes()
    {
        foreach (int width in new[] { 1, 5, 16, 64, 100 })
        {
            float[] src = new float[width * 2], dst = new float[width * 2];
            Assert.Throws<IndexOutOfRangeException>(() => LoopKernels.ReadsPastTheEnd(src, dst, width, 2));
            Assert.Throws<IndexOutOfRangeException>(() => LoopKernels.ReadsPastTheEndFast(src, dst, width, 2));
        }
    }

    /// <summary>
    /// Max and Min accumulated in four registers per step: the same value as the kernel's, to the bit, whatever the
    /// order (NaN wins, +0 beats -0 in Max and -0 beats +0 in Min); once with the inputs' NaNs, once with each NaN
    /// replaced by a zero of either sign, so zeros and infinities decide.
    /// </summary>
    [Fact]
    public void UnrolledMaxAndMinReductions_EqualTheKernelToTheBit()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int height in Heights)
        {
            foreach (int width in Widths.Concat(new[] { 511, 512, 513, 1000 }))
            {
                foreach (bool withNaN in new[] { true, false })
                {
                    float[] floats = Inputs.Make<float>(width * height, random);
                    double[] doubles = Inputs.Make<double>(width * height, random);
                    if (!withNaN)
                    {
                        floats = floats.Select(v => float.IsNaN(v) ? (random.Below(2) == 0 ? 0f : -0f) : v).ToArray();
                        doubles = doubles.Select(v => double.IsNaN(v) ? (random.Below(2) == 0 ? 0.0 : -0.0) : v).ToArray();
                    }

                    string what = $"{width}x{height}{(withNaN ? "" : ", no NaN")}";
                    float expectedPeak = LoopKernels.RowPeak(floats, width, height), actualPeak = LoopKernels.RowPeakFast(floats, width, height);
                    Assert.True(Check.Same(expectedPeak, actualPeak, 0), $"peak {what}: kernel {expectedPeak}, generated {actualPeak}");
                    double expectedLow = LoopKernels.RowLow(doubles, width, height), actualLow = LoopKernels.RowLowFast(doubles, width, height);
                    Assert.True(Check.Same(expectedLow, actualLow, 0), $"low {what}: kernel {expectedLow}, generated {actualLow}");
                }
            }
        }
    }

    /// <summary>
    /// The row's steps run without per-step range tests when one test before them covers every step (loop
    /// versioning); when it fails (a shift or clamp bound that leaves the buffer in some step), the steps keep their
    /// tests. Either way the result is the kernel's, and an index out of range throws as in the kernel.
    /// </summary>
    [Fact]
    public void AccessesTestedOncePerRow_EqualTheKernel_InRangeOrNot()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int height in Heights)
        {
            foreach (int width in Widths.Where(w => w > 0))
            {
                int length = width * height;
                foreach (int shift in new[] { -17, -1, 0, 1, 3, 16, 33 })
                {
                    foreach ((int clampLow, int clampHigh) in new[] { (0, 0), (0, width - 1), (2, width + 5), (-3, length - 1), (0, length + 3), (1, width - 1), (5, 4) })
                    {
                        // Spare elements at both ends of the source, so some shifts stay inside and some do not.
                        float[] src = Inputs.Make<float>(length + 20, random);
                        float[] expected = new float[length], actual = new float[length];
                        Exception? kernelError = Record.Exception(() => LoopKernels.ShiftedWindow(src, expected, width, height, shift, clampLow, clampHigh));
                        Exception? generatedError = Record.Exception(() => LoopKernels.ShiftedWindowFast(src, actual, width, height, shift, clampLow, clampHigh));
                        string what = $"{width}x{height}, shift {shift}, clamp [{clampLow}, {clampHigh}]";

                        // Both throw or neither. The type may differ when two exceptions are due in one step (the
                        // step reads all its lanes of one access before the next): a crossed clamp and a shift
                        // past the end, say.
                        Assert.True((kernelError is null) == (generatedError is null), $"{what}: kernel {kernelError?.GetType().Name ?? "returns"}, generated {generatedError?.GetType().Name ?? "returns"}");
                        if (clampLow <= clampHigh)
                        {
                            Assert.Equal(kernelError?.GetType(), generatedError?.GetType());
                        }

                        if (kernelError is null)
                        {
                            Equal(expected, actual, what);
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void TwoDimensionalAccessesTestedOncePerRow_EqualTheKernel_InRangeOrNot()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int rows in new[] { 1, 3 })
        {
            foreach (int columns in Widths)
            {
                foreach ((int rowShift, int columnShift) in new[] { (0, 0), (1, 0), (0, 2), (-1, 0), (0, -1), (2, 5), (0, 9) })
                {
                    double[,] a = new double[rows, columns];
                    double[,] b = new double[rows + 2, columns + 5];
                    double[] values = Inputs.Make<double>(a.Length + b.Length, random);
                    Buffer.BlockCopy(values, 0, a, 0, a.Length * sizeof(double));
                    Buffer.BlockCopy(values, a.Length * sizeof(double), b, 0, b.Length * sizeof(double));
                    var expected = (double[,])a.Clone();
                    var actual = (double[,])a.Clone();
                    Exception? kernelError = Record.Exception(() => LoopKernels.ShiftedBlend(expected, b, rowShift, columnShift));
                    Exception? generatedError = Record.Exception(() => LoopKernels.ShiftedBlendFast(actual, b, rowShift, columnShift));
                    string what = $"{rows}x{columns}, shifts {rowShift}, {columnShift}";
                    Assert.Equal(kernelError?.GetType(), generatedError?.GetType());
                    if (kernelError is null)
                    {
                        Equal(expected.Cast<double>().ToArray(), actual.Cast<double>().ToArray(), what);
                    }
                }
            }
        }
    }

    [Fact]
    public void BranchesThatDifferPerElement_EqualTheKernel()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int height in Heights)
        {
            foreach (int width in Widths)
            {
                float[] src = Inputs.Make<float>(width * height, random), state = Inputs.Make<float>(width * height, random);
                float[] expected = new float[src.Length], actual = new float[src.Length];
                float[] expectedState = (float[])state.Clone(), actualState = (float[])state.Clone();
                LoopKernels.Branches(src, expected, expectedState, width, height);
                LoopKernels.BranchesFast(src, actual, actualState, width, height);
                Equal(expected, actual, $"{width}x{height}");
                Equal(expectedState, actualState, $"{width}x{height}, state");
            }
        }
    }
}
