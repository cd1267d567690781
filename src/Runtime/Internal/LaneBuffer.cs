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

    /// <summary>Copies the first <paramref name="count"/> computed lanes to the destination.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CopyOut<T>(ReadOnlySpan<T> lanes, int count, ref T destination) =>
        lanes.Slice(0, count).CopyTo(System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref destination, count));
}
