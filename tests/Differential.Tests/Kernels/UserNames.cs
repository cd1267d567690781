using System;
using SourceGen;
using static SourceGen.Loops;

namespace SourceGen.Differential.Tests.Kernels;

/// <summary>
/// Kernels whose names are the ones generated code would like to use (start, count, length, buffers, xRef, Lanes),
/// keywords as names, and overloads of one entry point per element type: the generated code computes what the
/// kernels as written do.
/// </summary>
public static partial class UserNames
{
    public static float Affine(float x, float xRef, float start, float count, float length, float buffers, float Lanes) =>
        x * start + count - length * xRef + buffers * Lanes;

    [Vectorize(nameof(Affine), Target = Target.Parallel)]
    public static partial void AffineParallel(ReadOnlySpan<float> x, ReadOnlySpan<float> xRef, float start, float count, float length, float buffers, float Lanes, Span<float> destination);

    [Vectorize(nameof(Affine), Target = Target.Gpu)]
    public static partial void AffineGpu(ReadOnlySpan<float> x, ReadOnlySpan<float> xRef, float start, float count, float length, float buffers, float Lanes, Span<float> destination);

    public static double @checked(double @in, double @out) => @in * 2 - @out;

    [Vectorize(nameof(@checked))]
    public static partial void @class(ReadOnlySpan<double> @in, double @out, Span<double> @return);

    /// <summary>Uniforms named like the chunk's own parameters, in a Prange loop with a reduction.</summary>
    public static float Rows(ReadOnlySpan<float> src, Span<float> dst, int start, int count, float scale)
    {
        float total = 0;
        foreach (int y in Prange(count))
        {
            for (int x = 0; x < start; x++)
            {
                float v = src[y * start + x] * scale + y;
                dst[y * start + x] = v;
                total += v;
            }
        }

        return total;
    }

    [Parallel(nameof(Rows), FastMath = true)]
    public static partial float RowsFast(ReadOnlySpan<float> src, Span<float> dst, int start, int count, float scale);

    /// <summary>One [Parallel] entry point name, one overload per element type.</summary>
    public static void Scale(ReadOnlySpan<float> a, Span<float> b, float k) { foreach (int i in Prange(a.Length)) b[i] = a[i] * k; }

    public static void Scale(ReadOnlySpan<double> a, Span<double> b, double k) { foreach (int i in Prange(a.Length)) b[i] = a[i] * k; }

    [Parallel(nameof(Scale))]
    public static partial void ScaleFast(ReadOnlySpan<float> a, Span<float> b, float k);

    [Parallel(nameof(Scale))]
    public static partial void ScaleFast(ReadOnlySpan<double> a, Span<double> b, double k);

    /// <summary>One [GuVectorize] entry point name, one overload per element type.</summary>
    public static void Offset(ReadOnlySpan<float> a, float k, Span<float> r) { for (int i = 0; i < a.Length; i++) r[i] = a[i] + k; }

    public static void Offset(ReadOnlySpan<int> a, int k, Span<int> r) { for (int i = 0; i < a.Length; i++) r[i] = a[i] + k; }

    [GuVectorize(nameof(Offset), "(n),()->(n)", Target = Target.Parallel)]
    public static partial void OffsetRows(float[,] a, float k, float[,] r);

    [GuVectorize(nameof(Offset), "(n),()->(n)", Target = Target.Parallel)]
    public static partial void OffsetRows(int[,] a, int k, int[,] r);

    /// <summary>A byte loop variable: each of Prange's ints converted, as foreach does (wrapping past 255).</summary>
    public static void Wrap(Span<int> a) { foreach (byte i in Prange(a.Length)) a[i] += 1; }

    [Parallel(nameof(Wrap), Target = Target.Cpu)]
    public static partial void WrapFast(Span<int> a);
}
