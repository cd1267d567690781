using System;
using SourceGen;
using static SourceGen.Loops;

namespace SourceGen.Differential.Tests.Kernels;

/// <summary>[Parallel] kernels with scatter reductions: updates at indexes read from data (histograms, per-key sums, peaks).</summary>
public static partial class ScatterKernels
{
    /// <summary>A 256-bin histogram of bytes (int counts: private copies or atomics).</summary>
    public static void ByteHistogram(ReadOnlySpan<byte> values, int[] bins)
    {
        foreach (int i in Prange(values.Length))
        {
            bins[values[i]]++;
        }
    }

    [Parallel(nameof(ByteHistogram))]
    public static partial void ByteHistogramFast(ReadOnlySpan<byte> values, int[] bins);

    [Parallel(nameof(ByteHistogram), Target = Target.Cpu)]
    public static partial void ByteHistogramCpu(ReadOnlySpan<byte> values, int[] bins);

    /// <summary>Per-key sums into a span of longs, and a count taken back (+=, -=, --, ++ are one family).</summary>
    public static void KeySums(ReadOnlySpan<int> keys, ReadOnlySpan<int> values, Span<long> sums)
    {
        foreach (int i in Prange(keys.Length))
        {
            int k = keys[i] % sums.Length;
            sums[k] += values[i];
            sums[k] -= values[i] / 3;
            sums[k]--;
            ++sums[(k + 1) % sums.Length];
        }
    }

    [Parallel(nameof(KeySums))]
    public static partial void KeySumsFast(ReadOnlySpan<int> keys, ReadOnlySpan<int> values, Span<long> sums);

    /// <summary>Per-key maxima and minima (Math.Max with the element first or second).</summary>
    public static void KeyPeaks(int[] keys, int[] values, int[] max, uint[] min)
    {
        foreach (int i in Prange(keys.Length))
        {
            max[keys[i]] = Math.Max(max[keys[i]], values[i]);
            min[keys[i]] = Math.Min((uint)values[i], min[keys[i]]);
        }
    }

    [Parallel(nameof(KeyPeaks))]
    public static partial void KeyPeaksFast(int[] keys, int[] values, int[] max, uint[] min);

    /// <summary>Bit sets per key (|=), parities (^=) and masks (&amp;=).</summary>
    public static void KeyBits(int[] keys, ulong[] any, uint[] parity, long[] all)
    {
        foreach (int i in Prange(keys.Length))
        {
            int k = keys[i];
            any[k] |= 1UL << (i & 63);
            parity[k] ^= (uint)i * 2654435761u;
            all[k] &= ~(1L << (i % 61));
        }
    }

    [Parallel(nameof(KeyBits))]
    public static partial void KeyBitsFast(int[] keys, ulong[] any, uint[] parity, long[] all);

    /// <summary>Float sums and peaks per key: private copies only (deterministic for a thread count).</summary>
    public static void FloatSums(ReadOnlySpan<int> keys, ReadOnlySpan<float> values, float[] sums, Span<double> peaks)
    {
        foreach (int i in Prange(keys.Length))
        {
            sums[keys[i]] += values[i];
            peaks[keys[i]] = Math.Max(peaks[keys[i]], values[i]);
        }
    }

    [Parallel(nameof(FloatSums))]
    public static partial void FloatSumsFast(ReadOnlySpan<int> keys, ReadOnlySpan<float> values, float[] sums, Span<double> peaks);

    /// <summary>Per-channel histograms in a two-dimensional array, from rows whose scaling runs in SIMD steps.</summary>
    public static void ChannelHistograms(ReadOnlySpan<byte> pixels, Span<float> scaled, long[,] histograms, int width, int height)
    {
        foreach (int y in Prange(height))
        {
            for (int x = 0; x < width; x++)
            {
                scaled[y * width + x] = pixels[y * width + x] * (1f / 255f);
            }

            for (int x = 0; x < width; x++)
            {
                histograms[x % 3, pixels[y * width + x]] += 1;
            }
        }
    }

    [Parallel(nameof(ChannelHistograms))]
    public static partial void ChannelHistogramsFast(ReadOnlySpan<byte> pixels, Span<float> scaled, long[,] histograms, int width, int height);

    /// <summary>Small integer counts (no atomic form: private copies, wrapping as the kernel does).</summary>
    public static void ByteCounts(ReadOnlySpan<int> keys, byte[] counts)
    {
        foreach (int i in Prange(keys.Length))
        {
            counts[keys[i]] += 3;
        }
    }

    [Parallel(nameof(ByteCounts))]
    public static partial void ByteCountsFast(ReadOnlySpan<int> keys, byte[] counts);
}
