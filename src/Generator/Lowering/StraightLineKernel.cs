using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// The statements of a <c>[Vectorize]</c> kernel with no control flow: each runs once for all lanes, in order. A
/// varying local is named once; a uniform one is hoisted before the loop, or computed in the step where it may throw;
/// the returned value is stored to the destination. (With control flow, <see cref="MaskedControlFlow"/> writes them.)
/// </summary>
internal sealed class StraightLineKernel(
    SimdStepContext step, ExpressionLowerer expressions, UniformValues uniforms, CommonValues common,
    VectorizeOperands operands)
    : SimdStepPart(step)
{
    public void Write()
    {
        foreach (Stmt statement in Body.Statements)
        {
            Lines.Add($"// kernel, line {statement.Source.Line}: {statement.Source.Text}");
            switch (statement)
            {
                case AssignStmt assign:
                    Locals[assign.Target.LocalId] = !Analysis.IsUniform(assign.Value)
                        ? Materialize(expressions.Eval(assign.Value), assign.Target.Name, force: assign.Value is not (ParameterExpr or LocalExpr))
                        : uniforms.NeedsInStep(assign.Value)
                            ? uniforms.InStep(assign.Value, assign.Target.Name)
                            : SimdValue.Uniform(assign.Value.Type, uniforms.HoistScalar(uniforms.Code(assign.Value), assign.Value.Type, assign.Target.Name, asVariable: true));
                    common.Forget(assign.Target.LocalId);
                    break;
                case ReturnStmt ret:
                    operands.Store(expressions.Eval(ret.Value), ret.Value.Type);
                    break;
            }
        }
    }
}
