using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace SourceGen.Bench;

// What VectorMathBench.cs, VectorMathFamilyBench.cs and VectorMathTrigPowerBench.cs share: one benchmark class shape
// (the scalar loop as the baseline, SourceGen.VectorMath in a loop of four Vector512 registers a step, as generated
// Steps do, TensorPrimitives), one table of functions (each a struct, so every loop is compiled for it and inlines
// it) and the loops. SOURCEGEN_BENCH_FUNCTIONS=Tanh,Pow (comma-separated) narrows every class to the functions it
// names (a class naming none of them runs all of its own); with --inProcess the variable reaches the runs.

/// <summary>
/// The scalar loop (baseline), SourceGen.VectorMath and TensorPrimitives for one function (<see cref="FunctionName"/>)
/// over arrays of <typeparamref name="T"/> of length <see cref="Length"/>, inputs from the function's
/// <see cref="MathCase{T}"/> (seeded: every method sees the same data, checked to agree before timing).
/// </summary>
public abstract class MathBenchmark<T>
    where T : unmanaged
{
    private T[] _x = null!, _y = null!, _d = null!;

    /// <summary>The function's name (a key of <see cref="MathCases"/>): the derived class's Function parameter.</summary>
    protected abstract string FunctionName { get; }

    /// <summary>The arrays' length: the derived class's N parameter.</summary>
    protected abstract int Length { get; }

    private protected MathCase<T> Case { get; private set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        Case = MathCases.Get<T>(FunctionName);
        _x = MathCases.Inputs<T>(Length, seed: 1, Case.X);
        _y = MathCases.Inputs<T>(Length, seed: 2, Case.Y);
        _d = new T[Length];
        var others = new List<Action> { VectorMath, TensorPrimitives };
        if (Case.DotNetVector512 is not null)
        {
            others.Add(() => Case.DotNetVector512(_x, _y, _d));
        }

        if (typeof(T) == typeof(float))
        {
            Verify.Agree(Unsafe.As<float[]>(_d), 1e-5, Scalar, others.ToArray());
        }
        else
        {
            Verify.Agree(Unsafe.As<double[]>(_d), 1e-12, Scalar, others.ToArray());
        }
    }

    [Benchmark(Baseline = true)]
    public void Scalar() => Case.Scalar(_x, _y, _d);

    [Benchmark]
    public void VectorMath() => Case.VectorMath(_x, _y, _d);

    [Benchmark]
    public void TensorPrimitives() => Case.TensorPrimitives(_x, _y, _d);

    /// <summary>.NET's own Vector512.Exp etc. in the same loop (the functions that have one).</summary>
    private protected void DotNet() => Case.DotNetVector512!(_x, _y, _d);
}

/// <summary>One function's forms over arrays (x, y, destination; y unused by one-argument functions) and its input
/// ranges (y's null for one-argument functions).</summary>
public sealed record MathCase<T>(
    Action<T[], T[], T[]> Scalar, Action<T[], T[], T[]> VectorMath, Action<T[], T[], T[]> TensorPrimitives,
    Action<T[], T[], T[]>? DotNetVector512, (double Min, double Max) X, (double Min, double Max)? Y);

