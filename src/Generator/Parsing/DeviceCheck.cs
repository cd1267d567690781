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
/// What a GPU can run, decided once: the code a Target.Gpu entry point runs on the device (the whole kernel of a
/// <c>[Vectorize]</c> or <c>[GuVectorize]</c> entry point, the bodies of a <c>[Parallel]</c> kernel's Prange loops) and
/// the methods it calls (ILGPU compiles those too). The result is both the findings (SG0401: a GPU thread cannot
/// allocate, throw, use strings, call virtual or interface methods, recurse, call a .NET method ILGPU has no device
/// form for, or use a buffer other than by indexing it; SG0402: the first double operation) and the device code (the
/// rewrites of the kernel's text: <c>Math.Clamp</c>, <c>Length</c> of a view). The GPU parsers emit device code only
/// when <see cref="Runs"/>, and report <see cref="Findings"/> and <see cref="FirstDouble"/> (<see cref="Report"/>): the
/// decision and its diagnostics are one value, made and reported by the generator (the analyzer reports no SG04xx).
/// </summary>
internal sealed class DeviceCheck
{
    private static readonly HashSet<string> DeviceBitConverter = new() { "DoubleToInt64Bits", "Int64BitsToDouble", "SingleToInt32Bits", "Int32BitsToSingle" };
    private static readonly HashSet<string> DeviceBitOperations = new() { "PopCount", "LeadingZeroCount", "TrailingZeroCount" };

    private DeviceCheck(List<DiagnosticInfo> findings, DiagnosticInfo? firstDouble, List<(TextSpan Span, string Replacement)> edits, HashSet<ISymbol> written)
    {
        Findings = findings;
        FirstDouble = firstDouble;
        Edits = edits;
        Written = written;
    }

    /// <summary>SG0401: what the device cannot run, each with where, what, why and what to write instead.</summary>
    public IReadOnlyList<DiagnosticInfo> Findings { get; }

    /// <summary>SG0402: the first operation computed in double (the innermost, leftmost), if any.</summary>
    public DiagnosticInfo? FirstDouble { get; }

    /// <summary>The rewrites that turn the kernel's text into device code (applied by <see cref="GpuLaunchParser.Slice"/>).</summary>
    public List<(TextSpan Span, string Replacement)> Edits { get; }

    /// <summary>The buffers whose elements the device code writes.</summary>
    public HashSet<ISymbol> Written { get; }

    /// <summary>The decision: the device can run this code (no SG0401 finding).</summary>
    public bool Runs => Findings.Count == 0;

    /// <summary>
    /// Reports the findings of <paramref name="checks"/> (one entry point's device code): each SG0401, and SG0402 once, at
    /// the first double operation of them all. The generator reports these, from the entry point that decides with them
    /// (<see cref="EntryPointParser.ReportsDeviceFindings"/>): a Target.Gpu entry point the device cannot run is an
    /// error in every build, analyzers on or off.
    /// </summary>
    public static void Report(IEnumerable<DeviceCheck> checks, DiagnosticSink? report)
    {
        if (report is null)
        {
            return;
        }

        List<DeviceCheck> all = checks.ToList();
        foreach (DiagnosticInfo finding in all.SelectMany(check => check.Findings))
        {
            finding.ReportTo(report);
        }

        all.Select(check => check.FirstDouble).OfType<DiagnosticInfo>().OrderBy(d => d.Span.End).ThenBy(d => d.Span.Length).FirstOrDefault()?.ReportTo(report);
    }

    /// <summary>
    /// How the kernel's own text reaches the device. Null: compiled as written (a <c>[Vectorize]</c> kernel, called by
    /// the generated ILGPU kernel). Otherwise its text is compiled again ([Parallel], [GuVectorize]): these arrays and
    /// spans become device views (index them, read their Length), and Math.Clamp is rewritten.
    /// </summary>
    internal sealed record Views(HashSet<ISymbol> Buffers, string Fix);

