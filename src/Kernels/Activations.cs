using System;

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
}
