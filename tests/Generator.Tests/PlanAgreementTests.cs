using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using SourceGen.Generator.Model;
using SourceGen.Generator.Tests.Harness;
using Xunit;

namespace SourceGen.Generator.Tests;

/// <summary>
/// The diagnostics and the emitters read one decision: what a build says about a kernel is what the generated code
/// does with it. SG0401 on a Target.Gpu kernel exactly when the generator leaves it off the device (one device check,
/// for the three forms, reported by the generator from the decision itself);
/// SG0104 exactly on the double arithmetic the generated code computes per element (one lowering's uniform values).
/// </summary>
public sealed class PlanAgreementTests
{
    private const string Usings = "using System;\nusing SourceGen;\nusing static SourceGen.Loops;\n\nnamespace Demo;\n\n";

    /// <summary>Target.Gpu kernels, each in its own class: (class, entry point, source).</summary>
    private static readonly (string Entry, string Source)[] GpuKernels =
    {
        ("CleanGpu", """
            public static partial class Clean
            {
                static void Scale(Span<float> a, float k)
                {
                    foreach (int i in Prange(a.Length))
                        a[i] = Math.Clamp(a[i] * k, -1f, 1f) + a.Length; // Clamp and Length rewritten for the device
                }
                [Parallel(nameof(Scale), Target = Target.Gpu)] public static partial void CleanGpu(Span<float> a, float k);
            }
            """),
        ("ThrowsGpu", """
            public static partial class Throws
            {
                static void Check(Span<float> a)
                {
                    foreach (int i in Prange(a.Length))
                    {
                        if (a[i] < 0) throw new InvalidOperationException("negative");
                        a[i] = a[i] * 2f;
                    }
                }
                [Parallel(nameof(Check), Target = Target.Gpu)] public static partial void ThrowsGpu(Span<float> a);
            }
            """),
        ("CbrtGpu", """
            public static partial class Cbrt
            {
                static void Root(Span<float> a)
                {
                    foreach (int i in Prange(a.Length))
                        a[i] = MathF.Cbrt(a[i]);
                }
                [Parallel(nameof(Root), Target = Target.Gpu)] public static partial void CbrtGpu(Span<float> a);
            }
            """),
        ("AliasGpu", """
            public static partial class Alias
            {
                static void Copy(Span<float> a)
                {
                    foreach (int i in Prange(a.Length))
                    {
                        var copy = a;
                        copy[i] = 1;
                    }
                }
                [Parallel(nameof(Copy), Target = Target.Gpu)] public static partial void AliasGpu(Span<float> a);
            }
            """),
        ("HelperGpu", """
            public static partial class Helper
            {
                static float Work(float x) { float[] t = new float[2]; return t.Length + x; }
                static void Apply(Span<float> a)
                {
                    foreach (int i in Prange(a.Length))
                        a[i] = Work(a[i]);
                }
                [Parallel(nameof(Apply), Target = Target.Gpu)] public static partial void HelperGpu(Span<float> a);
            }
            """),
        ("MovingGpu", """
            public static partial class Moving
            {
                static void Average(ReadOnlySpan<float> x, Span<float> y)
                {
                    float sum = 0;
                    for (int j = 0; j < x.Length; j++)
                    {
                        sum += Math.Clamp(x[j], 0f, 1f);
                        y[j] = sum / (j + 1);
                    }
                }
                [GuVectorize(nameof(Average), "(n)->(n)", Target = Target.Gpu)] public static partial void MovingGpu(float[,] x, float[,] y);
            }
            """),
        ("NativeGpu", """
            public static partial class Native
            {
                static void Copy(ReadOnlySpan<float> x, Span<float> y)
                {
                    for (nint j = 0; j < x.Length; j++)
                        y[(int)j] = x[(int)j];
                }
                [GuVectorize(nameof(Copy), "(n)->(n)", Target = Target.Gpu)] public static partial void NativeGpu(float[,] x, float[,] y);
            }
            """),
        ("SliceGpu", """
            public static partial class Slice
            {
                static void Copy(ReadOnlySpan<float> x, Span<float> y)
                {
                    x.CopyTo(y);
                }
                [GuVectorize(nameof(Copy), "(n)->(n)", Target = Target.Gpu)] public static partial void SliceGpu(float[,] x, float[,] y);
            }
            """),
        ("StringGpu", """
            public static partial class Strings
            {
                static void Label(ReadOnlySpan<float> x, Span<float> y)
                {
                    for (int j = 0; j < x.Length; j++)
                        y[j] = "abc".Length * x[j];
                }
                [GuVectorize(nameof(Label), "(n)->(n)", Target = Target.Gpu)] public static partial void StringGpu(float[,] x, float[,] y);
            }
            """),
        ("SquareRootGpu", """
            public static partial class SquareRoot
            {
                static float Root(float x, float k) => MathF.Sqrt(x) * k + MathF.Max(x, 0f);
                [Vectorize(nameof(Root), Target = Target.Gpu)] public static partial void SquareRootGpu(ReadOnlySpan<float> x, float k, Span<float> destination);
            }
            """),
        ("ClampedGpu", """
            public static partial class Clamped
            {
                // [Vectorize]'s device code calls the kernel as written: no Math.Clamp rewrite there
                static float Limit(float x) => Math.Clamp(x, 0f, 1f);
                [Vectorize(nameof(Limit), Target = Target.Gpu)] public static partial void ClampedGpu(ReadOnlySpan<float> x, Span<float> destination);
            }
            """),
        ("ThrowingGpu", """
            public static partial class Throwing
            {
                static double Checked(double x) => x >= 0 ? Math.Sqrt(x) : throw new ArgumentOutOfRangeException(nameof(x));
                [Vectorize(nameof(Checked), Target = Target.Gpu)] public static partial void ThrowingGpu(ReadOnlySpan<double> x, Span<double> destination);
            }
            """),
        ("AllocatingGpu", """
            public static partial class Allocating
            {
                static int Table(int n) { int[] t = { 1, 2, 3 }; return t[n & 1]; }
                static int Pick(int x) => Table(x) + x;
                [Vectorize(nameof(Pick), Target = Target.Gpu)] public static partial void AllocatingGpu(ReadOnlySpan<int> x, Span<int> destination);
            }
            """),
    };

