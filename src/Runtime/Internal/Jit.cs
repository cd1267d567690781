using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace SourceGen.Internal;

/// <summary>
/// The <see cref="MethodImplAttribute"/> options generated methods carry, one short name each (the attribute takes the
/// constant as written out, so the method's flags are exactly those). Public for generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Jit
{
    /// <summary>A SIMD step inlined into the loop that calls it.</summary>
    public const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    /// <summary>A method holding a hot loop: compiled fully optimized on its first call, never as tier-0 code.</summary>
    public const MethodImplOptions Optimized = MethodImplOptions.AggressiveOptimization;

    /// <summary><see cref="Optimized"/>, and kept out of its callers: its loop has its own frame and registers.</summary>
    public const MethodImplOptions OptimizedNoInlining = MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization;
}
