using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SourceGen.Generator.Tests.Harness;
using Xunit;

namespace SourceGen.Generator.Tests;

/// <summary>
/// SG0201 (throw, checked arithmetic in a [Vectorize] kernel) is an error of the parse that decides the entry point's
/// code, so the generator reports it (ARCHITECTURE.md, "Who reports what"): a build without analyzers
/// (RunAnalyzers=false, a host that runs generators only) fails on it too, each finding once per kernel however many
/// entry points share it, and the entry point still gets its (element by element) body.
/// [Parallel] and [GuVectorize] kernels run their code as written, where a throw or checked arithmetic keeps its meaning:
/// no SG0201 there (the loop runs without SIMD instead, SG0302 / SG0103).
/// </summary>
public sealed class ForbiddenConstructTests
{
    private const string Usings = "using System;\nusing System.Numerics;\nusing SourceGen;\nusing static SourceGen.Loops;\n\nnamespace Demo;\n\n";

    /// <summary>The generator alone: its SG diagnostics and the compiler's errors of the output (the generated code included).</summary>
    private static (ImmutableArray<Diagnostic> Generator, Diagnostic[] CompilerErrors, GeneratorDriverRunResult Run) GeneratorOnly(string source)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Usings + source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return (diagnostics, output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray(), driver.GetRunResult());
    }

    private static string Text(Diagnostic diagnostic) => diagnostic.Location.SourceTree!.ToString().Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);

    /// <summary>[Vectorize] kernels with SG0201 constructs, each shared by several entry points: (source, the constructs reported).</summary>
    public static TheoryData<string, string[]> SharedKernels => new()
    {
        {
            // A throw expression, two entry points (and a Target.Parallel one) on the kernel.
            """
            public static partial class K
            {
                static double Root(double x) => x >= 0 ? Math.Sqrt(x) : throw new ArgumentOutOfRangeException(nameof(x));
                [Vectorize(nameof(Root))] public static partial void Root(ReadOnlySpan<double> x, Span<double> destination);
                [Vectorize(nameof(Root))] public static partial void RootOf(ReadOnlySpan<double> x, Span<double> destination);
                [Vectorize(nameof(Root), Target = Target.Parallel)] public static partial void RootParallel(ReadOnlySpan<double> x, Span<double> destination);
            }
            """,
            new[] { "throw new ArgumentOutOfRangeException(nameof(x))" }
        },
        {
            // checked(...), a throw statement; span and uniform inputs, two targets: three entry points.
            """
            public static partial class K
            {
                static int Twice(int x, int k)
                {
                    if (x < 0) throw new ArgumentException("negative");
                    return checked(x * k);
                }
                [Vectorize(nameof(Twice))] public static partial void Twice(ReadOnlySpan<int> x, ReadOnlySpan<int> k, Span<int> destination);
                [Vectorize(nameof(Twice))] public static partial void Twice(ReadOnlySpan<int> x, int k, Span<int> destination);
                [Vectorize(nameof(Twice), Target = Target.Parallel)] public static partial void TwiceOf(ReadOnlySpan<int> x, int k, Span<int> destination);
            }
            """,
            new[] { "throw new ArgumentException(\"negative\");", "x * k" }
        },
        {
            // The shorthand (the kernel is an entry point) and a partial entry point on it.
            """
            public static partial class K
            {
                [Vectorize] public static long Wide(long x) => checked(x + 1);
                [Vectorize(nameof(Wide))] public static partial void WideOf(ReadOnlySpan<long> x, Span<long> destination);
            }
            """,
            new[] { "x + 1" }
        },
        {
            // Overloads: each kernel's findings once, whichever entry points run it.
            """
            public static partial class K
            {
                static double Check(double x) => x > 0 ? x : throw new ArgumentException("d");
                static float Check(float x) => x > 0 ? x : throw new ArgumentException("f");
                [Vectorize(nameof(Check))] public static partial void CheckD(ReadOnlySpan<double> x, Span<double> destination);
                [Vectorize(nameof(Check))] public static partial void CheckF(ReadOnlySpan<float> x, Span<float> destination);
                [Vectorize(nameof(Check), Target = Target.Parallel)] public static partial void CheckD2(ReadOnlySpan<double> x, Span<double> destination);
                [Vectorize(nameof(Check), FastMath = true)] public static partial void CheckF2(ReadOnlySpan<float> x, Span<float> destination);
            }
            """,
            new[] { "throw new ArgumentException(\"d\")", "throw new ArgumentException(\"f\")" }
        },
        {
            // A generic kernel: each element type reads its own copy of the kernel; the finding is the same one.
            """
            public static partial class K
            {
                static T Guard<T>(T x) where T : INumber<T> => x >= T.Zero ? x : throw new ArgumentException("negative");
                [Vectorize(nameof(Guard))] public static partial void Guard(ReadOnlySpan<float> x, Span<float> destination);
                [Vectorize(nameof(Guard))] public static partial void Guard(ReadOnlySpan<double> x, Span<double> destination);
                [Vectorize(nameof(Guard))] public static partial void Guard(ReadOnlySpan<int> x, Span<int> destination);
            }
            """,
            new[] { "throw new ArgumentException(\"negative\")" }
        },
        {
            // Checked arithmetic in a generic kernel: an error for the integer types (checked float arithmetic is not
            // checked), reported once, by the first entry point that finds it (the int one, after the float one).
            """
            public static partial class K
            {
                static T Next<T>(T x) where T : INumber<T> => checked(x + T.One);
                [Vectorize(nameof(Next))] public static partial void Next(ReadOnlySpan<float> x, Span<float> destination);
                [Vectorize(nameof(Next))] public static partial void Next(ReadOnlySpan<int> x, Span<int> destination);
                [Vectorize(nameof(Next))] public static partial void Next(ReadOnlySpan<long> x, Span<long> destination);
            }
            """,
            new[] { "x + T.One" }
        },
    };

    [Theory]
    [MemberData(nameof(SharedKernels))]
    public void SG0201_IsTheGenerators_OncePerKernel_AndTheEntryPointsGetTheirBodies(string source, string[] constructs)
    {
        (ImmutableArray<Diagnostic> generator, Diagnostic[] compilerErrors, GeneratorDriverRunResult run) = GeneratorOnly(source);
        Diagnostic[] forbidden = generator.Where(d => d.Id == "SG0201").ToArray();
        Assert.Equal(constructs.OrderBy(c => c, StringComparer.Ordinal), forbidden.Select(Text).OrderBy(c => c, StringComparer.Ordinal));
        Assert.All(forbidden, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.All(forbidden, d => Assert.Equal("Kernel0.cs", d.Location.SourceTree!.FilePath));
        Assert.Equal(new[] { "SG0201" }, generator.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).Distinct());

        // Every entry point gets its body (the kernel called element by element): the build's only errors are SG0201.
        Assert.Empty(compilerErrors);
        int entryPoints = source.Split('\n').Count(line => line.Contains("[Vectorize", StringComparison.Ordinal));
        Assert.Equal(entryPoints, run.GeneratedTrees.Length);

        // With the analyzer too: still once each, from the generator.
        GeneratorHarness.BuildResult both = GeneratorHarness.Build(Usings + source);
        Assert.Equal(constructs.Length, both.AnalyzerDiagnostics.Count(d => d.Id == "SG0201"));
        Assert.Equal(constructs.Length, both.GeneratorDiagnostics.Count(d => d.Id == "SG0201"));
        Assert.Empty(both.IdsReportedTwice);
    }

    [Theory]
    [InlineData("""
        public static partial class K
        {
            static void Check(Span<float> a) { foreach (int i in Prange(a.Length)) { if (a[i] < 0) throw new ArgumentException("negative"); a[i] *= 2f; } }
            [Parallel(nameof(Check))] public static partial void CheckP(Span<float> a);
            [Parallel(nameof(Check), Target = Target.Cpu)] public static partial void CheckP1(Span<float> a);
        }
        """, "SG0302")]
    [InlineData("""
        public static partial class K
        {
            static void Twice(Span<int> a) { foreach (int i in Prange(a.Length)) a[i] = checked(a[i] * 2); }
            [Parallel(nameof(Twice))] public static partial void TwiceP(Span<int> a);
        }
        """, "SG0302")]
    [InlineData("""
        public static partial class K
        {
            static void Check(ReadOnlySpan<float> x, Span<float> y) { for (int j = 0; j < x.Length; j++) y[j] = x[j] >= 0 ? x[j] : throw new ArgumentException("negative"); }
            [GuVectorize(nameof(Check), "(n)->(n)")] public static partial void CheckG(float[,] x, float[,] y);
            [GuVectorize(nameof(Check), "(n)->(n)", Target = Target.Parallel)] public static partial void CheckG2(float[,] x, float[,] y);
        }
        """, "SG0103")]
    [InlineData("""
        public static partial class K
        {
            static void Twice(ReadOnlySpan<int> x, Span<int> y) { for (int j = 0; j < x.Length; j++) y[j] = checked(x[j] * 2); }
            [GuVectorize(nameof(Twice), "(n)->(n)")] public static partial void TwiceG(int[,] x, int[,] y);
        }
        """, "SG0103")]
    public void ParallelAndGuVectorizeKernels_RunThrowAndCheckedAsWritten_WithoutSG0201(string source, string why)
    {
        (ImmutableArray<Diagnostic> generator, Diagnostic[] compilerErrors, _) = GeneratorOnly(source);
        Assert.DoesNotContain(generator, d => d.Id == "SG0201" || d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(compilerErrors);

        // Why the loop runs as written is a warning of the generator's parse, which the analyzer reports.
        GeneratorHarness.BuildResult both = GeneratorHarness.Build(Usings + source);
        Assert.DoesNotContain(both.AnalyzerDiagnostics, d => d.Id == "SG0201");
        Assert.Contains(both.AnalyzerDiagnostics.Skip(both.GeneratorDiagnostics.Length), d => d.Id == why);
    }

    /// <summary>
    /// As the user types (an IDE runs the generator on every edit): a throw typed into a kernel whose entry points are
    /// declared in another file brings SG0201, at the construct; deleting it takes the error away.
    /// </summary>
    [Fact]
    public void SG0201_FollowsEditsOfTheKernel()
    {
        const string Kernel = "public static partial class K\n{\n    static double Root(double x) => x >= 0 ? Math.Sqrt(x) : double.NaN;\n}\n";
        const string Entries = "public static partial class K\n{\n    [Vectorize(nameof(Root))] public static partial void Root(ReadOnlySpan<double> x, Span<double> destination);\n"
            + "    [Vectorize(nameof(Root), Target = Target.Parallel)] public static partial void RootOf(ReadOnlySpan<double> x, Span<double> destination);\n}\n";
        CSharpCompilation compilation = GeneratorHarness.Compile(Usings + Kernel, Usings + Entries);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.DoesNotContain(driver.GetRunResult().Diagnostics, d => d.Id == "SG0201");

        SyntaxTree clean = compilation.SyntaxTrees.First();
        SyntaxTree throwing = clean.WithChangedText(clean.GetText().Replace(clean.ToString().IndexOf("double.NaN", StringComparison.Ordinal), "double.NaN".Length, "throw new ArgumentException(\"x\")"));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(clean, throwing));
        Diagnostic error = Assert.Single(driver.GetRunResult().Diagnostics, d => d.Id == "SG0201");
        Assert.Same(throwing, error.Location.SourceTree);
        Assert.Equal("throw new ArgumentException(\"x\")", Text(error));
        Assert.Contains("a throw expression cannot be used in a [Vectorize] kernel", error.GetMessage(), StringComparison.Ordinal);

        driver = driver.RunGenerators(compilation);
        Assert.DoesNotContain(driver.GetRunResult().Diagnostics, d => d.Id == "SG0201");
    }
}
