using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// The body of a <c>for</c> loop in a <c>[Parallel]</c> kernel, read as a kernel whose lanes are the loop's
/// iterations: the loop variable is <see cref="LaneIndexExpr"/>, values from outside the loop are parameters (the
/// same in every iteration: the loop may not assign them), and elements of spans and arrays are
/// <see cref="LoadExpr"/>s and <see cref="StoreStmt"/>s.
/// </summary>
internal sealed partial class KernelBodyParser
{
    /// <summary>The loop variable while a loop body is parsed; null for a [Vectorize] kernel.</summary>
    private ILocalSymbol? _laneVariable;
    private TextSpan _loopSpan;
    private readonly Dictionary<ISymbol, int> _outerValues = new(SymbolEqualityComparer.Default);
    private readonly List<KernelParameter> _outerParameters = new();
    private readonly Dictionary<ISymbol, int> _bufferIndexes = new(SymbolEqualityComparer.Default);
    private readonly List<LoopBuffer> _buffers = new();

    /// <summary>
    /// Parses the body of <paramref name="loop"/>, whose variable is <paramref name="variable"/>, in the kernel
    /// <paramref name="kernel"/>. The result's reason says what keeps the loop from being vectorized.
    /// </summary>
    public static Result ParseLoopBody(IMethodSymbol kernel, ILoopOperation loop, ILocalSymbol variable, SemanticModel model, CancellationToken cancellationToken)
    {
        var parser = new KernelBodyParser(kernel, loop.Syntax.SyntaxTree, report: null, cancellationToken)
        {
            _model = model,
            _laneVariable = variable,
            _loopSpan = loop.Syntax.Span,
        };
        if (loop.Body is IBlockOperation block)
        {
            parser.ParseBlock(block, isTopLevel: false);
        }
        else
        {
            parser.ParseStatement(loop.Body, isLast: false);
        }

        foreach (IGrouping<string, ReduceStmt> accumulator in KernelBody.AllStatements(parser._statements).OfType<ReduceStmt>().GroupBy(r => r.Name))
        {
            if (parser._outerParameters.Any(p => p.Name == accumulator.Key))
            {
                parser._firstProblem ??= $"'{accumulator.Key}', which the loop both accumulates into and reads, on line {accumulator.First().Source.Line} of the kernel";
            }
            else if (accumulator.Select(r => r.Operator).Distinct().Count() > 1)
            {
                parser._firstProblem ??= $"accumulations into '{accumulator.Key}' with different operators, on line {accumulator.First().Source.Line} of the kernel";
            }
        }

        if (parser._firstProblem is not null)
        {
            return new Result(null, parser._firstProblem);
        }

        var body = new KernelBody(
            CSharpName.Escape(kernel.Name),
            parser._outerParameters.ToEquatableArray(),
            ElementType.Bool,
            LoopBodyIndexes.Resolve(parser._statements).ToEquatableArray(),
            loop.Syntax.SyntaxTree.FilePath,
            KernelLines.Of(loop.Syntax))
        {
            IsLoopBody = true,
            Buffers = parser._buffers.ToEquatableArray(),
            HelperFiles = parser.HelperFiles(),
        };
        return new Result(body, null);
    }

    private bool IsDeclaredInLoop(ISymbol symbol) =>
        symbol.DeclaringSyntaxReferences.Any(reference => reference.SyntaxTree == _tree && _loopSpan.Contains(reference.Span));

    /// <summary>A variable the loop reads but does not declare: a parameter of the loop body (uniform).</summary>
    private bool IsOuterVariable(IOperation operation, out ISymbol symbol)
    {
        symbol = operation switch
        {
            ILocalReferenceOperation local when !SymbolEqualityComparer.Default.Equals(local.Local, _laneVariable) && !IsDeclaredInLoop(local.Local)
                && !_inlining.Contains(local.Local.ContainingSymbol, SymbolEqualityComparer.Default) => local.Local,
            IParameterReferenceOperation parameter when !_substitutions.ContainsKey(parameter.Parameter) => parameter.Parameter,
            _ => null!,
        };
        return symbol is not null;
    }

    /// <summary>In a loop body: the loop variable, values from outside and element reads. False for anything else.</summary>
    private bool TryParseLoopOperand(IOperation operation, ElementType type, out Expr? result)
    {
        result = null;
        if (_laneVariable is null)
        {
            return false;
        }

        if (operation is ILocalReferenceOperation lane && SymbolEqualityComparer.Default.Equals(lane.Local, _laneVariable))
        {
            result = new LaneIndexExpr(CSharpName.Escape(lane.Local.Name), type, Ref(operation.Syntax));
            return true;
        }

        if (IsOuterVariable(operation, out ISymbol outer))
        {
            if (!_outerValues.TryGetValue(outer, out int index))
            {
                index = _outerParameters.Count;
                _outerValues[outer] = index;
                _outerParameters.Add(new KernelParameter(CSharpName.Escape(outer.Name), type));
            }

            result = new ParameterExpr(index, CSharpName.Escape(outer.Name), type, Ref(operation.Syntax));
            return true;
        }

        if (ElementAccess(operation, out IOperation? bufferReference, out IOperation? indexOperation, out IOperation? rowOperation))
        {
            result = Load(operation, bufferReference!, indexOperation!, rowOperation, type, stored: false);
            return true;
        }

        if (operation is IArrayElementReferenceOperation { Indices.Length: > 2 })
        {
            Problem(operation.Syntax, $"the element access '{operation.Syntax}' of a multi-dimensional array", isError: false,
                why: "SIMD loops read and write spans and one-dimensional arrays; index a T[] or a span with row * width + x");
            return true;
        }

        return false;
    }

