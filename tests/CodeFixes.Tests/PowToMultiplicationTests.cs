using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using static SourceGen.CodeFixes.Tests.Harness.CodeFixHarness;

namespace SourceGen.CodeFixes.Tests;

/// <summary>SG0105: Math.Pow with the exponent 2, 3 or 4 becomes a product, where that computes the same thing.</summary>
public sealed class PowToMultiplicationTests
{
    private static readonly PowToMultiplicationCodeFix Fix = new();

    private static string Kernel(string body, string type = "double") => Usings + $$"""
        public static partial class K
        {
            [Vectorize] public static {{type}} Energy({{type}} v, {{type}} m) => {{body}};
        }
        """;

    [Theory]
    [InlineData("Math.Pow(v, 2)", "v * v")]
    [InlineData("Math.Pow(v, 3.0)", "v * v * v")]
    [InlineData("Math.Pow(v, 4)", "v * v * v * v")]
    [InlineData("Math.Pow(v + m, 3)", "(v + m) * (v + m) * (v + m)")]
    [InlineData("Math.Pow(-v, 2)", "(-v) * (-v)")]
    [InlineData("m + Math.Pow(v, 2)", "m + v * v")]
    [InlineData("Math.Pow(v, 2) * m", "v * v * m")]
    [InlineData("0.5 * m * Math.Pow(v, 2)", "0.5 * m * (v * v)")]
    [InlineData("m / Math.Pow(v, 2)", "m / (v * v)")]
    [InlineData("-Math.Pow(v, 2)", "-(v * v)")]
    [InlineData("Math.Pow( v , 2 ) + m", "v * v + m")]
    [InlineData("System.Math.Pow(v, 2)", "v * v")]
    public async Task Pow_BecomesAProduct(string before, string after)
    {
        (string title, string text) = await FixAsync(Fix, Kernel(before), "SG0105");

        Assert.Equal("Multiply instead of Math.Pow", title);
        Assert.Equal(Normalize(Kernel(after)), text);
    }

    [Fact]
    public async Task MathFPow_BecomesAProduct()
    {
        (_, string text) = await FixAsync(Fix, Kernel("MathF.Pow(v, 3f)", "float"), "SG0105");

        Assert.Equal(Normalize(Kernel("v * v * v", "float")), text);
    }

    /// <summary>
    /// The generator (SG0105) and the fix read one answer for which exponents make a product: for a plain base, the fix
    /// is offered exactly where the diagnostic is reported, and not where it is not.
    /// </summary>
    [Theory]
    [InlineData("2", true)]
    [InlineData("3.0", true)]
    [InlineData("4d", true)]
    [InlineData("(2)", true)]
    [InlineData("1", false)]
    [InlineData("2.5", false)]
    [InlineData("5", false)]
    [InlineData("-2", false)]
    public async Task FixOffered_ExactlyWhereSG0105IsReported(string exponent, bool small)
    {
        Document document = CreateDocument(Kernel($"Math.Pow(v, {exponent}) + m"));
        IReadOnlyList<Diagnostic> reported = await DiagnosticsAsync(document, "SG0105");
        Assert.Equal(small ? 1 : 0, reported.Count);
        foreach (Diagnostic diagnostic in reported)
        {
            Assert.Single(await ActionsAsync(Fix, document, diagnostic));
        }
    }

    [Theory]
    [InlineData("Math.Pow(Math.Abs(v), 2)")]   // a call in the base would run once per factor
    [InlineData("Math.Pow(Twice(v), 2)")]
    public async Task BaseWithACall_IsNotOffered(string pow)
    {
        string source = Usings + $$"""
            public static partial class K
            {
                static double Twice(double x) => 2 * x;
                [Vectorize] public static double Energy(double v, double m) => {{pow}} + m;
            }
            """;
        Document document = CreateDocument(source);
        Diagnostic diagnostic = (await DiagnosticsAsync(document, "SG0105")).Single();

        Assert.Empty(await ActionsAsync(Fix, document, diagnostic));
    }

    [Theory]
    [InlineData("int", "double")]   // Math.Pow computes in double; n * n would be an int product, which can overflow
    [InlineData("float", "float")]  // (float)Math.Pow(f, 2) rounds f * f in double; f * f rounds in float
    public async Task BaseOfAnotherType_IsNotOffered(string baseType, string resultType)
    {
        string source = Usings + $$"""
            public static partial class K
            {
                [Vectorize] public static {{resultType}} Square({{baseType}} n) => ({{resultType}})Math.Pow(n, 2);
            }
            """;
        Document document = CreateDocument(source);
        Diagnostic diagnostic = (await DiagnosticsAsync(document, "SG0105")).Single();

        Assert.Empty(await ActionsAsync(Fix, document, diagnostic));
    }

    [Fact]
    public async Task FixAll_LeavesAKernelThatBuildsWithoutSG0105()
    {
        string source = Usings + """
            public static partial class K
            {
                static double Energy(double v, double m) => 0.5 * m * Math.Pow(v, 2) + Math.Pow(v + m, 3.0) + Math.Pow(v, m) + Math.Pow(m, 2);
                [Vectorize] public static partial void Energy(ReadOnlySpan<double> v, double m, Span<double> destination);
            }
            """;
        Assert.Equal(2, (await DiagnosticsAsync(CreateDocument(source), "SG0105")).Count);

        string text = await FixAllAsync(Fix, source, "SG0105", PowToMultiplicationCodeFix.EquivalenceKey);

        // Math.Pow(v, m) has no small integer exponent (SG0101), Math.Pow(m, 2) is uniform: both stay.
        Assert.Equal(Normalize(source.Replace("0.5 * m * Math.Pow(v, 2) + Math.Pow(v + m, 3.0)", "0.5 * m * (v * v) + (v + m) * (v + m) * (v + m)")), text);
        Build build = await BuildAsync(CreateDocument(text));
        Assert.Empty(build.Errors);
        Assert.DoesNotContain(build.SourceGen, d => d.Id == "SG0105");
    }
}
