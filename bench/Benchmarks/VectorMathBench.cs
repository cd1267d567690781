using BenchmarkDotNet.Attributes;

namespace SourceGen.Bench;

// SourceGen.VectorMath (what generated code calls for Math.Exp/Log/Log2/Sin/Cos) against .NET's Vector512.Exp etc.,
// TensorPrimitives and the scalar loop, one thread. The vector loops step 4 registers at a time, as generated Steps
// do. Target: VectorMath >= 0.9x TensorPrimitives ("vs TP"), float Exp >= 1.0x. The classes' shape, the functions
// and the loops: VectorMathHarness.cs.
// Run: dotnet run -c Release --project bench -- --filter '*VectorMath*' --job short

/// <summary>One function over float arrays: x in [-10, 10] (Exp, Sin, Cos) or [0.001, 1000] (Log, Log2).</summary>
public class VectorMathFloat : MathBenchmark<float>
{
    public static string[] Functions => MathCases.Select("Exp", "Log", "Log2", "Sin", "Cos");

    [ParamsSource(nameof(Functions))]
    public string Function = "Exp";

    [Params(1_000, 64_000, 16_000_000)]
    public int N;

    protected override string FunctionName => Function;

    protected override int Length => N;

    [Benchmark]
    public void DotNetVector512() => DotNet();
}

/// <summary>The same over double arrays.</summary>
public class VectorMathDouble : MathBenchmark<double>
{
    public static string[] Functions => MathCases.Select("Exp", "Log", "Log2", "Sin", "Cos");

    [ParamsSource(nameof(Functions))]
    public string Function = "Exp";

    [Params(1_000, 64_000, 16_000_000)]
    public int N;

    protected override string FunctionName => Function;

    protected override int Length => N;

    [Benchmark]
    public void DotNetVector512() => DotNet();
}
