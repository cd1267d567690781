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
/// starts without waking a thread. A worker joins a loop only while it is open: once the caller has run or taken
/// every chunk and no worker is inside, it closes the loop and returns, so a worker that a busy machine has not
/// scheduled yet costs nothing (as <c>Parallel.For</c>'s replicas that never started); it joins the next loop,
/// or finds no chunks left. Each loop's chunks run in the caller's <see cref="ExecutionContext"/> (culture,
/// <see cref="AsyncLocal{T}"/> values) of that call, as <c>Parallel.For</c>'s do, not in the one the team started in.
/// </summary>
internal sealed class WorkerTeam
{
    /// <summary>How long an idle worker spins for the next loop before it sleeps.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000; // 200 µs

    private static WorkerTeam? s_shared;

    private readonly int _participants;
    /// <summary>1 while a loop runs (not a Monitor: a chunk on the calling thread may start a nested loop, which must not re-enter).</summary>
    private int _busy;
    private readonly ManualResetEventSlim[] _wake;
    private readonly ManualResetEventSlim _done = new(false);
    private readonly PaddedInt[] _next;
    private readonly int[] _end;
    private Action<int>? _body;
    /// <summary>The caller's context for this loop; null when its flow is suppressed (the workers' own, default, one).</summary>
    private ExecutionContext? _context;
    private Exception? _error;
    /// <summary>How many participants are inside the current loop, or <see cref="Closed"/> between loops (none may join).</summary>
    private int _active = Closed;
    private int _generation;

    private const int Closed = int.MinValue;

    private WorkerTeam(int participants)
    {
        _participants = participants;
        _next = new PaddedInt[participants];
        _end = new int[participants];
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
            for (int block = 0; block < _participants; block++)
            {
                _next[block].Value = (int)((long)chunks * block / _participants);
                _end[block] = (int)((long)chunks * (block + 1) / _participants);
            }

            _body = body;
            _context = ExecutionContext.Capture();
            _error = null;
            Volatile.Write(ref _active, 1); // open, with the caller inside
            Interlocked.Increment(ref _generation);
            for (int worker = 1; worker < _participants; worker++)
            {
                _wake[worker].Set();
            }

            Participate(0);
            Interlocked.Decrement(ref _active);

            // Close the loop once no worker is inside: a worker not yet running never joins it. Those inside finish
            // soon after this thread (every chunk is taken): spin for them rather than sleep, which would cost a
            // wake-up of tens of microseconds per loop.
            long spinUntil = Stopwatch.GetTimestamp() + SpinTicks;
            while (Interlocked.CompareExchange(ref _active, Closed, 0) != 0)
            {
                if (Stopwatch.GetTimestamp() >= spinUntil)
                {
                    // The last worker out sets _done after its decrement; a set left over from the previous loop
                    // (its last worker was still setting it when that loop's caller closed it) wakes this wait
                    // early, so the count is tested again after every wake.
                    _done.Wait();
                    _done.Reset();
                    continue;
                }

                Thread.SpinWait(20);
            }

            if (_error is { } error)
            {
                ExceptionDispatchInfo.Capture(error).Throw();
            }

            return true;
        }
        finally
        {
            _body = null;
            _context = null;
            Volatile.Write(ref _busy, 0);
        }
    }

    private void Work(int index)
    {
        // One delegate per worker, made once: running under the caller's context costs no allocation per loop.
        ContextCallback participate = _ => Participate(index);
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
            if (!TryJoin())
            {
                // The loop closed before this worker ran: its caller did the chunks.
                continue;
            }

            // The caller's culture and AsyncLocal values for this loop's chunks; Run restores the worker's own after.
            if (_context is { } context)
            {
                ExecutionContext.Run(context, participate, null);
            }
            else
            {
                Participate(index);
            }

            if (Interlocked.Decrement(ref _active) == 0)
            {
                _done.Set();
            }
        }
    }

    /// <summary>Enters the current loop if it is still open; the caller does not close it while a worker is inside.</summary>
    private bool TryJoin()
    {
        int active = Volatile.Read(ref _active);
        while (active > 0)
        {
            int seen = Interlocked.CompareExchange(ref _active, active + 1, active);
            if (seen == active)
            {
                return true;
            }

            active = seen;
        }

        return false;
    }

    /// <summary>Runs the chunks of this participant's block, then takes what is left of the others'.</summary>
    private void Participate(int participant)
    {
        Action<int> body = _body!;
        for (int k = 0; k < _participants; k++)
        {
            int block = (participant + k) % _participants;
            while (Volatile.Read(ref _error) is null)
            {
                int chunk = Interlocked.Increment(ref _next[block].Value) - 1;
                if (chunk >= _end[block])
                {
                    break;
                }

                try
                {
                    body(chunk);
                }
                catch (Exception exception)
                {
                    Interlocked.CompareExchange(ref _error, exception, null);
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
