using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SourceGen.CodeFixes;

/// <summary>
/// SG0105: <c>Math.Pow(x, 2)</c> runs one lane at a time (.NET has no SIMD Pow); <c>x * x</c> is SIMD. Offered only
/// where the multiplication computes what the call did: see <see cref="RepeatedMultiplication"/>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PowToMultiplicationCodeFix)), Shared]
public sealed class PowToMultiplicationCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "SourceGen.MultiplyInsteadOfPow";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.PowWithSmallIntegerExponent);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        Document document = context.Document;
        SyntaxNode? root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        // Reported on the whole call.
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation
            || await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false) is not { } model
            || RepeatedMultiplication.For(invocation, model, context.CancellationToken) is not { } product)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Multiply instead of Math.Pow", _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(invocation, product))), EquivalenceKey),
            context.Diagnostics);
    }
}
