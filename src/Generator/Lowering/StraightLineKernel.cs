using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// The statements of a <c>[Vectorize]</c> kernel with no control flow: each runs once for all lanes, in order. A
/// varying local is named once; a uniform one is hoisted before the loop, or computed in the step where it may throw;
/// the returned value is stored to the destination. (With control flow, <see cref="MaskedControlFlow"/> writes them.)
/// </summary>
internal sealed class StraightLineKernel : SimdStepPart
{
    private readonly ExpressionLowerer _expressions;
    private readonly UniformValues _uniforms;
    private readonly CommonValues _common;
    private readonly VectorizeOperands _operands;

    public StraightLineKernel(SimdStepContext step, ExpressionLowerer expressions, UniformValues uniforms, CommonValues common, VectorizeOperands operands)
        : base(step)
    {
        _expressions = expressions;
        _uniforms = uniforms;
        _common = common;
        _operands = operands;
    }

    public void Write()
    {
        foreach (Stmt statement in Body.Statements)
        {
            Lines.Add($"// kernel, line {statement.Source.Line}: {statement.Source.Text}");
            switch (statement)
            {
                case AssignStmt assign:
                    Locals[assign.Target.LocalId] = !Analysis.IsUniform(assign.Value)
                        ? Materialize(_expressions.Eval(assign.Value), assign.Target.Name, force: assign.Value is not (ParameterExpr or LocalExpr))
                        : _uniforms.NeedsInStep(assign.Value)
                            ? _uniforms.InStep(assign.Value, assign.Target.Name)
                            : SimdValue.Uniform(assign.Value.Type, _uniforms.HoistScalar(_uniforms.Code(assign.Value), assign.Value.Type, assign.Target.Name, asVariable: true));
                    _common.Forget(assign.Target.LocalId);
                    break;
                case ReturnStmt ret:
                    _operands.Store(_expressions.Eval(ret.Value), ret.Value.Type);
                    break;
            }
        }
    }
}
