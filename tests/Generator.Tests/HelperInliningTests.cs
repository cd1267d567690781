using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using SourceGen.Generator.Tests.Harness;
using Xunit;

namespace SourceGen.Generator.Tests;

/// <summary>
/// Helpers as users write them are inlined into the SIMD code: with statements (locals, if/else, early return, loops),
/// in another file or type, called twice, under <c>?:</c> and <c>&amp;&amp;</c>; what cannot be stays a call with an honest
/// SG0101. Inlined means: no SG0101 for the call, and the generated code never calls the helper (its scalar remainder
/// calls the kernel, not the helper).
/// </summary>
public sealed class HelperInliningTests
{
    private const string Usings = "using System;\nusing SourceGen;\n\nnamespace Demo;\n\n";

    private const string Cnd = """
            static double Cnd(double x)
            {
                double k = 1.0 / (1.0 + 0.2316419 * Math.Abs(x));
                double w = 1.0 - 0.3989422804014327 * Math.Exp(-0.5 * x * x) * k * (0.319381530 + k * (-0.356563782 + k * 1.781477937));
                if (x < 0)
                {
                    return 1.0 - w;
                }

                return w;
            }

        """;

    private static GeneratorHarness.BuildResult Build(params string[] sources)
    {
        GeneratorHarness.BuildResult result = GeneratorHarness.Build(sources.Select((s, i) => i == 0 ? Usings + s : s).ToArray());
        Assert.DoesNotContain(result.Errors, d => d.Id != "CS8795");
        Assert.DoesNotContain(result.AnalyzerDiagnostics, d => d.Id == "AD0001");
        return result;
    }

