using System;
using System.Collections.Generic;
using System.Linq;
using SourceGen.Generator.Emitting;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// The fallback for an operation with no SIMD form (<see cref="LoweringAnalysis.PerLane"/> says which and why): its
/// operands are spilled to stack buffers, the kernel's expression runs one lane at a time as scalar C#, and the results
/// are loaded back into registers. Apart from the expression lowering because it writes scalar loops, not vector
/// operations; it computes its vector operands through the evaluator the expression lowering passes in.
/// </summary>
internal sealed class PerLaneFallback(
    SimdStepContext step, UniformValues uniforms, VectorConversions conversions, ExecutingLanes executingLanes)
    : SimdStepPart(step)
{
    /// <summary>
    /// Computes <paramref name="root"/> one lane at a time with scalar C#; <paramref name="evaluate"/> computes the
    /// vector operands it reads (the expression lowering's own entry, so operands lower as anywhere else).
    /// </summary>
    public SimdValue Lower(Expr root, PerLaneReason reason, Func<Expr, SimdValue> evaluate)
    {
        Step.HasPerLaneCode = true;
        bool wholeSubtree = root is ConditionalExpr or BinaryExpr { Op: BinaryOp.ConditionalAnd or BinaryOp.ConditionalOr };
        var operands = new HashSet<Expr>(ExprFacts.Operands(root), ExprReferenceComparer.Instance);
        var spilled = new Dictionary<SimdValue, string>();

        string LaneOf(Expr node)
        {
            SimdValue value = evaluate(node);
            if (!spilled.TryGetValue(value, out string? access))
            {
                // A bool spills as a mask of the smallest lane type here (bytes only exist when some value is a byte).
                ElementType laneType = value.Type == ElementType.Bool ? MaskLane : value.Type;
                string[] registers = conversions.Registers(value, maskSize: SmallestSize);
                string buffer = NewName(node switch
                {
                    ParameterExpr parameter => Body.Parameters[parameter.Index].Name + "Lanes",
                    LocalExpr local => local.Name + "Lanes",
                    _ => "operandLanes",
                });
                DeclareStackBuffer(laneType.Keyword(), buffer);
                int perRegister = LanesPerRegister(laneType);
                for (int k = 0; k < registers.Length; k++)
                {
                    Lines.Add($"{V}.CopyTo({registers[k]}, {buffer}{(k == 0 ? "" : $".Slice({k * perRegister})")});");
                }

                access = value.Type == ElementType.Bool ? $"({buffer}[lane] != 0)" : $"{buffer}[lane]";
                spilled[value] = access;
            }

            return access;
        }

        Lines.Add($"// per lane: {reason.Construct} ({reason.Why})");
        string scalar = ScalarExpressionPrinter.Print(root, node =>
        {
            if (ReferenceEquals(node, root))
            {
                return null;
            }

            if (wholeSubtree && node is LaneIndexExpr lane)
            {
                // The row loop's counter inside a lazy ?: printed as the kernel's code: lane k's iteration is x + k
                // (printed bare, every lane would read and compute element x).
                return $"unchecked({lane.Name} + lane)";
            }

            if (wholeSubtree && ExprFacts.MayThrow(node))
            {
                // Inside a lazy ?: or && / ||: computed where C# computes it, per lane, even if uniform (a uniform
                // 'v % 0' in the branch not taken must not throw).
                return null;
            }

            if (Analysis.IsUniform(node))
            {
                return uniforms.NeedsInStep(node) ? uniforms.InStep(node, "uniform").Scalar : uniforms.StepScalar(uniforms.Code(node), node.Type, "uniform");
            }

            if (wholeSubtree ? node is ParameterExpr or LocalExpr : operands.Contains(node))
            {
                return LaneOf(node);
            }

            return null;
        });

        // Under control flow only the lanes executing this code may run it (they alone may fault).
        string? guard = null;
        if (executingLanes.AsValue() is { } executing)
        {
            string[] masks = conversions.Registers(executing, maskSize: SmallestSize);
            string buffer = NewName("executingLanes");
            DeclareStackBuffer(MaskLane.Keyword(), buffer);
            for (int k = 0; k < masks.Length; k++)
            {
                Lines.Add($"{V}.CopyTo({masks[k]}, {buffer}{(k == 0 ? "" : $".Slice({k * LanesPerRegister(MaskLane)})")});");
            }

            guard = $"{buffer}[lane] != 0";
        }

        if (executingLanes.HasReadGuards)
        {
            executingLanes.SpillReadGuards();

            // In a guarded ?: branch of a vectorized loop: only the lanes that take the branch evaluate it.
            guard = guard is null ? executingLanes.ReadGuardTest() : $"{executingLanes.ReadGuardTest()} && {guard}";
        }

        ElementType resultLane = root.Type == ElementType.Bool ? MaskLane : root.Type;
        string results = NewName("resultLanes");
        DeclareStackBuffer(resultLane.Keyword(), results);
        Lines.Add($"for (int lane = 0; lane < {Lanes}; lane++)");
        Lines.Add("{");
        if (guard is not null)
        {
            Lines.Add($"    if ({guard})");
        }

        string indent = guard is null ? "    " : "        ";
        scalar = $"unchecked({scalar})";
        Lines.Add(root.Type == ElementType.Bool
            ? $"{indent}{results}[lane] = {scalar} ? ({resultLane.Keyword()})-1 : ({resultLane.Keyword()})0;"
            : $"{indent}{results}[lane] = {scalar};");
        Lines.Add("}");

        int lanesPerRegister = LanesPerRegister(resultLane);
        string[] loaded = Enumerable.Range(0, RegisterCount(resultLane))
            .Select(k => $"{V}.Create<{resultLane.Keyword()}>({results}{(k == 0 ? "" : $".Slice({k * lanesPerRegister})")})")
            .ToArray();
        SimdValue value = root.Type == ElementType.Bool ? SimdValue.Mask(SmallestSize, loaded) : SimdValue.Varying(root.Type, loaded);
        return Materialize(value);
    }
}
