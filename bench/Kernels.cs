using System;

namespace SourceGen.Bench;

/// <summary>
/// The benchmarked kernels, each written once as plain scalar C#. <c>[Vectorize]</c> makes the source generator
/// emit the span entry point (<c>Kernel(ReadOnlySpan&lt;T&gt; ..., Span&lt;T&gt; destination)</c>) that the
/// <c>Generated()</c> benchmarks call; the <c>Scalar()</c> baselines call the scalar kernel in a plain loop.
/// </summary>
public static partial class BenchKernels
{
    // ---- single ops -------------------------------------------------------------------------------------

    [Vectorize]
    public static float MulAddF(float x, float y, float z) => x * y + z;

    [Vectorize]
    public static double MulAddD(double x, double y, double z) => x * y + z;

    [Vectorize]
    public static float ExpF(float x) => MathF.Exp(x);

    [Vectorize]
    public static double ExpD(double x) => Math.Exp(x);

    [Vectorize]
    public static float SqrtF(float x) => MathF.Sqrt(x);

    [Vectorize]
    public static double SqrtD(double x) => Math.Sqrt(x);

    // ---- Target.Parallel: the same kernels split across threads ------------------------------------------------

    [Vectorize(nameof(MulAddF), Target = Target.Parallel)]
    public static partial void MulAddParallel(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z, Span<float> destination);

    [Vectorize(nameof(SigmoidF), Target = Target.Parallel)]
    public static partial void SigmoidParallel(ReadOnlySpan<float> x, Span<float> destination);

    // ---- compound kernels ---------------------------------------------------------------------------------

    [Vectorize]
    public static float SigmoidF(float x) => 1f / (1f + MathF.Exp(-x));

    [Vectorize]
    public static double SigmoidD(double x) => 1.0 / (1.0 + Math.Exp(-x));

    [Vectorize]
    public static float SoftplusF(float x) => MathF.Log(1f + MathF.Exp(x));

    [Vectorize]
    public static double SoftplusD(double x) => Math.Log(1.0 + Math.Exp(x));

    // Degree-5 polynomial in Horner form. The coefficients are shared with the TensorPrimitives chain.
    public const float P5F = 0.5f, P4F = 1.25f, P3F = -2f, P2F = 0.75f, P1F = -3f, P0F = 1f;
    public const double P5D = 0.5, P4D = 1.25, P3D = -2.0, P2D = 0.75, P1D = -3.0, P0D = 1.0;

    [Vectorize]
    public static float PolyF(float x) => ((((P5F * x + P4F) * x + P3F) * x + P2F) * x + P1F) * x + P0F;

    [Vectorize]
    public static double PolyD(double x) => ((((P5D * x + P4D) * x + P3D) * x + P2D) * x + P1D) * x + P0D;

    // Relative difference.
    [Vectorize]
    public static float RelF(float x, float y) => MathF.Abs(x - y) / (MathF.Abs(x) + MathF.Abs(y) + 1e-12f);

    [Vectorize]
    public static double RelD(double x, double y) => Math.Abs(x - y) / (Math.Abs(x) + Math.Abs(y) + 1e-12);
}
