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
/// Reads a <c>[Parallel]</c> entry point and its kernel into a <see cref="ParallelModel"/>: the kernel's body cut at
/// its outermost <c>foreach (… in Prange(…))</c> loops, and for each loop what it reads from outside (copied, or
/// pinned and rebuilt for spans) and what it accumulates (reductions). A loop that cannot run across threads
/// stays in the body as written, serial, with an SG0301 warning that says why.
/// </summary>
internal static class ParallelParser
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static ParallelModel? Build(IMethodSymbol entry, AttributeData attribute, Compilation compilation, DiagnosticSink? report, CancellationToken cancellationToken)
    {
        Location location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? entry.Locations.FirstOrDefault() ?? Location.None;
        if (!EntryPointParser.CheckDeclarationSite(entry, attribute, location, report, cancellationToken))
        {
            return null;
        }

        if (!entry.IsPartialDefinition || (entry.PartialImplementationPart is { } implementation && !EntryPointParser.IsGenerated(implementation)))
        {
            report?.Invoke(DiagnosticDescriptors.InvalidEntryPoint, location, entry.Name,
                "a [Parallel] entry point is a 'partial' method without a body, with the kernel's parameters and return type, naming the kernel: [Parallel(nameof(Kernel))]");
            return null;
        }

        // A generic kernel: this entry point's model is the one of the kernel written for its element types.
        if (GenericKernels.Specialize(entry, attribute, EntryForm.Parallel, compilation, report, cancellationToken, out bool failed) is { } generic)
        {
            return Build(generic.Entry, generic.Attribute, generic.Compilation, generic.Report, cancellationToken) is { } specialized
                ? specialized with { GenericCall = generic.Call, GenericCref = generic.Cref }
                : null;
        }

        if (failed)
        {
            return null;
        }

        KernelTarget target = EntryPointParser.TargetOf(attribute, EntryForm.Parallel);

        IMethodSymbol? kernel = FindKernel(entry, EntryPointParser.KernelNameArgument(attribute, EntryForm.Parallel) ?? entry.Name, location, report, cancellationToken);
        MethodDeclarationSyntax? declaration = kernel is null ? null : EntryPointParser.Declaration(kernel, cancellationToken);
        if (kernel is null || declaration is null)
        {
            return null;
        }

        var segments = new List<BodySegment>();
        var loops = new List<PrangeLoop>();
        GpuLowering? gpu = null;
        if (target is KernelTarget.Cpu or KernelTarget.Parallel or KernelTarget.Gpu)
        {
            // Target.Cpu runs the same code on the calling thread: the Prange loops' iterations in SIMD steps.
            SemanticModel model = compilation.GetSemanticModel(declaration.SyntaxTree);
            bool fastMath = EntryPointParser.NamedBool(attribute, "FastMath");

            // Several entry points may share a kernel: its loops' diagnostics come once, from the first entry that
            // runs them that way (thread diagnostics from the first Target.Parallel entry, SIMD ones per FastMath).
            // A Target.Gpu entry's CPU code runs only without a GPU: its thread and SIMD diagnostics come from the
            // other entries; its own are the GPU's (SG04xx), and SG0301 where a Prange loop cannot be launched.
            List<EntryPointParser.KernelUse> siblings = EntryPointParser.CpuEntriesOf(kernel, EntryForm.Parallel);
            DiagnosticSink? threadReport = target == KernelTarget.Gpu ? report
                : target == KernelTarget.Parallel && siblings.FirstOrDefault(s => s.Target == KernelTarget.Parallel)?.Entry is { } firstParallel && SymbolEqualityComparer.Default.Equals(firstParallel, entry) ? report : null;
            DiagnosticSink? simdReport = target != KernelTarget.Gpu && siblings.FirstOrDefault(s => s.FastMath == fastMath && s.Target != KernelTarget.Gpu)?.Entry is { } firstSimd
                && SymbolEqualityComparer.Default.Equals(firstSimd, entry) ? report : null;
            var accepted = new List<ForEachStatementSyntax>();
            int found = CutAtParallelLoops(declaration, model, segments, loops, accepted, fastMath, target == KernelTarget.Gpu, threadReport, simdReport, cancellationToken);
            if (target == KernelTarget.Gpu)
            {
                // The device check of every Prange loop (SG0401, SG0402), reported once per kernel, even where a loop
                // cannot be launched for another reason; the launch reads the same checks.
                DiagnosticSink? gpuReport = EntryPointParser.ReportsDeviceFindings(kernel, entry, EntryForm.Parallel) ? report : null;
                var checks = new Dictionary<ForEachStatementSyntax, DeviceCheck>();
                foreach (ForEachStatementSyntax prange in PrangeLoops.Outermost(declaration.Body ?? (SyntaxNode?)declaration.ExpressionBody!, model, cancellationToken))
                {
                    checks[prange] = DeviceCheck.OfPrangeLoop(kernel, prange, model, cancellationToken);
                }

                DeviceCheck.Report(checks.Values, gpuReport);
                if (found == loops.Count && found > 0)
                {
                    gpu = GpuLaunchParser.Read(kernel, declaration, model, declaration.SyntaxTree.GetText(cancellationToken), loops, accepted, checks, gpuReport, cancellationToken);
                }
            }

            if (found == 0 && target != KernelTarget.Cpu)
            {
                report?.Invoke(DiagnosticDescriptors.PrangeLoopRunsSerially, location, $"kernel '{kernel.Name}'",
                    "it has no 'foreach (… in Prange(…))' loop the generator can split", "write the loop to split across threads as 'foreach (int i in Prange(n))'");
            }

            if (loops.Count == 0)
            {
                segments.Clear();
            }
        }

        return new ParallelModel(
            entry.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "",
            ModelBuilder.ContainingTypesOf(entry).ToEquatableArray(),
            Usings(declaration).ToEquatableArray(),
            ModelBuilder.ModifiersOf(entry, cancellationToken),
            CSharpName.Escape(entry.Name),
            entry.ReturnType.ToDisplayString(TypeFormat),
            entry.Parameters.Select(Declared).ToEquatableArray(),
            CSharpName.Escape(kernel.Name),
            declaration.Identifier.GetLocation().GetLineSpan().StartLinePosition.Line + 1,
            declaration.Body?.GetLocation().GetLineSpan().StartLinePosition.Character ?? 0,
            kernel.Parameters.Select(Declared).ToEquatableArray(),
            target,
            segments.ToEquatableArray(),
            loops.ToEquatableArray())
        {
            Gpu = gpu,
            Names = EntryNaming.For(entry, EntryForm.Parallel) with
            {
                ShortVectorNames = VectorNameScope.ShortNamesBind(entry, kernel, declaration, compilation, cancellationToken),
            },
        };
    }

    internal static DeclaredParameter Declared(IParameterSymbol parameter) => new(
        parameter.RefKind switch { RefKind.Ref => "ref", RefKind.Out => "out", RefKind.In => "in", _ => "" },
        parameter.Type.ToDisplayString(TypeFormat),
        CSharpName.Escape(parameter.Name))
    {
        DeclarationOnly = EntryPointParser.DeclarationOnlyModifiers(parameter),
    };

    /// <summary>The kernel: a static method with a body, in the entry's type, with the entry's parameter and return types.</summary>
    private static IMethodSymbol? FindKernel(IMethodSymbol entry, string name, Location location, DiagnosticSink? report, CancellationToken cancellationToken)
    {
        List<IMethodSymbol> candidates = EntryPointParser.KernelCandidates(entry, name, cancellationToken);
        if (candidates.Count == 0)
        {
            report?.Invoke(DiagnosticDescriptors.KernelNotFound, location, name, entry.ContainingType.Name, entry.Name);
            return null;
        }

        string? mismatch = null;
        foreach (IMethodSymbol candidate in candidates)
        {
            mismatch = Mismatch(entry, candidate);
            if (mismatch is null)
            {
                return candidate;
            }
        }

        report?.Invoke(DiagnosticDescriptors.EntryPointMismatch, location, entry.Name, EntryPointParser.Signature(candidates[0]), mismatch);
        return null;
    }

    private static string? Mismatch(IMethodSymbol entry, IMethodSymbol kernel)
    {
        if (!kernel.IsStatic || kernel.IsGenericMethod || entry.IsGenericMethod)
        {
            return "a [Parallel] kernel is a static, non-generic method";
        }

        if (kernel.IsAsync)
        {
            return "the kernel is async, and its body is not one call's work that threads can share; write a synchronous kernel and await around the entry point";
        }

        if (kernel.Parameters.Length != entry.Parameters.Length)
        {
            return $"a [Parallel] entry point has the kernel's parameters: the kernel has {kernel.Parameters.Length}, the entry point {entry.Parameters.Length}";
        }

        for (int i = 0; i < kernel.Parameters.Length; i++)
        {
            if (!SymbolEqualityComparer.Default.Equals(kernel.Parameters[i].Type, entry.Parameters[i].Type) || kernel.Parameters[i].RefKind != entry.Parameters[i].RefKind)
            {
                return $"parameter {i + 1} is '{entry.Parameters[i].ToDisplayString()}' in the entry point but '{kernel.Parameters[i].ToDisplayString()}' in the kernel";
            }
        }

        return SymbolEqualityComparer.Default.Equals(kernel.ReturnType, entry.ReturnType)
            ? null
            : $"the entry point returns '{entry.ReturnType.ToDisplayString()}' but the kernel '{kernel.ReturnType.ToDisplayString()}'";
    }

    /// <summary>The using directives of the kernel's file (the kernel's text is compiled again in the generated file).</summary>
    internal static IEnumerable<string> Usings(MethodDeclarationSyntax declaration) =>
        declaration.SyntaxTree.GetRoot().DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<UsingDirectiveSyntax>()
            .Where(u => u.GlobalKeyword.IsKind(SyntaxKind.None))
            .Select(u => u.WithoutTrivia().ToString())
            .Distinct();

    /// <summary>Fills the segments and loops; returns how many Prange loops the body has (split or not).</summary>
    private static int CutAtParallelLoops(MethodDeclarationSyntax declaration, SemanticModel model, List<BodySegment> segments, List<PrangeLoop> loops, List<ForEachStatementSyntax> accepted, bool fastMath, bool gpu, DiagnosticSink? report, DiagnosticSink? simdReport, CancellationToken cancellationToken)
    {
        if (declaration.Body is not { } body)
        {
            return 0;
        }

        SourceText text = declaration.SyntaxTree.GetText(cancellationToken);
        int position = body.Span.Start;
        List<ForEachStatementSyntax> prangeLoops = PrangeLoops.Outermost(body, model, cancellationToken);
        foreach (ForEachStatementSyntax loop in prangeLoops)
        {
            PrangeLoop? parallel = Read(loop, model, text, out string? reason, out string? fix, cancellationToken);
            List<string> scatterTargets = parallel?.Scatters.Select(s => s.Name).ToList() ?? new List<string>();
            if (parallel is not null && report is not null && model.GetDeclaredSymbol(loop, cancellationToken) is { } variable)
            {
                // On a GPU the updates run as written, one thread per iteration: there they still race.
                RaceCheck.Report(loop, variable, model, gpu ? new List<string>() : scatterTargets, report, cancellationToken);
                if (!gpu)
                {
                    // On a GPU allocation is impossible, an error of its own (SG0401).
                    AllocationCheck.Report(loop, model, report, cancellationToken);
                }
            }

            if (parallel is not null && model.GetEnclosingSymbol(loop.SpanStart, cancellationToken) is IMethodSymbol kernel)
            {
                // A row loop in the body that cannot run in lanes says why (SG0302); the Prange loop itself is then not
                // tried as the SIMD loop: the same obstacle would be reported twice.
                (EquatableArray<BodySegment> bodySegments, EquatableArray<VectorLoop> vectorLoops, List<VectorLoopParser.RefusedLoop> refused) =
                    VectorLoopParser.Cut(kernel, loop.Statement, model, text, fastMath, simdReport, cancellationToken, scatterTargets: scatterTargets);
                foreach (VectorLoopParser.RefusedLoop row in refused)
                {
                    simdReport?.Invoke(DiagnosticDescriptors.LoopRunsWithoutSimd, row.At, row.Reason, row.Fix);
                }

                parallel = parallel with
                {
                    BodySegments = bodySegments,
                    VectorLoops = vectorLoops,
                    Vectorized = vectorLoops.Count == 0 && refused.Count == 0 && parallel.VariableType == "int" ? VectorLoopParser.ReadPrange(kernel, loop, model, text, fastMath, simdReport, cancellationToken, scatterTargets) : null,
                };
                parallel = WithAtomicBody(parallel, loop.Statement.SpanStart);
            }

            if (parallel is null)
            {
                // With Target.Gpu the loop would run on the host, between launches that keep the data on the device.
                report?.Invoke(gpu ? DiagnosticDescriptors.ImpossibleOnGpu : DiagnosticDescriptors.PrangeLoopRunsSerially, loop.ForEachKeyword.GetLocation().SourceSpan.IsEmpty ? loop.GetLocation() : Location.Create(loop.SyntaxTree, TextSpan.FromBounds(loop.ForEachKeyword.SpanStart, loop.CloseParenToken.Span.End)),
                    "this Prange loop", reason, fix);
                continue;
            }

            segments.Add(new BodySegment(text.ToString(TextSpan.FromBounds(position, loop.SpanStart)), -1));
            segments.Add(new BodySegment(null, loops.Count));
            loops.Add(parallel);
            accepted.Add(loop);
            position = loop.Span.End;
        }

        segments.Add(new BodySegment(text.ToString(TextSpan.FromBounds(position, body.Span.End)), -1));
        return prangeLoops.Count;
    }

    /// <summary>
    /// The loop's body with its scatter updates atomic, when every one has an atomic form and no loop in SIMD steps
    /// touches a scatter target (its vector stores are not atomic); the loop unchanged otherwise.
    /// </summary>
    private static PrangeLoop WithAtomicBody(PrangeLoop loop, int bodyStart)
    {
        List<ScatterUpdate> updates = loop.Scatters.SelectMany(s => s.Updates).OrderBy(u => u.Start).ToList();
        if (updates.Count == 0 || updates.Any(u => u.Atomic.Length == 0) || loop.Vectorized is not null
            || loop.VectorLoops.Any(v => v.Body.Buffers.Any(b => loop.Scatters.Any(s => s.Name == b.Name))))
        {
            return loop;
        }

        string Rewrite(string text, int start)
        {
            var builder = new System.Text.StringBuilder(text);
            foreach (ScatterUpdate update in Enumerable.Reverse(updates))
            {
                if (update.Start >= start && update.Start + update.Written.Length <= start + text.Length)
                {
                    builder.Remove(update.Start - start, update.Written.Length).Insert(update.Start - start, update.Atomic);
                }
            }

            return builder.ToString();
        }

        return loop with
        {
            AtomicBody = Rewrite(loop.Body, bodyStart),
            AtomicSegments = loop.BodySegments.Select(s => s.Text is null || s.Start < 0 ? s : s with { Text = Rewrite(s.Text, s.Start) }).ToEquatableArray(),
        };
    }

    private static PrangeLoop? Read(ForEachStatementSyntax loop, SemanticModel model, SourceText text, out string? reason, out string? fix, CancellationToken cancellationToken)
    {
        reason = null;
        fix = null;
        var invocation = (InvocationExpressionSyntax)loop.Expression;
        SeparatedSyntaxList<ArgumentSyntax> arguments = invocation.ArgumentList.Arguments;
        ILocalSymbol? variable = model.GetDeclaredSymbol(loop, cancellationToken);
        if (variable is null || arguments.Count is < 1 or > 2)
        {
            reason = "its range could not be read";
            fix = "write 'foreach (int i in Prange(count))' or 'Prange(start, end)'";
            return null;
        }

        // Statements that leave the loop early have no meaning when its iterations run at once.
        foreach (SyntaxNode node in loop.Statement.DescendantNodesAndSelf(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            string? exit = node switch
            {
                ReturnStatementSyntax => "'return'",
                GotoStatementSyntax => "'goto'",
                YieldStatementSyntax => "'yield'",
                BreakStatementSyntax when LeavesLoop(node, loop) => "'break' out of it",
                _ => null,
            };
            if (exit is not null)
            {
                reason = $"it contains {exit}, which would stop all iterations, but its iterations run at once on different threads";
                fix = "record what you need in a reduction (e.g. a flag with |=) and act on it after the loop";
                return null;
            }

            if (node is IdentifierNameSyntax identifier && model.GetSymbolInfo(identifier, cancellationToken).Symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction } local)
            {
                reason = $"it calls the local function '{local.Name}', which the threads' code cannot see";
                fix = "make it a static method of the type";
                return null;
            }
        }

        DataFlowAnalysis? flow = model.AnalyzeDataFlow(loop.Statement);
        if (flow is null || !flow.Succeeded)
        {
            reason = "its data flow could not be analyzed";
            fix = "check the loop for compile errors";
            return null;
        }

        var declaredInside = new HashSet<ISymbol>(flow.VariablesDeclared, SymbolEqualityComparer.Default) { variable };
        var captured = new List<CapturedVariable>();
        var reductions = new List<Reduction>();
        var scatters = new List<ScatterTarget>();
        int spans = 0;
        IEnumerable<ISymbol> outside = flow.ReadInside.Concat(flow.WrittenInside)
            .Where(symbol => !declaredInside.Contains(symbol) && symbol is ILocalSymbol or IParameterSymbol)
            .Distinct<ISymbol>(SymbolEqualityComparer.Default)
            .OrderBy(symbol => symbol.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0);
        foreach (ISymbol symbol in outside)
        {
            ITypeSymbol type = symbol is ILocalSymbol local ? local.Type : ((IParameterSymbol)symbol).Type;
            if (flow.WrittenInside.Contains(symbol, SymbolEqualityComparer.Default))
            {
                Reduction? reduction = ReadReduction(symbol, type, loop.Statement, model, cancellationToken);
                if (reduction is null)
                {
                    reason = $"it assigns '{symbol.Name}', declared outside it, other than by accumulating into it; iterations on different threads would race on it";
                    fix = "declare it inside the loop, write it to an element indexed by the loop variable, or accumulate with +=, -=, *=, &=, |=, ^=, Math.Max or Math.Min (a reduction)";
                    return null;
                }

                reductions.Add(reduction);
                continue;
            }

            if (ScatterParser.Read(symbol, type, loop, variable, model, text, cancellationToken) is { } scatter)
            {
                scatters.Add(scatter);
            }

            if (symbol is IParameterSymbol { RefKind: not RefKind.None } || symbol is ILocalSymbol { IsRef: true })
            {
                reason = $"it reads '{symbol.Name}', a reference that cannot be handed to other threads";
                fix = "copy it into a local before the loop";
                return null;
            }

            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named && named.ContainingNamespace?.ToDisplayString() == "System" && named.Name is "Span" or "ReadOnlySpan")
            {
                if (!named.TypeArguments[0].IsUnmanagedType)
                {
                    reason = $"it reads the span '{symbol.Name}' of a managed element type, which cannot be pinned for other threads";
                    fix = "use an array for managed elements";
                    return null;
                }

                spans++;
                captured.Add(new CapturedVariable(CSharpName.Escape(symbol.Name), type.ToDisplayString(TypeFormat), named.Name == "Span" ? CaptureKind.Span : CaptureKind.ReadOnlySpan, named.TypeArguments[0].ToDisplayString(TypeFormat)));
                continue;
            }

            if (type.IsRefLikeType)
            {
                reason = $"it reads '{symbol.Name}' of type '{type.ToDisplayString()}', a ref struct that cannot be handed to other threads";
                fix = "pass the data as a Span<T>, ReadOnlySpan<T> or an array";
                return null;
            }

            captured.Add(new CapturedVariable(CSharpName.Escape(symbol.Name), type.ToDisplayString(TypeFormat), CaptureKind.Value, ""));
        }

        if (spans > RuntimeLimits.PinnedBuffers)
        {
            reason = $"it reads {spans} spans; at most {RuntimeLimits.PinnedBuffers} are pinned for the threads";
            fix = "pass some of the data as arrays";
            return null;
        }

        string Text(SyntaxNode node) => text.ToString(node.Span);
        return new PrangeLoop(
            KernelLines.Of(loop),
            loop.GetLocation().GetLineSpan().StartLinePosition.Character,
            text.ToString(TextSpan.FromBounds(loop.ForEachKeyword.SpanStart, loop.CloseParenToken.Span.End)),
            variable.Type.ToDisplayString(TypeFormat),
            CSharpName.Escape(variable.Name),
            arguments.Count == 1 ? "0" : Text(arguments[0].Expression),
            Text(arguments[arguments.Count - 1].Expression),
            Text(loop.Statement),
            captured.ToEquatableArray(),
            reductions.ToEquatableArray())
        {
            Scatters = scatters.ToEquatableArray(),
        };
    }

    /// <summary>Whether a <c>break</c> belongs to <paramref name="loop"/> (not to a loop or switch inside it).</summary>
    private static bool LeavesLoop(SyntaxNode node, ForEachStatementSyntax loop)
    {
        for (SyntaxNode? parent = node.Parent; parent is not null && parent != loop; parent = parent.Parent)
        {
            if (parent is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax or SwitchStatementSyntax)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A reduction: every mention of <paramref name="symbol"/> in the loop is an accumulation into it by one operator
    /// family (<c>s += e</c>, <c>s -= e</c>, <c>s++</c>…; <c>s *= e</c>; <c>&amp;=</c>; <c>|=</c>; <c>^=</c>;
    /// <c>s = Math.Max(s, e)</c>; <c>Math.Min</c>), with <c>e</c> not reading it. Null otherwise.
    /// </summary>
    private static Reduction? ReadReduction(ISymbol symbol, ITypeSymbol type, StatementSyntax statement, SemanticModel model, CancellationToken cancellationToken)
    {
        ReductionOperator? family = null;
        foreach (IdentifierNameSyntax mention in MentionsOf(symbol, statement, model, cancellationToken))
        {
            ReductionOperator? op = AccumulationOf(mention, symbol, model, cancellationToken);
            if (op is null || (family is not null && family != op))
            {
                return null;
            }

            family = op;
        }

        if (family is not { } reduction || Identity(type, reduction) is not { } identity)
        {
            return null;
        }

        return new Reduction(CSharpName.Escape(symbol.Name), type.ToDisplayString(TypeFormat), reduction, identity);
    }

    /// <summary>The identifiers in <paramref name="node"/> (itself included) that name <paramref name="symbol"/>.</summary>
    internal static IEnumerable<IdentifierNameSyntax> MentionsOf(ISymbol symbol, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken) =>
        node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .Where(identifier => identifier.Identifier.Text == symbol.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, symbol));

    /// <summary>The operator when <paramref name="mention"/> is the target (or the accumulator argument) of an accumulation.</summary>
    private static ReductionOperator? AccumulationOf(IdentifierNameSyntax mention, ISymbol symbol, SemanticModel model, CancellationToken cancellationToken)
    {
        bool Mentions(SyntaxNode node) => MentionsOf(symbol, node, model, cancellationToken).Any();

        switch (mention.Parent)
        {
            case PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax when mention.Parent.Parent is ExpressionStatementSyntax
                && mention.Parent.Kind() is SyntaxKind.PostIncrementExpression or SyntaxKind.PreIncrementExpression or SyntaxKind.PostDecrementExpression or SyntaxKind.PreDecrementExpression:
                return ReductionOperator.Add;
            case AssignmentExpressionSyntax assignment when assignment.Left == mention && assignment.Parent is ExpressionStatementSyntax && !Mentions(assignment.Right):
                return assignment.Kind() switch
                {
                    SyntaxKind.AddAssignmentExpression or SyntaxKind.SubtractAssignmentExpression => ReductionOperator.Add,
                    SyntaxKind.MultiplyAssignmentExpression => ReductionOperator.Multiply,
                    SyntaxKind.AndAssignmentExpression => ReductionOperator.And,
                    SyntaxKind.OrAssignmentExpression => ReductionOperator.Or,
                    SyntaxKind.ExclusiveOrAssignmentExpression => ReductionOperator.Xor,
                    _ => null,
                };
            case AssignmentExpressionSyntax assignment when assignment.Left == mention && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Parent is ExpressionStatementSyntax:
                return MaxOrMin(assignment.Right, mention, Mentions, model, cancellationToken);
            case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } } when invocation.Parent is AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } assignment
                && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Right == invocation && target.Identifier.Text == symbol.Name:
                return MaxOrMin(invocation, mention, Mentions, model, cancellationToken);
            default:
                return null;
        }
    }

    /// <summary><c>Math.Max(s, e)</c> or <c>Math.Max(e, s)</c> (Math or MathF; Min likewise), <c>e</c> not reading <c>s</c>.</summary>
    private static ReductionOperator? MaxOrMin(ExpressionSyntax value, IdentifierNameSyntax mention, System.Func<SyntaxNode, bool> mentions, SemanticModel model, CancellationToken cancellationToken)
    {
        if (value is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 2 } invocation
            || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { Name: "Max" or "Min" } method
            || method.ContainingType.ToDisplayString() is not ("System.Math" or "System.MathF"))
        {
            return null;
        }

        ExpressionSyntax first = invocation.ArgumentList.Arguments[0].Expression, second = invocation.ArgumentList.Arguments[1].Expression;
        bool accumulatorFirst = first is IdentifierNameSyntax a && a.Identifier.Text == mention.Identifier.Text && !mentions(second);
        bool accumulatorSecond = second is IdentifierNameSyntax b && b.Identifier.Text == mention.Identifier.Text && !mentions(first);
        if (!accumulatorFirst && !accumulatorSecond)
        {
            return null;
        }

        return method.Name == "Max" ? ReductionOperator.Max : ReductionOperator.Min;
    }

    /// <summary>The value a chunk's partial starts from, as C#; null for a type the operator does not reduce.</summary>
    internal static string? Identity(ITypeSymbol type, ReductionOperator op)
    {
        string? keyword = type.SpecialType == SpecialType.System_Decimal ? "decimal"
            : ElementTypeFacts.TryFromSpecialType(type.SpecialType, out ElementType elementType) ? elementType.Keyword()
            : null;
        if (keyword is null)
        {
            return null;
        }

        bool isBool = keyword == "bool", isFloat = keyword is "float" or "double";
        return op switch
        {
            ReductionOperator.Add when !isBool => $"({keyword})0",
            ReductionOperator.Multiply when !isBool => $"({keyword})1",
            ReductionOperator.And => isBool ? "true" : isFloat || keyword == "decimal" ? null : $"unchecked(({keyword})~({keyword})0)",
            ReductionOperator.Or or ReductionOperator.Xor => isBool ? "false" : isFloat || keyword == "decimal" ? null : $"({keyword})0",
            ReductionOperator.Max when !isBool => isFloat ? $"{keyword}.NegativeInfinity" : $"{keyword}.MinValue",
            ReductionOperator.Min when !isBool => isFloat ? $"{keyword}.PositiveInfinity" : $"{keyword}.MaxValue",
            _ => null,
        };
    }
}
