using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SourceGen.Generator.Tests.Harness;
using Xunit;

namespace SourceGen.Generator.Tests;

/// <summary>
/// SG0011: Target.Gpu code calls SourceGen.Gpu (a package of its own, with ILGPU); in a project without it such an entry
/// point is an error on its Target argument and gets a throwing body, and the project still compiles otherwise.
/// </summary>
public sealed class GpuPackageTests
{
    private const string Usings = "using System;\nusing SourceGen;\nusing static SourceGen.Loops;\n";

    private const string Kernels = """
        public static partial class K
        {
            static double Rel(double x, double y) => Math.Abs(x - y) / (Math.Abs(x) + Math.Abs(y) + 1e-12);
            [Vectorize(nameof(Rel), {|SG0011:Target = Target.Gpu|})] public static partial void RelGpu(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);
            [Vectorize(nameof(Rel))] public static partial void RelCpu(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);

            static float Sum(ReadOnlySpan<float> a, Span<float> b, int n)
            {
                float total = 0;
                foreach (int i in Prange(n)) { b[i] = a[i] * 2f; total += a[i]; }
                return total;
            }
            [Parallel(nameof(Sum), FastMath = true, {|SG0011:Target = Target.Gpu|})] public static partial float SumGpu(ReadOnlySpan<float> a, Span<float> b, int n);

            public static void Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> result)
            {
                double sum = 0;
                for (int i = 0; i < x.Length; i++) sum += x[i] * y[i];
                result[0] = sum;
            }
            [GuVectorize(nameof(Dot), "(n),(n)->()", {|SG0011:Target = Target.Gpu|})] public static partial void RowDotGpu(double[,] x, double[,] y, double[] result);
        }
        """;

    /// <summary>The harness's compilation less SourceGen.Gpu and ILGPU: a CPU-only consumer of the SourceGen package.</summary>
    private static CSharpCompilation WithoutGpuPackage(CSharpCompilation compilation) =>
        compilation.RemoveReferences(compilation.References.Where(r => r.Display is { } path
            && (path.EndsWith("SourceGen.Gpu.dll", StringComparison.OrdinalIgnoreCase) || System.IO.Path.GetFileName(path).StartsWith("ILGPU", StringComparison.OrdinalIgnoreCase))));

    [Fact]
    public void TargetGpu_WithoutThePackage_IsSG0011OnTheTargetArgument_AndTheProjectCompiles()
    {
        (string source, List<(string Id, int Start, int Length)> expected) = Markup.Parse(Usings + Kernels);
        CSharpCompilation compilation = WithoutGpuPackage(GeneratorHarness.Compile(source));
        Assert.Null(compilation.GetTypeByMetadataName("SourceGen.Gpu.GpuRuntime"));

        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);

        List<Diagnostic> errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Equal(
            expected.Select(e => (e.Id, e.Start, e.Length)).OrderBy(e => e.Start),
            errors.Select(d => (d.Id, d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)).OrderBy(e => e.Start));
        Assert.All(errors, d => Assert.Equal("Target.Gpu needs the SourceGen.Gpu package: dotnet add package SourceGen.Gpu", d.GetMessage()));
        Assert.All(errors, d => Assert.True(d.Location.IsInSource, "SG0011 points into the user's file (so #pragma and [SuppressMessage] apply)"));

        // Every entry point has a body (the GPU ones throwing, naming SG0011), and nothing in them needs SourceGen.Gpu:
        // the compiler adds no error of its own.
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        string stubs = string.Join("\n", output.SyntaxTrees.Skip(1).Select(t => t.ToString()));
        Assert.DoesNotContain("SourceGen.Gpu", stubs.Replace("see the build's SG0011 error", ""));
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(stubs, "see the build's SG0011 error").Count);

        // The Target.Cpu entry point of the same kernel is generated as usual.
        Assert.Contains(output.SyntaxTrees, t => t.FilePath.Contains("RelCpu", StringComparison.Ordinal) && t.ToString().Contains("Vector512", StringComparison.Ordinal));
    }

    [Fact]
    public void TargetGpu_WithThePackage_HasNoSG0011()
    {
        (string source, _) = Markup.Parse(Usings + Kernels);
        GeneratorHarness.BuildResult result = GeneratorHarness.Build(source);
        Assert.DoesNotContain(result.AnalyzerDiagnostics, d => d.Id == "SG0011");
        Assert.Empty(result.Errors);
        Assert.Contains(result.Output.SyntaxTrees, t => t.ToString().Contains("global::SourceGen.Gpu.GpuRuntime.TryAcquire", StringComparison.Ordinal));
    }

    [Fact]
    public void TargetGpu_AnErrorOfItsOwn_AndSG0011_ShareOneThrowingBody()
    {
        // An entry point that does not match its kernel (SG0003) gets one body; it names both errors.
        const string markup = """
            public static partial class K
            {
                static double Twice(double x) => 2 * x;
                [Vectorize(nameof(Twice), {|SG0011:Target = Target.Gpu|})] public static partial void {|SG0003:TwiceGpu|}(ReadOnlySpan<float> x, Span<double> destination);
            }
            """;
        (string source, List<(string Id, int Start, int Length)> expected) = Markup.Parse(Usings + markup);
        CSharpCompilation compilation = WithoutGpuPackage(GeneratorHarness.Compile(source));
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        Assert.Equal(expected.Select(e => e.Id).OrderBy(id => id), diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).OrderBy(id => id));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains(output.SyntaxTrees, t => t.ToString().Contains("see the build's SG0003, SG0011 error", StringComparison.Ordinal));
    }

    [Fact]
    public void UnrelatedEdit_WithoutThePackage_LeavesEverythingCached()
    {
        (string source, _) = Markup.Parse(Usings + Kernels);
        const string unrelated = "public static class Other { public static int Answer() => 42; }";
        CSharpCompilation compilation = WithoutGpuPackage(GeneratorHarness.Compile(source, unrelated));
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        SyntaxTree other = compilation.SyntaxTrees.Single(tree => tree.FilePath == "Kernel1.cs");
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(other,
            CSharpSyntaxTree.ParseText(unrelated.Replace("42", "43"), GeneratorHarness.ParseOptions, path: "Kernel1.cs")));

        GeneratorRunResult run = driver.GetRunResult().Results[0];
        foreach (string step in new[] { SourceGenGenerator.TrackingNames.Resolved, SourceGenGenerator.TrackingNames.Stubs, SourceGenGenerator.TrackingNames.Diagnostics })
        {
            IncrementalStepRunReason[] reasons = run.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(reason == IncrementalStepRunReason.Cached, $"{step}: {reason}"));
        }

        // The package's presence is one bool: unchanged by the edit.
        Assert.All(run.TrackedSteps[SourceGenGenerator.TrackingNames.GpuPackage].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
    }
}
