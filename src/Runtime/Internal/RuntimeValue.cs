using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace SourceGen.Internal;

/// <summary>
/// Keeps a value out of C#'s compile-time constant folding. Generated scalar code converts floating-point values
/// to integers through it: the kernel converts them at run time (saturating, as .NET 9+ does), while a folded
/// unchecked constant conversion of an out-of-range value is unspecified. The JIT still folds it, with run-time
/// semantics. Public for generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RuntimeValue
{
    /// <summary>Returns <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Of<T>(T value) => value;
}
