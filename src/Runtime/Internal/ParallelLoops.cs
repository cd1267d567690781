using System;
using System.ComponentModel;

namespace SourceGen.Internal;

/// <summary>
/// Runs the iterations of a <c>[Parallel]</c> kernel's <c>Prange</c> loop across threads. The range is cut into
/// <see cref="ChunkCount"/> contiguous chunks, a number fixed by the range and the processor count alone, so
/// reductions combined in chunk order give the same result on every run with the same thread count. Spans cannot
/// cross threads: the caller's buffers are pinned for the duration of the loop and each chunk rebuilds its spans
/// from the pinned addresses. Public for generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ParallelLoops
{
    /// <summary>Runs the iterations <c>[from, to)</c>, chunk number <paramref name="chunk"/>, from the pinned buffers.</summary>
    public delegate void Chunk(in PinnedBuffers buffers, int chunk, int from, int to);

    /// <summary>
    /// How many chunks <c>[start, end)</c> is cut into: none when it is empty, one per iteration up to 16 per
    /// thread (uneven iterations balance), one when there is only one thread.
    /// </summary>
    public static int ChunkCount(int start, int end)
    {
        long iterations = (long)end - start;
        if (iterations <= 0)
        {
            return 0;
        }

        int threads = Environment.ProcessorCount;
        return threads == 1 ? 1 : (int)Math.Min(iterations, threads * 16L);
    }

    /// <summary>
    /// Pins up to <see cref="PinnedBuffers.Count"/> buffers (each by its first byte), then runs <paramref name="body"/> on each of the
    /// <see cref="ChunkCount"/> chunks of <c>[start, end)</c>, in parallel, and returns when all are done (the
    /// barrier after a parallel loop). An exception from a chunk is rethrown as itself, not wrapped.
    /// </summary>
    public static void For(
        int start,
        int end,
        Chunk body,
        ReadOnlySpan<byte> buffer0 = default,
        ReadOnlySpan<byte> buffer1 = default,
        ReadOnlySpan<byte> buffer2 = default,
        ReadOnlySpan<byte> buffer3 = default,
        ReadOnlySpan<byte> buffer4 = default,
        ReadOnlySpan<byte> buffer5 = default,
        ReadOnlySpan<byte> buffer6 = default,
        ReadOnlySpan<byte> buffer7 = default,
        ReadOnlySpan<byte> buffer8 = default,
        ReadOnlySpan<byte> buffer9 = default,
        ReadOnlySpan<byte> buffer10 = default,
        ReadOnlySpan<byte> buffer11 = default,
        ReadOnlySpan<byte> buffer12 = default,
        ReadOnlySpan<byte> buffer13 = default,
        ReadOnlySpan<byte> buffer14 = default,
        ReadOnlySpan<byte> buffer15 = default,
        ReadOnlySpan<byte> buffer16 = default,
        ReadOnlySpan<byte> buffer17 = default,
        ReadOnlySpan<byte> buffer18 = default,
        ReadOnlySpan<byte> buffer19 = default,
        ReadOnlySpan<byte> buffer20 = default,
        ReadOnlySpan<byte> buffer21 = default,
        ReadOnlySpan<byte> buffer22 = default,
        ReadOnlySpan<byte> buffer23 = default,
        ReadOnlySpan<byte> buffer24 = default,
        ReadOnlySpan<byte> buffer25 = default,
        ReadOnlySpan<byte> buffer26 = default,
        ReadOnlySpan<byte> buffer27 = default,
        ReadOnlySpan<byte> buffer28 = default,
        ReadOnlySpan<byte> buffer29 = default,
        ReadOnlySpan<byte> buffer30 = default,
        ReadOnlySpan<byte> buffer31 = default)
    {
        For(start, end, ChunkCount(start, end), body, buffer0, buffer1, buffer2, buffer3, buffer4, buffer5, buffer6, buffer7, buffer8, buffer9, buffer10, buffer11, buffer12, buffer13, buffer14, buffer15, buffer16, buffer17, buffer18, buffer19, buffer20, buffer21, buffer22, buffer23, buffer24, buffer25, buffer26, buffer27, buffer28, buffer29, buffer30, buffer31);
    }

    /// <summary>
    /// As the other <c>For</c>,
    /// cut into <paramref name="chunks"/> chunks (a scatter reduction's private copies: one per chunk, so few).
    /// </summary>
    public static void For(
        int start,
        int end,
        int chunks,
        Chunk body,
        ReadOnlySpan<byte> buffer0 = default,
        ReadOnlySpan<byte> buffer1 = default,
        ReadOnlySpan<byte> buffer2 = default,
        ReadOnlySpan<byte> buffer3 = default,
        ReadOnlySpan<byte> buffer4 = default,
        ReadOnlySpan<byte> buffer5 = default,
        ReadOnlySpan<byte> buffer6 = default,
        ReadOnlySpan<byte> buffer7 = default,
        ReadOnlySpan<byte> buffer8 = default,
        ReadOnlySpan<byte> buffer9 = default,
        ReadOnlySpan<byte> buffer10 = default,
        ReadOnlySpan<byte> buffer11 = default,
        ReadOnlySpan<byte> buffer12 = default,
        ReadOnlySpan<byte> buffer13 = default,
        ReadOnlySpan<byte> buffer14 = default,
        ReadOnlySpan<byte> buffer15 = default,
        ReadOnlySpan<byte> buffer16 = default,
        ReadOnlySpan<byte> buffer17 = default,
        ReadOnlySpan<byte> buffer18 = default,
        ReadOnlySpan<byte> buffer19 = default,
        ReadOnlySpan<byte> buffer20 = default,
        ReadOnlySpan<byte> buffer21 = default,
        ReadOnlySpan<byte> buffer22 = default,
        ReadOnlySpan<byte> buffer23 = default,
        ReadOnlySpan<byte> buffer24 = default,
        ReadOnlySpan<byte> buffer25 = default,
        ReadOnlySpan<byte> buffer26 = default,
        ReadOnlySpan<byte> buffer27 = default,
        ReadOnlySpan<byte> buffer28 = default,
        ReadOnlySpan<byte> buffer29 = default,
        ReadOnlySpan<byte> buffer30 = default,
        ReadOnlySpan<byte> buffer31 = default)
    {
        if (chunks <= 0 || end <= start)
        {
            return;
        }

        long iterations = (long)end - start;
        ParallelChunks.Pinned(
            (in PinnedBuffers pinned) =>
            {
                PinnedBuffers buffers = pinned;
                if (chunks == 1)
                {
                    body(buffers, 0, start, end);
                    return;
                }

                ParallelChunks.RunUnwrapped(chunks, chunk =>
                {
                    int from = (int)(start + iterations * chunk / chunks);
                    int to = (int)(start + iterations * (chunk + 1) / chunks);
                    body(buffers, chunk, from, to);
                });
            },
            buffer0, buffer1, buffer2, buffer3, buffer4, buffer5, buffer6, buffer7, buffer8, buffer9, buffer10, buffer11, buffer12, buffer13, buffer14, buffer15, buffer16, buffer17, buffer18, buffer19, buffer20, buffer21, buffer22, buffer23, buffer24, buffer25, buffer26, buffer27, buffer28, buffer29, buffer30, buffer31);
    }
}
