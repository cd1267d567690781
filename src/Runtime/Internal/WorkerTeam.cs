using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace SourceGen.Internal;

/// <summary>
/// The threads that run parallel loops: one per processor beyond the caller's, started once and reused, as an
/// OpenMP runtime keeps its team. A loop's chunks are cut into one contiguous block per thread, and each thread
/// starts with its own block, so the same rows go to the same core loop after loop (an iterative solver's data
/// stays in that core's caches); a thread that finishes early takes chunks from the others' blocks, so uneven
/// chunks still balance. Between loops the workers spin briefly before sleeping: the next loop of a solver
/// starts without waking a thread. Each loop's chunks run in the caller's <see cref="ExecutionContext"/> (culture,
/// <see cref="AsyncLocal{T}"/> values) of that call, as <c>Parallel.For</c>'s do, not in the one the team started in.
/// </summary>
/// <remarks>
/// The caller waits for the chunks, not for the workers: a worker that has not started when the caller has taken
/// every chunk (its core busy with another process, or asleep) is not waited for, so a loop on a loaded machine
/// takes about as long as on one thread, not a scheduler time slice longer. Each loop is its own object, so a
/// worker that wakes late finds its loop finished and claims nothing.
/// </remarks>
internal sealed class WorkerTeam
{
    /// <summary>How long an idle worker spins for the next loop before it sleeps.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000; // 200 µs

    /// <summary>
    /// How long the caller works alone on a loop of many chunks before it wakes sleeping workers: about what waking
    /// one costs (a system call here, tens of microseconds until it runs). Measured with bench/Benchmarks/HeatStep.cs.
    /// </summary>
    private static readonly long WakeDelayTicks = Stopwatch.Frequency / 50000; // 20 µs

    private static WorkerTeam? s_shared;

    private readonly int _participants;
    /// <summary>1 while a loop runs (not a Monitor: a chunk on the calling thread may start a nested loop, which must not re-enter).</summary>
    private int _busy;
    private readonly ManualResetEventSlim[] _wake;
    private readonly ManualResetEventSlim _done = new(false);
    /// <summary>The loop the workers join; replaced, never reused, by the next one.</summary>
    private Loop? _current;
    private int _generation;

    /// <summary>One parallel loop: its chunks, who has claimed how many, and how many are finished.</summary>
    private sealed class Loop
    {
        public readonly Action<int> Body;
        /// <summary>The caller's context for this loop; null when its flow is suppressed (the workers' own, default, one).</summary>
        public readonly ExecutionContext? Context;
        public readonly int Chunks;
        public readonly PaddedInt[] Next;
        public readonly int[] End;
        public int Finished;
        public Exception? Error;

        public Loop(int chunks, int participants, Action<int> body)
        {
            Body = body;
            Chunks = chunks;
            Context = ExecutionContext.Capture();
            Next = new PaddedInt[participants];
            End = new int[participants];
            for (int block = 0; block < participants; block++)
            {
                Next[block].Value = (int)((long)chunks * block / participants);
                End[block] = (int)((long)chunks * (block + 1) / participants);
            }
        }
    }

    private WorkerTeam(int participants)
    {
        _participants = participants;
        _wake = new ManualResetEventSlim[participants];
        for (int worker = 1; worker < participants; worker++)
        {
            _wake[worker] = new ManualResetEventSlim(false);
            int index = worker;
            var thread = new Thread(() => Work(index)) { IsBackground = true, Name = $"SourceGen worker {worker}" };

            // Without flow: a worker keeps no context (nor the AsyncLocal values it holds alive) of whoever started the team.
            using (ExecutionContext.SuppressFlow())
            {
                thread.Start();
            }
        }
    }

