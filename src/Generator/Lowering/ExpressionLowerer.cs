using System;
using System.Globalization;
using System.Linq;
using SourceGen.Generator.Emitting;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// The SIMD value of a kernel expression: operators, comparisons as masks, conversions, <c>?:</c> as selects (guarded
/// in a loop body when a branch may throw), Math calls, and the leaves (inputs, locals, element reads, the loop
/// variable). It asks, in this order: a uniform value (<see cref="UniformValues"/>), the per-lane fallback for what has
/// no SIMD form (<see cref="PerLaneFallback"/>, which calls back into <see cref="Eval"/> for its operands), a value
/// computed before (<see cref="CommonValues"/>), and otherwise computes it. Statements are written by
/// <see cref="MaskedControlFlow"/> and <see cref="LoopBodyWriter"/>, which call <see cref="Eval"/>; nothing here calls them.
/// </summary>
internal sealed class ExpressionLowerer(
    SimdStepContext step, UniformValues uniforms, VectorConversions conversions, ExecutingLanes executingLanes,
    CommonValues common, InductionCounters induction, PerLaneFallback perLane, MathCalls math,
    VectorizeOperands operands, LoopBufferAccess buffers)
    : SimdStepPart(step)
{
    /// <summary>The value of <paramref name="expression"/>, writing the lines that compute it.</summary>
    public SimdValue Eval(Expr expression)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (Analysis.IsUniform(expression))
        {
            return uniforms.Of(expression);
        }

        if (Analysis.PerLane(expression) is { } reason)
        {
            return perLane.Lower(expression, reason, Eval);
        }

        if (common.Reuse(expression, out string? commonKey) is { } reused)
        {
            return reused;
        }

        SimdValue result = Compute(expression);
        return commonKey is not null ? common.Remember(expression, commonKey, result) : Tidy(result);
    }

    /// <summary>The value of a varying expression, not computed before.</summary>
    private SimdValue Compute(Expr expression)
    {
        return expression switch
        {
            ParameterExpr parameter => operands.Load(parameter),
            LaneIndexExpr lane => LaneIndex(lane),
            LoadExpr load => buffers.LoadElements(load),
            LocalExpr local => induction.Read(local) ?? Locals[local.LocalId],
            UnaryExpr unary => Unary(unary),
            BinaryExpr binary => Binary(binary),
            ConversionExpr conversion => conversions.Convert(Eval(conversion.Operand), conversion.Type),
            ConditionalExpr conditional when Body.IsLoopBody && (ExprFacts.MayThrow(conditional.WhenTrue) || ExprFacts.MayThrow(conditional.WhenFalse)) => GuardedSelect(conditional),
            ConditionalExpr conditional => Select(Eval(conditional.Condition), Eval(conditional.WhenTrue), Eval(conditional.WhenFalse), conditional.Type),
            CallExpr call => Call(call),
            _ => throw new InvalidOperationException("Unexpected expression " + expression.GetType().Name),
        };
    }

    private SimdValue Unary(UnaryExpr unary)
    {
        SimdValue operand = Eval(unary.Operand);
        string[] registers = conversions.Registers(operand);
        SimdValue shaped = operand.Type == ElementType.Bool ? SimdValue.Mask(operand.IsUniform ? MaskSizeDefault : operand.MaskSize, registers) : SimdValue.Varying(operand.Type, registers);
        return unary.Op switch
        {
            UnaryOp.Plus => shaped,
            UnaryOp.Negate => Map(shaped, r => $"-{r}"),
            _ => Map(shaped, r => $"~{r}"),
        };
    }

    private SimdValue Binary(BinaryExpr binary)
    {
        if (induction.Comparison(binary) is { } uniform)
        {
            return uniform;
        }

        SimdValue left = Eval(binary.Left);
        SimdValue right = Eval(binary.Right);
        return Binary(binary, left, right);
    }

    /// <summary>The operation itself, its operands computed (apart so that the recursion's frames stay small).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private SimdValue Binary(BinaryExpr binary, SimdValue left, SimdValue right)
    {
        ElementType operandType = binary.OperandType;

        if (binary.Op is BinaryOp.Divide or BinaryOp.Remainder && operandType.IsInteger())
        {
            return DivideByUniform(binary, left, right);
        }

        if (binary.Op is BinaryOp.LeftShift or BinaryOp.RightShift or BinaryOp.UnsignedRightShift)
        {
            // C# masks the shift count to the operand's width; the vector shifts get the masked count.
            int mask = operandType.Size() * 8 - 1;
            string count = right.Scalar!;
            string masked = int.TryParse(count.Trim('(', ')'), NumberStyles.Integer, CultureInfo.InvariantCulture, out int constant)
                ? (constant & mask).ToString(CultureInfo.InvariantCulture)
                : uniforms.StepScalar($"({count} & {mask})", ElementType.Int32, "shift");
            string function = binary.Op switch
            {
                BinaryOp.LeftShift => "ShiftLeft",
                BinaryOp.RightShift when operandType.IsSignedInteger() => "ShiftRightArithmetic",
                _ => "ShiftRightLogical",
            };
            return SimdValue.Varying(operandType, conversions.Registers(left).Select(r => $"{V}.{function}({r}, {masked})").ToArray());
        }

        if (operandType == ElementType.Bool)
        {
            int size = !left.IsUniform ? left.MaskSize : right.IsUniform ? MaskSizeDefault : right.MaskSize;
            string[] a = conversions.Registers(left, size), b = conversions.Registers(right, size);
            string op = binary.Op switch
            {
                BinaryOp.And or BinaryOp.ConditionalAnd => "&",
                BinaryOp.Or or BinaryOp.ConditionalOr => "|",
                _ => "^",
            };
            string[] combined = a.Zip(b, (x, y) => $"({x} {op} {y})").ToArray();
            return SimdValue.Mask(size, binary.Op == BinaryOp.Equals ? combined.Select(r => "~" + r).ToArray() : combined);
        }

        string[] l = conversions.Registers(left), r = conversions.Registers(right);
        if (KernelComparison(binary.Op) is { } comparison)
        {
            ElementType maskType = ElementTypeFacts.SignedIntegerOfSize(operandType.Size());
            string prefix = binary.Op == BinaryOp.NotEquals ? "~" : "";
            return SimdValue.Mask(operandType.Size(), l.Zip(r, (x, y) => prefix + Reinterpret($"{V}.{comparison}({x}, {y})", operandType, maskType)).ToArray());
        }

        string token = ScalarExpressionPrinter.BinaryToken(binary.Op);
        return SimdValue.Varying(binary.Type, l.Zip(r, (x, y) => $"({x} {token} {y})").ToArray());
    }

    /// <summary>
    /// A 32-bit integer divided by a uniform divisor, without integer division: both convert to double exactly,
    /// and the double quotient of two integers below 2^32 never rounds across an integer, so truncating it gives
    /// C#'s quotient; the remainder is x - q * divisor. C#'s exceptions are checked first, for executing lanes.
    /// </summary>
    private SimdValue DivideByUniform(BinaryExpr binary, SimdValue dividend, SimdValue divisor)
    {
        ElementType type = binary.OperandType;
        string divisorScalar = divisor.InStep ? divisor.Scalar! : uniforms.StepScalar(divisor.Scalar!, type, "divisor");
        SimdValue x = Materialize(SimdValue.Varying(type, conversions.Registers(dividend)));
        string[]? executing = executingLanes.As(type);
        string anyExecuting = executingLanes.Registers is null ? "" : $" && ({string.Join(" | ", executingLanes.Registers)}) != {MaskType}.Zero";
        Lines.Add($"// {binary.Source.Text}: divided through double (exact for 32-bit integers), C#'s exceptions first");
        Lines.Add($"if ({divisorScalar} == 0{anyExecuting}) {ThrowHelper}.ThrowDivideByZero();");
        if (type == ElementType.Int32)
        {
            string minimum = $"{V}.Create(int.MinValue)";
            string test = string.Join(" | ", Enumerable.Range(0, x.Registers!.Length).Select(k => executing is null
                ? $"{V}.Equals({x.Registers[k]}, {minimum})"
                : $"({V}.Equals({x.Registers[k]}, {minimum}) & {executing[k]})"));
            Lines.Add($"if ({divisorScalar} == -1 && ({test}) != {V}<int>.Zero) {ThrowHelper}.ThrowDivisionOverflow();");
        }

        SimdValue asDouble = conversions.Convert(x, ElementType.Double);
        string divisorVector = $"{V}.Create((double){divisorScalar})";
        SimdValue quotient = Materialize(conversions.Convert(Map(Materialize(asDouble), r => $"({r} / {divisorVector})"), type));
        if (binary.Op == BinaryOp.Divide)
        {
            return quotient;
        }

        string divisorLanes = $"{V}.Create({divisorScalar})";
        return SimdValue.Varying(type, Enumerable.Range(0, x.Registers!.Length).Select(k => $"({x.Registers[k]} - {quotient.Registers![k]} * {divisorLanes})").ToArray());
    }

    /// <summary><c>c ? a : b</c> lane by lane: both sides computed, the condition's mask picks.</summary>
    private SimdValue Select(SimdValue condition, SimdValue whenTrue, SimdValue whenFalse, ElementType type)
    {
        if (type == ElementType.Bool)
        {
            int size = !condition.IsUniform ? condition.MaskSize : !whenTrue.IsUniform ? whenTrue.MaskSize : !whenFalse.IsUniform ? whenFalse.MaskSize : MaskSizeDefault;
            string[] c = conversions.Registers(condition, size), t = conversions.Registers(whenTrue, size), f = conversions.Registers(whenFalse, size);
            return SimdValue.Mask(size, Enumerable.Range(0, c.Length).Select(k => $"{V}.ConditionalSelect({c[k]}, {t[k]}, {f[k]})").ToArray());
        }

        string[] mask = conversions.Registers(condition, type.Size());
        ElementType maskType = ElementTypeFacts.SignedIntegerOfSize(type.Size());
        string[] a = conversions.Registers(whenTrue), b = conversions.Registers(whenFalse);
        return SimdValue.Varying(type, Enumerable.Range(0, a.Length).Select(k => $"{V}.ConditionalSelect({Reinterpret(mask[k], maskType, type)}, {a[k]}, {b[k]})").ToArray());
    }

    private SimdValue Call(CallExpr call) => math.Lower(call, call.Arguments.Select(Eval).ToArray());

    /// <summary>The loop variable in each lane: its value at the step plus 0, 1, 2… .</summary>
    private SimdValue LaneIndex(LaneIndexExpr lane)
    {
        int perRegister = LanesPerRegister(lane.Type);
        string[] registers = Enumerable.Range(0, RegisterCount(lane.Type))
            .Select(k => $"({V}.Create({(k == 0 ? lane.Name : $"unchecked({lane.Name} + {k * perRegister})")}) + {VectorType(lane.Type)}.Indices)")
            .ToArray();
        return Materialize(SimdValue.Varying(lane.Type, registers), lane.Name + "Lanes", force: true);
    }

    /// <summary>
    /// <c>c ? a : b</c> where a branch reads elements that may not exist for the lanes that do not take it (a border
    /// test). With a uniform condition only the chosen branch runs. Otherwise both run, each reading, on its slow
    /// path, only for the lanes that take it (a step whose reads are all in range reads every lane: that cannot
    /// fail, and the select drops the others).
    /// </summary>
    private SimdValue GuardedSelect(ConditionalExpr conditional)
    {
        SimdValue condition = Eval(conditional.Condition);
        ElementType type = conditional.Type;
        ElementType laneType = type == ElementType.Bool ? MaskLane : type;
        if (condition.IsUniform)
        {
            string[] result = Enumerable.Range(0, RegisterCount(laneType)).Select(k => NewName($"selected_{k}")).ToArray();
            Lines.Add($"{VectorType(laneType)} {string.Join(", ", result)};");
            Lines.Add($"if ({uniforms.ScalarOf(condition, ElementType.Bool, "condition")})");
            WriteBranch(conditional.WhenTrue, result, laneType);
            Lines.Add("else");
            WriteBranch(conditional.WhenFalse, result, laneType);
            return type == ElementType.Bool ? SimdValue.Mask(SmallestSize, result) : SimdValue.Varying(type, result);
        }

        if (AllLanesTake(conditional.Condition) is { } allTake)
        {
            // Border peeling: a test of the loop variable against a bound holds for every lane of most steps.
            string[] result = Enumerable.Range(0, RegisterCount(laneType)).Select(k => NewName($"selected_{k}")).ToArray();
            Lines.Add($"{VectorType(laneType)} {string.Join(", ", result)};");
            Lines.Add($"if ({allTake})");
            WriteBranch(conditional.WhenTrue, result, laneType);
            Lines.Add("else");
            Lines.Add("{");
            var saved = common.EnterScope();
            var masks = executingLanes.EnterScope();
            SimdValue selected = MaskedSelect(conditional, condition);
            string[] masked = type == ElementType.Bool ? conversions.Registers(selected, SmallestSize) : conversions.Registers(selected);
            for (int k = 0; k < result.Length; k++)
            {
                Lines.Add($"{result[k]} = {masked[k]};");
            }

            common.Restore(saved);
            executingLanes.LeaveScope(masks);
            Lines.Add("}");
            return type == ElementType.Bool ? SimdValue.Mask(SmallestSize, result) : SimdValue.Varying(type, result);
        }

        return MaskedSelect(conditional, condition);

        void WriteBranch(Expr branch, string[] result, ElementType lane)
        {
            Lines.Add("{");
            var saved = common.EnterScope();
            var masks = executingLanes.EnterScope();
            string[] registers = type == ElementType.Bool ? conversions.Registers(Eval(branch), SmallestSize) : conversions.Registers(Eval(branch));
            for (int k = 0; k < result.Length; k++)
            {
                Lines.Add($"{result[k]} = {registers[k]};");
            }

            common.Restore(saved);
            executingLanes.LeaveScope(masks);
            Lines.Add("}");
        }
    }

    /// <summary>
    /// For <c>x &lt; bound</c>, <c>x &lt;= bound</c>, <c>x &gt; bound</c>, <c>x &gt;= bound</c> (or the bound first), with
    /// <c>x</c> the loop variable: a scalar test that every lane of the step passes (lanes hold x, x + 1, …). Null
    /// for any other condition.
    /// </summary>
    private string? AllLanesTake(Expr condition)
    {
        if (condition is not BinaryExpr { Op: BinaryOp.LessThan or BinaryOp.LessThanOrEqual or BinaryOp.GreaterThan or BinaryOp.GreaterThanOrEqual } comparison)
        {
            return null;
        }

        bool laneLeft = comparison.Left is LaneIndexExpr && Analysis.IsUniform(comparison.Right);
        bool laneRight = comparison.Right is LaneIndexExpr && Analysis.IsUniform(comparison.Left);
        if (!laneLeft && !laneRight)
        {
            return null;
        }

        string x = ((LaneIndexExpr)(laneLeft ? comparison.Left : comparison.Right)).Name;
        string bound = uniforms.Scalar(laneLeft ? comparison.Right : comparison.Left, "bound");
        string last = $"(long){x} + {Lanes - 1}";
        BinaryOp op = laneLeft ? comparison.Op : comparison.Op switch
        {
            BinaryOp.LessThan => BinaryOp.GreaterThan,
            BinaryOp.LessThanOrEqual => BinaryOp.GreaterThanOrEqual,
            BinaryOp.GreaterThan => BinaryOp.LessThan,
            _ => BinaryOp.LessThanOrEqual,
        };
        return op switch
        {
            BinaryOp.LessThan => $"{last} < {bound}",
            BinaryOp.LessThanOrEqual => $"{last} <= {bound}",
            BinaryOp.GreaterThan => $"{x} > {bound}",
            _ => $"{x} >= {bound}",
        };
    }

    /// <summary>Both branches, each reading only for the lanes that take it, then a select.</summary>
    private SimdValue MaskedSelect(ConditionalExpr conditional, SimdValue condition)
    {
        ElementType type = conditional.Type;
        SimdValue mask = Materialize(SimdValue.Mask(SmallestSize, conversions.Registers(condition, SmallestSize)), "taken", force: true);
        string guard = NewName("takenLanes");
        DeclareStackBuffer(MaskLane.Keyword(), guard);
        var scope = common.EnterScope();
        executingLanes.PushReadGuard(guard, mask.Registers!);
        SimdValue whenTrue = Materialize(Eval(conditional.WhenTrue), force: true);
        common.Restore(scope);
        scope = common.EnterScope();
        executingLanes.NegateInnermostReadGuard();
        SimdValue whenFalse = Materialize(Eval(conditional.WhenFalse), force: true);
        common.Restore(scope);
        executingLanes.PopReadGuard();
        return Select(mask, whenTrue, whenFalse, type);
    }
}
