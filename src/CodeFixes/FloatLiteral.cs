using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SourceGen.CodeFixes;

/// <summary>
/// A double literal rewritten as a float literal (<c>0.5</c> → <c>0.5f</c>, <c>1e-3</c> → <c>1e-3f</c>,
/// <c>2.0d</c> → <c>2.0f</c>), keeping the digits as written so the value reads the same.
/// </summary>
internal static class FloatLiteral
{
    /// <summary>The float form of a double literal, or null when <paramref name="literal"/> is not one.</summary>
    public static LiteralExpressionSyntax? From(LiteralExpressionSyntax literal)
    {
        SyntaxToken token = literal.Token;
        if (!literal.IsKind(SyntaxKind.NumericLiteralExpression) || token.Value is not double value)
        {
            return null;
        }

        SyntaxToken floatToken = SyntaxFactory.Literal(token.LeadingTrivia, Text(token.Text), (float)value, token.TrailingTrivia);
        return literal.WithToken(floatToken);
    }

    /// <summary>The literal's text with a 'd'/'D' suffix dropped and 'f' added.</summary>
    public static string Text(string doubleText) =>
        (doubleText.EndsWith("d", StringComparison.OrdinalIgnoreCase) ? doubleText.Substring(0, doubleText.Length - 1) : doubleText) + "f";
}
