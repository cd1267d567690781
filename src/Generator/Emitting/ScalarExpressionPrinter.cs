using System;
using System.Linq;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Emitting;

/// <summary>
/// Prints a model expression back as scalar C# with the kernel's exact semantics (explicit conversions,
/// fully parenthesized). <c>leaf</c> may replace any sub-expression with code of its own, e.g. a lane of a vector.
/// </summary>
internal static class ScalarExpressionPrinter
{
    public static string Print(Expr expression, Func<Expr, string?> leaf)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (leaf(expression) is { } replaced)
        {
            return replaced;
        }

        switch (expression)
        {
            case ConstantExpr constant:
                return constant.Literal.StartsWith("-", StringComparison.Ordinal) || constant.Literal.StartsWith("(", StringComparison.Ordinal)
                    ? "(" + constant.Literal + ")"
                    : constant.Literal;
            case ParameterExpr parameter:
                return parameter.Name;
            case LocalExpr local:
                return local.Name;
            case UnaryExpr unary:
                return "(" + UnaryToken(unary.Op) + Print(unary.Operand, leaf) + ")";
            case BinaryExpr binary:
                return "(" + Print(binary.Left, leaf) + " " + BinaryToken(binary.Op) + " " + Print(binary.Right, leaf) + ")";
            case ConversionExpr conversion when conversion.Operand.Type.IsFloatingPoint() && conversion.Type.IsInteger():
                // Never folded by the C# compiler: the kernel converts at run time (see RuntimeValue).
                return "((" + conversion.Type.Keyword() + ")global::SourceGen.Internal.RuntimeValue.Of(" + Print(conversion.Operand, leaf) + "))";
            case ConversionExpr conversion:
                return "((" + conversion.Type.Keyword() + ")" + Print(conversion.Operand, leaf) + ")";
            case ConditionalExpr conditional:
                return "(" + Print(conditional.Condition, leaf) + " ? " + Print(conditional.WhenTrue, leaf) + " : " + Print(conditional.WhenFalse, leaf) + ")";
            case LaneIndexExpr lane:
                return lane.Name;
            case LoadExpr load:
                return load.BufferName + "[" + (load.Row is null ? "" : Print(load.Row, leaf) + ", ") + Print(load.Index, leaf) + "]";
            case CallExpr call:
                return call.QualifiedName + "(" + string.Join(", ", call.Arguments.Select(argument => Print(argument, leaf))) + ")";
            default:
                throw new InvalidOperationException("Unknown expression " + expression.GetType().Name);
        }
    }

    public static string UnaryToken(UnaryOp op) => op switch
    {
        UnaryOp.Plus => "+",
        UnaryOp.Negate => "-",
        UnaryOp.BitwiseNot => "~",
        _ => "!",
    };

    public static string BinaryToken(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Subtract => "-",
        BinaryOp.Multiply => "*",
        BinaryOp.Divide => "/",
        BinaryOp.Remainder => "%",
        BinaryOp.And => "&",
        BinaryOp.Or => "|",
        BinaryOp.ExclusiveOr => "^",
        BinaryOp.ConditionalAnd => "&&",
        BinaryOp.ConditionalOr => "||",
        BinaryOp.LeftShift => "<<",
        BinaryOp.RightShift => ">>",
        BinaryOp.UnsignedRightShift => ">>>",
        BinaryOp.Equals => "==",
        BinaryOp.NotEquals => "!=",
        BinaryOp.LessThan => "<",
        BinaryOp.LessThanOrEqual => "<=",
        BinaryOp.GreaterThan => ">",
        _ => ">=",
    };
}
