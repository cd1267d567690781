using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SourceGen.CodeFixes;

/// <summary>
/// The receiver of a <c>Math</c> call rewritten to <c>MathF</c>: <c>Math</c> → <c>MathF</c>,
/// <c>System.Math</c> → <c>System.MathF</c>. MathF has the float overloads, so a float argument stays float.
/// </summary>
internal static class MathFReceiver
{
    private const string MathName = "Math";
    private const string MathFName = "MathF";

    /// <summary>
    /// <paramref name="receiver"/> naming <c>MathF</c> instead, or null when it does not end in the identifier
    /// <c>Math</c> or when the new name would not bind to <c>System.MathF</c> there (a type of the user's named MathF,
    /// or an alias of Math under another name).
    /// </summary>
    public static ExpressionSyntax? From(ExpressionSyntax receiver, SemanticModel model)
    {
        ExpressionSyntax? rewritten = receiver switch
        {
            IdentifierNameSyntax { Identifier.ValueText: MathName } name => Rename(name),
            MemberAccessExpressionSyntax { Name: IdentifierNameSyntax { Identifier.ValueText: MathName } name } access => access.WithName(Rename(name)),
            _ => null,
        };
        return rewritten is not null && BindsToMathF(rewritten, receiver.SpanStart, model) ? rewritten : null;
    }

    private static IdentifierNameSyntax Rename(IdentifierNameSyntax name) =>
        name.WithIdentifier(SyntaxFactory.Identifier(name.Identifier.LeadingTrivia, MathFName, name.Identifier.TrailingTrivia));

    private static bool BindsToMathF(ExpressionSyntax receiver, int position, SemanticModel model) =>
        model.GetSpeculativeSymbolInfo(position, receiver, SpeculativeBindingOption.BindAsExpression).Symbol is INamedTypeSymbol
        {
            Name: MathFName,
            ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true },
        };
}
