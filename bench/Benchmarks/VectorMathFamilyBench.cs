using System;
using BenchmarkDotNet.Attributes;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace SourceGen.Bench;

// SourceGen.VectorMath's Exp2, Exp10, ExpM1, Log10, LogP1 and the hyperbolics against TensorPrimitives and the scalar
// loop (.NET's double.Exp2 etc.), one thread, in cache (1K) and from memory (16M). The vector loop is VectorMathBench's
// (four Vector512 registers a step). Targets (issue 20): >= 0.9x TensorPrimitives where it vectorizes the function
// (Log10, Exp2, Exp10, Sinh, Cosh, Tanh), >= 4x the scalar loop otherwise. ExpM1 and LogP1 here are the accurate
// functions, the scalar loop and TensorPrimitives compute Exp(x) - 1 and Log(x + 1).
// Run: dotnet run -c Release --project bench -- --filter '*VectorMathFamily*' --job short
// (SOURCEGEN_BENCH_FUNCTIONS=Tanh,Log10 runs only those functions; with --inProcess the variable reaches the runs.)

/// <summary>One function over float arrays (x in [-10, 10] but Log10 [0.001, 1000], LogP1 [-0.9, 100], Asinh [-100, 100],
/// Acosh [1, 1000], Atanh [-0.99, 0.99]).</summary>
public class VectorMathFamilyFloat
{
    public static string[] Functions => VectorMathFamily.Functions;

    [ParamsSource(nameof(Functions))]
    public string Function = "Exp2";

    [Params(1_000, 16_000_000)]
    public int N;

    private float[] _x = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Function switch
        {
            "Log10" => Data.Floats(N, seed: 1, 0.001f, 1000f),
            "LogP1" => Data.Floats(N, seed: 1, -0.9f, 100f),
            "Asinh" => Data.Floats(N, seed: 1, -100f, 100f),
            "Acosh" => Data.Floats(N, seed: 1, 1f, 1000f),
            "Atanh" => Data.Floats(N, seed: 1, -0.99f, 0.99f),
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
            case "Exp2": for (int i = 0; i < d.Length; i++) { d[i] = float.Exp2(x[i]); } break;
            case "Exp10": for (int i = 0; i < d.Length; i++) { d[i] = float.Exp10(x[i]); } break;
            case "ExpM1": for (int i = 0; i < d.Length; i++) { d[i] = float.ExpM1(x[i]); } break;
            case "Log10": for (int i = 0; i < d.Length; i++) { d[i] = MathF.Log10(x[i]); } break;
            case "LogP1": for (int i = 0; i < d.Length; i++) { d[i] = float.LogP1(x[i]); } break;
            case "Sinh": for (int i = 0; i < d.Length; i++) { d[i] = MathF.Sinh(x[i]); } break;
            case "Cosh": for (int i = 0; i < d.Length; i++) { d[i] = MathF.Cosh(x[i]); } break;
            case "Tanh": for (int i = 0; i < d.Length; i++) { d[i] = MathF.Tanh(x[i]); } break;
            case "Asinh": for (int i = 0; i < d.Length; i++) { d[i] = MathF.Asinh(x[i]); } break;
            case "Acosh": for (int i = 0; i < d.Length; i++) { d[i] = MathF.Acosh(x[i]); } break;
            default: for (int i = 0; i < d.Length; i++) { d[i] = MathF.Atanh(x[i]); } break;
        }
    }

    [Benchmark]
    public void VectorMath()
    {
        switch (Function)
        {
            case "Exp2": VectorLoops.Run<float, MineExp2>(_x, _d); break;
            case "Exp10": VectorLoops.Run<float, MineExp10>(_x, _d); break;
            case "ExpM1": VectorLoops.Run<float, MineExpM1>(_x, _d); break;
            case "Log10": VectorLoops.Run<float, MineLog10>(_x, _d); break;
            case "LogP1": VectorLoops.Run<float, MineLogP1>(_x, _d); break;
            case "Sinh": VectorLoops.Run<float, MineSinh>(_x, _d); break;
            case "Cosh": VectorLoops.Run<float, MineCosh>(_x, _d); break;
            case "Tanh": VectorLoops.Run<float, MineTanh>(_x, _d); break;
            case "Asinh": VectorLoops.Run<float, MineAsinh>(_x, _d); break;
            case "Acosh": VectorLoops.Run<float, MineAcosh>(_x, _d); break;
            default: VectorLoops.Run<float, MineAtanh>(_x, _d); break;
        }
    }

    [Benchmark]
    public void TensorPrimitives()
    {
        switch (Function)
        {
            case "Exp2": TP.Exp2<float>(_x, _d); break;
            case "Exp10": TP.Exp10<float>(_x, _d); break;
            case "ExpM1": TP.ExpM1<float>(_x, _d); break;
            case "Log10": TP.Log10<float>(_x, _d); break;
            case "LogP1": TP.LogP1<float>(_x, _d); break;
            case "Sinh": TP.Sinh<float>(_x, _d); break;
            case "Cosh": TP.Cosh<float>(_x, _d); break;
            case "Tanh": TP.Tanh<float>(_x, _d); break;
            case "Asinh": TP.Asinh<float>(_x, _d); break;
            case "Acosh": TP.Acosh<float>(_x, _d); break;
            default: TP.Atanh<float>(_x, _d); break;
        }
    }
}