    [Fact]
    public void SG0401_ExactlyWhereTheGeneratorLeavesTheKernelOffTheDevice()
    {
        var refused = new List<string>();
        var offTheDevice = new List<string>();
        foreach ((string entry, string source) in GpuKernels)
        {
            GeneratorHarness.BuildResult result = GeneratorHarness.Build(Usings + source);
            if (result.AnalyzerDiagnostics.Any(d => d.Id == "SG0401"))
            {
                refused.Add(entry);
            }

            string generated = string.Concat(result.Run.GeneratedTrees.Select(tree => tree.ToString()).Where(text => text.Contains($" {entry}(", StringComparison.Ordinal)));
            Assert.False(string.IsNullOrEmpty(generated), $"no generated code for {entry}");
            if (!generated.Contains("GpuRuntime.TryAcquire", StringComparison.Ordinal))
            {
                offTheDevice.Add(entry);
            }

            Assert.DoesNotContain(result.Errors, d => !d.Id.StartsWith("SG", StringComparison.Ordinal) && d.Id is not ("CS8795" or "CS0260" or "CS0751"));
        }

        Assert.Equal(new[] { "ThrowsGpu", "CbrtGpu", "AliasGpu", "HelperGpu", "NativeGpu", "SliceGpu", "StringGpu", "ClampedGpu", "ThrowingGpu", "AllocatingGpu" }, refused);
        Assert.Equal(refused, offTheDevice);
    }

