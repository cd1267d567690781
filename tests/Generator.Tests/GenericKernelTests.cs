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

    /// <summary>What a generic kernel cannot be for an entry point: each SG0003 names the type parameter and the reason.</summary>
    [Fact]
    public void SG0003_NamesTheConstraintOrReason()
    {
        IReadOnlyList<Diagnostic> diagnostics = DiagnosticTests.Expect("""
            public static partial class K
            {
                static T Bad<T>(T x) where T : System.Numerics.IBinaryInteger<T> => x;
                [{|SG0003:Vectorize(nameof(Bad))|}] public static partial void Bad(ReadOnlySpan<double> x, Span<double> d);
                static T Two<T, U>(T x) where T : System.Numerics.INumber<T> => x;
                [{|SG0003:Vectorize(nameof(Two))|}] public static partial void Two(ReadOnlySpan<double> x, Span<double> d);
                static T Mixed<T>(T x, T y) where T : System.Numerics.INumber<T> => x + y;
                [{|SG0003:Vectorize(nameof(Mixed))|}] public static partial void Mixed(ReadOnlySpan<double> x, ReadOnlySpan<float> y, Span<double> d);
                static T Dec<T>(T x) where T : System.Numerics.INumber<T> => x;
                [{|SG0003:Vectorize(nameof(Dec))|}] public static partial void Dec(ReadOnlySpan<decimal> x, Span<decimal> d);
                static T Ref<T>(T x) where T : class => x;
                [{|SG0003:Vectorize(nameof(Ref))|}] public static partial void Ref(ReadOnlySpan<float> x, Span<float> d);
                static void Scale<T>(ReadOnlySpan<T> a, Span<T> b) where T : System.Numerics.IBinaryInteger<T> { for (int i = 0; i < a.Length; i++) b[i] = a[i]; }
                [{|SG0003:GuVectorize(nameof(Scale), "(n)->(n)")|}] public static partial void Scale(float[,] a, float[,] b);
            }
            """);
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("does not satisfy the constraint 'System.Numerics.IBinaryInteger<T>'") && d.GetMessage().Contains("'double'"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'U' cannot be inferred"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("would be 'double' (from parameter 'x') and 'float' (from parameter 'y')"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'decimal'") && d.GetMessage().Contains("not a numeric element type"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("the constraint 'class'"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'float' here, which does not satisfy"));
    }

    /// <summary>[Vectorize]'s Target.Gpu runs the kernel itself on the device, which ILGPU cannot compile for a generic
    /// kernel: SG0007 at build time instead of a failure at run time.</summary>
    [Fact]
    public void VectorizeTargetGpu_WithAGenericKernel_IsNotSupportedYet() => DiagnosticTests.Expect("""
        public static partial class K
        {
            static T F<T>(T x) where T : System.Numerics.IFloatingPointIeee754<T> => x * T.CreateTruncating(2);
            [{|SG0007:Vectorize(nameof(F), Target = Target.Gpu)|}] public static partial void F(ReadOnlySpan<float> x, Span<float> d);
            [Vectorize(nameof(F), Target = Target.Parallel)] public static partial void G(ReadOnlySpan<float> x, Span<float> d);
        }
        """);

    /// <summary>Problems inside a generic kernel are reported once, at the kernel's own text, for every element type it is read for.</summary>
    [Fact]
    public void KernelDiagnostics_PointAtTheGenericKernel() => DiagnosticTests.Expect("""
        public static partial class K
        {
            static T F<T>(T x, T y) where T : System.Numerics.IFloatingPointIeee754<T> => {|SG0101:T.ReciprocalEstimate(x)|} + T.Hypot(x, y) + T.Sqrt(x);
            [Vectorize(nameof(F))] public static partial void F(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d);
            [Vectorize(nameof(F))] public static partial void F(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> d);
        }
        """);

    private const string SnapshotSource = """
        public static partial class Activations
        {
            static T Rel<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Abs(x - y) / (T.Abs(x) + T.Abs(y) + T.CreateTruncating(1e-12));

            [Vectorize(nameof(Rel))]
            public static partial void Rel(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination);

            [Vectorize(nameof(Rel))]
            public static partial void Rel(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);
        }
        """;

    /// <summary>The float and the double entry of one generic kernel: two files, unique names, no T left.</summary>
    [Fact]
    public void Snapshot_GenericRel_FloatAndDouble()
    {
        GeneratorHarness.BuildResult result = GeneratorHarness.Build(Usings + SnapshotSource);
        Assert.Empty(result.Errors);
        List<SyntaxTree> files = result.Run.GeneratedTrees.Where(t => System.IO.Path.GetFileName(t.FilePath).StartsWith("Activations.Rel.", StringComparison.Ordinal)).OrderBy(t => t.ToString().Contains("float x") ? 0 : 1).ToList();
        Assert.Equal(2, files.Select(t => t.FilePath).Distinct().Count());
        Snapshot.Verify("Generic_Rel_Float", files[0].ToString());
        Snapshot.Verify("Generic_Rel_Double", files[1].ToString());
    }
}