/// <summary>One function over double arrays (x in [-10, 10] but Log10 [0.001, 1000], LogP1 [-0.9, 100], Asinh [-100, 100],
/// Acosh [1, 1000], Atanh [-0.99, 0.99]).</summary>
public class VectorMathFamilyDouble
{
    public static string[] Functions => VectorMathFamily.Functions;

    [ParamsSource(nameof(Functions))]
    public string Function = "Exp2";

    [Params(1_000, 16_000_000)]
    public int N;

    private double[] _x = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Function switch
        {
            "Log10" => Data.Doubles(N, seed: 1, 0.001, 1000.0),
            "LogP1" => Data.Doubles(N, seed: 1, -0.9, 100.0),
            "Asinh" => Data.Doubles(N, seed: 1, -100.0, 100.0),
            "Acosh" => Data.Doubles(N, seed: 1, 1.0, 1000.0),
            "Atanh" => Data.Doubles(N, seed: 1, -0.99, 0.99),
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
            case "Exp2": for (int i = 0; i < d.Length; i++) { d[i] = double.Exp2(x[i]); } break;
            case "Exp10": for (int i = 0; i < d.Length; i++) { d[i] = double.Exp10(x[i]); } break;
            case "ExpM1": for (int i = 0; i < d.Length; i++) { d[i] = double.ExpM1(x[i]); } break;
            case "Log10": for (int i = 0; i < d.Length; i++) { d[i] = Math.Log10(x[i]); } break;
            case "LogP1": for (int i = 0; i < d.Length; i++) { d[i] = double.LogP1(x[i]); } break;
            case "Sinh": for (int i = 0; i < d.Length; i++) { d[i] = Math.Sinh(x[i]); } break;
            case "Cosh": for (int i = 0; i < d.Length; i++) { d[i] = Math.Cosh(x[i]); } break;
            case "Tanh": for (int i = 0; i < d.Length; i++) { d[i] = Math.Tanh(x[i]); } break;
            case "Asinh": for (int i = 0; i < d.Length; i++) { d[i] = Math.Asinh(x[i]); } break;
            case "Acosh": for (int i = 0; i < d.Length; i++) { d[i] = Math.Acosh(x[i]); } break;
            default: for (int i = 0; i < d.Length; i++) { d[i] = Math.Atanh(x[i]); } break;
        }
    }

    [Benchmark]
    public void VectorMath()
    {
        switch (Function)
        {
            case "Exp2": VectorLoops.Run<double, MineExp2>(_x, _d); break;
            case "Exp10": VectorLoops.Run<double, MineExp10>(_x, _d); break;
            case "ExpM1": VectorLoops.Run<double, MineExpM1>(_x, _d); break;
            case "Log10": VectorLoops.Run<double, MineLog10>(_x, _d); break;
            case "LogP1": VectorLoops.Run<double, MineLogP1>(_x, _d); break;
            case "Sinh": VectorLoops.Run<double, MineSinh>(_x, _d); break;
            case "Cosh": VectorLoops.Run<double, MineCosh>(_x, _d); break;
            case "Tanh": VectorLoops.Run<double, MineTanh>(_x, _d); break;
            case "Asinh": VectorLoops.Run<double, MineAsinh>(_x, _d); break;
            case "Acosh": VectorLoops.Run<double, MineAcosh>(_x, _d); break;
            default: VectorLoops.Run<double, MineAtanh>(_x, _d); break;
        }
    }

    [Benchmark]
    public void TensorPrimitives()
    {
        switch (Function)
        {
            case "Exp2": TP.Exp2<double>(_x, _d); break;
            case "Exp10": TP.Exp10<double>(_x, _d); break;
            case "ExpM1": TP.ExpM1<double>(_x, _d); break;
            case "Log10": TP.Log10<double>(_x, _d); break;
            case "LogP1": TP.LogP1<double>(_x, _d); break;
            case "Sinh": TP.Sinh<double>(_x, _d); break;
            case "Cosh": TP.Cosh<double>(_x, _d); break;
            case "Tanh": TP.Tanh<double>(_x, _d); break;
            case "Asinh": TP.Asinh<double>(_x, _d); break;
            case "Acosh": TP.Acosh<double>(_x, _d); break;
            default: TP.Atanh<double>(_x, _d); break;
        }
    }
}