/// <summary>The benchmarked functions: the same names, forms and input ranges for float and double.</summary>
public static class MathCases
{
    private static readonly Dictionary<string, (MathCase<float> Float, MathCase<double> Double)> All = new()
    {
        ["Exp"] = Unary<ExpFn, NetExp>(-10, 10),
        ["Log"] = Unary<LogFn, NetLog>(0.001, 1000),
        ["Log2"] = Unary<Log2Fn, NetLog2>(0.001, 1000),
        ["Sin"] = Unary<SinFn, NetSin>(-10, 10),
        ["Cos"] = Unary<CosFn, NetCos>(-10, 10),
        ["Exp2"] = Unary<Exp2Fn>(-10, 10),
        ["Exp10"] = Unary<Exp10Fn>(-10, 10),
        // The scalar loop and TensorPrimitives compute Exp(x) - 1 and Log(x + 1); VectorMath's are C's expm1/log1p.
        ["ExpM1"] = Unary<ExpM1Fn>(-10, 10),
        ["Log10"] = Unary<Log10Fn>(0.001, 1000),
        ["LogP1"] = Unary<LogP1Fn>(-0.9, 100),
        ["Sinh"] = Unary<SinhFn>(-10, 10),
        ["Cosh"] = Unary<CoshFn>(-10, 10),
        ["Tanh"] = Unary<TanhFn>(-10, 10),
        ["Asinh"] = Unary<AsinhFn>(-100, 100),
        ["Acosh"] = Unary<AcoshFn>(1, 1000),
        ["Atanh"] = Unary<AtanhFn>(-0.99, 0.99),
        ["Tan"] = Unary<TanFn>(-10, 10),
        ["Asin"] = Unary<AsinFn>(-1, 1),
        ["Acos"] = Unary<AcosFn>(-1, 1),
        ["Atan"] = Unary<AtanFn>(-10, 10),
        ["Cbrt"] = Unary<CbrtFn>(-1000, 1000),
        ["Atan2"] = Binary<Atan2Fn>((-10, 10), (-10, 10)),
        ["Pow"] = Binary<PowFn>((0.01, 100), (-10, 10)),
        ["Hypot"] = Binary<HypotFn>((-1000, 1000), (-1000, 1000)),
    };

    public static MathCase<T> Get<T>(string function) =>
        typeof(T) == typeof(float) ? (MathCase<T>)(object)All[function].Float : (MathCase<T>)(object)All[function].Double;

    /// <summary>Those of <paramref name="functions"/> that SOURCEGEN_BENCH_FUNCTIONS (comma-separated) names, or all
    /// where it is unset or names none of them (so one variable can narrow several benchmark classes).</summary>
    public static string[] Select(params string[] functions)
    {
        if (Environment.GetEnvironmentVariable("SOURCEGEN_BENCH_FUNCTIONS") is not { Length: > 0 } only)
        {
            return functions;
        }

        string[] names = only.Split(',', StringSplitOptions.TrimEntries);
        string[] chosen = Array.FindAll(functions, f => Array.IndexOf(names, f) >= 0);
        return chosen.Length > 0 ? chosen : functions;
    }

    /// <summary>Seeded uniform inputs on <paramref name="range"/> (an empty array where there is none).</summary>
    public static T[] Inputs<T>(int n, int seed, (double Min, double Max)? range)
    {
        if (range is not { } r)
        {
            return Array.Empty<T>();
        }

        return typeof(T) == typeof(float)
            ? (T[])(object)Data.Floats(n, seed, (float)r.Min, (float)r.Max)
            : (T[])(object)Data.Doubles(n, seed, r.Min, r.Max);
    }

    private static (MathCase<float>, MathCase<double>) Unary<F>(double min, double max)
        where F : struct, IMathFunction<float>, IMathFunction<double> => (UnaryCase<float, F>(min, max), UnaryCase<double, F>(min, max));

    private static MathCase<T> UnaryCase<T, F>(double min, double max)
        where T : unmanaged
        where F : struct, IMathFunction<T> =>
        new(Loops.Scalar<T, F>, (x, _, d) => Loops.Vector<T, F>(x, d), Loops.Tensor<T, F>, null, (min, max), null);

    private static (MathCase<float>, MathCase<double>) Unary<F, N>(double min, double max)
        where F : struct, IMathFunction<float>, IMathFunction<double>
        where N : struct, IVectorFunction<float>, IVectorFunction<double>
    {
        (MathCase<float> single, MathCase<double> dual) = Unary<F>(min, max);
        return (single with { DotNetVector512 = (x, _, d) => Loops.Vector<float, N>(x, d) },
            dual with { DotNetVector512 = (x, _, d) => Loops.Vector<double, N>(x, d) });
    }

    private static (MathCase<float>, MathCase<double>) Binary<F>((double, double) x, (double, double) y)
        where F : struct, IBinaryMathFunction<float>, IBinaryMathFunction<double> => (
        new(Loops.Scalar2<float, F>, Loops.Vector2<float, F>, Loops.Tensor2<float, F>, null, x, y),
        new(Loops.Scalar2<double, F>, Loops.Vector2<double, F>, Loops.Tensor2<double, F>, null, x, y));
}

