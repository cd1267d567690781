using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace SourceGen.Internal;

/// <summary>
/// Helpers for the last, partial step of a generated SIMD loop. Public for generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LaneBuffer
{
    /// <summary>
    /// Copies the <paramref name="count"/> remaining elements at <paramref name="source"/> into
    /// <paramref name="lanes"/> and fills the unused lanes with copies of the last element, so every lane
    /// of the padded step computes a value some real element also computes (and faults only where it would).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FillPadded<T>(ref T source, int count, Span<T> lanes)
    {
        Debug.Assert(count > 0 && count <= lanes.Length);
        ReadOnlySpan<T> remaining = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref source, count);
        remaining.CopyTo(lanes);
        lanes.Slice(count).Fill(remaining[count - 1]);
    }

    /// <summary>
    /// How many elements from <paramref name="destination"/> to the next <paramref name="alignment"/>-byte boundary
    /// (0 when already aligned, or when the elements are not naturally aligned and never can be).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe int ElementsToAlign<T>(ref T destination, int alignment)
    {
        // Only the address is read; if the GC moves the array afterwards, stores are merely unaligned again.
        nuint address = (nuint)Unsafe.AsPointer(ref destination);
        nuint misalignment = address & (nuint)(alignment - 1);
        return misalignment == 0 || address % (nuint)Unsafe.SizeOf<T>() != 0
            ? 0
            : (int)(((nuint)alignment - misalignment) / (nuint)Unsafe.SizeOf<T>());
    }

    /// <summary>Copies the first <paramref name="count"/> computed lanes to the destination.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CopyOut<T>(ReadOnlySpan<T> lanes, int count, ref T destination) =>
        lanes.Slice(0, count).CopyTo(System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref destination, count));
}
