using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// Reads a kernel's body from Roslyn's IOperation tree into the equatable <see cref="KernelBody"/> model.
/// Anything outside the supported subset is reported (when a reporter is given) and makes the result null:
/// the entry point then calls the kernel per element.
/// </summary>
internal sealed partial class KernelBodyParser
{
    private readonly IMethodSymbol _kernel;
    private readonly SyntaxTree _tree;
    private DiagnosticSink? _report;
    private SemanticModel? _model;
    private readonly List<IMethodSymbol> _inlining = new();
    private readonly Dictionary<IParameterSymbol, Expr> _substitutions = new(SymbolEqualityComparer.Default);
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<ILocalSymbol, LocalExpr> _locals = new(SymbolEqualityComparer.Default);

    /// <summary>The next <see cref="LocalExpr.LocalId"/>: kernel locals, a helper's locals (fresh for each inlined call) and temporaries.</summary>
    private int _nextLocalId;

    /// <summary>Parameters the kernel assigns to: they become locals initialized from the parameter.</summary>
    private readonly Dictionary<int, LocalExpr> _assignedParameters = new();
    private List<Stmt> _statements = new();

    /// <summary>The first construct that keeps the kernel out of the SIMD model, for the generated comment.</summary>
    private string? _firstProblem;

    private KernelBodyParser(IMethodSymbol kernel, SyntaxTree tree, DiagnosticSink? report, CancellationToken cancellationToken)
    {
        _kernel = kernel;
        _tree = tree;
        _report = report;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The result: the body, or null and the reason the kernel stays scalar.</summary>
    public readonly struct Result
    {
        public Result(KernelBody? body, string? scalarReason)
        {
            Body = body;
            ScalarReason = scalarReason;
        }

        public KernelBody? Body { get; }

        public string? ScalarReason { get; }
    }

    /// <summary>
    /// Parses <paramref name="kernel"/>, whose declaration is <paramref name="declaration"/> in <paramref name="model"/>'s tree.
    /// <paramref name="report"/> receives what keeps the kernel out of the SIMD model: SG0201 (an error, which ModelBuilder
    /// hands to the generator) and SG0102 (advice, the analyzer's).
    /// </summary>
    public static Result Parse(
        IMethodSymbol kernel,
        MethodDeclarationSyntax declaration,
        SemanticModel model,
        DiagnosticSink? report,
        CancellationToken cancellationToken)
    {
        var parser = new KernelBodyParser(kernel, declaration.SyntaxTree, report, cancellationToken);
        return parser.ParseMethod(declaration, model);
    }

    private Result ParseMethod(MethodDeclarationSyntax declaration, SemanticModel model)
    {
        _model = model;
        if (!ElementTypeFacts.TryFromSpecialType(_kernel.ReturnType.SpecialType, out ElementType returnType))
        {
            return new Result(null, "its result type is not an element type");
        }

        var parameters = new List<KernelParameter>();
        foreach (IParameterSymbol parameter in _kernel.Parameters)
        {
            if (parameter.RefKind != RefKind.None || !ElementTypeFacts.TryFromSpecialType(parameter.Type.SpecialType, out ElementType type))
            {
                return new Result(null, $"parameter '{parameter.Name}' is not an element type passed by value");
            }

            parameters.Add(new KernelParameter(CSharpName.Escape(parameter.Name), type));
        }

        if (NestsTooDeep(declaration))
        {
            // Checked on the syntax, before Roslyn builds the operation tree (recursively: deep enough, it overflows).
            TooDeep(declaration.Identifier.Parent!, $"statements nested more than {MaxStatementDepth} deep");
            return new Result(null, _firstProblem);
        }

        IOperation? operation = model.GetOperation(declaration, _cancellationToken);
        IBlockOperation? block = operation is IMethodBodyOperation body ? body.BlockBody ?? body.ExpressionBody : null;
        bool hasErrors = model.GetDiagnostics(declaration.Span, _cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error);
        if (block is null || hasErrors)
        {
            // Half-typed code: the compiler reports the errors; we stay silent and emit the scalar loop.
            return new Result(null, "the kernel does not compile yet");
        }

        // A parameter the kernel reassigns (zr = t; in an escape-time loop) is a local that starts at the argument.
        foreach (IOperation target in block.Descendants().SelectMany(WrittenTargets))
        {
            if (target is IParameterReferenceOperation { Parameter: var parameter } && !_assignedParameters.ContainsKey(parameter.Ordinal)
                && ElementTypeFacts.TryFromSpecialType(parameter.Type.SpecialType, out ElementType parameterType)
                && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _kernel))
            {
                SourceRef source = Ref(declaration.ParameterList, $"{parameter.Name} is assigned in the kernel: it starts as the argument");
                var local = new LocalExpr(_nextLocalId++, CSharpName.Escape(parameter.Name), parameterType, source);
                _assignedParameters[parameter.Ordinal] = local;
                _statements.Add(new AssignStmt(local, new ParameterExpr(parameter.Ordinal, CSharpName.Escape(parameter.Name), parameterType, source), source));
            }
        }

        // C# guarantees every path ends in a return: no check of our own is needed.
        ParseBlock(block, isTopLevel: true);

        if (_firstProblem is not null)
        {
            return new Result(null, _firstProblem);
        }

        FileLinePositionSpan lines = declaration.Identifier.GetLocation().GetLineSpan();
        return new Result(
            new KernelBody(
                CSharpName.Escape(_kernel.Name),
                parameters.ToEquatableArray(),
                returnType,
                _statements.ToEquatableArray(),
                _tree.FilePath,
                lines.StartLinePosition.Line + 1)
            {
                HelperFiles = HelperFiles(),
            },
            null);
    }

