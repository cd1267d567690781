using System.Linq;
using System.Threading.Tasks;
using Xunit;
using static SourceGen.CodeFixes.Tests.Harness.CodeFixHarness;

namespace SourceGen.CodeFixes.Tests;

/// <summary>SG0104: double literals become float literals, Math calls become MathF calls.</summary>
public sealed class DoubleInFloatKernelTests
{
    private static readonly DoubleInFloatKernelCodeFix Fix = new();

    private static string Kernel(string body) => Usings + $$"""
        public static partial class K
        {
            [Vectorize] public static float Smooth(float x, float k) => {{body}};
        }
        """;

    [Theory]
    [InlineData("0.5", "0.5f")]
    [InlineData("1e-3", "1e-3f")]
    [InlineData("2.0d", "2.0f")]
    [InlineData("2.5D", "2.5f")]
    public async Task DoubleLiteral_BecomesAFloatLiteral(string literal, string expected)
    {
        (string title, string text) = await FixAsync(Fix, Kernel($"(float)(x * {literal})"), "SG0104");

        Assert.Equal($"Write '{expected}'", title);
        Assert.Equal(Normalize(Kernel($"(float)(x * {expected})")), text);
    }

    [Theory]
    [InlineData("(float)Math.Exp(-x)", "(float)MathF.Exp(-x)")]
    [InlineData("(float)System.Math.Exp(-x)", "(float)System.MathF.Exp(-x)")]
    [InlineData("(float)global::System.Math.Sqrt(x)", "(float)global::System.MathF.Sqrt(x)")]
    [InlineData("(float)Math /* keep */ .Exp(-x)", "(float)MathF /* keep */ .Exp(-x)")]
    public async Task MathCall_BecomesAMathFCall(string before, string after)
    {
        (string title, string text) = await FixAsync(Fix, Kernel(before), "SG0104");

        Assert.Equal("Use MathF", title);
        Assert.Equal(Normalize(Kernel(after)), text);
    }

    [Fact]
    public async Task MathF_ShadowedByAUserType_IsNotOffered()
    {
        Microsoft.CodeAnalysis.Document document = CreateDocument(Kernel("(float)Math.Exp(-x)") + "\nclass MathF { }\n");
        Microsoft.CodeAnalysis.Diagnostic diagnostic = (await DiagnosticsAsync(document, "SG0104")).Single();

        Assert.Empty(await ActionsAsync(Fix, document, diagnostic));
    }

    [Fact]
    public async Task FixAll_LeavesAFloatKernelThatBuildsWithoutSG0104()
    {
        string source = Usings + """
            public static partial class K
            {
                static float Smooth(float x, float k) => (float)(x * 0.5) + (float)Math.Exp(-x) + (float)(k * 2.0) + MathF.Sqrt(x) * 2f;
                [Vectorize] public static partial void Smooth(ReadOnlySpan<float> x, float k, Span<float> destination);

                static void Scale(ReadOnlySpan<float> a, float s, Span<float> b)
                {
                    for (int i = 0; i < a.Length; i++) { b[i] = (float)(a[i] + 1e-3); }
                }

                [GuVectorize(nameof(Scale), "(n),()->(n)")] public static partial void ScaleRows(float[,] a, float s, float[,] b);
            }
            """;
        Assert.Equal(3, (await DiagnosticsAsync(CreateDocument(source), "SG0104")).Count);

        string text = await FixAllAsync(Fix, source, "SG0104", DoubleInFloatKernelCodeFix.EquivalenceKey);

        // k * 2.0 is uniform (computed once per call), so it is not reported and stays as written.
        Assert.Equal(Normalize(source.Replace("x * 0.5", "x * 0.5f").Replace("Math.Exp", "MathF.Exp").Replace("1e-3", "1e-3f")), text);
        Build build = await BuildAsync(CreateDocument(text));
        Assert.Empty(build.Errors);
        Assert.DoesNotContain(build.SourceGen, d => d.Id == "SG0104");
    }
}
