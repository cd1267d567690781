using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace SourceGen.Bench;

// SourceGen.VectorMath's Tan, Asin, Acos, Atan, Cbrt (one argument) and Atan2, Pow, Hypot (two) against the scalar
// loop and TensorPrimitives, one thread, in cache (1K) and from memory (16M). TensorPrimitives runs Pow, Cbrt, Asin,
// Acos, Atan and Atan2 one element at a time; it vectorizes Tan and Hypot. Targets (issue 20): >= 4x the scalar loop,
// >= 0.9x TensorPrimitives for Tan and Hypot.
// Run: dotnet run -c Release --project bench -- --filter '*VectorMathTrig*' '*VectorMathBinary*' --job short

public abstract class TwoSizeBenchmark
{
    [Params(1_000, 16_000_000)]
    public int N;
}

/// <summary>One function over float arrays: x in [-1, 1] (Asin, Acos), [-1000, 1000] (Cbrt) or [-10, 10].</summary>
public class VectorMathTrigFloat : TwoSizeBenchmark
{
    [Params("Tan", "Asin", "Acos", "Atan", "Cbrt")]
    public string Function = "Tan";

    private float[] _x = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Function switch
        {
            "Asin" or "Acos" => Data.Floats(N, seed: 1, -1f, 1f),
            "Cbrt" => Data.Floats(N, seed: 1, -1000f, 1000f),
            _ => Data.Floats(N, seed: 1, -10f, 10f),
        };
        _d = new float[N];
        Verify.Agree(_d, 1e-5, Scalar, VectorMath, TensorPrimitives);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        float[] x = _x, d = _d;
        switch (Function)
        {
            case "Tan": for (int i = 0; i < d.Length; i++) { d[i] = MathF.Tan(x[i]); } break;
            case "Asin": for (int i = 0; i < d.Length; i++) { d[i] = MathF.Asin(x[i]); } break;
            case "Acos": for (int i = 0; i < d.Length; i++) { d[i] = MathF.Acos(x[i]); } break;
            case "Atan": for (int i = 0; i < d.Length; i++) { d[i] = MathF.Atan(x[i]); } break;
            default: for (int i = 0; i < d.Length; i++) { d[i] = MathF.Cbrt(x[i]); } break;
        }
    }

    [Benchmark]
    public void VectorMath()
    {
        switch (Function)
        {
            case "Tan": VectorLoops.Run<float, MineTan>(_x, _d); break;
            case "Asin": VectorLoops.Run<float, MineAsin>(_x, _d); break;
            case "Acos": VectorLoops.Run<float, MineAcos>(_x, _d); break;
            case "Atan": VectorLoops.Run<float, MineAtan>(_x, _d); break;
            default: VectorLoops.Run<float, MineCbrt>(_x, _d); break;
        }
    }

    [Benchmark]
    public void TensorPrimitives()
    {
        switch (Function)
        {
            case "Tan": TP.Tan(_x, _d); break;
            case "Asin": TP.Asin(_x, _d); break;
            case "Acos": TP.Acos(_x, _d); break;
            case "Atan": TP.Atan(_x, _d); break;
            default: TP.Cbrt(_x, _d); break;
        }
    }
}

/// <summary>The same over double arrays.</summary>
public class VectorMathTrigDouble : TwoSizeBenchmark
{
    [Params("Tan", "Asin", "Acos", "Atan", "Cbrt")]
    public string Function = "Tan";

