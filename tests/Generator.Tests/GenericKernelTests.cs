using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SourceGen.Generator.Tests.Harness;
using Xunit;

namespace SourceGen.Generator.Tests;

/// <summary>
/// Generic-math kernels: each entry point gets the code of the kernel written for its element type. The generated text
/// of a generic kernel's entry is compared with the one of the same kernel written by hand for that type (the lines that
/// quote the kernel's text, and the kernel's name in calls and references, differ by design).
/// </summary>
public sealed class GenericKernelTests
{
    private const string Usings = "using System;\nusing System.Numerics;\nusing SourceGen;\n\nnamespace Demo;\n\n";

    private static string Generated(string source, string hintName)
    {
        GeneratorHarness.BuildResult result = GeneratorHarness.Build(Usings + source);
        Assert.Empty(result.Errors);
        Assert.DoesNotContain(result.AnalyzerDiagnostics, d => d.Severity == DiagnosticSeverity.Error || d.Id == "AD0001");
        return result.Generated(hintName);
    }

    /// <summary>The generated code less the lines that quote kernel text (comments) and name the kernel (its call, its cref).</summary>
    private static List<string> Code(string generated, string genericCall, string concreteCall) =>
        generated.Split('\n')
            .Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Select(line => line.Replace(genericCall + "(", concreteCall + "("))
            .ToList();

    private static void AssertSameCode(string generic, string concrete, string hintName, string genericCall, string concreteCall)
    {
        List<string> expected = Code(Generated(concrete, hintName), concreteCall, concreteCall);
        List<string> actual = Code(Generated(generic, hintName), genericCall, concreteCall);
        Assert.True(expected.SequenceEqual(actual), "first difference:\n" + string.Join("\n", expected.Zip(actual).Where(p => p.First != p.Second).Take(3).Select(p => "- " + p.First + "\n+ " + p.Second)));
        Assert.DoesNotContain(actual, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"\bT\b"));
    }

    [Theory]
    [InlineData("double", "1e-12")]
    [InlineData("float", "1e-12f")]
    public void Vectorize_GenericRel_IsTheHandWrittenKernel(string type, string epsilon) => AssertSameCode(
        $$"""
        public static partial class Activations
        {
            static T Rel<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Abs(x - y) / (T.Abs(x) + T.Abs(y) + T.CreateTruncating(1e-12));

            [Vectorize(nameof(Rel))]
            public static partial void Rel(ReadOnlySpan<{{type}}> x, ReadOnlySpan<{{type}}> y, Span<{{type}}> destination);
        }
        """,
        $$"""
        public static partial class Activations
        {
            static {{type}} Rel({{type}} x, {{type}} y) => {{(type == "double" ? "Math" : "MathF")}}.Abs(x - y) / ({{(type == "double" ? "Math" : "MathF")}}.Abs(x) + {{(type == "double" ? "Math" : "MathF")}}.Abs(y) + {{epsilon}});

            [Vectorize(nameof(Rel))]
            public static partial void Rel(ReadOnlySpan<{{type}}> x, ReadOnlySpan<{{type}}> y, Span<{{type}}> destination);
        }
        """,
        "Activations.Rel.", $"Rel<{type}>", "Rel");
}
