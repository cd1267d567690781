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
/// they run (and may throw) only where C# would run them. A <c>ref</c>/<c>out</c>/<c>in</c> parameter whose argument is a
/// local of the kernel is that local (C#'s alias: no copy, so every write is the caller's at once), and a helper that
/// writes one runs under those conditions too; a <c>void</c> helper (or a discarded result) is a statement of its own.
/// Anything else stays a call, run per lane (SG0101 says why); a call with <c>ref</c>/<c>out</c> arguments or a
/// discarded result cannot, so it keeps the kernel scalar (SG0102 says why).
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

    /// <summary>
    /// A call's arguments in the order of the parameters: by value, the parsed expression; by <c>ref</c>/<c>out</c> (or
    /// <c>in</c> on a local), the kernel's <see cref="LocalExpr"/> the helper's parameter becomes (<c>out var s</c>
    /// declares it, <c>out _</c> is a fresh local no one reads). Null when one is outside the model (a problem is
    /// reported). <paramref name="writesArguments"/>: the call has <c>ref</c> or <c>out</c> arguments, so it can only be
    /// inlined (a call run per lane cannot write a lane of a SIMD register through a reference).
    /// </summary>
    internal List<Expr>? ParseArguments(IInvocationOperation invocation, out bool writesArguments)
    {
        writesArguments = false;
        var arguments = new List<Expr>();
        foreach (IArgumentOperation argument in invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0))
        {
            if (argument.Parameter is null || argument.ArgumentKind != ArgumentKind.Explicit || argument.Parameter.RefKind is not (RefKind.None or RefKind.Ref or RefKind.Out or RefKind.In))
            {
                Problem(argument.Syntax, $"the argument '{argument.Syntax}'", isError: false);
                return null;
            }

            RefKind kind = argument.Parameter.RefKind;
            Expr? value = kind == RefKind.None ? ParseExpression(argument.Value) : ParseByReference(argument, kind);
            if (value is null)
            {
                return null;
            }

            writesArguments |= kind is RefKind.Ref or RefKind.Out;
            arguments.Add(value);
        }

        return arguments;
    }

    /// <summary>Why a ref or out argument that is not a local stays out of SIMD code (in the construct's text, so that SG0302's message has it too).</summary>
    private const string NotALocal =
        "which is not a local (a ref or out argument is inlined as the kernel's own local; an array or span element, a field or a ref local cannot be held in a SIMD register)";

    private const string ByReferenceFix = "pass a local of the kernel ('out var x', 'out T x' or 'out _' too): copy the value to a local, pass the local, and store it back";

    /// <summary>A <c>ref</c>, <c>out</c> or <c>in</c> argument: the local it names; an <c>in</c> argument that is no local is a value.</summary>
    private Expr? ParseByReference(IArgumentOperation argument, RefKind kind)
    {
        IOperation value = argument.Value;
        bool writes = kind != RefKind.In;
        if (value is IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared })
        {
            value = declared;
        }

        if (value is IDiscardOperation && argument.Parameter is { } parameter && ElementTypeFacts.TryFromSpecialType(parameter.Type.SpecialType, out ElementType discardType))
        {
            // 'out _': a local of its own that the helper writes and nothing reads.
            return Fresh(parameter.Name, discardType, Ref(argument.Syntax, $"{argument.Syntax}: {parameter.Name}, discarded"));
        }

        if (value is ILocalReferenceOperation or IParameterReferenceOperation)
        {
            if (_laneVariable is not null && (_loopBody!.IsOuterVariable(value, out _) || value is ILocalReferenceOperation { Local: var lane } && SymbolEqualityComparer.Default.Equals(lane, _laneVariable)))
            {
                // In a loop that runs in SIMD steps: the loop variable and what is declared outside the loop are the same
                // for every lane, and cannot be written; an 'in' argument only reads them.
                if (!writes)
                {
                    return ParseExpression(value);
                }

                Problem(argument.Syntax, $"the argument '{argument.Syntax}'", isError: false,
                    why: "the loop's iterations run at once, in lanes, and cannot all write one variable declared outside the loop (or the loop variable); pass a local declared inside the loop");
                return null;
            }

            if (LocalOf(value) is { } local)
            {
                return local with { Source = Ref(argument.Syntax) };
            }

            if (!writes)
            {
                // An inlined helper's parameter read in place, or a kernel parameter the kernel never writes: a value.
                return ParseExpression(value);
            }
        }
        else if (!writes)
        {
            // An 'in' argument that is a value (C# passes a copy): like one by value.
            return ParseExpression(value);
        }

        Problem(argument.Syntax, $"the argument '{argument.Syntax}', {NotALocal}", isError: false, why: ByReferenceFix);
        return null;
    }

    /// <summary>
    /// A call whose result is discarded, as a statement: <c>SinCos(x, out s, out c);</c>, <c>Accumulate(ref sum, x);</c>,
    /// <c>TrySolve(a, b, out r);</c>. A static helper with source is inlined; its statements are the statement. False for
    /// a call that is no helper's (it stays a problem as before).
    /// </summary>
    internal bool TryParseCallStatement(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (!method.IsStatic || method.IsGenericMethod || method.DeclaringSyntaxReferences.Length == 0
            || !(method.ReturnsVoid || ElementTypeFacts.TryFromSpecialType(method.ReturnType.SpecialType, out _)))
        {
            return false;
        }

        List<Expr>? arguments = ParseArguments(invocation, out _);
        if (arguments is null)
        {
            return true;
        }

        Expr? inlined = TryInline(method, arguments, invocation.Syntax, out string? notInlined);
        if (inlined is null)
        {
            NotInlinedByReference(invocation, method, notInlined, discarded: true);
        }
        else if (!method.ReturnsVoid && ExprFacts.MayThrow(inlined))
        {
            // A one-expression helper whose value is discarded still runs (and may throw) where the kernel calls it.
            _statements.Add(new AssignStmt(Fresh("discarded", inlined.Type, inlined.Source), inlined, Ref(invocation.Syntax)));
        }

        return true;
    }

    /// <summary>A call that must be inlined (a statement, or with ref or out arguments) but is not: the kernel stays scalar, and the problem says why.</summary>
    internal void NotInlinedByReference(IInvocationOperation invocation, IMethodSymbol method, string? notInlined, bool discarded)
    {
        string name = method.ContainingType.ToDisplayString() + "." + method.Name;
        string kind = discarded ? "a call whose result is discarded, or with ref or out arguments," : "a call with ref or out arguments";
        Problem(invocation.Syntax, $"the call to '{name}', which is not inlined: {notInlined ?? "its body is not in this project's source"},", isError: false,
            why: $"{kind} runs in SIMD code only inlined: a call run per lane cannot write a lane of a SIMD register; change the helper as the reason says");
    }

    /// <summary>
    /// <c>(a, b) = (b, a);</c> (or <c>var (x, y) = (u, v);</c>) into locals: C# evaluates every value, in order, before it
    /// assigns any, so each value goes into a fresh local first (a constant is assigned as is).
    /// </summary>
    internal void ParseDeconstruction(IDeconstructionAssignmentOperation deconstruction)
    {
        IOperation target = deconstruction.Target is IDeclarationExpressionOperation { Expression: var declared } ? declared : deconstruction.Target;
        IOperation value = deconstruction.Value is IConversionOperation { Operand: ITupleOperation converted } ? converted : deconstruction.Value;
        if (target is not ITupleOperation targets || value is not ITupleOperation values || targets.Elements.Length != values.Elements.Length)
        {
            Problem(deconstruction.Syntax, "a deconstruction of something other than a tuple of values into locals", isError: false);
            return;
        }

        var locals = new List<LocalExpr?>();
        foreach (IOperation element in targets.Elements)
        {
            IOperation variable = element is IDeclarationExpressionOperation { Expression: var inner } ? inner : element;
            if (variable is IDiscardOperation)
            {
                locals.Add(null);
                continue;
            }

            bool shared = _laneVariable is not null && (_loopBody!.IsOuterVariable(variable, out _)
                || variable is ILocalReferenceOperation { Local: var lane } && SymbolEqualityComparer.Default.Equals(lane, _laneVariable));
            LocalExpr? local = variable is ILocalReferenceOperation or IParameterReferenceOperation && !shared ? LocalOf(variable) : null;
            if (local is null)
            {
                Problem(element.Syntax, $"the assignment to '{element.Syntax}' in a deconstruction", isError: false,
                    why: shared ? "the loop's iterations run at once, in lanes; declare it inside the loop" : "deconstructions are read into locals of element types only");
                return;
            }

            locals.Add(local);
        }

        var assignments = new List<Stmt>();
        for (int i = 0; i < locals.Count; i++)
        {
            Expr? parsed = ParseExpression(values.Elements[i]);
            ElementType type = locals[i]?.Type ?? parsed?.Type ?? ElementType.Bool;
            parsed = parsed is null ? null : _expressionParser.Convert(parsed, type, values.Elements[i].Syntax);
            if (parsed is null)
            {
                return;
            }

            SourceRef source = Ref(values.Elements[i].Syntax);
            if (locals[i] is not { } local)
            {
                // '_': nothing is kept, but the value is still computed where it may throw.
                if (ExprFacts.MayThrow(parsed))
                {
                    _statements.Add(new AssignStmt(Fresh("discarded", type, source), parsed, source with { Text = $"_ = {source.Text}" }));
                }

                continue;
            }

            // "(a, b) = (b, a): a's new value b, computed before any is assigned", then "(a, b) = (b, a): a = b".
            string whole = SourceSnippet.Shorten(deconstruction.Syntax.ToString());
            string name = SourceSnippet.Shorten(targets.Elements[i].Syntax.ToString());
            Expr assigned = parsed;
            if (parsed is not ConstantExpr)
            {
                LocalExpr next = Fresh(local.Name + "Next", type, source);
                _statements.Add(new AssignStmt(next, parsed, source with { Text = $"{whole}: {name}'s new value {source.Text}, computed before any is assigned" }));
                assigned = next;
            }

            assignments.Add(new AssignStmt(local, assigned, source with { Text = $"{whole}: {name} = {source.Text}" }));
        }

        _statements.AddRange(assignments);
    }

    /// <summary>A void helper's <c>return;</c>: the rest of the helper is skipped (<see cref="ReturnsToAssignments"/> assigns no result).</summary>
    internal ReturnStmt VoidReturn(SyntaxNode syntax) => new(new ConstantExpr("true", ElementType.Bool, Ref(syntax, "return")), Ref(syntax, "return;"));

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

        ElementType? resultType = ElementTypeFacts.TryFromSpecialType(callee.ReturnType.SpecialType, out ElementType returned) ? returned : null;
        if ((resultType is null && !callee.ReturnsVoid)
            || callee.Parameters.Any(p => p.RefKind is not (RefKind.None or RefKind.Ref or RefKind.Out or RefKind.In) || !ElementTypeFacts.TryFromSpecialType(p.Type.SpecialType, out _))
            || callee.Parameters.Length != arguments.Count
            || callee.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out && arguments[p.Ordinal] is not LocalExpr))
        {
            notInlined = "its parameters or result are not element types (passed by value, or by ref, out or in)";
            return null;
        }

        if (callee.ReturnsByRef || callee.ReturnsByRefReadonly)
        {
            notInlined = "it returns by reference (a ref return cannot alias a SIMD register); return the value";
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
            if (block.Operations.Length == 1 && block.Operations[0] is IReturnOperation { ReturnedValue: { } value } && !arguments.Any(ExprFacts.MayThrow))
            {
                Expr? substituted = InlineExpression(callee, arguments, value);
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

    /// <summary>
    /// Splices the helper's statements before the calling statement; returns the local holding its result (for a
    /// <c>void</c> helper, whose <paramref name="resultType"/> is null, the constant <c>true</c>: the call is done).
    /// </summary>
    private Expr? InlineStatements(IMethodSymbol callee, ElementType? resultType, List<Expr> arguments, IBlockOperation block, SyntaxNode call, out string? notInlined)
    {
        notInlined = null;
        if (_spliceBlocked > 0)
        {
            notInlined = _laneVariable is not null
                ? "it has statements, and the call is in the condition or increment of a loop inside a loop that runs in SIMD steps (call it before the loop and at the end of its body)"
                : "it has statements, and the call is in the condition of a do-while loop whose body has 'continue' (call it before the loop and at the end of its body)";
            return null;
        }

        var aliased = new HashSet<int>(callee.Parameters.Where(p => p.RefKind is RefKind.Ref or RefKind.Out).Select(p => ((LocalExpr)arguments[p.Ordinal]).LocalId));
        if (ReadBeforeCall(call, aliased) is { } early)
        {
            notInlined = $"the expression around the call reads '{early}' before the call writes it (C# reads the old value there; read it into a local in a statement before)";
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

        // A ref, out or in parameter whose argument is a local is that local (C#'s alias: every write is seen by the
        // caller at once, on every path). Each other argument once, in order: a constant, parameter or local is read in
        // place (the helper cannot change it), unless the helper assigns to its parameter or the same call passes that
        // local by ref or out (then the helper may change it); anything else is computed into a fresh local first.
        var bindings = new List<Stmt>();
        for (int i = 0; i < arguments.Count; i++)
        {
            IParameterSymbol parameter = callee.Parameters[i];
            Expr argument = arguments[i];
            if (parameter.RefKind != RefKind.None && argument is LocalExpr alias)
            {
                _substitutions[parameter] = alias;
                continue;
            }

            if ((argument is ConstantExpr or ParameterExpr or LaneIndexExpr || (argument is LocalExpr local && !aliased.Contains(local.LocalId)))
                && !assigned.Contains(parameter))
            {
                _substitutions[parameter] = argument;
                continue;
            }

            LocalExpr copy = Fresh(parameter.Name, argument.Type, argument.Source);
            bindings.Add(new AssignStmt(copy, argument, argument.Source with { Text = $"{callee.Name}'s {parameter.Name} = {argument.Source.Text}" }));
            _substitutions[parameter] = copy;
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

        LocalExpr? result = resultType is { } type ? Fresh(ResultName(callee.Name), type, Ref(call)) : null;
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
        if (aliased.Count > 0 || KernelBody.AllStatements(statements).Any(s => s is LoopStmt || KernelBody.OwnExpressions(s).Any(ExprFacts.MayThrow)))
        {
            // (A helper that writes a ref or out argument changes the caller's local: only where C# makes the call.)
            Splice(statements, _guards.Count);
        }
        else
        {
            // Statements that cannot throw, end (no loop) and write only their own locals may run for every lane, whatever
            // the kernel's ?: or && would evaluate: their values are then selected away where unused, as SIMD does for any
            // branch, and no mask is needed.
            _statements.AddRange(statements);
        }

        return result is null ? new ConstantExpr("true", ElementType.Bool, Ref(call)) : result with { Source = Ref(call) };
    }

    /// <summary>
    /// The name of a variable in <paramref name="aliased"/> that the expression around <paramref name="call"/> reads before
    /// it (left of it: C# evaluates left to right), or null. The helper's statements go before the whole statement, so
    /// such a read would see the value the helper wrote; a read after the call, or a write (the target of <c>=</c>), is fine.
    /// </summary>
    private string? ReadBeforeCall(SyntaxNode call, HashSet<int> aliased)
    {
        if (aliased.Count == 0 || ModelOf(call.SyntaxTree) is not { } model)
        {
            return null;
        }

        SyntaxNode root = call;
        while (root.Parent is ExpressionSyntax or ArgumentSyntax or ArgumentListSyntax or BracketedArgumentListSyntax)
        {
            root = root.Parent;
        }

        foreach (IdentifierNameSyntax name in root.DescendantNodes(node => node.SpanStart < call.SpanStart).OfType<IdentifierNameSyntax>())
        {
            if (name.Span.End > call.SpanStart || (name.Parent is AssignmentExpressionSyntax assignment && assignment.Left == name
                && assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression)))
            {
                continue;
            }

            LocalExpr? local = model.GetSymbolInfo(name, _cancellationToken).Symbol switch
            {
                ILocalSymbol symbol => _locals.TryGetValue(symbol, out LocalExpr? found) ? found : null,
                IParameterSymbol symbol when _substitutions.TryGetValue(symbol, out Expr? bound) => bound as LocalExpr,
                IParameterSymbol symbol when SymbolEqualityComparer.Default.Equals(symbol.ContainingSymbol, _kernel) =>
                    _assignedParameters.TryGetValue(symbol.Ordinal, out LocalExpr? shadow) ? shadow : null,
                _ => null,
            };
            if (local is not null && aliased.Contains(local.LocalId))
            {
                return name.Identifier.ValueText;
            }
        }

        return null;
    }

    /// <summary>The most statements one inlined call may become once its early returns are nested (they repeat what follows a branch that may fall through).</summary>
    private const int MaxInlinedStatements = 2000;

    private LocalExpr Fresh(string name, ElementType type, SourceRef source) => new(_nextLocalId++, CSharpName.Escape(name), type, source);

    /// <summary>The result local's name: the helper's, lower camel case (<c>NormalCdf</c> gives <c>normalCdf</c>).</summary>
    private static string ResultName(string helper) => helper.Length == 0 ? "result" : char.ToLowerInvariant(helper[0]) + helper.Substring(1);

    private static HashSet<IParameterSymbol> AssignedParameters(IMethodSymbol callee, IBlockOperation block)
    {
        var assigned = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
        foreach (IOperation target in block.Descendants().SelectMany(WrittenTargets))
        {
            if (target is IParameterReferenceOperation { Parameter: var parameter } && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, callee))
            {
                assigned.Add(parameter);
            }
        }

        return assigned;
    }

    /// <summary>
    /// The variables <paramref name="operation"/> writes: an assignment's or increment's target (each element of a
    /// deconstruction's tuple), and a ref or out argument (which the called method may write).
    /// </summary>
    internal static IEnumerable<IOperation> WrittenTargets(IOperation operation)
    {
        IOperation? target = operation switch
        {
            IAssignmentOperation assignment => assignment.Target,
            IIncrementOrDecrementOperation increment => increment.Target,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => argument.Value,
            _ => null,
        };
        var pending = new Stack<IOperation>();
        if (target is not null)
        {
            pending.Push(target);
        }

        while (pending.Count > 0)
        {
            IOperation next = pending.Pop();
            switch (next)
            {
                case ITupleOperation tuple:
                    foreach (IOperation element in tuple.Elements)
                    {
                        pending.Push(element);
                    }

                    break;
                case IDeclarationExpressionOperation declaration:
                    pending.Push(declaration.Expression);
                    break;
                default:
                    yield return next;
                    break;
            }
        }
    }

    /// <summary>
    /// The helper's statements with every <c>return v</c> an assignment of <paramref name="result"/>: what follows an
    /// <c>if</c> that returns on some path moves into the side(s) that may fall through; a loop that returns sets a flag
    /// and breaks out instead, and what follows it runs where the flag is not set. Null when the result would exceed
    /// <paramref name="budget"/> statements.
    /// </summary>
    private List<Stmt>? ReturnsToAssignments(IReadOnlyList<Stmt> statements, LocalExpr? result, ref int budget)
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
                    // Anything after a return is unreachable (a void helper's 'return;' assigns nothing).
                    if (result is not null)
                    {
                        rewritten.Add(new AssignStmt(result, ret.Value, ret.Source));
                    }

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
    private static LoopStmt ReturnsToBreaks(LoopStmt loop, LocalExpr? result, LocalExpr returned) =>
        loop with { Body = ReturnsToBreaks(loop.Body, result, returned).ToEquatableArray() };

    private static List<Stmt> ReturnsToBreaks(IEnumerable<Stmt> statements, LocalExpr? result, LocalExpr returned)
    {
        var rewritten = new List<Stmt>();
        foreach (Stmt statement in statements)
        {
            switch (statement)
            {
                case ReturnStmt ret:
                    if (result is not null)
                    {
                        rewritten.Add(new AssignStmt(result, ret.Value, ret.Source));
                    }

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
