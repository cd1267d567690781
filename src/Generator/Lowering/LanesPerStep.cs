using System;
using System.Collections.Generic;
using System.Linq;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// How many elements a SIMD step computes at a width: from the smallest and largest element types it holds in
/// registers and how many registers of the widest are worth keeping in flight (unrolling). Read before any step is
/// written (by <see cref="SimdStepWriter"/> and by the emitters' summaries), so it depends on the kernel alone.
/// </summary>
internal static class LanesPerStep
{
    /// <summary>The lane count for a width: enough registers of the widest type in flight to hide latency.</summary>
    public static int For(int width, KernelBody body, LoweringAnalysis analysis, IReadOnlyList<EntryParameter> parameters, out int unroll)
    {
        (int smallest, int largest) = TypeSizes(body, analysis, parameters);
        int ratio = largest / smallest;

        // Measured on the Julia set: unrolling loop kernels too (more lanes in flight) beats one register each. A
        // vector math call's long dependent chain is a different matter: one call a register runs best with two
        // registers (GELU's Tanh, 1K doubles: 1.02 us with two, 1.26-1.49 with four), but a call on another's result
        // waits for the whole first chain, and there four registers side by side pay (MathCalls names each call per
        // register): softplus's Log(1 + Exp(x)) 1.92 -> 1.44 us, Black-Scholes 4.49 -> 3.45 us (2026-12-07).
        int widest = body.IsLoopBody ? 1 : analysis.HasHeavyMath && !ChainsHeavyMath(body) ? 2 : 4;
        if (!body.IsLoopBody && body.HasControlFlow)
        {
            // A masked loop keeps its values, inputs and masks in registers through every iteration; with too many
            // registers in flight they spill on every iteration. Measured (2026-12, AVX-512 machine): the escape-time
            // loops carry about 8 vectors per register in flight and run best with 4 in flight, on the 512- and the
            // 256-bit path alike (inputs that spill are read back as memory operands); a loop carrying 16 runs
            // 15-25 % faster with 2 than with 4.
            double perRegister = LoopVectors(body, analysis, smallest, largest);
            const int RegisterFile = 32;
            while (widest > 1 && perRegister * widest > RegisterFile)
            {
                widest /= 2;
            }
        }

        unroll = Math.Max(1, widest / ratio);
        return unroll * (width / 8) / smallest;
    }

    /// <summary>Whether a vector math call takes, directly or through locals, another one's result.</summary>
    internal static bool ChainsHeavyMath(KernelBody body)
    {
        var fromHeavy = new HashSet<int>();
        bool IsHeavy(Expr e) => e is CallExpr { Function: not MathFunction.None } call && MathTable.Row(call.Function).Heavy;
        bool UsesHeavy(Expr e) => ExprFacts.Descendants(e).Any(d => IsHeavy(d) || d is LocalExpr local && fromHeavy.Contains(local.LocalId));
        foreach (Stmt statement in KernelBody.AllStatements(body.Statements))
        {
            foreach (Expr expression in KernelBody.OwnExpressions(statement))
            {
                if (ExprFacts.Descendants(expression).Where(IsHeavy).Any(call => ((CallExpr)call).Arguments.Any(UsesHeavy)))
                {
                    return true;
                }
            }

            if (statement is AssignStmt assign && UsesHeavy(assign.Value))
            {
                fromHeavy.Add(assign.Target.LocalId);
            }
        }

        return false;
    }

    /// <summary>
    /// The most vectors an outermost loop of a masked kernel holds per register of the widest type (it holds what its
    /// inner loops hold): the locals it touches (a counter nothing reads after the loop counts nothing: it is a scalar
    /// there), the varying inputs it reads, its lane mask, and the result when it returns. Each counts its size
    /// relative to the widest type.
    /// </summary>
    internal static double LoopVectors(KernelBody body, LoweringAnalysis analysis, int smallest, int largest)
    {
        double Weight(ElementType type) => (double)(type == ElementType.Bool ? smallest : type.Size()) / largest;
        Dictionary<int, int> readsInKernel = MaskedControlFlow.Reads(body.Statements);
        double most = 0;
        foreach (LoopStmt loop in MaskedControlFlow.LoopLevel(body.Statements).OfType<LoopStmt>())
        {
            List<Stmt> statements = KernelBody.AllStatements(new Stmt[] { loop }).ToList();
            Dictionary<int, int> readsInside = MaskedControlFlow.Reads(new Stmt[] { loop });
            var locals = new Dictionary<int, ElementType>();
            foreach (LocalExpr local in statements.SelectMany(KernelBody.OwnExpressions).SelectMany(ExprFacts.Descendants).OfType<LocalExpr>()
                         .Concat(statements.OfType<AssignStmt>().Select(a => a.Target)))
            {
                locals[local.LocalId] = local.Type;
            }

            foreach (AssignStmt increment in statements.OfType<AssignStmt>().Where(InductionCounters.IsIncrementByOne))
            {
                int id = increment.Target.LocalId;
                if ((readsInKernel.TryGetValue(id, out int total) ? total : 0) == (readsInside.TryGetValue(id, out int inside) ? inside : 0))
                {
                    locals.Remove(id);
                }
            }

            var inputs = new HashSet<int>();
            double vectors = locals.Values.Sum(Weight) + Weight(ElementType.Bool)
                + (statements.Any(st => st is ReturnStmt) ? Weight(body.ReturnType) : 0);
            foreach (ParameterExpr parameter in statements.SelectMany(KernelBody.OwnExpressions).SelectMany(ExprFacts.Descendants).OfType<ParameterExpr>())
            {
                if (!analysis.IsUniform(parameter) && inputs.Add(parameter.Index))
                {
                    vectors += Weight(parameter.Type);
                }
            }

            most = Math.Max(most, vectors);
        }

        return most;
    }

