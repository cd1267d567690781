using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGen.Generator.Model;
using SourceGen.Generator.Parsing;

namespace SourceGen.Generator.Diagnostics;

/// <summary>
/// SG0401 and SG0402 for the code a Target.Gpu entry point runs on the device: the whole kernel of a
/// <c>[Vectorize]</c> or <c>[GuVectorize]</c> entry point, the bodies of a <c>[Parallel]</c> kernel's Prange loops,
/// and the methods they call (ILGPU compiles those too). A GPU thread cannot allocate, throw, use strings, call
/// virtual or interface methods, recurse, or call a .NET method ILGPU has no device form for. A construct inside a
/// called method is reported at the call in the kernel, naming it and its line.
/// </summary>
internal static class GpuRules
{
    /// <summary>One finding: where, what it is as written, why it cannot run on a GPU, what to write instead.</summary>
    internal sealed record Finding(Location Location, string Construct, string Why, string Fix);

    private static readonly HashSet<string> DeviceBitConverter = new() { "DoubleToInt64Bits", "Int64BitsToDouble", "SingleToInt32Bits", "Int32BitsToSingle" };
    private static readonly HashSet<string> DeviceBitOperations = new() { "PopCount", "LeadingZeroCount", "TrailingZeroCount" };

    /// <summary>The Target.Gpu entry forms that run <paramref name="kernel"/> (several entry points may share it).</summary>
    public static List<EntryForm> GpuFormsOf(IMethodSymbol kernel)
    {
        var forms = new List<EntryForm>();
        foreach (IMethodSymbol candidate in kernel.ContainingType.GetMembers().OfType<IMethodSymbol>())
        {
            foreach (AttributeData attribute in candidate.GetAttributes())
            {
                if (EntryPointParser.FormOf(attribute) is EntryForm form
                    && EntryPointParser.TargetOf(attribute, form) == KernelTarget.Gpu
                    && (SymbolEqualityComparer.Default.Equals(candidate, kernel) || (candidate.IsPartialDefinition && (EntryPointParser.KernelNameArgument(attribute, form) ?? candidate.Name) == kernel.Name))
                    && !forms.Contains(form))
                {
                    forms.Add(form);
                }
            }
        }

        return forms;
    }

    /// <summary>The device code of a kernel for these forms: its whole body, or (only [Parallel]) its Prange loops' bodies.</summary>
    public static List<SyntaxNode> DeviceCode(SyntaxNode body, List<EntryForm> forms, SemanticModel model, CancellationToken cancellationToken)
    {
        if (forms.Any(form => form != EntryForm.Parallel))
        {
            return new List<SyntaxNode> { body };
        }

        return body.DescendantNodes(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .OfType<ForEachStatementSyntax>()
            .Where(loop => IsPrange(loop.Expression, model, cancellationToken))
            .Where((loop, _) => !loop.Ancestors().OfType<ForEachStatementSyntax>().Any(outer => IsPrange(outer.Expression, model, cancellationToken)))
            .Select(loop => (SyntaxNode)loop.Statement)
            .ToList();
    }

    /// <summary>SG0401's findings in <paramref name="roots"/> and, reported at the call, in the source methods they call.</summary>
    /// <param name="clampRewritten">Whether the kernel's own text is compiled again for the device ([Parallel], [GuVectorize]), with Math.Clamp rewritten; a called method is compiled as it is.</param>
    public static IEnumerable<Finding> Find(IMethodSymbol kernel, IEnumerable<SyntaxNode> roots, SemanticModel model, bool clampRewritten, CancellationToken cancellationToken)
    {
        foreach (SyntaxNode root in roots)
        {
            foreach (Finding finding in Walk(root, model, new List<IMethodSymbol> { kernel }, clampRewritten, cancellationToken))
            {
                yield return finding;
            }
        }
    }

    /// <summary>SG0402: the first operation computed in double in the device code (the innermost, leftmost), if any.</summary>
    public static ExpressionSyntax? FirstDouble(IEnumerable<SyntaxNode> roots, SemanticModel model, CancellationToken cancellationToken) =>
        roots.SelectMany(root => root.DescendantNodesAndSelf())
            .OfType<ExpressionSyntax>()
            .OrderBy(expression => expression.Span.End)
            .ThenBy(expression => expression.Span.Length)
            .FirstOrDefault(expression => expression is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression or (int)SyntaxKind.SubtractExpression or (int)SyntaxKind.MultiplyExpression or (int)SyntaxKind.DivideExpression }
                    or AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression or (int)SyntaxKind.SubtractAssignmentExpression or (int)SyntaxKind.MultiplyAssignmentExpression or (int)SyntaxKind.DivideAssignmentExpression }
                    or InvocationExpressionSyntax
                && model.GetTypeInfo(expression, cancellationToken).Type?.SpecialType == SpecialType.System_Double);

    private static IEnumerable<Finding> Walk(SyntaxNode root, SemanticModel model, List<IMethodSymbol> calls, bool clampRewritten, CancellationToken cancellationToken)
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
                ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or CollectionExpressionSyntax =>
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
                VariableDeclarationSyntax declaration when DeclaresNativeInteger(declaration, model, cancellationToken) =>
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
                foreach (Finding finding in Call(invocation, method.ReducedFrom ?? method, model, calls, clampRewritten && calls.Count == 1, cancellationToken))
                {
                    yield return finding;
                }
            }
        }
    }

    /// <summary>A call in device code: ILGPU's own APIs and the mapped Math functions run; a source method is checked inside; anything else is reported.</summary>
    private static IEnumerable<Finding> Call(InvocationExpressionSyntax invocation, IMethodSymbol method, SemanticModel model, List<IMethodSymbol> calls, bool clampRewritten, CancellationToken cancellationToken)
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
            if (row is not { Device: true } && !(clampRewritten && row?.Function == MathFunction.Clamp))
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
            Finding? inner = Walk(body, model, calls, clampRewritten: false, cancellationToken).FirstOrDefault();
            calls.RemoveAt(calls.Count - 1);
            if (inner is not null)
            {
                int line = inner.Location.GetLineSpan().StartLinePosition.Line + 1;
                yield return new Finding(at, construct, $"'{method.Name}' runs on the GPU too, and {inner.Construct} in it (line {line}) cannot: {inner.Why}", inner.Fix);
            }

            yield break;
        }

        // A method of a span or array: the [Parallel] and [GuVectorize] parsers report it (spans become device views there).
        if (invocation.Expression is MemberAccessExpressionSyntax access && IsSpanOrArray(model.GetTypeInfo(access.Expression, cancellationToken).Type))
        {
            yield break;
        }

        yield return new Finding(at, construct, $"{method.ContainingType?.Name}.{method.Name} is a .NET library method with no device form in ILGPU",
            "write it with arithmetic, loops and Math functions, or do it on the host before or after the call");
    }

    /// <summary>A declaration of nint or nuint locals: ILGPU has no native-size integers.</summary>
    internal static bool DeclaresNativeInteger(VariableDeclarationSyntax declaration, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetTypeInfo(declaration.Type, cancellationToken).Type?.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr;

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

    private static bool IsPrange(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken) =>
        expression is InvocationExpressionSyntax && model.GetSymbolInfo(expression, cancellationToken).Symbol is IMethodSymbol { Name: "Prange" } method
        && method.ContainingType.ToDisplayString() == "SourceGen.Loops";

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
