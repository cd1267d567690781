using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// Inlining of the kernel's helpers: static methods with source in the compilation (any file, any type) taking and
/// returning element types. A helper whose body is one expression is substituted into the calling expression; one with
/// statements (locals, <c>if</c>/<c>else</c>, early <c>return</c>, loops) is spliced into the kernel's statements just
/// before the statement that calls it: arguments evaluated once, in order, into fresh locals, the helper's locals fresh
/// for every call, and each <c>return v</c> an assignment of a fresh result local (the rest of the helper nested in the
/// branch that did not return). The call becomes that local. A call the kernel evaluates only for some elements (a
/// <c>?:</c> branch, the right of <c>&amp;&amp;</c>/<c>||</c>) gets its statements under an <c>if</c> on that condition, so
/// they run (and may throw) only where C# would run them. Anything else stays a call, run per lane (SG0101 says why).
/// </summary>
internal sealed partial class KernelBodyParser
{
    /// <summary>The condition of a lazily evaluated expression (a <c>?:</c>, <c>&amp;&amp;</c> or <c>||</c>) being parsed.</summary>
    private sealed class Guard(Expr condition)
    {
        public Expr Condition { get; } = condition;

        /// <summary>The local the condition was computed into, once a helper's statements in a branch needed it first.</summary>
        public LocalExpr? Hoisted { get; set; }
    }

    /// <summary>The lazily evaluated positions around the expression being parsed, with the branch taken (true: where the condition holds).</summary>
    private readonly List<(Guard Guard, bool WhenTrue)> _guards = new();

    /// <summary>Guards below this index are outside the helper being inlined (its statements are guarded as a whole).</summary>
    private int _guardBase;

    /// <summary>Above zero while parsing an expression evaluated again and again (a loop's condition or increment): no statements may precede it.</summary>
    private int _spliceBlocked;

    /// <summary>The call in the kernel's file being inlined: where a helper's code from another file is said to be.</summary>
    private SyntaxNode? _callSite;

    /// <summary>Helpers being inlined that turned out to call themselves (directly or through others): they stay calls.</summary>
    private readonly HashSet<IMethodSymbol> _recursive = new(SymbolEqualityComparer.Default);

    private const string Recursion = "it calls itself (directly or through another helper), and recursion cannot be inlined";

    private readonly SortedSet<string> _helperFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<SyntaxTree, SemanticModel> _helperModels = new();
    private readonly Dictionary<MethodDeclarationSyntax, IBlockOperation?> _helperBodies = new();

    private EquatableArray<string> HelperFiles() => _helperFiles.ToEquatableArray();

    /// <summary>Parses an expression that runs more than once per statement (a loop's condition): calls in it are not spliced.</summary>
    internal Expr? ParseUnspliced(IOperation operation)
    {
        _spliceBlocked++;
        Expr? result = ParseExpression(operation);
        _spliceBlocked--;
        return result;
    }

    /// <summary>
    /// The inlined value of a call to <paramref name="callee"/>, or null (the call stays; <paramref name="notInlined"/>
    /// says why when the helper has source).
    /// </summary>
    internal Expr? TryInline(IMethodSymbol callee, List<Expr> arguments, SyntaxNode call, out string? notInlined)
    {
        notInlined = null;
        if (_model is null)
        {
            return null;
        }

        if (SymbolEqualityComparer.Default.Equals(callee, _kernel) || _inlining.Contains(callee, SymbolEqualityComparer.Default))
        {
            // The helper being inlined calls itself: it fails as a whole (one level unrolled around a per-lane call would
            // hide the recursion from the user).
            _recursive.Add(callee);
            notInlined = Recursion;
            return null;
        }

        if (!ElementTypeFacts.TryFromSpecialType(callee.ReturnType.SpecialType, out ElementType resultType)
            || callee.Parameters.Any(p => p.RefKind != RefKind.None || !ElementTypeFacts.TryFromSpecialType(p.Type.SpecialType, out _))
            || callee.Parameters.Length != arguments.Count)
        {
            notInlined = "its parameters or result are not element types passed by value";
            return null;
        }

        MethodDeclarationSyntax? declaration = callee.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax(_cancellationToken))
            .OfType<MethodDeclarationSyntax>()
            .FirstOrDefault(d => d.Body is not null || d.ExpressionBody is not null);
        if (declaration is null)
        {
            notInlined = "its body is not in this project's source";
            return null;
        }

