using System.Collections.Generic;
using System.Linq;
using SourceGen.Generator.Emitting;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// Loop counters that every lane still in a loop agrees on, in a masked kernel. The escape-time loop of the Julia set
/// counts <c>n</c> from 0 and leaves at <c>n &lt; maxIter</c>: every lane in the loop has run the same number of
/// iterations, so <c>n</c> is the same in all of them, and the test is one scalar compare and a branch rather
/// than a vector compare and mask arithmetic per register. The vector <c>n</c> is still kept: after the loop
/// lanes differ (each left at its own iteration). The control flow begins and ends the counters; the expression
/// lowering reads them.
/// </summary>
internal sealed class InductionCounters(SimdStepContext step, UniformValues uniforms) : SimdStepPart(step)
{
    /// <summary>Counters of the loops being written: local id → the scalar copy, valid inside the loop only.</summary>
    private readonly Dictionary<int, string> _inductionScalars = new();

    /// <summary>
    /// Locals of <paramref name="loop"/> that are counters: set to a constant by the last statement before the loop
    /// that touches them (in the same block), assigned exactly once in the loop, by <c>x = x + 1</c>, where every lane
    /// that stays in the loop runs it (the top level of the for-increment, or of the body with no <c>continue</c>
    /// before it). Lanes that break or return leave the loop and no longer matter.
    /// </summary>
    private static List<(LocalExpr Local, string Initial)> Find(LoopStmt loop, IReadOnlyList<Stmt> before)
    {
        var counters = new List<(LocalExpr, string)>();
        List<AssignStmt> assignments = KernelBody.AllStatements(loop.Body.Concat(loop.Increment)).OfType<AssignStmt>().ToList();
        foreach (AssignStmt increment in assignments)
        {
            LocalExpr local = increment.Target;
            if (!IsIncrementByOne(increment) || assignments.Count(a => a.Target.LocalId == local.LocalId) != 1)
            {
                continue;
            }

            int inBody = IndexOf(loop.Body, increment);
            bool everyStayingLaneRunsIt = loop.Increment.Any(s => ReferenceEquals(s, increment))
                || (inBody >= 0 && !KernelBody.AllStatements(loop.Body.Take(inBody)).Any(s => s is ContinueStmt));
            if (!everyStayingLaneRunsIt)
            {
                continue;
            }

            for (int i = before.Count - 1; i >= 0; i--)
            {
                if (!KernelBody.AllStatements(new[] { before[i] }).OfType<AssignStmt>().Any(a => a.Target.LocalId == local.LocalId))
                {
                    continue;
                }

                if (before[i] is AssignStmt { Value: ConstantExpr constant } && constant.Type == local.Type)
                {
                    counters.Add((local, constant.Literal));
                }

                break;
            }
        }

        return counters;
    }

    /// <summary><c>x = x + 1</c> on a signed integer local.</summary>
    internal static bool IsIncrementByOne(AssignStmt assign) =>
        assign.Target.Type is ElementType.Int32 or ElementType.Int64
        && assign.Value is BinaryExpr { Op: BinaryOp.Add, Left: LocalExpr local, Right: ConstantExpr { Literal: "1" or "1L" } }
        && local.LocalId == assign.Target.LocalId;

