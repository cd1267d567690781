using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace SourceGen.Bench;

// SourceGen.VectorMath (what generated code calls for Math.Exp/Log/Log2/Sin/Cos) against .NET's Vector512.Exp etc.,
// TensorPrimitives and the scalar loop, one thread. The vector loops step 4 registers at a time, as generated Steps
// do. Target: VectorMath >= 0.9x TensorPrimitives ("vs TP"), float Exp >= 1.0x.
// Run: dotnet run -c Release --project bench -- --filter '*VectorMath*' --job short

/// <summary>One function over float arrays: x in [-10, 10] (Exp, Sin, Cos) or [0.001, 1000] (Log, Log2).</summary>
public class VectorMathFloat : SizedBenchmark
{
    [Params("Exp", "Log", "Log2", "Sin", "Cos")]
    public string Function = "Exp";

    private float[] _x = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Function is "Log" or "Log2" ? Data.Floats(N, seed: 1, 0.001f, 1000f) : Data.Floats(N, seed: 1, -10f, 10f);
        _d = new float[N];
        Verify.Agree(_d, 1e-5, Scalar, VectorMath, DotNetVector512, TensorPrimitives);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        float[] x = _x, d = _d;
        switch (Function)
        {
            case "Exp": for (int i = 0; i < d.Length; i++) { d[i] = MathF.Exp(x[i]); } break;
            case "Log": for (int i = 0; i < d.Length; i++) { d[i] = MathF.Log(x[i]); } break;
            case "Log2": for (int i = 0; i < d.Length; i++) { d[i] = MathF.Log2(x[i]); } break;
            case "Sin": for (int i = 0; i < d.Length; i++) { d[i] = MathF.Sin(x[i]); } break;
            default: for (int i = 0; i < d.Length; i++) { d[i] = MathF.Cos(x[i]); } break;
        }
    }

    [Benchmark]
    public void VectorMath()
    {
        switch (Function)
        {
            case "Exp": VectorLoops.Run<float, MineExp>(_x, _d); break;
            case "Log": VectorLoops.Run<float, MineLog>(_x, _d); break;
            case "Log2": VectorLoops.Run<float, MineLog2>(_x, _d); break;
            case "Sin": VectorLoops.Run<float, MineSin>(_x, _d); break;
            default: VectorLoops.Run<float, MineCos>(_x, _d); break;
        }
    }

    [Benchmark]
    public void DotNetVector512()
    {
        switch (Function)
        {
            case "Exp": VectorLoops.Run<float, NetExp>(_x, _d); break;
            case "Log": VectorLoops.Run<float, NetLog>(_x, _d); break;
            case "Log2": VectorLoops.Run<float, NetLog2>(_x, _d); break;
            case "Sin": VectorLoops.Run<float, NetSin>(_x, _d); break;
            default: VectorLoops.Run<float, NetCos>(_x, _d); break;
        }
    }

    [Benchmark]
    public void TensorPrimitives()
    {
        switch (Function)
        {
            case "Exp": TP.Exp(_x, _d); break;
            case "Log": TP.Log(_x, _d); break;
            case "Log2": TP.Log2(_x, _d); break;
            case "Sin": TP.Sin(_x, _d); break;
            default: TP.Cos(_x, _d); break;
        }
    }
}

/// <summary>One function over double arrays: x in [-10, 10] (Exp, Sin, Cos) or [0.001, 1000] (Log, Log2).</summary>
public class VectorMathDouble : SizedBenchmark
{
    [Params("Exp", "Log", "Log2", "Sin", "Cos")]
    public string Function = "Exp";

    private double[] _x = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Function is "Log" or "Log2" ? Data.Doubles(N, seed: 1, 0.001, 1000) : Data.Doubles(N, seed: 1, -10.0, 10.0);
        _d = new double[N];
        Verify.Agree(_d, 1e-12, Scalar, VectorMath, DotNetVector512, TensorPrimitives);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        double[] x = _x, d = _d;
        switch (Function)
        {
            case "Exp": for (int i = 0; i < d.Length; i++) { d[i] = Math.Exp(x[i]); } break;
            case "Log": for (int i = 0; i < d.Length; i++) { d[i] = Math.Log(x[i]); } break;
            case "Log2": for (int i = 0; i < d.Length; i++) { d[i] = Math.Log2(x[i]); } break;
            case "Sin": for (int i = 0; i < d.Length; i++) { d[i] = Math.Sin(x[i]); } break;
            default: for (int i = 0; i < d.Length; i++) { d[i] = Math.Cos(x[i]); } break;
        }
    }

    [Benchmark]
    public void VectorMath()
    {
        switch (Function)
        {
            case "Exp": VectorLoops.Run<double, MineExp>(_x, _d); break;
            case "Log": VectorLoops.Run<double, MineLog>(_x, _d); break;
            case "Log2": VectorLoops.Run<double, MineLog2>(_x, _d); break;
            case "Sin": VectorLoops.Run<double, MineSin>(_x, _d); break;
            default: VectorLoops.Run<double, MineCos>(_x, _d); break;
        }
    }

    [Benchmark]
    public void DotNetVector512()
    {
        switch (Function)
        {
            case "Exp": VectorLoops.Run<double, NetExp>(_x, _d); break;
            case "Log": VectorLoops.Run<double, NetLog>(_x, _d); break;
            case "Log2": VectorLoops.Run<double, NetLog2>(_x, _d); break;
            case "Sin": VectorLoops.Run<double, NetSin>(_x, _d); break;
            default: VectorLoops.Run<double, NetCos>(_x, _d); break;
        }
    }

    [Benchmark]
    public void TensorPrimitives()
    {
        switch (Function)
        {
            case "Exp": TP.Exp(_x, _d); break;
            case "Log": TP.Log(_x, _d); break;
            case "Log2": TP.Log2(_x, _d); break;
            case "Sin": TP.Sin(_x, _d); break;
            default: TP.Cos(_x, _d); break;
        }
    }
}

