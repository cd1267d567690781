using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeRefactorings;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace SourceGen.CodeFixes;

/// <summary>
/// "Add a [Vectorize] entry point", on the name of a static method that could be a kernel and has none: writes the
/// partial entry point after it (every parameter a span) and makes its types partial, so the next build generates
/// the SIMD loop. Starting from a scalar function is how most kernels begin.
/// </summary>
[ExportCodeRefactoringProvider(LanguageNames.CSharp, Name = nameof(AddVectorizeEntryPointRefactoring)), Shared]
public sealed class AddVectorizeEntryPointRefactoring : CodeRefactoringProvider
{
    public const string Title = "Add a [Vectorize] entry point";

    public override async Task ComputeRefactoringsAsync(CodeRefactoringContext context)
    {
        Document document = context.Document;
        SyntaxNode? root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        // Offered on the method's name only (the caret in it or right after it), not anywhere in its body.
        if (root is null
            || NameAt(root, context.Span) is not { Parent: MethodDeclarationSyntax kernel } name
            || name != kernel.Identifier
            || await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false) is not { } model
            || model.GetDeclaredSymbol(kernel, context.CancellationToken) is not IMethodSymbol symbol
            || !KernelCandidate.IsWithoutEntryPoint(kernel, symbol))
        {
            return;
        }

        MemberDeclarationSyntax entryPoint = EntryPointDeclaration.For(kernel, symbol, model);
        context.RegisterRefactoring(CodeAction.Create(Title, cancellationToken => AddAsync(document, root, kernel, entryPoint, cancellationToken), Title));
    }

    /// <summary>The identifier token that holds <paramref name="span"/>, or ends where an empty one is (a caret after the name).</summary>
    private static SyntaxToken? NameAt(SyntaxNode root, TextSpan span)
    {
        SyntaxToken token = root.FindToken(span.Start);
        if (!token.IsKind(SyntaxKind.IdentifierToken) && span.IsEmpty && span.Start > 0)
        {
            token = root.FindToken(span.Start - 1);
        }

        return token.IsKind(SyntaxKind.IdentifierToken) && token.Span.Contains(span) ? token : null;
    }

    /// <summary>The entry point inserted after the kernel, and every type around it made partial.</summary>
    private static Task<Document> AddAsync(Document document, SyntaxNode root, MethodDeclarationSyntax kernel, MemberDeclarationSyntax entryPoint, CancellationToken cancellationToken)
    {
        var kernelType = (TypeDeclarationSyntax)kernel.Parent!;
        int kernelIndex = kernelType.Members.IndexOf(kernel);
        SyntaxNode newRoot = PartialModifier.AddTo(
            root,
            kernel.Ancestors().OfType<TypeDeclarationSyntax>(),
            (original, current) => original == kernelType ? current.WithMembers(current.Members.Insert(kernelIndex + 1, entryPoint)) : current);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(document.WithSyntaxRoot(newRoot));
    }
}
