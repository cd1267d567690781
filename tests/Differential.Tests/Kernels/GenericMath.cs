using System;
using System.Numerics;
using SourceGen;
using static SourceGen.Loops;

namespace SourceGen.Differential.Tests.Kernels;

/// <summary>Generic-math kernels with one entry point per element type, in each form: each entry is the kernel written for its type.</summary>
public static partial class GenericMath
{
    // DESIGN.md's Rel for any IEEE float type: T.Abs, the operators and a converted constant.
    public static T Rel<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Abs(x - y) / (T.Abs(x) + T.Abs(y) + T.CreateTruncating(1e-12));

    [Vectorize(nameof(Rel))] public static partial void Rel(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination);
    [Vectorize(nameof(Rel))] public static partial void Rel(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);
    [Vectorize(nameof(Rel))] public static partial void Rel(ReadOnlySpan<double> x, double y, Span<double> destination);

    // Statics of the generic-math interfaces: Clamp, FusedMultiplyAdd, Sqrt, Max, NaN tests, Zero/One, constants.
    public static T Shape<T>(T x, T y) where T : IFloatingPointIeee754<T>
    {
        T clamped = T.Clamp(x, -T.One, T.CreateChecked(2));
        T root = T.Sqrt(T.Abs(y));
        T result = T.FusedMultiplyAdd(clamped, root, T.Max(x, T.Zero));
        return T.IsNaN(result) ? T.Epsilon : result + T.CreateSaturating(3);
    }

    [Vectorize(nameof(Shape))] public static partial void Shape(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination);
    [Vectorize(nameof(Shape))] public static partial void Shape(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);

    // INumber<T> for integers and floats: a loop, compound assignment, T.Min, CreateTruncating of a value.
    public static T Horner<T>(T x, int terms) where T : INumber<T>
    {
        T sum = T.Zero;
        for (int i = 0; i < (terms & 7); i++)
        {
            sum = sum * x + T.CreateTruncating(i);
        }

        return T.Min(sum, T.CreateTruncating(1000)) + T.One;
    }

    [Vectorize(nameof(Horner))] public static partial void Horner(ReadOnlySpan<int> x, int terms, Span<int> destination);
    [Vectorize(nameof(Horner))] public static partial void Horner(ReadOnlySpan<long> x, int terms, Span<long> destination);
    [Vectorize(nameof(Horner))] public static partial void Horner(ReadOnlySpan<double> x, int terms, Span<double> destination);

    // [Parallel]: a Prange loop over spans with an element-wise result and an integer sum.
    public static T ScaleSum<T>(ReadOnlySpan<T> a, Span<T> b, T factor) where T : INumber<T>
    {
        T sum = T.Zero;
        foreach (int i in Prange(a.Length))
        {
            b[i] = a[i] * factor + T.One;
            sum += a[i];
        }

        return sum;
    }

    [Parallel(nameof(ScaleSum))] public static partial int ScaleSum(ReadOnlySpan<int> a, Span<int> b, int factor);
    [Parallel(nameof(ScaleSum))] public static partial long ScaleSum(ReadOnlySpan<long> a, Span<long> b, long factor);
    [Parallel(nameof(ScaleSum), Target = Target.Cpu)] public static partial long ScaleSumCpu(ReadOnlySpan<long> a, Span<long> b, long factor);

    // [Parallel] with floats: an element-wise map only (no reduction, so the result is exact).
    public static void Map<T>(ReadOnlySpan<T> a, Span<T> b, T low) where T : IFloatingPointIeee754<T>
    {
        foreach (int i in Prange(a.Length))
        {
            b[i] = T.Max(T.Sqrt(T.Abs(a[i])), low) * T.CreateTruncating(0.5);
        }
    }

    [Parallel(nameof(Map))] public static partial void Map(ReadOnlySpan<float> a, Span<float> b, float low);
    [Parallel(nameof(Map))] public static partial void Map(ReadOnlySpan<double> a, Span<double> b, double low);

    // [GuVectorize]: a core loop over a row, one entry per element type.
    public static void AddScaled<T>(ReadOnlySpan<T> a, T factor, Span<T> b) where T : INumber<T>
    {
        for (int i = 0; i < a.Length; i++)
        {
            b[i] = a[i] * factor + T.One;
        }
    }

    [GuVectorize(nameof(AddScaled), "(n),()->(n)")] public static partial void AddScaled(float[,] a, float factor, float[,] b);
    [GuVectorize(nameof(AddScaled), "(n),()->(n)")] public static partial void AddScaled(double[,] a, double factor, double[,] b);
    [GuVectorize(nameof(AddScaled), "(n),()->(n)", Target = Target.Parallel)] public static partial void AddScaledParallel(int[,] a, int factor, int[,] b);
}
