using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// The assignments of a <c>[Parallel]</c> loop's body that a kernel's statements do not have: an element write is a
/// <see cref="StoreStmt"/>, an accumulation into a variable from outside the loop (<c>sum += v</c>, <c>max = Math.Max(max, v)</c>)
/// a <see cref="ReduceStmt"/>, and any other write to a variable from outside the loop, or to the loop variable, a
/// problem (the iterations run at once, in lanes). <see cref="StatementParser"/> asks it first; it reads values with
/// <see cref="ExpressionParser"/> and names with <see cref="LoopBodyScope"/>.
/// </summary>
internal sealed class LoopBodyStatements(KernelBodyParser parse, ExpressionParser expressions, LoopBodyScope loopBody)
{
    /// <summary>
    /// In a loop body: element writes become stores, and writes to variables from outside the loop (or to the
    /// loop variable) are problems. False for statements <see cref="StatementParser"/> reads as usual.
    /// </summary>
    public bool TryParse(IOperation operation, SyntaxNode statementSyntax)
    {
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

        if (target is ILocalReferenceOperation lane && loopBody.IsLaneVariable(lane.Local))
        {
            parse.Problem(operation.Syntax, $"the assignment to the loop variable '{lane.Local.Name}'", isError: false, why: "each lane runs one iteration");
            return true;
        }

        if (loopBody.IsOuterVariable(target, out ISymbol outer))
        {
            if (Reduction(operation, outer) is { } reduce)
            {
                parse.Statements.Add(reduce with { Source = parse.Ref(statementSyntax) });
                return true;
            }

            if (operation is ICompoundAssignmentOperation or IIncrementOrDecrementOperation)
            {
                parse.Problem(operation.Syntax, $"the accumulation '{operation.Syntax}' into '{outer.Name}'", isError: false,
                    why: "SIMD accumulations are of int, uint, long, ulong, float or double, with a value of that type");
                return true;
            }

            parse.Problem(operation.Syntax, $"the assignment to '{outer.Name}', declared outside the loop", isError: false,
                why: "the iterations run at once, in lanes; declare it inside the loop or write an element indexed by the loop variable");
            return true;
        }

        if (!ExpressionParser.ElementAccess(target, out IOperation? bufferReference, out IOperation? indexOperation, out IOperation? rowOperation)
            || target.Type is null || !ElementTypeFacts.TryFromSpecialType(target.Type.SpecialType, out ElementType type))
        {
            return false;
        }

        LoadExpr? element = expressions.Load(target, bufferReference!, indexOperation!, rowOperation, type, stored: true);
        Expr? value = operation switch
        {
            ISimpleAssignmentOperation simple => expressions.Parse(simple.Value),
            ICompoundAssignmentOperation compound when element is not null => expressions.Compound(compound, element),
            IIncrementOrDecrementOperation increment when element is not null => expressions.Increment(increment, element),
            _ => null,
        };
        if (element is not null && value is not null)
        {
            parse.Statements.Add(new StoreStmt(element.Buffer, element.BufferName, element.Index, value, parse.Ref(statementSyntax)) { Row = element.Row });
        }
        else if (!parse.HasProblem)
        {
            parse.Problem(operation.Syntax, SourceSnippet.Describe(operation), isError: false);
        }

        return true;
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

            Expr? parsed = expressions.Parse(unwrapped);
            return parsed is null ? null : expressions.Convert(parsed, elementType, value.Syntax);
        }

        SourceRef source = parse.Ref(operation.Syntax);
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
}
