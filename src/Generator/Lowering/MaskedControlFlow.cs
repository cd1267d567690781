using System.Collections.Generic;
using System.Linq;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// The statements of a <c>[Vectorize]</c> kernel with control flow, with lane masks, as ISPC does. Locals live in
/// registers for the whole step; an <c>executing</c> mask (<see cref="ExecutingLanes"/>) says which lanes run the
/// current statement, and every assignment under it is a select. A varying <c>if</c> runs a side only when some lane
/// takes it (so code all lanes skip costs one test); a loop runs until no lane is left in it; <c>break</c>,
/// <c>continue</c> and <c>return</c> take lanes out of the loop's, the iteration's, or the kernel's set; a lane that
/// returned keeps its result. Expressions are lowered by <see cref="ExpressionLowerer"/>; loop counters every lane
/// agrees on by <see cref="InductionCounters"/>.
/// </summary>
internal sealed class MaskedControlFlow(
    SimdStepContext step, ExpressionLowerer expressions, VectorConversions conversions, ExecutingLanes executingLanes,
    CommonValues common, InductionCounters induction, VectorizeOperands operands)
    : SimdStepPart(step)
{
    private string[] _live = System.Array.Empty<string>();
    private string[] _result = System.Array.Empty<string>();
    private readonly Stack<LoopFrame> _loops = new();

    /// <summary>
    /// True right after a loop iteration starts, while the executing lanes are exactly the lanes in the loop:
    /// then a local that nothing outside the loop reads may be assigned without a select (lanes that left the
    /// loop never read it again). The escape-time loops of the Julia set are made of such assignments.
    /// </summary>
    private bool _executingIsWholeLoop;

    /// <summary>The lanes still in a loop, and those that skipped the rest of this iteration.</summary>
    /// <remarks>
    /// A lane that returns leaves every loop around it too, so <see cref="Active"/> never holds a lane that has
    /// returned: inside a loop the 'live' mask is implied by 'inLoop' and is not ANDed again.
    /// </remarks>
    private sealed class LoopFrame
    {
        public LoopFrame(string[] active, string[]? continued, HashSet<int> readOutside, bool defersReturns, bool testsOnLeave)
        {
            Active = active;
            Continued = continued;
            ReadOutside = readOutside;
            DefersReturns = defersReturns;
            TestsOnLeave = testsOnLeave;
        }

        /// <summary>
        /// True when lanes leave this loop only at its own break and return statements (its condition is a counter's
        /// test): whether any lane is left is then tested where lanes leave, not at the top of every iteration.
        /// </summary>
        public bool TestsOnLeave { get; }

        /// <summary>Locals read anywhere outside the loop (their values must survive for lanes that left it).</summary>
        public HashSet<int> ReadOutside { get; }

        public string[] Active { get; }

        /// <summary>The lanes that ran <c>continue</c> in this iteration; null when the loop has no <c>continue</c>.</summary>
        public string[]? Continued { get; }

        /// <summary>
        /// True when a lane leaves this loop only by returning (its condition is a counter's test, the same for all
        /// lanes, and it has no <c>break</c>): 'live' is then brought up to date once, after the loop, from the lanes
        /// that entered and are no longer in it, instead of on every return (one mask fewer held in the loop).
        /// </summary>
        public bool DefersReturns { get; }
    }

    /// <summary>The whole kernel: its locals and result declared, its statements, and the results stored.</summary>
    public void Write()
    {
        // Every local and the result live in registers for the whole step.
        foreach (LocalExpr local in KernelBody.AllStatements(Body.Statements).OfType<AssignStmt>().Select(a => a.Target).GroupBy(l => l.LocalId).Select(g => g.First()))
        {
            DeclareVaryingLocal(local, NewName(local.Name));
        }

        // Inputs are loaded up front: a load first used inside a branch must stay visible after it.
        foreach (ParameterExpr parameter in KernelBody.AllStatements(Body.Statements).SelectMany(KernelBody.OwnExpressions).SelectMany(ExprFacts.Descendants).OfType<ParameterExpr>())
        {
            if (!Analysis.IsUniform(parameter))
            {
                operands.Load(parameter);
            }
        }

        ElementType resultLane = Body.ReturnType == ElementType.Bool ? MaskLane : Body.ReturnType;
        _result = DeclareRegisters("result", VectorType(resultLane), RegisterCount(resultLane), "default");
        _live = DeclareRegisters("live", MaskType, RegisterCount(MaskLane), $"{MaskType}.AllBitsSet");
        Lines.Add("// 'live': lanes that have not returned yet; 'executing': lanes that run the current statement.");

        WriteStatements(Body.Statements);

        SimdValue result = Body.ReturnType == ElementType.Bool ? SimdValue.Mask(SmallestSize, _result) : SimdValue.Varying(Body.ReturnType, _result);
        operands.Store(result, Body.ReturnType);
    }

    /// <summary>How many times the kernel reads each local (counted once: asked for every loop).</summary>
    private Dictionary<int, int>? _readsInKernel;

    /// <summary>Locals read by any statement outside <paramref name="loop"/> (counted by reads, nested loops included).</summary>
    private HashSet<int> LocalsReadOutside(LoopStmt loop)
    {
        Dictionary<int, int> all = _readsInKernel ??= Reads(Body.Statements);
        Dictionary<int, int> inside = Reads(new Stmt[] { loop });
        return new HashSet<int>(all.Where(pair => !inside.TryGetValue(pair.Key, out int count) || count < pair.Value).Select(pair => pair.Key));
    }

    internal static Dictionary<int, int> Reads(IEnumerable<Stmt> statements)
    {
        var reads = new Dictionary<int, int>();
        foreach (Expr expression in KernelBody.AllStatements(statements).SelectMany(KernelBody.OwnExpressions).SelectMany(ExprFacts.Descendants))
        {
            if (expression is LocalExpr local)
            {
                reads[local.LocalId] = reads.TryGetValue(local.LocalId, out int count) ? count + 1 : 1;
            }
        }

        return reads;
    }

    /// <summary>
    /// Whether every read of the local in the kernel comes after <paramref name="index"/> in <paramref name="statements"/>
    /// (the list being written), or there is none. A lane that runs one of those reads ran this assignment in the same
    /// pass over the list (lanes only leave a list, never join it midway), so the assignment needs no select: the
    /// lanes it skips never read what it writes.
    /// </summary>
    private bool ReadOnlyAfter(IReadOnlyList<Stmt> statements, int index, int localId)
    {
        Dictionary<int, int> all = _readsInKernel ??= Reads(Body.Statements);
        if (!all.TryGetValue(localId, out int total))
        {
            return true;
        }

        if (statements[index] is AssignStmt assign && ExprFacts.Descendants(assign.Value).Any(e => e is LocalExpr local && local.LocalId == localId))
        {
            // x = f(x): read before it is written.
            return false;
        }

        return Reads(statements.Skip(index + 1)).TryGetValue(localId, out int after) && after == total;
    }

    private void WriteStatements(IReadOnlyList<Stmt> statements)
    {
        for (int index = 0; index < statements.Count; index++)
        {
            Stmt statement = statements[index];
            Lines.Add($"// kernel, line {statement.Source.Line}: {statement.Source.Text}");
            switch (statement)
            {
                case AssignStmt assign when IsMaskedIncrement(assign):
                {
                    if (CounterVectorNeeded(assign.Target.LocalId))
                    {
                        // n++ under a mask: executing lanes hold -1, so subtracting the mask adds one only there.
                        string[] mask = executingLanes.As(assign.Target.Type)!;
                        string[] registers = Locals[assign.Target.LocalId].Registers!;
                        for (int k = 0; k < registers.Length; k++)
                        {
                            Lines.Add($"{registers[k]} -= {mask[k]};");
                        }
                    }
                    else
                    {
                        Lines.Add($"// nothing reads {assign.Target.Name} after the loop: only its scalar copy counts");
                    }

                    induction.Advance(assign);
                    common.Forget(assign.Target.LocalId);
                    break;
                }

                case AssignStmt assign:
                    // No select where the lanes that do not run the assignment never read the local again: in a
                    // loop whose lanes all run it, a local nothing outside the loop reads; anywhere, a local read
                    // only by the statements after it in the same block.
                    bool loopPrivate = _executingIsWholeLoop && _loops.Count > 0 && !_loops.Peek().ReadOutside.Contains(assign.Target.LocalId);
                    bool unmasked = executingLanes.Registers is null || loopPrivate || ReadOnlyAfter(statements, index, assign.Target.LocalId);
                    executingLanes.Assign(Locals[assign.Target.LocalId], expressions.Eval(assign.Value), unmasked);
                    induction.Advance(assign);
                    common.Forget(assign.Target.LocalId);
                    break;
                case ReturnStmt ret:
                    Return(expressions.Eval(ret.Value));
                    break;
                case IfStmt branch:
                    If(branch);
                    break;
                case LoopStmt loop:
                    Loop(loop, statements.Take(index).ToList());
                    break;
                case BreakStmt:
                    Leave(_loops.Peek().Active, "&= ~");
                    if (_loops.Peek().TestsOnLeave)
                    {
                        EndLoopIfEmpty(_loops.Peek());
                    }

                    break;
                case ContinueStmt:
                    Leave(_loops.Peek().Continued, "|= ");
                    break;
            }
        }
    }

    /// <summary>
    /// Whether the vector copy of a counter must be kept up to date in its loop: only when the kernel reads it after
    /// (or before) the loop; inside the loop reads use the scalar copy.
    /// </summary>
    private bool CounterVectorNeeded(int localId) =>
        !induction.IsCounter(localId) || _loops.Count == 0 || _loops.Peek().ReadOutside.Contains(localId);

    /// <summary><c>x = x + 1</c> on a signed integer local, under a mask (a loop's counter).</summary>
    private bool IsMaskedIncrement(AssignStmt assign) => executingLanes.Registers is not null && InductionCounters.IsIncrementByOne(assign);

    /// <summary><c>return</c>: executing lanes keep this result and stop.</summary>
    private void Return(SimdValue value)
    {
        _executingIsWholeLoop = false;
        SimdValue target = Body.ReturnType == ElementType.Bool ? SimdValue.Mask(SmallestSize, _result) : SimdValue.Varying(Body.ReturnType, _result);
        executingLanes.Assign(target, value);
        if (executingLanes.Registers is null)
        {
            // A return that every lane reaches: nothing after it runs.
            DeclareExecuting(Enumerable.Repeat($"{MaskType}.Zero", _live.Length).ToArray());
            for (int k = 0; k < _live.Length; k++)
            {
                Lines.Add($"{_live[k]} = {MaskType}.Zero;");
            }

            return;
        }

        // The returning lanes leave every loop around the return (so 'inLoop' implies 'live' inside loops).
        foreach (LoopFrame frame in _loops)
        {
            for (int k = 0; k < _live.Length; k++)
            {
                Lines.Add($"{frame.Active[k]} &= ~{executingLanes.Registers![k]};");
            }
        }

        if (_loops.Count == 0 || !_loops.Last().DefersReturns)
        {
            for (int k = 0; k < _live.Length; k++)
            {
                Lines.Add($"{_live[k]} &= ~{executingLanes.Registers![k]};");
            }
        }

        Leave(null, null);
        if (_loops.Count > 0 && _loops.Peek().TestsOnLeave)
        {
            EndLoopIfEmpty(_loops.Peek());
        }
    }

    /// <summary>Executing lanes leave: recorded in <paramref name="set"/> (break: out of the loop; continue: this iteration).</summary>
    private void Leave(string[]? set, string? operation)
    {
        _executingIsWholeLoop = false;
        string[] executing = EnsureExecuting();
        for (int k = 0; k < executing.Length; k++)
        {
            if (set is not null)
            {
                Lines.Add($"{set[k]} {operation}{executing[k]};");
            }

            Lines.Add($"{executing[k]} = {MaskType}.Zero;");
        }

        executingLanes.Changed();
    }

    private void If(IfStmt branch)
    {
        // Lanes that break or return leave the loop's set too: unless some lane continues, the lanes running the
        // statement after the if are again exactly the lanes in the loop.
        bool wholeLoopAfter = _executingIsWholeLoop && !LoopLevel(branch.Then.Concat(branch.Else)).Any(s => s is ContinueStmt);
        _executingIsWholeLoop = false;
        string[] condition = Materialize(SimdValue.Mask(SmallestSize, conversions.Registers(expressions.Eval(branch.Condition), SmallestSize)), "condition", force: true).Registers!;
        string[] entering = EnsureExecuting();
        string[] saved = Copy(entering, "entering");

        Lines.Add("// then: the lanes where the condition holds");
        Restrict(saved, condition, negate: false);
        Lines.Add($"if ({AnyLane(entering)})");
        Lines.Add("{");
        var outside = common.EnterScope();
        WriteStatements(branch.Then);
        common.LeaveScope(outside, branch.Then);
        Lines.Add("}");

        if (branch.Else.Count > 0)
        {
            Lines.Add("// else: the lanes where it does not");
            Restrict(saved, condition, negate: true);
            Lines.Add($"if ({AnyLane(entering)})");
            Lines.Add("{");
            outside = common.EnterScope();
            WriteStatements(branch.Else);
            common.LeaveScope(outside, branch.Else);
            Lines.Add("}");
        }

        if (wholeLoopAfter)
        {
            // Every lane in the loop entered the if, and the lanes that left it by break or return left the loop too.
            Lines.Add("// after the if: the lanes still in the loop");
            SetExecutingTo(_loops.Peek().Active);
        }
        else
        {
            Lines.Add(ContainsReturn(branch.Then.Concat(branch.Else)) || LoopLevel(branch.Then.Concat(branch.Else)).Any(s => s is BreakStmt or ContinueStmt)
                ? "// after the if: the lanes that entered it and have not left"
                : "// after the if: the lanes that entered it");
            Rejoin(saved, branch.Then.Concat(branch.Else), isLoop: false);
        }

        _executingIsWholeLoop = wholeLoopAfter;
    }

    private void Loop(LoopStmt loop, IReadOnlyList<Stmt> before)
    {
        // A nested loop breaks and continues only itself: after it, the lanes of an enclosing loop are as before.
        bool wholeLoopAfter = _executingIsWholeLoop;
        _executingIsWholeLoop = false;
        string[] entering = EnsureExecuting();
        string[] saved = Copy(entering, "beforeLoop");
        string[] active = Copy(entering, "inLoop");
        List<int> counters = induction.Begin(loop, before);
        List<Stmt> loopLevel = LoopLevel(loop.Body).ToList();
        string[]? continued = loopLevel.Any(s => s is ContinueStmt)
            ? DeclareRegisters("continued", MaskType, active.Length, $"{MaskType}.Zero")
            : null;
        bool returns = ContainsReturn(loop.Body);
        bool defersReturns = returns && _loops.Count == 0 && !loopLevel.Any(s => s is BreakStmt) && induction.IsCounterTest(loop.Condition);
        bool testsOnLeave = induction.IsCounterTest(loop.Condition) && (!returns || loopLevel.Count(s => s is ReturnStmt) == KernelBody.AllStatements(loop.Body).Count(s => s is ReturnStmt));
        var frame = new LoopFrame(active, continued, LocalsReadOutside(loop), defersReturns, testsOnLeave);

        // Values computed before the loop from locals the loop assigns are stale from the second iteration on.
        Stmt[] inLoop = loop.Body.Concat(loop.Increment).ToArray();
        common.ForgetAssignedIn(inLoop);
        var outside = common.EnterScope();
        if (testsOnLeave)
        {
            // A flag, not an if around the loop: kernels nest loops hundreds deep, and C# nesting costs compile time.
            string entered = NewName("someLaneEntered");
            Lines.Add("// the loop runs while some lane is in it: tested here, and then where lanes leave it");
            Lines.Add($"bool {entered} = {AnyLane(active)};");
            Lines.Add($"while ({entered})");
        }
        else
        {
            Lines.Add("while (true)");
        }

        Lines.Add("{");
        if (loop.TestFirst)
        {
            TestLoopCondition(loop, frame);
        }

        for (int k = 0; k < active.Length; k++)
        {
            if (continued is not null)
            {
                Lines.Add($"{continued[k]} = {MaskType}.Zero;");
            }

            Lines.Add($"{entering[k]} = {active[k]};");
        }

        executingLanes.Changed();
        _loops.Push(frame);
        _executingIsWholeLoop = loop.TestFirst;
        WriteStatements(loop.Body);
        _executingIsWholeLoop = false;
        _loops.Pop();

        // The increment (and a do-while's test) run for the lanes still in the loop, continued ones included.
        for (int k = 0; k < entering.Length; k++)
        {
            Lines.Add($"{entering[k]} = {active[k]};");
        }

        executingLanes.Changed();
        _loops.Push(frame);
        WriteStatements(loop.Increment);
        _loops.Pop();
        if (!loop.TestFirst)
        {
            TestLoopCondition(loop, frame);
        }

        Lines.Add("}");
        common.LeaveScope(outside, inLoop);
        induction.End(counters);
        if (defersReturns)
        {
            Lines.Add("// the lanes that entered the loop and are no longer in it returned (it has no other way out)");
            for (int k = 0; k < _live.Length; k++)
            {
                Lines.Add($"{_live[k]} &= ~{saved[k]} | {active[k]};");
            }
        }

        Lines.Add(returns ? "// after the loop: the lanes that entered it and have not returned" : "// after the loop: the lanes that entered it");
        Rejoin(saved, loop.Body, isLoop: true);
        _executingIsWholeLoop = wholeLoopAfter;
    }

    /// <summary>Lanes whose condition is false leave the loop; the loop ends when none is left.</summary>
    private void TestLoopCondition(LoopStmt loop, LoopFrame frame)
    {
        string[] executing = executingLanes.Registers!;
        for (int k = 0; k < executing.Length; k++)
        {
            Lines.Add($"{executing[k]} = {frame.Active[k]};");
        }

        executingLanes.Changed();
        Lines.Add($"// {loop.Source.Text}: lanes whose condition fails leave the loop");
        List<Expr> varying = new() { loop.Condition };
        if (!ExprFacts.MayThrow(loop.Condition) && !Analysis.RunsPerLane(loop.Condition))
        {
            // Nothing in the condition can throw or has side effects, so its parts may be tested in any order:
            // a counter's test that fails ends the loop for every lane at once.
            varying.Clear();
            foreach (Expr conjunct in InductionCounters.Conjuncts(loop.Condition))
            {
                if (induction.Comparison(conjunct) is { } uniform)
                {
                    Lines.Add($"if (!{uniform.Scalar})");
                    Lines.Add("{");
                    Lines.Add("break;");
                    Lines.Add("}");
                }
                else
                {
                    varying.Add(conjunct);
                }
            }
        }

        string[][] conditions = varying.Select(conjunct => conversions.Registers(expressions.Eval(conjunct), SmallestSize)).ToArray();
        for (int k = 0; k < frame.Active.Length && conditions.Length > 0; k++)
        {
            Lines.Add($"{frame.Active[k]} &= {string.Join(" & ", conditions.Select(condition => condition[k]))};");
        }

        if (!frame.TestsOnLeave || conditions.Length > 0)
        {
            EndLoopIfEmpty(frame);
        }
    }

    /// <summary>Ends the C# loop of <paramref name="frame"/> when no lane is left in it.</summary>
    private void EndLoopIfEmpty(LoopFrame frame)
    {
        Lines.Add($"if (!({AnyLane(frame.Active)}))");
        Lines.Add("{");
        Lines.Add("break;");
        Lines.Add("}");
    }

    /// <summary>The executing mask variable, created (all live lanes) at the first branch.</summary>
    private string[] EnsureExecuting()
    {
        if (executingLanes.Registers is null)
        {
            DeclareExecuting(_live);
        }

        return executingLanes.Registers!;
    }

    private void DeclareExecuting(string[] initial)
    {
        string[] executing = DeclareRegisters("executing", MaskType, initial.Length, "");
        // DeclareRegisters wrote "T name = ;": give each its initial value.
        for (int k = 0; k < initial.Length; k++)
        {
            Lines[Lines.Count - initial.Length + k] = $"{MaskType} {executing[k]} = {initial[k]};";
        }

        executingLanes.Set(executing);
    }

    private void SetExecutingTo(string[] mask)
    {
        for (int k = 0; k < mask.Length; k++)
        {
            Lines.Add($"{executingLanes.Registers![k]} = {mask[k]};");
        }

        executingLanes.Changed();
    }

    private string[] Copy(string[] registers, string hint) => DeclareRegistersFrom(hint, registers);

    private string[] DeclareRegistersFrom(string hint, string[] source)
    {
        string name = NewName(hint);
        string[] registers = Enumerable.Range(0, source.Length).Select(k => NewName($"{name}_{k}")).ToArray();
        for (int k = 0; k < registers.Length; k++)
        {
            Lines.Add($"var {registers[k]} = {source[k]};");
        }

        return registers;
    }

    /// <summary>executing = entering &amp; (condition or its negation).</summary>
    /// <remarks>
    /// No lane that left since entering needs removing: only the then side has run, and its lanes are not the else side's.
    /// </remarks>
    private void Restrict(string[] entering, string[] condition, bool negate)
    {
        _executingIsWholeLoop = false;
        string[] executing = executingLanes.Registers!;
        for (int k = 0; k < executing.Length; k++)
        {
            Lines.Add($"{executing[k]} = {entering[k]} & {(negate ? "~" : "")}{condition[k]};");
        }

        executingLanes.Changed();
    }

    /// <summary>
    /// After a branch or loop (<paramref name="statements"/>): the lanes that entered, minus those that returned, broke
    /// or continued in it. Only the ways out that the statements contain are tested.
    /// </summary>
    private void Rejoin(string[] entering, IEnumerable<Stmt> statements, bool isLoop)
    {
        _executingIsWholeLoop = false;
        bool returns = ContainsReturn(statements);
        // A loop's own break and continue end inside it; a branch's take lanes out of the enclosing loop.
        List<Stmt> loopLevel = isLoop ? new List<Stmt>() : LoopLevel(statements).ToList();
        bool continues = loopLevel.Any(s => s is ContinueStmt);
        bool leaves = returns || continues || loopLevel.Any(s => s is BreakStmt);
        string[] executing = executingLanes.Registers!;
        for (int k = 0; k < executing.Length; k++)
        {
            string stillHere = !leaves ? ""
                : _loops.Count == 0 ? $" & {_live[k]}"
                : $" & {_loops.Peek().Active[k]}" + (continues && _loops.Peek().Continued is { } continued ? $" & ~{continued[k]}" : "");
            Lines.Add($"{executing[k]} = {entering[k]}{stillHere};");
        }

        executingLanes.Changed();
    }

    /// <summary>Whether the kernel returns from inside an if or a loop (asked once; most kernels return only at the end).</summary>
    private bool? _returnsInside;

    private bool ContainsReturn(IEnumerable<Stmt> statements) =>
        (_returnsInside ??= KernelBody.AllStatements(Body.Statements).Count(s => s is ReturnStmt) > Body.Statements.Count(s => s is ReturnStmt))
        && KernelBody.AllStatements(statements).Any(s => s is ReturnStmt);

    /// <summary>The statements at the level of the enclosing loop: nested ifs' included, nested loops' not (their break and continue are their own).</summary>
    internal static IEnumerable<Stmt> LoopLevel(IEnumerable<Stmt> statements) => KernelBody.AllStatements(statements, intoLoops: false);

    private string AnyLane(string[] mask) =>
        mask.Length == 1 ? $"{mask[0]} != {MaskType}.Zero" : $"({string.Join(" | ", mask)}) != {MaskType}.Zero";
}
