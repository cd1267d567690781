using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SourceGen.Generator.Tests.Harness;
using Xunit;

namespace SourceGen.Generator.Tests;

/// <summary>The pipeline's models are equatable: edits that do not touch a kernel leave every step cached.</summary>
public sealed class IncrementalTests
{
    private const string Kernel = """
        using System;
        using SourceGen;

        namespace Demo;

        public static partial class Activations
        {
            static double Rel(double x, double y) => Math.Abs(x - y) / (Math.Abs(x) + Math.Abs(y) + 1e-12);

            [Vectorize]
            public static partial void Rel(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);
        }
        """;

    private const string Unrelated = """
        namespace Demo;

        public static class Other
        {
            public static int Answer() => 42;
        }
        """;

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Kernel, Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        return (driver, compilation);
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorDriver driver, string step) =>
        driver.GetRunResult().Results[0].TrackedSteps[step]
            .SelectMany(run => run.Outputs)
            .Select(output => output.Reason)
            .ToArray();

    /// <summary>Every output of each step is Cached (not only Unchanged: the step did not run at all).</summary>
    private static void AssertCached(GeneratorDriver driver, params string[] steps)
    {
        foreach (string step in steps)
        {
            IncrementalStepRunReason[] reasons = Reasons(driver, step);
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(reason == IncrementalStepRunReason.Cached, $"{step}: {reason}"));
        }
    }

    [Fact]
    public void UnrelatedEdit_LeavesKernelCached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        SyntaxTree unrelated = compilation.SyntaxTrees.Single(tree => tree.FilePath == "Kernel1.cs");
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            unrelated,
            CSharpSyntaxTree.ParseText(Unrelated.Replace("42", "43"), GeneratorHarness.ParseOptions, path: "Kernel1.cs"));

        driver = driver.RunGenerators(edited);

        // The transform runs again against the new compilation, but hands back the stored parse (nothing is parsed
        // again), so the parse step and everything after it, emission included, is Cached.
        Assert.Equal(0, Parsing.ParseReuse.ParsesFor(edited));
        AssertCached(driver, SourceGenGenerator.TrackingNames.ParsedEntryPoints, SourceGenGenerator.TrackingNames.ValidModels);
    }

    [Fact]
    public void UnrelatedEdit_LeavesTheBodyOfAWrongDeclarationCached()
    {
        const string wrong = """
            using System;
            using SourceGen;

            namespace Demo;

            public static partial class Broken
            {
                static decimal F(decimal x) => x;

                [Vectorize(nameof(F))]
                public static partial void FAll(ReadOnlySpan<decimal> x, Span<decimal> destination);
            }
            """;
        CSharpCompilation compilation = GeneratorHarness.Compile(wrong, Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Single(driver.GetRunResult().GeneratedTrees);
        SyntaxTree unrelated = compilation.SyntaxTrees.Single(tree => tree.FilePath == "Kernel1.cs");
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            unrelated,
            CSharpSyntaxTree.ParseText(Unrelated.Replace("42", "43"), GeneratorHarness.ParseOptions, path: "Kernel1.cs"));
        driver = driver.RunGenerators(edited);

        // The wrong declaration's error is reported again (a cached output keeps its diagnostics), from its stored parse.
        Assert.Equal(0, Parsing.ParseReuse.ParsesFor(edited));
        AssertCached(driver, SourceGenGenerator.TrackingNames.ParsedEntryPoints, SourceGenGenerator.TrackingNames.Stubs, SourceGenGenerator.TrackingNames.Diagnostics);
        Assert.Contains(driver.GetRunResult().Diagnostics, d => d.Id == "SG0003" && d.Location.IsInSource);
    }

    [Fact]
    public void NewUnrelatedFile_LeavesKernelCached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        CSharpCompilation edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Demo; public static class Third { }", GeneratorHarness.ParseOptions, path: "Kernel2.cs"));

        driver = driver.RunGenerators(edited);

        // A new file declares a new type, which could change what a kernel's names mean (a class 'MathF' of its own, say):
        // every entry point is parsed again, to the same models, so emission stays cached.
        Assert.Equal(1, Parsing.ParseReuse.ParsesFor(edited));
        Assert.All(Reasons(driver, SourceGenGenerator.TrackingNames.ParsedEntryPoints), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
        AssertCached(driver, SourceGenGenerator.TrackingNames.ValidModels);
    }

    [Fact]
    public void KernelBodyEdit_Regenerates()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        SyntaxTree kernel = compilation.SyntaxTrees.Single(tree => tree.FilePath == "Kernel0.cs");
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            kernel,
            CSharpSyntaxTree.ParseText(Kernel.Replace("1e-12", "1e-9"), GeneratorHarness.ParseOptions, path: "Kernel0.cs"));

        driver = driver.RunGenerators(edited);

        Assert.Equal(1, Parsing.ParseReuse.ParsesFor(edited));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(driver, SourceGenGenerator.TrackingNames.ParsedEntryPoints));
        Assert.Contains("1E-09d", driver.GetRunResult().GeneratedTrees.Single().ToString());
    }

    [Fact]
    public void Models_AreEquatable_AcrossRuns()
    {
        // The same input parsed twice gives equal models: what caching relies on.
        CSharpCompilation compilation = GeneratorHarness.Compile(Kernel);
        GeneratorDriver first = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        GeneratorDriver second = GeneratorHarness.CreateDriver().RunGenerators(compilation.Clone());
        object? a = first.GetRunResult().Results[0].TrackedSteps[SourceGenGenerator.TrackingNames.ValidModels].Single().Outputs.Single().Value;
        object? b = second.GetRunResult().Results[0].TrackedSteps[SourceGenGenerator.TrackingNames.ValidModels].Single().Outputs.Single().Value;
        Assert.Equal(a, b);
        Assert.Equal(a!.GetHashCode(), b!.GetHashCode());
    }

    private const string LoopKernels = """
        using System;
        using SourceGen;
        using static SourceGen.Loops;

        namespace Demo;

        public static partial class Loops2
        {
            static float Blur(ReadOnlySpan<float> src, Span<float> dst, int width, int height)
            {
                float total = 0;
                foreach (int y in Prange(height))
                {
                    for (int x = 0; x < width; x++)
                    {
                        float v = 0.5f * src[y * width + Math.Max(x - 1, 0)] + 0.5f * src[y * width + x];
                        dst[y * width + x] = v;
                        total += v;
                    }
                }

                return total;
            }

            [Parallel(nameof(Blur))]
            public static partial float BlurFast(ReadOnlySpan<float> src, Span<float> dst, int width, int height);

            [Parallel(nameof(Blur), Target = Target.Gpu)]
            public static partial float BlurGpu(ReadOnlySpan<float> src, Span<float> dst, int width, int height);

            static void Average(ReadOnlySpan<double> a, int window, Span<double> result) { for (int i = 0; i < a.Length; i++) result[i] = a[i] / window; }

            [GuVectorize(nameof(Average), "(n),()->(n)")]
            public static partial void Average(double[,] a, int window, double[,] result);
        }
        """;

    [Fact]
    public void UnrelatedEdit_LeavesParallelGpuAndGufuncModelsCached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(LoopKernels, Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree unrelated = compilation.SyntaxTrees.Single(tree => tree.FilePath == "Kernel1.cs");
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            unrelated,
            CSharpSyntaxTree.ParseText(Unrelated.Replace("42", "43"), GeneratorHarness.ParseOptions, path: "Kernel1.cs"));
        driver = driver.RunGenerators(edited);

        Assert.Equal(0, Parsing.ParseReuse.ParsesFor(edited));
        AssertCached(driver, SourceGenGenerator.TrackingNames.ParsedEntryPoints, SourceGenGenerator.TrackingNames.ParallelModels, SourceGenGenerator.TrackingNames.GuModels);
    }
}
