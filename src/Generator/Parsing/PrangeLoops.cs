using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// Which loops are <c>foreach (… in Loops.Prange(…))</c> loops: the one answer the [Parallel] parser (which loops it
/// splits across threads), the GPU launch parser (an inner Prange loop as a 2-D launch) and the device check (which
/// code a GPU runs) read.
/// </summary>
internal static class PrangeLoops
{
    /// <summary>Whether <paramref name="loop"/> iterates over a call of <c>SourceGen.Loops.Prange</c>.</summary>
    public static bool Is(ForEachStatementSyntax loop, SemanticModel model, CancellationToken cancellationToken) =>
        loop.Expression is InvocationExpressionSyntax invocation
        && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { Name: "Prange" } method
        && method.ContainingType.ToDisplayString() == "SourceGen.Loops";

    /// <summary>Prange loops in <paramref name="body"/> not inside another one, nor inside a lambda or local function, in source order.</summary>
    public static List<ForEachStatementSyntax> Outermost(SyntaxNode body, SemanticModel model, CancellationToken cancellationToken)
    {
        var found = new List<ForEachStatementSyntax>();
        foreach (ForEachStatementSyntax loop in body.DescendantNodes(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ForEachStatementSyntax>())
        {
            if (Is(loop, model, cancellationToken) && !found.Any(outer => outer.Span.Contains(loop.Span)))
            {
                found.Add(loop);
            }
        }

        return found;
    }
}
