using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// Finds scatter reductions in a <c>Prange</c> loop: an array (<c>T[]</c>, <c>T[,]</c>) or <c>Span&lt;T&gt;</c> from
/// outside the loop that the loop only updates, by one operator, at least once at an index read from data
/// (<c>histogram[bins[i]]++</c>). Two iterations may update the same element, but as the updates are a reduction
/// into each element, they can run on private copies combined after the loop, or atomically; either gives the
/// serial kernel's result (integers exactly). Reading the target's <c>Length</c> is allowed; any other use of it
/// in the loop (a read, a plain write, another operator) leaves it a possible race (SG0303).
/// </summary>
internal static class ScatterParser
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    public static ScatterTarget? Read(ISymbol symbol, ITypeSymbol type, ForEachStatementSyntax loop, ILocalSymbol variable, SemanticModel model, SourceText text, CancellationToken cancellationToken)
    {
        (ScatterShape shape, ITypeSymbol? element) = type switch
        {
            IArrayTypeSymbol { Rank: 1 } array => (ScatterShape.Array, array.ElementType),
            IArrayTypeSymbol { Rank: 2 } array => (ScatterShape.Array2D, array.ElementType),
            INamedTypeSymbol { Name: "Span", IsGenericType: true, TypeArguments.Length: 1 } span when span.ContainingNamespace?.ToDisplayString() == "System" => (ScatterShape.Span, span.TypeArguments[0]),
            _ => (ScatterShape.Array, null),
        };
        if (element is null || element.SpecialType == SpecialType.System_Boolean)
        {
            return null;
        }

        var updates = new List<(ExpressionSyntax Update, ElementAccessExpressionSyntax Target, ExpressionSyntax? Value, SyntaxKind Kind)>();
        var accumulatorArguments = new HashSet<ElementAccessExpressionSyntax>();
        ReductionOperator? family = null;
        bool dataDependent = false;
        foreach (IdentifierNameSyntax mention in ParallelParser.MentionsOf(symbol, loop.Statement, model, cancellationToken))
        {
            if (IsShapeRead(mention))
            {
                continue;
            }

            if (mention.Parent is not ElementAccessExpressionSyntax access || access.Expression != mention)
            {
                return null;
            }

            if (accumulatorArguments.Contains(access))
            {
                continue;
            }

            (ExpressionSyntax Update, ExpressionSyntax? Value, SyntaxKind Kind, ReductionOperator Operator)? update = UpdateOf(access, symbol, model, accumulatorArguments, cancellationToken);
            if (update is not { } found || (family is not null && family != found.Operator)
                || access.ArgumentList.Arguments.Any(a => ParallelParser.MentionsOf(symbol, a, model, cancellationToken).Any(m => !IsShapeRead(m)) || HasSideEffects(a.Expression)))
            {
                return null;
            }

            family = found.Operator;
            dataDependent |= access.ArgumentList.Arguments.Any(a => RaceCheck.IsDataDependent(a.Expression, variable, loop, model, cancellationToken));
            updates.Add((found.Update, access, found.Value, found.Kind));
        }

        if (family is not { } op || !dataDependent || ParallelParser.Identity(element, op) is not { } identity)
        {
            return null;
        }

        string keyword = element.ToDisplayString(TypeFormat);
        bool atomic = element.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64;
        return new ScatterTarget(CSharpName.Escape(symbol.Name), shape, keyword, op, identity, updates.Select(u => new ScatterUpdate(
            u.Update.SpanStart,
            text.ToString(u.Update.Span),
            atomic ? Atomic(keyword, text.ToString(u.Target.Span), u.Value is null ? null : text.ToString(u.Value.Span), u.Kind, op) : "")).ToEquatableArray());
    }

    /// <summary>
    /// The update whose target is <paramref name="access"/>: the statement's expression, the value it combines (none
    /// for <c>++</c>/<c>--</c>), its kind and operator family; null when the access is not such a target.
    /// </summary>
    private static (ExpressionSyntax Update, ExpressionSyntax? Value, SyntaxKind Kind, ReductionOperator Operator)? UpdateOf(
        ElementAccessExpressionSyntax access, ISymbol symbol, SemanticModel model, HashSet<ElementAccessExpressionSyntax> accumulatorArguments, CancellationToken cancellationToken)
    {
        bool Mentions(SyntaxNode node) => ParallelParser.MentionsOf(symbol, node, model, cancellationToken).Any();

        switch (access.Parent)
        {
            case PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax when access.Parent.Parent is ExpressionStatementSyntax:
                return access.Parent.Kind() switch
                {
                    SyntaxKind.PostIncrementExpression or SyntaxKind.PreIncrementExpression => ((ExpressionSyntax)access.Parent, null, SyntaxKind.PreIncrementExpression, ReductionOperator.Add),
                    SyntaxKind.PostDecrementExpression or SyntaxKind.PreDecrementExpression => ((ExpressionSyntax)access.Parent, null, SyntaxKind.PreDecrementExpression, ReductionOperator.Add),
                    _ => null,
                };
            case AssignmentExpressionSyntax assignment when assignment.Left == access && assignment.Parent is ExpressionStatementSyntax && !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression):
                ReductionOperator? op = assignment.Kind() switch
                {
                    SyntaxKind.AddAssignmentExpression or SyntaxKind.SubtractAssignmentExpression => ReductionOperator.Add,
                    SyntaxKind.AndAssignmentExpression => ReductionOperator.And,
                    SyntaxKind.OrAssignmentExpression => ReductionOperator.Or,
                    SyntaxKind.ExclusiveOrAssignmentExpression => ReductionOperator.Xor,
                    _ => null,
                };
                return op is null || Mentions(assignment.Right) ? null : (assignment, assignment.Right, assignment.Kind(), op.Value);
            case AssignmentExpressionSyntax assignment when assignment.Left == access && assignment.Parent is ExpressionStatementSyntax
                && assignment.Right is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 2 } invocation
                && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { Name: "Max" or "Min" } method
                && method.ContainingType.ToDisplayString() is "System.Math" or "System.MathF":
                // a[k] = Math.Max(a[k], v) or Math.Max(v, a[k]): the other argument reads the same element, v does not read a.
                ExpressionSyntax first = invocation.ArgumentList.Arguments[0].Expression, second = invocation.ArgumentList.Arguments[1].Expression;
                (ExpressionSyntax accumulator, ExpressionSyntax value) = first is ElementAccessExpressionSyntax ? (first, second) : (second, first);
                if (accumulator is not ElementAccessExpressionSyntax same || !same.IsEquivalentTo(access, topLevel: false) || Mentions(value))
                {
                    return null;
                }

                accumulatorArguments.Add(same);
                return (assignment, value, SyntaxKind.SimpleAssignmentExpression, method.Name == "Max" ? ReductionOperator.Max : ReductionOperator.Min);
            default:
                return null;
        }
    }

    /// <summary><c>a.Length</c>, <c>a.GetLength(0)</c>: the same for a private copy, so reading it is no use of the elements.</summary>
    private static bool IsShapeRead(IdentifierNameSyntax mention) =>
        mention.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" or "LongLength" or "Rank" or "GetLength" } member && member.Expression == mention;

    /// <summary>An index that assigns or increments (evaluated once atomically, twice as written) is not accepted.</summary>
    private static bool HasSideEffects(ExpressionSyntax index) =>
        index.DescendantNodesAndSelf().Any(n => n is AssignmentExpressionSyntax
            || n.Kind() is SyntaxKind.PostIncrementExpression or SyntaxKind.PreIncrementExpression or SyntaxKind.PostDecrementExpression or SyntaxKind.PreDecrementExpression);

    /// <summary>The update as an atomic operation on the element (Interlocked, or a compare-and-swap loop of the runtime).</summary>
    private static string Atomic(string keyword, string target, string? value, SyntaxKind kind, ReductionOperator op)
    {
        const string Interlocked = "global::System.Threading.Interlocked";
        const string Runtime = "global::SourceGen.Internal.ScatterReduction";
        string converted = $"unchecked(({keyword})({value}))";
        return kind switch
        {
            SyntaxKind.PreIncrementExpression => $"{Interlocked}.Increment(ref {target})",
            SyntaxKind.PreDecrementExpression => $"{Interlocked}.Decrement(ref {target})",
            SyntaxKind.AddAssignmentExpression => $"{Interlocked}.Add(ref {target}, {converted})",
            SyntaxKind.SubtractAssignmentExpression => $"{Interlocked}.Add(ref {target}, unchecked(({keyword})0 - ({keyword})({value})))",
            SyntaxKind.AndAssignmentExpression => $"{Interlocked}.And(ref {target}, {converted})",
            SyntaxKind.OrAssignmentExpression => $"{Interlocked}.Or(ref {target}, {converted})",
            SyntaxKind.ExclusiveOrAssignmentExpression => $"{Runtime}.Xor(ref {target}, {converted})",
            _ => $"{Runtime}.{op}(ref {target}, {converted})",
        };
    }
}