    /// <summary>
    /// SG0401 is the generator's: a build without the analyzer (RunAnalyzers=false, a command-line build with analyzers
    /// off) still fails on a Target.Gpu entry point the device cannot run; with both, each finding appears once, also
    /// for a kernel several Target.Gpu entry points share.
    /// </summary>
    [Theory]
    [InlineData("[Vectorize(nameof(Check), Target = Target.Gpu)] public static partial void CheckGpu(ReadOnlySpan<float> x, Span<float> destination);",
        "static float Check(float x) => x >= 0 ? x : throw new ArgumentException(\"negative\");",
        "[Vectorize(nameof(Check), Target = Target.Gpu)] public static partial void CheckGpu2(ReadOnlySpan<float> x, Span<float> destination);")]
    [InlineData("[Parallel(nameof(Check), Target = Target.Gpu)] public static partial void CheckGpu(Span<float> a);",
        "static void Check(Span<float> a) { foreach (int i in Prange(a.Length)) { if (a[i] < 0) throw new ArgumentException(\"negative\"); a[i] *= 2f; } }",
        "[Parallel(nameof(Check), Target = Target.Gpu)] public static partial void CheckGpu2(Span<float> a);")]
    [InlineData("[GuVectorize(nameof(Check), \"(n)->(n)\", Target = Target.Gpu)] public static partial void CheckGpu(float[,] x, float[,] y);",
        "static void Check(ReadOnlySpan<float> x, Span<float> y) { for (int j = 0; j < x.Length; j++) y[j] = x[j] >= 0 ? x[j] : throw new ArgumentException(\"negative\"); }",
        "[GuVectorize(nameof(Check), \"(n)->(n)\", Target = Target.Gpu)] public static partial void CheckGpu2(float[,] x, float[,] y);")]
    public void SG0401_IsReportedByTheGenerator_OnceWithTheAnalyzer(string entry, string kernel, string secondEntry)
    {
        string source = Usings + "public static partial class K\n{\n    " + kernel + "\n    " + entry + "\n    " + secondEntry + "\n}\n";
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = GeneratorHarness.Compile(source);
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out System.Collections.Immutable.ImmutableArray<Diagnostic> generatorOnly);
        Diagnostic error = Assert.Single(generatorOnly, d => d.Id == "SG0401");
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("a GPU thread cannot throw", error.GetMessage(), StringComparison.Ordinal);

