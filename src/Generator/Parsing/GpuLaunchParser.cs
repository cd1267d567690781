using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// Target.Gpu for a <c>[Parallel]</c> kernel: each Prange loop the parser split becomes an ILGPU launch. Reads what
/// each loop needs on the device (arrays and spans as buffers, other variables as values), rewrites its body for
/// the device, finds a 2-D launch where the body is one more loop over a rectangular range, and checks that the
/// host code between launches does not touch the device's data (SG0403). Null, with errors reported, when a loop
/// cannot run on a GPU.
/// </summary>
internal static class GpuLaunchParser
{
    /// <summary>Reductions ILGPU has an atomic for, by operator: the element types it takes.</summary>
    private static readonly string[] AtomicArithmetic = { "int", "uint", "long", "ulong", "float", "double" };
    private static readonly string[] AtomicBitwise = { "int", "uint", "long", "ulong" };

    public static GpuLowering? Read(
        IMethodSymbol kernel, MethodDeclarationSyntax declaration, SemanticModel model, SourceText text,
        IReadOnlyList<PrangeLoop> loops, IReadOnlyList<ForEachStatementSyntax> syntax, IReadOnlyDictionary<ForEachStatementSyntax, DeviceCheck> checks,
        DiagnosticSink? report, CancellationToken cancellationToken)
    {
        bool ok = true;
        void Refuse(DiagnosticDescriptor descriptor, Location at, params object[] arguments)
        {
            ok = false;
            report?.Invoke(descriptor, at, arguments);
        }

        var buffers = new List<(ISymbol Symbol, string ElementType, bool Parameter, bool Writable)>();
        var written = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var launches = new List<GpuLaunch>();
        for (int index = 0; index < loops.Count; index++)
        {
            PrangeLoop loop = loops[index];
            ForEachStatementSyntax node = syntax[index];
            Location header = Location.Create(node.SyntaxTree, TextSpan.FromBounds(node.ForEachKeyword.SpanStart, node.CloseParenToken.Span.End));
            Dictionary<string, ISymbol> outside = OutsideSymbols(node, model, cancellationToken);
            var used = new List<string>();
            var values = new List<CapturedVariable>();
            foreach (CapturedVariable captured in loop.Captured)
            {
                if (!outside.TryGetValue(captured.Name, out ISymbol? symbol))
                {
                    continue;
                }

                ITypeSymbol? type = (symbol as ILocalSymbol)?.Type ?? (symbol as IParameterSymbol)?.Type;
                if (captured.Kind != CaptureKind.Value || type is IArrayTypeSymbol { Rank: 1, ElementType.IsUnmanagedType: true })
                {
                    string element = captured.Kind != CaptureKind.Value ? captured.ElementType : ((IArrayTypeSymbol)type!).ElementType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                    ITypeSymbol? elementType = (type as IArrayTypeSymbol)?.ElementType ?? (type as INamedTypeSymbol)?.TypeArguments.FirstOrDefault();
                    if (elementType is null || !DeviceCheck.IsBlittable(elementType))
                    {
                        Refuse(DiagnosticDescriptors.ImpossibleOnGpu, header, $"'{captured.Name}'",
                            $"the Prange loop reads '{captured.Name}', whose elements ({elementType?.ToDisplayString() ?? "?"}) are not blittable: a device buffer holds numbers, or structs of them",
                            "store bool flags as byte (0 or 1), char as ushort");
                        continue;
                    }

                    if (!buffers.Any(b => SymbolEqualityComparer.Default.Equals(b.Symbol, symbol)))
                    {
                        if (buffers.Any(b => b.Symbol.Name == symbol.Name))
                        {
                            Refuse(DiagnosticDescriptors.HostUseOfDeviceData, symbol.Locations.FirstOrDefault() ?? header, symbol.Name,
                                "as two different variables of the same name", "give the arrays the Prange loops read different names");
                            continue;
                        }

                        buffers.Add((symbol, element, symbol is IParameterSymbol, captured.Kind != CaptureKind.ReadOnlySpan));
                    }

                    used.Add(captured.Name);
                    continue;
                }

                if (type is IArrayTypeSymbol array)
                {
                    Refuse(DiagnosticDescriptors.ImpossibleOnGpu, header, $"'{captured.Name}'",
                        array.Rank > 1 ? $"a Prange loop that reads the {array.Rank}-D array '{captured.Name}' cannot run on the GPU (a device buffer is one-dimensional)" : $"'{captured.Name}' is an array of a managed type",
                        "pass the elements as a one-dimensional array or span of numbers, indexed row * width + column");
                    continue;
                }

                if (type is null || !type.IsUnmanagedType || (type.SpecialType != SpecialType.System_Boolean && !DeviceCheck.IsBlittable(type)))
                {
                    Refuse(DiagnosticDescriptors.ImpossibleOnGpu, header, $"'{captured.Name}'",
                        $"the Prange loop reads '{captured.Name}' of type '{type?.ToDisplayString() ?? "?"}', which cannot be passed to a GPU kernel (only numbers, bools, and structs of numbers)",
                        "copy what the loop needs into locals of such types before the loop");
                    continue;
                }

                values.Add(captured);
            }

            foreach (Reduction reduction in loop.Reductions)
            {
                string[] types = reduction.Operator is ReductionOperator.And or ReductionOperator.Or or ReductionOperator.Xor ? AtomicBitwise : AtomicArithmetic;
                if (reduction.Operator == ReductionOperator.Multiply || !types.Contains(reduction.Type))
                {
                    Refuse(DiagnosticDescriptors.ImpossibleOnGpu, header, $"the {reduction.Operator.ToString().ToLowerInvariant()} reduction into '{reduction.Name}'",
                        reduction.Operator == ReductionOperator.Multiply
                            ? "GPU threads combine their partial results with atomic operations, and there is no atomic multiply"
                            : $"GPU threads combine their partial results with atomic operations, and ILGPU has none for '{reduction.Type}' with this operator",
                        reduction.Operator == ReductionOperator.Multiply
                            ? "accumulate a sum of logarithms, or use Target.Parallel"
                            : $"accumulate into a variable of type {string.Join(", ", types)}");
                }
            }

            // What the device runs of the loop, decided by its device check (reported by ParallelParser: SG0401, SG0402):
            // its findings keep the loop off the GPU; its rewrites make the device code.
            DeviceCheck device = checks.TryGetValue(node, out DeviceCheck? known) ? known : DeviceCheck.OfPrangeLoop(kernel, node, model, cancellationToken);
            ok &= device.Runs;
            written.UnionWith(device.Written);
            List<(TextSpan Span, string Replacement)> edits = device.Edits;
            GpuInnerLoop? inner = Nest(kernel, node, model, text, edits, cancellationToken);
            launches.Add(new GpuLaunch(used.ToEquatableArray(), values.ToEquatableArray(), Slice(text, node.Statement.Span, edits), inner));
        }

        if (declaration.Body is { } body)
        {
            foreach ((SyntaxNode at, string name, string where) in HostUses(body, syntax, buffers.Select(b => b.Symbol).ToList(), model, cancellationToken))
            {
                Refuse(DiagnosticDescriptors.HostUseOfDeviceData, at.GetLocation(), name, where,
                    "read or write it inside a Prange loop (a reduction brings a value back to the host), or before the first Prange loop; or use Target.Parallel");
            }
        }

        return ok
            ? new GpuLowering(
                buffers.Select(b => new GpuBuffer(CSharpName.Escape(b.Symbol.Name), b.ElementType, b.Parameter && b.Writable && written.Contains(b.Symbol))).ToEquatableArray(),
                launches.ToEquatableArray())
            : null;
    }

