using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGen.Generator.Tests.Harness;
using Xunit;

namespace SourceGen.Generator.Tests;

/// <summary>
/// A library of realistic kernels (KernelLibrary/*.cs, copied beside the tests, not compiled into them), built
/// together through the generator and the analyzer: it must compile, generate every entry point, and report
/// exactly the warnings a user would want, so that the analyzers are shown to have no false positives on
/// ordinary code. A new warning fails the test with its place and message.
/// </summary>
public sealed class KernelLibraryTests
{
    /// <summary>Every SourceGen warning or error the library gets: (id, file, the source text at its span).</summary>
    private static readonly (string Id, string File, string Text)[] Expected =
    [
        // (The A&S normal CDF helper has statements: it is inlined, its branch a select.)
        // C#'s double % is IEEE fmod, which has no SIMD form.
        ("SG0101", "Geometry.cs", "degrees % 360.0"),

        // (The histogram's increments go to data-dependent bins: a scatter reduction, no race and nothing to report.)
        // 2×2 downsampling reads every other element: stride-2 reads are gathered one lane at a time.
        ("SG0101", "Imaging.cs", "src[top + 2 * x]"),
        ("SG0101", "Imaging.cs", "src[top + 2 * x + 1]"),
        ("SG0101", "Imaging.cs", "src[bottom + 2 * x]"),
        ("SG0101", "Imaging.cs", "src[bottom + 2 * x + 1]"),

        // Euclid's algorithm: integer remainder by a per-element divisor has no SIMD form.
        ("SG0101", "Integers.cs", "a % b"),

        // A naive transpose writes down a column (stride rows): the row loop cannot store consecutive elements.
        ("SG0302", "LinearAlgebra.cs", "for (int c = 0; c < columns; c++)"),

        // 'if (x[i] > threshold) count++;': an accumulation under a per-element branch keeps the flat loop scalar
        // ('count += x[i] > threshold ? 1 : 0;' runs in SIMD steps, as the message says).
        ("SG0302", "Statistics.cs", "foreach (int i in Prange(x.Length))"),

        // Game of Life: the wrap-around neighbour read (x + dx + width) % width is a gather, lane by lane.
        ("SG0101", "Stencils.cs", "cells[yy * width + xx]"),
    ];

    private sealed record Found(string Id, string File, string Text, int Line, string Message, DiagnosticSeverity Severity)
    {
        public override string ToString() => $"{Id} {File}({Line}) '{Text}': {Message}";
    }

    [Fact]
    public void KernelLibrary_BuildsAndGetsOnlyTheWarningsAUserWants()
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "KernelLibrary");
        string[] paths = Directory.GetFiles(directory, "*.cs").OrderBy(p => p, StringComparer.Ordinal).ToArray();
        string[] names = paths.Select(Path.GetFileName).ToArray()!;
        string[] sources = paths.Select(File.ReadAllText).ToArray();
        Assert.True(sources.Length >= 8, $"Expected the kernel library's files in {directory}, found {sources.Length}");

        GeneratorHarness.BuildResult result = GeneratorHarness.Build(sources);

        // (1) Everything compiles, the generated code included.
        Assert.True(!result.Errors.Any(), "Compiler errors:\n  " + string.Join("\n  ", result.Errors));
        Assert.DoesNotContain(result.AnalyzerDiagnostics, d => d.Id == "AD0001");

        // (2) Every entry point was generated, one file each, and there are at least 32.
        int entryPoints = sources
            .SelectMany(s => CSharpSyntaxTree.ParseText(s, GeneratorHarness.ParseOptions).GetRoot().DescendantNodes().OfType<AttributeSyntax>())
            .Count(a => a.Name.ToString() is "Vectorize" or "Parallel" or "GuVectorize");
        Assert.True(entryPoints >= 32, $"Only {entryPoints} entry points in the kernel library");
        Assert.True(result.Run.GeneratedTrees.Length >= entryPoints, $"{result.Run.GeneratedTrees.Length} generated files for {entryPoints} entry points");

        // (3) The SourceGen warnings and errors are exactly the expected ones.
        List<Found> found = result.AnalyzerDiagnostics
            .Where(d => d.Id.StartsWith("SG", StringComparison.Ordinal) && d.Location.IsInSource)
            .Select(d =>
            {
                SyntaxTree tree = d.Location.SourceTree!;
                int index = int.Parse(Path.GetFileNameWithoutExtension(tree.FilePath).Substring("Kernel".Length), System.Globalization.CultureInfo.InvariantCulture);
                return new Found(d.Id, names[index], tree.GetText().ToString(d.Location.SourceSpan),
                    d.Location.GetLineSpan().StartLinePosition.Line + 1, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), d.Severity);
            })
            .OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line)
            .ToList();

        var missing = Expected.ToList();
        var unexpected = new List<Found>();
        foreach (Found warning in found.Where(f => f.Severity >= DiagnosticSeverity.Warning))
        {
            int at = missing.IndexOf((warning.Id, warning.File, warning.Text));
            if (at >= 0)
            {
                missing.RemoveAt(at);
            }
            else
            {
                unexpected.Add(warning);
            }
        }

        Assert.True(
            unexpected.Count == 0 && missing.Count == 0,
            "Unexpected SourceGen diagnostics:\n  " + string.Join("\n  ", unexpected) +
            "\nExpected but not reported:\n  " + string.Join("\n  ", missing.Select(m => $"{m.Id} {m.File} '{m.Text}'")));

        // Infos are produced too: each gufunc entry point says how its kernel runs.
        Assert.Contains(found, f => f.Id == "SG0103" && f.Severity == DiagnosticSeverity.Info);
    }
}
