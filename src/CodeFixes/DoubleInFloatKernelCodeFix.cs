using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SourceGen.CodeFixes;

/// <summary>
/// SG0104: a float kernel computes in double because of a double literal (reported on the literal: write it as a
/// float literal) or a Math call (reported on <c>Math</c>: call MathF). Either way the float stays float and the
/// SIMD code keeps twice the lanes per vector.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DoubleInFloatKernelCodeFix)), Shared]
public sealed class DoubleInFloatKernelCodeFix : CodeFixProvider
{
    /// <summary>One key for both rewrites, so Fix All turns every widening of a kernel into float at once.</summary>
    public const string EquivalenceKey = "SourceGen.ComputeInFloat";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DoubleInFloatKernel);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        Document document = context.Document;
        SyntaxNode? root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SyntaxNode? node = root?.FindNode(context.Span, getInnermostNodeForTie: true);
        if (root is null || node is null)
        {
            return;
        }

        if (node is LiteralExpressionSyntax literal)
        {
            if (FloatLiteral.From(literal) is { } floatLiteral)
            {
                Register(context, $"Write '{floatLiteral.Token.Text}'", root.ReplaceNode(literal, floatLiteral));
            }

            return;
        }

        SemanticModel? model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (node is ExpressionSyntax receiver && model is not null && MathFReceiver.From(receiver, model) is { } mathF)
        {
            Register(context, "Use MathF", root.ReplaceNode(receiver, mathF));
        }
    }

    private static void Register(CodeFixContext context, string title, SyntaxNode newRoot)
    {
        Document document = context.Document;
        context.RegisterCodeFix(
            CodeAction.Create(title, _ => Task.FromResult(document.WithSyntaxRoot(newRoot)), EquivalenceKey),
            context.Diagnostics);
    }
}
