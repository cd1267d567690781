using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SourceGen.CodeFixes;

/// <summary>
/// SG0004: the entry point's type, or a type that contains it, is not partial, so the generated body has no type
/// to join. Adds <c>partial</c> to every declaration around the entry point that lacks it: the diagnostic names
/// only the first, and fixing one at a time would report the next.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeContainingTypesPartialCodeFix)), Shared]
public sealed class MakeContainingTypesPartialCodeFix : CodeFixProvider
{
    /// <summary>One key for every SG0004 fix, so Fix All makes every entry point's types partial.</summary>
    public const string EquivalenceKey = "SourceGen.MakeContainingTypesPartial";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ContainingTypeNotPartial);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        // The generator reports on the entry point's attribute (or the method): the method is the node or an ancestor.
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
        {
            return;
        }

        IReadOnlyList<TypeDeclarationSyntax> missing = PartialModifier.MissingAround(method);
        if (missing.Count == 0)
        {
            return;
        }

        Document document = context.Document;
        context.RegisterCodeFix(
            CodeAction.Create(
                $"Make {string.Join(" and ", missing.Select(type => $"'{type.Identifier.ValueText}'"))} partial",
                _ => Task.FromResult(document.WithSyntaxRoot(PartialModifier.AddTo(root, missing))),
                EquivalenceKey),
            context.Diagnostics);
    }
}