    private void ParseBlock(IBlockOperation block, bool isTopLevel)
    {
        for (int i = 0; i < block.Operations.Length; i++)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            IOperation statement = block.Operations[i];
            bool isLast = isTopLevel && i == block.Operations.Length - 1;
            ParseStatement(statement, isLast);
        }
    }

    /// <summary>The deepest nesting of statements (ifs, loops, blocks) the generator reads; see <see cref="MaxExpressionDepth"/>.</summary>
    internal const int MaxStatementDepth = 400;

    private int _statementDepth;

    /// <summary>Whether statements under <paramref name="root"/> nest deeper than <see cref="MaxStatementDepth"/> (an iterative walk).</summary>
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
                // A block is no level of its own (as in ParseStatement: an if's braces are part of the if).
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

    private void ParseStatement(IOperation statement, bool isLast)
    {
        if (_statementDepth >= MaxStatementDepth)
        {
            TooDeep(statement.Syntax, $"statements nested more than {MaxStatementDepth} deep");
            return;
        }

        _statementDepth++;
        ParseStatementAt(statement, isLast);
        _statementDepth--;
    }

    private void ParseStatementAt(IOperation statement, bool isLast)
    {
        switch (statement)
        {
            case IVariableDeclarationGroupOperation group:
                foreach (IVariableDeclarationOperation declaration in group.Declarations)
                {
                    foreach (IVariableDeclaratorOperation declarator in declaration.Declarators)
                    {
                        LocalExpr? local = DeclareLocal(declarator.Symbol, declarator.Syntax);
                        IVariableInitializerOperation? initializer = declarator.Initializer ?? declaration.Initializer;
                        if (local is not null && initializer is not null)
                        {
                            Expr? value = ParseExpression(initializer.Value);
                            if (value is not null)
                            {
                                _statements.Add(new AssignStmt(local, value, Ref(statement.Syntax)));
                            }
                        }
                    }
                }

                break;

            case IExpressionStatementOperation expressionStatement:
                ParseExpressionStatement(expressionStatement.Operation, statement.Syntax);
                break;

            case IReturnOperation { ReturnedValue: { } returned }:
                Expr? result = ParseExpression(returned);
                if (result is not null)
                {
                    _statements.Add(new ReturnStmt(result, Ref(statement.Syntax)));
                }

                break;

            case IReturnOperation when _inlining.Count > 0:
                // A void helper's 'return;' (see Inlining).
                _statements.Add(VoidReturn(statement.Syntax));
                break;

            case IBlockOperation nested:
                ParseBlock(nested, isTopLevel: false);
                break;

            case IEmptyOperation:
                break;

            case IThrowOperation:
                Problem(statement.Syntax, "'throw'", isError: true, why: "a kernel runs on many lanes at once and cannot stop for one of them");
                break;

            case IConditionalOperation conditional:
            {
                Expr? condition = ParseExpression(conditional.Condition);
                EquatableArray<Stmt> then = ParseNested(conditional.WhenTrue);
                EquatableArray<Stmt> otherwise = ParseNested(conditional.WhenFalse);
                if (condition is not null)
                {
                    _statements.Add(new IfStmt(condition, then, otherwise, Ref(statement.Syntax, $"if ({conditional.Condition.Syntax})")));
                }

                break;
            }

            case IWhileLoopOperation loop:
            {
                // A do-while's test moves to the end of its body, which a 'continue' would skip.
                List<Stmt>? before = null;
                Expr? condition = loop.Condition is null ? True(statement.Syntax)
                    : loop.ConditionIsTop || !ContinuesItself(loop) ? ParseLoopCondition(loop.Condition, out before)
                    : ParseUnspliced(loop.Condition);
                EquatableArray<Stmt> body = ParseNested(loop.Body);
                string header = loop.ConditionIsTop ? $"while ({loop.Condition?.Syntax})" : $"do ... while ({loop.Condition?.Syntax})";
                if (condition is not null)
                {
                    _statements.Add(Loop(condition, before, body, EquatableArray<Stmt>.Empty, loop.ConditionIsTop, Ref(statement.Syntax, header)));
                }

                break;
            }

            case IForLoopOperation loop:
            {
                foreach (IOperation initializer in loop.Before)
                {
                    ParseStatement(initializer, isLast: false);
                }

                List<Stmt>? before = null;
                Expr? condition = loop.Condition is null ? True(statement.Syntax) : ParseLoopCondition(loop.Condition, out before);
                EquatableArray<Stmt> body = ParseNested(loop.Body);
                List<Stmt> outer = _statements;
                _statements = new List<Stmt>();

                // A helper's statements in an increment join the increment (they run where it runs, after 'continue' too);
                // in a loop that runs in SIMD steps they stay a call (its inner loops keep uniform control flow).
                int blocked = _laneVariable is null ? 0 : 1;
                _spliceBlocked += blocked;
                foreach (IOperation increment in loop.AtLoopBottom)
                {
                    ParseStatement(increment, isLast: false);
                }

                _spliceBlocked -= blocked;

                EquatableArray<Stmt> increments = _statements.ToEquatableArray();
                _statements = outer;
                string header = statement.Syntax is ForStatementSyntax forSyntax
                    ? $"for ({forSyntax.Declaration?.ToString() ?? string.Join(", ", forSyntax.Initializers)}; {forSyntax.Condition}; {string.Join(", ", forSyntax.Incrementors)})"
                    : "for";
                if (condition is not null)
                {
                    _statements.Add(Loop(condition, before, body, increments, testFirst: true, Ref(statement.Syntax, header)));
                }

                break;
            }

            case ILoopOperation loop:
                Problem(statement.Syntax, $"a '{LoopKeyword(loop)}' loop", isError: false,
                    why: "a [Vectorize] kernel computes one element from scalars; loop with 'for' or 'while' over a count");
                break;

            case IBranchOperation { BranchKind: BranchKind.Break }:
                _statements.Add(new BreakStmt(Ref(statement.Syntax)));
                break;

            case IBranchOperation { BranchKind: BranchKind.Continue }:
                _statements.Add(new ContinueStmt(Ref(statement.Syntax)));
                break;

            case IBranchOperation:
                Problem(statement.Syntax, $"'{statement.Syntax.GetFirstToken().ValueText}'", isError: false,
                    why: "lane masks follow structured control flow only; use if, loops, break, continue and return");
                break;

            case ILocalFunctionOperation:
                Problem(statement.Syntax, "a local function", isError: false);
                break;

            case ITryOperation:
                Problem(statement.Syntax, "'try'", isError: false);
                break;

            default:
                Problem(statement.Syntax, Describe(statement), isError: false);
                break;
        }
    }

    /// <summary>Parses a nested statement (or block) into its own list.</summary>
    private EquatableArray<Stmt> ParseNested(IOperation? operation)
    {
        List<Stmt> outer = _statements;
        _statements = new List<Stmt>();
        if (operation is IBlockOperation block)
        {
            ParseBlock(block, isTopLevel: false);
        }
        else if (operation is not null)
        {
            ParseStatement(operation, isLast: false);
        }

        EquatableArray<Stmt> nested = _statements.ToEquatableArray();
        _statements = outer;
        return nested;
    }

    /// <summary>
    /// A loop's condition; <paramref name="before"/> receives the statements of helpers it calls (null when none, or in a
    /// loop that runs in SIMD steps, where such a call stays a call).
    /// </summary>
    private Expr? ParseLoopCondition(IOperation condition, out List<Stmt>? before)
    {
        before = null;
        if (_laneVariable is not null)
        {
            return ParseUnspliced(condition);
        }

        List<Stmt> outer = _statements;
        _statements = new List<Stmt>();
        Expr? parsed = ParseExpression(condition);
        if (_statements.Count > 0)
        {
            before = _statements;
        }

        _statements = outer;
        return parsed;
    }

    /// <summary>
    /// The loop; with <paramref name="before"/> (a helper's statements that compute the condition, which must run on every
    /// test) the test becomes statements of the body: <c>while (true) { before; if (!condition) break; body }</c>, at the
    /// end of a do-while's body. A <c>continue</c> still reaches the test: through the increment to the top, or (a
    /// do-while) never, as the caller checks.
    /// </summary>
    private static LoopStmt Loop(Expr condition, List<Stmt>? before, EquatableArray<Stmt> body, EquatableArray<Stmt> increments, bool testFirst, SourceRef source)
    {
        if (before is null)
        {
            return new LoopStmt(condition, body, increments, testFirst, source);
        }

        SourceRef test = source with { Text = $"{source.Text}: lanes whose condition fails leave the loop" };
        var statements = new List<Stmt>(before)
        {
            new IfStmt(new UnaryExpr(UnaryOp.LogicalNot, condition, ElementType.Bool, condition.Source), new EquatableArray<Stmt>(new Stmt[] { new BreakStmt(test) }), EquatableArray<Stmt>.Empty, test),
        };
        EquatableArray<Stmt> withTest = (testFirst ? statements.Concat(body) : body.Concat(statements)).ToEquatableArray();
        return new LoopStmt(new ConstantExpr("true", ElementType.Bool, source with { Text = "true" }), withTest, increments, testFirst, source);
    }

    /// <summary>Whether a <c>continue</c> in <paramref name="loop"/>'s body continues this loop (not a nested one).</summary>
    private static bool ContinuesItself(ILoopOperation loop) =>
        loop.Body.Descendants().OfType<IBranchOperation>().Any(b => b.BranchKind == BranchKind.Continue && SymbolEqualityComparer.Default.Equals(b.Target, loop.ContinueLabel));

    private ConstantExpr True(SyntaxNode syntax) => new("true", ElementType.Bool, Ref(syntax, "true"));

    private void ParseExpressionStatement(IOperation operation, SyntaxNode statementSyntax)
    {
        if (TryParseLoopStatement(operation, statementSyntax))
        {
            return;
        }

        switch (operation)
        {
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation or IParameterReferenceOperation } assignment:
            {
                IOperation target = assignment.Target;
                LocalExpr? local = LocalOf(target);
                Expr? value = ParseExpression(assignment.Value);
                if (local is not null && value is not null)
                {
                    _statements.Add(new AssignStmt(local, value, Ref(statementSyntax)));
                }

                return;
            }

            case ICompoundAssignmentOperation { Target: ILocalReferenceOperation or IParameterReferenceOperation } compound:
            {
                IOperation target = compound.Target;
                LocalExpr? local = LocalOf(target);
                if (local is not null && Compound(compound, local with { Source = Ref(target.Syntax) }) is { } combined)
                {
                    _statements.Add(new AssignStmt(local, combined, Ref(statementSyntax)));
                }

                return;
            }

            case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation or IParameterReferenceOperation } increment:
            {
                IOperation target = increment.Target;
                LocalExpr? local = LocalOf(target);
                if (local is not null && Increment(increment, local with { Source = Ref(target.Syntax) }) is { } combined)
                {
                    _statements.Add(new AssignStmt(local, combined, Ref(statementSyntax)));
                }

                return;
            }

            case IInvocationOperation invocation when TryParseCallStatement(invocation):
                return;

            case IDeconstructionAssignmentOperation deconstruction:
                ParseDeconstruction(deconstruction);
                return;

            case IInvocationOperation or IThrowOperation:
                Problem(operation.Syntax, operation is IThrowOperation ? "'throw'" : "a call whose result is discarded", isError: operation is IThrowOperation,
                    why: operation is IThrowOperation ? "a kernel runs on many lanes at once and cannot stop for one of them" : null);
                return;

            default:
                Problem(operation.Syntax, Describe(operation), isError: false);
                return;
        }
    }

    /// <summary><c>target op= value</c> is <c>target = (T)((U)target op value)</c>: converted in to the operator's type and back.</summary>
    private Expr? Compound(ICompoundAssignmentOperation compound, Expr current)
    {
        IOperation operation = compound;
        Expr? value = ParseExpression(compound.Value);
        if (value is null)
        {
            return null;
        }

        if (compound.OperatorMethod is not null || compound.IsChecked)
        {
            Problem(operation.Syntax, compound.IsChecked ? "checked arithmetic" : "a user-defined operator", isError: compound.IsChecked);
            return null;
        }

        BinaryOp? op = MapBinary(compound.OperatorKind);
        if (op is null)
        {
            Problem(operation.Syntax, Describe(operation), isError: false);
            return null;
        }

        // The operator works in C#'s promoted type: of the target alone for shifts, of both sides otherwise.
        bool isShift = op is BinaryOp.LeftShift or BinaryOp.RightShift or BinaryOp.UnsignedRightShift;
        ElementType operatorType = isShift ? Promote(current.Type, current.Type) : Promote(current.Type, value.Type);
        Expr? left = Convert(current, operatorType, operation.Syntax);
        if (!isShift)
        {
            value = Convert(value, operatorType, operation.Syntax);
        }

        if (left is null || value is null)
        {
            return null;
        }

        ElementType resultType = IsComparison(op.Value) ? ElementType.Bool : left.Type;
        return Convert(new BinaryExpr(op.Value, left, value, resultType, Ref(operation.Syntax)), current.Type, operation.Syntax);
    }

    /// <summary><c>target++</c> is <c>target = (T)(target + 1)</c> in the promoted type (int for the small integer types).</summary>
    private Expr? Increment(IIncrementOrDecrementOperation increment, Expr current)
    {
        IOperation operation = increment;
        if (increment.OperatorMethod is not null || increment.IsChecked)
        {
            Problem(operation.Syntax, increment.IsChecked ? "checked arithmetic" : "a user-defined operator", isError: increment.IsChecked);
            return null;
        }

        ElementType arithmeticType = current.Type.Size() < 4 && current.Type.IsInteger() ? ElementType.Int32 : current.Type;
        Expr left = current.Type == arithmeticType ? current : new ConversionExpr(current, arithmeticType, current.Source);
        var one = new ConstantExpr(ConstantLiteral.Format(1, arithmeticType), arithmeticType, Ref(operation.Syntax));
        BinaryOp op = increment.Kind == OperationKind.Increment ? BinaryOp.Add : BinaryOp.Subtract;
        return Convert(new BinaryExpr(op, left, one, arithmeticType, Ref(operation.Syntax)), current.Type, operation.Syntax);
    }

    /// <summary>The deepest nesting of expressions the generator reads (a longer sum or deeper ?: runs scalar).</summary>
    /// <remarks>
    /// Every phase walks expressions recursively; this keeps their depth, and so their stack, bounded on the 1 MB
    /// stacks of IDE threads, where an overflow would take the IDE down. Roslyn parses a sum of n terms as a
    /// left-deep tree n deep.
    /// </remarks>
    internal const int MaxExpressionDepth = 1200;

    private int _expressionDepth;

    /// <summary>
    /// Reads one expression. Kept small, with each recursive kind in a method of its own: the recursion's depth is
    /// the expression's, and a large frame per level would overflow the stack long before the depth limit.
    /// </summary>
    private Expr? ParseExpression(IOperation operation)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (TryParseLeaf(operation, out ElementType type, out Expr? leaf))
        {
            return leaf;
        }

        if (_expressionDepth >= MaxExpressionDepth)
        {
            TooDeep(operation.Syntax, $"an expression nested more than {MaxExpressionDepth} deep");
            return null;
        }

        _expressionDepth++;
        Expr? result = operation switch
        {
            IBinaryOperation binary => ParseBinary(binary, type),
            IConversionOperation conversion => ParseConversion(conversion, type),
            IUnaryOperation unary => ParseUnary(unary, type),
            IConditionalOperation { WhenFalse: not null, IsRef: false } conditional => ParseConditional(conditional, type),
            IInvocationOperation invocation => ParseInvocation(invocation, type),
            _ => ParseOther(operation, type),
        };
        _expressionDepth--;
        return result;
    }

    private bool TryParseLeaf(IOperation operation, out ElementType type, out Expr? result)
    {
        result = null;
        type = default;

        if (operation.ConstantValue.HasValue && operation.Type is not null
            && ElementTypeFacts.TryFromSpecialType(operation.Type.SpecialType, out ElementType constantType)
            && operation.ConstantValue.Value is not null)
        {
            result = new ConstantExpr(ConstantLiteral.Format(operation.ConstantValue.Value, constantType), constantType, Ref(operation.Syntax));
            return true;
        }

        if (operation is IThrowOperation)
        {
            Problem(operation.Syntax, "a throw expression", isError: true, why: "a kernel runs on many lanes at once and cannot stop for one of them; return a sentinel value (e.g. NaN) instead");
            return true;
        }

        if (operation.Type is null || !ElementTypeFacts.TryFromSpecialType(operation.Type.SpecialType, out type))
        {
            Problem(operation.Syntax, $"{Describe(operation)} of type '{operation.Type?.ToDisplayString() ?? "?"}'", isError: false);
            return true;
        }

        return TryParseLoopOperand(operation, type, out result);
    }

    /// <summary>The expressions that do not nest (references, fields...) and those outside the model.</summary>
    private Expr? ParseOther(IOperation operation, ElementType type)
    {
        switch (operation)
        {
            case IParameterReferenceOperation parameter when _substitutions.TryGetValue(parameter.Parameter, out Expr? argument):
                return argument;

            case IParameterReferenceOperation parameter when _assignedParameters.TryGetValue(parameter.Parameter.Ordinal, out LocalExpr? shadow):
                return shadow with { Source = Ref(operation.Syntax) };

            case IParameterReferenceOperation parameter when SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, _kernel):
                return new ParameterExpr(parameter.Parameter.Ordinal, CSharpName.Escape(parameter.Parameter.Name), type, Ref(operation.Syntax));

            case ILocalReferenceOperation local:
                return LocalOf(local) is { } localExpr ? localExpr with { Source = Ref(operation.Syntax) } : null;

            case IFieldReferenceOperation field:
                Problem(operation.Syntax, $"reading the field '{field.Field.Name}'", isError: false,
                    why: "a kernel sees only its parameters; pass the value as a (uniform) parameter");
                return null;

            case IArrayElementReferenceOperation:
                Problem(operation.Syntax, "an array element access", isError: false,
                    why: "a [Vectorize] kernel computes one element from scalars; pass the element as a span parameter");
                return null;

            case IThrowOperation:
                Problem(operation.Syntax, "a throw expression", isError: true, why: "a kernel runs on many lanes at once and cannot stop for one of them");
                return null;

            default:
                Problem(operation.Syntax, Describe(operation), isError: false);
                return null;
        }
    }

    private Expr? ParseConversion(IConversionOperation conversion, ElementType type)
    {
        IOperation operation = conversion;
        if (conversion.OperatorMethod is not null)
        {
            Problem(operation.Syntax, "a user-defined conversion", isError: false);
            return null;
        }

        if (conversion.IsChecked && CanOverflow(conversion.Operand.Type, type))
        {
            Problem(operation.Syntax, "a checked conversion", isError: true, why: "SIMD conversions wrap or saturate as unchecked C# does; there is no per-lane overflow trap");
            return null;
        }

        Expr? operand = ParseExpression(conversion.Operand);
        return operand is null ? null : Convert(operand, type, operation.Syntax);
    }

    private Expr? ParseUnary(IUnaryOperation unary, ElementType type)
    {
        IOperation operation = unary;
        if (unary.OperatorMethod is not null || unary.IsChecked)
        {
            Problem(operation.Syntax, unary.IsChecked ? "checked arithmetic" : "a user-defined operator", isError: unary.IsChecked,
                why: unary.IsChecked ? "SIMD arithmetic wraps as unchecked C# does; there is no per-lane overflow trap" : null);
            return null;
        }

        UnaryOp? op = unary.OperatorKind switch
        {
            UnaryOperatorKind.Plus => UnaryOp.Plus,
            UnaryOperatorKind.Minus => UnaryOp.Negate,
            UnaryOperatorKind.BitwiseNegation => UnaryOp.BitwiseNot,
            UnaryOperatorKind.Not => UnaryOp.LogicalNot,
            _ => null,
        };
        Expr? operand = ParseExpression(unary.Operand);
        if (op is null)
        {
            Problem(operation.Syntax, Describe(operation), isError: false);
            return null;
        }

        return operand is null ? null : new UnaryExpr(op.Value, operand, type, Ref(operation.Syntax));
    }

    private Expr? ParseBinary(IBinaryOperation binary, ElementType type)
    {
        IOperation operation = binary;
        if (binary.OperatorMethod is not null || binary.IsChecked)
        {
            Problem(operation.Syntax, binary.IsChecked ? "checked arithmetic" : "a user-defined operator", isError: binary.IsChecked,
                why: binary.IsChecked ? "SIMD arithmetic wraps as unchecked C# does; there is no per-lane overflow trap" : null);
            return null;
        }

        Expr? left = ParseExpression(binary.LeftOperand);
        Expr? right;
        if (binary.OperatorKind is BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr)
        {
            // The right side runs only where the left is true (&&) or false (||): so do a helper's statements in it.
            var guard = new Guard(left ?? True(binary.Syntax));
            _guards.Add((guard, binary.OperatorKind == BinaryOperatorKind.ConditionalAnd));
            right = ParseExpression(binary.RightOperand);
            _guards.RemoveAt(_guards.Count - 1);
            left = left is null ? null : guard.Hoisted ?? left;
        }
        else
        {
            right = ParseExpression(binary.RightOperand);
        }

        BinaryOp? op = MapBinary(binary.OperatorKind);
        if (op is null)
        {
            Problem(operation.Syntax, Describe(operation), isError: false);
            return null;
        }

        return left is null || right is null ? null : new BinaryExpr(op.Value, left, right, type, Ref(operation.Syntax));
    }

    private Expr? ParseConditional(IConditionalOperation conditional, ElementType type)
    {
        IOperation operation = conditional;
        Expr? condition = ParseExpression(conditional.Condition);

        // Each branch runs only where C# evaluates it: so do the statements of a helper called in it.
        var guard = new Guard(condition ?? True(conditional.Syntax));
        _guards.Add((guard, true));
        Expr? whenTrue = ParseExpression(conditional.WhenTrue);
        _guards[_guards.Count - 1] = (guard, false);
        Expr? whenFalse = ParseExpression(conditional.WhenFalse!);
        _guards.RemoveAt(_guards.Count - 1);
        condition = condition is null ? null : guard.Hoisted ?? condition;
        return condition is null || whenTrue is null || whenFalse is null
            ? null
            : new ConditionalExpr(condition, whenTrue, whenFalse, type, Ref(operation.Syntax));
    }

    private Expr? ParseInvocation(IInvocationOperation invocation, ElementType type)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (!method.IsStatic || method.IsGenericMethod)
        {
            Problem(invocation.Syntax, $"a call to {(method.IsStatic ? "the generic method" : "the instance method")} '{method.Name}'", isError: false);
            return null;
        }

        // (By-value arguments parsed; ref, out and in arguments as the kernel's locals: see Inlining.)
        List<Expr>? arguments = ParseArguments(invocation, out bool writesArguments);
        if (arguments is null)
        {
            return null;
        }

        string containing = method.ContainingType.ToDisplayString();
        MathFunction function = MathTable.Recognize(containing, method.Name, arguments.Count)?.Function ?? MathFunction.None;
        string? notInlined = null;
        if (function == MathFunction.None && TryInline(method, arguments, invocation.Syntax, out notInlined) is { } inlined)
        {
            return inlined;
        }

        if (writesArguments)
        {
            NotInlinedByReference(invocation, method, notInlined, discarded: false);
            return null;
        }

        string qualifiedName = method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + method.Name;
        return new CallExpr(function, qualifiedName, arguments.ToEquatableArray(), type, Ref(invocation.Syntax)) { NotInlined = notInlined };
    }

    private Expr? Convert(Expr operand, ElementType type, SyntaxNode syntax)
    {
        if (operand.Type == type)
        {
            return operand;
        }

        if (operand.Type == ElementType.Bool || type == ElementType.Bool)
        {
            Problem(syntax, "a conversion between bool and a number", isError: false);
            return null;
        }

        return new ConversionExpr(operand, type, Ref(syntax));
    }

    /// <summary>Whether a checked conversion could throw: float targets never do; integer targets unless the range fits.</summary>
    private static bool CanOverflow(ITypeSymbol? source, ElementType target)
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

    private LocalExpr? DeclareLocal(ILocalSymbol symbol, SyntaxNode syntax)
    {
        if (!ElementTypeFacts.TryFromSpecialType(symbol.Type.SpecialType, out ElementType type) || symbol.IsRef)
        {
            Problem(syntax, $"the local '{symbol.Name}' of type '{symbol.Type.ToDisplayString()}'", isError: false);
            return null;
        }

        var local = new LocalExpr(_nextLocalId++, CSharpName.Escape(symbol.Name), type, Ref(syntax));
        _locals[symbol] = local;
        return local;
    }

    private LocalExpr? LocalOf(IOperation reference) => reference switch
    {
        ILocalReferenceOperation local => _locals.TryGetValue(local.Local, out LocalExpr? existing) ? existing : DeclareLocal(local.Local, local.Syntax),
        // An inlined helper's parameter it assigns to is a fresh local (BindArguments).
        IParameterReferenceOperation parameter when _substitutions.TryGetValue(parameter.Parameter, out Expr? bound) => bound as LocalExpr,
        IParameterReferenceOperation parameter => _assignedParameters.TryGetValue(parameter.Parameter.Ordinal, out LocalExpr? shadow) ? shadow : null,
        _ => null,
    };

    private static BinaryOp? MapBinary(BinaryOperatorKind kind) => kind switch
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

    internal static bool IsComparison(BinaryOp op) =>
        op is BinaryOp.Equals or BinaryOp.NotEquals or BinaryOp.LessThan or BinaryOp.LessThanOrEqual or BinaryOp.GreaterThan or BinaryOp.GreaterThanOrEqual;

    private static string LoopKeyword(ILoopOperation loop) => loop.LoopKind switch
    {
        LoopKind.While => ((IWhileLoopOperation)loop).ConditionIsTop ? "while" : "do",
        LoopKind.For => "for",
        LoopKind.ForEach => "foreach",
        _ => "loop",
    };

    private static string Describe(IOperation operation) => operation switch
    {
        IObjectCreationOperation or IArrayCreationOperation or IAnonymousObjectCreationOperation => "an allocation",
        IInterpolatedStringOperation => "a string",
        ILiteralOperation { Type.SpecialType: SpecialType.System_String } => "a string",
        IDynamicInvocationOperation or IDynamicMemberReferenceOperation or IDynamicIndexerAccessOperation => "a 'dynamic' operation",
        IPropertyReferenceOperation property => $"the property '{property.Property.Name}'",
        IAssignmentOperation => "an assignment used as a value",
        IIncrementOrDecrementOperation => "an increment used as a value",
        ILockOperation => "'lock'",
        IUsingOperation => "'using'",
        ISwitchOperation or ISwitchExpressionOperation => "'switch'",
        IIsPatternOperation or IIsTypeOperation => "a type or pattern test",
        _ => $"'{Shorten(operation.Syntax.ToString())}'",
    };

    /// <summary>Nesting beyond the generator's limits: the kernel runs scalar, as written, and the diagnostic says why.</summary>
    private void TooDeep(SyntaxNode syntax, string construct) =>
        Problem(syntax, construct, isError: false,
            why: "the generator reads kernels nested up to its limit, so that it cannot exhaust the compiler's stack; split the expression with locals or the nesting into helper kernels");

    private void Problem(SyntaxNode syntax, string construct, bool isError, string? why = null)
    {
        _firstProblem ??= $"{construct} on line {KernelLines.Of(syntax)} of the kernel";
        if (_report is null)
        {
            return;
        }

        Location location = syntax.GetLocation();
        if (isError)
        {
            _report(DiagnosticDescriptors.ForbiddenInKernel, location, construct, why ?? "it has no SIMD equivalent");
        }
        else
        {
            string detail = why is null ? "" : " (" + why + ")";
            _report(DiagnosticDescriptors.KernelRunsScalar, location, _kernel.Name, construct, detail);
        }
    }

    private SourceRef Ref(SyntaxNode syntax, string? text = null)
    {
        // Every expression node gets a SourceRef: reading only the first characters of its text keeps the parse
        // linear (a node's whole text, at every level of a long sum, is quadratic).
        string shown = text is not null ? Shorten(text) : Shorten(syntax.SyntaxTree.GetText(_cancellationToken), syntax.Span);
        if (syntax.SyntaxTree != _tree && _callSite is not null)
        {
            // A helper's code from another file: diagnostics point into the kernel's file, so at the call.
            return new SourceRef(_callSite.Span.Start, _callSite.Span.Length, KernelLines.Of(syntax), shown);
        }

        return new SourceRef(syntax.Span.Start, syntax.Span.Length, KernelLines.Of(syntax), shown);
    }

    private const int ShownLength = 100;

    /// <summary>The text on one line, each line trimmed, cut to <see cref="ShownLength"/> characters with "...".</summary>
    internal static string Shorten(string text) => Shorten(Microsoft.CodeAnalysis.Text.SourceText.From(text), new Microsoft.CodeAnalysis.Text.TextSpan(0, text.Length));

    /// <summary>
    /// <see cref="Shorten(string)"/> of a span of <paramref name="text"/>, reading no further than the characters it keeps:
    /// lines are joined by one space, each trimmed, blank lines kept as empty words.
    /// </summary>
    internal static string Shorten(Microsoft.CodeAnalysis.Text.SourceText text, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        var shown = new System.Text.StringBuilder();
        var pending = new System.Text.StringBuilder();
        bool inLine = false, lineHasText = false, anyLine = false;
        for (int i = span.Start; i < span.End && shown.Length <= ShownLength; i++)
        {
            char c = text[i];
            if (c is '\r' or '\n')
            {
                inLine = false;
                continue;
            }

            if (!inLine)
            {
                // A new (non-empty) line: joined by one space, its leading white space dropped.
                shown.Append(anyLine ? " " : "");
                inLine = anyLine = true;
                lineHasText = false;
                pending.Clear();
            }

            if (char.IsWhiteSpace(c))
            {
                // Kept only if the line goes on (trailing white space is trimmed).
                if (lineHasText)
                {
                    pending.Append(c);
                }

                continue;
            }

            shown.Append(pending);
            pending.Clear();
            shown.Append(c);
            lineHasText = true;
        }

        return shown.Length <= ShownLength ? shown.ToString() : shown.ToString(0, ShownLength - 3) + "...";
    }
}

