using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SourceGen.Generator.Parsing;
using SourceGen.Generator.Tests.Harness;
using Xunit;

namespace SourceGen.Generator.Tests;

/// <summary>
/// The generator keeps each entry point's parse across edits (ParseReuse): after every kind of edit that can change a
/// kernel's meaning from another place, the incremental run must give exactly what a run from scratch gives (same
/// generated files, same diagnostics at the same places), and an edit that cannot must parse nothing again.
/// </summary>
public sealed class ParseReuseTests
{
    private const string Kernels = """
        using System;
        using SourceGen;
        using static SourceGen.Loops;

        namespace Demo;

        public static partial class Kernels
        {
            static Real Scaled(Real x) => x * Settings.Gain;

            [Vectorize(nameof(Scaled))]
            public static partial void ScaledAll(ReadOnlySpan<Real> x, Span<Real> destination);

            static double Shifted(double x) => x + Helpers.Offset(x);

            [Vectorize(nameof(Shifted))]
            public static partial void ShiftedAll(ReadOnlySpan<double> x, Span<double> destination);

            static float Root(float x) => MathF.Sqrt(x) + 1f;

            [Vectorize(nameof(Root))]
            public static partial void RootAll(ReadOnlySpan<float> x, Span<float> destination);

            static void Brighten(Span<Pixel> pixels)
            {
                foreach (int i in Prange(pixels.Length))
                {
                    pixels[i].R += pixels[i].R;
                }
            }

            [Parallel(nameof(Brighten), Target = Target.Gpu)]
            public static partial void BrightenGpu(Span<Pixel> pixels);
        }
        """;

    private const string Settings = """
        global using Real = System.Single;

        namespace Demo;

        public static class Settings
        {
            public const float Gain = 2f;
        }
        """;

    private const string Helpers = """
        namespace Demo;

        public static class Helpers
        {
            public static double Offset(double x) => x / 4;
        }

        public struct Pixel
        {
            public float R;
        }
        """;

    private const string Unrelated = """
        namespace Demo;

        public static class Other
        {
            public static int Answer()
            {
                int answer = 42;
                return answer;
            }
        }
        """;

    private static readonly string[] Files = { "Kernels.cs", "Settings.cs", "Helpers.cs", "Other.cs" };

