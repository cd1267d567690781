using System;
using System.Numerics;

namespace SourceGen.Kernels;

/// <summary>The DESIGN.md [Vectorize] examples, and the compound kernels the benchmarks measure.</summary>
public static partial class Activations
{
    /// <summary>The Rel kernel, for callers outside this type.</summary>
    public static double RelKernel(double x, double y) => Rel(x, y);

    // kernel: scalar in, scalar out
    static double Rel(double x, double y) => Math.Abs(x - y) / (Math.Abs(x) + Math.Abs(y) + 1e-12);

    // entry: every span parameter varies per element, every scalar parameter is uniform
    [Vectorize]
    public static partial void Rel(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);

    [Vectorize]
    public static partial void Rel(ReadOnlySpan<double> x, double y, Span<double> destination);

    // one-attribute shorthand: emits Sigmoid(ReadOnlySpan<float> x, Span<float> destination)
    [Vectorize]
    public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    [Vectorize]
    public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

    /// <summary>A degree-5 polynomial in Horner form.</summary>
    [Vectorize]
    public static float Polynomial(float x) => ((((0.5f * x + 1.25f) * x - 2f) * x + 0.75f) * x - 3f) * x + 1f;

    static float MultiplyAdd(float x, float y, float z) => x * y + z;

    [Vectorize(nameof(MultiplyAdd))]
    public static partial void MultiplyAddFast(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z, Span<float> destination);

    /// <summary>GELU in its tanh form (BERT, GPT-2): 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), one kernel for float and double.</summary>
    public static T Gelu<T>(T x) where T : IFloatingPointIeee754<T> =>
        T.CreateTruncating(0.5) * x * (T.One + T.Tanh(T.CreateTruncating(0.7978845608028654) * (x + T.CreateTruncating(0.044715) * x * x * x)));

    [Vectorize(nameof(Gelu))]
    public static partial void Gelu(ReadOnlySpan<float> x, Span<float> destination);

    [Vectorize(nameof(Gelu))]
    public static partial void Gelu(ReadOnlySpan<double> x, Span<double> destination);

    /// <summary>GELU across threads (Target.Parallel), SIMD in each chunk.</summary>
    [Vectorize(nameof(Gelu), Target = Target.Parallel)]
    public static partial void GeluParallel(ReadOnlySpan<float> x, Span<float> destination);

    [Vectorize(nameof(Gelu), Target = Target.Parallel)]
    public static partial void GeluParallel(ReadOnlySpan<double> x, Span<double> destination);

    // The seed's log10 of 10^7 doubles (issue 20): Math.Log10 lowers to SourceGen.VectorMath.Log10.
    static double Log10(double x) => Math.Log10(x);

    /// <summary>log10 of every element across threads (Target.Parallel), SIMD in each chunk.</summary>
    [Vectorize(nameof(Log10), Target = Target.Parallel)]
    public static partial void Log10Parallel(ReadOnlySpan<double> x, Span<double> destination);

    /// <summary>log10 of every element on the calling thread (Target.Cpu).</summary>
    [Vectorize(nameof(Log10))]
    public static partial void Log10Cpu(ReadOnlySpan<double> x, Span<double> destination);
}