    private double[] _x = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Function switch
        {
            "Asin" or "Acos" => Data.Doubles(N, seed: 1, -1.0, 1.0),
            "Cbrt" => Data.Doubles(N, seed: 1, -1000.0, 1000.0),
            _ => Data.Doubles(N, seed: 1, -10.0, 10.0),
        };
        _d = new double[N];
        Verify.Agree(_d, 1e-12, Scalar, VectorMath, TensorPrimitives);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        double[] x = _x, d = _d;
        switch (Function)
        {
            case "Tan": for (int i = 0; i < d.Length; i++) { d[i] = Math.Tan(x[i]); } break;
            case "Asin": for (int i = 0; i < d.Length; i++) { d[i] = Math.Asin(x[i]); } break;
            case "Acos": for (int i = 0; i < d.Length; i++) { d[i] = Math.Acos(x[i]); } break;
            case "Atan": for (int i = 0; i < d.Length; i++) { d[i] = Math.Atan(x[i]); } break;
            default: for (int i = 0; i < d.Length; i++) { d[i] = Math.Cbrt(x[i]); } break;
        }
    }

    [Benchmark]
    public void VectorMath()
    {
        switch (Function)
        {
            case "Tan": VectorLoops.Run<double, MineTan>(_x, _d); break;
            case "Asin": VectorLoops.Run<double, MineAsin>(_x, _d); break;
            case "Acos": VectorLoops.Run<double, MineAcos>(_x, _d); break;
            case "Atan": VectorLoops.Run<double, MineAtan>(_x, _d); break;
            default: VectorLoops.Run<double, MineCbrt>(_x, _d); break;
        }
    }

    [Benchmark]
    public void TensorPrimitives()
    {
        switch (Function)
        {
            case "Tan": TP.Tan(_x, _d); break;
            case "Asin": TP.Asin(_x, _d); break;
            case "Acos": TP.Acos(_x, _d); break;
            case "Atan": TP.Atan(_x, _d); break;
            default: TP.Cbrt(_x, _d); break;
        }
    }
}

/// <summary>Atan2(y, x), Pow(x, y) and Hypot(x, y) over float arrays: Atan2 on [-10, 10]^2, Pow with x in
/// [0.01, 100] and y in [-10, 10], Hypot on [-1000, 1000]^2.</summary>
public class VectorMathBinaryFloat : TwoSizeBenchmark
{
    [Params("Atan2", "Pow", "Hypot")]
    public string Function = "Pow";

    private float[] _x = null!, _y = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_x, _y) = Function switch
        {
            "Pow" => (Data.Floats(N, seed: 1, 0.01f, 100f), Data.Floats(N, seed: 2, -10f, 10f)),
            "Hypot" => (Data.Floats(N, seed: 1, -1000f, 1000f), Data.Floats(N, seed: 2, -1000f, 1000f)),
            _ => (Data.Floats(N, seed: 1, -10f, 10f), Data.Floats(N, seed: 2, -10f, 10f)),
        };
        _d = new float[N];
        Verify.Agree(_d, 1e-5, Scalar, VectorMath, TensorPrimitives);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        float[] x = _x, y = _y, d = _d;
        switch (Function)
        {
            case "Atan2": for (int i = 0; i < d.Length; i++) { d[i] = MathF.Atan2(y[i], x[i]); } break;
            case "Pow": for (int i = 0; i < d.Length; i++) { d[i] = MathF.Pow(x[i], y[i]); } break;
            default: for (int i = 0; i < d.Length; i++) { d[i] = float.Hypot(x[i], y[i]); } break;
        }
    }

    [Benchmark]
    public void VectorMath()
    {
        switch (Function)
        {
            case "Atan2": BinaryLoops.Run<MineAtan2>(_y, _x, _d); break;
            case "Pow": BinaryLoops.Run<MinePow>(_x, _y, _d); break;
            default: BinaryLoops.Run<MineHypot>(_x, _y, _d); break;
        }
    }

    [Benchmark]
    public void TensorPrimitives()
    {
        switch (Function)
        {
            case "Atan2": TP.Atan2(_y, _x, _d); break;
            case "Pow": TP.Pow(_x, _y, _d); break;
            default: TP.Hypot(_x, _y, _d); break;
        }
    }
}

/// <summary>The same over double arrays.</summary>
public class VectorMathBinaryDouble : TwoSizeBenchmark
{
    [Params("Atan2", "Pow", "Hypot")]
    public string Function = "Pow";

