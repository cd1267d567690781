using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// How deep the generator reads a kernel: beyond these limits it runs scalar, as written, and SG0102 says why. A
/// class of its own because the loop parsers check the same limit on a loop's syntax before they read its body.
/// </summary>
/// <remarks>
/// Every phase walks statements and expressions recursively; the limits keep their depth, and so their stack, bounded
/// on the 1 MB stacks of IDE threads, where an overflow would take the IDE down. The parsers count the depth as they
/// read (<see cref="StatementParser"/>, <see cref="ExpressionParser"/>).
/// </remarks>
internal static class NestingLimits
{
    /// <summary>The deepest nesting of statements (ifs, loops, blocks) the generator reads; see <see cref="MaxExpressionDepth"/>.</summary>
    internal const int MaxStatementDepth = 400;

    /// <summary>The deepest nesting of expressions the generator reads (a longer sum or deeper ?: runs scalar).</summary>
    /// <remarks>Roslyn parses a sum of n terms as a left-deep tree n deep.</remarks>
    internal const int MaxExpressionDepth = 1200;

    /// <summary>Whether statements under <paramref name="root"/> nest deeper than <see cref="MaxStatementDepth"/> (an iterative walk).</summary>
    /// <remarks>Checked on the syntax, before Roslyn builds the operation tree (recursively: deep enough, it overflows).</remarks>
    internal static bool NestsTooDeep(SyntaxNode root)
    {
        var pending = new Stack<(SyntaxNode Node, int Depth)>();
        pending.Push((root, 0));
        while (pending.Count > 0)
        {
            (SyntaxNode node, int depth) = pending.Pop();
            foreach (SyntaxNode child in node.ChildNodes())
            {
                // Statements nest in statements; expressions (thousands deep in a long sum) hold none outside lambdas.
                // A block is no level of its own (as in StatementParser: an if's braces are part of the if).
                if (child is StatementSyntax and not BlockSyntax)
                {
                    if (depth + 1 > MaxStatementDepth)
                    {
                        return true;
                    }

                    pending.Push((child, depth + 1));
                }
                else if (child is not ExpressionSyntax)
                {
                    pending.Push((child, depth));
                }
            }
        }

        return false;
    }
}
