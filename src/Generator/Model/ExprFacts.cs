using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace SourceGen.Generator.Model;

/// <summary>
/// Facts about model expressions that every phase asks (the parser, the analysis, the lowering): their operands,
/// a walk over a subtree, and whether evaluating one may throw.
/// </summary>
internal static class ExprFacts
{
    /// <summary>The expression and everything below it, in pre-order.</summary>
    /// <remarks>With an explicit stack: nested iterators cost the depth per node (quadratic on a long sum).</remarks>
    public static IEnumerable<Expr> Descendants(Expr expression)
    {
        var pending = new Stack<Expr>();
        pending.Push(expression);
        var operands = new List<Expr>();
        while (pending.Count > 0)
        {
            Expr node = pending.Pop();
            yield return node;
            operands.Clear();
            operands.AddRange(Operands(node));
            for (int i = operands.Count - 1; i >= 0; i--)
            {
                pending.Push(operands[i]);
            }
        }
    }

    public static IEnumerable<Expr> Operands(Expr node)
    {
        switch (node)
        {
            case UnaryExpr unary:
                yield return unary.Operand;
                break;
            case BinaryExpr binary:
                yield return binary.Left;
                yield return binary.Right;
                break;
            case ConversionExpr conversion:
                yield return conversion.Operand;
                break;
            case ConditionalExpr conditional:
                yield return conditional.Condition;
                yield return conditional.WhenTrue;
                yield return conditional.WhenFalse;
                break;
            case CallExpr call:
                foreach (Expr argument in call.Arguments)
                {
                    yield return argument;
                }

                break;
            case LoadExpr load:
                if (load.Row is not null)
                {
                    yield return load.Row;
                }

                yield return load.Index;
                break;
        }
    }

    /// <summary>Whether evaluating <paramref name="node"/> may throw for some input.</summary>
    /// <remarks>
    /// Asked of every node, by the analysis, the parser and the lowering: remembered per node (the model is immutable),
    /// so the answer for a whole subtree is not recomputed at every level of it.
    /// </remarks>
    public static bool MayThrow(Expr node)
    {
        if (MayThrowOf.TryGetValue(node, out object? known))
        {
            return known == Yes;
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        bool mayThrow = MayThrowItself(node);
        foreach (Expr operand in Operands(node))
        {
            // Every operand is visited (not only up to the first that may throw), so each node is computed once.
            mayThrow |= MayThrow(operand);
        }

        MayThrowOf.GetValue(node, _ => mayThrow ? Yes : No);
        return mayThrow;
    }

    private static readonly ConditionalWeakTable<Expr, object> MayThrowOf = new();
    private static readonly object Yes = true, No = false;

    /// <summary>Whether the operation itself (not its operands) may throw.</summary>
    public static bool MayThrowItself(Expr node) => node switch
    {
        BinaryExpr { Op: BinaryOp.Divide or BinaryOp.Remainder } binary => binary.OperandType.IsInteger(),
        CallExpr { Function: MathFunction.None } => true,
        CallExpr call => MathTable.Row(call.Function).MayThrowFor(call.Arguments[0].Type),
        LoadExpr => true,
        _ => false,
    };

    /// <summary>Whether a reduction must add (multiply) in the kernel's order: a floating-point sum or product, unless
    /// FastMath allows reassociating it.</summary>
    public static bool IsOrdered(ReduceStmt reduce, bool fastMath) =>
        !fastMath && reduce.Value.Type.IsFloatingPoint() && reduce.Operator is ReductionOperator.Add or ReductionOperator.Multiply;
}

/// <summary>Compares model nodes by reference: the same text twice in a kernel is two operations.</summary>
internal sealed class ExprReferenceComparer : IEqualityComparer<Expr>
{
    public static readonly ExprReferenceComparer Instance = new();

    public bool Equals(Expr? x, Expr? y) => ReferenceEquals(x, y);

    public int GetHashCode(Expr obj) => RuntimeHelpers.GetHashCode(obj);
}
