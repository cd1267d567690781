using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace SourceGen.Internal;

/// <summary>
/// Splits a <c>Target.Parallel</c> entry point's elements across threads. Spans cannot cross threads, so the
/// caller's buffers are pinned here for the duration of the call and each chunk rebuilds its spans from the
/// pinned addresses. Public for generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class ParallelChunks
{
    /// <summary>Computes the elements <c>[start, start + count)</c> of the call, from the pinned buffers.</summary>
    public delegate void Chunk(in PinnedBuffers buffers, int start, int count);

    /// <summary>
    /// Whether <paramref name="length"/> elements, each costing about <paramref name="operationsPerElement"/>
    /// vector operations, are worth more than one thread: the work must exceed <see cref="MinimumParallelWork"/>.
    /// </summary>
    public static bool IsWorthSplitting(int length, int operationsPerElement) =>
        Environment.ProcessorCount > 1 && (AlwaysSplit || (long)length * Math.Max(1, operationsPerElement) >= MinimumParallelWork);

    /// <summary>SOURCEGEN_ALWAYS_SPLIT=1 splits every call (to measure the crossover, and to test the parallel path on short inputs).</summary>
    private static readonly bool AlwaysSplit = Environment.GetEnvironmentVariable("SOURCEGEN_ALWAYS_SPLIT") == "1";

    /// <summary>
    /// Element-operations (length × estimated operations per element) below which one thread wins. Measured with
    /// bench/ParallelThreshold on 2 cores: x*y+z (5 operations) splits profitably from about 200K elements,
    /// sigmoid (22 operations) from about 50K; both cross over near 2^20 element-operations (see README).
    /// </summary>
    public const long MinimumParallelWork = 1L << 20;

    /// <summary>The least work (element-operations) a chunk gets: tens of microseconds, against about one to start it.</summary>
    public const long MinimumChunkWork = 1L << 16;

    /// <summary>
    /// Pins up to eight buffers (the inputs that vary and the destination, as bytes), splits <c>[0, length)</c> into
    /// chunks that are multiples of <paramref name="grain"/>, and runs <paramref name="chunk"/> on each, in parallel.
    /// An exception from a chunk is rethrown as itself, not wrapped.
    /// </summary>
    /// <remarks>
    /// Chunks are many (up to 256 per thread) so uneven work balances: masked loops finish at different times, and
    /// the Julia set's heavy rows are together. Each still holds at least <see cref="MinimumChunkWork"/>
    /// element-operations (<paramref name="operationsPerElement"/> each), so starting one costs under a few percent.
    /// Measured on the Julia set, 2 cores: 64 chunks scaled 1.58×, 512 chunks 1.82×.
    /// </remarks>
    public static void For(
        int length,
        int grain,
        int operationsPerElement,
        Chunk chunk,
        ReadOnlySpan<byte> buffer0,
        ReadOnlySpan<byte> buffer1 = default,
        ReadOnlySpan<byte> buffer2 = default,
        ReadOnlySpan<byte> buffer3 = default,
        ReadOnlySpan<byte> buffer4 = default,
        ReadOnlySpan<byte> buffer5 = default,
        ReadOnlySpan<byte> buffer6 = default,
        ReadOnlySpan<byte> buffer7 = default)
    {
        (int chunks, int chunkLength) = Plan(length, grain, operationsPerElement, Environment.ProcessorCount);
        Pinned(
            (in PinnedBuffers pinned) =>
            {
                PinnedBuffers buffers = pinned;
                RunUnwrapped(chunks, index =>
                {
                    int start = index * chunkLength;
                    chunk(buffers, start, Math.Min(chunkLength, length - start));
                });
            },
            buffer0, buffer1, buffer2, buffer3, buffer4, buffer5, buffer6, buffer7);
    }

    /// <summary>
    /// How <see cref="For"/> cuts <c>[0, length)</c> for <paramref name="threads"/> threads: the number of chunks and
    /// the length of each but the last (a multiple of <paramref name="grain"/>). In 64-bit arithmetic: a length
    /// near <see cref="int.MaxValue"/> plus a chunk's would overflow.
    /// </summary>
    internal static (int Chunks, int ChunkLength) Plan(int length, int grain, int operationsPerElement, int threads)
    {
        grain = Math.Max(1, grain);
        long work = (long)length * Math.Max(1, operationsPerElement);
        long byWork = Math.Max(threads, work / MinimumChunkWork);
        long chunks = Math.Max(1, Math.Min(Math.Min(threads * 256L, byWork), length / grain));
        long chunkLength = Math.Max(grain, (length / chunks + grain - 1) / grain * grain);
        return ((int)((length + chunkLength - 1) / chunkLength), (int)Math.Min(chunkLength, Math.Max(length, 1)));
    }

    /// <summary>
    /// What <see cref="For"/> pins for <paramref name="span"/>: its first byte (nothing when it is empty), which pins
    /// the whole array or buffer; the chunks rebuild their spans from its address and the element count. Unlike
    /// <c>MemoryMarshal.AsBytes</c>, works for spans of 2 GiB or more.
    /// </summary>
    public static ReadOnlySpan<byte> Pin<T>(ReadOnlySpan<T> span) where T : unmanaged =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(span)), span.IsEmpty ? 0 : 1);

    /// <inheritdoc cref="Pin{T}(ReadOnlySpan{T})"/>
    public static ReadOnlySpan<byte> Pin<T>(Span<T> span) where T : unmanaged => Pin((ReadOnlySpan<T>)span);

    /// <summary>Runs <paramref name="body"/> with the addresses of up to eight buffers, pinned until it returns.</summary>
    internal static void Pinned(
        PinnedBody body,
        ReadOnlySpan<byte> buffer0,
        ReadOnlySpan<byte> buffer1,
        ReadOnlySpan<byte> buffer2,
        ReadOnlySpan<byte> buffer3,
        ReadOnlySpan<byte> buffer4,
        ReadOnlySpan<byte> buffer5,
        ReadOnlySpan<byte> buffer6,
        ReadOnlySpan<byte> buffer7)
    {
        fixed (byte* p0 = buffer0)
        fixed (byte* p1 = buffer1)
        fixed (byte* p2 = buffer2)
        fixed (byte* p3 = buffer3)
        fixed (byte* p4 = buffer4)
        fixed (byte* p5 = buffer5)
        fixed (byte* p6 = buffer6)
        fixed (byte* p7 = buffer7)
        {
            body(new PinnedBuffers((nint)p0, (nint)p1, (nint)p2, (nint)p3, (nint)p4, (nint)p5, (nint)p6, (nint)p7));
        }
    }

    /// <summary>Code that reads pinned buffers.</summary>
    internal delegate void PinnedBody(in PinnedBuffers buffers);

    /// <summary><c>Parallel.For(0, count, body)</c>, rethrowing an exception from the body as itself, not wrapped.</summary>
    internal static void RunUnwrapped(int count, Action<int> body)
    {
        if (WorkerTeam.Shared.TryRun(count, body))
        {
            return;
        }

        // The team is running another loop (a nested or concurrent one): the thread pool takes this one.
        try
        {
            Parallel.For(0, count, body);
        }
        catch (AggregateException aggregate) when (aggregate.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(aggregate.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>A read-only span over pinned memory.</summary>
    public static ReadOnlySpan<T> ReadOnly<T>(nint address, int length) where T : unmanaged => new((void*)address, length);

    /// <summary>A writable span over pinned memory.</summary>
    public static Span<T> Writable<T>(nint address, int length) where T : unmanaged => new((void*)address, length);
}

/// <summary>The addresses of the pinned buffers of one parallel call, in the order they were passed.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct PinnedBuffers
{
    internal PinnedBuffers(nint b0, nint b1, nint b2, nint b3, nint b4, nint b5, nint b6, nint b7)
    {
        B0 = b0; B1 = b1; B2 = b2; B3 = b3; B4 = b4; B5 = b5; B6 = b6; B7 = b7;
    }

    /// <summary>Address of buffer 0.</summary>
    public nint B0 { get; }

    /// <summary>Address of buffer 1.</summary>
    public nint B1 { get; }

    /// <summary>Address of buffer 2.</summary>
    public nint B2 { get; }

    /// <summary>Address of buffer 3.</summary>
    public nint B3 { get; }

    /// <summary>Address of buffer 4.</summary>
    public nint B4 { get; }

    /// <summary>Address of buffer 5.</summary>
    public nint B5 { get; }

    /// <summary>Address of buffer 6.</summary>
    public nint B6 { get; }

    /// <summary>Address of buffer 7.</summary>
    public nint B7 { get; }
}
