using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// Reads a kernel's body from Roslyn's IOperation tree into the equatable <see cref="KernelBody"/> model.
/// Anything outside the supported subset is reported (when a reporter is given) and makes the result null:
/// the entry point then calls the kernel per element.
/// </summary>
/// <remarks>
/// The entry (<see cref="Parse"/> for a kernel, <see cref="ParseLoopBody"/> for a <c>[Parallel]</c> loop's body) and the
/// parse's state: the semantic model, the kernel's locals and their ids, the statements being read, the findings. It
/// makes the parts that read each construct, which share this state:
/// <list type="bullet">
/// <item>statements: <see cref="StatementParser"/> (declarations, assignments, <c>if</c>, loops, <c>break</c>,
/// <c>continue</c>, <c>return</c>, and what a kernel may not contain);</item>
/// <item>expressions: <see cref="ExpressionParser"/> (operators, conversions, <c>?:</c>, Math calls through
/// <see cref="MathTable"/>, parameters, locals, element reads), following <see cref="CSharpOperators"/>;</item>
/// <item>a <c>[Parallel]</c> loop's body: <see cref="LoopBodyScope"/> (the loop variable, values from outside the loop,
/// the spans and arrays it reads and writes) and <see cref="LoopBodyStatements"/> (element writes, accumulations);</item>
/// <item>calls to the kernel's helpers: inlined by this class (KernelBodyParser.Inlining.cs), which parses a helper's
/// body with the statement and expression parsers;</item>
/// <item>the limits on nesting: <see cref="NestingLimits"/>; quoting the source: <see cref="SourceSnippet"/>; constants:
/// <see cref="ConstantLiteral"/>.</item>
/// </list>
/// Dependencies run statements → loop-body statements → expressions → loop-body scope → this class's state; the one
/// cycle is inlining, which reaches back from a call in an expression to the statement parser.
/// </remarks>
internal sealed partial class KernelBodyParser
{
    private readonly IMethodSymbol _kernel;
    private readonly SyntaxTree _tree;
    private DiagnosticSink? _report;
    private readonly SemanticModel? _model;
    private readonly List<IMethodSymbol> _inlining = new();
    private readonly Dictionary<IParameterSymbol, Expr> _substitutions = new(SymbolEqualityComparer.Default);
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<ILocalSymbol, LocalExpr> _locals = new(SymbolEqualityComparer.Default);

    /// <summary>The next <see cref="LocalExpr.LocalId"/>: kernel locals, a helper's locals (fresh for each inlined call) and temporaries.</summary>
    private int _nextLocalId;

    /// <summary>Parameters the kernel assigns to: they become locals initialized from the parameter.</summary>
    private readonly Dictionary<int, LocalExpr> _assignedParameters = new();
    private List<Stmt> _statements = new();

    /// <summary>The first construct that keeps the kernel out of the SIMD model, for the generated comment.</summary>
    private string? _firstProblem;

    /// <summary>The loop variable while a loop body is parsed; null for a [Vectorize] kernel.</summary>
    private readonly ILocalSymbol? _laneVariable;

    /// <summary>What a loop body's lanes see; null for a [Vectorize] kernel.</summary>
    private readonly LoopBodyScope? _loopBody;

    private readonly ExpressionParser _expressionParser;
    private readonly StatementParser _statementParser;

    private KernelBodyParser(
        IMethodSymbol kernel, SyntaxTree tree, SemanticModel model, DiagnosticSink? report, ILocalSymbol? laneVariable, TextSpan loopSpan,
        CancellationToken cancellationToken)
    {
        _kernel = kernel;
        _tree = tree;
        _model = model;
        _report = report;
        _laneVariable = laneVariable;
        _cancellationToken = cancellationToken;
        _loopBody = laneVariable is null ? null : new LoopBodyScope(this, laneVariable, loopSpan);
        _expressionParser = new ExpressionParser(this, _loopBody);
        _statementParser = new StatementParser(this, _expressionParser, _loopBody is null ? null : new LoopBodyStatements(this, _expressionParser, _loopBody));
    }

    /// <summary>The result: the body, or null and the reason the kernel stays scalar.</summary>
    public readonly struct Result
    {
        public Result(KernelBody? body, string? scalarReason)
        {
            Body = body;
            ScalarReason = scalarReason;
        }

        public KernelBody? Body { get; }

        public string? ScalarReason { get; }
    }