    private static int IndexOf(IReadOnlyList<Stmt> statements, Stmt statement)
    {
        for (int i = 0; i < statements.Count; i++)
        {
            if (ReferenceEquals(statements[i], statement))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Declares the scalar copy of each counter of <paramref name="loop"/>; returns their local ids.</summary>
    public List<int> Begin(LoopStmt loop, IReadOnlyList<Stmt> before)
    {
        var ids = new List<int>();
        foreach ((LocalExpr local, string initial) in Find(loop, before))
        {
            string name = NewName(local.Name + "InLoop");
            uniforms.DeclaredInStep(name);
            Lines.Add($"// {local.Name} counts the iterations: every lane still in the loop holds {name}");
            Lines.Add($"{local.Type.Keyword()} {name} = {initial};");
            _inductionScalars[local.LocalId] = name;
            ids.Add(local.LocalId);
        }

        return ids;
    }

    /// <summary>Leaving the loop: its counters' scalar copies are out of scope (lanes left at different iterations).</summary>
    public void End(List<int> ids)
    {
        foreach (int id in ids)
        {
            _inductionScalars.Remove(id);
        }
    }

    /// <summary>Whether <paramref name="localId"/> is a counter of a loop being written.</summary>
    public bool IsCounter(int localId) => _inductionScalars.ContainsKey(localId);

    /// <summary>The scalar update beside the vector one, when <paramref name="assign"/> increments a counter.</summary>
    public void Advance(AssignStmt assign)
    {
        if (_inductionScalars.TryGetValue(assign.Target.LocalId, out string? name))
        {
            Lines.Add($"{name} = unchecked({name} + 1);");
        }
    }

    /// <summary>
    /// <c>counter op uniform</c> (or the other way round) inside the counter's loop: one scalar compare, the same for
    /// every executing lane. Null for any other expression.
    /// </summary>
    public SimdValue? Comparison(Expr expression)
    {
        if (!IsComparison(expression))
        {
            return null;
        }

        var binary = (BinaryExpr)expression;
        string? counter = binary.Left is LocalExpr left && _inductionScalars.TryGetValue(left.LocalId, out string? l) ? l : null;
        string? counterOnRight = binary.Right is LocalExpr right && _inductionScalars.TryGetValue(right.LocalId, out string? r) ? r : null;
        Expr other = counter is not null ? binary.Right : binary.Left;

        SimdValue value = uniforms.Of(other);
        string scalar = value.InStep ? value.Scalar! : uniforms.StepScalar(value.Scalar!, other.Type, "bound");
        string token = ScalarExpressionPrinter.BinaryToken(binary.Op);
        string name = NewName("inRange");
        uniforms.DeclaredInStep(name);
        Lines.Add(counter is not null
            ? $"bool {name} = {counter} {token} {scalar};"
            : $"bool {name} = {scalar} {token} {counterOnRight};");
        return SimdValue.UniformInStep(ElementType.Bool, name);
    }

    /// <summary><c>counter op uniform</c> (or the other way round) inside the counter's loop, the uniform side safe to compute early.</summary>
    private bool IsComparison(Expr expression)
    {
        if (_inductionScalars.Count == 0 || expression is not BinaryExpr binary || KernelComparison(binary.Op) is null)
        {
            return false;
        }

        bool counterOnLeft = binary.Left is LocalExpr left && _inductionScalars.ContainsKey(left.LocalId);
        bool counterOnRight = binary.Right is LocalExpr right && _inductionScalars.ContainsKey(right.LocalId);
        Expr? other = counterOnLeft ? binary.Right : counterOnRight ? binary.Left : null;
        return other is not null && Analysis.IsUniform(other) && !ExprFacts.MayThrow(other);
    }

    /// <summary>
    /// A loop condition made of counters' tests only (<c>n &lt; maxIter</c>): it ends the loop for every lane at once,
    /// so no lane leaves the loop through it alone.
    /// </summary>
    public bool IsCounterTest(Expr condition) =>
        !ExprFacts.MayThrow(condition) && !Analysis.RunsPerLane(condition) && Conjuncts(condition).All(IsComparison);

    /// <summary>
    /// A counter read inside its loop: every lane that runs the read holds the scalar copy, so the read is a
    /// broadcast of it and the vector need not be held in registers through the loop. Null for any other local.
    /// </summary>
    public SimdValue? Read(LocalExpr local) =>
        _inductionScalars.TryGetValue(local.LocalId, out string? name)
            ? SimdValue.Varying(local.Type, Enumerable.Repeat($"{V}.Create({name})", RegisterCount(local.Type)).ToArray())
            : null;

    /// <summary>The operands of a chain of <c>&amp;&amp;</c>, left to right.</summary>
    internal static IEnumerable<Expr> Conjuncts(Expr condition) =>
        condition is BinaryExpr { Op: BinaryOp.ConditionalAnd } and
            ? Conjuncts(and.Left).Concat(Conjuncts(and.Right))
            : new[] { condition };
}
