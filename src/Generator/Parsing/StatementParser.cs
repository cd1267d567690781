using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// Reads a kernel's statements into <see cref="KernelBodyParser.Statements"/>: local declarations, assignments
/// (<c>=</c>, <c>op=</c>, <c>++</c>/<c>--</c>), <c>if</c>/<c>else</c>, <c>while</c>, <c>do</c>, <c>for</c>, <c>break</c>,
/// <c>continue</c>, <c>return</c>; and what a kernel may not contain (<c>throw</c>, <c>goto</c>, <c>try</c>, <c>foreach</c>,
/// local functions, ...), each a problem that keeps it scalar. A nested block is read into a list of its own. In a
/// <c>[Parallel]</c> loop's body, assignments go to <see cref="LoopBodyStatements"/> first (element writes,
/// accumulations). Expressions are read by <see cref="ExpressionParser"/>.
/// </summary>
internal sealed class StatementParser(KernelBodyParser parse, ExpressionParser expressions, LoopBodyStatements? loopStatements)
{
    private int _statementDepth;

    /// <summary>Reads the statements of <paramref name="block"/> (<paramref name="isTopLevel"/>: the kernel's own block).</summary>
    public void ParseBlock(IBlockOperation block, bool isTopLevel)
    {
        for (int i = 0; i < block.Operations.Length; i++)
        {
            parse.CancellationToken.ThrowIfCancellationRequested();
            IOperation statement = block.Operations[i];
            bool isLast = isTopLevel && i == block.Operations.Length - 1;
            ParseStatement(statement, isLast);
        }
    }

    /// <summary>Reads one statement, counting its depth against <see cref="NestingLimits.MaxStatementDepth"/>.</summary>
    public void ParseStatement(IOperation statement, bool isLast)
    {
        if (_statementDepth >= NestingLimits.MaxStatementDepth)
        {
            parse.TooDeep(statement.Syntax, $"statements nested more than {NestingLimits.MaxStatementDepth} deep");
            return;
        }

        _statementDepth++;
        ParseStatementAt(statement, isLast);
        _statementDepth--;
    }