    /// <summary>The call to <paramref name="helper"/> is inlined in every entry point of the build.</summary>
    private static void AssertInlined(GeneratorHarness.BuildResult result, string helper, bool copiesKernelText = false)
    {
        Assert.DoesNotContain(result.AnalyzerDiagnostics, d => d.Id is "SG0101" or "SG0102" or "SG0302");
        foreach (SyntaxTree tree in result.Run.GeneratedTrees.Where(t => !t.FilePath.Contains("Summary", StringComparison.Ordinal)))
        {
            string code = string.Join("\n", tree.ToString().Split('\n').Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            if (!copiesKernelText)
            {
                // ([Parallel] and [GuVectorize] copy the kernel's statements as written for what runs outside SIMD steps.)
                Assert.DoesNotContain(helper + "(", code, StringComparison.Ordinal);
            }

            if (Environment.GetEnvironmentVariable("SOURCEGEN_DUMP") is { } dump)
            {
                System.IO.File.WriteAllText(System.IO.Path.Combine(dump, System.IO.Path.GetFileName(tree.FilePath)), tree.ToString());
            }

            Assert.DoesNotContain("per lane:", code, StringComparison.Ordinal);
        }
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    private static string NotInlinedReason(GeneratorHarness.BuildResult result, string helper) =>
        result.AnalyzerDiagnostics.Single(d => d.Id == "SG0101" && d.GetMessage().Contains(helper, StringComparison.Ordinal)).GetMessage();

    [Fact]
    public void StatementHelper_WithLocalsAndEarlyReturn_IsInlined()
    {
        GeneratorHarness.BuildResult result = Build($$"""
            public static partial class K
            {
            {{Cnd}}
                [Vectorize]
                public static double Price(double x) => 2.0 * Cnd(x) - 1.0;
            }
            """);
        AssertInlined(result, "Cnd");
        string code = result.Generated("K.Price.");
        // Its early return became a select: the kernel stays straight-line (no lane masks).
        Assert.Contains("Cnd, line 5: if (x < 0) return 1.0 - w; else return w;", code, StringComparison.Ordinal);
        Assert.DoesNotContain("executing", code, StringComparison.Ordinal);
    }

    [Fact]
    public void StatementHelper_WithIfElseChain_AndNestedReturns_IsInlined() => AssertInlined(Build("""
        public static partial class K
        {
            static float Piecewise(float x)
            {
                float y = x * x;
                if (x < -1f)
                {
                    if (x < -10f)
                        return -10f;
                    y = -y;
                }
                else if (x > 1f)
                {
                    return MathF.Sqrt(x);
                }
                y += 0.5f;
                return y;
            }

            [Vectorize]
            public static float Apply(float x) => Piecewise(x) + 1f;
        }
        """), "Piecewise");

    [Fact]
    public void HelperWithLoops_BreakAndContinue_IsInlined() => AssertInlined(Build("""
        public static partial class K
        {
            static double Series(double x)
            {
                double sum = 0, term = 1;
                for (int n = 1; n < 30; n++)
                {
                    term *= x / n;
                    if (n % 2 == 0)
                        continue;
                    sum += term;
                    if (Math.Abs(term) < 1e-16)
                        break;
                }

                return sum;
            }

            static int Steps(int n)
            {
                int steps = 0;
                while (n > 1 && steps < 64)
                {
                    n = (n & 1) == 0 ? n >> 1 : 3 * n + 1;
                    steps++;
                }

                return steps;
            }

            [Vectorize]
            public static double Apply(double x, int n) => Series(x) + Steps(n);
        }
        """), "Series");

    [Fact]
    public void HelperInAnotherFileAndType_IsInlined()
    {
        GeneratorHarness.BuildResult result = Build("""
            public static partial class K
            {
                [Vectorize]
                public static double Price(double x) => MathHelpers.Cnd(x) + MathHelpers.Square(x);
            }
            """, $$"""
            using System;

            namespace Demo;

            public static class MathHelpers
            {
                public static double Square(double v) => v * v;

            {{Cnd.Replace("static double Cnd", "public static double Cnd", StringComparison.Ordinal)}}
            }
            """);
        AssertInlined(result, "Cnd");
        AssertInlined(result, "Square");
    }

    [Fact]
    public void HelperCalledTwice_UnderConditionalAndAfterAnd_IsInlined()
    {
        GeneratorHarness.BuildResult result = Build($$"""
            public static partial class K
            {
            {{Cnd}}
                [Vectorize]
                public static double Twice(double a, double b) => Cnd(a) - Cnd(b);

                [Vectorize]
                public static double Lazy(double a, double b) => a > 0 && Cnd(a) > 0.9 ? b : (b < 0 ? Cnd(b) : 0.5);
            }
            """);
        AssertInlined(result, "Cnd");
        // Cnd cannot throw and has no loop: computed for every lane and selected, with no lane masks.
        Assert.DoesNotContain("executing", result.Generated("K.Lazy."), StringComparison.Ordinal);
    }

    [Fact]
    public void HelperThatMayThrowOrLoop_UnderConditionalAndOr_RunsOnlyWhereCSharpEvaluatesIt()
    {
        GeneratorHarness.BuildResult result = Build("""
            public static partial class K
            {
                static int Ratio(int a, int b)
                {
                    int q = a / b;
                    return q + 1;
                }

                static double Root(double x)
                {
                    double r = x;
                    for (int i = 0; i < 20; i++)
                        r = 0.5 * (r + x / r);
                    return r;
                }

                [Vectorize]
                public static int Lazy(int a, int b) => b == 0 || Ratio(a, b) > 3 ? 1 : 0;

                [Vectorize]
                public static double Roots(double x) => x > 0 ? Root(x) : 0;
            }
            """);
        Assert.DoesNotContain(result.AnalyzerDiagnostics, d => d.Id == "SG0101" && d.GetMessage().Contains("call", StringComparison.Ordinal));
        Assert.Contains("!(b == 0): the helper runs where C# evaluates its call", result.Generated("K.Lazy."), StringComparison.Ordinal);
        Assert.Contains("(x > 0): the helper runs where C# evaluates its call", result.Generated("K.Roots."), StringComparison.Ordinal);
    }

    [Fact]
    public void IntegerHelper_UnderConditional_KeepsOnlyTheDivisionPerLane()
    {
        GeneratorHarness.BuildResult result = Build("""
            public static partial class K
            {
                static int Ratio(int a, int b)
                {
                    int q = a / b;
                    return q + 1;
                }

                [Vectorize]
                public static int Safe(int a, int b) => b != 0 ? Ratio(a, b) : -1;
            }
            """);
        Assert.DoesNotContain(result.AnalyzerDiagnostics, d => d.Id == "SG0101" && d.GetMessage().Contains("Ratio", StringComparison.Ordinal));
        Assert.Contains(result.AnalyzerDiagnostics, d => d.Id == "SG0101" && d.GetMessage().Contains("integer division 'a / b'", StringComparison.Ordinal));
        Assert.DoesNotContain("K.Ratio(", result.Generated("K.Safe."), StringComparison.Ordinal);
    }

    [Fact]
    public void ParallelAndGuVectorizeLoops_InlineStatementHelpers()
    {
        GeneratorHarness.BuildResult result = Build($$"""
            public static partial class K
            {
            {{Cnd}}
                static void Rows(ReadOnlySpan<double> x, Span<double> y, int width, int height)
                {
                    foreach (int r in Loops.Prange(height))
                    {
                        for (int c = 0; c < width; c++)
                        {
                            y[r * width + c] = Cnd(x[r * width + c]);
                        }
                    }
                }

                [Parallel(nameof(Rows))]
                public static partial void RowsFast(ReadOnlySpan<double> x, Span<double> y, int width, int height);

                static void Row(ReadOnlySpan<double> a, Span<double> result)
                {
                    for (int i = 0; i < a.Length; i++)
                    {
                        result[i] = Cnd(a[i]) * 2.0;
                    }
                }

                [GuVectorize(nameof(Row), "(n)->(n)")]
                public static partial void RowsGu(double[,] a, double[,] result);
            }
            """);
        AssertInlined(result, "Cnd", copiesKernelText: true);
        Assert.Contains("Cnd, line", result.Generated("K.RowsFast.Parallel"), StringComparison.Ordinal);
        Assert.Contains("Cnd, line", result.Generated("K.RowsGu.GuVectorize"), StringComparison.Ordinal);
    }

    [Fact]
    public void HelperReturningFromInsideLoops_IsInlined()
    {
        GeneratorHarness.BuildResult result = Build("""
            public static partial class K
            {
                static double Newton(double x)
                {
                    double y = x;
                    for (int i = 0; i < 50; i++)
                    {
                        double n = 0.5 * (y + x / y);
                        if (Math.Abs(n - y) < 1e-12) return n;
                        y = n;
                    }
                    return y;
                }

                static int FirstOver(int n)
                {
                    int v = n;
                    while (true)
                    {
                        v = v / 2 + 3;
                        if (v > 100) return v;
                        if (v < 7) break;
                    }
                    return -v;
                }

                static int Grid(int n)
                {
                    for (int i = 0; i < 8; i++)
                    {
                        for (int j = 0; j < 8; j++)
                        {
                            if (i * j == n) return i + j;
                            if (j > n) continue;
                        }
                        if (i > n) return -1;
                    }
                    return 0;
                }

                static int Forever(int n)
                {
                    int k = n;
                    while (true)
                    {
                        k = k * 3 + 1;
                        if (k > 1000 || k < -1000) return k;
                    }
                }

                [Vectorize]
                public static double A(double x) => Newton(x) + (x > 1 && Newton(x) > 2 ? 1 : 0);

                [Vectorize]
                public static int B(int n) => n > 0 ? FirstOver(n) + Grid(n) : Forever(n);
            }
            """);
        AssertInlined(result, "Newton");
        AssertInlined(result, "FirstOver");
        AssertInlined(result, "Grid");
        AssertInlined(result, "Forever");
        string code = result.Generated("K.B.");
        // The inner loop's return leaves the outer loop too, through the flag.
        Assert.Contains("if (returned) break: the lanes that returned in 'for (int j = 0; j < 8; j++)' leave this loop too", code, StringComparison.Ordinal);
        Assert.Contains("(n > 0): the helper runs where C# evaluates its call", code, StringComparison.Ordinal);
    }

    [Fact]
    public void StatementHelpers_InLoopConditionsAndIncrements_AreInlined()
    {
        GeneratorHarness.BuildResult result = Build("""
            public static partial class K
            {
                static double Half(double x) { double h = x / 2; if (h > 100) return 100; return h; }

                static int Next(int v) { int w = v; for (int i = 0; i < 2; i++) { if ((w & 1) == 0) return w >> 1; w = 3 * w + 1; } return w; }

                [Vectorize]
                public static double A(double x)
                {
                    double y = x;
                    int k = 0;
                    while (Half(y) > 1 && k < 100) { y = y - 1; k++; if (y > 50) continue; y -= 0.5; }
                    do { y += 1; k++; } while (k < 200 && Half(y) < 3);
                    return y + k;
                }

                [Vectorize]
                public static int B(int n)
                {
                    int s = 0;
                    for (int v = n; Next(v) > 1 && s < 100; v = Next(v)) { s++; if ((v & 3) == 0) continue; s += 2; }
                    return s;
                }
            }
            """);
        AssertInlined(result, "Half");
        AssertInlined(result, "Next");
    }

    [Fact]
    public void Recursion_DoWhileConditionWithContinue_AndLoopInARowLoop_StayCalls_AndSaySo()
    {
        GeneratorHarness.BuildResult result = Build("""
            public static partial class K
            {
                static double Fact(double n) { if (n <= 1) return 1; return n * Fact(n - 1); }

                static double Countdown(double n) { for (int i = 0; i < 10; i++) { if (n < i) return Countdown(n - 1); } return n; }

                static double Half(double x) { double h = x / 2; return h; }

                static double Sum(double x) { double s = 0; for (int i = 0; i < (int)x; i++) s += i; return s; }

                static double Step(double x) { double s = x; for (int i = 0; i < 3; i++) { if (s > 4) return s; s *= 2; } return s; }

                [Vectorize]
                public static double A(double x) => Fact(x) + Countdown(x);

                [Vectorize]
                public static double B(double x)
                {
                    double y = x;
                    do { y = y - 1; if (y > 10) continue; y -= 0.5; } while (Half(y) > 1);
                    return y;
                }

                static void Rows(ReadOnlySpan<double> x, Span<double> y)
                {
                    for (int i = 0; i < x.Length; i++)
                    {
                        y[i] = Sum(x[i]) + Step(x[i]);
                    }
                }

                [GuVectorize(nameof(Rows), "(n)->(n)")]
                public static partial void RowsGu(double[,] x, double[,] y);
            }
            """);
        Assert.Contains("recursion", NotInlinedReason(result, "Fact"), StringComparison.Ordinal);
        Assert.Contains("recursion", NotInlinedReason(result, "Countdown"), StringComparison.Ordinal);
        Assert.Contains("condition of a do-while loop whose body has 'continue'", NotInlinedReason(result, "Half"), StringComparison.Ordinal);
        Assert.Contains("has a loop", NotInlinedReason(result, "Sum"), StringComparison.Ordinal);
        Assert.Contains("has a loop", NotInlinedReason(result, "Step"), StringComparison.Ordinal);
    }

    /// <summary>The differential tests' helper kernels (tests/Differential.Tests/Kernels) are inlined: what runs per lane is only integer division.</summary>
    [Fact]
    public void DifferentialHelperKernels_AreInlined()
    {
        string kernels = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(ThisFile())!, "..", "Differential.Tests", "Kernels");
        GeneratorHarness.BuildResult result = GeneratorHarness.Build(
            System.IO.File.ReadAllText(System.IO.Path.Combine(kernels, "HelperKernels.cs")),
            System.IO.File.ReadAllText(System.IO.Path.Combine(kernels, "HelperMath.cs")));
        Assert.DoesNotContain(result.Errors, d => d.Id != "CS8795");
        Assert.All(result.AnalyzerDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning),
            d => Assert.Matches(@"^SG0101: .*integer (division|remainder) '(a / b|a % b|n / r|\(\(long\)r \+ n / r\) / 2|q /= b - i)'", $"{d.Id}: {d.GetMessage()}"));
        Assert.NotEmpty(result.AnalyzerDiagnostics);
    }

