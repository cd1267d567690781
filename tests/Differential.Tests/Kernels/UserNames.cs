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

    /// <summary>Eight inputs, as in Numba's own parallel ufunc test: nine spans pinned for the threads.</summary>
    public static float Eight(float a, float b, float c, float d, float e, float f, float g, float h) => a - b * c + d / (e + 1) - f * g + h;

    [Vectorize(nameof(Eight), Target = Target.Parallel)]
    public static partial void EightParallel(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, ReadOnlySpan<float> d, ReadOnlySpan<float> e, ReadOnlySpan<float> f, ReadOnlySpan<float> g, ReadOnlySpan<float> h, Span<float> destination);

    /// <summary>The most one parallel call pins: 31 inputs and the destination.</summary>
    public static float ThirtyOne(float a0, float a1, float a2, float a3, float a4, float a5, float a6, float a7, float a8, float a9, float a10, float a11, float a12, float a13, float a14, float a15, float a16, float a17, float a18, float a19, float a20, float a21, float a22, float a23, float a24, float a25, float a26, float a27, float a28, float a29, float a30) => a0 * 1 + a1 * 2 + a2 * 3 + a3 * 4 + a4 * 5 + a5 * 6 + a6 * 7 + a7 * 8 + a8 * 9 + a9 * 10 + a10 * 11 + a11 * 12 + a12 * 13 + a13 * 14 + a14 * 15 + a15 * 16 + a16 * 17 + a17 * 18 + a18 * 19 + a19 * 20 + a20 * 21 + a21 * 22 + a22 * 23 + a23 * 24 + a24 * 25 + a25 * 26 + a26 * 27 + a27 * 28 + a28 * 29 + a29 * 30 + a30 * 31;

    [Vectorize(nameof(ThirtyOne), Target = Target.Parallel)]
    public static partial void ThirtyOneParallel(ReadOnlySpan<float> a0, ReadOnlySpan<float> a1, ReadOnlySpan<float> a2, ReadOnlySpan<float> a3, ReadOnlySpan<float> a4, ReadOnlySpan<float> a5, ReadOnlySpan<float> a6, ReadOnlySpan<float> a7, ReadOnlySpan<float> a8, ReadOnlySpan<float> a9, ReadOnlySpan<float> a10, ReadOnlySpan<float> a11, ReadOnlySpan<float> a12, ReadOnlySpan<float> a13, ReadOnlySpan<float> a14, ReadOnlySpan<float> a15, ReadOnlySpan<float> a16, ReadOnlySpan<float> a17, ReadOnlySpan<float> a18, ReadOnlySpan<float> a19, ReadOnlySpan<float> a20, ReadOnlySpan<float> a21, ReadOnlySpan<float> a22, ReadOnlySpan<float> a23, ReadOnlySpan<float> a24, ReadOnlySpan<float> a25, ReadOnlySpan<float> a26, ReadOnlySpan<float> a27, ReadOnlySpan<float> a28, ReadOnlySpan<float> a29, ReadOnlySpan<float> a30, Span<float> destination);
}
