using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SourceGen.Internal;

/// <summary>
/// Overlap tests on the bytes two spans cover, in 64-bit arithmetic: <c>MemoryMarshal.AsBytes</c> throws
/// <see cref="OverflowException"/> once a span covers 2 GiB or more (600M floats), which a span of an
/// element type wider than a byte may.
/// </summary>
internal static class ByteRanges
{
    /// <summary>
    /// The bytes <paramref name="count"/> elements of <typeparamref name="T"/> cover: at most 2^31 × the element
    /// size, which a 64-bit <see cref="nuint"/> holds (a 32-bit process has no span that large).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nuint Length<T>(int count) => (nuint)(uint)count * (nuint)Unsafe.SizeOf<T>();

    /// <summary>
    /// Whether a range of <paramref name="firstBytes"/> and one of <paramref name="secondBytes"/> that starts
    /// <paramref name="byteOffset"/> bytes after it (before it when negative) share a byte. Empty ranges share none.
    /// </summary>
    /// <remarks>
    /// As <c>Span.Overlaps</c>: unsigned, so a negative offset is a huge distance past the first range, and the
    /// subtraction of two addresses is right modulo the address space.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Overlap(nint byteOffset, nuint firstBytes, nuint secondBytes) =>
        firstBytes != 0 && secondBytes != 0
        && ((nuint)byteOffset < firstBytes || (nuint)(-byteOffset) < secondBytes);

    /// <summary>Whether two spans share a byte; <paramref name="byteOffset"/> is where the second starts relative to the first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Overlap<TFirst, TSecond>(ReadOnlySpan<TFirst> first, ReadOnlySpan<TSecond> second, out nint byteOffset)
    {
        // Only the addresses are compared (as Span.Overlaps does): nothing is read, nothing needs pinning.
        byteOffset = Unsafe.ByteOffset(
            ref Unsafe.As<TFirst, byte>(ref MemoryMarshal.GetReference(first)),
            ref Unsafe.As<TSecond, byte>(ref MemoryMarshal.GetReference(second)));
        return Overlap(byteOffset, Length<TFirst>(first.Length), Length<TSecond>(second.Length));
    }
}
