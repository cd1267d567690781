using System;
using System.Threading;
using SourceGen.Internal;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>
/// The worker team's protocol: every iteration of a parallel loop runs exactly once and before the loop returns,
/// loop after loop (workers that wake late must find their loop finished and claim nothing of the next one), and
/// an exception stops the loop only after every chunk that started has finished.
/// </summary>
[Collection(nameof(ExecutionContextTests))]
public sealed class WorkerTeamTests
{
    [Fact]
    public void EveryIterationRunsOnceBeforeTheLoopReturns_LoopAfterLoop()
    {
        var random = new Random(18);
        int[] runs = new int[4096];
        int late = 0;
        for (int loop = 0; loop < 4000; loop++)
        {
            // Mostly small loops (the caller alone), some long enough for the workers to wake and join.
            int iterations = loop % 50 == 0 ? random.Next(1000, 4096) : random.Next(0, 300);
            bool returned = false;
            Array.Clear(runs, 0, iterations);
            ParallelLoops.For(0, iterations, (in PinnedBuffers _, int chunk, int from, int to) =>
            {
                for (int i = from; i < to; i++)
                {
                    Interlocked.Increment(ref runs[i]);
                    if (iterations > 1000)
                    {
                        Thread.SpinWait(50);
                    }
                }

                if (Volatile.Read(ref returned))
                {
                    Interlocked.Increment(ref late);
                }
            });
            Volatile.Write(ref returned, true);
            for (int i = 0; i < iterations; i++)
            {
                Assert.True(runs[i] == 1, $"loop {loop} ({iterations} iterations): iteration {i} ran {runs[i]} times");
            }
        }

        Thread.Sleep(20);
        Assert.Equal(0, Volatile.Read(ref late));
    }

    [Fact]
    public void AnExceptionIsRethrownAfterEveryStartedChunkFinished()
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            int running = 0;
            int runningAtReturn = -1;
            var thrown = Assert.Throws<InvalidOperationException>(() =>
            {
                try
                {
                    ParallelLoops.For(0, 64, (in PinnedBuffers _, int chunk, int from, int to) =>
                    {
                        Interlocked.Increment(ref running);
                        try
                        {
                            Thread.SpinWait(200);
                            if (chunk == 17)
                            {
                                throw new InvalidOperationException("chunk 17");
                            }
                        }
                        finally
                        {
                            Interlocked.Decrement(ref running);
                        }
                    });
                }
                finally
                {
                    runningAtReturn = Volatile.Read(ref running);
                }
            });
            Assert.Equal("chunk 17", thrown.Message);
            Assert.Equal(0, runningAtReturn);
        }
    }
}