    /// <summary>
    /// An accumulation into <paramref name="accumulator"/>: <c>s += v</c>, <c>-=</c>, <c>*=</c>, <c>&amp;=</c>,
    /// <c>|=</c>, <c>^=</c>, <c>s++</c>, <c>s--</c>, <c>s = Math.Max(s, v)</c> or <c>Math.Min</c> (either order), where
    /// <c>v</c> has the accumulator's type once C# has promoted it. Null for anything else.
    /// </summary>
    private ReduceStmt? Reduction(IOperation operation, ISymbol accumulator)
    {
        ITypeSymbol? type = accumulator switch { ILocalSymbol local => local.Type, IParameterSymbol parameter => parameter.Type, _ => null };
        if (type is null || !ElementTypeFacts.TryFromSpecialType(type.SpecialType, out ElementType elementType) || elementType == ElementType.Bool
            || elementType.Size() < 4)
        {
            return null;
        }

        bool IsAccumulator(IOperation candidate) =>
            candidate is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, accumulator)
            || candidate is IParameterReferenceOperation parameter && SymbolEqualityComparer.Default.Equals(parameter.Parameter, accumulator);

        Expr? Value(IOperation value)
        {
            IOperation unwrapped = value is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : value;
            if (unwrapped.Type is null || !ElementTypeFacts.TryFromSpecialType(unwrapped.Type.SpecialType, out ElementType valueType)
                || CSharpOperators.Promote(elementType, valueType) != elementType || unwrapped.Descendants().Prepend(unwrapped).Any(IsAccumulator))
            {
                return null;
            }

            Expr? parsed = ParseExpression(unwrapped);
            return parsed is null ? null : Convert(parsed, elementType, value.Syntax);
        }

        SourceRef source = Ref(operation.Syntax);
        switch (operation)
        {
            case ICompoundAssignmentOperation compound when compound.OperatorMethod is null && !compound.IsChecked:
            {
                (ReductionOperator Operator, bool Subtract)? kind = compound.OperatorKind switch
                {
                    BinaryOperatorKind.Add => (ReductionOperator.Add, false),
                    BinaryOperatorKind.Subtract => (ReductionOperator.Add, true),
                    BinaryOperatorKind.Multiply => (ReductionOperator.Multiply, false),
                    BinaryOperatorKind.And when elementType.IsInteger() => (ReductionOperator.And, false),
                    BinaryOperatorKind.Or when elementType.IsInteger() => (ReductionOperator.Or, false),
                    BinaryOperatorKind.ExclusiveOr when elementType.IsInteger() => (ReductionOperator.Xor, false),
                    _ => null,
                };
                return kind is { } k && Value(compound.Value) is { } value ? new ReduceStmt(CSharpName.Escape(accumulator.Name), k.Operator, k.Subtract, value, source) : null;
            }

            case IIncrementOrDecrementOperation increment when increment.OperatorMethod is null && !increment.IsChecked:
                return new ReduceStmt(CSharpName.Escape(accumulator.Name), ReductionOperator.Add, increment.Kind == OperationKind.Decrement,
                    new ConstantExpr(ConstantLiteral.Format(1, elementType), elementType, source), source);
            case ISimpleAssignmentOperation { Value: IInvocationOperation { Arguments.Length: 2 } call }
                when call.TargetMethod.Name is "Max" or "Min" && call.TargetMethod.ContainingType.ToDisplayString() is "System.Math" or "System.MathF":
            {
                IOperation first = call.Arguments[0].Value, second = call.Arguments[1].Value;
                IOperation? other = IsAccumulator(Unwrap(first)) ? second : IsAccumulator(Unwrap(second)) ? first : null;
                return other is not null && Value(other) is { } value
                    ? new ReduceStmt(CSharpName.Escape(accumulator.Name), call.TargetMethod.Name == "Max" ? ReductionOperator.Max : ReductionOperator.Min, false, value, source)
                    : null;
            }

            default:
                return null;
        }