        SyntaxTree tree = declaration.SyntaxTree;
        if (tree != _tree)
        {
            // The parse now depends on that file's text: ParseReuse parses again when it changes.
            _helperFiles.Add(tree.FilePath);
        }

        if (!_helperBodies.TryGetValue(declaration, out IBlockOperation? block))
        {
            // Read once per helper, however often the kernel calls it.
            SemanticModel? model = ModelOf(tree);
            block = model is null || NestingLimits.NestsTooDeep(declaration)
                || model.GetOperation(declaration, _cancellationToken) is not IMethodBodyOperation body
                || model.GetDiagnostics(declaration.Span, _cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error)
                ? null
                : body.BlockBody ?? body.ExpressionBody;
            _helperBodies[declaration] = block;
        }

        if (block is null)
        {
            notInlined = "its body could not be read (it does not compile yet, or nests too deep)";
            return null;
        }

        SyntaxNode? callSite = _callSite;
        if (call.SyntaxTree == _tree)
        {
            _callSite = call;
        }

        try
        {
            // One expression, with arguments that cannot throw: substituted (as C# evaluates each argument once, in order).
            if (block.Operations.Length == 1 && block.Operations[0] is IReturnOperation { ReturnedValue: { } returned } && !arguments.Any(ExprFacts.MayThrow))
            {
                Expr? substituted = InlineExpression(callee, arguments, returned);
                if (substituted is not null)
                {
                    return substituted;
                }
            }

            Expr? inlined = InlineStatements(callee, resultType, arguments, block, call, out notInlined);
            _recursive.Remove(callee);
            return inlined;
        }
        finally
        {
            _callSite = callSite;
        }
    }

    private SemanticModel? ModelOf(SyntaxTree tree)
    {
        if (_model!.SyntaxTree == tree)
        {
            return _model;
        }

        if (!_helperModels.TryGetValue(tree, out SemanticModel? model))
        {
            model = _model.Compilation.ContainsSyntaxTree(tree) ? _model.Compilation.GetSemanticModel(tree) : null;
            if (model is not null)
            {
                _helperModels[tree] = model;
            }
        }

        return model;
    }

    /// <summary>The helper's expression with the arguments in place of its parameters; null (nothing changed) if it does not parse.</summary>
    private Expr? InlineExpression(IMethodSymbol callee, List<Expr> arguments, IOperation returned)
    {
        // Parse silently: if the helper holds anything outside the model, it is tried as statements, then stays a call.
        string? firstProblem = _firstProblem;
        DiagnosticSink? report = _report;
        int statements = _statements.Count;
        LocalExpr?[] hoisted = _guards.Select(g => g.Guard.Hoisted).ToArray();
        _report = null;
        _firstProblem = null;
        _inlining.Add(callee);
        for (int i = 0; i < arguments.Count; i++)
        {
            _substitutions[callee.Parameters[i]] = arguments[i];
        }

        Expr? inlined = ParseExpression(returned);
        foreach (IParameterSymbol parameter in callee.Parameters)
        {
            _substitutions.Remove(parameter);
        }

        _inlining.RemoveAt(_inlining.Count - 1);
        _report = report;
        bool failed = _firstProblem is not null || inlined is null;
        if (_recursive.Contains(callee))
        {
            // Left in the set: InlineStatements, tried next, refuses it too.
            failed = true;
        }

        _firstProblem = firstProblem;
        if (failed)
        {
            // Undo what the attempt added: statements of helpers it called, and conditions it computed into locals.
            _statements.RemoveRange(statements, _statements.Count - statements);
            for (int i = 0; i < hoisted.Length; i++)
            {
                _guards[i].Guard.Hoisted = hoisted[i];
            }

            return null;
        }

        return inlined;
    }

    /// <summary>Splices the helper's statements before the calling statement; returns the local holding its result.</summary>
    private Expr? InlineStatements(IMethodSymbol callee, ElementType resultType, List<Expr> arguments, IBlockOperation block, SyntaxNode call, out string? notInlined)
    {
        notInlined = null;
        if (_spliceBlocked > 0)
        {
            notInlined = _laneVariable is not null
                ? "it has statements, and the call is in the condition or increment of a loop inside a loop that runs in SIMD steps (call it before the loop and at the end of its body)"
                : "it has statements, and the call is in the condition of a do-while loop whose body has 'continue' (call it before the loop and at the end of its body)";
            return null;
        }

        HashSet<IParameterSymbol> assigned = AssignedParameters(callee, block);
        List<Stmt> outer = _statements;
        string? firstProblem = _firstProblem;
        DiagnosticSink? report = _report;
        int guardBase = _guardBase;
        _statements = new List<Stmt>();
        _report = null;
        _firstProblem = null;
        _guardBase = _guards.Count;
        _inlining.Add(callee);

        // Each argument once, in order: a constant, parameter or local is read in place (the helper cannot change it);
        // anything else, or a parameter the helper assigns to, is computed into a fresh local first.
        var bindings = new List<Stmt>();
        for (int i = 0; i < arguments.Count; i++)
        {
            IParameterSymbol parameter = callee.Parameters[i];
            Expr argument = arguments[i];
            if (argument is ConstantExpr or ParameterExpr or LocalExpr or LaneIndexExpr && !assigned.Contains(parameter))
            {
                _substitutions[parameter] = argument;
                continue;
            }

            LocalExpr local = Fresh(parameter.Name, argument.Type, argument.Source);
            bindings.Add(new AssignStmt(local, argument, argument.Source with { Text = $"{callee.Name}'s {parameter.Name} = {argument.Source.Text}" }));
            _substitutions[parameter] = local;
        }

        ParseBlock(block, isTopLevel: false);
        List<Stmt> parsed = _statements;
        string? problem = _firstProblem;

        foreach (IParameterSymbol parameter in callee.Parameters)
        {
            _substitutions.Remove(parameter);
        }

        // The next call of the helper gets fresh locals.
        foreach (ILocalSymbol local in _locals.Keys.Where(l => SymbolEqualityComparer.Default.Equals(l.ContainingSymbol, callee)).ToList())
        {
            _locals.Remove(local);
        }

        _inlining.RemoveAt(_inlining.Count - 1);
        _statements = outer;
        _report = report;
        _firstProblem = firstProblem;
        _guardBase = guardBase;

        if (_recursive.Remove(callee))
        {
            notInlined = Recursion;
            return null;
        }

        if (problem is not null)
        {
            notInlined = $"its body has {problem.Replace(" of the kernel", $" of {callee.Name}")}";
            return null;
        }

        LocalExpr result = Fresh(ResultName(callee.Name), resultType, Ref(call));
        int budget = MaxInlinedStatements;
        List<Stmt>? statements = ReturnsToAssignments(parsed, result, ref budget);
        if (statements is null)
        {
            notInlined = "its early returns would repeat too much of it (write it with if/else and one return)";
            return null;
        }

        statements = IfsToSelects(statements);
        statements.InsertRange(0, bindings);
        if (_laneVariable is not null && KernelBody.AllStatements(statements).Any(s => s is LoopStmt))
        {
            notInlined = "it has a loop, and in a vectorized loop's body an inner loop must run the same iterations for every element";
            return null;
        }

        // Comments name the helper and its line: "Cnd, line 3: double w = ...".
        int line = KernelLines.Of(call);
        statements = Relabel(statements, callee.Name, line);
        if (KernelBody.AllStatements(statements).Any(s => s is LoopStmt || KernelBody.OwnExpressions(s).Any(ExprFacts.MayThrow)))
        {
            Splice(statements, _guards.Count);
        }
        else
        {
            // Statements that cannot throw and end (no loop) may run for every lane, whatever the kernel's ?: or && would
            // evaluate: their values are then selected away where unused, as SIMD does for any branch, and no mask is needed.
            _statements.AddRange(statements);
        }

        return result with { Source = Ref(call) };
    }

    /// <summary>The most statements one inlined call may become once its early returns are nested (they repeat what follows a branch that may fall through).</summary>
    private const int MaxInlinedStatements = 2000;

    private LocalExpr Fresh(string name, ElementType type, SourceRef source) => new(_nextLocalId++, CSharpName.Escape(name), type, source);

    /// <summary>The result local's name: the helper's, lower camel case (<c>NormalCdf</c> gives <c>normalCdf</c>).</summary>
    private static string ResultName(string helper) => helper.Length == 0 ? "result" : char.ToLowerInvariant(helper[0]) + helper.Substring(1);

    private static HashSet<IParameterSymbol> AssignedParameters(IMethodSymbol callee, IBlockOperation block)
    {
        var assigned = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
        foreach (IOperation operation in block.Descendants())
        {
            IOperation? target = operation switch
            {
                IAssignmentOperation assignment => assignment.Target,
                IIncrementOrDecrementOperation increment => increment.Target,
                _ => null,
            };
            if (target is IParameterReferenceOperation { Parameter: var parameter } && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, callee))
            {
                assigned.Add(parameter);
            }
        }

        return assigned;
    }

    /// <summary>
    /// The helper's statements with every <c>return v</c> an assignment of <paramref name="result"/>: what follows an
    /// <c>if</c> that returns on some path moves into the side(s) that may fall through; a loop that returns sets a flag
    /// and breaks out instead, and what follows it runs where the flag is not set. Null when the result would exceed
    /// <paramref name="budget"/> statements.
    /// </summary>
    private List<Stmt>? ReturnsToAssignments(IReadOnlyList<Stmt> statements, LocalExpr result, ref int budget)
    {
        var rewritten = new List<Stmt>();
        for (int i = 0; i < statements.Count; i++)
        {
            if (--budget < 0)
            {
                return null;
            }

            Stmt statement = statements[i];
            switch (statement)
            {
                case ReturnStmt ret:
                    // Anything after a return is unreachable.
                    rewritten.Add(new AssignStmt(result, ret.Value, ret.Source));
                    return rewritten;

                case IfStmt branch when ContainsReturn(branch):
                {
                    List<Stmt> rest = statements.Skip(i + 1).ToList();
                    List<Stmt>? then = ReturnsToAssignments(AlwaysReturns(branch.Then) ? branch.Then.ToList() : branch.Then.Concat(rest).ToList(), result, ref budget);
                    List<Stmt>? otherwise = then is null ? null : ReturnsToAssignments(AlwaysReturns(branch.Else) ? branch.Else.ToList() : branch.Else.Concat(rest).ToList(), result, ref budget);
                    if (otherwise is null)
                    {
                        return null;
                    }

                    rewritten.Add(new IfStmt(branch.Condition, then!.ToEquatableArray(), otherwise.ToEquatableArray(), branch.Source));
                    return rewritten;
                }

                case LoopStmt loop when ContainsReturn(loop):
                {
                    // "for (...) { if (c) return v; ... } rest": a lane that returns keeps v, sets the flag and leaves the loop
                    // (under lane masks each lane leaves at its own iteration); the rest of the helper runs where the flag is
                    // not set. Nothing is repeated, so the budget only counts the statements.
                    LocalExpr returned = Fresh("returned", ElementType.Bool, loop.Source with { Text = "returned" });
                    rewritten.Add(new AssignStmt(returned, new ConstantExpr("false", ElementType.Bool, loop.Source), loop.Source with { Text = $"returned = false: set where '{SourceSnippet.Shorten(loop.Source.Text)}' returns" }));
                    rewritten.Add(ReturnsToBreaks(loop, result, returned));
                    List<Stmt>? rest = ReturnsToAssignments(statements.Skip(i + 1).ToList(), result, ref budget);
                    if (rest is null)
                    {
                        return null;
                    }

                    if (rest.Count > 0)
                    {
                        // (Empty after a loop that only ends by returning: 'while (true)'.)
                        SourceRef source = loop.Source with { Text = "if (!returned)" };
                        rewritten.Add(new IfStmt(new UnaryExpr(UnaryOp.LogicalNot, returned, ElementType.Bool, source), rest.ToEquatableArray(), EquatableArray<Stmt>.Empty, source));
                    }

                    return rewritten;
                }

                default:
                    rewritten.Add(statement);
                    break;
            }
        }

        return rewritten;
    }

    /// <summary>
    /// <paramref name="loop"/> with each <c>return v</c> in it <c>result = v; returned = true; break;</c>, and after each
    /// nested loop that returns, <c>if (returned) break;</c>: the returning lanes leave every loop up to the helper's level.
    /// </summary>
    private static LoopStmt ReturnsToBreaks(LoopStmt loop, LocalExpr result, LocalExpr returned) =>
        loop with { Body = ReturnsToBreaks(loop.Body, result, returned).ToEquatableArray() };

    private static List<Stmt> ReturnsToBreaks(IEnumerable<Stmt> statements, LocalExpr result, LocalExpr returned)
    {
        var rewritten = new List<Stmt>();
        foreach (Stmt statement in statements)
        {
            switch (statement)
            {
                case ReturnStmt ret:
                    rewritten.Add(new AssignStmt(result, ret.Value, ret.Source));
                    rewritten.Add(new AssignStmt(returned, new ConstantExpr("true", ElementType.Bool, ret.Source), ret.Source with { Text = "returned = true" }));
                    rewritten.Add(new BreakStmt(ret.Source with { Text = "break: the lanes that returned leave the loop" }));

                    // Anything after a return is unreachable.
                    return rewritten;

                case IfStmt branch when ContainsReturn(branch):
                    rewritten.Add(branch with
                    {
                        Then = ReturnsToBreaks(branch.Then, result, returned).ToEquatableArray(),
                        Else = ReturnsToBreaks(branch.Else, result, returned).ToEquatableArray(),
                    });
                    break;

                case LoopStmt inner when ContainsReturn(inner):
                {
                    rewritten.Add(ReturnsToBreaks(inner, result, returned));
                    SourceRef source = inner.Source with { Text = $"if (returned) break: the lanes that returned in '{SourceSnippet.Shorten(inner.Source.Text)}' leave this loop too" };
                    rewritten.Add(new IfStmt(returned, new EquatableArray<Stmt>(new Stmt[] { new BreakStmt(source) }), EquatableArray<Stmt>.Empty, source));
                    break;
                }

                default:
                    rewritten.Add(statement);
                    break;
            }
        }

        return rewritten;
    }

    /// <summary>
    /// An <c>if</c> whose sides only assign values that cannot throw, to locals neither the condition nor the values read,
    /// becomes one select per local (<c>w = x &lt; 0 ? 1 - w : w</c>): both sides are computed for every lane either way,
    /// and a select needs no lane masks, so the kernel may stay straight-line. Nested ifs first.
    /// </summary>
    private static List<Stmt> IfsToSelects(IEnumerable<Stmt> statements)
    {
        var result = new List<Stmt>();
        foreach (Stmt statement in statements)
        {
            switch (statement)
            {
                case IfStmt branch:
                {
                    List<Stmt> then = IfsToSelects(branch.Then), otherwise = IfsToSelects(branch.Else);
                    if (AsSelects(branch, then, otherwise) is { } selects)
                    {
                        result.AddRange(selects);
                    }
                    else
                    {
                        result.Add(branch with { Then = then.ToEquatableArray(), Else = otherwise.ToEquatableArray() });
                    }

                    break;
                }

                case LoopStmt loop:
                    result.Add(loop with { Body = IfsToSelects(loop.Body).ToEquatableArray(), Increment = IfsToSelects(loop.Increment).ToEquatableArray() });
                    break;
                default:
                    result.Add(statement);
                    break;
            }
        }

        return result;
    }

    private static List<Stmt>? AsSelects(IfStmt branch, List<Stmt> then, List<Stmt> otherwise)
    {
        if (!then.Concat(otherwise).All(s => s is AssignStmt) || ExprFacts.MayThrow(branch.Condition))
        {
            return null;
        }

        List<AssignStmt> thenAssigns = then.Cast<AssignStmt>().ToList(), elseAssigns = otherwise.Cast<AssignStmt>().ToList();
        var targets = new HashSet<int>(thenAssigns.Concat(elseAssigns).Select(a => a.Target.LocalId));
        bool Reads(Expr expression) => ExprFacts.Descendants(expression).Any(e => e is LocalExpr local && targets.Contains(local.LocalId));
        if (thenAssigns.Select(a => a.Target.LocalId).Distinct().Count() != thenAssigns.Count
            || elseAssigns.Select(a => a.Target.LocalId).Distinct().Count() != elseAssigns.Count
            || Reads(branch.Condition) || thenAssigns.Concat(elseAssigns).Any(a => ExprFacts.MayThrow(a.Value) || Reads(a.Value)))
        {
            return null;
        }

        var selects = new List<Stmt>();
        foreach (LocalExpr target in thenAssigns.Concat(elseAssigns).Select(a => a.Target).GroupBy(t => t.LocalId).Select(g => g.First()))
        {
            AssignStmt? whenTrue = thenAssigns.FirstOrDefault(a => a.Target.LocalId == target.LocalId);
            AssignStmt? whenFalse = elseAssigns.FirstOrDefault(a => a.Target.LocalId == target.LocalId);
            // "if (x < 0) return 1 - w; else return w;" as a select.
            string text = branch.Source.Text + " " + (whenTrue?.Source.Text ?? "{ }") + (whenFalse is null ? "" : " else " + whenFalse.Source.Text);
            SourceRef source = branch.Source with { Text = SourceSnippet.Shorten(text) };
            selects.Add(new AssignStmt(target, new ConditionalExpr(branch.Condition, whenTrue?.Value ?? target, whenFalse?.Value ?? target, target.Type, source), source));
        }

        return selects;
    }

    private static bool ContainsReturn(Stmt statement) => KernelBody.AllStatements(new[] { statement }).Any(s => s is ReturnStmt);

    /// <summary>Whether every path through <paramref name="statements"/> (outside loops) returns.</summary>
    private static bool AlwaysReturns(IEnumerable<Stmt> statements) =>
        statements.Any(s => s is ReturnStmt || (s is IfStmt branch && AlwaysReturns(branch.Then) && AlwaysReturns(branch.Else)));

    /// <summary>The helper's statements as the kernel's comments cite them: at the call's line, with the helper's name and own line.</summary>
    private static List<Stmt> Relabel(IEnumerable<Stmt> statements, string helper, int line)
    {
        SourceRef Label(SourceRef source) => source.Text.StartsWith(helper + "'s ", StringComparison.Ordinal)
            ? source with { Line = line }
            : source with { Line = line, Text = $"{helper}, line {source.Line}: {source.Text}" };

        return statements.Select(statement => statement switch
        {
            IfStmt branch => branch with
            {
                Source = Label(branch.Source),
                Then = Relabel(branch.Then, helper, line).ToEquatableArray(),
                Else = Relabel(branch.Else, helper, line).ToEquatableArray(),
            },
            LoopStmt loop => loop with
            {
                Source = Label(loop.Source),
                Body = Relabel(loop.Body, helper, line).ToEquatableArray(),
                Increment = Relabel(loop.Increment, helper, line).ToEquatableArray(),
            },
            _ => statement with { Source = Label(statement.Source) },
        }).ToList();
    }

    /// <summary>
    /// Adds <paramref name="statements"/> before the statement being parsed, under the guards (those from
    /// <see cref="_guardBase"/> to <paramref name="guardCount"/>) of the lazily evaluated positions around the call.
    /// </summary>
    private void Splice(List<Stmt> statements, int guardCount)
    {
        List<Stmt> wrapped = statements;
        for (int g = guardCount - 1; g >= _guardBase; g--)
        {
            (Guard guard, bool whenTrue) = _guards[g];
            LocalExpr condition = Hoist(g);
            EquatableArray<Stmt> inner = wrapped.ToEquatableArray();
            SourceRef source = guard.Condition.Source with { Text = $"{(whenTrue ? "" : "!")}({guard.Condition.Source.Text}): the helper runs where C# evaluates its call" };
            wrapped = new List<Stmt>
            {
                whenTrue
                    ? new IfStmt(condition, inner, EquatableArray<Stmt>.Empty, source)
                    : new IfStmt(condition, EquatableArray<Stmt>.Empty, inner, source),
            };
        }

        _statements.AddRange(wrapped);
    }

    /// <summary>The guard's condition as a local, computed (under the guards around it) the first time a helper's statements need it.</summary>
    private LocalExpr Hoist(int index)
    {
        Guard guard = _guards[index].Guard;
        if (guard.Hoisted is null)
        {
            LocalExpr local = Fresh("condition", ElementType.Bool, guard.Condition.Source);
            Splice(new List<Stmt> { new AssignStmt(local, guard.Condition, guard.Condition.Source with { Text = $"condition = {guard.Condition.Source.Text}" }) }, index);
            guard.Hoisted = local;
        }

        return guard.Hoisted;
    }
}