    /// <summary>The process's team: one thread per processor, the caller included.</summary>
    public static WorkerTeam Shared
    {
        get
        {
            if (s_shared is null)
            {
                Interlocked.CompareExchange(ref s_shared, new WorkerTeam(Math.Max(1, Environment.ProcessorCount)), null);
            }

            return s_shared;
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> for chunks 0 to <paramref name="chunks"/> - 1 on the team and the calling thread,
    /// and returns when all are done; the first exception a chunk throws is rethrown as itself. False (nothing run)
    /// when the team is busy with another caller's loop (a nested or concurrent parallel loop).
    /// </summary>
    public bool TryRun(int chunks, Action<int> body)
    {
        if (_participants == 1 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            return false;
        }

        try
        {
            var loop = new Loop(chunks, _participants, body);
            Volatile.Write(ref _current, loop);
            Interlocked.Increment(ref _generation);

            // Workers still spinning from the last loop join at once. Sleeping ones are woken now when the loop has few
            // (so long) chunks, else only if chunks are left after WakeDelayTicks: a loop the caller finishes alone
            // in that time (a small Prange loop) costs no wake-up, and never waits for a thread that is slow to come.
            if (chunks <= 2 * _participants)
            {
                WakeWorkers();
                Participate(loop, 0, long.MaxValue);
            }
            else
            {
                Participate(loop, 0, Stopwatch.GetTimestamp() + WakeDelayTicks);
            }

            // Every chunk is claimed now; the ones other threads hold finish soon (a chunk is short): spin for them
            // rather than sleep, which would cost a wake-up of tens of microseconds per loop.
            long spinUntil = Stopwatch.GetTimestamp() + SpinTicks;
            while (Volatile.Read(ref loop.Finished) != chunks)
            {
                if (Stopwatch.GetTimestamp() >= spinUntil)
                {
                    // The thread that finishes the last chunk sets _done; a set left over from an earlier loop wakes
                    // this wait early, so the count is tested again after every wake.
                    _done.Wait();
                    _done.Reset();
                    continue;
                }

                Thread.SpinWait(20);
            }

            if (loop.Error is { } error)
            {
                ExceptionDispatchInfo.Capture(error).Throw();
            }

            return true;
        }
        finally
        {
            Volatile.Write(ref _current, null);
            Volatile.Write(ref _busy, 0);
        }
    }

    private void Work(int index)
    {
        // One delegate per worker, made once: running under the caller's context costs no allocation per loop.
        ContextCallback participate = state => Participate((Loop)state!, index);
        int seen = 0;
        while (true)
        {
            long spinUntil = Stopwatch.GetTimestamp() + SpinTicks;
            while (Volatile.Read(ref _generation) == seen)
            {
                if (Stopwatch.GetTimestamp() < spinUntil)
                {
                    Thread.SpinWait(20);
                    continue;
                }

                _wake[index].Wait();
                _wake[index].Reset();
            }

            seen = Volatile.Read(ref _generation);

            // Null or finished when this worker comes late: then there is nothing to claim.
            if (Volatile.Read(ref _current) is not { } loop || Volatile.Read(ref loop.Finished) == loop.Chunks)
            {
                continue;
            }

            // The caller's culture and AsyncLocal values for this loop's chunks; Run restores the worker's own after.
            if (loop.Context is { } context)
            {
                ExecutionContext.Run(context, participate, loop);
            }
            else
            {
                Participate(loop, index);
            }
        }
    }

    private void WakeWorkers()
    {
        for (int worker = 1; worker < _participants; worker++)
        {
            _wake[worker].Set();
        }
    }

    /// <summary>
    /// Runs the chunks of this participant's block, then takes what is left of the others'. The caller (participant
    /// 0) wakes the sleeping workers when it is still at work at <paramref name="wakeAt"/> (a timestamp).
    /// </summary>
    private void Participate(Loop loop, int participant, long wakeAt = long.MaxValue)
    {
        for (int k = 0; k < _participants; k++)
        {
            int block = (participant + k) % _participants;
            while (true)
            {
                if (wakeAt != long.MaxValue && Stopwatch.GetTimestamp() >= wakeAt)
                {
                    WakeWorkers();
                    wakeAt = long.MaxValue;
                }

                int chunk = Interlocked.Increment(ref loop.Next[block].Value) - 1;
                if (chunk >= loop.End[block])
                {
                    break;
                }

                // After an error the remaining chunks are claimed and counted, not run.
                if (Volatile.Read(ref loop.Error) is null)
                {
                    try
                    {
                        loop.Body(chunk);
                    }
                    catch (Exception exception)
                    {
                        Interlocked.CompareExchange(ref loop.Error, exception, null);
                    }
                }

                if (Interlocked.Increment(ref loop.Finished) == loop.Chunks && participant != 0)
                {
                    _done.Set();
                }
            }
        }
    }

    /// <summary>A counter on its own cache line: the threads' claims do not contend with each other's.</summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 128)]
    private struct PaddedInt
    {
        [System.Runtime.InteropServices.FieldOffset(64)]
        public int Value;
    }
}
