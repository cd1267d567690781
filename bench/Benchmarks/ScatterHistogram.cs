using System;
using BenchmarkDotNet.Attributes;
using SourceGen.Internal;
using static SourceGen.Loops;

namespace SourceGen.Bench;

/// <summary>
/// A scatter reduction's two strategies: a histogram of 16M random values into 256 bins (contended: every bin is
/// hot), into 1M bins (a 4 MB array, updates spread out) and into 16M bins (copies as large as the work), and of 1M
/// values into 16M bins (copies 32 times the work), with per-chunk private copies, atomic increments, and the
/// measured choice (<c>ScatterReduction.PrivateCopyRatio</c>), against the kernel as written on one thread.
/// </summary>
public partial class ScatterHistogram
{
    public static readonly (int Values, int Bins)[] Cases = { (1 << 24, 256), (1 << 24, 1 << 20), (1 << 24, 1 << 24), (1 << 20, 1 << 24) };

    [ParamsSource(nameof(CaseNames))]
    public string Case = "";

    public static string[] CaseNames => Array.ConvertAll(Cases, c => $"{c.Values >> 20}M values, {(c.Bins < 1 << 20 ? c.Bins.ToString() : (c.Bins >> 20) + "M")} bins");

    private int[] _values = null!, _histogram = null!;

    public static void Histogram(ReadOnlySpan<int> values, int[] bins)
    {
        foreach (int i in Prange(values.Length))
        {
            bins[values[i]]++;
        }
    }

    [Parallel(nameof(Histogram))]
    public static partial void HistogramParallel(ReadOnlySpan<int> values, int[] bins);

    [GlobalSetup]
    public void Setup()
    {
        (int values, int bins) = Cases[Array.IndexOf(CaseNames, Case)];
        var random = new Random(17);
        _values = new int[values];
        for (int i = 0; i < _values.Length; i++)
        {
            _values[i] = random.Next(bins);
        }

        _histogram = new int[bins];
    }

    [Benchmark(Baseline = true)]
    public void AsWritten() => Histogram(_values, _histogram);

    [Benchmark]
    public void PrivateCopies()
    {
        ScatterReduction.Strategy = ScatterStrategy.PrivateCopies;
        HistogramParallel(_values, _histogram);
    }

    [Benchmark]
    public void Atomics()
    {
        ScatterReduction.Strategy = ScatterStrategy.Atomics;
        HistogramParallel(_values, _histogram);
    }

    [Benchmark]
    public void Measured()
    {
        ScatterReduction.Strategy = ScatterStrategy.Measured;
        HistogramParallel(_values, _histogram);
    }
}
