using System.Collections.Generic;
using System.Linq;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// A vectorized loop body's reductions (<c>sum += a[x] * b[x]</c>, <c>m = Math.Max(m, …)</c>): partials per lane,
/// started before the steps (<see cref="Prologue"/>) and combined into the kernel's variable after them
/// (<see cref="Epilogue"/>); or, where the kernel's order matters, added lane by lane in the step.
/// </summary>
internal sealed class LoopReductions(SimdStepContext step, VectorConversions conversions) : SimdStepPart(step)
{
    /// <summary>Lines before the loop of steps: the SIMD accumulators' starting values.</summary>
    public List<string> Prologue { get; } = new();

    /// <summary>Lines after the loop of steps: the SIMD accumulators' lanes added into the kernel's variables.</summary>
    public List<string> Epilogue { get; } = new();

    private readonly Dictionary<string, string[]> _accumulators = new(System.StringComparer.Ordinal);

    /// <summary>
    /// Whether an accumulation keeps the kernel's order, lane by lane: a floating-point sum or product without
    /// FastMath (reassociating it would round differently). Integer arithmetic wraps and Max/Min pick a value, so
    /// those are exact in any order and keep one SIMD accumulator per register.
    /// </summary>
    public void Accumulate(ReduceStmt reduce, SimdValue value)
    {
        ElementType type = reduce.Value.Type;
        string[] registers = conversions.Registers(Materialize(SimdValue.Varying(type, conversions.Registers(value))));
        int perRegister = LanesPerRegister(type);
        if (ExprFacts.IsOrdered(reduce, Body.FastMath))
        {
            string lanes = NewName(reduce.Name + "Lanes");
            DeclareStackBuffer(type.Keyword(), lanes);
            Lines.Add($"// in the kernel's order, lane by lane: reassociating a floating-point {(reduce.Operator == ReductionOperator.Add ? "sum" : "product")} would round differently (FastMath = true allows it)");
            for (int k = 0; k < registers.Length; k++)
            {
                Lines.Add($"{V}.CopyTo({registers[k]}, {lanes}{(k == 0 ? "" : $".Slice({k * perRegister})")});");
            }

            string token = reduce.Operator == ReductionOperator.Multiply ? "*=" : reduce.Subtract ? "-=" : "+=";
            for (int lane = 0; lane < Lanes; lane++)
            {
                Lines.Add($"{reduce.Name} {token} {lanes}[{lane}];");
            }

            return;
        }

        if (!_accumulators.TryGetValue(reduce.Name, out string[]? accumulator))
        {
            string name = NewName(reduce.Name + "Partial");
            accumulator = Enumerable.Range(0, registers.Length).Select(k => NewName($"{name}_{k}")).ToArray();
            _accumulators[reduce.Name] = accumulator;
            string identity = $"{V}.Create({Identity(reduce.Operator, type)})";
            Prologue.Add($"// {reduce.Name}: one partial {reduce.Operator.ToString().ToLowerInvariant()} per lane, combined after the steps");
            Prologue.AddRange(accumulator.Select(register => $"var {register} = {identity};"));
            WriteCombine(reduce, type, accumulator);
        }

        for (int k = 0; k < registers.Length; k++)
        {
            Lines.Add(reduce.Operator switch
            {
                ReductionOperator.Max => $"{accumulator[k]} = {V}.Max({accumulator[k]}, {registers[k]});",
                ReductionOperator.Min => $"{accumulator[k]} = {V}.Min({accumulator[k]}, {registers[k]});",
                ReductionOperator.Multiply => $"{accumulator[k]} *= {registers[k]};",
                ReductionOperator.And => $"{accumulator[k]} &= {registers[k]};",
                ReductionOperator.Or => $"{accumulator[k]} |= {registers[k]};",
                ReductionOperator.Xor => $"{accumulator[k]} ^= {registers[k]};",
                _ => reduce.Subtract ? $"{accumulator[k]} -= {registers[k]};" : $"{accumulator[k]} += {registers[k]};",
            });
        }
    }

    private static string Identity(ReductionOperator op, ElementType type) => op switch
    {
        ReductionOperator.Add or ReductionOperator.Or or ReductionOperator.Xor => $"({type.Keyword()})0",
        ReductionOperator.Multiply => $"({type.Keyword()})1",
        ReductionOperator.And => $"unchecked(({type.Keyword()})~({type.Keyword()})0)",
        ReductionOperator.Max => type.IsFloatingPoint() ? $"{type.Keyword()}.NegativeInfinity" : $"{type.Keyword()}.MinValue",
        _ => type.IsFloatingPoint() ? $"{type.Keyword()}.PositiveInfinity" : $"{type.Keyword()}.MaxValue",
    };

    /// <summary>After the steps: the partials' registers, then their lanes, into the kernel's variable.</summary>
    private void WriteCombine(ReduceStmt reduce, ElementType type, string[] accumulator)
    {
        string combined = accumulator[0];
        for (int k = 1; k < accumulator.Length; k++)
        {
            combined = reduce.Operator switch
            {
                ReductionOperator.Max => $"{V}.Max({combined}, {accumulator[k]})",
                ReductionOperator.Min => $"{V}.Min({combined}, {accumulator[k]})",
                ReductionOperator.Multiply => $"{combined} * {accumulator[k]}",
                ReductionOperator.And => $"{combined} & {accumulator[k]}",
                ReductionOperator.Or => $"{combined} | {accumulator[k]}",
                ReductionOperator.Xor => $"{combined} ^ {accumulator[k]}",
                _ => $"{combined} + {accumulator[k]}",
            };
        }

        string unchecked_ = type.IsInteger() ? "unchecked" : "";
        if (reduce.Operator == ReductionOperator.Add)
        {
            // The partials hold what the statements added, a '-=' already subtracted: added, whichever the operator.
            Epilogue.Add($"{reduce.Name} = {unchecked_}({reduce.Name} + {V}.Sum({combined}));");
            return;
        }

        string lanes = NewName(reduce.Name + "Combined");
        Epilogue.Add($"var {lanes} = {combined};");
        Epilogue.Add($"for (int lane = 0; lane < {V}<{type.Keyword()}>.Count; lane++)");
        Epilogue.Add("{");
        Epilogue.Add(reduce.Operator switch
        {
            ReductionOperator.Max => $"    {reduce.Name} = global::System.Math.Max({reduce.Name}, {lanes}.GetElement(lane));",
            ReductionOperator.Min => $"    {reduce.Name} = global::System.Math.Min({reduce.Name}, {lanes}.GetElement(lane));",
            ReductionOperator.Multiply => $"    {reduce.Name} = {unchecked_}({reduce.Name} * {lanes}.GetElement(lane));",
            ReductionOperator.And => $"    {reduce.Name} &= {lanes}.GetElement(lane);",
            ReductionOperator.Or => $"    {reduce.Name} |= {lanes}.GetElement(lane);",
            _ => $"    {reduce.Name} ^= {lanes}.GetElement(lane);",
        });
        Epilogue.Add("}");
    }
}