/// <summary>A vector function of <typeparamref name="T"/> lanes (a struct, so each loop is compiled for it and inlines it).</summary>
public interface IVectorFunction<T>
{
    static abstract Vector512<T> Apply(Vector512<T> x);
}

/// <summary>One benchmarked function: SourceGen.VectorMath's (Apply), the scalar Math/MathF one, TensorPrimitives'.</summary>
public interface IMathFunction<T> : IVectorFunction<T>
{
    static abstract T Scalar(T x);

    static abstract void Tensor(ReadOnlySpan<T> x, Span<T> d);
}

/// <summary>A vector function of two <typeparamref name="T"/> lanes.</summary>
public interface IBinaryVectorFunction<T>
{
    static abstract Vector512<T> Apply(Vector512<T> a, Vector512<T> b);
}

/// <summary>A benchmarked function of two arguments, in its three forms.</summary>
public interface IBinaryMathFunction<T> : IBinaryVectorFunction<T>
{
    static abstract T Scalar(T a, T b);

    static abstract void Tensor(T[] a, T[] b, T[] d);
}

/// <summary>The loops over whole arrays, each compiled for its function struct (which it inlines).</summary>
internal static class Loops
{
    public static void Scalar<T, F>(T[] x, T[] _, T[] d)
        where F : struct, IMathFunction<T>
    {
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = F.Scalar(x[i]);
        }
    }

    public static void Scalar2<T, F>(T[] x, T[] y, T[] d)
        where F : struct, IBinaryMathFunction<T>
    {
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = F.Scalar(x[i], y[i]);
        }
    }

    public static void Tensor<T, F>(T[] x, T[] _, T[] d)
        where F : struct, IMathFunction<T> => F.Tensor(x, d);

    public static void Tensor2<T, F>(T[] x, T[] y, T[] d)
        where F : struct, IBinaryMathFunction<T> => F.Tensor(x, y, d);

    /// <summary>d[i] = F(x[i]), four Vector512 registers per step, the tail (fewer than 4 vectors) one register at a
    /// time over the last whole vector. Compiled optimized from the first call, as generated loops are.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vector<T, F>(T[] x, T[] d)
        where T : unmanaged
        where F : struct, IVectorFunction<T>
    {
        ref T s = ref x[0];
        ref T t = ref d[0];
        nuint n = (nuint)x.Length, c = (nuint)Vector512<T>.Count, i = 0;
        for (; i + 4 * c <= n; i += 4 * c)
        {
            Vector512<T> x0 = Vector512.LoadUnsafe(ref s, i), x1 = Vector512.LoadUnsafe(ref s, i + c);
            Vector512<T> x2 = Vector512.LoadUnsafe(ref s, i + 2 * c), x3 = Vector512.LoadUnsafe(ref s, i + 3 * c);
            F.Apply(x0).StoreUnsafe(ref t, i);
            F.Apply(x1).StoreUnsafe(ref t, i + c);
            F.Apply(x2).StoreUnsafe(ref t, i + 2 * c);
            F.Apply(x3).StoreUnsafe(ref t, i + 3 * c);
        }

        for (; i < n; i += c)
        {
            i = Math.Min(i, n - c);
            F.Apply(Vector512.LoadUnsafe(ref s, i)).StoreUnsafe(ref t, i);
        }
    }

    /// <summary>d[i] = F(a[i], b[i]), as <see cref="Vector{T, F}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vector2<T, F>(T[] a, T[] b, T[] d)
        where T : unmanaged
        where F : struct, IBinaryVectorFunction<T>
    {
        ref T p = ref a[0], q = ref b[0], t = ref d[0];
        nuint n = (nuint)a.Length, c = (nuint)Vector512<T>.Count, i = 0;
        for (; i + 4 * c <= n; i += 4 * c)
        {
            F.Apply(Vector512.LoadUnsafe(ref p, i), Vector512.LoadUnsafe(ref q, i)).StoreUnsafe(ref t, i);
            F.Apply(Vector512.LoadUnsafe(ref p, i + c), Vector512.LoadUnsafe(ref q, i + c)).StoreUnsafe(ref t, i + c);
            F.Apply(Vector512.LoadUnsafe(ref p, i + 2 * c), Vector512.LoadUnsafe(ref q, i + 2 * c)).StoreUnsafe(ref t, i + 2 * c);
            F.Apply(Vector512.LoadUnsafe(ref p, i + 3 * c), Vector512.LoadUnsafe(ref q, i + 3 * c)).StoreUnsafe(ref t, i + 3 * c);
        }

        for (; i < n; i += c)
        {
            i = Math.Min(i, n - c);
            F.Apply(Vector512.LoadUnsafe(ref p, i), Vector512.LoadUnsafe(ref q, i)).StoreUnsafe(ref t, i);
        }
    }
}

