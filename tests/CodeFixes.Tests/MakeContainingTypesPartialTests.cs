using System.Threading.Tasks;
using Xunit;
using static SourceGen.CodeFixes.Tests.Harness.CodeFixHarness;

namespace SourceGen.CodeFixes.Tests;

/// <summary>SG0004: the fix makes every type around the entry point partial, keeping each line's layout.</summary>
public sealed class MakeContainingTypesPartialTests
{
    private static readonly MakeContainingTypesPartialCodeFix Fix = new();

    [Fact]
    public async Task AddsPartialBeforeTheKeyword()
    {
        (string title, string text) = await FixAsync(Fix, Usings + """
            public static class K
            {
                static double G(double x) => x;
                [Vectorize(nameof(G))] public static partial void F(ReadOnlySpan<double> x, Span<double> destination);
            }
            """, "SG0004");

        Assert.Equal("Make 'K' partial", title);
        Assert.Equal(Normalize(Usings + """
            public static partial class K
            {
                static double G(double x) => x;
                [Vectorize(nameof(G))] public static partial void F(ReadOnlySpan<double> x, Span<double> destination);
            }
            """), text);
    }

    [Fact]
    public async Task AddsPartialToEveryContainingType_KeepingCommentsAndAttributes()
    {
        (string title, string text) = await FixAsync(Fix, Usings + """
            /// <summary>Outer.</summary>
            class Outer
            {
                public partial class Middle
                {
                    [System.Obsolete]
                    internal static class Inner
                    {
                        [Vectorize] public static double Twice(double x) => 2 * x;
                    }
                }
            }
            """, "SG0004");

        Assert.Equal("Make 'Inner' and 'Outer' partial", title);
        Assert.Equal(Normalize(Usings + """
            /// <summary>Outer.</summary>
            partial class Outer
            {
                public partial class Middle
                {
                    [System.Obsolete]
                    internal static partial class Inner
                    {
                        [Vectorize] public static double Twice(double x) => 2 * x;
                    }
                }
            }
            """), text);
    }

    [Fact]
    public async Task FixAll_MakesTheTypePartialOnce()
    {
        string source = Usings + """
            public static class K
            {
                static double G(double x) => x;
                [Vectorize(nameof(G))] public static partial void F(ReadOnlySpan<double> x, Span<double> destination);
                [Vectorize(nameof(G))] public static partial void H(ReadOnlySpan<double> x, Span<double> destination);
            }
            """;
        Assert.Equal(2, (await DiagnosticsAsync(CreateDocument(source), "SG0004")).Count);

        string text = await FixAllAsync(Fix, source, "SG0004", MakeContainingTypesPartialCodeFix.EquivalenceKey);

        Assert.Equal(Normalize(source.Replace("public static class K", "public static partial class K")), text);
        Build build = await BuildAsync(CreateDocument(text));
        Assert.Empty(build.Errors);
    }
}
