using System;
using System.Diagnostics;

namespace SourceGen.Kernels.Cli;

/// <summary>Wall-clock medians for the tour and <c>bench</c> (bench/ has the BenchmarkDotNet suites).</summary>
internal static class Timing
{
    /// <summary>The median of <paramref name="repeats"/> runs in milliseconds, after three warm-up runs.</summary>
    public static double Median(Action action, int repeats)
    {
        for (int i = 0; i < 3; i++)
        {
            action();
        }

        var times = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[repeats / 2];
    }

    public static double Once(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}