    [Fact]
    public void HelperWithAnUnsupportedStatement_StaysACall_AndNamesIt()
    {
        GeneratorHarness.BuildResult result = Build("""
            public static partial class K
            {
                static double Pick(double x)
                {
                    switch ((int)x) { case 0: return 1; default: return 2; }
                }

                [Vectorize]
                public static double A(double x) => Pick(x) + 1;
            }
            """);
        Assert.Contains("its body has 'switch' on line 3 of Pick", NotInlinedReason(result, "Pick"), StringComparison.Ordinal);
    }
    [Fact]
    public void RefOutAndInHelpers_WithKernelLocals_AreInlined()
    {
        GeneratorHarness.BuildResult result = Build("""
            public static partial class K
            {
                static void SinCos(double x, out double s, out double c) { s = Math.Sin(x); c = Math.Cos(x); }

                static void Swap(ref double a, ref double b) { (a, b) = (b, a); }

                static void SwapTemp(ref double a, ref double b) { double t = a; a = b; b = t; }

                static bool TrySolve(double a, double b, out double root)
                {
                    if (a == 0) { root = double.NaN; return false; }
                    root = -b / a;
                    return true;
                }

                static void Accumulate(ref double sum, double x) { sum += x; }

                static double Scaled(in double x, double k) => x * k;

                [Vectorize]
                public static double A(double x, double y)
                {
                    SinCos(x, out double s, out var c);
                    SinCos(y, out _, out double c2);
                    double sum = 0;
                    for (int i = 0; i < 4; i++)
                        Accumulate(ref sum, s * i);
                    Swap(ref s, ref c);
                    SwapTemp(ref c, ref c);
                    double r;
                    bool ok = TrySolve(x, y, out r);
                    return (ok ? r : 0) + sum + Scaled(in s, 2) + c2;
                }

                [Vectorize]
                public static double B(double x, double y) => x > 0 && TrySolve(x, y, out var r) ? r : (y < 0 ? (TrySolve(y, x, out double q) ? q : 1) : 2);

                [Vectorize]
                public static double C(double x)
                {
                    Accumulate(ref x, 1);
                    return x;
                }
            }
            """);
        AssertInlined(result, "SinCos");
        AssertInlined(result, "Swap");
        AssertInlined(result, "TrySolve");
        AssertInlined(result, "Accumulate");
        AssertInlined(result, "Scaled");
    }