    /// <summary>The device check of <paramref name="roots"/> (code of <paramref name="kernel"/>).</summary>
    public static DeviceCheck Of(IMethodSymbol kernel, IReadOnlyList<SyntaxNode> roots, SemanticModel model, Views? views, CancellationToken cancellationToken)
    {
        var findings = new List<DiagnosticInfo>();
        var edits = new List<(TextSpan, string)>();
        var written = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (SyntaxNode root in roots)
        {
            foreach (Finding finding in Walk(root, model, new List<IMethodSymbol> { kernel }, views is not null ? edits : null, cancellationToken))
            {
                findings.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ImpossibleOnGpu, finding.Location, new object?[] { finding.Construct, finding.Why, finding.Fix }));
            }

            if (views is not null)
            {
                foreach ((SyntaxNode at, string problem) in ViewUses(root, model, views.Buffers, edits, written, cancellationToken))
                {
                    findings.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ImpossibleOnGpu, at.GetLocation(), new object?[] { $"'{at}'", problem, views.Fix }));
                }
            }
        }

        ExpressionSyntax? first = FirstDoubleIn(roots, model, cancellationToken);
        DiagnosticInfo? firstDouble = first is null ? null : DiagnosticInfo.Create(DiagnosticDescriptors.DoubleOnGpu, first.GetLocation(),
            new object?[] { first.ToString(), "use float where its precision is enough; keep double where the precision matters" });
        return new DeviceCheck(findings, firstDouble, edits, written);
    }

    /// <summary>A [Vectorize] kernel: its whole body, compiled as written (the generated ILGPU kernel calls it).</summary>
    public static DeviceCheck OfVectorize(IMethodSymbol kernel, MethodDeclarationSyntax declaration, SemanticModel model, CancellationToken cancellationToken) =>
        Of(kernel, new[] { (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody! }, model, views: null, cancellationToken);

    /// <summary>A [Parallel] kernel's Prange loop: its body, with the arrays and spans it reads from outside as device buffers.</summary>
    public static DeviceCheck OfPrangeLoop(IMethodSymbol kernel, ForEachStatementSyntax loop, SemanticModel model, CancellationToken cancellationToken) =>
        Of(kernel, new[] { loop.Statement }, model, new Views(LoopBuffers(loop, model, cancellationToken),
            "on the GPU an array or span is a device buffer: index it or read its Length, and do the rest with loops over its elements"), cancellationToken);

    /// <summary>A [GuVectorize] kernel: its whole body, its core slices (the span and tensor parameters) as device views.</summary>
    public static DeviceCheck OfGufunc(IMethodSymbol kernel, SyntaxNode body, SemanticModel model, CancellationToken cancellationToken) =>
        Of(kernel, new[] { body }, model, new Views(
            new HashSet<ISymbol>(kernel.Parameters.Where(p => p.Type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan" or "TensorSpan" or "ReadOnlyTensorSpan", IsGenericType: true }), SymbolEqualityComparer.Default),
            "on the GPU a core slice is a device buffer: index it or read its Length"), cancellationToken);

    /// <summary>
    /// The arrays and spans a Prange loop reads from outside that go to the device as buffers: spans of unmanaged
    /// elements and one-dimensional arrays of them, blittable (the launch refuses the others on the loop's header).
    /// </summary>
    private static HashSet<ISymbol> LoopBuffers(ForEachStatementSyntax loop, SemanticModel model, CancellationToken cancellationToken)
    {
        var buffers = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (IdentifierNameSyntax identifier in loop.Statement.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is ISymbol symbol and (ILocalSymbol or IParameterSymbol)
                && !symbol.Locations.Any(l => loop.Span.Contains(l.SourceSpan))
                && ((symbol as ILocalSymbol)?.Type ?? ((IParameterSymbol)symbol).Type) is { } type
                && (type is IArrayTypeSymbol { Rank: 1 } array ? array.ElementType
                    : type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", IsGenericType: true, ContainingNamespace.Name: "System" } span ? span.TypeArguments[0]
                    : null) is { IsUnmanagedType: true } element
                && IsBlittable(element))
            {
                buffers.Add(symbol);
            }
        }

        return buffers;
    }

    /// <summary>Whether a value crosses to the device as it is: numbers, and structs of them (no bool or char inside: not blittable).</summary>
    public static bool IsBlittable(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Boolean or SpecialType.System_Char => false,
        SpecialType.None => type.TypeKind is TypeKind.Struct or TypeKind.Enum
            && (type.TypeKind == TypeKind.Enum || type.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic).All(f => IsBlittable(f.Type))),
        _ => true,
    };

    /// <summary>
    /// What Target.Gpu does not take yet, and what to pass instead; null when every argument can go to a device.
    /// <paramref name="arguments"/> are the gufunc's, one per parameter of <paramref name="entry"/>.
    /// </summary>
    public static (string What, string Fix)? RefusedArguments(IReadOnlyList<GuArgument> arguments, IMethodSymbol entry)
    {
        if (arguments.FirstOrDefault(a => a.Kind == GuArgumentKind.View) is { } view)
        {
            return ($"Target.Gpu with the TensorSpan<T> view '{view.Name}'", "pass the elements as an array (T[], T[,] or T[,,]), or use Target.Parallel for views");
        }

        // The one blittability rule (a [Parallel] launch's buffers read it too).
        for (int i = 0; i < arguments.Count && i < entry.Parameters.Length; i++)
        {
            ITypeSymbol type = entry.Parameters[i].Type;
            if (arguments[i].HasElements
                && (type is IArrayTypeSymbol array ? array.ElementType : type is INamedTypeSymbol { TypeArguments.Length: 1 } named ? named.TypeArguments[0] : null) is { } element
                && !IsBlittable(element))
            {
                return ($"Target.Gpu with the {arguments[i].ElementType} elements of '{arguments[i].Name}' (not blittable)", "store bool as byte (0 or 1), char as ushort");
            }
        }

        return null;
    }

    /// <summary>One finding of the walk: where, what it is as written, why it cannot run on a GPU, what to write instead.</summary>
    private sealed record Finding(Location Location, string Construct, string Why, string Fix);

    private static ExpressionSyntax? FirstDoubleIn(IEnumerable<SyntaxNode> roots, SemanticModel model, CancellationToken cancellationToken) =>
        roots.SelectMany(root => root.DescendantNodesAndSelf())
            .OfType<ExpressionSyntax>()
            .OrderBy(expression => expression.Span.End)
            .ThenBy(expression => expression.Span.Length)
            .FirstOrDefault(expression => expression is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression or (int)SyntaxKind.SubtractExpression or (int)SyntaxKind.MultiplyExpression or (int)SyntaxKind.DivideExpression }
                    or AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression or (int)SyntaxKind.SubtractAssignmentExpression or (int)SyntaxKind.MultiplyAssignmentExpression or (int)SyntaxKind.DivideAssignmentExpression }
                    or InvocationExpressionSyntax
                && model.GetTypeInfo(expression, cancellationToken).Type?.SpecialType == SpecialType.System_Double);

    /// <param name="edits">Where the kernel's own text is compiled again: receives the Math.Clamp rewrite (a called method is compiled as it is: null).</param>
    private static IEnumerable<Finding> Walk(SyntaxNode root, SemanticModel model, List<IMethodSymbol> calls, List<(TextSpan, string)>? edits, CancellationToken cancellationToken)
    {
        // A construct inside one already reported (the exception a throw creates, its message) is not reported again.
        var reported = new List<SyntaxNode>();
        foreach (SyntaxNode node in root.DescendantNodesAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reported.Any(outer => outer.Span.Contains(node.Span)))
            {
                continue;
            }

            (string Why, string Fix)? problem = node switch
            {
                ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or CollectionExpressionSyntax
                    // int[] t = { 1, 2 }: an array creation without 'new'
                    or InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ArrayInitializerExpression, Parent: EqualsValueClauseSyntax } =>
                    ("a GPU thread cannot allocate an array", "allocate it before the call and pass it in (a Target.Gpu entry point uploads it once), or use a few locals"),
                StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax =>
                    ("ILGPU has no stack-allocated spans on a device", "use a few locals, or a buffer passed in"),
                BaseObjectCreationExpressionSyntax creation when model.GetTypeInfo(creation, cancellationToken).Type is { IsReferenceType: true } =>
                    ("a GPU thread cannot allocate an object", "use a struct, or create it before the call"),
                AnonymousObjectCreationExpressionSyntax =>
                    ("a GPU thread cannot allocate an object", "use locals or a struct"),
                AnonymousFunctionExpressionSyntax =>
                    ("a lambda is a delegate, allocated and called virtually, and a GPU thread can do neither", "write the code inline, or as a static method"),
                ThrowStatementSyntax or ThrowExpressionSyntax =>
                    ("a GPU thread cannot throw", "validate the input before the call, or clamp or mask the value"),
                TryStatementSyntax =>
                    ("a GPU thread has no exceptions to catch", "remove the try; validate the input before the call"),
                CheckedExpressionSyntax { RawKind: (int)SyntaxKind.CheckedExpression } or CheckedStatementSyntax { RawKind: (int)SyntaxKind.CheckedStatement } =>
                    ("checked arithmetic throws OverflowException, and a GPU thread cannot throw", "use unchecked arithmetic, or test the range before the operation"),
                VariableDeclarationSyntax declaration when model.GetTypeInfo(declaration.Type, cancellationToken).Type?.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr =>
                    ("ILGPU has no native-size integers (nint, nuint)", "use int or long (a tensor's Lengths[d] converts: int m = (int)a.Lengths[0])"),
                IdentifierNameSyntax identifier when StaticField(identifier, model, cancellationToken) is { } field =>
                    ($"'{field.Name}' is a static field, in the host's memory, which a GPU thread cannot reach", "pass its data as an argument (an array or span is uploaded once), or make it a const"),
                InterpolatedStringExpressionSyntax =>
                    ("a GPU has no strings", "compute numbers on the device, and format them on the host"),
                ExpressionSyntax expression when IsString(expression, model, cancellationToken) =>
                    ("a GPU has no strings", "compute numbers on the device, and format them on the host"),
                _ => null,
            };
            if (problem is { } found)
            {
                reported.Add(node);
                yield return new Finding(node.GetLocation(), $"'{Shorten(node)}'", found.Why, found.Fix);
                continue;
            }

            if (node is InvocationExpressionSyntax invocation && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method)
            {
                foreach (Finding finding in Call(invocation, method.ReducedFrom ?? method, model, calls, calls.Count == 1 ? edits : null, cancellationToken))
                {
                    yield return finding;
                }
            }
        }
    }

    /// <summary>A call in device code: ILGPU's own APIs and the mapped Math functions run; a source method is checked inside; anything else is reported.</summary>
    private static IEnumerable<Finding> Call(InvocationExpressionSyntax invocation, IMethodSymbol method, SemanticModel model, List<IMethodSymbol> calls, List<(TextSpan, string)>? edits, CancellationToken cancellationToken)
    {
        string type = method.ContainingType?.ToDisplayString() ?? "";
        string ns = method.ContainingNamespace?.ToDisplayString() ?? "";
        Location at = invocation.GetLocation();
        string construct = $"'{Shorten(invocation)}'";
        if (ns == "ILGPU" || ns.StartsWith("ILGPU.", System.StringComparison.Ordinal) || type == "SourceGen.Loops")
        {
            yield break;
        }

        if (type is "System.Math" or "System.MathF")
        {
            // The Math table says what a device has (ILGPU with ILGPU.Algorithms, checked by PtxCompilationTests).
            MathRow? row = MathTable.MathMethod(method.Name);
            if (row?.Function == MathFunction.Clamp && edits is not null && type == "System.Math" && invocation.ArgumentList.Arguments is { Count: 3 } arguments)
            {
                // Math.Clamp(v, low, high) throws when low > high, which ILGPU cannot compile: in the kernel's own text,
                // compiled again for the device, it becomes Math.Min(Math.Max(v, low), high), the same value whenever
                // Clamp returns one.
                edits.Add((invocation.Expression.Span, "global::System.Math.Min(global::System.Math.Max"));
                edits.Add((arguments.GetSeparator(1).Span, "),"));
            }
            else if (row is not { Device: true })
            {
                yield return new Finding(at, construct, $"ILGPU has no device form of {method.ContainingType!.Name}.{method.Name}",
                    row?.DeviceFix ?? "write it with the functions a GPU has (Sqrt, Exp, Log, Pow, Sin, Cos, Floor, Round, Min, Max, …)");
            }

            yield break;
        }

        // double.IsNaN and the other classification functions (the Math table's element-type-only rows a device has).
        if ((type is "double" or "float" && MathTable.Recognize(type, method.Name, method.Parameters.Length) is { Device: true, Home: MathHome.ElementType })
            || (type == "System.BitConverter" && DeviceBitConverter.Contains(method.Name))
            || (type == "System.Numerics.BitOperations" && DeviceBitOperations.Contains(method.Name)))
        {
            yield break;
        }

        if (method.IsVirtual || method.IsAbstract || method.IsOverride || method.ContainingType?.TypeKind == TypeKind.Interface)
        {
            yield return new Finding(at, construct, $"'{method.Name}' is a virtual or interface method, and a GPU kernel calls only methods it knows at build time", "call a static or non-virtual method");
            yield break;
        }

        if (method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is BaseMethodDeclarationSyntax { } declaration
            && (declaration.Body ?? (SyntaxNode?)declaration.ExpressionBody) is { } body)
        {
            if (calls.Contains(method, SymbolEqualityComparer.Default))
            {
                yield return new Finding(at, construct, $"it calls '{method.Name}' recursively{Through(calls, method)}, and a GPU thread has no call stack to recurse on", "write the recursion as a loop");
                yield break;
            }

            if (declaration.SyntaxTree != model.SyntaxTree)
            {
                // A method in another file: ILGPU still compiles it; its own problems are found when it is analyzed as device code of its own.
                yield break;
            }

            calls.Add(method);
            Finding? inner = Walk(body, model, calls, edits: null, cancellationToken).FirstOrDefault();
            calls.RemoveAt(calls.Count - 1);
            if (inner is not null)
            {
                int line = inner.Location.GetLineSpan().StartLinePosition.Line + 1;
                yield return new Finding(at, construct, $"'{method.Name}' runs on the GPU too, and {inner.Construct} in it (line {line}) cannot: {inner.Why}", inner.Fix);
            }

            yield break;
        }

        // A method of a span or array used as a device view: ViewUses reports it (spans become device views there).
        if (invocation.Expression is MemberAccessExpressionSyntax access && IsSpanOrArray(model.GetTypeInfo(access.Expression, cancellationToken).Type))
        {
            yield break;
        }

        yield return new Finding(at, construct, $"{method.ContainingType?.Name}.{method.Name} is a .NET library method with no device form in ILGPU",
            "write it with arithmetic, loops and Math functions, or do it on the host before or after the call");
    }

    /// <summary>
    /// How the device code uses its views: an element, or <c>Length</c> (rewritten to ILGPU's <c>IntLength</c>), or a
    /// tensor's shape members; yields any other use; records the views whose elements it writes.
    /// </summary>
    private static IEnumerable<(SyntaxNode At, string Problem)> ViewUses(
        SyntaxNode root, SemanticModel model, HashSet<ISymbol> buffers, List<(TextSpan, string)> edits, HashSet<ISymbol> written, CancellationToken cancellationToken)
    {
        foreach (SyntaxNode child in root.DescendantNodesAndSelf())
        {
            if (child is not IdentifierNameSyntax identifier || model.GetSymbolInfo(identifier, cancellationToken).Symbol is not { } symbol || !buffers.Contains(symbol))
            {
                continue;
            }

            switch (identifier.Parent)
            {
                case ElementAccessExpressionSyntax element when element.Expression == identifier:
                    if (IsWritten(element))
                    {
                        written.Add(symbol);
                    }

                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.Text: "Length" } member when member.Expression == identifier:
                    edits.Add((member.Name.Span, "IntLength"));
                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.Text: "Lengths" or "Rank" or "FlattenedLength" or "IsEmpty" } member when member.Expression == identifier && IsTensor(symbol):
                    // a gufunc's tensor core slice: SourceGen.Gpu.DeviceTensor<T> has these members
                    break;
                default:
                    yield return (identifier.Parent is MemberAccessExpressionSyntax or InvocationExpressionSyntax ? identifier.Parent : identifier,
                        $"'{identifier.Identifier.Text}' is used other than by indexing it or reading its Length");
                    break;
            }
        }
    }

    private static bool IsTensor(ISymbol symbol) =>
        (symbol as IParameterSymbol)?.Type is INamedTypeSymbol { Name: "TensorSpan" or "ReadOnlyTensorSpan" } type && type.ContainingNamespace?.ToDisplayString() == "System.Numerics.Tensors";

    /// <summary>Whether an element access is written: assigned, incremented, or passed by reference.</summary>
    private static bool IsWritten(ElementAccessExpressionSyntax element) => element.Parent switch
    {
        AssignmentExpressionSyntax assignment => assignment.Left == element,
        PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => element.Parent.Kind() is SyntaxKind.PreIncrementExpression or SyntaxKind.PreDecrementExpression or SyntaxKind.PostIncrementExpression or SyntaxKind.PostDecrementExpression,
        ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
        RefExpressionSyntax => true,
        _ => false,
    };

    /// <summary>A static field a device cannot read: a reference (an array, an object) or one that may change; a readonly number is compiled in.</summary>
    private static IFieldSymbol? StaticField(IdentifierNameSyntax identifier, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetSymbolInfo(identifier, cancellationToken).Symbol is IFieldSymbol { IsStatic: true, IsConst: false } field && (field.Type.IsReferenceType || !field.IsReadOnly)
            ? field
            : null;

    private static string Through(List<IMethodSymbol> calls, IMethodSymbol method)
    {
        int start = calls.FindIndex(c => SymbolEqualityComparer.Default.Equals(c, method));
        List<string> cycle = calls.Skip(start + 1).Select(c => $"'{c.Name}'").ToList();
        return cycle.Count == 0 ? "" : $" (through {string.Join(", ", cycle)})";
    }

    private static bool IsSpanOrArray(ITypeSymbol? type) =>
        type is IArrayTypeSymbol || type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", ContainingNamespace.Name: "System" };

    /// <summary>A string value (a literal, a concatenation, a string local), not a type name or a nameof.</summary>
    private static bool IsString(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken) =>
        expression is not TypeSyntax or IdentifierNameSyntax
        && !(expression is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "nameof" } })
        && !expression.Ancestors().Any(a => a is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "nameof" } })
        && model.GetTypeInfo(expression, cancellationToken).Type?.SpecialType == SpecialType.System_String;

    private static string Shorten(SyntaxNode node)
    {
        string text = node.ToString().Replace("\r", "").Replace("\n", " ");
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
