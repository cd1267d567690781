using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using SourceGen.Generator.Tests.Harness;
using Xunit;

namespace SourceGen.Generator.Tests;

/// <summary>The generator and the analyzer never throw, even on half-typed code in the IDE.</summary>
public sealed class RobustnessTests
{
    private const string Source = """
        using System;
        using SourceGen;

        namespace Demo;

        public static partial class Activations
        {
            static double Rel(double x, double y) => Math.Abs(x - y) / (Math.Abs(x) + Math.Abs(y) + 1e-12);

            [Vectorize]
            public static partial void Rel(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);

            [Vectorize]
            public static float Sigmoid(float x) { float e = MathF.Exp(-x); return 1f / (1f + e); }

            static int Div(int a, int b) => a / b + (a > b ? a : b);

            [Vectorize(nameof(Div), Target = Target.Cpu)]
            public static partial void DivAll(ReadOnlySpan<int> a, int b, Span<int> destination);
        }
        """;

    [Fact]
    public void EveryPrefixOfAKernelFile_NeitherGeneratorNorAnalyzerThrows()
    {
        // Every prefix, as if typed from the top: a stride keeps it quick while hitting every construct.
        for (int length = 0; length <= Source.Length; length += 3)
        {
            AssertNoCrash(Source.Substring(0, length));
        }
    }

    [Fact]
    public void KernelFileWithOneCharacterRemoved_NeitherGeneratorNorAnalyzerThrows()
    {
        int start = Source.IndexOf("static double Rel", StringComparison.Ordinal);
        for (int position = start; position < Source.Length; position += 2)
        {
            AssertNoCrash(Source.Remove(position, 1));
        }
    }

    [Fact]
    public void CompleteFile_BuildsCleanly()
    {
        GeneratorHarness.BuildResult result = GeneratorHarness.Build(Source);
        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Run.GeneratedTrees.Length);
    }

    private static void AssertNoCrash(string source)
    {
        GeneratorHarness.BuildResult result = GeneratorHarness.Build(source);
        Exception? exception = result.Run.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null);
        Assert.True(exception is null, $"generator threw on:\n{source}\n{exception}");
        Diagnostic? crash = result.AnalyzerDiagnostics.FirstOrDefault(d => d.Id == "AD0001");
        Assert.True(crash is null, $"analyzer threw on:\n{source}\n{crash?.GetMessage()}");

        // Whatever we generate must compile whenever the user's code does.
        if (!GeneratorHarness.Compile(source).GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            Assert.DoesNotContain(result.Errors, d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        }
    }
}
