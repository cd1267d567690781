using System.Collections.Generic;
using System.Linq;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// The statements of a loop vectorized across its iterations (a <c>[Parallel]</c> kernel's innermost unit-stride loop):
/// lane <c>k</c> of a step runs iteration <c>x + k</c>. Its control flow is uniform, so it is written as C# control
/// flow around vector statements, with no lane masks: a nested loop's counter is a scalar, a local that differs per
/// lane lives in registers; only an <c>if</c> whose condition differs per lane runs both sides under masks.
/// Expressions are lowered by <see cref="ExpressionLowerer"/>, element writes by <see cref="LoopBufferAccess"/>,
/// reductions by <see cref="LoopReductions"/>.
/// </summary>
internal sealed class LoopBodyWriter(
    SimdStepContext step, ExpressionLowerer expressions, UniformValues uniforms, VectorConversions conversions,
    ExecutingLanes executingLanes, CommonValues common, LoopBufferAccess buffers, LoopReductions reductions)
    : SimdStepPart(step)
{
    /// <summary>The labels before the increments of the uniform inner loops being written, innermost last ('continue' jumps there).</summary>
    private readonly List<string> _continueLabels = new();

    /// <summary>The body: its locals declared, then its statements.</summary>
    public void Write()
    {
        DeclareLoopLocals();
        WriteLoopStatements(Body.Statements);
    }

    /// <summary>Every local of the body: a scalar when it is the same in all lanes, registers otherwise.</summary>
    private void DeclareLoopLocals()
    {
        foreach (LocalExpr local in KernelBody.AllStatements(Body.Statements).OfType<AssignStmt>().Select(a => a.Target).GroupBy(l => l.LocalId).Select(g => g.First()))
        {
            string name = NewName(local.Name);
            if (Analysis.IsUniformLocal(local.LocalId))
            {
                uniforms.DeclaredInStep(name);
                Lines.Add($"{local.Type.Keyword()} {name} = default;");
                Locals[local.LocalId] = SimdValue.UniformInStep(local.Type, name);
                continue;
            }

            DeclareVaryingLocal(local, name);
        }
    }

    private void WriteLoopStatements(IReadOnlyList<Stmt> statements)
    {
        foreach (Stmt statement in statements)
        {
            Lines.Add($"// kernel, line {statement.Source.Line}: {statement.Source.Text}");
            switch (statement)
            {
                case AssignStmt assign:
                {
                    SimdValue target = Locals[assign.Target.LocalId];
                    if (target.IsUniform)
                    {
                        Lines.Add($"{target.Scalar} = {uniforms.Scalar(assign.Value, assign.Target.Name)};");
                    }
                    else
                    {
                        // Under a branch that differs per lane only the lanes that take it change (a select).
                        executingLanes.Assign(target, expressions.Eval(assign.Value));
                    }

                    common.Forget(assign.Target.LocalId);
                    break;
                }

                case StoreStmt store:
                    buffers.StoreElements(store, expressions.Eval(store.Value));
                    common.ForgetBuffer(store.Buffer);
                    break;
                case ReduceStmt reduce:
                    reductions.Accumulate(reduce, expressions.Eval(reduce.Value));
                    break;
                case IfStmt branch when !Analysis.IsUniform(branch.Condition):
                    PredicatedIf(branch);
                    break;
                case IfStmt branch:
                {
                    Lines.Add($"if ({uniforms.Scalar(branch.Condition, "condition")})");
                    WriteLoopBlock(branch.Then);
                    if (branch.Else.Count > 0)
                    {
                        Lines.Add("else");
                        WriteLoopBlock(branch.Else);
                    }

                    break;
                }

                case LoopStmt loop:
                {
                    Stmt[] inLoop = loop.Body.Concat(loop.Increment).ToArray();
                    common.ForgetAssignedIn(inLoop);
                    var outside = common.EnterScope();
                    var masks = executingLanes.EnterScope();
                    Lines.Add("while (true)");
                    Lines.Add("{");
                    if (loop.TestFirst)
                    {
                        LoopTest(loop);
                    }

                    // 'continue' in the body goes to the increment (a while loop's own 'continue' would skip it).
                    bool continues = ContinuesAtThisLevel(loop.Body);
                    string label = $"sourceGenContinue{_continueLabels.Count}_{Lines.Count}";
                    _continueLabels.Add(label);
                    WriteLoopStatements(loop.Body);
                    _continueLabels.RemoveAt(_continueLabels.Count - 1);
                    if (continues)
                    {
                        Lines.Add($"{label}: ;");
                    }

                    WriteLoopStatements(loop.Increment);
                    if (!loop.TestFirst)
                    {
                        LoopTest(loop);
                    }

                    Lines.Add("}");
                    common.LeaveScope(outside, inLoop);
                    executingLanes.LeaveScope(masks);
                    break;
                }

                case BreakStmt:
                    Lines.Add("break;");
                    break;
                case ContinueStmt when _continueLabels.Count > 0:
                    Lines.Add($"goto {_continueLabels[_continueLabels.Count - 1]};");
                    break;
                default:
                    throw new System.InvalidOperationException("Unexpected statement in a vectorized loop: " + statement.GetType().Name);
            }
        }
    }

    /// <summary>Whether a loop body has a 'continue' of its own (in its ifs, not in loops nested in it).</summary>
    private static bool ContinuesAtThisLevel(IEnumerable<Stmt> statements) => statements.Any(statement => statement switch
    {
        ContinueStmt => true,
        IfStmt branch => ContinuesAtThisLevel(branch.Then) || ContinuesAtThisLevel(branch.Else),
        _ => false,
    });

    /// <summary>
    /// An <c>if</c> whose condition differs per lane: both sides run, each under its lanes' mask (assignments are
    /// selects, stores write only those lanes, reads on a slow path read only for them), as ISPC does.
    /// </summary>
    private void PredicatedIf(IfStmt branch)
    {
        string[]? outer = executingLanes.Registers;
        string[] condition = Materialize(SimdValue.Mask(SmallestSize, conversions.Registers(expressions.Eval(branch.Condition), SmallestSize)), "condition", force: true).Registers!;
        Lines.Add($"// {branch.Source.Text}: both sides, each for the lanes that take it");
        PredicatedSide(branch.Then, outer, condition, negate: false);
        if (branch.Else.Count > 0)
        {
            Lines.Add("// else");
            PredicatedSide(branch.Else, outer, condition, negate: true);
        }

        executingLanes.Set(outer);
    }

    private void PredicatedSide(IReadOnlyList<Stmt> statements, string[]? outer, string[] condition, bool negate)
    {
        string[] side = DeclareRegisters(negate ? "elseLanes" : "thenLanes", MaskType, condition.Length, "default");
        for (int k = 0; k < side.Length; k++)
        {
            string test = negate ? $"~{condition[k]}" : condition[k];
            Lines.Add($"{side[k]} = {(outer is null ? test : $"{outer[k]} & {test}")};");
        }

        executingLanes.Set(side);
        string guard = NewName(negate ? "elseLaneFlags" : "thenLaneFlags");
        DeclareStackBuffer(MaskLane.Keyword(), guard);
        executingLanes.PushReadGuard(guard, side);
        Lines.Add("{");
        var scope = common.EnterScope();
        WriteLoopStatements(statements);
        common.LeaveScope(scope, statements);
        Lines.Add("}");
        executingLanes.PopReadGuard();
    }

    private void LoopTest(LoopStmt loop)
    {
        var scope = common.EnterScope();
        Lines.Add($"if (!({uniforms.Scalar(loop.Condition, "condition")}))");
        Lines.Add("{");
        Lines.Add("break;");
        Lines.Add("}");
        common.Restore(scope);
    }

    private void WriteLoopBlock(IReadOnlyList<Stmt> statements)
    {
        Lines.Add("{");
        var outside = common.EnterScope();
        var masks = executingLanes.EnterScope();
        WriteLoopStatements(statements);
        common.LeaveScope(outside, statements);
        executingLanes.LeaveScope(masks);
        Lines.Add("}");
    }

}