    private void ParseStatementAt(IOperation statement, bool isLast)
    {
        switch (statement)
        {
            case IVariableDeclarationGroupOperation group:
                foreach (IVariableDeclarationOperation declaration in group.Declarations)
                {
                    foreach (IVariableDeclaratorOperation declarator in declaration.Declarators)
                    {
                        LocalExpr? local = parse.DeclareLocal(declarator.Symbol, declarator.Syntax);
                        IVariableInitializerOperation? initializer = declarator.Initializer ?? declaration.Initializer;
                        if (local is not null && initializer is not null)
                        {
                            Expr? value = expressions.Parse(initializer.Value);
                            if (value is not null)
                            {
                                parse.Statements.Add(new AssignStmt(local, value, parse.Ref(statement.Syntax)));
                            }
                        }
                    }
                }

                break;

            case IExpressionStatementOperation expressionStatement:
                ParseExpressionStatement(expressionStatement.Operation, statement.Syntax);
                break;

            case IReturnOperation { ReturnedValue: { } returned }:
                Expr? result = expressions.Parse(returned);
                if (result is not null)
                {
                    parse.Statements.Add(new ReturnStmt(result, parse.Ref(statement.Syntax)));
                }

                break;

            case IReturnOperation when parse.HelpersBeingInlined.Count > 0:
                // A void helper's 'return;' (see Inlining).
                parse.Statements.Add(parse.VoidReturn(statement.Syntax));
                break;

            case IBlockOperation nested:
                ParseBlock(nested, isTopLevel: false);
                break;

            case IEmptyOperation:
                break;

            case IThrowOperation:
                parse.Problem(statement.Syntax, "'throw'", isError: true, why: "a kernel runs on many lanes at once and cannot stop for one of them");
                break;

            case IConditionalOperation conditional:
            {
                Expr? condition = expressions.Parse(conditional.Condition);
                EquatableArray<Stmt> then = ParseNested(conditional.WhenTrue);
                EquatableArray<Stmt> otherwise = ParseNested(conditional.WhenFalse);
                if (condition is not null)
                {
                    parse.Statements.Add(new IfStmt(condition, then, otherwise, parse.Ref(statement.Syntax, $"if ({conditional.Condition.Syntax})")));
                }

                break;
            }

            case IWhileLoopOperation loop:
            {
                // A do-while's test moves to the end of its body, which a 'continue' would skip.
                List<Stmt>? before = null;
                Expr? condition = loop.Condition is null ? expressions.True(statement.Syntax)
                    : loop.ConditionIsTop || !ContinuesItself(loop) ? ParseLoopCondition(loop.Condition, out before)
                    : parse.ParseUnspliced(loop.Condition);
                EquatableArray<Stmt> body = ParseNested(loop.Body);
                string header = loop.ConditionIsTop ? $"while ({loop.Condition?.Syntax})" : $"do ... while ({loop.Condition?.Syntax})";
                if (condition is not null)
                {
                    parse.Statements.Add(Loop(condition, before, body, EquatableArray<Stmt>.Empty, loop.ConditionIsTop, parse.Ref(statement.Syntax, header)));
                }

                break;
            }

            case IForLoopOperation loop:
            {
                foreach (IOperation initializer in loop.Before)
                {
                    ParseStatement(initializer, isLast: false);
                }

                List<Stmt>? before = null;
                Expr? condition = loop.Condition is null ? expressions.True(statement.Syntax) : ParseLoopCondition(loop.Condition, out before);
                EquatableArray<Stmt> body = ParseNested(loop.Body);
                List<Stmt> outer = parse.Statements;
                parse.Statements = new List<Stmt>();

                // A helper's statements in an increment join the increment (they run where it runs, after 'continue' too);
                // in a loop that runs in SIMD steps they stay a call (its inner loops keep uniform control flow).
                int blocked = parse.InLoopBody ? 1 : 0;
                parse.SpliceBlocked += blocked;
                foreach (IOperation increment in loop.AtLoopBottom)
                {
                    ParseStatement(increment, isLast: false);
                }

                parse.SpliceBlocked -= blocked;

                EquatableArray<Stmt> increments = parse.Statements.ToEquatableArray();
                parse.Statements = outer;
                string header = statement.Syntax is ForStatementSyntax forSyntax
                    ? $"for ({forSyntax.Declaration?.ToString() ?? string.Join(", ", forSyntax.Initializers)}; {forSyntax.Condition}; {string.Join(", ", forSyntax.Incrementors)})"
                    : "for";
                if (condition is not null)
                {
                    parse.Statements.Add(Loop(condition, before, body, increments, testFirst: true, parse.Ref(statement.Syntax, header)));
                }

                break;
            }

            case ILoopOperation loop:
                parse.Problem(statement.Syntax, $"a '{LoopKeyword(loop)}' loop", isError: false,
                    why: "a [Vectorize] kernel computes one element from scalars; loop with 'for' or 'while' over a count");
                break;

            case IBranchOperation { BranchKind: BranchKind.Break }:
                parse.Statements.Add(new BreakStmt(parse.Ref(statement.Syntax)));
                break;

            case IBranchOperation { BranchKind: BranchKind.Continue }:
                parse.Statements.Add(new ContinueStmt(parse.Ref(statement.Syntax)));
                break;

            case IBranchOperation:
                parse.Problem(statement.Syntax, $"'{statement.Syntax.GetFirstToken().ValueText}'", isError: false,
                    why: "lane masks follow structured control flow only; use if, loops, break, continue and return");
                break;

            case ILocalFunctionOperation:
                parse.Problem(statement.Syntax, "a local function", isError: false);
                break;

            case ITryOperation:
                parse.Problem(statement.Syntax, "'try'", isError: false);
                break;

            default:
                parse.Problem(statement.Syntax, SourceSnippet.Describe(statement), isError: false);
                break;
        }
    }

    /// <summary>Parses a nested statement (or block) into its own list.</summary>
    private EquatableArray<Stmt> ParseNested(IOperation? operation)
    {
        List<Stmt> outer = parse.Statements;
        parse.Statements = new List<Stmt>();
        if (operation is IBlockOperation block)
        {
            ParseBlock(block, isTopLevel: false);
        }
        else if (operation is not null)
        {
            ParseStatement(operation, isLast: false);
        }

        EquatableArray<Stmt> nested = parse.Statements.ToEquatableArray();
        parse.Statements = outer;
        return nested;
    }

    /// <summary>
    /// A loop's condition; <paramref name="before"/> receives the statements of helpers it calls (null when none, or in a
    /// loop that runs in SIMD steps, where such a call stays a call).
    /// </summary>
    private Expr? ParseLoopCondition(IOperation condition, out List<Stmt>? before)
    {
        before = null;
        if (parse.InLoopBody)
        {
            return parse.ParseUnspliced(condition);
        }

        List<Stmt> outer = parse.Statements;
        parse.Statements = new List<Stmt>();
        Expr? parsed = expressions.Parse(condition);
        if (parse.Statements.Count > 0)
        {
            before = parse.Statements;
        }

        parse.Statements = outer;
        return parsed;
    }

