using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// Reads a kernel's expressions: constants, parameters and locals (a helper's parameters are its arguments), operators
/// and conversions as C# types them (<see cref="CSharpOperators"/>), <c>?:</c>, calls (a Math function through
/// <see cref="MathTable"/>, a helper inlined by <see cref="KernelBodyParser"/>, anything else a call run per lane), and
/// in a <c>[Parallel]</c> loop's body the loop variable, values from outside the loop and element reads
/// (<see cref="LoopBodyScope"/>). Assignment operators are read here too (<see cref="Compound"/>, <see cref="Increment"/>):
/// their value is an expression, which the statement parsers store. Statements are read by <see cref="StatementParser"/>
/// and <see cref="LoopBodyStatements"/>, which call <see cref="Parse"/>; nothing here calls them, except through
/// inlining.
/// </summary>
internal sealed class ExpressionParser(KernelBodyParser parse, LoopBodyScope? loopBody)
{
    private int _expressionDepth;

    /// <summary>
    /// Reads one expression. Kept small, with each recursive kind in a method of its own: the recursion's depth is
    /// the expression's, and a large frame per level would overflow the stack long before the depth limit.
    /// </summary>
    public Expr? Parse(IOperation operation)
    {
        parse.CancellationToken.ThrowIfCancellationRequested();
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (TryParseLeaf(operation, out ElementType type, out Expr? leaf))
        {
            return leaf;
        }

        if (_expressionDepth >= NestingLimits.MaxExpressionDepth)
        {
            parse.TooDeep(operation.Syntax, $"an expression nested more than {NestingLimits.MaxExpressionDepth} deep");
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
            result = new ConstantExpr(ConstantLiteral.Format(operation.ConstantValue.Value, constantType), constantType, parse.Ref(operation.Syntax));
            return true;
        }

        if (operation is IThrowOperation)
        {
            parse.Problem(operation.Syntax, "a throw expression", isError: true, why: "a kernel runs on many lanes at once and cannot stop for one of them; return a sentinel value (e.g. NaN) instead");
            return true;
        }

        if (operation.Type is null || !ElementTypeFacts.TryFromSpecialType(operation.Type.SpecialType, out type))
        {
            parse.Problem(operation.Syntax, $"{SourceSnippet.Describe(operation)} of type '{operation.Type?.ToDisplayString() ?? "?"}'", isError: false);
            return true;
        }

        return TryParseLoopOperand(operation, type, out result);
    }

