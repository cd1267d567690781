using BenchmarkDotNet.Attributes;

namespace SourceGen.Bench;

// SourceGen.VectorMath's Tan, Asin, Acos, Atan, Cbrt (one argument) and Atan2, Pow, Hypot (two) against the scalar
// loop and TensorPrimitives, one thread, in cache (1K) and from memory (16M). TensorPrimitives runs Pow, Cbrt, Asin,
// Acos, Atan and Atan2 one element at a time; it vectorizes Tan and Hypot. Targets (issue 20): >= 4x the scalar loop,
// >= 0.9x TensorPrimitives for Tan and Hypot. The classes' shape, the functions and their input ranges:
// VectorMathHarness.cs.
// Run: dotnet run -c Release --project bench -- --filter '*VectorMathTrig*' '*VectorMathBinary*' --job short
// (SOURCEGEN_BENCH_FUNCTIONS=Tan,Pow runs only those of the listed functions, as in VectorMathFamilyBench.cs.)

/// <summary>One function over float arrays: x in [-1, 1] (Asin, Acos), [-1000, 1000] (Cbrt) or [-10, 10].</summary>
public class VectorMathTrigFloat : MathBenchmark<float>
{
    public static string[] Functions => MathCases.Select("Tan", "Asin", "Acos", "Atan", "Cbrt");

    [ParamsSource(nameof(Functions))]
    public string Function = "Tan";

    [Params(1_000, 16_000_000)]
    public int N;

    protected override string FunctionName => Function;

    protected override int Length => N;
}

/// <summary>The same over double arrays.</summary>
public class VectorMathTrigDouble : MathBenchmark<double>
{
    public static string[] Functions => MathCases.Select("Tan", "Asin", "Acos", "Atan", "Cbrt");

    [ParamsSource(nameof(Functions))]
    public string Function = "Tan";

    [Params(1_000, 16_000_000)]
    public int N;

    protected override string FunctionName => Function;

    protected override int Length => N;
}

/// <summary>Atan2(y, x), Pow(x, y) and Hypot(x, y) over float arrays: Atan2 on [-10, 10]^2, Pow with x in [0.01, 100] and y in [-10, 10], Hypot on [-1000, 1000]^2.</summary>
public class VectorMathBinaryFloat : MathBenchmark<float>
{
    public static string[] Functions => MathCases.Select("Atan2", "Pow", "Hypot");

    [ParamsSource(nameof(Functions))]
    public string Function = "Pow";

    [Params(1_000, 16_000_000)]
    public int N;

    protected override string FunctionName => Function;

    protected override int Length => N;
}

/// <summary>The same over double arrays.</summary>
public class VectorMathBinaryDouble : MathBenchmark<double>
{
    public static string[] Functions => MathCases.Select("Atan2", "Pow", "Hypot");

    [ParamsSource(nameof(Functions))]
    public string Function = "Pow";

    [Params(1_000, 16_000_000)]
    public int N;

    protected override string FunctionName => Function;

    protected override int Length => N;
}
