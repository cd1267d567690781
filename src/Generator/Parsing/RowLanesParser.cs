using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// Outer-loop vectorization of a <c>[GuVectorize]</c> kernel ("row lanes"): when its core loop carries a dependence
/// (a running sum, a recurrence), it cannot run in lanes along its own index, but W outer indexes (rows) can run at
/// once, one per vector lane, each lane doing exactly the kernel's operations in the kernel's order. This reads the
/// kernel body and writes it again with every value that differs per row (<em>varying</em>: what is read from a core
/// slice and what is computed from it) as a vector, and everything else (<em>uniform</em>: loop counters, sizes,
/// scalar arguments) as written. Core slices are interleaved buffers (element <c>j</c> of lane <c>l</c> at
/// <c>j * W + l</c>), so <c>a[j]</c> is one vector load at a uniform index. Branches on varying conditions run both
/// sides under lane masks (assignments become selects). Anything else returns null: the kernel then runs as written,
/// one row at a time, as before.
/// </summary>
internal static class RowLanesParser
{
    private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";

    /// <summary>Stands for the vector type (<c>global::System.Runtime.Intrinsics.Vector512</c> …) in the lines.</summary>
    public const string Vector = "\u0001V";

    private sealed class Reader
    {
        public SemanticModel Model = null!;
        public SourceText Text = null!;
        public ITypeSymbol Element = null!;
        public string T = "";
        public Dictionary<IParameterSymbol, int> Spans = new(SymbolEqualityComparer.Default);
        public HashSet<ISymbol> Varying = new(SymbolEqualityComparer.Default);
        public HashSet<IParameterSymbol> Outputs = new(SymbolEqualityComparer.Default);
        public List<string> Lines = new();
        public string? Refusal;
        public int Masks;
        public CancellationToken Cancellation;

        /// <summary>Indexes proven inside their slice (given the guards): no check.</summary>
        public HashSet<ExpressionSyntax> InRange = new();

        /// <summary>Outputs written straight to their rows every W columns (kernel parameter indexes), and the loop that writes them.</summary>
        public List<int> Streamed = new();
        public ForStatementSyntax? StreamLoop;
        public string Counter = "";
    }

    /// <summary>The kernel's body for row lanes, or null (and why not) when it does not fit.</summary>
    public static RowLanesModel? Read(IMethodSymbol kernel, BlockSyntax body, SemanticModel model, SourceText text, IReadOnlyList<GuArgument> arguments, out string? refusal, CancellationToken cancellationToken)
    {
        refusal = null;
        ITypeSymbol? element = null;
        var reader = new Reader { Model = model, Text = text, Cancellation = cancellationToken };
        for (int i = 0; i < kernel.Parameters.Length; i++)
        {
            IParameterSymbol parameter = kernel.Parameters[i];
            if (!arguments[i].HasElements)
            {
                continue; // a uniform scalar: the same for every row
            }

            if (arguments[i].Kind != GuArgumentKind.Array || arguments[i].CoreDimensions.Count > 1 || (!arguments[i].IsOutput && arguments[i].CoreDimensions.Count == 0)
                || parameter.Type is not INamedTypeSymbol { TypeArguments.Length: 1 } span)
            {
                refusal = "row lanes take arrays with at most one core dimension, and scalar inputs the same for every row";
                return null;
            }

            if (element is null)
            {
                element = span.TypeArguments[0];
            }
            else if (!SymbolEqualityComparer.Default.Equals(element, span.TypeArguments[0]))
            {
                refusal = "row lanes need every core slice of one element type";
                return null;
            }

            reader.Spans[parameter] = i;
            if (arguments[i].IsOutput)
            {
                reader.Outputs.Add(parameter);
            }
        }

        if (element is not { SpecialType: SpecialType.System_Double or SpecialType.System_Single })
        {
            refusal = "row lanes run float and double kernels";
            return null;
        }

        reader.Element = element;
        reader.T = element.SpecialType == SpecialType.System_Double ? "double" : "float";

        // Which locals differ per row: those given a varying value, or assigned under a varying condition (to a
        // local declared outside it), until nothing changes.
        int before;
        do
        {
            before = reader.Varying.Count;
            Classify(reader, body, null);
            if (reader.Refusal is not null)
            {
                refusal = reader.Refusal;
                return null;
            }
        }
        while (reader.Varying.Count != before);

        foreach (ISymbol local in reader.Varying)
        {
            if (local is not ILocalSymbol { IsConst: false, IsRef: false } l || !SymbolEqualityComparer.Default.Equals(l.Type, element))
            {
                refusal = $"'{local.Name}' differs per row but is not a {reader.T} local";
                return null;
            }
        }

        var overwrittenOutputs = reader.Outputs.Where(output => Overwritten(reader, body, output, arguments)).ToList();
        List<string>? guards = NoThrow(reader, body, arguments);
        if (guards is not null)
        {
            Stream(reader, body, overwrittenOutputs, arguments);
        }

        foreach (StatementSyntax statement in body.Statements)
        {
            Statement(reader, statement, null, 0, inMaskedRegion: false);
            if (reader.Refusal is not null)
            {
                refusal = reader.Refusal;
                return null;
            }
        }

        var overwritten = overwrittenOutputs.Select(output => reader.Spans[output]).OrderBy(i => i).ToEquatableArray();
        return new RowLanesModel(reader.T, reader.Lines.ToEquatableArray())
        {
            Overwritten = overwritten,
            Streamed = reader.Streamed.OrderBy(i => i).ToEquatableArray(),
            Guards = guards is null ? EquatableArray<string>.Empty : guards.ToEquatableArray(),
        };
    }