    /// <summary>The expressions that do not nest (references, fields...) and those outside the model.</summary>
    private Expr? ParseOther(IOperation operation, ElementType type)
    {
        switch (operation)
        {
            case IParameterReferenceOperation parameter when parse.Substitutions.TryGetValue(parameter.Parameter, out Expr? argument):
                return argument;

            case IParameterReferenceOperation parameter when parse.ParameterLocals.TryGetValue(parameter.Parameter.Ordinal, out LocalExpr? shadow):
                return shadow with { Source = parse.Ref(operation.Syntax) };

            case IParameterReferenceOperation parameter when SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, parse.Kernel):
                return new ParameterExpr(parameter.Parameter.Ordinal, CSharpName.Escape(parameter.Parameter.Name), type, parse.Ref(operation.Syntax));

            case ILocalReferenceOperation local:
                return parse.LocalOf(local) is { } localExpr ? localExpr with { Source = parse.Ref(operation.Syntax) } : null;

            case IFieldReferenceOperation field:
                parse.Problem(operation.Syntax, $"reading the field '{field.Field.Name}'", isError: false,
                    why: "a kernel sees only its parameters; pass the value as a (uniform) parameter");
                return null;

            case IArrayElementReferenceOperation:
                parse.Problem(operation.Syntax, "an array element access", isError: false,
                    why: "a [Vectorize] kernel computes one element from scalars; pass the element as a span parameter");
                return null;

            case IThrowOperation:
                parse.Problem(operation.Syntax, "a throw expression", isError: true, why: "a kernel runs on many lanes at once and cannot stop for one of them");
                return null;

            default:
                parse.Problem(operation.Syntax, SourceSnippet.Describe(operation), isError: false);
                return null;
        }
    }

    private Expr? ParseConversion(IConversionOperation conversion, ElementType type)
    {
        IOperation operation = conversion;
        if (conversion.OperatorMethod is not null)
        {
            parse.Problem(operation.Syntax, "a user-defined conversion", isError: false);
            return null;
        }

        if (conversion.IsChecked && CSharpOperators.CanOverflow(conversion.Operand.Type, type))
        {
            parse.Problem(operation.Syntax, "a checked conversion", isError: true, why: "SIMD conversions wrap or saturate as unchecked C# does; there is no per-lane overflow trap");
            return null;
        }

        Expr? operand = Parse(conversion.Operand);
        return operand is null ? null : Convert(operand, type, operation.Syntax);
    }

    /// <summary>A user-defined or checked operator: refused (checked arithmetic is SG0201, the rest SG0102).</summary>
    private bool RefusedOperator(IOperation operation, IMethodSymbol? operatorMethod, bool isChecked)
    {
        if (operatorMethod is null && !isChecked)
        {
            return false;
        }

        parse.Problem(operation.Syntax, isChecked ? "checked arithmetic" : "a user-defined operator", isError: isChecked,
            why: isChecked ? "SIMD arithmetic wraps as unchecked C# does; there is no per-lane overflow trap" : null);
        return true;
    }

    private Expr? ParseUnary(IUnaryOperation unary, ElementType type)
    {
        IOperation operation = unary;
        if (RefusedOperator(operation, unary.OperatorMethod, unary.IsChecked))
        {
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
        Expr? operand = Parse(unary.Operand);
        if (op is null)
        {
            parse.Problem(operation.Syntax, SourceSnippet.Describe(operation), isError: false);
            return null;
        }

        return operand is null ? null : new UnaryExpr(op.Value, operand, type, parse.Ref(operation.Syntax));
    }

    private Expr? ParseBinary(IBinaryOperation binary, ElementType type)
    {
        IOperation operation = binary;
        if (RefusedOperator(operation, binary.OperatorMethod, binary.IsChecked))
        {
            return null;
        }

        Expr? left = Parse(binary.LeftOperand);
        Expr? right;
        if (binary.OperatorKind is BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr)
        {
            // The right side runs only where the left is true (&&) or false (||): so do a helper's statements in it.
            parse.EnterBranch(left ?? True(binary.Syntax), whenTrue: binary.OperatorKind == BinaryOperatorKind.ConditionalAnd);
            right = Parse(binary.RightOperand);
            LocalExpr? hoisted = parse.LeaveBranch();
            left = left is null ? null : hoisted ?? left;
        }
        else
        {
            right = Parse(binary.RightOperand);
        }

        BinaryOp? op = CSharpOperators.MapBinary(binary.OperatorKind);
        if (op is null)
        {
            parse.Problem(operation.Syntax, SourceSnippet.Describe(operation), isError: false);
            return null;
        }

        return left is null || right is null ? null : new BinaryExpr(op.Value, left, right, type, parse.Ref(operation.Syntax));
    }

    private Expr? ParseConditional(IConditionalOperation conditional, ElementType type)
    {
        IOperation operation = conditional;
        Expr? condition = Parse(conditional.Condition);

        // Each branch runs only where C# evaluates it: so do the statements of a helper called in it.
        parse.EnterBranch(condition ?? True(conditional.Syntax), whenTrue: true);
        Expr? whenTrue = Parse(conditional.WhenTrue);
        parse.EnterElseBranch();
        Expr? whenFalse = Parse(conditional.WhenFalse!);
        LocalExpr? hoisted = parse.LeaveBranch();
        condition = condition is null ? null : hoisted ?? condition;
        return condition is null || whenTrue is null || whenFalse is null
            ? null
            : new ConditionalExpr(condition, whenTrue, whenFalse, type, parse.Ref(operation.Syntax));
    }

    private Expr? ParseInvocation(IInvocationOperation invocation, ElementType type)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (!method.IsStatic || method.IsGenericMethod)
        {
            parse.Problem(invocation.Syntax, $"a call to {(method.IsStatic ? "the generic method" : "the instance method")} '{method.Name}'", isError: false);
            return null;
        }

        // (By-value arguments parsed; ref, out and in arguments as the kernel's locals: see Inlining.)
        List<Expr>? arguments = parse.ParseArguments(invocation, out bool writesArguments);
        if (arguments is null)
        {
            return null;
        }

        string containing = method.ContainingType.ToDisplayString();
        MathFunction function = MathTable.Recognize(containing, method.Name, arguments.Count)?.Function ?? MathFunction.None;
        string? notInlined = null;
        if (function == MathFunction.None && parse.TryInline(method, arguments, invocation.Syntax, out notInlined) is { } inlined)
        {
            return inlined;
        }

        if (writesArguments)
        {
            parse.NotInlinedByReference(invocation, method, notInlined, discarded: false);
            return null;
        }

        string qualifiedName = method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + method.Name;
        return new CallExpr(function, qualifiedName, arguments.ToEquatableArray(), type, parse.Ref(invocation.Syntax)) { NotInlined = notInlined };
    }

    /// <summary>In a <c>[Parallel]</c> loop body: the loop variable, values from outside and element reads. False for anything else.</summary>
    private bool TryParseLoopOperand(IOperation operation, ElementType type, out Expr? result)
    {
        result = null;
        if (loopBody is null)
        {
            return false;
        }

        if (operation is ILocalReferenceOperation lane && loopBody.IsLaneVariable(lane.Local))
        {
            result = new LaneIndexExpr(CSharpName.Escape(lane.Local.Name), type, parse.Ref(operation.Syntax));
            return true;
        }

        if (loopBody.IsOuterVariable(operation, out ISymbol outer))
        {
            result = new ParameterExpr(loopBody.OuterValue(outer, type), CSharpName.Escape(outer.Name), type, parse.Ref(operation.Syntax));
            return true;
        }

        if (ElementAccess(operation, out IOperation? bufferReference, out IOperation? indexOperation, out IOperation? rowOperation))
        {
            result = Load(operation, bufferReference!, indexOperation!, rowOperation, type, stored: false);
            return true;
        }

        if (operation is IArrayElementReferenceOperation { Indices.Length: > 2 })
        {
            parse.Problem(operation.Syntax, $"the element access '{operation.Syntax}' of a multi-dimensional array", isError: false,
                why: "SIMD loops read and write spans and one-dimensional arrays; index a T[] or a span with row * width + x");
            return true;
        }

        return false;
    }

    /// <summary><c>span[i]</c>, <c>array[i]</c>, or <c>array[row, i]</c> (<paramref name="row"/> is null for one index).</summary>
    public static bool ElementAccess(IOperation operation, out IOperation? buffer, out IOperation? index, out IOperation? row)
    {
        (buffer, index, row) = operation switch
        {
            IArrayElementReferenceOperation { Indices.Length: 1 } element => (element.ArrayReference, element.Indices[0], null),
            IArrayElementReferenceOperation { Indices.Length: 2 } element => (element.ArrayReference, element.Indices[1], element.Indices[0]),
            IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } instance } indexer
                when indexer.Property.ContainingType is { Name: "Span" or "ReadOnlySpan" } span && span.ContainingNamespace?.ToDisplayString() == "System"
                => (instance, indexer.Arguments[0].Value, null),
            _ => ((IOperation?)null, (IOperation?)null, (IOperation?)null),
        };
        return buffer is not null;
    }

    /// <summary>An element read in a loop body (<paramref name="stored"/>: the element is also written).</summary>
    public LoadExpr? Load(IOperation access, IOperation bufferReference, IOperation indexOperation, IOperation? rowOperation, ElementType type, bool stored)
    {
        int? buffer = loopBody!.Buffer(bufferReference, type, stored);
        Expr? row = rowOperation is null ? null : Parse(rowOperation);
        Expr? index = Parse(indexOperation);
        return buffer is null || index is null || (rowOperation is not null && row is null)
            ? null
            : new LoadExpr(buffer.Value, loopBody.Buffers[buffer.Value].Name, index, type, parse.Ref(access.Syntax)) { Row = row };
    }

    /// <summary><paramref name="operand"/> as <paramref name="type"/>: a conversion where the types differ; null (and a problem) between bool and a number.</summary>
    public Expr? Convert(Expr operand, ElementType type, SyntaxNode syntax)
    {
        if (operand.Type == type)
        {
            return operand;
        }

        if (operand.Type == ElementType.Bool || type == ElementType.Bool)
        {
            parse.Problem(syntax, "a conversion between bool and a number", isError: false);
            return null;
        }

        return new ConversionExpr(operand, type, parse.Ref(syntax));
    }

    /// <summary><c>target op= value</c> is <c>target = (T)((U)target op value)</c>: converted in to the operator's type and back.</summary>
    public Expr? Compound(ICompoundAssignmentOperation compound, Expr current)
    {
        IOperation operation = compound;
        Expr? value = Parse(compound.Value);
        if (value is null)
        {
            return null;
        }

        if (compound.OperatorMethod is not null || compound.IsChecked)
        {
            parse.Problem(operation.Syntax, compound.IsChecked ? "checked arithmetic" : "a user-defined operator", isError: compound.IsChecked);
            return null;
        }

        BinaryOp? op = CSharpOperators.MapBinary(compound.OperatorKind);
        if (op is null)
        {
            parse.Problem(operation.Syntax, SourceSnippet.Describe(operation), isError: false);
            return null;
        }

        // The operator works in C#'s promoted type: of the target alone for shifts, of both sides otherwise.
        bool isShift = op is BinaryOp.LeftShift or BinaryOp.RightShift or BinaryOp.UnsignedRightShift;
        ElementType operatorType = isShift ? CSharpOperators.Promote(current.Type, current.Type) : CSharpOperators.Promote(current.Type, value.Type);
        Expr? left = Convert(current, operatorType, operation.Syntax);
        if (!isShift)
        {
            value = Convert(value, operatorType, operation.Syntax);
        }

        if (left is null || value is null)
        {
            return null;
        }

        ElementType resultType = CSharpOperators.IsComparison(op.Value) ? ElementType.Bool : left.Type;
        return Convert(new BinaryExpr(op.Value, left, value, resultType, parse.Ref(operation.Syntax)), current.Type, operation.Syntax);
    }

    /// <summary><c>target++</c> is <c>target = (T)(target + 1)</c> in the promoted type (int for the small integer types).</summary>
    public Expr? Increment(IIncrementOrDecrementOperation increment, Expr current)
    {
        IOperation operation = increment;
        if (increment.OperatorMethod is not null || increment.IsChecked)
        {
            parse.Problem(operation.Syntax, increment.IsChecked ? "checked arithmetic" : "a user-defined operator", isError: increment.IsChecked);
            return null;
        }

        ElementType arithmeticType = current.Type.Size() < 4 && current.Type.IsInteger() ? ElementType.Int32 : current.Type;
        Expr left = current.Type == arithmeticType ? current : new ConversionExpr(current, arithmeticType, current.Source);
        var one = new ConstantExpr(ConstantLiteral.Format(1, arithmeticType), arithmeticType, parse.Ref(operation.Syntax));
        BinaryOp op = increment.Kind == OperationKind.Increment ? BinaryOp.Add : BinaryOp.Subtract;
        return Convert(new BinaryExpr(op, left, one, arithmeticType, parse.Ref(operation.Syntax)), current.Type, operation.Syntax);
    }

    /// <summary>The constant <c>true</c>, at <paramref name="syntax"/> (a loop with no condition, a guard whose condition did not parse).</summary>
    public ConstantExpr True(SyntaxNode syntax) => new("true", ElementType.Bool, parse.Ref(syntax, "true"));
}
