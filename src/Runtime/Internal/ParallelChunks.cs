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
    /// Pins up to <see cref="PinnedBuffers.Count"/> buffers (the inputs that vary and the destination, each by its first byte), splits <c>[0, length)</c> into
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
            buffer0, buffer1, buffer2, buffer3, buffer4, buffer5, buffer6, buffer7, buffer8, buffer9, buffer10, buffer11, buffer12, buffer13, buffer14, buffer15, buffer16, buffer17, buffer18, buffer19, buffer20, buffer21, buffer22, buffer23, buffer24, buffer25, buffer26, buffer27, buffer28, buffer29, buffer30, buffer31);
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

    /// <summary>Runs <paramref name="body"/> with the addresses of up to <see cref="PinnedBuffers.Count"/> buffers, pinned until it returns.</summary>
    internal static void Pinned(
        PinnedBody body,
        ReadOnlySpan<byte> buffer0,
        ReadOnlySpan<byte> buffer1,
        ReadOnlySpan<byte> buffer2,
        ReadOnlySpan<byte> buffer3,
        ReadOnlySpan<byte> buffer4,
        ReadOnlySpan<byte> buffer5,
        ReadOnlySpan<byte> buffer6,
        ReadOnlySpan<byte> buffer7,
        ReadOnlySpan<byte> buffer8,
        ReadOnlySpan<byte> buffer9,
        ReadOnlySpan<byte> buffer10,
        ReadOnlySpan<byte> buffer11,
        ReadOnlySpan<byte> buffer12,
        ReadOnlySpan<byte> buffer13,
        ReadOnlySpan<byte> buffer14,
        ReadOnlySpan<byte> buffer15,
        ReadOnlySpan<byte> buffer16,
        ReadOnlySpan<byte> buffer17,
        ReadOnlySpan<byte> buffer18,
        ReadOnlySpan<byte> buffer19,
        ReadOnlySpan<byte> buffer20,
        ReadOnlySpan<byte> buffer21,
        ReadOnlySpan<byte> buffer22,
        ReadOnlySpan<byte> buffer23,
        ReadOnlySpan<byte> buffer24,
        ReadOnlySpan<byte> buffer25,
        ReadOnlySpan<byte> buffer26,
        ReadOnlySpan<byte> buffer27,
        ReadOnlySpan<byte> buffer28,
        ReadOnlySpan<byte> buffer29,
        ReadOnlySpan<byte> buffer30,
        ReadOnlySpan<byte> buffer31)
    {
        fixed (byte* p0 = buffer0)
        fixed (byte* p1 = buffer1)
        fixed (byte* p2 = buffer2)
        fixed (byte* p3 = buffer3)
        fixed (byte* p4 = buffer4)
        fixed (byte* p5 = buffer5)
        fixed (byte* p6 = buffer6)
        fixed (byte* p7 = buffer7)
        fixed (byte* p8 = buffer8)
        fixed (byte* p9 = buffer9)
        fixed (byte* p10 = buffer10)
        fixed (byte* p11 = buffer11)
        fixed (byte* p12 = buffer12)
        fixed (byte* p13 = buffer13)
        fixed (byte* p14 = buffer14)
        fixed (byte* p15 = buffer15)
        fixed (byte* p16 = buffer16)
        fixed (byte* p17 = buffer17)
        fixed (byte* p18 = buffer18)
        fixed (byte* p19 = buffer19)
        fixed (byte* p20 = buffer20)
        fixed (byte* p21 = buffer21)
        fixed (byte* p22 = buffer22)
        fixed (byte* p23 = buffer23)
        fixed (byte* p24 = buffer24)
        fixed (byte* p25 = buffer25)
        fixed (byte* p26 = buffer26)
        fixed (byte* p27 = buffer27)
        fixed (byte* p28 = buffer28)
        fixed (byte* p29 = buffer29)
        fixed (byte* p30 = buffer30)
        fixed (byte* p31 = buffer31)
        {
            body(new PinnedBuffers(
                (nint)p0,
                (nint)p1,
                (nint)p2,
                (nint)p3,
                (nint)p4,
                (nint)p5,
                (nint)p6,
                (nint)p7,
                (nint)p8,
                (nint)p9,
                (nint)p10,
                (nint)p11,
                (nint)p12,
                (nint)p13,
                (nint)p14,
                (nint)p15,
                (nint)p16,
                (nint)p17,
                (nint)p18,
                (nint)p19,
                (nint)p20,
                (nint)p21,
                (nint)p22,
                (nint)p23,
                (nint)p24,
                (nint)p25,
                (nint)p26,
                (nint)p27,
                (nint)p28,
                (nint)p29,
                (nint)p30,
                (nint)p31));
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

/// <summary>
/// The addresses of the pinned buffers of one parallel call, in the order they were passed: up to
/// <see cref="Count"/> (an entry point with more spans runs on one thread, and SG0301 says so).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct PinnedBuffers
{
    /// <summary>How many buffers one parallel call pins.</summary>
    public const int Count = 32;

    internal PinnedBuffers(
        nint b0,
        nint b1,
        nint b2,
        nint b3,
        nint b4,
        nint b5,
        nint b6,
        nint b7,
        nint b8,
        nint b9,
        nint b10,
        nint b11,
        nint b12,
        nint b13,
        nint b14,
        nint b15,
        nint b16,
        nint b17,
        nint b18,
        nint b19,
        nint b20,
        nint b21,
        nint b22,
        nint b23,
        nint b24,
        nint b25,
        nint b26,
        nint b27,
        nint b28,
        nint b29,
        nint b30,
        nint b31)
    {
        B0 = b0;
        B1 = b1;
        B2 = b2;
        B3 = b3;
        B4 = b4;
        B5 = b5;
        B6 = b6;
        B7 = b7;
        B8 = b8;
        B9 = b9;
        B10 = b10;
        B11 = b11;
        B12 = b12;
        B13 = b13;
        B14 = b14;
        B15 = b15;
        B16 = b16;
        B17 = b17;
        B18 = b18;
        B19 = b19;
        B20 = b20;
        B21 = b21;
        B22 = b22;
        B23 = b23;
        B24 = b24;
        B25 = b25;
        B26 = b26;
        B27 = b27;
        B28 = b28;
        B29 = b29;
        B30 = b30;
        B31 = b31;
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

    /// <summary>Address of buffer 8.</summary>
    public nint B8 { get; }

    /// <summary>Address of buffer 9.</summary>
    public nint B9 { get; }

    /// <summary>Address of buffer 10.</summary>
    public nint B10 { get; }

    /// <summary>Address of buffer 11.</summary>
    public nint B11 { get; }

    /// <summary>Address of buffer 12.</summary>
    public nint B12 { get; }

    /// <summary>Address of buffer 13.</summary>
    public nint B13 { get; }

    /// <summary>Address of buffer 14.</summary>
    public nint B14 { get; }

    /// <summary>Address of buffer 15.</summary>
    public nint B15 { get; }

    /// <summary>Address of buffer 16.</summary>
    public nint B16 { get; }

    /// <summary>Address of buffer 17.</summary>
    public nint B17 { get; }

    /// <summary>Address of buffer 18.</summary>
    public nint B18 { get; }

    /// <summary>Address of buffer 19.</summary>
    public nint B19 { get; }

    /// <summary>Address of buffer 20.</summary>
    public nint B20 { get; }

    /// <summary>Address of buffer 21.</summary>
    public nint B21 { get; }

    /// <summary>Address of buffer 22.</summary>
    public nint B22 { get; }

    /// <summary>Address of buffer 23.</summary>
    public nint B23 { get; }

    /// <summary>Address of buffer 24.</summary>
    public nint B24 { get; }

    /// <summary>Address of buffer 25.</summary>
    public nint B25 { get; }

    /// <summary>Address of buffer 26.</summary>
    public nint B26 { get; }

    /// <summary>Address of buffer 27.</summary>
    public nint B27 { get; }

    /// <summary>Address of buffer 28.</summary>
    public nint B28 { get; }

    /// <summary>Address of buffer 29.</summary>
    public nint B29 { get; }

    /// <summary>Address of buffer 30.</summary>
    public nint B30 { get; }

    /// <summary>Address of buffer 31.</summary>
    public nint B31 { get; }

}