    /// <summary>
    /// Parses <paramref name="kernel"/>, whose declaration is <paramref name="declaration"/> in <paramref name="model"/>'s tree.
    /// <paramref name="report"/> receives what keeps the kernel out of the SIMD model: SG0201 (an error, which ModelBuilder
    /// hands to the generator) and SG0102 (advice, the analyzer's).
    /// </summary>
    public static Result Parse(
        IMethodSymbol kernel,
        MethodDeclarationSyntax declaration,
        SemanticModel model,
        DiagnosticSink? report,
        CancellationToken cancellationToken)
    {
        var parser = new KernelBodyParser(kernel, declaration.SyntaxTree, model, report, laneVariable: null, loopSpan: default, cancellationToken);
        return parser.ParseMethod(declaration, model);
    }

    private Result ParseMethod(MethodDeclarationSyntax declaration, SemanticModel model)
    {
        if (!ElementTypeFacts.TryFromSpecialType(_kernel.ReturnType.SpecialType, out ElementType returnType))
        {
            return new Result(null, "its result type is not an element type");
        }

        var parameters = new List<KernelParameter>();
        foreach (IParameterSymbol parameter in _kernel.Parameters)
        {
            if (parameter.RefKind != RefKind.None || !ElementTypeFacts.TryFromSpecialType(parameter.Type.SpecialType, out ElementType type))
            {
                return new Result(null, $"parameter '{parameter.Name}' is not an element type passed by value");
            }

            parameters.Add(new KernelParameter(CSharpName.Escape(parameter.Name), type));
        }

        if (NestingLimits.NestsTooDeep(declaration))
        {
            // Checked on the syntax, before Roslyn builds the operation tree (recursively: deep enough, it overflows).
            TooDeep(declaration.Identifier.Parent!, $"statements nested more than {NestingLimits.MaxStatementDepth} deep");
            return new Result(null, _firstProblem);
        }

        IOperation? operation = model.GetOperation(declaration, _cancellationToken);
        IBlockOperation? block = operation is IMethodBodyOperation body ? body.BlockBody ?? body.ExpressionBody : null;
        bool hasErrors = model.GetDiagnostics(declaration.Span, _cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error);
        if (block is null || hasErrors)
        {
            // Half-typed code: the compiler reports the errors; we stay silent and emit the scalar loop.
            return new Result(null, "the kernel does not compile yet");
        }

        // A parameter the kernel reassigns (zr = t; in an escape-time loop) is a local that starts at the argument.
        foreach (IOperation target in block.Descendants().SelectMany(WrittenTargets))
        {
            if (target is IParameterReferenceOperation { Parameter: var parameter } && !_assignedParameters.ContainsKey(parameter.Ordinal)
                && ElementTypeFacts.TryFromSpecialType(parameter.Type.SpecialType, out ElementType parameterType)
                && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _kernel))
            {
                SourceRef source = Ref(declaration.ParameterList, $"{parameter.Name} is assigned in the kernel: it starts as the argument");
                var local = new LocalExpr(_nextLocalId++, CSharpName.Escape(parameter.Name), parameterType, source);
                _assignedParameters[parameter.Ordinal] = local;
                _statements.Add(new AssignStmt(local, new ParameterExpr(parameter.Ordinal, CSharpName.Escape(parameter.Name), parameterType, source), source));
            }
        }

        // C# guarantees every path ends in a return: no check of our own is needed.
        ParseBlock(block, isTopLevel: true);

        if (_firstProblem is not null)
        {
            return new Result(null, _firstProblem);
        }