        GeneratorHarness.BuildResult both = GeneratorHarness.Build(source);
        Assert.Single(both.AnalyzerDiagnostics, d => d.Id == "SG0401");
        Assert.Empty(both.IdsReportedTwice);
    }

    /// <summary>Float kernels with double arithmetic, some computed once (a uniform value the SIMD code lifts out of its loop), some per element.</summary>
    private static readonly (string Entry, string Source, string[] PerElement)[] FloatKernels =
    {
        ("HoistedParallel", """
            public static partial class HoistedP
            {
                static void Scale(Span<float> a, float s)
                {
                    foreach (int i in Prange(a.Length))
                    {
                        float k = (float)(s * 0.5);
                        a[i] = a[i] * k;
                    }
                }
                [Parallel(nameof(Scale))] public static partial void HoistedParallel(Span<float> a, float s);
            }
            """, Array.Empty<string>()),
        ("PerElementParallel", """
            public static partial class PerElementP
            {
                static void Scale(Span<float> a, float s)
                {
                    foreach (int i in Prange(a.Length))
                    {
                        float k = (float)(s * 0.5);
                        a[i] = (float)(a[i] * 0.25) + k;
                    }
                }
                [Parallel(nameof(Scale))] public static partial void PerElementParallel(Span<float> a, float s);
            }
            """, new[] { "0.25" }),
        ("HoistedRows", """
            public static partial class HoistedR
            {
                static void Rows(ReadOnlySpan<float> src, Span<float> dst, int width, float s)
                {
                    foreach (int y in Prange(dst.Length / width))
                        for (int x = 0; x < width; x++)
                            dst[y * width + x] = src[y * width + x] * (float)(s * 0.5);
                }
                [Parallel(nameof(Rows))] public static partial void HoistedRows(ReadOnlySpan<float> src, Span<float> dst, int width, float s);
            }
            """, Array.Empty<string>()),
        ("HoistedGufunc", """
            public static partial class HoistedG
            {
                static void Shift(ReadOnlySpan<float> x, float s, Span<float> y)
                {
                    for (int j = 0; j < x.Length; j++)
                        y[j] = x[j] + (float)(s * 0.5);
                }
                [GuVectorize(nameof(Shift), "(n),()->(n)")] public static partial void HoistedGufunc(float[,] x, float[] s, float[,] y);
            }
            """, Array.Empty<string>()),
        ("PerElementGufunc", """
            public static partial class PerElementG
            {
                static void Shift(ReadOnlySpan<float> x, float s, Span<float> y)
                {
                    for (int j = 0; j < x.Length; j++)
                        y[j] = (float)(x[j] * 0.25) + (float)(s * 0.5);
                }
                [GuVectorize(nameof(Shift), "(n),()->(n)")] public static partial void PerElementGufunc(float[,] x, float[] s, float[,] y);
            }
            """, new[] { "0.25" }),
        ("HoistedVectorize", """
            public static partial class HoistedV
            {
                static float Shift(float x, float s) => x + (float)(s * 0.5);
                [Vectorize(nameof(Shift))] public static partial void HoistedVectorize(ReadOnlySpan<float> x, float s, Span<float> destination);
            }
            """, Array.Empty<string>()),
        ("PerElementVectorize", """
            public static partial class PerElementV
            {
                static float Shift(float x, float s) => (float)(x * 0.25) + (float)(s * 0.5);
                [Vectorize(nameof(Shift))] public static partial void PerElementVectorize(ReadOnlySpan<float> x, float s, Span<float> destination);
            }
            """, new[] { "0.25" }),
    };

    /// <summary>A vector of doubles in the SIMD code: a float widened and computed in double, per element.</summary>
    private static readonly Regex FloatVectors = new(@"Vector(128|256|512)<float>", RegexOptions.Compiled);

    private static readonly Regex DoubleVectors = new(@"Vector(128|256|512)<double>|\.Widen(Lower|Upper)?\(", RegexOptions.Compiled);

    [Fact]
    public void SG0104_ExactlyOnTheDoubleArithmeticTheGeneratedCodeComputesPerElement()
    {
        foreach ((string entry, string source, string[] perElement) in FloatKernels)
        {
            string text = Usings + source;
            GeneratorHarness.BuildResult result = GeneratorHarness.Build(text);
            List<string> reported = result.AnalyzerDiagnostics.Where(d => d.Id == "SG0104")
                .Select(d => text.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)).OrderBy(s => s, StringComparer.Ordinal).ToList();
            Assert.True(perElement.SequenceEqual(reported), $"{entry}: SG0104 on [{string.Join(", ", reported)}], expected [{string.Join(", ", perElement)}]");

            string generated = string.Concat(result.Run.GeneratedTrees.Select(tree => tree.ToString()).Where(code => code.Contains($" {entry}(", StringComparison.Ordinal)));
            Assert.True(FloatVectors.IsMatch(generated), $"{entry}: its loop does not run in SIMD steps");
            Assert.True(DoubleVectors.IsMatch(generated) == (perElement.Length > 0),
                $"{entry}: the generated code {(DoubleVectors.IsMatch(generated) ? "computes" : "does not compute")} in double per element, SG0104 on [{string.Join(", ", reported)}]");
        }
    }
    /// <summary>Ids only the generator's parse finds (the analyzer's own findings never have them).</summary>
    private static readonly string[] ParseOnlyIds = { "SG0103", "SG0106", "SG0301", "SG0302", "SG0303", "SG0305", "SG0402" };

    /// <summary>
    /// The warnings and information of the generator's parse are what the analyzer reports: each once, at its place, with
    /// its message, and none of them by the generator (it reports errors only, DiagnosticInfo.ReportedByGenerator). Over
    /// the kernel library and kernels that put findings on the entry point's attribute, in another file than the entry
    /// point, in a kernel shared by several forms and entry points, in overloads, and in a shorthand kernel.
    /// </summary>
    [Fact]
    public void WarningsOfTheGeneratorsParse_AreTheAnalyzers_EachOnce()
    {
        string library = System.IO.Path.Combine(AppContext.BaseDirectory, "KernelLibrary");
        List<string> sources = System.IO.Directory.GetFiles(library, "*.cs").OrderBy(p => p, StringComparer.Ordinal).Select(System.IO.File.ReadAllText).ToList();
        sources.Add(Usings + """
            public static partial class Shared
            {
                static void NoLoop(Span<double> a) { for (int i = 0; i < a.Length; i++) a[i] = 1; }
                static void NoLoop(Span<float> a) { for (int i = 0; i < a.Length; i++) a[i] = 2; }
                static int Exits(ReadOnlySpan<int> a, int[] b)
                {
                    int last = 0, sum = 0;
                    foreach (int i in Prange(a.Length)) { if (a[i] < 0) break; }
                    foreach (int i in Prange(a.Length)) { last = i; }
                    foreach (int i in Prange(a.Length)) { sum += a[i]; b[i] = a[i]; for (int j = 0; j < 3; j++) { if (j == i) break; } }
                    return last + sum;
                }
                static int Exits(ReadOnlySpan<long> a, long[] b)
                {
                    int n = 0;
                    foreach (int i in Prange(a.Length)) { if (a[i] > 0) n++; b[i] = a[i]; }
                    return n;
                }
                static void Twice(ReadOnlySpan<int> x, Span<int> y) { for (int j = 0; j < x.Length; j++) y[j] = checked(x[j] * 2); }
                [GuVectorize(nameof(Twice), "(n)->(n)")] public static partial void TwiceRows(int[,] x, int[,] y);
                [GuVectorize(nameof(Twice), "(n)->(n)", Target = Target.Parallel)] public static partial void TwiceRowsParallel(int[,] x, int[,] y);
                static double Sum(double[] a) { double s = 0; foreach (int i in Prange(a.Length)) s += a[i]; return s; }
                [Parallel(nameof(Sum), Target = Target.Gpu)] public static partial double SumGpu(double[] a);
            }
            """);
        // The entry points in another file than their kernels.
        sources.Add(Usings + """
            public static partial class Shared
            {
                [Parallel(nameof(NoLoop))] public static partial void NoLoopFast(Span<double> a);
                [Parallel(nameof(Exits))] public static partial int ExitsFast(ReadOnlySpan<int> a, int[] b);
                [Parallel(nameof(Exits), Target = Target.Cpu)] public static partial int ExitsCpu(ReadOnlySpan<int> a, int[] b);
                [Parallel(nameof(Exits))] public static partial int ExitsLong(ReadOnlySpan<long> a, long[] b);
            }
            """);

        GeneratorHarness.BuildResult result = GeneratorHarness.Build(sources.ToArray());
        GeneratorRunResult run = result.Run.Results[0];
        List<DiagnosticInfo> parsed = run.TrackedSteps[SourceGenGenerator.TrackingNames.Resolved]
            .SelectMany(step => step.Outputs)
            .Select(output => (SourceGenGenerator.ParseResult)output.Value)
            .SelectMany(parse => parse.Diagnostics)
            .Where(finding => !finding.ReportedByGenerator)
            .ToList();
        Assert.Contains(parsed, finding => finding.Id == "SG0301" && result.Output.SyntaxTrees.Any(t => t == finding.Tree && t.GetText().ToString(finding.Span).StartsWith("Parallel(", StringComparison.Ordinal)));
        foreach (string id in ParseOnlyIds.Where(id => id != "SG0106" && id != "SG0305" && id != "SG0303"))
        {
            Assert.Contains(parsed, finding => finding.Id == id);
        }

        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Severity != DiagnosticSeverity.Error);
        List<Diagnostic> analyzer = result.AnalyzerDiagnostics.Skip(result.GeneratorDiagnostics.Length).ToList();
        static string Key(string id, SyntaxTree? tree, Microsoft.CodeAnalysis.Text.TextSpan span, string message) => $"{id} {tree?.FilePath}({span}) {message}";
        List<string> expected = parsed.Select(f => Key(f.Id, f.Tree, f.Span, f.Message)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        List<string> reported = analyzer.Select(d => Key(d.Id, d.Location.SourceTree, d.Location.SourceSpan, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))).ToList();

        // Each of the parse's findings once; of the ids only the parse finds, nothing else.
        foreach (string key in expected)
        {
            Assert.True(reported.Remove(key), "The analyzer did not report (or reported fewer times) the parse's " + key);
        }

        Assert.DoesNotContain(reported, key => ParseOnlyIds.Any(id => key.StartsWith(id + " ", StringComparison.Ordinal)));

        // They are the generator's parses themselves: the analyzer, run after it, parsed nothing again.
        Assert.Equal(0, SourceGen.Generator.Parsing.ParseReuse.ParsesFor(SourceGen.Generator.Parsing.ParseReuse.WithoutGeneratedFiles(result.Output)));
    }
}