// ---- the functions: SourceGen.VectorMath's, the scalar one, TensorPrimitives' (and .NET's Vector512 one) ----------------

internal struct ExpFn : IMathFunction<float>, IMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Exp(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Exp(x); public static float Scalar(float x) => MathF.Exp(x); public static double Scalar(double x) => Math.Exp(x); public static void Tensor(ReadOnlySpan<float> x, Span<float> d) => TP.Exp(x, d); public static void Tensor(ReadOnlySpan<double> x, Span<double> d) => TP.Exp(x, d); }
internal struct LogFn : IMathFunction<float>, IMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Log(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Log(x); public static float Scalar(float x) => MathF.Log(x); public static double Scalar(double x) => Math.Log(x); public static void Tensor(ReadOnlySpan<float> x, Span<float> d) => TP.Log(x, d); public static void Tensor(ReadOnlySpan<double> x, Span<double> d) => TP.Log(x, d); }
internal struct Log2Fn : IMathFunction<float>, IMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Log2(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Log2(x); public static float Scalar(float x) => MathF.Log2(x); public static double Scalar(double x) => Math.Log2(x); public static void Tensor(ReadOnlySpan<float> x, Span<float> d) => TP.Log2(x, d); public static void Tensor(ReadOnlySpan<double> x, Span<double> d) => TP.Log2(x, d); }
internal struct SinFn : IMathFunction<float>, IMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Sin(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Sin(x); public static float Scalar(float x) => MathF.Sin(x); public static double Scalar(double x) => Math.Sin(x); public static void Tensor(ReadOnlySpan<float> x, Span<float> d) => TP.Sin(x, d); public static void Tensor(ReadOnlySpan<double> x, Span<double> d) => TP.Sin(x, d); }
internal struct CosFn : IMathFunction<float>, IMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Cos(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Cos(x); public static float Scalar(float x) => MathF.Cos(x); public static double Scalar(double x) => Math.Cos(x); public static void Tensor(ReadOnlySpan<float> x, Span<float> d) => TP.Cos(x, d); public static void Tensor(ReadOnlySpan<double> x, Span<double> d) => TP.Cos(x, d); }
internal struct Exp2Fn : IMathFunction<float>, IMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Exp2(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Exp2(x); public static float Scalar(float x) => float.Exp2(x); public static double Scalar(double x) => double.Exp2(x); public static void Tensor(ReadOnlySpan<float> x, Span<float> d) => TP.Exp2(x, d); public static void Tensor(ReadOnlySpan<double> x, Span<double> d) => TP.Exp2(x, d); }
internal struct Exp10Fn : IMathFunction<float>, IMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Exp10(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Exp10(x); public static float Scalar(float x) => float.Exp10(x); public static double Scalar(double x) => double.Exp10(x); public static void Tensor(ReadOnlySpan<float> x, Span<float> d) => TP.Exp10(x, d); public static void Tensor(ReadOnlySpan<double> x, Span<double> d) => TP.Exp10(x, d); }
internal struct ExpM1Fn : IMathFunction<float>, IMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.ExpM1(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.ExpM1(x); public static float Scalar(float x) => float.ExpM1(x); public static double Scalar(double x) => double.ExpM1(x); public static void Tensor(ReadOnlySpan<float> x, Span<float> d) => TP.ExpM1(x, d); public static void Tensor(ReadOnlySpan<double> x, Span<double> d) => TP.ExpM1(x, d); }
internal struct Log10Fn : IMathFunction<float>, IMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Log10(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Log10(x); public static float Scalar(float x) => MathF.Log10(x); public static double Scalar(double x) => Math.Log10(x); public static void Tensor(ReadOnlySpan<float> x, Span<float> d) => TP.Log10(x, d); public static void Tensor(ReadOnlySpan<double> x, Span<double> d) => TP.Log10(x, d); }
internal struct LogP1Fn : IMathFunction<float>, IMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.LogP1(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.LogP1(x); public static float Scalar(float x) => float.LogP1(x); public static double Scalar(double x) => double.LogP1(x); public static void Tensor(ReadOnlySpan<float> x, Span<float> d) => TP.LogP1(x, d); public static void Tensor(ReadOnlySpan<double> x, Span<double> d) => TP.LogP1(x, d); }
internal struct SinhFn : IMathFunction<float>, IMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Sinh(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Sinh(x); public static float Scalar(float x) => MathF.Sinh(x); public static double Scalar(double x) => Math.Sinh(x); public static void Tensor(ReadOnlySpan<float> x, Span<float> d) => TP.Sinh(x, d); public static void Tensor(ReadOnlySpan<double> x, Span<double> d) => TP.Sinh(x, d); }
internal struct CoshFn : IMathFunction<float>, IMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Cosh(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Cosh(x); public static float Scalar(float x) => MathF.Cosh(x); public static double Scalar(double x) => Math.Cosh(x); public static void Tensor(ReadOnlySpan<float> x, Span<float> d) => TP.Cosh(x, d); public static void Tensor(ReadOnlySpan<double> x, Span<double> d) => TP.Cosh(x, d); }
internal struct TanhFn : IMathFunction<float>, IMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Tanh(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Tanh(x); public static float Scalar(float x) => MathF.Tanh(x); public static double Scalar(double x) => Math.Tanh(x); public static void Tensor(ReadOnlySpan<float> x, Span<float> d) => TP.Tanh(x, d); public static void Tensor(ReadOnlySpan<double> x, Span<double> d) => TP.Tanh(x, d); }
internal struct AsinhFn : IMathFunction<float>, IMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Asinh(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Asinh(x); public static float Scalar(float x) => MathF.Asinh(x); public static double Scalar(double x) => Math.Asinh(x); public static void Tensor(ReadOnlySpan<float> x, Span<float> d) => TP.Asinh(x, d); public static void Tensor(ReadOnlySpan<double> x, Span<double> d) => TP.Asinh(x, d); }
internal struct AcoshFn : IMathFunction<float>, IMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Acosh(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Acosh(x); public static float Scalar(float x) => MathF.Acosh(x); public static double Scalar(double x) => Math.Acosh(x); public static void Tensor(ReadOnlySpan<float> x, Span<float> d) => TP.Acosh(x, d); public static void Tensor(ReadOnlySpan<double> x, Span<double> d) => TP.Acosh(x, d); }
internal struct AtanhFn : IMathFunction<float>, IMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Atanh(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Atanh(x); public static float Scalar(float x) => MathF.Atanh(x); public static double Scalar(double x) => Math.Atanh(x); public static void Tensor(ReadOnlySpan<float> x, Span<float> d) => TP.Atanh(x, d); public static void Tensor(ReadOnlySpan<double> x, Span<double> d) => TP.Atanh(x, d); }
internal struct TanFn : IMathFunction<float>, IMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Tan(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Tan(x); public static float Scalar(float x) => MathF.Tan(x); public static double Scalar(double x) => Math.Tan(x); public static void Tensor(ReadOnlySpan<float> x, Span<float> d) => TP.Tan(x, d); public static void Tensor(ReadOnlySpan<double> x, Span<double> d) => TP.Tan(x, d); }
internal struct AsinFn : IMathFunction<float>, IMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Asin(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Asin(x); public static float Scalar(float x) => MathF.Asin(x); public static double Scalar(double x) => Math.Asin(x); public static void Tensor(ReadOnlySpan<float> x, Span<float> d) => TP.Asin(x, d); public static void Tensor(ReadOnlySpan<double> x, Span<double> d) => TP.Asin(x, d); }
internal struct AcosFn : IMathFunction<float>, IMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Acos(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Acos(x); public static float Scalar(float x) => MathF.Acos(x); public static double Scalar(double x) => Math.Acos(x); public static void Tensor(ReadOnlySpan<float> x, Span<float> d) => TP.Acos(x, d); public static void Tensor(ReadOnlySpan<double> x, Span<double> d) => TP.Acos(x, d); }
internal struct AtanFn : IMathFunction<float>, IMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Atan(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Atan(x); public static float Scalar(float x) => MathF.Atan(x); public static double Scalar(double x) => Math.Atan(x); public static void Tensor(ReadOnlySpan<float> x, Span<float> d) => TP.Atan(x, d); public static void Tensor(ReadOnlySpan<double> x, Span<double> d) => TP.Atan(x, d); }
internal struct CbrtFn : IMathFunction<float>, IMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Cbrt(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Cbrt(x); public static float Scalar(float x) => MathF.Cbrt(x); public static double Scalar(double x) => Math.Cbrt(x); public static void Tensor(ReadOnlySpan<float> x, Span<float> d) => TP.Cbrt(x, d); public static void Tensor(ReadOnlySpan<double> x, Span<double> d) => TP.Cbrt(x, d); }