        FileLinePositionSpan lines = declaration.Identifier.GetLocation().GetLineSpan();
        return new Result(
            new KernelBody(
                CSharpName.Escape(_kernel.Name),
                parameters.ToEquatableArray(),
                returnType,
                _statements.ToEquatableArray(),
                _tree.FilePath,
                lines.StartLinePosition.Line + 1)
            {
                HelperFiles = HelperFiles(),
            },
            null);
    }

    /// <summary>
    /// Parses the body of <paramref name="loop"/>, whose variable is <paramref name="variable"/>, in the kernel
    /// <paramref name="kernel"/>. The result's reason says what keeps the loop from being vectorized.
    /// </summary>
    public static Result ParseLoopBody(IMethodSymbol kernel, ILoopOperation loop, ILocalSymbol variable, SemanticModel model, CancellationToken cancellationToken)
    {
        var parser = new KernelBodyParser(kernel, loop.Syntax.SyntaxTree, model, report: null, variable, loop.Syntax.Span, cancellationToken);
        LoopBodyScope scope = parser._loopBody!;
        if (loop.Body is IBlockOperation block)
        {
            parser.ParseBlock(block, isTopLevel: false);
        }
        else
        {
            parser._statementParser.ParseStatement(loop.Body, isLast: false);
        }

        foreach (IGrouping<string, ReduceStmt> accumulator in KernelBody.AllStatements(parser._statements).OfType<ReduceStmt>().GroupBy(r => r.Name))
        {
            if (scope.OuterParameters.Any(p => p.Name == accumulator.Key))
            {
                parser._firstProblem ??= $"'{accumulator.Key}', which the loop both accumulates into and reads, on line {accumulator.First().Source.Line} of the kernel";
            }
            else if (accumulator.Select(r => r.Operator).Distinct().Count() > 1)
            {
                parser._firstProblem ??= $"accumulations into '{accumulator.Key}' with different operators, on line {accumulator.First().Source.Line} of the kernel";
            }
        }

        if (parser._firstProblem is not null)
        {
            return new Result(null, parser._firstProblem);
        }

        var body = new KernelBody(
            CSharpName.Escape(kernel.Name),
            scope.OuterParameters.ToEquatableArray(),
            ElementType.Bool,
            LoopBodyIndexes.Resolve(parser._statements).ToEquatableArray(),
            loop.Syntax.SyntaxTree.FilePath,
            KernelLines.Of(loop.Syntax))
        {
            IsLoopBody = true,
            Buffers = scope.Buffers.ToEquatableArray(),
            HelperFiles = parser.HelperFiles(),
        };
        return new Result(body, null);
    }

    // What the parts read and write of the parse.
    internal IMethodSymbol Kernel => _kernel;

    internal SyntaxTree Tree => _tree;

    internal CancellationToken CancellationToken => _cancellationToken;

    /// <summary>Where statements go: the kernel's, or a nested block's while the statement parser reads it.</summary>
    internal List<Stmt> Statements
    {
        get => _statements;
        set => _statements = value;
    }

    /// <summary>Whether a construct outside the model was found (the result will be null).</summary>
    internal bool HasProblem => _firstProblem is not null;

    /// <summary>Whether this parse reads a <c>[Parallel]</c> loop's body (its lanes are the loop's iterations).</summary>
    internal bool InLoopBody => _laneVariable is not null;

    /// <summary>The arguments that stand for the parameters of the helpers being inlined.</summary>
    internal IReadOnlyDictionary<IParameterSymbol, Expr> Substitutions => _substitutions;

    /// <summary>The locals that stand for the parameters the kernel assigns to, by ordinal (each starts as the argument).</summary>
    internal IReadOnlyDictionary<int, LocalExpr> ParameterLocals => _assignedParameters;

    /// <summary>The helpers being inlined, outermost first.</summary>
    internal IReadOnlyList<IMethodSymbol> HelpersBeingInlined => _inlining;

    /// <summary>Above zero while an expression evaluated again and again is read: helpers called in it stay calls (Inlining.cs).</summary>
    internal int SpliceBlocked
    {
        get => _spliceBlocked;
        set => _spliceBlocked = value;
    }

    /// <summary>
    /// Enters a lazily evaluated position (a <c>?:</c> branch, the right of <c>&amp;&amp;</c> or <c>||</c>): the statements of
    /// a helper called there are spliced under <paramref name="condition"/> (where it holds, if <paramref name="whenTrue"/>).
    /// </summary>
    internal void EnterBranch(Expr condition, bool whenTrue) => _guards.Add((new Guard(condition), whenTrue));

    /// <summary>Moves from a <c>?:</c>'s true branch to its false one.</summary>
    internal void EnterElseBranch() => _guards[_guards.Count - 1] = (_guards[_guards.Count - 1].Guard, false);

    /// <summary>Leaves the innermost lazily evaluated position: the local its condition was computed into, if a helper needed it.</summary>
    internal LocalExpr? LeaveBranch()
    {
        LocalExpr? hoisted = _guards[_guards.Count - 1].Guard.Hoisted;
        _guards.RemoveAt(_guards.Count - 1);
        return hoisted;
    }

    private Expr? ParseExpression(IOperation operation) => _expressionParser.Parse(operation);

    private void ParseBlock(IBlockOperation block, bool isTopLevel) => _statementParser.ParseBlock(block, isTopLevel);

    /// <summary>A new local of the kernel (or of the helper being inlined) for <paramref name="symbol"/>; null (and a problem) if its type is not an element type.</summary>
    internal LocalExpr? DeclareLocal(ILocalSymbol symbol, SyntaxNode syntax)
    {
        if (!ElementTypeFacts.TryFromSpecialType(symbol.Type.SpecialType, out ElementType type) || symbol.IsRef)
        {
            Problem(syntax, $"the local '{symbol.Name}' of type '{symbol.Type.ToDisplayString()}'", isError: false);
            return null;
        }

        var local = new LocalExpr(_nextLocalId++, CSharpName.Escape(symbol.Name), type, Ref(syntax));
        _locals[symbol] = local;
        return local;
    }

    /// <summary>The local a reference names: a kernel's or helper's local (declared on first use), or the local that stands for an assigned parameter.</summary>
    internal LocalExpr? LocalOf(IOperation reference) => reference switch
    {
        ILocalReferenceOperation local => _locals.TryGetValue(local.Local, out LocalExpr? existing) ? existing : DeclareLocal(local.Local, local.Syntax),
        // An inlined helper's parameter it assigns to is a fresh local (BindArguments).
        IParameterReferenceOperation parameter when _substitutions.TryGetValue(parameter.Parameter, out Expr? bound) => bound as LocalExpr,
        IParameterReferenceOperation parameter => _assignedParameters.TryGetValue(parameter.Parameter.Ordinal, out LocalExpr? shadow) ? shadow : null,
        _ => null,
    };

    /// <summary>Nesting beyond the generator's limits: the kernel runs scalar, as written, and the diagnostic says why.</summary>
    internal void TooDeep(SyntaxNode syntax, string construct) =>
        Problem(syntax, construct, isError: false,
            why: "the generator reads kernels nested up to its limit, so that it cannot exhaust the compiler's stack; split the expression with locals or the nesting into helper kernels");

    /// <summary>A construct outside the model: the first one is the result's reason; each goes to the sink (SG0201 if <paramref name="isError"/>, SG0102 otherwise).</summary>
    internal void Problem(SyntaxNode syntax, string construct, bool isError, string? why = null)
    {
        _firstProblem ??= $"{construct} on line {KernelLines.Of(syntax)} of the kernel";
        if (_report is null)
        {
            return;
        }

        Location location = syntax.GetLocation();
        if (isError)
        {
            _report(DiagnosticDescriptors.ForbiddenInKernel, location, construct, why ?? "it has no SIMD equivalent");
        }
        else
        {
            string detail = why is null ? "" : " (" + why + ")";
            _report(DiagnosticDescriptors.KernelRunsScalar, location, _kernel.Name, construct, detail);
        }
    }

    /// <summary>Where <paramref name="syntax"/> is, and its text (or <paramref name="text"/>) as comments quote it.</summary>
    internal SourceRef Ref(SyntaxNode syntax, string? text = null)
    {
        // Every expression node gets a SourceRef: reading only the first characters of its text keeps the parse
        // linear (a node's whole text, at every level of a long sum, is quadratic).
        string shown = text is not null ? SourceSnippet.Shorten(text) : SourceSnippet.Shorten(syntax.SyntaxTree.GetText(_cancellationToken), syntax.Span);
        if (syntax.SyntaxTree != _tree && _callSite is not null)
        {
            // A helper's code from another file: diagnostics point into the kernel's file, so at the call.
            return new SourceRef(_callSite.Span.Start, _callSite.Span.Length, KernelLines.Of(syntax), shown);
        }

        return new SourceRef(syntax.Span.Start, syntax.Span.Length, KernelLines.Of(syntax), shown);
    }
}
