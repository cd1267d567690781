using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// C#'s rules for the operators a kernel uses, as the model needs them: which operator a Roslyn operator kind is,
/// binary numeric promotion, and which checked conversions can overflow. Pure functions of types, apart from the
/// parse so that the expression and loop-body parsers apply the same rules.
/// </summary>
internal static class CSharpOperators
{
    /// <summary>Whether a checked conversion could throw: float targets never do; integer targets unless the range fits.</summary>
    internal static bool CanOverflow(ITypeSymbol? source, ElementType target)
    {
        if (target.IsFloatingPoint() || source is null || !ElementTypeFacts.TryFromSpecialType(source.SpecialType, out ElementType from))
        {
            return false;
        }

        if (from.IsFloatingPoint())
        {
            return true;
        }

        bool signedToUnsigned = from.IsSignedInteger() && target.IsUnsignedInteger();
        bool fits = from.IsUnsignedInteger() && target.IsSignedInteger() ? target.Size() > from.Size() : target.Size() >= from.Size();
        return signedToUnsigned || !fits;
    }

    /// <summary>C#'s binary numeric promotion (bool stays bool).</summary>
    internal static ElementType Promote(ElementType a, ElementType b)
    {
        if (a == ElementType.Bool && b == ElementType.Bool) return ElementType.Bool;
        if (a == ElementType.Double || b == ElementType.Double) return ElementType.Double;
        if (a == ElementType.Single || b == ElementType.Single) return ElementType.Single;
        if (a == ElementType.UInt64 || b == ElementType.UInt64) return ElementType.UInt64;
        if (a == ElementType.Int64 || b == ElementType.Int64) return ElementType.Int64;
        if (a == ElementType.UInt32 || b == ElementType.UInt32)
        {
            return a.IsSignedInteger() || b.IsSignedInteger() ? ElementType.Int64 : ElementType.UInt32;
        }

        return ElementType.Int32;
    }

    /// <summary>The model's operator for a Roslyn binary operator kind; null for one the model does not have.</summary>
    internal static BinaryOp? MapBinary(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Add => BinaryOp.Add,
        BinaryOperatorKind.Subtract => BinaryOp.Subtract,
        BinaryOperatorKind.Multiply => BinaryOp.Multiply,
        BinaryOperatorKind.Divide => BinaryOp.Divide,
        BinaryOperatorKind.Remainder => BinaryOp.Remainder,
        BinaryOperatorKind.And => BinaryOp.And,
        BinaryOperatorKind.Or => BinaryOp.Or,
        BinaryOperatorKind.ExclusiveOr => BinaryOp.ExclusiveOr,
        BinaryOperatorKind.ConditionalAnd => BinaryOp.ConditionalAnd,
        BinaryOperatorKind.ConditionalOr => BinaryOp.ConditionalOr,
        BinaryOperatorKind.LeftShift => BinaryOp.LeftShift,
        BinaryOperatorKind.RightShift => BinaryOp.RightShift,
        BinaryOperatorKind.UnsignedRightShift => BinaryOp.UnsignedRightShift,
        BinaryOperatorKind.Equals => BinaryOp.Equals,
        BinaryOperatorKind.NotEquals => BinaryOp.NotEquals,
        BinaryOperatorKind.LessThan => BinaryOp.LessThan,
        BinaryOperatorKind.LessThanOrEqual => BinaryOp.LessThanOrEqual,
        BinaryOperatorKind.GreaterThan => BinaryOp.GreaterThan,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOp.GreaterThanOrEqual,
        _ => null,
    };

    /// <summary>Whether <paramref name="op"/> compares (its result is a bool).</summary>
    internal static bool IsComparison(BinaryOp op) =>
        op is BinaryOp.Equals or BinaryOp.NotEquals or BinaryOp.LessThan or BinaryOp.LessThanOrEqual or BinaryOp.GreaterThan or BinaryOp.GreaterThanOrEqual;
}
