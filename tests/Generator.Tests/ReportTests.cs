using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SourceGen.Generator.Tests.Harness;
using Xunit;

namespace SourceGen.Generator.Tests;

/// <summary>The annotated report: written only when asked for, each kernel line marked as the generated code runs it.</summary>
public sealed class ReportTests
{
    private const string Source = """
        using System;
        using SourceGen;
        using static SourceGen.Loops;

        namespace Demo;

        public static partial class Kernels
        {
            static double Wave(double x, double k)
            {
                double y = Math.Sin(x) * k;
                if (x > 0)
                    y = y + Math.Sign(x);
                return y;
            }

            [Vectorize(nameof(Wave))]
            public static partial void Wave(ReadOnlySpan<double> x, double k, Span<double> destination);

            static void Blur(ReadOnlySpan<float> src, Span<float> dst, int width, int height)
            {
                foreach (int y in Prange(height))
                    for (int x = 1; x < width - 1; x++)
                        dst[y * width + x] = (src[y * width + x - 1] + src[y * width + x] + src[y * width + x + 1]) / 3f;
            }

            [Parallel(nameof(Blur))]
            public static partial void BlurParallel(ReadOnlySpan<float> src, Span<float> dst, int width, int height);

            [Parallel(nameof(Blur), Target = Target.Gpu)]
            public static partial void BlurGpu(ReadOnlySpan<float> src, Span<float> dst, int width, int height);
        }
        """;

    private static string? Report(string? setting)
    {
        var properties = setting is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["SourceGenReport"] = setting };
        GeneratorDriverRunResult run = GeneratorHarness.RunWithProperties(properties, Source);
        return run.GeneratedTrees.FirstOrDefault(t => t.FilePath.EndsWith("SourceGenReport.g.cs", System.StringComparison.Ordinal))?.ToString();
    }

    [Fact]
    public void IsWrittenOnlyWhenAskedFor()
    {
        Assert.Null(Report(null));
        Assert.Null(Report("false"));
        Assert.NotNull(Report("true"));
    }

    [Fact]
    public void MarksEachKernelLine_WithNotesAndTheGeneratedCode()
    {
        string report = Report("True")!;
        Assert.Contains("<!DOCTYPE html>", report);
        Assert.DoesNotContain("*/\n<", report.Substring(0, report.LastIndexOf("*/", System.StringComparison.Ordinal)));

        // [Vectorize]: SIMD lines, the varying branch under lane masks, Math.Sign one lane at a time.
        Assert.Contains("<div class=\"line simd\"><span class=\"ln\">11</span>        double y = Math.Sin(x) * k;</div>", report);
        Assert.Matches("<div class=\"line masked\" title=\"both sides computed[^\"]*\"><span class=\"ln\">12</span>", report);
        Assert.Matches("<div class=\"line scalar\" title=\"SG0101: &#39;Math.Sign&#39; runs one lane at a time[^\"]*\"><span class=\"ln\">13</span>", report);

        // [Parallel]: the Prange loop across threads, its row loop in SIMD steps.
        Assert.Matches("<div class=\"line parallel\" title=\"iterations split across threads\"><span class=\"ln\">22</span>", report);
        Assert.Matches("<div class=\"line simd\" title=\"SIMD steps[^\"]*\"><span class=\"ln\">23</span>", report);
        Assert.Contains("<div class=\"line simd\"><span class=\"ln\">24</span>", report);
        Assert.Contains("<div class=\"line plain\"><span class=\"ln\">25</span>    }</div>", report);

        // Target.Gpu: the Prange loop and its row loop, one 2-D launch.
        Assert.Contains("<div class=\"line gpu\" title=\"one GPU launch, a thread per (x, y)\"><span class=\"ln\">22</span>", report);
        Assert.Contains("1 Prange loop(s) launched on the GPU, 2 array(s) or span(s) kept on the device for the call", report);

        // The generated code of each entry point, one click away.
        Assert.Contains("<summary>Generated code (", report);
        Assert.Matches("BlurParallel_Prange0_[0-9A-F]{6}_Loop0_512", report);
        Assert.Contains("Vector512", report);
    }
}