/// <summary>Formats constants as C# literals of their element type, culture-invariant and round-trippable.</summary>
internal static class ConstantLiteral
{
    public static string Format(object value, ElementType type)
    {
        IFormatProvider invariant = CultureInfo.InvariantCulture;
        switch (type)
        {
            case ElementType.Bool:
                return (bool)value ? "true" : "false";
            case ElementType.Double:
            {
                double d = System.Convert.ToDouble(value, invariant);
                if (double.IsNaN(d)) return "double.NaN";
                if (double.IsPositiveInfinity(d)) return "double.PositiveInfinity";
                if (double.IsNegativeInfinity(d)) return "double.NegativeInfinity";
                if (d == 0 && BitConverter.DoubleToInt64Bits(d) != 0) return "-0.0d";
                return d.ToString("R", invariant) + "d";
            }

            case ElementType.Single:
            {
                float f = System.Convert.ToSingle(value, invariant);
                if (float.IsNaN(f)) return "float.NaN";
                if (float.IsPositiveInfinity(f)) return "float.PositiveInfinity";
                if (float.IsNegativeInfinity(f)) return "float.NegativeInfinity";
                if (f == 0 && BitConverter.DoubleToInt64Bits(f) != 0) return "-0.0f";
                return f.ToString("R", invariant) + "f";
            }

            case ElementType.Int32:
            {
                int i = System.Convert.ToInt32(value, invariant);
                return i == int.MinValue ? "int.MinValue" : i.ToString(invariant);
            }

            case ElementType.UInt32:
                return System.Convert.ToUInt32(value, invariant).ToString(invariant) + "U";
            case ElementType.Int64:
            {
                long l = System.Convert.ToInt64(value, invariant);
                return l == long.MinValue ? "long.MinValue" : l.ToString(invariant) + "L";
            }

            case ElementType.UInt64:
                return System.Convert.ToUInt64(value, invariant).ToString(invariant) + "UL";
            default:
                return "(" + type.Keyword() + ")" + System.Convert.ToInt64(value, invariant).ToString(invariant);
        }
    }
}
