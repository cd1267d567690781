using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SourceGen.Generator.Diagnostics;
using SourceGen.Generator.Tests.Harness;
using Xunit;

namespace SourceGen.Generator.Tests;

/// <summary>
/// The project's own kernel files, cut at prefixes as if typed from the top in the IDE: the generator never throws,
/// every complete entry point declaration gets a body (no CS8795), and no prefix stalls it. CI cuts at every
/// <see cref="Stride"/>th line end (offset by the run's seed, so runs cover different lines) and in the middle of the
/// lines holding entry points; <c>SOURCEGEN_PREFIX_STRIDE=1</c> cuts at every line end (the long run).
/// </summary>
public sealed class PrefixRobustnessTests
{
    private static int Stride => int.TryParse(Environment.GetEnvironmentVariable("SOURCEGEN_PREFIX_STRIDE"), out int stride) && stride > 0 ? stride : 9;

    /// <summary>A hang guard, not a benchmark: a prefix that takes this long is a generator that freezes an IDE.</summary>
    private static readonly TimeSpan PerPrefixLimit = TimeSpan.FromSeconds(10);

    public static TheoryData<string> KernelFiles()
    {
        string root = DiagnosticTests.RepositoryRoot();
        var files = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(root, "src", "Kernels"), "*.cs")
            .Concat(Directory.GetFiles(Path.Combine(root, "tests", "Generator.Tests", "KernelLibrary"), "*.cs"))
            .Concat(Directory.GetFiles(Path.Combine(root, "tests", "Differential.Tests", "Kernels"), "*.cs"))
            .Where(f => File.ReadAllText(f).Contains("[Vectorize", StringComparison.Ordinal) || File.ReadAllText(f).Contains("[Parallel", StringComparison.Ordinal) || File.ReadAllText(f).Contains("[GuVectorize", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal))
        {
            files.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(KernelFiles))]
    public void EveryPrefix_GeneratorNeverThrows_AndEveryEntryPointGetsABody(string relativePath)
    {
        string text = File.ReadAllText(Path.Combine(DiagnosticTests.RepositoryRoot(), relativePath)).Replace("\r\n", "\n");
        int seed = int.TryParse(Environment.GetEnvironmentVariable("SOURCEGEN_RANDOM_SEED"), out int s) ? s : Environment.TickCount;
        List<int> cuts = Cuts(text, Stride, seed);
        foreach (int cut in cuts)
        {
            string prefix = text.Substring(0, cut);
            var clock = Stopwatch.StartNew();
            CSharpCompilation compilation = GeneratorHarness.Compile(prefix);
            GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
            string where = $"{relativePath} cut at {cut} (line {text.Take(cut).Count(c => c == '\n') + 1}; seed {seed})";
            Diagnostic? crash = generatorDiagnostics.FirstOrDefault(d => d.Id is "CS8784" or "CS8785");
            Assert.True(crash is null, $"generator threw on {where}: {crash?.GetMessage()}");

            // An entry point declared in full gets a body: the generated one, or one that throws beside SourceGen's error.
            Diagnostic? missing = output.GetDeclarationDiagnostics().FirstOrDefault(d => d.Id == "CS8795");
            Assert.True(missing is null, $"no body for an entry point on {where}: {missing}");
            Assert.True(clock.Elapsed < PerPrefixLimit, $"{where} took {clock.Elapsed.TotalSeconds:F1} s");
        }

        // The whole file, analyzers included: nothing throws.
        GeneratorHarness.BuildResult whole = GeneratorHarness.Build(text);
        Assert.DoesNotContain(whole.AnalyzerDiagnostics, d => d.Id == "AD0001");
    }

    /// <summary>Line ends at the stride (from an offset the seed picks), every character of the lines that declare entry points, and the end.</summary>
    private static List<int> Cuts(string text, int stride, int seed)
    {
        var cuts = new SortedSet<int> { text.Length };
        int offset = (int)((uint)seed % (uint)stride);
        int line = 0;
        for (int at = 0; at < text.Length; at++)
        {
            if (text[at] != '\n')
            {
                continue;
            }

            if (line++ % stride == offset)
            {
                cuts.Add(at);
            }
        }

        // The attribute lines and the declarations after them, character by character (every other one in CI).
        int step = stride == 1 ? 1 : 2;
        foreach (string marker in new[] { "[Vectorize", "[Parallel", "[GuVectorize" })
        {
            for (int at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + 1, StringComparison.Ordinal))
            {
                int end = text.IndexOf(';', at);
                end = end < 0 ? text.Length : Math.Min(end + 1, text.Length);
                for (int cut = at; cut <= end && cut - at < 400; cut += step)
                {
                    cuts.Add(cut);
                }
            }
        }

        return cuts.ToList();
    }
}