    /// <summary>The locals and parameters declared outside the loop that its body names, by name.</summary>
    private static Dictionary<string, ISymbol> OutsideSymbols(ForEachStatementSyntax node, SemanticModel model, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, ISymbol>();
        foreach (IdentifierNameSyntax identifier in node.Statement.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is ISymbol symbol and (ILocalSymbol or IParameterSymbol)
                && !symbol.Locations.Any(l => node.Span.Contains(l.SourceSpan)))
            {
                found[CSharpName.Escape(symbol.Name)] = symbol;
            }
        }

        return found;
    }

    /// <summary>
    /// The 2-D launch, when the outer body is declarations and then one loop whose iterations are independent (a
    /// row loop that could run in SIMD steps, or an inner Prange loop) over a range computed outside the outer loop.
    /// </summary>
    private static GpuInnerLoop? Nest(IMethodSymbol kernel, ForEachStatementSyntax node, SemanticModel model, SourceText text, List<(TextSpan, string)> edits, CancellationToken cancellationToken)
    {
        SyntaxList<StatementSyntax> statements = node.Statement is BlockSyntax block ? block.Statements : new SyntaxList<StatementSyntax>(node.Statement);
        if (statements.Count == 0 || statements.Take(statements.Count - 1).Any(s => s is not LocalDeclarationStatementSyntax { IsConst: false, UsingKeyword.RawKind: 0 }))
        {
            return null;
        }

        StatementSyntax last = statements[statements.Count - 1];
        string variableType, variableName, start, end;
        StatementSyntax innerBody;
        if (last is ForStatementSyntax loop)
        {
            if (loop.Declaration is not { Variables.Count: 1 } declaration || declaration.Variables[0].Initializer is not { } initializer
                || loop.Condition is not BinaryExpressionSyntax { Left: IdentifierNameSyntax counter } condition
                || counter.Identifier.Text != declaration.Variables[0].Identifier.Text
                || !condition.IsKind(SyntaxKind.LessThanExpression) && !condition.IsKind(SyntaxKind.LessThanOrEqualExpression)
                || VectorLoopParser.Read(kernel, loop, model, text, fastMath: true, out _, out _, cancellationToken) is null)
            {
                return null;
            }

            variableType = declaration.Type.ToString();
            variableName = counter.Identifier.Text;
            start = Slice(text, initializer.Value.Span, edits);
            end = condition.IsKind(SyntaxKind.LessThanExpression) ? Slice(text, condition.Right.Span, edits) : $"({Slice(text, condition.Right.Span, edits)}) + 1";
            if (!IsOutside(initializer.Value, node, model, cancellationToken) || !IsOutside(condition.Right, node, model, cancellationToken))
            {
                return null;
            }

            innerBody = loop.Statement;
        }
        else if (last is ForEachStatementSyntax { Expression: InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 1 or 2 } arguments } } prange
            && PrangeLoops.Is(prange, model, cancellationToken)
            && arguments.All(a => IsOutside(a.Expression, node, model, cancellationToken))
            && !prange.Statement.DescendantNodesAndSelf().OfType<BreakStatementSyntax>().Any(b => BreaksOut(b, prange)))
        {
            variableType = prange.Type.ToString();
            variableName = prange.Identifier.Text;
            start = arguments.Count == 1 ? "0" : Slice(text, arguments[0].Expression.Span, edits);
            end = Slice(text, arguments[arguments.Count - 1].Expression.Span, edits);
            innerBody = prange.Statement;
        }
        else
        {
            return null;
        }

        // The prologue's locals are computed by every thread: the inner loop may read them, not change them.
        DataFlowAnalysis? flow = model.AnalyzeDataFlow(innerBody);
        var prologue = new HashSet<ISymbol>(statements.Take(statements.Count - 1).SelectMany(s => ((LocalDeclarationStatementSyntax)s).Declaration.Variables)
            .Select(v => model.GetDeclaredSymbol(v, cancellationToken)).OfType<ISymbol>(), SymbolEqualityComparer.Default);
        if (flow is null || !flow.Succeeded || flow.WrittenInside.Any(prologue.Contains))
        {
            return null;
        }

        TextSpan prologueSpan = statements.Count > 1 ? TextSpan.FromBounds(statements[0].SpanStart, statements[statements.Count - 2].Span.End) : new TextSpan(last.SpanStart, 0);
        return new GpuInnerLoop(
            variableType, variableName, start, end,
            Slice(text, prologueSpan, edits), statements.Count > 1 ? statements[0].GetLocation().GetLineSpan().StartLinePosition.Character : 0,
            Slice(text, innerBody.Span, edits), innerBody.GetLocation().GetLineSpan().StartLinePosition.Character);
    }

    /// <summary>Whether an expression reads nothing declared in the loop (nor its variable): the host can compute it before the launch.</summary>
    private static bool IsOutside(ExpressionSyntax expression, ForEachStatementSyntax loop, SemanticModel model, CancellationToken cancellationToken) =>
        expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().All(identifier =>
            model.GetSymbolInfo(identifier, cancellationToken).Symbol is not ISymbol { Kind: SymbolKind.Local or SymbolKind.Parameter } symbol
            || !symbol.Locations.Any(l => loop.Span.Contains(l.SourceSpan)));

    private static bool BreaksOut(BreakStatementSyntax statement, ForEachStatementSyntax loop)
    {
        for (SyntaxNode? parent = statement.Parent; parent is not null && parent != loop; parent = parent.Parent)
        {
            if (parent is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax or SwitchStatementSyntax)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Mentions of the buffers outside the Prange loops that would read or write a stale copy: anything but
    /// <c>Length</c> after the first launch, or inside a loop that launches (every mention there follows a launch).
    /// </summary>
    private static IEnumerable<(SyntaxNode At, string Name, string Where)> HostUses(
        BlockSyntax body, IReadOnlyList<ForEachStatementSyntax> launches, List<ISymbol> buffers, SemanticModel model, CancellationToken cancellationToken)
    {
        if (launches.Count == 0)
        {
            yield break;
        }

        int first = launches[0].SpanStart;
        bool InLaunch(SyntaxNode node) => launches.Any(l => l.Span.Contains(node.Span));
        SyntaxNode? LoopAround(SyntaxNode node) => node.Ancestors().TakeWhile(a => a != body)
            .FirstOrDefault(a => a is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax && launches.Any(l => a.Span.Contains(l.Span)));
        int Line(SyntaxNode node) => KernelLines.Of(node);

        foreach (SyntaxNode node in body.DescendantNodes())
        {
            ISymbol? symbol = node switch
            {
                IdentifierNameSyntax identifier when !InLaunch(identifier) => model.GetSymbolInfo(identifier, cancellationToken).Symbol,
                VariableDeclaratorSyntax declarator when !InLaunch(declarator) => model.GetDeclaredSymbol(declarator, cancellationToken),
                _ => null,
            };
            if (symbol is null || !buffers.Contains(symbol, SymbolEqualityComparer.Default))
            {
                continue;
            }

            if (node.Parent is MemberAccessExpressionSyntax { Name.Identifier.Text: "Length" } member && member.Expression == node)
            {
                continue;
            }

            SyntaxNode at = node is VariableDeclaratorSyntax declared ? declared : node.Parent is MemberAccessExpressionSyntax or ElementAccessExpressionSyntax ? node.Parent : node;
            if (LoopAround(node) is { } loop)
            {
                yield return (at, symbol.Name, node is VariableDeclaratorSyntax
                    ? $"as a new array in the loop at line {Line(loop)}, which launches GPU kernels"
                    : $"in the loop at line {Line(loop)}, which launches GPU kernels");
            }
            else if (node.SpanStart > first)
            {
                yield return (at, symbol.Name, $"after the first GPU launch (the Prange loop at line {Line(launches[0])})");
            }
        }
    }

    /// <summary>The kernel's text in <paramref name="span"/> with the edits inside it applied.</summary>
    internal static string Slice(SourceText text, TextSpan span, List<(TextSpan Span, string Replacement)> edits)
    {
        var builder = new System.Text.StringBuilder();
        int position = span.Start;
        foreach ((TextSpan at, string replacement) in edits.Where(e => span.Contains(e.Span)).OrderBy(e => e.Span.Start))
        {
            builder.Append(text.ToString(TextSpan.FromBounds(position, at.Start))).Append(replacement);
            position = at.End;
        }

        return builder.Append(text.ToString(TextSpan.FromBounds(position, span.End))).ToString();
    }
}