    [Fact]
    public void RefOutHelper_InAnotherFile_AndTheDifferentialKernels_AreInlined()
    {
        string kernels = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(ThisFile())!, "..", "Differential.Tests", "Kernels");
        GeneratorHarness.BuildResult result = GeneratorHarness.Build(
            System.IO.File.ReadAllText(System.IO.Path.Combine(kernels, "RefOutHelperKernels.cs")),
            System.IO.File.ReadAllText(System.IO.Path.Combine(kernels, "HelperMath.cs")));
        Assert.DoesNotContain(result.Errors, d => d.Id != "CS8795");

        // Only the integer divisions run per lane (by a per-element divisor), and nothing keeps a kernel scalar.
        Assert.All(result.AnalyzerDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning),
            d => Assert.Matches(@"^SG0101: .*integer division 'a / b'", $"{d.Id}: {d.GetMessage()}"));
        Assert.NotEmpty(result.AnalyzerDiagnostics);
    }

    [Fact]
    public void RefArguments_ThatAreNotLocals_OrReadBeforeTheCall_KeepTheKernelScalar_AndSayWhy()
    {
        GeneratorHarness.BuildResult result = Build("""
            public static partial class K
            {
                static double s_total;

                static void Accumulate(ref double sum, double x) { sum += x; }

                static bool Step(ref double z, double c) { z = z * z + c; return z > 2; }

                static void Countdown(ref double n) { if (n > 0) { n -= 1; Countdown(ref n); } }

                static double Halve(in double x) => x > 1 ? Halve(x / 2) : x;

                [Vectorize]
                public static double A(double x)
                {
                    Accumulate(ref s_total, x);
                    return x;
                }

                [Vectorize]
                public static double B(double x)
                {
                    double z = 0;
                    return z + (Step(ref z, x) ? 1 : 0);
                }

                [Vectorize]
                public static double C(double x)
                {
                    Countdown(ref x);
                    return x;
                }

                public static void Rows(ReadOnlySpan<double> x, double[] y)
                {
                    foreach (int i in Loops.Prange(x.Length))
                    {
                        y[i] = 0;
                        Accumulate(ref y[i], x[i]);
                    }
                }

                [Parallel(nameof(Rows))]
                public static partial void RowsFast(ReadOnlySpan<double> x, double[] y);

                [Vectorize]
                public static double D(double x) => Halve(in x) + 1;
            }
            """);
        string[] messages = result.AnalyzerDiagnostics.Where(d => d.Id is "SG0101" or "SG0102").Select(d => $"{d.Id}: {d.GetMessage()}").ToArray();
        Assert.Contains(messages, m => m.Contains("'ref s_total', which is not a local", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("K.Step", StringComparison.Ordinal) && m.Contains("reads 'z' before the call writes it", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("K.Countdown", StringComparison.Ordinal) && m.Contains("recursion", StringComparison.Ordinal));

        // An 'in' argument writes nothing: a helper that is not inlined is called per lane (SG0101), with a value.
        Assert.Contains("recursion", NotInlinedReason(result, "K.Halve"), StringComparison.Ordinal);
        Assert.DoesNotContain(messages, m => m.StartsWith("SG0102", StringComparison.Ordinal) && m.Contains("'D'", StringComparison.Ordinal));

        // The [Parallel] loop's element passed by ref: the loop runs one iteration at a time, and says why.
        Assert.Contains(result.AnalyzerDiagnostics, d => d.Id == "SG0302" && d.GetMessage().Contains("'ref y[i]'", StringComparison.Ordinal)
            && d.GetMessage().Contains("an array or span element", StringComparison.Ordinal));
    }
}
