using System.Collections.Generic;
using System.Linq;

namespace SourceGen.Generator.Model;

// The kernel as an equatable tree: what the parser reads from Roslyn's IOperation tree, and all the
// emitter and the analyzer see. No ISymbol, SyntaxNode or Location is kept (so the pipeline's steps compare equal and stay cached).

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
    : Expr(Type, Source)
{
    /// <summary>For a helper with source that stays a call: why it was not inlined (for SG0101); null otherwise.</summary>
    public string? NotInlined { get; init; }
}

/// <summary>
/// The variable of a loop vectorized across its iterations (the <c>x</c> of <c>for (int x = 0; x &lt; width; x++)</c>
/// in a <c>[Parallel]</c> kernel): lane <c>k</c> of a step holds <c>x + k</c>.
/// </summary>
internal sealed record LaneIndexExpr(string Name, ElementType Type, SourceRef Source) : Expr(Type, Source);

/// <summary>
/// <c>buffer[index]</c>: an element of the span or array <see cref="KernelBody.Buffers"/>[<see cref="Buffer"/>];
/// <c>buffer[Row, index]</c> for a two-dimensional array (<see cref="Row"/> is null otherwise).
/// </summary>
internal sealed record LoadExpr(int Buffer, string BufferName, Expr Index, ElementType Type, SourceRef Source) : Expr(Type, Source)
{
    public Expr? Row { get; init; }
}

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

/// <summary><c>buffer[index] = value;</c> (compound assignments are read, combined and stored) in a vectorized loop.</summary>
internal sealed record StoreStmt(int Buffer, string BufferName, Expr Index, Expr Value, SourceRef Source) : Stmt(Source)
{
    /// <summary>The row of a two-dimensional array's element; null otherwise.</summary>
    public Expr? Row { get; init; }
}

internal sealed record ContinueStmt(SourceRef Source) : Stmt(Source);

internal sealed record KernelParameter(string Name, ElementType Type);

/// <summary>
/// <c>name op= value</c> (or <c>name = Math.Max(name, value)</c>…) in a vectorized loop, into a variable from outside
/// it that the loop reads nowhere else: an accumulation over the loop's iterations. <see cref="Subtract"/> marks
/// <c>-=</c> (an <see cref="ReductionOperator.Add"/> of the negated value).
/// </summary>
internal sealed record ReduceStmt(string Name, ReductionOperator Operator, bool Subtract, Expr Value, SourceRef Source) : Stmt(Source);

/// <summary>How a vectorized loop reaches a buffer's elements.</summary>
internal enum BufferKind
{
    ReadOnlySpan,
    Span,
    Array,

    /// <summary>A <c>T[,]</c>: elements <c>[row, column]</c>, rows contiguous.</summary>
    Array2D,
}

/// <summary>A span or one-dimensional array a vectorized loop reads or writes, by its name in the kernel.</summary>
internal sealed record LoopBuffer(string Name, ElementType ElementType, BufferKind Kind, bool IsStored);

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
    /// <summary>
    /// True for the body of a loop vectorized across its iterations (see <see cref="LaneIndexExpr"/>): it has no
    /// result; its parameters are the values it reads from outside the loop, the same in every iteration, and it
    /// reads and writes <see cref="Buffers"/>. Its control flow is uniform: every lane runs every statement.
    /// </summary>
    public bool IsLoopBody { get; init; }

    public EquatableArray<LoopBuffer> Buffers { get; init; } = EquatableArray<LoopBuffer>.Empty;

    /// <summary>
    /// The files, other than the kernel's, whose helpers the parse read (to inline them): the parse depends on their text,
    /// so a stored parse is reused only while they are unchanged (ParseReuse).
    /// </summary>
    public EquatableArray<string> HelperFiles { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The entry point allows reassociation: floating-point sums of a vectorized loop keep SIMD partial sums.</summary>
    public bool FastMath { get; init; }

    /// <summary>Straight-line kernels are assignments and one final return; anything else needs lane masks.</summary>
    public bool HasControlFlow =>
        IsLoopBody
            ? Statements.Any(statement => statement is not (AssignStmt or StoreStmt or ReduceStmt))
            : Statements.Count == 0
        || Statements[Statements.Count - 1] is not ReturnStmt
        || Statements.Take(Statements.Count - 1).Any(statement => statement is not AssignStmt);

    /// <summary>Every statement, nested ones included, in source order.</summary>
    /// <remarks>With an explicit stack: nested iterators cost the depth per statement (quadratic on deep nesting).</remarks>
    public static IEnumerable<Stmt> AllStatements(IEnumerable<Stmt> statements) => AllStatements(statements, intoLoops: true);

    /// <summary>
    /// Every statement in source order, those of nested ifs included, and of nested loops when <paramref name="intoLoops"/>
    /// (false: a loop's own level, where its break and continue act).
    /// </summary>
    public static IEnumerable<Stmt> AllStatements(IEnumerable<Stmt> statements, bool intoLoops)
    {
        var pending = new Stack<IEnumerator<Stmt>>();
        pending.Push(statements.GetEnumerator());
        while (pending.Count > 0)
        {
            IEnumerator<Stmt> current = pending.Peek();
            if (!current.MoveNext())
            {
                pending.Pop().Dispose();
                continue;
            }

            Stmt statement = current.Current;
            yield return statement;
            switch (statement)
            {
                case IfStmt branch:
                    pending.Push(branch.Then.Concat(branch.Else).GetEnumerator());
                    break;
                case LoopStmt loop when intoLoops:
                    pending.Push(loop.Body.Concat(loop.Increment).GetEnumerator());
                    break;
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
        StoreStmt store => store.Row is null ? new[] { store.Index, store.Value } : new[] { store.Row, store.Index, store.Value },
        ReduceStmt reduce => new[] { reduce.Value },
        _ => Enumerable.Empty<Expr>(),
    };
}