internal struct NetExp : IVectorFunction<float>, IVectorFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => Vector512.Exp(x); public static Vector512<double> Apply(Vector512<double> x) => Vector512.Exp(x); }
internal struct NetLog : IVectorFunction<float>, IVectorFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => Vector512.Log(x); public static Vector512<double> Apply(Vector512<double> x) => Vector512.Log(x); }
internal struct NetLog2 : IVectorFunction<float>, IVectorFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => Vector512.Log2(x); public static Vector512<double> Apply(Vector512<double> x) => Vector512.Log2(x); }
internal struct NetSin : IVectorFunction<float>, IVectorFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => Vector512.Sin(x); public static Vector512<double> Apply(Vector512<double> x) => Vector512.Sin(x); }
internal struct NetCos : IVectorFunction<float>, IVectorFunction<double> { public static Vector512<float> Apply(Vector512<float> x) => Vector512.Cos(x); public static Vector512<double> Apply(Vector512<double> x) => Vector512.Cos(x); }

// Atan2(y, x) over the inputs x, y (as Math.Atan2(y[i], x[i])).
internal struct Atan2Fn : IBinaryMathFunction<float>, IBinaryMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x, Vector512<float> y) => SourceGen.VectorMath.Atan2(y, x); public static Vector512<double> Apply(Vector512<double> x, Vector512<double> y) => SourceGen.VectorMath.Atan2(y, x); public static float Scalar(float x, float y) => MathF.Atan2(y, x); public static double Scalar(double x, double y) => Math.Atan2(y, x); public static void Tensor(float[] x, float[] y, float[] d) => TP.Atan2(y, x, d); public static void Tensor(double[] x, double[] y, double[] d) => TP.Atan2(y, x, d); }
internal struct PowFn : IBinaryMathFunction<float>, IBinaryMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x, Vector512<float> y) => SourceGen.VectorMath.Pow(x, y); public static Vector512<double> Apply(Vector512<double> x, Vector512<double> y) => SourceGen.VectorMath.Pow(x, y); public static float Scalar(float x, float y) => MathF.Pow(x, y); public static double Scalar(double x, double y) => Math.Pow(x, y); public static void Tensor(float[] x, float[] y, float[] d) => TP.Pow(x, y, d); public static void Tensor(double[] x, double[] y, double[] d) => TP.Pow(x, y, d); }
internal struct HypotFn : IBinaryMathFunction<float>, IBinaryMathFunction<double> { public static Vector512<float> Apply(Vector512<float> x, Vector512<float> y) => SourceGen.VectorMath.Hypot(x, y); public static Vector512<double> Apply(Vector512<double> x, Vector512<double> y) => SourceGen.VectorMath.Hypot(x, y); public static float Scalar(float x, float y) => float.Hypot(x, y); public static double Scalar(double x, double y) => double.Hypot(x, y); public static void Tensor(float[] x, float[] y, float[] d) => TP.Hypot(x, y, d); public static void Tensor(double[] x, double[] y, double[] d) => TP.Hypot(x, y, d); }