    /// <summary>
    /// The counter of <c>for (int i = 0; i &lt; s.Length; i++)</c> over a core slice (the dimension it runs over),
    /// with no jumps in its body and the counter changed only by the loop: inside the body, <c>0 &lt;= i &lt; s.Length</c>.
    /// </summary>
    private static (ILocalSymbol Counter, string Dimension)? CountedLoop(Reader r, ForStatementSyntax loop, IReadOnlyList<GuArgument> arguments)
    {
        if (loop is { Declaration.Variables.Count: 1, Initializers.Count: 0, Condition: BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LessThanExpression } condition, Incrementors.Count: 1 }
            && loop.Declaration.Variables[0] is { Initializer.Value: LiteralExpressionSyntax { Token.Value: 0 } } variable
            && r.Model.GetDeclaredSymbol(variable, r.Cancellation) is ILocalSymbol { Type.SpecialType: SpecialType.System_Int32 } counter
            && condition.Left is IdentifierNameSyntax left && SymbolEqualityComparer.Default.Equals(r.Model.GetSymbolInfo(left, r.Cancellation).Symbol, counter)
            && condition.Right is MemberAccessExpressionSyntax { Name.Identifier.Text: "Length" } length && SpanOf(r, length.Expression) is { } bound
            && arguments[r.Spans[bound]].CoreDimensions.FirstOrDefault() is { } dimension
            && loop.Incrementors[0] is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression, Operand: IdentifierNameSyntax step } && step.Identifier.Text == counter.Name
            && !loop.Statement.DescendantNodesAndSelf().Any(n => n is BreakStatementSyntax or ContinueStatementSyntax or ReturnStatementSyntax or GotoStatementSyntax
                || (n is AssignmentExpressionSyntax a && a.Left is IdentifierNameSyntax assigned && assigned.Identifier.Text == counter.Name)
                || (n is PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax && n.ChildNodes().FirstOrDefault() is IdentifierNameSyntax bumped && bumped.Identifier.Text == counter.Name)))
        {
            return (counter, dimension);
        }

        return null;
    }

    /// <summary>
    /// Whether the kernel's body can throw nothing (then W rows' outputs may go straight to the rows as they are
    /// computed: no row is ever run again). Null when it may throw; else the conditions (<c>k &gt;= 0</c> on scalar
    /// arguments) under which that holds, checked once per call. It holds when every operation is exact (+ - * on
    /// int, long, float, double without <c>checked</c>; no integer / or %; only Math's Min, Max and the floating
    /// functions row lanes take) and every index is in its slice: <c>s[i]</c>, or <c>s[i - k]</c> under
    /// <c>if (i &gt;= k)</c>, in a counted loop over a slice of the same dimension, <c>k</c> a constant or an
    /// int argument never assigned (needs <c>k &gt;= 0</c>: then <c>0 &lt;= i - k &lt;= i</c>).
    /// </summary>
    private static List<string>? NoThrow(Reader r, BlockSyntax body, IReadOnlyList<GuArgument> arguments)
    {
        if (r.Model.Compilation.Options is CSharpCompilationOptions { CheckOverflow: true })
        {
            return null;
        }

        static bool Exact(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64
            or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Boolean;
        var guards = new List<string>();
        var inRange = new HashSet<ExpressionSyntax>();
        foreach (SyntaxNode node in body.DescendantNodes())
        {
            switch (node)
            {
                case CheckedExpressionSyntax or CheckedStatementSyntax or ThrowStatementSyntax or ThrowExpressionSyntax or ObjectCreationExpressionSyntax
                    or ImplicitObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax or StackAllocArrayCreationExpressionSyntax:
                    return null;
                case BinaryExpressionSyntax binary when binary.Kind() is SyntaxKind.AddExpression or SyntaxKind.SubtractExpression or SyntaxKind.MultiplyExpression
                    or SyntaxKind.DivideExpression or SyntaxKind.ModuloExpression:
                    ITypeSymbol? type = r.Model.GetTypeInfo(binary, r.Cancellation).Type;
                    if (!Exact(type) || (binary.Kind() is SyntaxKind.DivideExpression or SyntaxKind.ModuloExpression && type?.SpecialType is not (SpecialType.System_Single or SpecialType.System_Double)))
                    {
                        return null;
                    }

                    break;
                case AssignmentExpressionSyntax compound when !compound.IsKind(SyntaxKind.SimpleAssignmentExpression):
                    ITypeSymbol? target = r.Model.GetTypeInfo(compound.Left, r.Cancellation).Type;
                    if (!Exact(target) || (compound.Kind() is SyntaxKind.DivideAssignmentExpression or SyntaxKind.ModuloAssignmentExpression && target?.SpecialType is not (SpecialType.System_Single or SpecialType.System_Double)))
                    {
                        return null;
                    }

                    break;
                case CastExpressionSyntax cast when !Exact(r.Model.GetTypeInfo(cast, r.Cancellation).Type) || !Exact(r.Model.GetTypeInfo(cast.Expression, r.Cancellation).Type):
                    return null;
                case InvocationExpressionSyntax call:
                    if (r.Model.GetSymbolInfo(call, r.Cancellation).Symbol is not IMethodSymbol { IsStatic: true } method || method.ContainingType?.ToDisplayString() is not ("System.Math" or "System.MathF")
                        || !(method.Name is "Min" or "Max" || (VectorMath(method.Name, method.Parameters.Length) is not null && method.Parameters.All(p => p.Type.SpecialType is SpecialType.System_Single or SpecialType.System_Double))))
                    {
                        return null; // Math.Abs(int.MinValue), Math.Clamp(x, 2, 1) … throw
                    }

                    break;
                case ElementAccessExpressionSyntax access:
                    if (SpanTarget(r, access) is not { } element || InRange(r, access, element.Index, element.Span, arguments, guards) is false)
                    {
                        return null;
                    }

                    inRange.Add(element.Index);
                    break;
                case PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax when !Exact(r.Model.GetTypeInfo(node, r.Cancellation).Type):
                    return null;
            }
        }

        // Only now (all or nothing): an unchecked index relies on the guards, which hold only with the whole proof.
        r.InRange = inRange;
        return guards;
    }

    /// <summary>Whether <paramref name="index"/> is provably inside <paramref name="span"/> (adding the argument checks that needs).</summary>
    private static bool InRange(Reader r, ElementAccessExpressionSyntax access, ExpressionSyntax index, IParameterSymbol span, IReadOnlyList<GuArgument> arguments, List<string> guards)
    {
        string? dimension = arguments[r.Spans[span]].CoreDimensions.FirstOrDefault();
        for (SyntaxNode? at = access.Parent; at is not null; at = at.Parent)
        {
            if (at is not ForStatementSyntax loop || CountedLoop(r, loop, arguments) is not { } counted || counted.Dimension != dimension)
            {
                continue;
            }

            bool IsCounter(ExpressionSyntax e) => e is IdentifierNameSyntax name && SymbolEqualityComparer.Default.Equals(r.Model.GetSymbolInfo(name, r.Cancellation).Symbol, counted.Counter);
            ExpressionSyntax bare = index is ParenthesizedExpressionSyntax p ? p.Expression : index;
            if (IsCounter(bare))
            {
                return true;
            }

            // s[i - k] under if (i >= k), inside this loop.
            if (bare is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.SubtractExpression } difference && IsCounter(difference.Left)
                && Amount(r, difference.Right, body: loop) is { } k)
            {
                for (SyntaxNode? inner = access; inner is not null && inner != loop; inner = inner.Parent)
                {
                    if (inner.Parent is IfStatementSyntax { Condition: BinaryExpressionSyntax { RawKind: (int)SyntaxKind.GreaterThanOrEqualExpression } condition } branch && branch.Statement == inner
                        && IsCounter(condition.Left) && condition.Right.ToString() == difference.Right.ToString())
                    {
                        if (k.Length > 0 && !guards.Contains(k))
                        {
                            guards.Add(k);
                        }

                        return true;
                    }
                }
            }

            return false;
        }

        return false;
    }

    /// <summary>
    /// <paramref name="amount"/> as a non-negative int constant (returns "") or an int argument the kernel never
    /// assigns (returns its name: it must be checked non-negative); null otherwise.
    /// </summary>
    private static string? Amount(Reader r, ExpressionSyntax amount, SyntaxNode body)
    {
        Optional<object?> constant = r.Model.GetConstantValue(amount, r.Cancellation);
        if (constant.HasValue)
        {
            return constant.Value is int value && value >= 0 ? "" : null;
        }

        if (amount is IdentifierNameSyntax name && r.Model.GetSymbolInfo(name, r.Cancellation).Symbol is IParameterSymbol { Type.SpecialType: SpecialType.System_Int32, RefKind: RefKind.None } parameter
            && !r.Spans.ContainsKey(parameter)
            && !parameter.ContainingSymbol.DeclaringSyntaxReferences.SelectMany(d => d.GetSyntax(r.Cancellation).DescendantNodes()).Any(n =>
                (n is AssignmentExpressionSyntax { Left: IdentifierNameSyntax left } && left.Identifier.Text == parameter.Name)
                || (n is PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax && n.ChildNodes().FirstOrDefault() is IdentifierNameSyntax bumped && bumped.Identifier.Text == parameter.Name)
                || (n is ArgumentSyntax { RefKindKeyword.RawKind: not 0, Expression: IdentifierNameSyntax referenced } && referenced.Identifier.Text == parameter.Name)))
        {
            return parameter.Name;
        }

        return null;
    }

    /// <summary>
    /// The outputs written whole, once per step of a top-level counted loop at its counter (<c>result[i] = …;</c>
    /// as a statement of the loop's body, nowhere else): their values go to a ring of W vectors and from there,
    /// every W columns, straight into the W rows (no row-long buffer to write and read back).
    /// </summary>
    private static void Stream(Reader r, BlockSyntax body, List<IParameterSymbol> overwritten, IReadOnlyList<GuArgument> arguments)
    {
        foreach (IParameterSymbol output in overwritten)
        {
            var accesses = body.DescendantNodes().OfType<ElementAccessExpressionSyntax>().Where(access => SymbolEqualityComparer.Default.Equals(SpanOf(r, access.Expression), output)).ToList();
            if (accesses.Count != 1 || accesses[0].Parent?.Parent is not ExpressionStatementSyntax statement || statement.Parent is not BlockSyntax loopBody
                || loopBody.Parent is not ForStatementSyntax loop || loop.Parent != body || CountedLoop(r, loop, arguments) is not { } counted
                || SpanTarget(r, accesses[0]) is not { Index: IdentifierNameSyntax index } || index.Identifier.Text != counted.Counter.Name
                || (r.StreamLoop is not null && r.StreamLoop != loop))
            {
                continue;
            }

            r.StreamLoop = loop;
            r.Counter = counted.Counter.Name;
            r.Streamed.Add(r.Spans[output]);
        }
    }

    /// <summary>
    /// Whether the kernel writes every element of <paramref name="output"/> and never reads it, so that its old
    /// contents need not be read in: a top-level <c>for (int i = 0; i &lt; s.Length; i++)</c> over a slice of the
    /// same core dimension, without jumps, whose body assigns <c>output[i]</c> at its top level, with no
    /// <c>return</c> before it. (If the kernel throws, the rows run again as written, so nothing half-done is kept.)
    /// </summary>
    private static bool Overwritten(Reader r, BlockSyntax body, IParameterSymbol output, IReadOnlyList<GuArgument> arguments)
    {
        string dimension = arguments[r.Spans[output]].CoreDimensions.FirstOrDefault() ?? "";
        bool onlyWritten = body.DescendantNodes().OfType<ElementAccessExpressionSyntax>().Where(access => SymbolEqualityComparer.Default.Equals(SpanOf(r, access.Expression), output))
            .All(access => access.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment && assignment.Left == access && assignment.Parent is ExpressionStatementSyntax);
        if (dimension.Length == 0 || !onlyWritten)
        {
            return false;
        }

        foreach (StatementSyntax statement in body.Statements)
        {
            if (statement is ForStatementSyntax { Declaration.Variables.Count: 1, Condition: BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LessThanExpression } condition, Incrementors.Count: 1, Statement: BlockSyntax loopBody } loop
                && loop.Declaration.Variables[0] is { Initializer.Value: LiteralExpressionSyntax { Token.Value: 0 } } variable
                && r.Model.GetDeclaredSymbol(variable, r.Cancellation) is ILocalSymbol counter
                && condition.Left is IdentifierNameSyntax left && SymbolEqualityComparer.Default.Equals(r.Model.GetSymbolInfo(left, r.Cancellation).Symbol, counter)
                && condition.Right is MemberAccessExpressionSyntax { Name.Identifier.Text: "Length" } length && SpanOf(r, length.Expression) is { } bound
                && arguments[r.Spans[bound]].CoreDimensions.FirstOrDefault() == dimension
                && loop.Incrementors[0] is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression, Operand: IdentifierNameSyntax step } && step.Identifier.Text == counter.Name
                && !loopBody.DescendantNodes().Any(n => n is BreakStatementSyntax or ContinueStatementSyntax or ReturnStatementSyntax or GotoStatementSyntax
                    || (n is AssignmentExpressionSyntax a && a.Left is IdentifierNameSyntax assigned && assigned.Identifier.Text == counter.Name)
                    || (n is PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax && n.ChildNodes().FirstOrDefault() is IdentifierNameSyntax bumped && bumped.Identifier.Text == counter.Name))
                && loopBody.Statements.Any(inner => inner is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: ElementAccessExpressionSyntax target } }
                    && SymbolEqualityComparer.Default.Equals(SpanOf(r, target.Expression), output)
                    && target.ArgumentList.Arguments.Count == 1 && target.ArgumentList.Arguments[0].Expression is IdentifierNameSyntax index && index.Identifier.Text == counter.Name))
            {
                return true;
            }

            if (statement.DescendantNodesAndSelf().Any(n => n is ReturnStatementSyntax or GotoStatementSyntax))
            {
                return false; // it may leave before the loop
            }
        }

        return false;
    }

    // ---- classification ----

    private static void Classify(Reader r, SyntaxNode node, SyntaxNode? varyingRegion)
    {
        switch (node)
        {
            case IfStatementSyntax branch:
                Classify(r, branch.Condition, varyingRegion);
                SyntaxNode? region = IsVarying(r, branch.Condition) ? varyingRegion ?? branch : varyingRegion;
                Classify(r, branch.Statement, region);
                if (branch.Else is { } otherwise)
                {
                    Classify(r, otherwise.Statement, region);
                }

                return;
            case VariableDeclaratorSyntax { Initializer: { } initializer } declarator:
                Classify(r, initializer.Value, varyingRegion);
                if (IsVarying(r, initializer.Value) && r.Model.GetDeclaredSymbol(declarator, r.Cancellation) is { } declared)
                {
                    r.Varying.Add(declared);
                }

                return;
            case AssignmentExpressionSyntax assignment:
                Classify(r, assignment.Right, varyingRegion);
                Assigned(r, assignment.Left, IsVarying(r, assignment.Right), varyingRegion);
                return;
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } prefix:
                Assigned(r, prefix.Operand, false, varyingRegion);
                return;
            case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } postfix:
                Assigned(r, postfix.Operand, false, varyingRegion);
                return;
        }

        foreach (SyntaxNode child in node.ChildNodes())
        {
            Classify(r, child, varyingRegion);
        }
    }

    private static void Assigned(Reader r, ExpressionSyntax target, bool varyingValue, SyntaxNode? varyingRegion)
    {
        if (r.Model.GetSymbolInfo(target, r.Cancellation).Symbol is not { } symbol || symbol is not (ILocalSymbol or IParameterSymbol) || target is not IdentifierNameSyntax)
        {
            return; // an element of a core slice, checked when written
        }

        bool declaredOutside = varyingRegion is not null
            && !symbol.DeclaringSyntaxReferences.Any(d => varyingRegion.Span.Contains(d.Span));
        if (varyingValue || declaredOutside)
        {
            if (symbol is IParameterSymbol)
            {
                r.Refusal = $"the parameter '{symbol.Name}' is given a value that differs per row";
                return;
            }

            r.Varying.Add(symbol);
        }
    }

    /// <summary>Whether an expression differs per row: it reads a core slice's element or a varying local.</summary>
    private static bool IsVarying(Reader r, ExpressionSyntax expression) =>
        expression.DescendantNodesAndSelf().Any(node => node switch
        {
            IdentifierNameSyntax name => r.Model.GetSymbolInfo(name, r.Cancellation).Symbol is { } symbol && r.Varying.Contains(symbol),
            ElementAccessExpressionSyntax access => SpanOf(r, access.Expression) is not null,
            _ => false,
        });

    private static IParameterSymbol? SpanOf(Reader r, ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax && r.Model.GetSymbolInfo(expression, r.Cancellation).Symbol is IParameterSymbol parameter && r.Spans.ContainsKey(parameter)
            ? parameter
            : null;

    // ---- statements ----

    private static void Line(Reader r, int depth, string text) => r.Lines.Add(new string(' ', 4 * depth) + text);

    private static void Comment(Reader r, int depth, SyntaxNode node)
    {
        string first = node.ToString().Split('\n')[0].Trim();
        Line(r, depth, $"// kernel, line {KernelLines.Of(node)}: {first}");
    }

    private static void Refuse(Reader r, SyntaxNode at, string why) =>
        r.Refusal ??= $"line {KernelLines.Of(at)} of the kernel: {why}";

    /// <param name="mask">The lanes that run this statement (null: all of them).</param>
    /// <param name="inMaskedRegion">Inside a branch on a varying condition: no jumps out of it.</param>
    private static void Statement(Reader r, StatementSyntax statement, string? mask, int depth, bool inMaskedRegion)
    {
        if (r.Refusal is not null)
        {
            return;
        }

        switch (statement)
        {
            case BlockSyntax block:
                Line(r, depth, "{");
                foreach (StatementSyntax inner in block.Statements)
                {
                    Statement(r, inner, mask, depth + 1, inMaskedRegion);
                }

                Line(r, depth, "}");
                return;
            case EmptyStatementSyntax:
                return;
            case LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0, AwaitKeyword.RawKind: 0 } local:
                Comment(r, depth, local);
                foreach (VariableDeclaratorSyntax declarator in local.Declaration.Variables)
                {
                    if (declarator.ArgumentList is not null)
                    {
                        Refuse(r, declarator, "a declaration with arguments");
                        return;
                    }

                    ISymbol? symbol = r.Model.GetDeclaredSymbol(declarator, r.Cancellation);
                    if (symbol is not null && r.Varying.Contains(symbol))
                    {
                        string value = declarator.Initializer is { } first ? Varying(r, first.Value) : $"{Vector}<{r.T}>.Zero";
                        Line(r, depth, $"{Vector}<{r.T}> {declarator.Identifier.Text} = {value};");
                    }
                    else if (symbol is ILocalSymbol { Type: { } type } uniformLocal && (uniformLocal.IsConst || !uniformLocal.IsRef))
                    {
                        string value = declarator.Initializer is { } given ? " = " + Uniform(r, given.Value) : "";
                        Line(r, depth, $"{(uniformLocal.IsConst ? "const " : "")}{type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)} {declarator.Identifier.Text}{value};");
                    }
                    else
                    {
                        Refuse(r, declarator, "a declaration row lanes do not take");
                    }
                }

                return;
            case ExpressionStatementSyntax { Expression: var expression }:
                Comment(r, depth, statement);
                ExpressionStatement(r, expression, mask, depth);
                return;
            case IfStatementSyntax branch:
                Comment(r, depth, branch);
                If(r, branch, mask, depth, inMaskedRegion);
                return;
            case ForStatementSyntax loop:
                Comment(r, depth, loop);
                if ((loop.Declaration is not null && loop.Initializers.Count > 0) || (loop.Condition is not null && IsVarying(r, loop.Condition)))
                {
                    Refuse(r, loop, "a loop whose condition differs per row");
                    return;
                }

                string init = loop.Declaration is { } declaration
                    ? (declaration.Type.IsVar && r.Model.GetTypeInfo(declaration.Type, r.Cancellation).Type is { } varType ? varType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : UniformType(r, declaration.Type))
                        + " " + string.Join(", ", declaration.Variables.Select(v => v.ArgumentList is null && v.Initializer is { } i ? $"{v.Identifier.Text} = {Uniform(r, i.Value)}" : Refused(r, v, "a loop variable without a value")))
                    : string.Join(", ", loop.Initializers.Select(e => UniformStatementExpression(r, e)));
                string condition = loop.Condition is null ? "" : Uniform(r, loop.Condition);
                string step = string.Join(", ", loop.Incrementors.Select(e => UniformStatementExpression(r, e)));
                Line(r, depth, $"for ({init}; {condition}; {step})");
                Body(r, loop.Statement, mask, depth, inMaskedRegion);
                if (loop == r.StreamLoop)
                {
                    foreach (int streamed in r.Streamed)
                    {
                        Line(r, depth, $"// The last columns (fewer than W) from the ring to the rows.");
                        Line(r, depth, $"global::SourceGen.Internal.RowLanes.WriteRing<{r.T}>(ref sourceGenLanes{streamed}, {Vector}<{r.T}>.Count, ref {Unsafe}.Add(ref sourceGenRows{streamed}, sourceGenLength{streamed} & ~({Vector}<{r.T}>.Count - 1)), sourceGenStep{streamed}, sourceGenLength{streamed} & ({Vector}<{r.T}>.Count - 1));");
                    }
                }

                return;
            case WhileStatementSyntax loop:
                Comment(r, depth, loop);
                if (IsVarying(r, loop.Condition))
                {
                    Refuse(r, loop, "a loop whose condition differs per row");
                    return;
                }

                Line(r, depth, $"while ({Uniform(r, loop.Condition)})");
                Body(r, loop.Statement, mask, depth, inMaskedRegion);
                return;
            case DoStatementSyntax loop:
                Comment(r, depth, loop);
                if (IsVarying(r, loop.Condition))
                {
                    Refuse(r, loop, "a loop whose condition differs per row");
                    return;
                }

                Line(r, depth, "do");
                Body(r, loop.Statement, mask, depth, inMaskedRegion);
                Line(r, depth, $"while ({Uniform(r, loop.Condition)});");
                return;
            case BreakStatementSyntax or ContinueStatementSyntax or ReturnStatementSyntax { Expression: null }:
                if (inMaskedRegion)
                {
                    Refuse(r, statement, $"'{statement}' under a condition that differs per row");
                    return;
                }

                Line(r, depth, statement.ToString().Trim());
                return;
            default:
                Refuse(r, statement, $"'{statement.ToString().Split('\n')[0].Trim()}' is not a statement row lanes take");
                return;
        }
    }

    /// <summary>A loop's body, always in braces (so a single statement that becomes several stays inside).</summary>
    private static void Body(Reader r, StatementSyntax body, string? mask, int depth, bool inMaskedRegion)
    {
        if (body is BlockSyntax)
        {
            Statement(r, body, mask, depth, inMaskedRegion);
            return;
        }

        Line(r, depth, "{");
        Statement(r, body, mask, depth + 1, inMaskedRegion);
        Line(r, depth, "}");
    }

    private static void If(Reader r, IfStatementSyntax branch, string? mask, int depth, bool inMaskedRegion)
    {
        if (!IsVarying(r, branch.Condition))
        {
            Line(r, depth, $"if ({Uniform(r, branch.Condition)})");
            Body(r, branch.Statement, mask, depth, inMaskedRegion);
            if (branch.Else is { } otherwise)
            {
                Line(r, depth, "else");
                Body(r, otherwise.Statement, mask, depth, inMaskedRegion);
            }

            return;
        }

        // Both sides under lane masks, each only when some lane takes it; the condition is read once, before either.
        int n = r.Masks++;
        string taken = $"sourceGenTaken{n}", then = $"sourceGenThen{n}", otherwiseMask = $"sourceGenElse{n}";
        string zero = $"{Vector}<{r.T}>.Zero";
        Line(r, depth, "{");
        Line(r, depth + 1, $"{Vector}<{r.T}> {taken} = {Mask(r, branch.Condition)};");
        Line(r, depth + 1, $"{Vector}<{r.T}> {then} = {(mask is null ? taken : $"{mask} & {taken}")};");
        if (branch.Else is not null)
        {
            Line(r, depth + 1, $"{Vector}<{r.T}> {otherwiseMask} = {(mask is null ? $"~{taken}" : $"{Vector}.AndNot({mask}, {taken})")};");
        }

        Line(r, depth + 1, $"if ({then} != {zero})");
        Body(r, branch.Statement, then, depth + 1, inMaskedRegion: true);
        if (branch.Else is { } elseClause)
        {
            Line(r, depth + 1, $"if ({otherwiseMask} != {zero})");
            Body(r, elseClause.Statement, otherwiseMask, depth + 1, inMaskedRegion: true);
        }

        Line(r, depth, "}");
    }

    private static void ExpressionStatement(Reader r, ExpressionSyntax expression, string? mask, int depth)
    {
        ExpressionSyntax? target = expression switch
        {
            AssignmentExpressionSyntax a => a.Left,
            PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } p => p.Operand,
            PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } p => p.Operand,
            _ => null,
        };
        if (target is null)
        {
            Refuse(r, expression, $"'{expression}' is not an assignment");
            return;
        }

        // The new value of the target, as a vector: x = e; x op= e; x++ (one added in the element type).
        string NewValue(string current)
        {
            switch (expression)
            {
                case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } simple:
                    return Varying(r, simple.Right);
                case AssignmentExpressionSyntax compound:
                    string? op = compound.Kind() switch
                    {
                        SyntaxKind.AddAssignmentExpression => "+",
                        SyntaxKind.SubtractAssignmentExpression => "-",
                        SyntaxKind.MultiplyAssignmentExpression => "*",
                        SyntaxKind.DivideAssignmentExpression => "/",
                        _ => null,
                    };
                    if (op is null || !(IsElement(r, r.Model.GetTypeInfo(compound.Right, r.Cancellation).Type) || IsIntegral(r.Model.GetTypeInfo(compound.Right, r.Cancellation).Type)))
                    {
                        Refuse(r, compound, $"'{compound}' is not a + - * / of the element type");
                        return current;
                    }

                    return $"({current} {op} {Varying(r, compound.Right)})";
                default:
                    bool increment = expression.IsKind(SyntaxKind.PreIncrementExpression) || expression.IsKind(SyntaxKind.PostIncrementExpression);
                    return $"({current} {(increment ? "+" : "-")} {Vector}<{r.T}>.One)";
            }
        }

        if (SpanTarget(r, target) is { } element)
        {
            // An element of a core slice: a store into the lanes' buffer (merged with what is there under a mask).
            int index = r.Spans[element.Span];
            if (!r.Outputs.Contains(element.Span))
            {
                Refuse(r, target, "a write to an input");
                return;
            }

            if (r.Streamed.Contains(index))
            {
                // Into the ring (slot i % W); every W columns the ring goes to the rows, transposed.
                Line(r, depth, $"{Vector}.StoreUnsafe({NewValue("default")}, ref sourceGenLanes{index}, (nuint)({r.Counter} & ({Vector}<{r.T}>.Count - 1)) * (nuint){Vector}<{r.T}>.Count);");
                Line(r, depth, $"if (({r.Counter} & ({Vector}<{r.T}>.Count - 1)) == {Vector}<{r.T}>.Count - 1) global::SourceGen.Internal.RowLanes.WriteRing<{r.T}>(ref sourceGenLanes{index}, {Vector}<{r.T}>.Count, ref {Unsafe}.Add(ref sourceGenRows{index}, {r.Counter} - ({Vector}<{r.T}>.Count - 1)), sourceGenStep{index}, {Vector}<{r.T}>.Count);");
                return;
            }

            Line(r, depth, "{");
            Line(r, depth + 1, $"nuint sourceGenAt = {At(r, element.Index, index)};");
            string current = $"{Vector}.LoadUnsafe(ref sourceGenLanes{index}, sourceGenAt)";
            string value = NewValue(current);
            Line(r, depth + 1, $"{Vector}.StoreUnsafe({(mask is null ? value : $"{Vector}.ConditionalSelect({mask}, {value}, {current})")}, ref sourceGenLanes{index}, sourceGenAt);");
            Line(r, depth, "}");
            return;
        }

        if (r.Model.GetSymbolInfo(target, r.Cancellation).Symbol is ILocalSymbol local && target is IdentifierNameSyntax name && r.Varying.Contains(local))
        {
            string value = NewValue(name.Identifier.Text);
            Line(r, depth, $"{name.Identifier.Text} = {(mask is null ? value : $"{Vector}.ConditionalSelect({mask}, {value}, {name.Identifier.Text})")};");
            return;
        }

        if (IsVarying(r, expression))
        {
            Refuse(r, expression, $"'{expression}' mixes values that differ per row into one that does not");
            return;
        }

        Line(r, depth, UniformStatementExpression(r, expression) + ";");
    }

    private static (IParameterSymbol Span, ExpressionSyntax Index)? SpanTarget(Reader r, ExpressionSyntax target) =>
        target is ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } access && access.ArgumentList.Arguments[0] is { NameColon: null, RefKindKeyword.RawKind: 0 } argument
            && SpanOf(r, access.Expression) is { } span
            ? (span, argument.Expression)
            : null;

    /// <summary>The buffer offset of a core slice's element at a uniform index (checked against its length).</summary>
    private static string At(Reader r, ExpressionSyntax index, int span)
    {
        if (IsVarying(r, index))
        {
            Refuse(r, index, $"the index '{index}' differs per row");
            return "0";
        }

        if (r.Model.GetTypeInfo(index, r.Cancellation).Type?.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_IntPtr or SpecialType.System_UInt32
            or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Byte or SpecialType.System_SByte))
        {
            Refuse(r, index, $"the index '{index}' is not an integer");
            return "0";
        }

        return r.InRange.Contains(index)
            ? $"(nuint)({Uniform(r, index)}) * (nuint){Vector}<{r.T}>.Count" // inside the slice (see NoThrow): no check
            : $"global::SourceGen.Internal.RowLanes.At({Uniform(r, index)}, sourceGenLength{span}, {Vector}<{r.T}>.Count)";
    }

    // ---- expressions ----

    private static bool IsElement(Reader r, ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, r.Element);

    private static bool IsIntegral(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
        or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64;

    private static string Refused(Reader r, SyntaxNode at, string why)
    {
        Refuse(r, at, why);
        return "default";
    }

    /// <summary>A value of the element type as a vector: varying as computed, uniform broadcast.</summary>
    private static string Varying(Reader r, ExpressionSyntax expression)
    {
        TypeInfo info = r.Model.GetTypeInfo(expression, r.Cancellation);
        if (!IsVarying(r, expression))
        {
            // An integer converts to the element type as C# converts it (the operators' implicit conversion, or x op= n's).
            if (!IsElement(r, info.ConvertedType) && !IsElement(r, info.Type) && !IsIntegral(info.Type))
            {
                return Refused(r, expression, $"'{expression}' is not a {r.T}");
            }

            return $"{Vector}.Create(({r.T})({Uniform(r, expression)}))";
        }

        if (!IsElement(r, info.Type))
        {
            return Refused(r, expression, $"'{expression}' differs per row but is not a {r.T}");
        }

        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return $"({Varying(r, parenthesized.Expression)})";
            case IdentifierNameSyntax name when r.Model.GetSymbolInfo(name, r.Cancellation).Symbol is ILocalSymbol local && r.Varying.Contains(local):
                return name.Identifier.Text;
            case ElementAccessExpressionSyntax access when SpanTarget(r, access) is { } element:
                return $"{Vector}.LoadUnsafe(ref sourceGenLanes{r.Spans[element.Span]}, {At(r, element.Index, r.Spans[element.Span])})";
            case BinaryExpressionSyntax binary when binary.Kind() is SyntaxKind.AddExpression or SyntaxKind.SubtractExpression or SyntaxKind.MultiplyExpression or SyntaxKind.DivideExpression:
                if (!IsElement(r, r.Model.GetTypeInfo(binary.Left, r.Cancellation).ConvertedType) || !IsElement(r, r.Model.GetTypeInfo(binary.Right, r.Cancellation).ConvertedType))
                {
                    return Refused(r, binary, $"'{binary}' is not computed in {r.T}");
                }

                return $"({Varying(r, binary.Left)} {binary.OperatorToken.Text} {Varying(r, binary.Right)})";
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } minus:
                return $"(-{Varying(r, minus.Operand)})";
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryPlusExpression } plus:
                return Varying(r, plus.Operand);
            case CastExpressionSyntax cast when IsElement(r, r.Model.GetTypeInfo(cast.Expression, r.Cancellation).Type):
                return Varying(r, cast.Expression);
            case ConditionalExpressionSyntax conditional:
                return IsVarying(r, conditional.Condition)
                    ? $"{Vector}.ConditionalSelect({Mask(r, conditional.Condition)}, {Varying(r, conditional.WhenTrue)}, {Varying(r, conditional.WhenFalse)})"
                    : $"({Uniform(r, conditional.Condition)} ? {Varying(r, conditional.WhenTrue)} : {Varying(r, conditional.WhenFalse)})";
            case InvocationExpressionSyntax call when r.Model.GetSymbolInfo(call, r.Cancellation).Symbol is IMethodSymbol { IsStatic: true } method
                && method.ContainingType?.ToDisplayString() is "System.Math" or "System.MathF"
                && method.Parameters.All(p => IsElement(r, p.Type))
                && call.ArgumentList.Arguments.All(a => a.NameColon is null && a.RefKindKeyword.RawKind == 0)
                && VectorMath(method.Name, method.Parameters.Length) is { } vectorMath:
                // Exactly the scalar function per lane (IEEE operations; Min/Max with Math's NaN and ±0 rules).
                return $"{Vector}.{vectorMath}({string.Join(", ", call.ArgumentList.Arguments.Select(a => Varying(r, a.Expression)))})";
            default:
                return Refused(r, expression, $"'{expression}' has no exact form in row lanes");
        }
    }

    private static string? VectorMath(string name, int arity) => (name, arity) switch
    {
        ("Abs", 1) => "Abs",
        ("Sqrt", 1) => "Sqrt",
        ("Min", 2) => "Min",
        ("Max", 2) => "Max",
        ("Floor", 1) => "Floor",
        ("Ceiling", 1) => "Ceiling",
        ("FusedMultiplyAdd", 3) => "FusedMultiplyAdd",
        _ => null,
    };

    /// <summary>A varying condition as a lane mask (all bits set where true).</summary>
    private static string Mask(Reader r, ExpressionSyntax condition)
    {
        if (!IsVarying(r, condition))
        {
            return $"({Uniform(r, condition)} ? {Vector}<{r.T}>.AllBitsSet : {Vector}<{r.T}>.Zero)";
        }

        switch (condition)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Mask(r, parenthesized.Expression);
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                return $"(~{Mask(r, not.Operand)})";
            case BinaryExpressionSyntax binary when binary.Kind() is SyntaxKind.LogicalAndExpression or SyntaxKind.BitwiseAndExpression
                or SyntaxKind.LogicalOrExpression or SyntaxKind.BitwiseOrExpression or SyntaxKind.ExclusiveOrExpression
                && r.Model.GetTypeInfo(binary, r.Cancellation).Type?.SpecialType == SpecialType.System_Boolean:
                // Both sides are evaluated: they only compute (a read out of range throws, and the rows rerun as written).
                string op = binary.Kind() switch
                {
                    SyntaxKind.LogicalAndExpression or SyntaxKind.BitwiseAndExpression => "&",
                    SyntaxKind.LogicalOrExpression or SyntaxKind.BitwiseOrExpression => "|",
                    _ => "^",
                };
                return $"({Mask(r, binary.Left)} {op} {Mask(r, binary.Right)})";
            case BinaryExpressionSyntax comparison when comparison.Kind() is SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression
                or SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression or SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression:
                if (!IsElement(r, r.Model.GetTypeInfo(comparison.Left, r.Cancellation).ConvertedType) || !IsElement(r, r.Model.GetTypeInfo(comparison.Right, r.Cancellation).ConvertedType))
                {
                    return Refused(r, comparison, $"'{comparison}' does not compare {r.T} values");
                }

                string left = Varying(r, comparison.Left), right = Varying(r, comparison.Right);
                return comparison.Kind() switch
                {
                    SyntaxKind.LessThanExpression => $"{Vector}.LessThan({left}, {right})",
                    SyntaxKind.LessThanOrEqualExpression => $"{Vector}.LessThanOrEqual({left}, {right})",
                    SyntaxKind.GreaterThanExpression => $"{Vector}.GreaterThan({left}, {right})",
                    SyntaxKind.GreaterThanOrEqualExpression => $"{Vector}.GreaterThanOrEqual({left}, {right})",
                    SyntaxKind.EqualsExpression => $"{Vector}.Equals({left}, {right})",
                    _ => $"(~{Vector}.Equals({left}, {right}))", // NaN != x is true, as ~(NaN == x)
                };
            default:
                return Refused(r, condition, $"the condition '{condition}' has no form in row lanes");
        }
    }

    /// <summary>A uniform statement expression (assignment, increment) as written.</summary>
    private static string UniformStatementExpression(Reader r, ExpressionSyntax expression)
    {
        if (expression is not (AssignmentExpressionSyntax or PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax) || IsVarying(r, expression))
        {
            return Refused(r, expression, $"'{expression}' is not a statement row lanes take");
        }

        return Uniform(r, expression, allowAssignment: true);
    }

    private static string UniformType(Reader r, TypeSyntax type) =>
        r.Model.GetTypeInfo(type, r.Cancellation).Type is { } symbol ? symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : Refused(r, type, "an unknown type");

    /// <summary>
    /// A uniform expression as written, its core slices' <c>.Length</c> replaced by their lengths. Only what cannot
    /// have effects outside the kernel: arithmetic, locals, parameters, constants, Math functions.
    /// </summary>
    private static string Uniform(Reader r, ExpressionSyntax expression, bool allowAssignment = false)
    {
        var edits = new List<(TextSpan Span, string Replacement)>();
        foreach (SyntaxNode node in expression.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case MemberAccessExpressionSyntax { Name.Identifier.Text: "Length" } length when SpanOf(r, length.Expression) is { } span:
                    edits.Add((length.Span, $"sourceGenLength{r.Spans[span]}"));
                    continue;
                case IdentifierNameSyntax name:
                    ISymbol? symbol = r.Model.GetSymbolInfo(name, r.Cancellation).Symbol;
                    bool inLength = name.Parent is MemberAccessExpressionSyntax { Name.Identifier.Text: "Length" } parent && parent.Expression == name;
                    bool fine = symbol switch
                    {
                        IParameterSymbol parameter => !r.Spans.ContainsKey(parameter) || inLength,
                        ILocalSymbol local => !r.Varying.Contains(local) && !local.IsRef,
                        IFieldSymbol field => field.IsConst,
                        INamedTypeSymbol => true,
                        IMethodSymbol method => method.IsStatic && method.ContainingType?.ToDisplayString() is "System.Math" or "System.MathF",
                        IPropertySymbol => inLength || (name.Parent is MemberAccessExpressionSyntax { Name: var member } && member == name && SpanOf(r, ((MemberAccessExpressionSyntax)name.Parent).Expression) is not null),
                        _ => false,
                    };
                    if (!fine)
                    {
                        return Refused(r, name, $"'{name}' is not a value row lanes take");
                    }

                    continue;
                case AssignmentExpressionSyntax or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression }
                    or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression }:
                    if (!allowAssignment || node != expression)
                    {
                        return Refused(r, node, $"the assignment '{node}' inside an expression");
                    }

                    continue;
                case LiteralExpressionSyntax literal when !literal.IsKind(SyntaxKind.StringLiteralExpression) && !literal.IsKind(SyntaxKind.Utf8StringLiteralExpression):
                case PredefinedTypeSyntax or ParenthesizedExpressionSyntax or BinaryExpressionSyntax or CastExpressionSyntax or ConditionalExpressionSyntax
                    or ArgumentListSyntax or ArgumentSyntax { RefKindKeyword.RawKind: 0 } or MemberAccessExpressionSyntax or InvocationExpressionSyntax
                    or PrefixUnaryExpressionSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax or CheckedExpressionSyntax:
                    continue;
                default:
                    return Refused(r, node, $"'{node}' is not an expression row lanes take");
            }
        }

        // Invocations: only the Math functions (they have no effects).
        foreach (InvocationExpressionSyntax call in expression.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
        {
            if (r.Model.GetSymbolInfo(call, r.Cancellation).Symbol is not IMethodSymbol { IsStatic: true } method || method.ContainingType?.ToDisplayString() is not ("System.Math" or "System.MathF"))
            {
                return Refused(r, call, $"the call '{call}'");
            }
        }

        string text = GpuLaunchParser.Slice(r.Text, expression.Span, edits);
        return text.Contains(Vector) ? Refused(r, expression, "an unusual character") : text;
    }
}
