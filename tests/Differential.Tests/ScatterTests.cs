using System;
using System.Linq;
using SourceGen.Differential.Tests.Harness;
using SourceGen.Differential.Tests.Kernels;
using SourceGen.Internal;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>
/// [Parallel] scatter reductions against their kernels as written: integer results exactly, under each strategy
/// (private copies, atomics, and the measured choice), float results within rounding and the same on every run.
/// One class, so its tests (which set the process-wide strategy) do not run at once.
/// </summary>
public sealed class ScatterTests : IDisposable
{
    private static readonly ScatterStrategy[] Strategies = { ScatterStrategy.Measured, ScatterStrategy.PrivateCopies, ScatterStrategy.Atomics };
    private static readonly int[] Sizes = { 0, 1, 2, 3, 31, 1000, 4099 };

    public void Dispose() => ScatterReduction.Strategy = ScatterStrategy.Measured;

    [Fact]
    public void ByteHistogram_Of16MRandomBytes_EqualsTheKernelExactly()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        byte[] values = new byte[1 << 24];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (byte)random.Next();
        }

        int[] expected = new int[256];
        ScatterKernels.ByteHistogram(values, expected);
        Assert.Equal(values.Length, expected.Sum());
        foreach (ScatterStrategy strategy in Strategies)
        {
            ScatterReduction.Strategy = strategy;
            int[] actual = new int[256];
            ScatterKernels.ByteHistogramFast(values, actual);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{strategy}: lost {expected.Sum() - actual.Sum()} of {values.Length} increments");
        }

        int[] cpu = new int[256];
        ScatterKernels.ByteHistogramCpu(values, cpu);
        Assert.Equal(expected, cpu);
    }

    [Fact]
    public void ByteHistogram_AddsToWhatTheBinsHold_OnEverySize()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int n in Sizes)
        {
            byte[] values = Inputs.Make<byte>(n, random);
            int[] start = Enumerable.Range(0, 256).Select(b => b * 7 - 100).ToArray();
            int[] expected = (int[])start.Clone();
            ScatterKernels.ByteHistogram(values, expected);
            foreach (ScatterStrategy strategy in Strategies)
            {
                ScatterReduction.Strategy = strategy;
                int[] actual = (int[])start.Clone();
                ScatterKernels.ByteHistogramFast(values, actual);
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"n = {n}, {strategy}");
            }
        }
    }

    [Fact]
    public void KeySums_OfRandomIntsInto1000Bins_EqualTheKernelExactly()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int n in Sizes.Append(1 << 20))
        {
            int[] keys = Enumerable.Range(0, n).Select(_ => random.Below(int.MaxValue)).ToArray();
            int[] values = Enumerable.Range(0, n).Select(_ => (int)random.Next()).ToArray();
            long[] expected = new long[1000];
            ScatterKernels.KeySums(keys, values, expected);
            foreach (ScatterStrategy strategy in Strategies)
            {
                ScatterReduction.Strategy = strategy;
                long[] actual = new long[1000];
                ScatterKernels.KeySumsFast(keys, values, actual);
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"n = {n}, {strategy}");
            }
        }
    }

    [Fact]
    public void KeyPeaks_MaxAndMin_EqualTheKernelExactly()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int n in Sizes.Append(200_000))
        {
            int[] keys = Enumerable.Range(0, n).Select(_ => random.Below(1000)).ToArray();
            int[] values = Enumerable.Range(0, n).Select(_ => (int)random.Next()).ToArray();
            int[] max = Enumerable.Range(0, 1000).Select(k => k - 500).ToArray();
            uint[] min = Enumerable.Range(0, 1000).Select(k => (uint)k * 4_000_000u).ToArray();
            int[] expectedMax = (int[])max.Clone();
            uint[] expectedMin = (uint[])min.Clone();
            ScatterKernels.KeyPeaks(keys, values, expectedMax, expectedMin);
            foreach (ScatterStrategy strategy in Strategies)
            {
                ScatterReduction.Strategy = strategy;
                int[] actualMax = (int[])max.Clone();
                uint[] actualMin = (uint[])min.Clone();
                ScatterKernels.KeyPeaksFast(keys, values, actualMax, actualMin);
                Assert.True(expectedMax.AsSpan().SequenceEqual(actualMax) && expectedMin.AsSpan().SequenceEqual(actualMin), $"n = {n}, {strategy}");
            }
        }
    }

    [Fact]
    public void KeyBits_OrXorAnd_EqualTheKernelExactly()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int n in Sizes.Append(300_000))
        {
            int[] keys = Enumerable.Range(0, n).Select(_ => random.Below(100)).ToArray();
            (ulong[] Any, uint[] Parity, long[] All) Start() => (new ulong[100], Enumerable.Range(0, 100).Select(k => (uint)k).ToArray(), Enumerable.Repeat(-1L, 100).ToArray());
            (ulong[] any, uint[] parity, long[] all) = Start();
            ScatterKernels.KeyBits(keys, any, parity, all);
            foreach (ScatterStrategy strategy in Strategies)
            {
                ScatterReduction.Strategy = strategy;
                (ulong[] any2, uint[] parity2, long[] all2) = Start();
                ScatterKernels.KeyBitsFast(keys, any2, parity2, all2);
                Assert.True(any.AsSpan().SequenceEqual(any2) && parity.AsSpan().SequenceEqual(parity2) && all.AsSpan().SequenceEqual(all2), $"n = {n}, {strategy}");
            }
        }
    }

    [Fact]
    public void FloatSums_EqualTheKernelWithinRounding_TheSameOnEveryRun_PeaksExactly()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int n in Sizes.Append(1 << 20))
        {
            int[] keys = Enumerable.Range(0, n).Select(_ => random.Below(1000)).ToArray();
            float[] values = Enumerable.Range(0, n).Select(_ => (float)random.Unit()).ToArray();
            float[] sums = new float[1000];
            double[] peaks = Enumerable.Repeat(double.NegativeInfinity, 1000).ToArray();
            ScatterKernels.FloatSums(keys, values, sums, peaks);
            float[] first = null!;
            foreach (ScatterStrategy strategy in Strategies)
            {
                ScatterReduction.Strategy = strategy;
                for (int run = 0; run < 3; run++)
                {
                    float[] actualSums = new float[1000];
                    double[] actualPeaks = Enumerable.Repeat(double.NegativeInfinity, 1000).ToArray();
                    ScatterKernels.FloatSumsFast(keys, values, actualSums, actualPeaks);
                    Assert.True(peaks.AsSpan().SequenceEqual(actualPeaks), $"n = {n}: peaks");
                    for (int k = 0; k < 1000; k++)
                    {
                        // About n / 1000 terms in [0, 1) per key, summed in float: a relative 1e-4 is far above rounding.
                        Assert.True(Math.Abs(sums[k] - actualSums[k]) <= 1e-4f * Math.Max(1f, sums[k]), $"n = {n}, key {k}: kernel {sums[k]}, generated {actualSums[k]}");
                    }

                    // Float elements never use atomics: every strategy gives the same bits.
                    first ??= actualSums;
                    Assert.True(first.AsSpan().SequenceEqual(actualSums), $"n = {n}, {strategy}, run {run}: not deterministic");
                }
            }
        }
    }

    [Fact]
    public void ChannelHistograms_TwoDimensionalTarget_BesideARowLoopInSimdSteps()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach ((int width, int height) in new[] { (0, 0), (1, 1), (7, 5), (100, 33), (640, 480) })
        {
            byte[] pixels = Inputs.Make<byte>(width * height, random);
            float[] scaled = new float[width * height], scaled2 = new float[width * height];
            var expected = new long[3, 256];
            ScatterKernels.ChannelHistograms(pixels, scaled, expected, width, height);
            foreach (ScatterStrategy strategy in Strategies)
            {
                ScatterReduction.Strategy = strategy;
                var actual = new long[3, 256];
                ScatterKernels.ChannelHistogramsFast(pixels, scaled2, actual, width, height);
                Assert.True(ScatterReduction.Elements(expected).SequenceEqual(ScatterReduction.Elements(actual)), $"{width}×{height}, {strategy}");
                Assert.True(scaled.AsSpan().SequenceEqual(scaled2));
            }
        }
    }

    [Fact]
    public void ByteCounts_WrapAsTheKernelDoes()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        int[] keys = Enumerable.Range(0, 100_000).Select(_ => random.Below(10)).ToArray();
        byte[] expected = new byte[10], actual = new byte[10];
        ScatterKernels.ByteCounts(keys, expected);
        ScatterKernels.ByteCountsFast(keys, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void AnIndexOutOfRange_Throws_AsTheKernelDoes()
    {
        byte[] values = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        foreach (ScatterStrategy strategy in Strategies)
        {
            ScatterReduction.Strategy = strategy;
            Assert.Throws<IndexOutOfRangeException>(() => ScatterKernels.ByteHistogramFast(values, new int[200]));
            Assert.Throws<IndexOutOfRangeException>(() => ScatterKernels.KeySumsFast(new[] { 1, -7 }, new[] { 1, 2 }, new long[4]));
        }
    }
}
