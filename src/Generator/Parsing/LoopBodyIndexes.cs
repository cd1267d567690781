using System.Collections.Generic;
using System.Linq;
using SourceGen.Generator.Lowering;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// Element indexes of a vectorized loop's body written out in full: <c>int i = y * width + x; d[i] = p[i] - …</c>
/// indexes <c>d</c> and <c>p</c> at <c>y * width + x</c>. A local assigned once, from values that do not change
/// within an iteration, is replaced by its value in indexes, so the lowering sees that consecutive iterations
/// touch consecutive elements; a local then read nowhere else is dropped.
/// </summary>
internal static class LoopBodyIndexes
{
    public static List<Stmt> Resolve(List<Stmt> statements)
    {
        var assignments = new Dictionary<int, List<AssignStmt>>();
        foreach (AssignStmt assign in KernelBody.AllStatements(statements).OfType<AssignStmt>())
        {
            if (!assignments.TryGetValue(assign.Target.LocalId, out List<AssignStmt>? list))
            {
                assignments[assign.Target.LocalId] = list = new List<AssignStmt>();
            }

            list.Add(assign);
        }

        var resolved = new Dictionary<int, Expr?>();
        Expr? Definition(int localId, HashSet<int> visiting)
        {
            if (resolved.TryGetValue(localId, out Expr? known))
            {
                return known;
            }

            Expr? value = null;
            if (assignments.TryGetValue(localId, out List<AssignStmt>? list) && list.Count == 1 && visiting.Add(localId))
            {
                value = Substitute(list[0].Value, visiting, Definition);
                visiting.Remove(localId);
            }

            resolved[localId] = value;
            return value;
        }

        List<Stmt> rewritten = statements.Select(statement => RewriteIndexes(statement, index => Substitute(index, new HashSet<int>(), Definition) ?? index)).ToList();
        return DropUnread(rewritten);
    }

    /// <summary>The expression with every local replaced by its definition; null if some local has none.</summary>
    private static Expr? Substitute(Expr expression, HashSet<int> visiting, System.Func<int, HashSet<int>, Expr?> definition)
    {
        bool complete = true;
        Expr result = Rewrite(expression, node =>
        {
            if (node is not LocalExpr local)
            {
                return null;
            }

            Expr? value = definition(local.LocalId, visiting);
            complete &= value is not null;
            return value ?? node;
        });
        return complete ? result : null;
    }

    private static Stmt RewriteIndexes(Stmt statement, System.Func<Expr, Expr> index)
    {
        Expr InLoads(Expr expression) => Rewrite(expression, node => node is LoadExpr load
            ? load with { Index = index(InLoads(load.Index)), Row = load.Row is null ? null : index(InLoads(load.Row)) }
            : null);
        EquatableArray<Stmt> All(EquatableArray<Stmt> list) => list.Select(s => RewriteIndexes(s, index)).ToEquatableArray();
        return statement switch
        {
            AssignStmt assign => assign with { Value = InLoads(assign.Value) },
            StoreStmt store => store with { Index = index(InLoads(store.Index)), Value = InLoads(store.Value), Row = store.Row is null ? null : index(InLoads(store.Row)) },
            IfStmt branch => branch with { Condition = InLoads(branch.Condition), Then = All(branch.Then), Else = All(branch.Else) },
            LoopStmt loop => loop with { Condition = InLoads(loop.Condition), Body = All(loop.Body), Increment = All(loop.Increment) },
            ReturnStmt ret => ret with { Value = InLoads(ret.Value) },
            ReduceStmt reduce => reduce with { Value = InLoads(reduce.Value) },
            _ => statement,
        };
    }

    /// <summary>Assignments to locals nothing reads, when computing the value cannot throw.</summary>
    private static List<Stmt> DropUnread(List<Stmt> statements)
    {
        var read = new HashSet<int>(KernelBody.AllStatements(statements).SelectMany(KernelBody.OwnExpressions)
            .SelectMany(ExprFacts.Descendants).OfType<LocalExpr>().Select(local => local.LocalId));
        List<Stmt> Keep(IEnumerable<Stmt> list) => list
            .Where(s => s is not AssignStmt assign || read.Contains(assign.Target.LocalId) || ExprFacts.MayThrow(assign.Value))
            .Select(s => s switch
            {
                IfStmt branch => branch with { Then = Keep(branch.Then).ToEquatableArray(), Else = Keep(branch.Else).ToEquatableArray() },
                LoopStmt loop => loop with { Body = Keep(loop.Body).ToEquatableArray(), Increment = Keep(loop.Increment).ToEquatableArray() },
                _ => s,
            })
            .ToList();
        return Keep(statements);
    }


    /// <summary>The tree with each node <paramref name="replace"/> returns non-null for replaced (its operands not visited).</summary>
    internal static Expr Rewrite(Expr expression, System.Func<Expr, Expr?> replace)
    {
        if (replace(expression) is { } replaced)
        {
            return replaced;
        }

        return expression switch
        {
            UnaryExpr unary => unary with { Operand = Rewrite(unary.Operand, replace) },
            BinaryExpr binary => binary with { Left = Rewrite(binary.Left, replace), Right = Rewrite(binary.Right, replace) },
            ConversionExpr conversion => conversion with { Operand = Rewrite(conversion.Operand, replace) },
            ConditionalExpr conditional => conditional with
            {
                Condition = Rewrite(conditional.Condition, replace),
                WhenTrue = Rewrite(conditional.WhenTrue, replace),
                WhenFalse = Rewrite(conditional.WhenFalse, replace),
            },
            CallExpr call => call with { Arguments = call.Arguments.Select(a => Rewrite(a, replace)).ToEquatableArray() },
            LoadExpr load => load with { Index = Rewrite(load.Index, replace), Row = load.Row is null ? null : Rewrite(load.Row, replace) },
            _ => expression,
        };
    }
}
