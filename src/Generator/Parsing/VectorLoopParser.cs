using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using SourceGen.Generator.Emitting;
using SourceGen.Generator.Lowering;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// Finds the loops of a Prange loop's body that run in SIMD steps: <c>for</c> loops over an int counting up by one
/// whose body reads or writes consecutive elements (<c>span[row + x]</c>), taking the outermost such loop of each
/// nest (a stencil's pixel loop rather than its window loops). A loop that indexes consecutive elements but
/// cannot run in lanes stays as written, with SG0302 saying why.
/// </summary>
internal static class VectorLoopParser
{
    /// <param name="orderedSumsAsWritten">
    /// Leave as written a loop whose float sum or product must stay in the kernel's order (no FastMath): added lane by
    /// lane it is no faster than the scalar loop unless the loop does much else per element, as a gufunc kernel's
    /// dot product does not.
    /// </param>
    /// <returns>
    /// The body cut at the loops that run in SIMD steps, and the loops that index consecutive elements but stay as
    /// written, with the reason and the fix (the caller says so: SG0302, or SG0103 for a gufunc kernel).
    /// </returns>
    public static (EquatableArray<BodySegment> Segments, EquatableArray<VectorLoop> Loops, List<RefusedLoop> Refused) Cut(
        IMethodSymbol kernel, StatementSyntax body, SemanticModel model, SourceText text, bool fastMath, DiagnosticSink? report, CancellationToken cancellationToken, bool orderedSumsAsWritten = false,
        IReadOnlyCollection<string>? scatterTargets = null)
    {
        var loops = new List<(ForStatementSyntax Syntax, VectorLoop Loop)>();
        var refused = new List<RefusedLoop>();
        if (NestingLimits.NestsTooDeep(body))
        {
            // Checked once for the whole body: trying each loop of a nest hundreds deep in turn recurses as deep, and
            // Roslyn builds each loop's operation tree recursively.
            if (body.DescendantNodesAndSelf(node => node is not ExpressionSyntax).OfType<ForStatementSyntax>().FirstOrDefault() is { } outermost)
            {
                refused.Add(new RefusedLoop(outermost.ForKeyword.GetLocation(),
                    $"its body nests statements more than {NestingLimits.MaxStatementDepth} deep, beyond what the generator reads",
                    "move inner parts of the nest into helper methods"));
            }

            return (EquatableArray<BodySegment>.Empty, EquatableArray<VectorLoop>.Empty, refused);
        }

        if (body is ForStatementSyntax single)
        {
            // A body that is itself the row loop, without braces: foreach (int y in Prange(h)) for (int x = 0; …)
            Consider(single);
        }
        else
        {
            Visit(body);
        }

        if (loops.Count == 0)
        {
            return (EquatableArray<BodySegment>.Empty, EquatableArray<VectorLoop>.Empty, refused);
        }

        var segments = new List<BodySegment>();
        int position = body.SpanStart;
        for (int index = 0; index < loops.Count; index++)
        {
            segments.Add(new BodySegment(text.ToString(TextSpan.FromBounds(position, loops[index].Syntax.SpanStart)), -1) { Start = position });
            segments.Add(new BodySegment(null, index));
            position = loops[index].Syntax.Span.End;
        }

        segments.Add(new BodySegment(text.ToString(TextSpan.FromBounds(position, body.Span.End)), -1) { Start = position });
        return (segments.ToEquatableArray(), loops.Select(l => l.Loop).ToEquatableArray(), refused);

        // What still runs one lane at a time inside a loop that runs in SIMD steps (a gather, a call with no SIMD
        // form: SG0101/SG0105), and float reductions kept in order (SG0106).
        void ReportSlowParts(ForStatementSyntax syntax, VectorLoop vector)
        {
            if (report is null)
            {
                return;
            }

            LoweringAnalysis analysis = LoweringAnalysis.OfLoop(vector);
            foreach ((Expr node, PerLaneReason reason) in analysis.Reported)
            {
                (DiagnosticDescriptor descriptor, object?[] arguments) = reason.Finding(node);
                report(descriptor, Location.Create(syntax.SyntaxTree, new TextSpan(node.Source.Start, node.Source.Length)), arguments);
            }

            foreach (ReduceStmt reduce in WithDepth(vector.Body.Statements, 0).Select(s => s.Statement).OfType<ReduceStmt>().Where(r => ExprFacts.IsOrdered(r, fastMath)))
            {
                bool sum = reduce.Operator == ReductionOperator.Add;
                report(DiagnosticDescriptors.OrderedFloatReduction, Location.Create(syntax.SyntaxTree, new TextSpan(reduce.Source.Start, reduce.Source.Length)),
                    reduce.Source.Text.Trim().TrimEnd(';'), $"into '{reduce.Name}'", sum ? "sum" : "product");
            }
        }

        // Outermost first: a loop that vectorizes takes its whole nest; one that does not lets its inner loops try.
        bool Visit(SyntaxNode node)
        {
            bool any = false;
            foreach (SyntaxNode child in node.ChildNodes())
            {
                // Loops are statements: expressions (some thousands deep in a long sum) hold none outside lambdas.
                if (child is ExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    continue;
                }

                if (child is ForStatementSyntax candidate)
                {
                    any |= Consider(candidate);
                    continue;
                }

                any |= Visit(child);
            }

            return any;
        }

        // A for loop: in SIMD steps, or, when it cannot be, its inner loops tried (SG0302 when none can).
        bool Consider(ForStatementSyntax candidate)
        {
            VectorLoop? vector = Read(kernel, candidate, model, text, fastMath, scatterTargets, out string? reason, out string? fix, out bool expected, cancellationToken);
            if (vector is not null && orderedSumsAsWritten && OrderedReduction(vector.Body) is { } ordered)
            {
                vector = null;
                reason = $"its {(ordered.Operator == ReductionOperator.Add ? "sum" : "product")} '{ordered.Name}' is floating-point, so it stays in the kernel's order, one element at a time";
                fix = "set FastMath = true on the attribute to let it run in SIMD partial sums, rounded differently";
            }

            if (vector is not null)
            {
                ReportSlowParts(candidate, vector);
                loops.Add((candidate, vector));
                return true;
            }

            bool inner = Visit(candidate);
            if (!inner && reason is not null && !expected)
            {
                refused.Add(new RefusedLoop(
                    Location.Create(candidate.SyntaxTree, TextSpan.FromBounds(candidate.ForKeyword.SpanStart, candidate.CloseParenToken.Span.End)), reason, fix ?? ""));
            }

            return inner;
        }
    }

