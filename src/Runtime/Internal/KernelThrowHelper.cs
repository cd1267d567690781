using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace SourceGen.Internal;

/// <summary>
/// Throws, from generated SIMD code, the exception the kernel as written would have thrown for some element.
/// Kept out of line so the hot loops stay small. Public for generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KernelThrowHelper
{
    /// <summary><c>Math.Abs</c> of the minimum value of a signed integer type.</summary>
    [DoesNotReturn]
    public static void ThrowAbsOverflow() =>
        throw new OverflowException("Negating the minimum value of a twos complement number is invalid.");

    /// <summary>Integer division or remainder by zero.</summary>
    [DoesNotReturn]
    public static void ThrowDivideByZero() => throw new DivideByZeroException();

    /// <summary><c>int.MinValue / -1</c> (and <c>% -1</c>), which C# reports as an overflow.</summary>
    [DoesNotReturn]
    public static void ThrowDivisionOverflow() => throw new OverflowException("Arithmetic operation resulted in an overflow.");

    /// <summary><c>Math.Clamp(value, min, max)</c> with <c>min &gt; max</c>.</summary>
    [DoesNotReturn]
    public static void ThrowClampMinGreaterThanMax() =>
        throw new ArgumentException("'min' cannot be greater than 'max' in Math.Clamp.");
}