    private double[] _x = null!, _y = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_x, _y) = Function switch
        {
            "Pow" => (Data.Doubles(N, seed: 1, 0.01, 100.0), Data.Doubles(N, seed: 2, -10.0, 10.0)),
            "Hypot" => (Data.Doubles(N, seed: 1, -1000.0, 1000.0), Data.Doubles(N, seed: 2, -1000.0, 1000.0)),
            _ => (Data.Doubles(N, seed: 1, -10.0, 10.0), Data.Doubles(N, seed: 2, -10.0, 10.0)),
        };
        _d = new double[N];
        Verify.Agree(_d, 1e-12, Scalar, VectorMath, TensorPrimitives);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        double[] x = _x, y = _y, d = _d;
        switch (Function)
        {
            case "Atan2": for (int i = 0; i < d.Length; i++) { d[i] = Math.Atan2(y[i], x[i]); } break;
            case "Pow": for (int i = 0; i < d.Length; i++) { d[i] = Math.Pow(x[i], y[i]); } break;
            default: for (int i = 0; i < d.Length; i++) { d[i] = double.Hypot(x[i], y[i]); } break;
        }
    }

    [Benchmark]
    public void VectorMath()
    {
        switch (Function)
        {
            case "Atan2": BinaryLoops.Run<MineAtan2>(_y, _x, _d); break;
            case "Pow": BinaryLoops.Run<MinePow>(_x, _y, _d); break;
            default: BinaryLoops.Run<MineHypot>(_x, _y, _d); break;
        }
    }

    [Benchmark]
    public void TensorPrimitives()
    {
        switch (Function)
        {
            case "Atan2": TP.Atan2(_y, _x, _d); break;
            case "Pow": TP.Pow(_x, _y, _d); break;
            default: TP.Hypot(_x, _y, _d); break;
        }
    }
}

internal struct MineTan : IVectorFunction { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Tan(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Tan(x); }
internal struct MineAsin : IVectorFunction { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Asin(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Asin(x); }
internal struct MineAcos : IVectorFunction { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Acos(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Acos(x); }
internal struct MineAtan : IVectorFunction { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Atan(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Atan(x); }
internal struct MineCbrt : IVectorFunction { public static Vector512<float> Apply(Vector512<float> x) => SourceGen.VectorMath.Cbrt(x); public static Vector512<double> Apply(Vector512<double> x) => SourceGen.VectorMath.Cbrt(x); }

/// <summary>A vector function of two float or double lanes.</summary>
internal interface IBinaryVectorFunction
{
    static abstract Vector512<float> Apply(Vector512<float> a, Vector512<float> b);

    static abstract Vector512<double> Apply(Vector512<double> a, Vector512<double> b);
}

internal struct MineAtan2 : IBinaryVectorFunction { public static Vector512<float> Apply(Vector512<float> y, Vector512<float> x) => SourceGen.VectorMath.Atan2(y, x); public static Vector512<double> Apply(Vector512<double> y, Vector512<double> x) => SourceGen.VectorMath.Atan2(y, x); }
internal struct MinePow : IBinaryVectorFunction { public static Vector512<float> Apply(Vector512<float> x, Vector512<float> y) => SourceGen.VectorMath.Pow(x, y); public static Vector512<double> Apply(Vector512<double> x, Vector512<double> y) => SourceGen.VectorMath.Pow(x, y); }
internal struct MineHypot : IBinaryVectorFunction { public static Vector512<float> Apply(Vector512<float> x, Vector512<float> y) => SourceGen.VectorMath.Hypot(x, y); public static Vector512<double> Apply(Vector512<double> x, Vector512<double> y) => SourceGen.VectorMath.Hypot(x, y); }

internal static class BinaryLoops
{
    /// <summary>d[i] = F(a[i], b[i]), four Vector512 registers per step (as VectorLoops.Run), the tail over the last
    /// whole vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<F>(float[] a, float[] b, float[] d)
        where F : struct, IBinaryVectorFunction
    {
        ref float p = ref a[0], q = ref b[0], t = ref d[0];
        nuint n = (nuint)a.Length, c = (nuint)Vector512<float>.Count, i = 0;
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<F>(double[] a, double[] b, double[] d)
        where F : struct, IBinaryVectorFunction
    {
        ref double p = ref a[0], q = ref b[0], t = ref d[0];
        nuint n = (nuint)a.Length, c = (nuint)Vector512<double>.Count, i = 0;
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
