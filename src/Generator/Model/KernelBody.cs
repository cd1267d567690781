using System.Collections.Generic;
using System.Linq;

namespace SourceGen.Generator.Model;

// The kernel as an equatable tree: what the parser reads from Roslyn's IOperation tree, and all the
// emitter and the analyzer see. No ISymbol, SyntaxNode or Location is kept (see STYLE.md, point 1).

/// <summary>Where a construct is in the kernel's file: span for diagnostics, line and text for comments.</summary>
internal sealed record SourceRef(int Start, int Length, int Line, string Text)
{
    public static readonly SourceRef None = new(0, 0, 0, "");
}

internal enum UnaryOp
{
    Plus,
    Negate,
    BitwiseNot,
    LogicalNot,
}

internal enum BinaryOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    And,
    Or,
    ExclusiveOr,
    ConditionalAnd,
    ConditionalOr,
    LeftShift,
    RightShift,
    UnsignedRightShift,
    Equals,
    NotEquals,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}

/// <summary>A typed expression of the kernel. Binary operands already have the operator's type (conversions are explicit nodes).</summary>
internal abstract record Expr(ElementType Type, SourceRef Source);

/// <summary>A kernel parameter.</summary>
internal sealed record ParameterExpr(int Index, string Name, ElementType Type, SourceRef Source) : Expr(Type, Source);

/// <summary>A kernel local; <see cref="LocalId"/> is unique within the kernel (shadowed names differ).</summary>
internal sealed record LocalExpr(int LocalId, string Name, ElementType Type, SourceRef Source) : Expr(Type, Source);

/// <summary>A compile-time constant, kept as C# source text of its type (e.g. <c>1E-12d</c>, <c>double.NaN</c>).</summary>
internal sealed record ConstantExpr(string Literal, ElementType Type, SourceRef Source) : Expr(Type, Source);

internal sealed record UnaryExpr(UnaryOp Op, Expr Operand, ElementType Type, SourceRef Source) : Expr(Type, Source);

internal sealed record BinaryExpr(BinaryOp Op, Expr Left, Expr Right, ElementType Type, SourceRef Source) : Expr(Type, Source)
{
    /// <summary>The type the operator works in (the result of a comparison is <c>bool</c>).</summary>
    public ElementType OperandType => Left.Type;
}

/// <summary>A C# numeric conversion (implicit or explicit, unchecked).</summary>
internal sealed record ConversionExpr(Expr Operand, ElementType Type, SourceRef Source) : Expr(Type, Source);

internal sealed record ConditionalExpr(Expr Condition, Expr WhenTrue, Expr WhenFalse, ElementType Type, SourceRef Source) : Expr(Type, Source);

/// <summary>
/// A call to a static method taking and returning element types: a known math function
/// (<see cref="Function"/>) or any other method (<see cref="MathFunction.None"/>), called by
/// <see cref="QualifiedName"/> (<c>global::</c>-qualified).
/// </summary>
internal sealed record CallExpr(MathFunction Function, string QualifiedName, EquatableArray<Expr> Arguments, ElementType Type, SourceRef Source)
    : Expr(Type, Source);

/// <summary>A statement of a straight-line kernel body.</summary>
internal abstract record Stmt(SourceRef Source);

/// <summary><c>T name = value;</c>, <c>name = value;</c>, <c>name += value;</c>, <c>name++;</c>: the local gets a new value.</summary>
internal sealed record AssignStmt(LocalExpr Target, Expr Value, SourceRef Source) : Stmt(Source);

/// <summary><c>return value;</c> (or the body of an expression-bodied kernel).</summary>
internal sealed record ReturnStmt(Expr Value, SourceRef Source) : Stmt(Source);

/// <summary><c>if (Condition) Then else Else</c>: executed under lane masks when the condition varies.</summary>
internal sealed record IfStmt(Expr Condition, EquatableArray<Stmt> Then, EquatableArray<Stmt> Else, SourceRef Source) : Stmt(Source);

/// <summary>
/// <c>while</c> (<see cref="TestFirst"/>), <c>do</c>/<c>while</c>, and the condition, body and increment of a
/// <c>for</c> (its initializers precede it as assignments). Lanes leave when their condition is false, on
/// <c>break</c> or on <c>return</c>; the loop ends when no lane is left.
/// </summary>
internal sealed record LoopStmt(Expr Condition, EquatableArray<Stmt> Body, EquatableArray<Stmt> Increment, bool TestFirst, SourceRef Source) : Stmt(Source);

internal sealed record BreakStmt(SourceRef Source) : Stmt(Source);

internal sealed record ContinueStmt(SourceRef Source) : Stmt(Source);

internal sealed record KernelParameter(string Name, ElementType Type);

/// <summary>
/// A kernel the parser could read completely: parameters, result type and a straight-line body ending in
/// <c>return</c>. <see cref="FilePath"/> is the file the <see cref="SourceRef"/> spans refer to.
/// </summary>
internal sealed record KernelBody(
    string Name,
    EquatableArray<KernelParameter> Parameters,
    ElementType ReturnType,
    EquatableArray<Stmt> Statements,
    string FilePath,
    int Line)
{
    /// <summary>Straight-line kernels are assignments and one final return; anything else needs lane masks.</summary>
    public bool HasControlFlow =>
        Statements.Count == 0
        || Statements[Statements.Count - 1] is not ReturnStmt
        || Statements.Take(Statements.Count - 1).Any(statement => statement is not AssignStmt);

    /// <summary>Every statement, nested ones included, in source order.</summary>
    public static IEnumerable<Stmt> AllStatements(IEnumerable<Stmt> statements)
    {
        foreach (Stmt statement in statements)
        {
            yield return statement;
            IEnumerable<Stmt> nested = statement switch
            {
                IfStmt branch => branch.Then.Concat(branch.Else),
                LoopStmt loop => loop.Body.Concat(loop.Increment),
                _ => Enumerable.Empty<Stmt>(),
            };
            foreach (Stmt inner in AllStatements(nested))
            {
                yield return inner;
            }
        }
    }

    /// <summary>The expressions a statement evaluates itself (not those of nested statements).</summary>
    public static IEnumerable<Expr> OwnExpressions(Stmt statement) => statement switch
    {
        AssignStmt assign => new[] { assign.Value },
        ReturnStmt ret => new[] { ret.Value },
        IfStmt branch => new[] { branch.Condition },
        LoopStmt loop => new[] { loop.Condition },
        _ => Enumerable.Empty<Expr>(),
    };
}