    private static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: Files[i])),
            GeneratorHarness.Compile().References,
            GeneratorHarness.Compile().Options);

    /// <summary>What a run shows the user: every generated file's text, and every diagnostic with its place.</summary>
    private static List<string> Outcome(GeneratorDriver driver)
    {
        GeneratorDriverRunResult run = driver.GetRunResult();
        return run.Results[0].GeneratedSources.Select(s => $"{s.HintName}:\n{s.SourceText}")
            .Concat(run.Diagnostics.Select(d => $"{d.Id} {d.Location.Kind} {d.Location.GetLineSpan()} {d.Location.SourceSpan} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"))
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Applies <paramref name="edit"/> to file <paramref name="file"/> and checks the incremental run against a run from scratch.</summary>
    private static (GeneratorDriver Driver, CSharpCompilation Compilation) EditAndCompare(GeneratorDriver driver, CSharpCompilation compilation, int file, Func<string, string> edit, bool changesOutput)
    {
        List<string> before = Outcome(driver);
        SyntaxTree tree = compilation.SyntaxTrees.Single(t => t.FilePath == Files[file]);
        string text = edit(tree.ToString());
        Assert.NotEqual(tree.ToString(), text);
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: Files[file]));
        driver = driver.RunGenerators(edited);

        // From scratch: new trees (nothing stored can be reused) and a new driver.
        CSharpCompilation scratch = Compile(edited.SyntaxTrees.Select(t => t.ToString()).ToArray());
        GeneratorDriver fresh = GeneratorHarness.CreateDriver().RunGenerators(scratch);
        List<string> incremental = Outcome(driver);
        Assert.Equal(Outcome(fresh), incremental);
        Assert.Empty(scratch.AddSyntaxTrees(fresh.GetRunResult().GeneratedTrees).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("SG", StringComparison.Ordinal)
            && d.Id != "CS8795"));

        // A reported diagnostic's tree is one of this compilation's (a stale one would make the driver throw).
        Assert.All(driver.GetRunResult().Diagnostics.Where(d => d.Location.IsInSource), d => Assert.True(edited.ContainsSyntaxTree(d.Location.SourceTree!)));

        // The edit must matter (or not) for the comparison to mean anything.
        Assert.Equal(changesOutput, !before.SequenceEqual(incremental));
        return (driver, edited);
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun()
    {
        CSharpCompilation compilation = Compile(Kernels, Settings, Helpers, Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Equal(4, driver.GetRunResult().GeneratedTrees.Length);
        Assert.DoesNotContain(driver.GetRunResult().Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return (driver, compilation);
    }

    [Fact]
    public void HelperBodyInAnotherFile_MatchesAFreshRun()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        // A helper in another file is inlined: an edit of its body changes the generated code (and only its caller is parsed again).
        (driver, compilation) = EditAndCompare(driver, compilation, 2, s => s.Replace("x / 4", "x / 5"), changesOutput: true);
        Assert.Equal(1, ParseReuse.ParsesFor(compilation));
        Assert.Contains("Create(5d)", driver.GetRunResult().GeneratedTrees.Single(t => t.FilePath.Contains("ShiftedAll", StringComparison.Ordinal)).ToString(), StringComparison.Ordinal);
        // Given statements, it is still inlined, and an edit of them still shows.
        (driver, compilation) = EditAndCompare(driver, compilation, 2, s => s.Replace("public static double Offset(double x) => x / 5;", "public static double Offset(double x) { if (x < 0) return -x; return x / 5; }"), changesOutput: true);
        (driver, compilation) = EditAndCompare(driver, compilation, 2, s => s.Replace("return -x;", "return -x / 3;"), changesOutput: true);
        Assert.Contains("Create(3d)", driver.GetRunResult().GeneratedTrees.Single(t => t.FilePath.Contains("ShiftedAll", StringComparison.Ordinal)).ToString(), StringComparison.Ordinal);
        // An edit of a body in a file no parse read still parses nothing again.
        (driver, compilation) = EditAndCompare(driver, compilation, 3, s => s.Replace("42", "43"), changesOutput: false);
        Assert.Equal(0, ParseReuse.ParsesFor(compilation));
        // The helper's signature changes the declarations: everything is parsed again (its result is now a float, widened in the kernel).
        EditAndCompare(driver, compilation, 2, s => s.Replace("public static double Offset(double x) {", "public static float Offset(double x) {").Replace("return -x / 3;", "return (float)(-x / 3);").Replace("return x / 5;", "return (float)(x / 5);"), changesOutput: true);
    }

    [Fact]
    public void ConstantInAnotherFile_MatchesAFreshRun()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        (driver, _) = EditAndCompare(driver, compilation, 1, s => s.Replace("Gain = 2f", "Gain = 3f"), changesOutput: true);
        Assert.Contains("3f", driver.GetRunResult().GeneratedTrees.Single(t => t.FilePath.Contains("ScaledAll", StringComparison.Ordinal)).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void StructFieldType_MatchesAFreshRun()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        // A char field is not blittable (a device buffer holds numbers): the GPU entry point is refused.
        (driver, _) = EditAndCompare(driver, compilation, 2, s => s.Replace("public float R;", "public char R;"), changesOutput: true);
        Assert.Contains(driver.GetRunResult().Diagnostics, d => d.Id.StartsWith("SG", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void GlobalUsingAliasInAnotherFile_MatchesAFreshRun()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        (driver, compilation) = EditAndCompare(driver, compilation, 1, s => s.Replace("Real = System.Single", "Real = System.Double"), changesOutput: true);
        EditAndCompare(driver, compilation, 1, s => s.Replace("Real = System.Double", "Real = System.Single"), changesOutput: true);
    }

    /// <summary>
    /// An entry point's attribute named through an alias declared in another file: the method is found without binding
    /// (every method with attributes is a candidate, see SourceGenGenerator), and when the alias changes what it names,
    /// the stored parse goes with it.
    /// </summary>
    [Fact]
    public void AttributeAliasInAnotherFile_MatchesAFreshRun()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        (driver, compilation) = EditAndCompare(driver, compilation, 1, s => "global using Simd = SourceGen.VectorizeAttribute;\n" + s, changesOutput: false);
        (driver, compilation) = EditAndCompare(driver, compilation, 0, s => s.Replace("    static void Brighten(", "    [Simd(nameof(Root))]\n    public static partial void RootAgain(ReadOnlySpan<float> x, Span<float> destination);\n\n    static void Brighten("), changesOutput: true);
        Assert.Contains(driver.GetRunResult().GeneratedTrees, t => t.FilePath.Contains("RootAgain", StringComparison.Ordinal));
        // The alias now names another attribute: RootAgain is no entry point any more (and the compiler says it lacks a body).
        (driver, _) = EditAndCompare(driver, compilation, 1, s => s.Replace("SourceGen.VectorizeAttribute", "System.ObsoleteAttribute"), changesOutput: true);
        Assert.DoesNotContain(driver.GetRunResult().GeneratedTrees, t => t.FilePath.Contains("RootAgain", StringComparison.Ordinal));
    }

    [Fact]
    public void NewTypeInAnotherFileShadowingMathF_MatchesAFreshRun()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        // Demo.MathF now wins over System.MathF in the kernel's 'MathF.Sqrt': a call of the user's method, per lane.
        EditAndCompare(driver, compilation, 3, s => s + "\npublic static class MathF { public static float Sqrt(float x) => x; }\n", changesOutput: true);
    }

    [Fact]
    public void KernelBodyAndAttributeEdits_MatchAFreshRun()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        (driver, compilation) = EditAndCompare(driver, compilation, 0, s => s.Replace("MathF.Sqrt(x) + 1f", "MathF.Sqrt(x) + 2f"), changesOutput: true);
        (driver, compilation) = EditAndCompare(driver, compilation, 0, s => s.Replace("[Vectorize(nameof(Root))]", "[Vectorize(nameof(Root), Target = Target.Parallel)]"), changesOutput: true);
        // A line added above every kernel moves every diagnostic, but no generated file: generated code cites kernel lines
        // relative to the kernel (users snapshot it); the reused parses must still match a fresh run.
        (driver, compilation) = EditAndCompare(driver, compilation, 0, s => s.Replace("public static partial class Kernels", "// a comment\npublic static partial class Kernels"), changesOutput: false);
        // A wrong kernel name: an error at the attribute, in source (so #pragma can silence it).
        (driver, _) = EditAndCompare(driver, compilation, 0, s => s.Replace("[Vectorize(nameof(Root), Target = Target.Parallel)]", "[Vectorize(\"Rot\")]"), changesOutput: true);
        Assert.Contains(driver.GetRunResult().Diagnostics, d => d.Id == "SG0001" && d.Location.IsInSource);
    }

    [Fact]
    public void BodyEditInAnotherFile_ParsesNothingAgain()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        (driver, compilation) = EditAndCompare(driver, compilation, 3, s => s.Replace("42", "43"), changesOutput: false);
        Assert.Equal(0, ParseReuse.ParsesFor(compilation));
        (driver, compilation) = EditAndCompare(driver, compilation, 3, s => s.Replace("return answer;", "// a comment\n        return answer + 1;"), changesOutput: false);
        Assert.Equal(0, ParseReuse.ParsesFor(compilation));

        // An edit in the kernels' file parses that file's entry points again (and only once each).
        (_, compilation) = EditAndCompare(driver, compilation, 0, s => s.Replace("+ 1f", "+ 1.5f"), changesOutput: true);
        Assert.Equal(4, ParseReuse.ParsesFor(compilation));
    }

    [Fact]
    public void DeclarationSkeleton_KeepsDeclarationsAndDropsBodies()
    {
        SyntaxTree a = CSharpSyntaxTree.ParseText("class C { const int N = 1; int F(int x = 2) { return x + 1; } int P => 3; }", GeneratorHarness.ParseOptions);
        SyntaxTree body = CSharpSyntaxTree.ParseText("class C { const int N = 1; int F(int x = 2) { /* c */ return x + 7; } int P => 4; }", GeneratorHarness.ParseOptions);
        SyntaxTree constant = CSharpSyntaxTree.ParseText("class C { const int N = 5; int F(int x = 2) { return x + 1; } int P => 3; }", GeneratorHarness.ParseOptions);
        SyntaxTree defaultValue = CSharpSyntaxTree.ParseText("class C { const int N = 1; int F(int x = 3) { return x + 1; } int P => 3; }", GeneratorHarness.ParseOptions);
        SyntaxTree nullable = CSharpSyntaxTree.ParseText("class C { const int N = 1; int F(int x = 2) {\n#nullable disable\n return x + 1; } int P => 3; }", GeneratorHarness.ParseOptions);
        string skeleton = ParseReuse.Skeleton(a, default);
        Assert.Equal(skeleton, ParseReuse.Skeleton(body, default));
        Assert.NotEqual(skeleton, ParseReuse.Skeleton(constant, default));
        Assert.NotEqual(skeleton, ParseReuse.Skeleton(defaultValue, default));
        Assert.NotEqual(skeleton, ParseReuse.Skeleton(nullable, default));
    }

    [Fact]
    public void PragmaWarningDisable_SilencesTheGeneratorsDiagnostic()
    {
        const string source = """
            using System;
            using SourceGen;

            namespace Demo;

            public static partial class Quiet
            {
            #pragma warning disable SG0001
                [Vectorize("Missing")]
                public static partial void Silenced(ReadOnlySpan<float> x, Span<float> destination);
            #pragma warning restore SG0001

                [Vectorize("Missing")]
                public static partial void Heard(ReadOnlySpan<float> x, Span<float> destination);
            }
            """;
        CSharpCompilation compilation = GeneratorHarness.Compile(source);
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out ImmutableArray<Diagnostic> diagnostics);
        // The compiler keeps a suppressed diagnostic, marked (or drops it): either way only 'Heard' is an error.
        List<Diagnostic> missing = diagnostics.Where(d => d.Id == "SG0001").ToList();
        Assert.All(missing, d => Assert.True(d.Location.IsInSource));
        Diagnostic heard = Assert.Single(missing, d => !d.IsSuppressed);
        Assert.Contains("Heard", heard.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.All(missing.Where(d => d != heard), d => Assert.Contains("Silenced", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }
}