/// <summary>A vector function of float and double lanes (a struct, so each loop is compiled for it and inlines it).</summary>
internal interface IVectorFunction
{
    static abstract Vector512<float> Apply(Vector512<float> x);

    static abstract Vector512<double> Apply(Vector512<double> x);
}

internal struct MineExp : IVectorFunction { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Exp(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Exp(x); }
internal struct MineLog : IVectorFunction { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Log(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Log(x); }
internal struct MineLog2 : IVectorFunction { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Log2(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Log2(x); }
internal struct MineSin : IVectorFunction { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Sin(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Sin(x); }
internal struct MineCos : IVectorFunction { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Cos(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Cos(x); }
internal struct NetExp : IVectorFunction { public static Vector512<float> Apply(Vector512<float> x) => Vector512.Exp(x); public static Vector512<double> Apply(Vector512<double> x) => Vector512.Exp(x); }
internal struct NetLog : IVectorFunction { public static Vector512<float> Apply(Vector512<float> x) => Vector512.Log(x); public static Vector512<double> Apply(Vector512<double> x) => Vector512.Log(x); }
internal struct NetLog2 : IVectorFunction { public static Vector512<float> Apply(Vector512<float> x) => Vector512.Log2(x); public static Vector512<double> Apply(Vector512<double> x) => Vector512.Log2(x); }
internal struct NetSin : IVectorFunction { public static Vector512<float> Apply(Vector512<float> x) => Vector512.Sin(x); public static Vector512<double> Apply(Vector512<double> x) => Vector512.Sin(x); }
internal struct NetCos : IVectorFunction { public static Vector512<float> Apply(Vector512<float> x) => Vector512.Cos(x); public static Vector512<double> Apply(Vector512<double> x) => Vector512.Cos(x); }

internal static class VectorLoops
{
    /// <summary>d[i] = F(x[i]), four Vector512 registers per step, the tail (fewer than 4 vectors) one register at a
    /// time over the last whole vector.</summary>
    public static void Run<T, F>(T[] x, T[] d)
        where T : unmanaged
        where F : struct, IVectorFunction
    {
        if (typeof(T) == typeof(float))
        {
            Run<F>(Unsafe.As<float[]>(x), Unsafe.As<float[]>(d));
        }
        else
        {
            Run<F>(Unsafe.As<double[]>(x), Unsafe.As<double[]>(d));
        }
    }

    // Compiled optimized from the first call, as generated loops are (AggressiveOptimization).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<F>(float[] x, float[] d)
        where F : struct, IVectorFunction
    {
        ref float s = ref x[0];
        ref float t = ref d[0];
        nuint n = (nuint)x.Length, c = (nuint)Vector512<float>.Count, i = 0;
        for (; i + 4 * c <= n; i += 4 * c)
        {
            Vector512<float> x0 = Vector512.LoadUnsafe(ref s, i), x1 = Vector512.LoadUnsafe(ref s, i + c);
            Vector512<float> x2 = Vector512.LoadUnsafe(ref s, i + 2 * c), x3 = Vector512.LoadUnsafe(ref s, i + 3 * c);
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<F>(double[] x, double[] d)
        where F : struct, IVectorFunction
    {
        ref double s = ref x[0];
        ref double t = ref d[0];
        nuint n = (nuint)x.Length, c = (nuint)Vector512<double>.Count, i = 0;
        for (; i + 4 * c <= n; i += 4 * c)
        {
            Vector512<double> x0 = Vector512.LoadUnsafe(ref s, i), x1 = Vector512.LoadUnsafe(ref s, i + c);
            Vector512<double> x2 = Vector512.LoadUnsafe(ref s, i + 2 * c), x3 = Vector512.LoadUnsafe(ref s, i + 3 * c);
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
}
