using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SourceGen.CodeFixes;

/// <summary>
/// Adds the <c>partial</c> modifier to the type declarations around a method: the generator writes an entry
/// point's body in another part of the same type, and a part can only join a type whose every declaration, and
/// every containing type's, is partial.
/// </summary>
internal static class PartialModifier
{
    /// <summary>The type declarations that contain <paramref name="member"/> and are not partial, innermost first.</summary>
    public static IReadOnlyList<TypeDeclarationSyntax> MissingAround(SyntaxNode member) =>
        member.Ancestors().OfType<TypeDeclarationSyntax>().Where(type => !IsPartial(type)).ToList();

    public static bool IsPartial(TypeDeclarationSyntax type) => type.Modifiers.Any(SyntaxKind.PartialKeyword);

    /// <summary>
    /// <paramref name="type"/> with <c>partial</c> right before its keyword, where C# requires it
    /// (<c>public static partial class</c>). The keyword's leading trivia (indentation, or the comments of a
    /// declaration without modifiers) moves to <c>partial</c>, so the line keeps its layout.
    /// </summary>
    public static TypeDeclarationSyntax Add(TypeDeclarationSyntax type)
    {
        if (IsPartial(type))
        {
            return type;
        }

        SyntaxToken keyword = type.Keyword;
        SyntaxToken partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return type
            .WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
            .WithModifiers(type.Modifiers.Add(partial));
    }

    /// <summary>
    /// <paramref name="root"/> with every type declaration of <paramref name="types"/> partial;
    /// <paramref name="rewriteBeforeAdding"/> may change a declaration first (it gets the original and its current form).
    /// </summary>
    public static SyntaxNode AddTo(
        SyntaxNode root,
        IEnumerable<TypeDeclarationSyntax> types,
        System.Func<TypeDeclarationSyntax, TypeDeclarationSyntax, TypeDeclarationSyntax>? rewriteBeforeAdding = null) =>
        root.ReplaceNodes(types, (original, current) => Add(rewriteBeforeAdding is null ? current : rewriteBeforeAdding(original, current)));
}
