using System;
using System.Diagnostics;

namespace SourceGen;

/// <summary>
/// Marks an elementwise entry point (Numba's <c>@vectorize</c>). Put it on a <c>static partial</c> method
/// whose parameters are the kernel's, in order, with <see cref="ReadOnlySpan{T}"/> for the inputs that vary
/// per element, the element type itself for uniform inputs, and a last <c>Span&lt;TResult&gt; destination</c>.
/// The source generator implements the method with SIMD code equivalent to calling the kernel on every element.
/// </summary>
/// <remarks>
/// Placed on the kernel itself (a method with a body that returns a value), it is a shorthand that emits the
/// all-span overload <c>Kernel(ReadOnlySpan&lt;T1&gt; p1, ..., Span&lt;TResult&gt; destination)</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
[Conditional("SOURCEGEN_KEEP_ATTRIBUTES")]
public sealed class VectorizeAttribute : Attribute
{
    /// <summary>The kernel is the method of the same name with a different signature (or, on a kernel, itself).</summary>
    public VectorizeAttribute() { }

    /// <summary>The kernel is the method named <paramref name="kernel"/> in the same type.</summary>
    /// <param name="kernel">The kernel's name; write <c>nameof(Kernel)</c>.</param>
    public VectorizeAttribute(string kernel) => Kernel = kernel;

    /// <summary>The kernel's name, or <see langword="null"/> for the method of the same name.</summary>
    public string? Kernel { get; }

    /// <summary>Where the generated code runs. Default <see cref="SourceGen.Target.Cpu"/>.</summary>
    public Target Target { get; set; }

    /// <summary>Permits reassociation, FMA contraction and faster, less exact math functions.</summary>
    public bool FastMath { get; set; }
}

/// <summary>
/// Marks a generalized-ufunc entry point (Numba's <c>@guvectorize</c>) with a NumPy gufunc signature such as
/// <c>"(n),()->(n)"</c>: the generator loops over the outer dimensions and hands the kernel core slices.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
[Conditional("SOURCEGEN_KEEP_ATTRIBUTES")]
public sealed class GuVectorizeAttribute : Attribute
{
    /// <summary>The kernel is the method of the same name with a different signature.</summary>
    /// <param name="signature">The NumPy gufunc signature, e.g. <c>"(n),()->(n)"</c>.</param>
    public GuVectorizeAttribute(string signature) => Signature = signature;

    /// <summary>The kernel is the method named <paramref name="kernel"/> in the same type.</summary>
    /// <param name="kernel">The kernel's name; write <c>nameof(Kernel)</c>.</param>
    /// <param name="signature">The NumPy gufunc signature, e.g. <c>"(n),()->(n)"</c>.</param>
    public GuVectorizeAttribute(string kernel, string signature)
    {
        Kernel = kernel;
        Signature = signature;
    }

    /// <summary>The kernel's name, or <see langword="null"/> for the method of the same name.</summary>
    public string? Kernel { get; }

    /// <summary>The NumPy gufunc signature.</summary>
    public string Signature { get; }

    /// <summary>Where the generated code runs. Default <see cref="SourceGen.Target.Cpu"/>.</summary>
    public Target Target { get; set; }

    /// <summary>Permits reassociation, FMA contraction and faster, less exact math functions.</summary>
    public bool FastMath { get; set; }
}

/// <summary>
/// Marks a loop-nest entry point (Numba/Cython <c>prange</c>, OpenMP <c>parallel for</c>): every
/// <see cref="Loops.Prange(int)"/> loop of the kernel is split across threads in the generated method.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
[Conditional("SOURCEGEN_KEEP_ATTRIBUTES")]
public sealed class ParallelAttribute : Attribute
{
    /// <summary>The kernel is the method of the same name with a different signature.</summary>
    public ParallelAttribute() { }

    /// <summary>The kernel is the method named <paramref name="kernel"/> in the same type.</summary>
    /// <param name="kernel">The kernel's name; write <c>nameof(Kernel)</c>.</param>
    public ParallelAttribute(string kernel) => Kernel = kernel;

    /// <summary>The kernel's name, or <see langword="null"/> for the method of the same name.</summary>
    public string? Kernel { get; }

    /// <summary>Where the generated code runs. Default <see cref="SourceGen.Target.Parallel"/>.</summary>
    public Target Target { get; set; } = Target.Parallel;

    /// <summary>Permits reassociation of reductions, FMA contraction and faster, less exact math functions.</summary>
    public bool FastMath { get; set; }
}
