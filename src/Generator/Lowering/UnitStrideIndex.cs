using System;
using System.Collections.Generic;
using System.Linq;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>A term of a sum of ints: <c>+term</c> or <c>-term</c>.</summary>
internal readonly struct SignedTerm
{
    public SignedTerm(Expr term, bool negative)
    {
        Term = term;
        Negative = negative;
    }

    public Expr Term { get; }

    public bool Negative { get; }
}

/// <summary>
/// An index into a buffer in a vectorized loop that moves by one element per iteration: <c>offset + x</c>, where
/// <c>x</c> is the loop variable and the offset is the same for every lane (<c>y * width + x - 1</c>). Consecutive
/// lanes read consecutive elements, so a step is one vector load. The lane term may be clamped, as image borders
/// are: <c>offset + Math.Clamp(x + shift, low, high)</c> (or <c>Math.Min</c>, <c>Math.Max</c>): a step whose lanes
/// are all inside <c>[low, high]</c> is an unclamped load at <c>offset + x + shift</c>; the others are clamped
/// per lane, so the interior runs at vector speed and the borders stay exact.
/// </summary>
internal sealed class UnitStrideIndex
{
    private UnitStrideIndex(IReadOnlyList<SignedTerm> offset, IReadOnlyList<SignedTerm> shift, IReadOnlyList<Expr> lows, IReadOnlyList<Expr> highs, bool clamped)
    {
        Offset = offset;
        Shift = shift;
        Lows = lows;
        Highs = highs;
        IsClamped = clamped;
    }

    /// <summary>The uniform terms added to the (clamped) lane term.</summary>
    public IReadOnlyList<SignedTerm> Offset { get; }

    /// <summary>The uniform terms added to <c>x</c> inside the clamp (empty when not clamped).</summary>
    public IReadOnlyList<SignedTerm> Shift { get; }

    /// <summary>The lower bounds of the clamps (Math.Clamp, Math.Max) around the lane term: none changes a fast step's lanes.</summary>
    public IReadOnlyList<Expr> Lows { get; }

    /// <summary>The upper bounds (Math.Clamp, Math.Min).</summary>
    public IReadOnlyList<Expr> Highs { get; }

    public bool IsClamped { get; }

    /// <summary>The pattern of <paramref name="index"/>, or null when consecutive lanes do not read consecutive elements.</summary>
    public static UnitStrideIndex? Of(Expr index, Func<Expr, bool> isUniform)
    {
        if (index.Type != ElementType.Int32)
        {
            return null;
        }

        var terms = new List<SignedTerm>();
        Flatten(index, negative: false, terms);
        List<SignedTerm> varying = terms.Where(t => !isUniform(t.Term)).ToList();
        if (varying.Count != 1 || varying[0].Negative)
        {
            return null;
        }

        List<SignedTerm> offset = terms.Where(t => isUniform(t.Term)).ToList();
        Expr lane = varying[0].Term;
        if (lane is LaneIndexExpr)
        {
            return new UnitStrideIndex(offset, Array.Empty<SignedTerm>(), Array.Empty<Expr>(), Array.Empty<Expr>(), clamped: false);
        }

        // Clamp(v, low, high), Min(v, high), Max(v, low) (arguments in either order), nested: peel to the v holding x.
        var lows = new List<Expr>();
        var highs = new List<Expr>();
        while (lane is CallExpr { Function: MathFunction.Clamp or MathFunction.Min or MathFunction.Max } call && call.Type == ElementType.Int32)
        {
            int inner = call.Function == MathFunction.Clamp ? 0 : isUniform(call.Arguments[0]) ? 1 : 0;
            if (call.Arguments.Where((argument, i) => i != inner).Any(argument => !isUniform(argument)))
            {
                return null;
            }

            Expr other = call.Arguments[1 - inner];
            if (call.Function == MathFunction.Clamp)
            {
                lows.Add(call.Arguments[1]);
                highs.Add(call.Arguments[2]);
            }
            else
            {
                (call.Function == MathFunction.Max ? lows : highs).Add(other);
            }

            lane = call.Arguments[inner];
        }

        if (lows.Count + highs.Count == 0)
        {
            return null;
        }

        var shiftTerms = new List<SignedTerm>();
        Flatten(lane, negative: false, shiftTerms);
        List<SignedTerm> laneTerms = shiftTerms.Where(t => !isUniform(t.Term)).ToList();
        if (laneTerms.Count != 1 || laneTerms[0].Negative || laneTerms[0].Term is not LaneIndexExpr)
        {
            return null;
        }

        return new UnitStrideIndex(offset, shiftTerms.Where(t => isUniform(t.Term)).ToList(), lows, highs, clamped: true);
    }

    private static void Flatten(Expr expression, bool negative, List<SignedTerm> terms)
    {
        switch (expression)
        {
            case BinaryExpr { Op: BinaryOp.Add } add when add.Type == ElementType.Int32:
                Flatten(add.Left, negative, terms);
                Flatten(add.Right, negative, terms);
                break;
            case BinaryExpr { Op: BinaryOp.Subtract } subtract when subtract.Type == ElementType.Int32:
                Flatten(subtract.Left, negative, terms);
                Flatten(subtract.Right, !negative, terms);
                break;
            default:
                terms.Add(new SignedTerm(expression, negative));
                break;
        }
    }
}