    /// <summary>A loop over consecutive elements that stays as written: where its header is, why, and what to write instead.</summary>
    internal sealed record RefusedLoop(Location At, string Reason, string Fix);

    /// <summary>The first float sum or product of the loop that must stay in the kernel's order, or null.</summary>
    private static ReduceStmt? OrderedReduction(KernelBody body) =>
        WithDepth(body.Statements, 0).Select(s => s.Statement).OfType<ReduceStmt>().FirstOrDefault(r => ExprFacts.IsOrdered(r, body.FastMath));

    /// <summary>
    /// The Prange loop itself as a <see cref="VectorLoop"/> over a chunk's iterations <c>[sourceGenFrom,
    /// sourceGenTo)</c>, when its body has no row loop of its own (a flat loop: <c>foreach (int i in Prange(n))
    /// s += x[i] * x[i];</c>). Null, with SG0302, when it indexes consecutive elements but cannot run in lanes.
    /// </summary>
    public static VectorLoop? ReadPrange(IMethodSymbol kernel, ForEachStatementSyntax syntax, SemanticModel model, SourceText text, bool fastMath, DiagnosticSink? report, CancellationToken cancellationToken,
        IReadOnlyCollection<string>? scatterTargets = null)
    {
        if (NestingLimits.NestsTooDeep(syntax)
            || model.GetOperation(syntax, cancellationToken) is not IForEachLoopOperation loop
            || model.GetDeclaredSymbol(syntax, cancellationToken) is not { Type.SpecialType: SpecialType.System_Int32 } variable)
        {
            return null;
        }

        VectorLoop? vector = ReadBody(kernel, loop, syntax, syntax.Statement, variable, model, fastMath, scatterTargets, out string? reason, out string? fix, out bool expected, cancellationToken);
        if (vector is null && reason is not null && !expected)
        {
            report?.Invoke(DiagnosticDescriptors.LoopRunsWithoutSimd,
                Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.ForEachKeyword.SpanStart, syntax.CloseParenToken.Span.End)), reason, fix ?? "");
        }

        return vector is null ? null : vector with
        {
            Header = text.ToString(TextSpan.FromBounds(syntax.ForEachKeyword.SpanStart, syntax.CloseParenToken.Span.End)),
            Start = "sourceGenFrom",
            Bound = "sourceGenTo",
            Inclusive = false,
            Condition = $"{CSharpName.Escape(variable.Name)} < sourceGenTo",
            Increment = $"{CSharpName.Escape(variable.Name)}++",
            Statement = text.ToString(syntax.Statement.Span),
        };
    }

    /// <summary>
    /// The loop as a <see cref="VectorLoop"/>; null when it does not index consecutive elements (no reason: not a
    /// candidate) or cannot run in lanes (the reason and fix say why).
    /// </summary>
    internal static VectorLoop? Read(IMethodSymbol kernel, ForStatementSyntax syntax, SemanticModel model, SourceText text, bool fastMath, out string? reason, out string? fix, CancellationToken cancellationToken) =>
        Read(kernel, syntax, model, text, fastMath, null, out reason, out fix, out _, cancellationToken);

    /// <param name="expected">
    /// The loop stays as written because it updates a scatter reduction's target at indexes read from data: one
    /// update at a time is how such a loop runs, so nothing is reported (the caller says nothing).
    /// </param>
    private static VectorLoop? Read(IMethodSymbol kernel, ForStatementSyntax syntax, SemanticModel model, SourceText text, bool fastMath, IReadOnlyCollection<string>? scatterTargets,
        out string? reason, out string? fix, out bool expected, CancellationToken cancellationToken)
    {
        reason = null;
        fix = null;
        expected = false;
        if (NestingLimits.NestsTooDeep(syntax))
        {
            // Before Roslyn builds the loop's operation tree, which it does recursively.
            reason = $"its body nests statements more than {NestingLimits.MaxStatementDepth} deep, beyond what the generator reads";
            fix = "move inner parts of the nest into helper methods";
            return null;
        }

        if (model.GetOperation(syntax, cancellationToken) is not IForLoopOperation loop
            || syntax.Declaration is not { Variables.Count: 1 } declaration
            || declaration.Variables[0].Initializer is not { } initializer
            || model.GetDeclaredSymbol(declaration.Variables[0], cancellationToken) is not ILocalSymbol { Type.SpecialType: SpecialType.System_Int32 } variable
            || syntax.Condition is not BinaryExpressionSyntax condition
            || syntax.Incrementors.Count != 1
            || !IsIncrementByOne(syntax.Incrementors[0], variable, model, cancellationToken))
        {
            return null;
        }

        // x < end, x <= end, end > x, end >= x: the bound is evaluated once, so it must not change in the loop.
        bool variableLeft = IsVariable(condition.Left, variable, model, cancellationToken);
        bool variableRight = IsVariable(condition.Right, variable, model, cancellationToken);
        ExpressionSyntax? bound = (condition.Kind(), variableLeft, variableRight) switch
        {
            (SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression, true, false) => condition.Right,
            (SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression, false, true) => condition.Left,
            _ => null,
        };
        if (bound is null)
        {
            return null;
        }

        VectorLoop? vector = ReadBody(kernel, loop, syntax, syntax.Statement, variable, model, fastMath, scatterTargets, out reason, out fix, out expected, cancellationToken, bound);
        return vector is null ? null : vector with
        {
            Header = text.ToString(TextSpan.FromBounds(syntax.ForKeyword.SpanStart, syntax.CloseParenToken.Span.End)),
            Start = text.ToString(initializer.Value.Span),
            Bound = text.ToString(bound.Span),
            Inclusive = condition.Kind() is SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanOrEqualExpression,
            Condition = text.ToString(condition.Span),
            Increment = text.ToString(syntax.Incrementors[0].Span),
            Statement = text.ToString(syntax.Statement.Span),
        };
    }

    /// <summary>The loop's body as a loop-body kernel (the header's texts are the caller's); null and a reason when it cannot run in lanes.</summary>
    private static VectorLoop? ReadBody(IMethodSymbol kernel, ILoopOperation loop, StatementSyntax syntax, StatementSyntax statement, ILocalSymbol variable, SemanticModel model, bool fastMath,
        IReadOnlyCollection<string>? scatterTargets, out string? reason, out string? fix, out bool expected, CancellationToken cancellationToken, ExpressionSyntax? bound = null)
    {
        reason = null;
        fix = null;
        expected = false;
        KernelBodyParser.Result parsed = KernelBodyParser.ParseLoopBody(kernel, loop, variable, model, cancellationToken);
        KernelBody? body = parsed.Body is null ? null : parsed.Body with { FastMath = fastMath };
        if (body is null)
        {
            // A loop that updates a scatter reduction's target runs its updates one at a time whatever else it holds.
            expected = scatterTargets is not null && statement.DescendantNodes().OfType<ElementAccessExpressionSyntax>()
                .Any(access => access.Expression is IdentifierNameSyntax name && scatterTargets.Contains(name.Identifier.ValueText));
            if (MentionsConsecutiveElement(statement, variable, model, cancellationToken))
            {
                reason = $"it contains {parsed.ScalarReason}";
                fix = "keep the loop's body to arithmetic on locals, Math calls, and elements of spans and arrays";
            }

            return null;
        }

        LoweringAnalysis analysis = LoweringAnalysis.Analyze(body, System.Array.Empty<bool>());
        List<Access> accesses = Accesses(body).ToList();
        if (!accesses.Any(a => UnitStrideIndex.Of(a.Index, analysis.IsUniform) is not null && (a.Row is null || analysis.IsUniform(a.Row))))
        {
            return null;
        }

        // A scatter reduction's updates (histogram[bins[i]]++) go to elements read from data: they run one at a time.
        if (scatterTargets is not null && accesses.FirstOrDefault(a => a.Stored && scatterTargets.Contains(a.Buffer) && !IsConsecutive(a, analysis)) is { } scatter)
        {
            expected = true;
            reason = $"'{scatter.Shown}' updates a scatter reduction at an index read from data";
            return null;
        }

        var overlaps = new List<OffsetPair>();
        reason = Obstacle(body, analysis, accesses, model, bound, variable, overlaps, cancellationToken, out fix);
        if (reason is not null)
        {
            return null;
        }

        FileLinePositionSpan position = syntax.GetLocation().GetLineSpan();
        var names = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (SyntaxToken token in kernel.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).SelectMany(n => n.DescendantTokens()))
        {
            if (token.IsKind(SyntaxKind.IdentifierToken))
            {
                names.Add(token.ValueText);
            }
        }

        return new VectorLoop(KernelLines.Of(syntax), position.StartLinePosition.Character, "", CSharpName.Escape(variable.Name), "", "", false, "", "", "", body, names.ToEquatableArray())
        {
            Overlaps = overlaps.ToEquatableArray(),
        };
    }

    /// <summary>What keeps a parsed loop body from running in lanes, or null.</summary>
    private static string? Obstacle(KernelBody body, LoweringAnalysis analysis, List<Access> accesses, SemanticModel model, ExpressionSyntax? bound, ILocalSymbol variable, List<OffsetPair> overlaps, CancellationToken cancellationToken, out string? fix)
    {
        fix = null;
        foreach ((Stmt statement, int depth) in WithDepth(body.Statements, 0))
        {
            switch (statement)
            {
                case ReturnStmt or ContinueStmt when statement is ReturnStmt || depth == 0:
                    // A 'continue' of an inner loop is fine: that loop's condition, and any 'if' around it, is the
                    // same for every lane (a branch that differs per lane and holds an exit is refused below).
                    fix = "compute the value with '?:' and write it, instead of leaving the iteration early";
                    return $"'{statement.Source.Text}' on line {statement.Source.Line} of the kernel, which lanes would take at different iterations";
                case BreakStmt when depth == 0:
                    fix = "compute the end of the loop before it";
                    return $"'break' on line {statement.Source.Line} of the kernel, which ends the loop at an iteration that lanes do not share";
                case IfStmt branch when !analysis.IsUniform(branch.Condition)
                    && KernelBody.AllStatements(branch.Then.Concat(branch.Else)).Any(s => s is not (AssignStmt or StoreStmt or IfStmt)):
                    // Both sides run under lane masks: assignments and element writes can be masked, not loops, exits or accumulations.
                    fix = "keep a branch that differs per element to assignments and element writes (accumulate after it, loop outside it), or select with '?:'";
                    return $"'{branch.Source.Text}' on line {branch.Source.Line} of the kernel, a branch that differs per iteration and contains a loop, an exit or an accumulation";
                case ReduceStmt reduce when ExprFacts.IsOrdered(reduce, body.FastMath)
                    && (!body.Statements.Any(top => ReferenceEquals(top, reduce)) || KernelBody.AllStatements(body.Statements).OfType<ReduceStmt>().Count(r => r.Name == reduce.Name) > 1):
                    fix = "accumulate once per iteration, outside branches and inner loops, or set FastMath = true to let the sum be reassociated";
                    return $"'{reduce.Source.Text}' on line {reduce.Source.Line} of the kernel, a floating-point accumulation whose order the lanes would change";
                case LoopStmt inner when !analysis.IsUniform(inner.Condition):
                    fix = "make the inner loop's bounds the same for every iteration of the outer loop";
                    return $"the loop '{inner.Source.Text}' on line {inner.Source.Line} of the kernel, whose trip count differs per iteration";
            }
        }

        foreach (LoopBuffer buffer in body.Buffers)
        {
            if (buffer.ElementType == ElementType.Bool)
            {
                fix = "use a byte buffer";
                return $"'{buffer.Name}' holds bool elements";
            }

            if (!buffer.IsStored)
            {
                continue;
            }

            // Written at one index, read there or at others: another offset is checked when the loop starts (the
            // regions the loop reads and writes must not overlap, as in LU's row update a[i, j] -= f * a[k, j]).
            List<Access> mine = accesses.Where(a => a.Buffer == buffer.Name).ToList();
            Access written = mine.First(a => a.Stored);
            string first = written.Text;
            if (mine.FirstOrDefault(a => a.ReadsLocals) is { } moving)
            {
                fix = $"make the loop over consecutive elements of '{buffer.Name}' the innermost one, indexed with its own loop variable";
                return $"'{buffer.Name}' is written and accessed as '{moving.Shown}', whose index changes within an iteration (an inner loop's counter), so an iteration's elements are not one run";
            }

            if (mine.Any(a => a.Stored && a.Text != first))
            {
                fix = $"read and write an element only at the index it is written at (element {variable.Name} of the row), or write to another buffer";
                return $"'{buffer.Name}' is written and also read or written at another index, so one iteration may depend on another";
            }

            if (UnitStrideIndex.Of(written.Index, analysis.IsUniform) is not { IsClamped: false } writtenPattern || (written.Row is not null && !analysis.IsUniform(written.Row)))
            {
                fix = $"write element 'offset + {variable.Name}' of the buffer, with the loop variable {variable.Name}";
                return $"'{buffer.Name}' is written at '{first}', not at consecutive elements";
            }

            foreach (Access read in mine.Where(a => !a.Stored && a.Text != first))
            {
                if (UnitStrideIndex.Of(read.Index, analysis.IsUniform) is not { IsClamped: false } readPattern || (read.Row is not null && !analysis.IsUniform(read.Row)))
                {
                    fix = "read the buffer you write only at the element you write, or at consecutive elements of another row";
                    return $"'{buffer.Name}' is written by '{written.Shown}' and read as '{read.Shown}', which is not a run of consecutive elements";
                }

                if (Symbolic(written, writtenPattern) == Symbolic(read, readPattern))
                {
                    // The offsets differ by a constant: a run of iterations longer than it always overlaps.
                    fix = "read the previous results from another buffer, or keep this loop as written";
                    return $"'{buffer.Name}' is written by '{written.Shown}' and read as '{read.Shown}' a fixed distance away, so each iteration depends on an earlier one";
                }

                overlaps.Add(new OffsetPair(FlatOffset(written, writtenPattern, buffer), FlatOffset(read, readPattern, buffer)));
            }
        }

        // The bound is read once before the steps: nothing the loop writes may change it.
        if (bound is not null && model.AnalyzeDataFlow(bound) is { Succeeded: true } flow)
        {
            ISymbol? changed = flow.ReadInside.FirstOrDefault(symbol => SymbolEqualityComparer.Default.Equals(symbol, variable) || symbol is not (ILocalSymbol or IParameterSymbol));
            if (changed is not null || bound.DescendantNodes().Any(n => n is InvocationExpressionSyntax or ElementAccessExpressionSyntax))
            {
                fix = "compute the loop's end into a local before it";
                return $"its end '{bound}' is not a plain value";
            }
        }

        return null;
    }

    /// <summary>Whether the access is to consecutive elements of the loop's iterations (one row of a two-dimensional array).</summary>
    private static bool IsConsecutive(Access access, LoweringAnalysis analysis) =>
        !access.ReadsLocals && UnitStrideIndex.Of(access.Index, analysis.IsUniform) is { IsClamped: false } && (access.Row is null || analysis.IsUniform(access.Row));

    private static IEnumerable<(Stmt Statement, int Depth)> WithDepth(IEnumerable<Stmt> statements, int depth)
    {
        foreach (Stmt statement in statements)
        {
            yield return (statement, depth);
            IEnumerable<(Stmt, int)> nested = statement switch
            {
                IfStmt branch => WithDepth(branch.Then.Concat(branch.Else), depth),
                LoopStmt loop => WithDepth(loop.Body.Concat(loop.Increment), depth + 1),
                _ => Enumerable.Empty<(Stmt, int)>(),
            };
            foreach ((Stmt, int) inner in nested)
            {
                yield return inner;
            }
        }
    }

    private static IEnumerable<Access> Accesses(KernelBody body)
    {
        foreach (Stmt statement in KernelBody.AllStatements(body.Statements))
        {
            if (statement is StoreStmt store)
            {
                yield return new Access(store.Index, store.Row, store.BufferName, true, store.Source.Text);
            }

            foreach (LoadExpr load in KernelBody.OwnExpressions(statement).SelectMany(ExprFacts.Descendants).OfType<LoadExpr>())
            {
                yield return new Access(load.Index, load.Row, load.BufferName, false, load.Source.Text);
            }
        }
    }

    /// <summary>An element access of the loop's body: its column index, row (two-dimensional arrays), buffer, and whether it writes.</summary>
    private sealed record Access(Expr Index, Expr? Row, string Buffer, bool Stored, string Shown)
    {
        public string Text => (Row is null ? "" : ScalarExpressionPrinter.Print(Row, _ => null) + ", ") + ScalarExpressionPrinter.Print(Index, _ => null);

        public bool ReadsLocals => ExprFacts.Descendants(Index).Concat(Row is null ? Enumerable.Empty<Expr>() : ExprFacts.Descendants(Row)).Any(node => node is LocalExpr);
    }

    /// <summary>The non-constant terms of an access's offset (and its row), sorted: equal for two accesses a constant apart.</summary>
    private static string Symbolic(Access access, UnitStrideIndex pattern) =>
        string.Join(" ", pattern.Offset.Where(t => t.Term is not ConstantExpr).Select(t => (t.Negative ? "-" : "+") + ScalarExpressionPrinter.Print(t.Term, _ => null)).OrderBy(t => t, System.StringComparer.Ordinal))
        + (access.Row is null ? "" : " row " + ScalarExpressionPrinter.Print(access.Row, _ => null));

    /// <summary>
    /// The offset of the access's first element from the buffer's start, as C# of the kernel's variables (long):
    /// the uniform terms of its unit-stride index, plus row × columns for a two-dimensional array.
    /// </summary>
    private static string FlatOffset(Access access, UnitStrideIndex pattern, LoopBuffer buffer)
    {
        string offset = pattern.Offset.Count == 0 ? "0" : string.Join(" ", pattern.Offset.Select((t, i) =>
            (t.Negative ? "- " : i == 0 ? "" : "+ ") + "(long)" + ScalarExpressionPrinter.Print(t.Term, _ => null)));
        return access.Row is null || buffer.Kind != BufferKind.Array2D
            ? $"({offset})"
            : $"((long){ScalarExpressionPrinter.Print(access.Row, _ => null)} * {buffer.Name}.GetLength(1) + {offset})";
    }


    private static bool IsVariable(ExpressionSyntax expression, ILocalSymbol variable, SemanticModel model, CancellationToken cancellationToken) =>
        expression is IdentifierNameSyntax && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(expression, cancellationToken).Symbol, variable);

    private static bool IsIncrementByOne(ExpressionSyntax incrementor, ILocalSymbol variable, SemanticModel model, CancellationToken cancellationToken) => incrementor switch
    {
        PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression } post => IsVariable(post.Operand, variable, model, cancellationToken),
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression } pre => IsVariable(pre.Operand, variable, model, cancellationToken),
        AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression, Right: LiteralExpressionSyntax { Token.ValueText: "1" } } add => IsVariable(add.Left, variable, model, cancellationToken),
        _ => false,
    };

    /// <summary>Whether the loop's body indexes an element with the loop variable plus something (a candidate worth a warning).</summary>
    private static bool MentionsConsecutiveElement(StatementSyntax statement, ILocalSymbol variable, SemanticModel model, CancellationToken cancellationToken) =>
        statement.DescendantNodes().OfType<ElementAccessExpressionSyntax>().Any(access =>
            access.ArgumentList.Arguments.Count == 1
            && access.ArgumentList.Arguments[0].Expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                .Any(identifier => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, variable)));
}
