using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SourceGen.Internal;

/// <summary>
/// A span's first element by reference, for the loads and stores of generated SIMD loops: <see cref="MemoryMarshal.GetReference{T}(Span{T})"/>
/// under a name short enough for the hundreds of places a kernel library's generated code needs it (always inlined;
/// every caller is optimized code). Public for generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SpanRef
{
    /// <summary>The reference to <paramref name="span"/>'s first element (where it would be, when empty).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref T Of<T>(Span<T> span) => ref MemoryMarshal.GetReference(span);

    /// <inheritdoc cref="Of{T}(Span{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref T Of<T>(ReadOnlySpan<T> span) => ref MemoryMarshal.GetReference(span);
}
