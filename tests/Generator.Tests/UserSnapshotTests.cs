using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SourceGen.Generator.Tests.Harness;
using Xunit;

namespace SourceGen.Generator.Tests;

/// <summary>
/// What users' snapshots (SourceGenSnapshots) and the build summary rely on: generated code cites kernel lines
/// relative to the kernel, so lines added above it change nothing; the summary counts the entry points as the report
/// classifies them and lists SourceGen's files.
/// </summary>
public sealed class UserSnapshotTests
{
    private const string Kernels = """
        using System;
        using SourceGen;
        using static SourceGen.Loops;

        namespace Demo;

        public static partial class Kernels
        {
            static double Rel(double x, double y) => Math.Abs(x - y) / (Math.Abs(x) + Math.Abs(y) + 1e-12);

            [Vectorize(nameof(Rel))]
            public static partial void RelError(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);

            static double Wave(double x, double k)
            {
                double y = Math.Sign(x) * k;
                if (x > 0)
                    y = y + Math.Sign(x * 2);
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
        }

        public static partial class Other
        {
            static double Rel(double x, double y) => Math.Abs(x - y);

            [Vectorize(nameof(Rel))]
            public static partial void RelError(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);
        }
        """;

    private static Dictionary<string, string> Generated(string source, Dictionary<string, string>? properties = null) =>
        GeneratorHarness.RunWithProperties(properties ?? new Dictionary<string, string>(), source).GeneratedTrees
            .ToDictionary(t => System.IO.Path.GetFileName(t.FilePath), t => t.ToString());

    [Fact]
    public void LinesAddedAboveTheKernels_ChangeNoGeneratedFile()
    {
        Dictionary<string, string> before = Generated(Kernels);
        Dictionary<string, string> after = Generated(Kernels.Replace("public static partial class Kernels", "// A comment.\n\n// Another one.\npublic static partial class Kernels")
            .Replace("    static double Wave(", "    // Lines inside the type, above this kernel.\n\n    static double Wave("));
        Assert.Equal(before.Keys.OrderBy(k => k), after.Keys.OrderBy(k => k));
        Assert.True(before.Count >= 4);
        foreach (KeyValuePair<string, string> file in before)
        {
            Assert.Equal(file.Value, after[file.Key]);
        }

        // The references are still there, relative to the kernel: Wave's 'if' is on the kernel's line 4.
        Assert.Contains("// kernel, line 4: if (x > 0)", string.Concat(before.Values));
    }

    [Fact]
    public void Summary_CountsTheEntryPointsAndListsTheFiles()
    {
        Assert.DoesNotContain(Generated(Kernels).Keys, k => k == "SourceGenSummary.g.cs");
        Dictionary<string, string> generated = Generated(Kernels, new Dictionary<string, string> { ["_SourceGenSummaryFile"] = "true" });
        string summary = generated["SourceGenSummary.g.cs"];
        Assert.Contains("// summary: 4 entry points, 2 fully SIMD, 1 with per-lane work (SG0101 ×2), 1 [Parallel]\n", summary);
        List<string> files = summary.Split('\n').Where(l => l.StartsWith("// file: ", System.StringComparison.Ordinal)).Select(l => l.Substring(9)).ToList();
        Assert.Equal(generated.Keys.Where(k => k != "SourceGenSummary.g.cs").OrderBy(k => k, System.StringComparer.Ordinal), files);
    }

    [Fact]
    public void Report_QualifiesNamesWithTheirType()
    {
        string report = Generated(Kernels, new Dictionary<string, string> { ["SourceGenReport"] = "true" })["SourceGenReport.g.cs"];
        Assert.Contains(">Kernels.RelError</a>", report);
        Assert.Contains(">Other.RelError</a>", report);
        Assert.Contains("class=\"note long\"", report);
    }
}
