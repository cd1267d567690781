using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Xunit;
using static SourceGen.CodeFixes.Tests.Harness.CodeFixHarness;

namespace SourceGen.CodeFixes.Tests;

/// <summary>The refactoring writes a [Vectorize] entry point for a scalar method, and the generator implements it.</summary>
public sealed class AddVectorizeEntryPointTests
{
    private static readonly AddVectorizeEntryPointRefactoring Refactoring = new();

    private static async Task<string> ApplyAsync(string markup)
    {
        (Document document, IReadOnlyList<CodeAction> actions) = await RefactoringsAsync(Refactoring, markup);
        CodeAction action = Assert.Single(actions);
        Assert.Equal("Add a [Vectorize] entry point", action.Title);
        return await TextAsync(await Harness.CodeFixHarness.ApplyAsync(action, document));
    }

    [Fact]
    public async Task OneLineClass_GetsAPartialEntryPointThatTheGeneratorImplements()
    {
        string text = await ApplyAsync(Usings + "public static class K { public static double $$Rel(double x, double y) => x - y; }\n");

        Assert.Equal(
            Usings + "public static partial class K { public static double Rel(double x, double y) => x - y; [Vectorize(nameof(Rel))] public static partial void Rel(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination); }\n",
            text);
        Build build = await BuildAsync(CreateDocument(text));
        Assert.Empty(build.Errors);
        Assert.Empty(build.SourceGen.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        IMethodSymbol entryPoint = build.Output.GetTypeByMetadataName("Demo.K")!.GetMembers("Rel").OfType<IMethodSymbol>().Single(m => m.IsPartialDefinition);
        Assert.NotNull(entryPoint.PartialImplementationPart);
        Assert.Contains(build.Run.GeneratedTrees, tree => tree.FilePath.Contains("Rel"));
    }

    [Fact]
    public async Task WithoutUsings_WritesQualifiedNames_OnLinesOfTheirOwn()
    {
        string text = await ApplyAsync("""
            namespace Demo
            {
                public class Outer
                {
                    internal static class Filters
                    {
                        /// <summary>Clamps to the unit interval.</summary>
                        internal static float $$Clamp01(float value, bool enabled)
                        {
                            return enabled ? System.Math.Clamp(value, 0f, 1f) : value;
                        }
                    }
                }
            }
            """);

        Assert.Equal(Normalize("""
            namespace Demo
            {
                public partial class Outer
                {
                    internal static partial class Filters
                    {
                        /// <summary>Clamps to the unit interval.</summary>
                        internal static float Clamp01(float value, bool enabled)
                        {
                            return enabled ? System.Math.Clamp(value, 0f, 1f) : value;
                        }

                        [SourceGen.Vectorize(nameof(Clamp01))]
                        public static partial void Clamp01(System.ReadOnlySpan<float> value, System.ReadOnlySpan<bool> enabled, System.Span<float> destination);
                    }
                }
            }
            """), text);
        Build build = await BuildAsync(CreateDocument(text));
        Assert.Empty(build.Errors);
    }

    [Theory]
    [InlineData("$$Rel(")]
    [InlineData("Re$$l(")]
    [InlineData("Rel$$(")]
    public async Task OfferedWithTheCaretOnOrRightAfterTheName(string caret)
    {
        (_, IReadOnlyList<CodeAction> actions) = await RefactoringsAsync(Refactoring, Usings + $"public static class K {{ public static double {caret}double x) => x; }}");

        Assert.Single(actions);
    }

    [Fact]
    public async Task AParameterNamedDestination_GetsAnotherName()
    {
        string text = await ApplyAsync(Usings + """
            public static class K
            {
                public static int $$Offset(int destination) => destination + 1;
            }
            """);

        Assert.Contains("public static partial void Offset(ReadOnlySpan<int> destination, Span<int> destination2);", text);
        Assert.Empty((await BuildAsync(CreateDocument(text))).Errors);
    }

    [Theory]
    [InlineData("public static double $$Rel(double x) => x; [Vectorize] public static partial void Rel(ReadOnlySpan<double> x, Span<double> destination);")] // has an entry point
    [InlineData("static double $$G(double x) => x; [Vectorize(nameof(G))] public static partial void F(ReadOnlySpan<double> x, Span<double> destination);")] // named by one
    [InlineData("[Vectorize] public static double $$Rel(double x) => x;")]    // the shorthand is its own entry point
    [InlineData("public double $$Rel(double x) => x;")]                       // not static
    [InlineData("public static decimal $$Rel(decimal x) => x;")]              // no SIMD element type
    [InlineData("public static double $$Rel(ref double x) => x;")]            // by reference
    [InlineData("public static void $$Rel(double x) { }")]                    // no result
    [InlineData("public static double $$Rel() => 1;")]                        // nothing varies
    [InlineData("public static T $$Rel<T>(T x) => x;")]                       // generic
    [InlineData("public static double Rel(double x) => $$x;")]                // not on the name
    public async Task NotOffered(string member)
    {
        (_, IReadOnlyList<CodeAction> actions) = await RefactoringsAsync(Refactoring, Usings + $$"""
            public static partial class K
            {
                {{member}}
            }
            """);

        Assert.Empty(actions);
    }

    [Fact]
    public async Task NotOfferedInAStruct()
    {
        (_, IReadOnlyList<CodeAction> actions) = await RefactoringsAsync(Refactoring, Usings + "public struct S { public static double $$Rel(double x) => x; }");

        Assert.Empty(actions);
    }
}