    /// <summary>
    /// The loop; with <paramref name="before"/> (a helper's statements that compute the condition, which must run on every
    /// test) the test becomes statements of the body: <c>while (true) { before; if (!condition) break; body }</c>, at the
    /// end of a do-while's body. A <c>continue</c> still reaches the test: through the increment to the top, or (a
    /// do-while) never, as the caller checks.
    /// </summary>
    private static LoopStmt Loop(Expr condition, List<Stmt>? before, EquatableArray<Stmt> body, EquatableArray<Stmt> increments, bool testFirst, SourceRef source)
    {
        if (before is null)
        {
            return new LoopStmt(condition, body, increments, testFirst, source);
        }

        SourceRef test = source with { Text = $"{source.Text}: lanes whose condition fails leave the loop" };
        var statements = new List<Stmt>(before)
        {
            new IfStmt(new UnaryExpr(UnaryOp.LogicalNot, condition, ElementType.Bool, condition.Source), new EquatableArray<Stmt>(new Stmt[] { new BreakStmt(test) }), EquatableArray<Stmt>.Empty, test),
        };
        EquatableArray<Stmt> withTest = (testFirst ? statements.Concat(body) : body.Concat(statements)).ToEquatableArray();
        return new LoopStmt(new ConstantExpr("true", ElementType.Bool, source with { Text = "true" }), withTest, increments, testFirst, source);
    }

    /// <summary>Whether a <c>continue</c> in <paramref name="loop"/>'s body continues this loop (not a nested one).</summary>
    private static bool ContinuesItself(ILoopOperation loop) =>
        loop.Body.Descendants().OfType<IBranchOperation>().Any(b => b.BranchKind == BranchKind.Continue && SymbolEqualityComparer.Default.Equals(b.Target, loop.ContinueLabel));

    private void ParseExpressionStatement(IOperation operation, SyntaxNode statementSyntax)
    {
        if (loopStatements is not null && loopStatements.TryParse(operation, statementSyntax))
        {
            return;
        }

        switch (operation)
        {
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation or IParameterReferenceOperation } assignment:
            {
                IOperation target = assignment.Target;
                LocalExpr? local = parse.LocalOf(target);
                Expr? value = expressions.Parse(assignment.Value);
                if (local is not null && value is not null)
                {
                    parse.Statements.Add(new AssignStmt(local, value, parse.Ref(statementSyntax)));
                }

                return;
            }

            case ICompoundAssignmentOperation { Target: ILocalReferenceOperation or IParameterReferenceOperation } compound:
            {
                IOperation target = compound.Target;
                LocalExpr? local = parse.LocalOf(target);
                if (local is not null && expressions.Compound(compound, local with { Source = parse.Ref(target.Syntax) }) is { } combined)
                {
                    parse.Statements.Add(new AssignStmt(local, combined, parse.Ref(statementSyntax)));
                }

                return;
            }

            case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation or IParameterReferenceOperation } increment:
            {
                IOperation target = increment.Target;
                LocalExpr? local = parse.LocalOf(target);
                if (local is not null && expressions.Increment(increment, local with { Source = parse.Ref(target.Syntax) }) is { } combined)
                {
                    parse.Statements.Add(new AssignStmt(local, combined, parse.Ref(statementSyntax)));
                }

                return;
            }

            case IInvocationOperation invocation when parse.TryParseCallStatement(invocation):
                return;

            case IDeconstructionAssignmentOperation deconstruction:
                parse.ParseDeconstruction(deconstruction);
                return;

            case IInvocationOperation or IThrowOperation:
                parse.Problem(operation.Syntax, operation is IThrowOperation ? "'throw'" : "a call whose result is discarded", isError: operation is IThrowOperation,
                    why: operation is IThrowOperation ? "a kernel runs on many lanes at once and cannot stop for one of them" : null);
                return;

            default:
                parse.Problem(operation.Syntax, SourceSnippet.Describe(operation), isError: false);
                return;
        }
    }

    private static string LoopKeyword(ILoopOperation loop) => loop.LoopKind switch
    {
        LoopKind.While => ((IWhileLoopOperation)loop).ConditionIsTop ? "while" : "do",
        LoopKind.For => "for",
        LoopKind.ForEach => "foreach",
        _ => "loop",
    };
}