        static IOperation Unwrap(IOperation operation) => operation is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : operation;
    }

    /// <summary><c>span[i]</c>, <c>array[i]</c>, or <c>array[row, i]</c> (<paramref name="row"/> is null for one index).</summary>
    private static bool ElementAccess(IOperation operation, out IOperation? buffer, out IOperation? index, out IOperation? row)
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

    private LoadExpr? Load(IOperation access, IOperation bufferReference, IOperation indexOperation, IOperation? rowOperation, ElementType type, bool stored)
    {
        int? buffer = Buffer(bufferReference, type, stored);
        Expr? row = rowOperation is null ? null : ParseExpression(rowOperation);
        Expr? index = ParseExpression(indexOperation);
        return buffer is null || index is null || (rowOperation is not null && row is null)
            ? null
            : new LoadExpr(buffer.Value, _buffers[buffer.Value].Name, index, type, Ref(access.Syntax)) { Row = row };
    }

    /// <summary>The buffer a span or array variable from outside the loop is; null (and a problem) otherwise.</summary>
    private int? Buffer(IOperation reference, ElementType elementType, bool stored)
    {
        ISymbol? symbol = reference switch
        {
            ILocalReferenceOperation local when !IsDeclaredInLoop(local.Local) => local.Local,
            IParameterReferenceOperation parameter when !_substitutions.ContainsKey(parameter.Parameter) => parameter.Parameter,
            _ => null,
        };
        BufferKind? kind = reference.Type switch
        {
            IArrayTypeSymbol { Rank: 1 } => BufferKind.Array,
            IArrayTypeSymbol { Rank: 2 } => BufferKind.Array2D,
            INamedTypeSymbol { Name: "Span" } => BufferKind.Span,
            INamedTypeSymbol { Name: "ReadOnlySpan" } => BufferKind.ReadOnlySpan,
            _ => null,
        };
        if (symbol is null || kind is null || symbol is ILocalSymbol { IsRef: true } || symbol is IParameterSymbol { RefKind: not RefKind.None })
        {
            Problem(reference.Syntax, $"the element access on '{reference.Syntax}'", isError: false,
                why: "only spans and one-dimensional arrays declared outside the loop (and not passed by reference) are read and written in SIMD");
            return null;
        }

        if (!_bufferIndexes.TryGetValue(symbol, out int index))
        {
            index = _buffers.Count;
            _bufferIndexes[symbol] = index;
            _buffers.Add(new LoopBuffer(CSharpName.Escape(symbol.Name), elementType, kind.Value, IsStored: false));
        }

        if (stored)
        {
            _buffers[index] = _buffers[index] with { IsStored = true };
        }

        return index;
    }

    /// <summary>
    /// In a loop body: element writes become stores, and writes to variables from outside the loop (or to the
    /// loop variable) are problems. False for statements the kernel parser handles as usual.
    /// </summary>
    private bool TryParseLoopStatement(IOperation operation, SyntaxNode statementSyntax)
    {
        if (_laneVariable is null)
        {
            return false;
        }

        IOperation? target = operation switch
        {
            IAssignmentOperation assignment => assignment.Target,
            IIncrementOrDecrementOperation increment => increment.Target,
            _ => null,
        };
        if (target is null)
        {
            return false;
        }

        if (target is ILocalReferenceOperation lane && SymbolEqualityComparer.Default.Equals(lane.Local, _laneVariable))
        {
            Problem(operation.Syntax, $"the assignment to the loop variable '{lane.Local.Name}'", isError: false, why: "each lane runs one iteration");
            return true;
        }

        if (IsOuterVariable(target, out ISymbol outer))
        {
            if (Reduction(operation, outer) is { } reduce)
            {
                _statements.Add(reduce with { Source = Ref(statementSyntax) });
                return true;
            }

            if (operation is ICompoundAssignmentOperation or IIncrementOrDecrementOperation)
            {
                Problem(operation.Syntax, $"the accumulation '{operation.Syntax}' into '{outer.Name}'", isError: false,
                    why: "SIMD accumulations are of int, uint, long, ulong, float or double, with a value of that type");
                return true;
            }

            Problem(operation.Syntax, $"the assignment to '{outer.Name}', declared outside the loop", isError: false,
                why: "the iterations run at once, in lanes; declare it inside the loop or write an element indexed by the loop variable");
            return true;
        }

        if (!ElementAccess(target, out IOperation? bufferReference, out IOperation? indexOperation, out IOperation? rowOperation)
            || target.Type is null || !ElementTypeFacts.TryFromSpecialType(target.Type.SpecialType, out ElementType type))
        {
            return false;
        }

        LoadExpr? element = Load(target, bufferReference!, indexOperation!, rowOperation, type, stored: true);
        Expr? value = operation switch
        {
            ISimpleAssignmentOperation simple => ParseExpression(simple.Value),
            ICompoundAssignmentOperation compound when element is not null => Compound(compound, element),
            IIncrementOrDecrementOperation increment when element is not null => Increment(increment, element),
            _ => null,
        };
        if (element is not null && value is not null)
        {
            _statements.Add(new StoreStmt(element.Buffer, element.BufferName, element.Index, value, Ref(statementSyntax)) { Row = element.Row });
        }
        else if (_firstProblem is null)
        {
            Problem(operation.Syntax, SourceSnippet.Describe(operation), isError: false);
        }

        return true;
    }
}