    /// <summary>Sizes of the smallest and largest element types the SIMD code holds in registers.</summary>
    internal static (int Smallest, int Largest) TypeSizes(KernelBody body, LoweringAnalysis analysis, IReadOnlyList<EntryParameter> parameters)
    {
        int smallest = 8, largest = 1;
        void Note(ElementType type)
        {
            smallest = Math.Min(smallest, type.Size());
            largest = Math.Max(largest, type.Size());
        }

        foreach (EntryParameter parameter in parameters)
        {
            if (parameter.Role != ParameterRole.Uniform)
            {
                Note(parameter.ElementType);
            }
        }

        void Walk(Expr expression)
        {
            if (analysis.IsUniform(expression))
            {
                return;
            }

            if (expression.Type != ElementType.Bool)
            {
                Note(expression.Type);
            }

            if (expression is BinaryExpr binary && binary.OperandType != ElementType.Bool)
            {
                Note(binary.OperandType);
            }

            if (expression is LoadExpr load && UnitStrideIndex.Of(load.Index, analysis.IsUniform) is not null)
            {
                // A unit-stride index is one scalar per step (and per lane on the slow path), never a vector.
                return;
            }

            foreach (Expr operand in ExprFacts.Operands(expression))
            {
                Walk(operand);
            }
        }

        foreach (Stmt statement in KernelBody.AllStatements(body.Statements))
        {
            if (statement is AssignStmt assign
                && (body.IsLoopBody ? !analysis.IsUniformLocal(assign.Target.LocalId) : !analysis.IsUniform(assign.Value) || body.HasControlFlow))
            {
                // With control flow every local lives in registers of its type.
                if (((AssignStmt)statement).Target.Type != ElementType.Bool)
                {
                    Note(((AssignStmt)statement).Target.Type);
                }
            }

            if (statement is ReduceStmt reduce && reduce.Value.Type != ElementType.Bool)
            {
                // A reduction keeps partials in registers of its type even when what it adds is uniform ('r &= 7u').
                Note(reduce.Value.Type);
            }

            foreach (Expr expression in KernelBody.OwnExpressions(statement))
            {
                if (statement is StoreStmt store && ReferenceEquals(expression, store.Index))
                {
                    continue;
                }

                Walk(expression);
            }
        }

        if (body.IsLoopBody)
        {
            foreach (LoopBuffer buffer in body.Buffers)
            {
                Note(buffer.ElementType);
            }

            return (smallest, largest);
        }

        if (body.HasControlFlow && body.ReturnType != ElementType.Bool)
        {
            Note(body.ReturnType);
        }

        return (smallest, largest);
    }

    /// <summary>
    /// How many registers of each value a loop body's step holds: one, except for a short straight-line body
    /// that accumulates in any order (Max, Min, integers, FastMath sums) and calls no transcendental function,
    /// such as a max or a dot product: there the accumulator's latency bounds the loop, so four registers of
    /// partials are in flight (fewer when narrow and wide types mix, as for the unrolled [Vectorize] kernels).
    /// </summary>
    internal static int LoopBodyUnroll(KernelBody body, LoweringAnalysis analysis)
    {
        List<ReduceStmt> reductions = body.Statements.OfType<ReduceStmt>().ToList();
        if (!body.IsLoopBody || body.HasControlFlow || analysis.HasHeavyMath || body.Statements.Count > 4
            || reductions.Count == 0 || reductions.Any(r => ExprFacts.IsOrdered(r, body.FastMath)))
        {
            return 1;
        }

        (int smallest, int largest) = TypeSizes(body, analysis, new List<EntryParameter>());
        return System.Math.Max(1, 4 / (largest / smallest));
    }

    /// <inheritdoc cref="LoopBodyUnroll(KernelBody, LoweringAnalysis)"/>
    internal static int LoopBodyUnroll(KernelBody body)
    {
        try
        {
            return LoopBodyUnroll(body, LoweringAnalysis.Analyze(body, System.Array.Empty<bool>()));
        }
        catch (System.InvalidOperationException)
        {
            return 1;
        }
    }
}
