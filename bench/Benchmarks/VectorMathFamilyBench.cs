using BenchmarkDotNet.Attributes;

namespace SourceGen.Bench;

// SourceGen.VectorMath's Exp2, Exp10, ExpM1, Log10, LogP1 and the hyperbolics against TensorPrimitives and the scalar
// loop (.NET's double.Exp2 etc.), one thread, in cache (1K) and from memory (16M). Targets (issue 20): >= 0.9x
// TensorPrimitives where it vectorizes the function (Log10, Exp2, Exp10, Sinh, Cosh, Tanh), >= 4x the scalar loop
// otherwise. ExpM1 and LogP1 here are the accurate functions, the scalar loop and TensorPrimitives compute Exp(x) - 1
// and Log(x + 1). The classes' shape, the functions and their input ranges: VectorMathHarness.cs.
// Run: dotnet run -c Release --project bench -- --filter '*VectorMathFamily*' --job short
// (SOURCEGEN_BENCH_FUNCTIONS=Tanh,Log10 runs only those functions; with --inProcess the variable reaches the runs.)

/// <summary>One function over float arrays (x in [-10, 10] but Log10 [0.001, 1000], LogP1 [-0.9, 100], Asinh [-100, 100], Acosh [1, 1000], Atanh [-0.99, 0.99]).</summary>
public class VectorMathFamilyFloat : MathBenchmark<float>
{
    public static string[] Functions => MathCases.Select("Exp2", "Exp10", "ExpM1", "Log10", "LogP1", "Sinh", "Cosh", "Tanh", "Asinh", "Acosh", "Atanh");

    [ParamsSource(nameof(Functions))]
    public string Function = "Exp2";

    [Params(1_000, 16_000_000)]
    public int N;

    protected override string FunctionName => Function;

    protected override int Length => N;
}

/// <summary>The same over double arrays.</summary>
public class VectorMathFamilyDouble : MathBenchmark<double>
{
    public static string[] Functions => MathCases.Select("Exp2", "Exp10", "ExpM1", "Log10", "LogP1", "Sinh", "Cosh", "Tanh", "Asinh", "Acosh", "Atanh");

    [ParamsSource(nameof(Functions))]
    public string Function = "Exp2";

    [Params(1_000, 16_000_000)]
    public int N;

    protected override string FunctionName => Function;

    protected override int Length => N;
}
