using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Threading;
using SourceGen.Internal;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>
/// The chunks of a parallel call run in the caller's ExecutionContext of that call (culture, AsyncLocal values), as
/// Parallel.For's do: the worker team's threads outlive the context they started in.
/// </summary>
/// <remarks>
/// Alone (no other test runs meanwhile): the calls must reach the worker team, which runs one call at a time and
/// sends a concurrent call to the thread pool.
/// </remarks>
[Collection(nameof(ExecutionContextTests))]
public sealed class ExecutionContextTests
{
    private static readonly AsyncLocal<string?> Tag = new();

    /// <summary>What one chunk saw, and on which thread.</summary>
    private readonly record struct Seen(string Culture, string? Tag, int Thread);

    /// <summary>Runs <paramref name="call"/> under a culture and a tag; every chunk must see both.</summary>
    private static void AllChunksSeeTheCaller(string culture, string tag, Action<Action> call)
    {
        CultureInfo before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        Tag.Value = tag;
        try
        {
            // Until a chunk ran on another thread than the caller's (a worker busy elsewhere may wake late), at most 20 calls.
            var seen = new ConcurrentBag<Seen>();
            for (int attempt = 0; attempt < 20 && seen.All(s => s.Thread == Environment.CurrentManagedThreadId); attempt++)
            {
                call(() =>
                {
                    seen.Add(new Seen(CultureInfo.CurrentCulture.Name, Tag.Value, Environment.CurrentManagedThreadId));

                    // Long enough that every worker wakes and takes chunks, not only the caller.
                    Thread.Sleep(3);
                });
                if (Environment.ProcessorCount == 1)
                {
                    break;
                }
            }

            Assert.NotEmpty(seen);
            Assert.All(seen, s => Assert.Equal((culture, tag), (s.Culture, s.Tag)));
            Assert.True(Environment.ProcessorCount == 1 || seen.Any(s => s.Thread != Environment.CurrentManagedThreadId), "a chunk ran on another thread");
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
            Tag.Value = null;
        }
    }

    [Fact]
    public void ParallelChunks_SeeTheCallersCultureAndAsyncLocals_AfterAChangeBetweenCalls()
    {
        static void Call(Action chunk) => ParallelChunks.For(4096, 1, 1 << 10, (in PinnedBuffers _, int start, int count) => chunk(), ParallelChunks.Pin(new float[1].AsSpan()));
        AllChunksSeeTheCaller("de-DE", "first", Call);
        AllChunksSeeTheCaller("en-US", "second", Call);
        AllChunksSeeTheCaller("fr-FR", "third", Call);
    }

    [Fact]
    public void ParallelLoops_SeeTheCallersCultureAndAsyncLocals_AfterAChangeBetweenCalls()
    {
        static void Call(Action chunk) => ParallelLoops.For(0, 64, (in PinnedBuffers _, int index, int from, int to) => chunk());
        AllChunksSeeTheCaller("ja-JP", "first", Call);
        AllChunksSeeTheCaller("de-DE", "second", Call);
    }

    [Fact]
    public void Chunks_FormatNumbersOneWay_InOneCall()
    {
        CultureInfo before = CultureInfo.CurrentCulture;
        try
        {
            foreach (string culture in new[] { "de-DE", "en-US", "de-DE" })
            {
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
                var formatted = new ConcurrentBag<string>();
                ParallelLoops.For(0, 64, (in PinnedBuffers _, int index, int from, int to) =>
                {
                    formatted.Add(1.5.ToString());
                    Thread.Sleep(2);
                });
                Assert.Equal(new[] { 1.5.ToString() }, formatted.Distinct());
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}

/// <summary>Runs <see cref="ExecutionContextTests"/> with no other test class at the same time.</summary>
[CollectionDefinition(nameof(ExecutionContextTests), DisableParallelization = true)]
public sealed class ExecutionContextCollection;
