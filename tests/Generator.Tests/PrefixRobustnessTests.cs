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
using SourceGen.Generator.Model;
using SourceGen.Generator.Tests.Harness;
using Xunit;

namespace SourceGen.Generator.Tests;

/// <summary>
/// The project's own kernel files, cut at prefixes as if typed from the top in the IDE: the generator never throws,
/// every entry point declared in full gets a body (no CS8795), and no prefix stalls it. The cuts are line ends and
/// every character of the lines that declare entry points; CI takes <see cref="CutsPerFile"/> of them per file, drawn
/// with the run's seed (SOURCEGEN_RANDOM_SEED), so runs cover different ones; <c>SOURCEGEN_ALL_PREFIXES=1</c> takes
/// them all (the long run: minutes).
/// </summary>
public sealed class PrefixRobustnessTests
{
    private const int CutsPerFile = 40;

    private static bool AllPrefixes => Environment.GetEnvironmentVariable("SOURCEGEN_ALL_PREFIXES") == "1";

    /// <summary>A hang guard, not a benchmark (generous: CI machines are shared): a prefix that takes this long is a generator that freezes an IDE.</summary>
    private static readonly TimeSpan PerPrefixLimit = TimeSpan.FromSeconds(60);

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
        List<int> cuts = Cuts(text);
        if (!AllPrefixes)
        {
            var random = new Random(seed ^ relativePath.Length);
            cuts = cuts.OrderBy(_ => random.Next()).Take(CutsPerFile).Append(text.Length).Distinct().OrderBy(c => c).ToList();
        }

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
            // (Half-typed declarations, 'Span<' with no type yet, have the compiler's errors already.)
            Diagnostic? missing = output.GetDeclarationDiagnostics().FirstOrDefault(d => d.Id == "CS8795" && IsDeclaredInFull(d, compilation));
            Assert.True(missing is null, $"no body for an entry point on {where}: {missing}");
            Assert.True(clock.Elapsed < PerPrefixLimit, $"{where} took {clock.Elapsed.TotalSeconds:F1} s");
        }

        // The whole file, analyzers included: nothing throws.
        GeneratorHarness.BuildResult whole = GeneratorHarness.Build(text);
        Assert.DoesNotContain(whole.AnalyzerDiagnostics, d => d.Id == "AD0001");
    }

    private static bool IsDeclaredInFull(Diagnostic diagnostic, Compilation compilation)
    {
        SyntaxNode? node = diagnostic.Location.SourceTree?.GetRoot().FindNode(diagnostic.Location.SourceSpan);
        var method = node?.AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().FirstOrDefault();
        if (method is null || method.ContainsDiagnostics)
        {
            return false;
        }

        var symbol = compilation.GetSemanticModel(method.SyntaxTree).GetDeclaredSymbol(method) as IMethodSymbol;
        return symbol is not null && symbol.Parameters.All(p => p.Type.TypeKind != TypeKind.Error) && symbol.ReturnType.TypeKind != TypeKind.Error;
    }

    /// <summary>Every line end, every character of the lines that declare entry points, and the end.</summary>
    private static List<int> Cuts(string text)
    {
        var cuts = new SortedSet<int> { text.Length };
        for (int at = 0; at < text.Length; at++)
        {
            if (text[at] == '\n')
            {
                cuts.Add(at);
            }
        }

        foreach (string marker in new[] { "[Vectorize", "[Parallel", "[GuVectorize" })
        {
            for (int at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + 1, StringComparison.Ordinal))
            {
                int end = text.IndexOf(';', at);
                end = end < 0 ? text.Length : Math.Min(end + 1, text.Length);
                for (int cut = at; cut <= end && cut - at < 400; cut++)
                {
                    cuts.Add(cut);
                }
            }
        }

        return cuts.ToList();
    }
}
