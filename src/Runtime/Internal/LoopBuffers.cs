using System;
using System.ComponentModel;

namespace SourceGen.Internal;

/// <summary>Checks generated code makes before running a loop in SIMD steps. Public for generated code only.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LoopBuffers
{
    /// <summary>
    /// Whether two buffers share no memory. A loop that writes one buffer and reads another runs in SIMD steps only
    /// when they are disjoint: otherwise a step could read elements an earlier iteration of the same step was
    /// meant to have written, and the loop runs as written.
    /// </summary>
    public static bool Disjoint<TFirst, TSecond>(ReadOnlySpan<TFirst> first, ReadOnlySpan<TSecond> second)
        where TFirst : unmanaged
        where TSecond : unmanaged =>
        !ByteRanges.Overlap(first, second, out _);
}