internal static class VectorMathFamily
{
    /// <summary>The functions to run: all, or those of SOURCEGEN_BENCH_FUNCTIONS (comma-separated).</summary>
    public static string[] Functions =>
        Environment.GetEnvironmentVariable("SOURCEGEN_BENCH_FUNCTIONS") is { Length: > 0 } only
            ? only.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : new[] { "Exp2", "Exp10", "ExpM1", "Log10", "LogP1", "Sinh", "Cosh", "Tanh", "Asinh", "Acosh", "Atanh" };
}

internal struct MineExp2 : IVectorFunction { public static System.Runtime.Intrinsics.Vector512<float> Apply(System.Runtime.Intrinsics.Vector512<float> x) => SourceGen.VectorMath.Exp2(x); public static System.Runtime.Intrinsics.Vector512<double> Apply(System.Runtime.Intrinsics.Vector512<double> x) => SourceGen.VectorMath.Exp2(x); }
internal struct MineExp10 : IVectorFunction { public static System.Runtime.Intrinsics.Vector512<float> Apply(System.Runtime.Intrinsics.Vector512<float> x) => SourceGen.VectorMath.Exp10(x); public static System.Runtime.Intrinsics.Vector512<double> Apply(System.Runtime.Intrinsics.Vector512<double> x) => SourceGen.VectorMath.Exp10(x); }
internal struct MineExpM1 : IVectorFunction { public static System.Runtime.Intrinsics.Vector512<float> Apply(System.Runtime.Intrinsics.Vector512<float> x) => SourceGen.VectorMath.ExpM1(x); public static System.Runtime.Intrinsics.Vector512<double> Apply(System.Runtime.Intrinsics.Vector512<double> x) => SourceGen.VectorMath.ExpM1(x); }
internal struct MineLog10 : IVectorFunction { public static System.Runtime.Intrinsics.Vector512<float> Apply(System.Runtime.Intrinsics.Vector512<float> x) => SourceGen.VectorMath.Log10(x); public static System.Runtime.Intrinsics.Vector512<double> Apply(System.Runtime.Intrinsics.Vector512<double> x) => SourceGen.VectorMath.Log10(x); }
internal struct MineLogP1 : IVectorFunction { public static System.Runtime.Intrinsics.Vector512<float> Apply(System.Runtime.Intrinsics.Vector512<float> x) => SourceGen.VectorMath.LogP1(x); public static System.Runtime.Intrinsics.Vector512<double> Apply(System.Runtime.Intrinsics.Vector512<double> x) => SourceGen.VectorMath.LogP1(x); }
internal struct MineSinh : IVectorFunction { public static System.Runtime.Intrinsics.Vector512<float> Apply(System.Runtime.Intrinsics.Vector512<float> x) => SourceGen.VectorMath.Sinh(x); public static System.Runtime.Intrinsics.Vector512<double> Apply(System.Runtime.Intrinsics.Vector512<double> x) => SourceGen.VectorMath.Sinh(x); }
internal struct MineCosh : IVectorFunction { public static System.Runtime.Intrinsics.Vector512<float> Apply(System.Runtime.Intrinsics.Vector512<float> x) => SourceGen.VectorMath.Cosh(x); public static System.Runtime.Intrinsics.Vector512<double> Apply(System.Runtime.Intrinsics.Vector512<double> x) => SourceGen.VectorMath.Cosh(x); }
internal struct MineTanh : IVectorFunction { public static System.Runtime.Intrinsics.Vector512<float> Apply(System.Runtime.Intrinsics.Vector512<float> x) => SourceGen.VectorMath.Tanh(x); public static System.Runtime.Intrinsics.Vector512<double> Apply(System.Runtime.Intrinsics.Vector512<double> x) => SourceGen.VectorMath.Tanh(x); }
internal struct MineAsinh : IVectorFunction { public static System.Runtime.Intrinsics.Vector512<float> Apply(System.Runtime.Intrinsics.Vector512<float> x) => SourceGen.VectorMath.Asinh(x); public static System.Runtime.Intrinsics.Vector512<double> Apply(System.Runtime.Intrinsics.Vector512<double> x) => SourceGen.VectorMath.Asinh(x); }
internal struct MineAcosh : IVectorFunction { public static System.Runtime.Intrinsics.Vector512<float> Apply(System.Runtime.Intrinsics.Vector512<float> x) => SourceGen.VectorMath.Acosh(x); public static System.Runtime.Intrinsics.Vector512<double> Apply(System.Runtime.Intrinsics.Vector512<double> x) => SourceGen.VectorMath.Acosh(x); }
internal struct MineAtanh : IVectorFunction { public static System.Runtime.Intrinsics.Vector512<float> Apply(System.Runtime.Intrinsics.Vector512<float> x) => SourceGen.VectorMath.Atanh(x); public static System.Runtime.Intrinsics.Vector512<double> Apply(System.Runtime.Intrinsics.Vector512<double> x) => SourceGen.VectorMath.Atanh(x); }
