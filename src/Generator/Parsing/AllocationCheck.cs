using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// What a <c>Prange</c> loop's body does on every iteration that costs more across threads than on one (SG0305):
/// allocation (arrays, objects of reference types, strings built by concatenation or interpolation, LINQ's
/// enumerators, delegates) contends for the garbage collector's heap, so a loop that allocates per iteration stops
/// scaling; a call SourceGen cannot see into may allocate, lock or block. Struct creation, span slicing,
/// <c>stackalloc</c>, <c>Math</c> and calls to the project's own static methods (kernels) are not reported.
/// </summary>
internal static class AllocationCheck
{
    private const string HoistFix = "allocate it once before the loop and reuse it (one element range per iteration, indexed by the loop variable), use 'stackalloc' into a Span<T> for a small buffer, or write a struct";
    private const string LoopFix = "write the loop out: a for loop over the elements allocates nothing";
    private const string DelegateFix = "call a static method directly, not through a delegate";

    public static void Report(ForEachStatementSyntax loop, SemanticModel model, DiagnosticSink report, CancellationToken cancellationToken)
    {
        // A throw's exception is made once, as the loop ends: not per iteration.
        foreach (SyntaxNode node in loop.Statement.DescendantNodes(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or ThrowStatementSyntax or ThrowExpressionSyntax)))
        {
            if (Finding(node, model, cancellationToken) is { } finding)
            {
                report(DiagnosticDescriptors.AllocationInPrangeLoop, node.GetLocation(), Shown(node), finding.What, loop.Identifier.ValueText, finding.Fix);
            }
        }
    }

    private static (string What, string Fix)? Finding(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        switch (node)
        {
            case ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax:
                return ("allocates an array", HoistFix);
            case AnonymousObjectCreationExpressionSyntax:
                return ("allocates an anonymous object", HoistFix);
            case BaseObjectCreationExpressionSyntax creation when model.GetTypeInfo(creation, cancellationToken).Type is { IsReferenceType: true } type:
                return type.TypeKind == TypeKind.Delegate
                    ? ("creates a delegate", DelegateFix)
                    : ($"allocates a '{type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'", HoistFix);
            case CollectionExpressionSyntax collection when model.GetTypeInfo(collection, cancellationToken).ConvertedType is { IsReferenceType: true }:
                return ("allocates a collection", HoistFix);
            case AnonymousFunctionExpressionSyntax:
                return ("creates a delegate (a lambda)", DelegateFix);
            case InterpolatedStringExpressionSyntax interpolated when model.GetTypeInfo(interpolated, cancellationToken).ConvertedType?.SpecialType == SpecialType.System_String:
                return ("builds a string", "build strings after the loop, from results stored per iteration");
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } add
                when model.GetTypeInfo(add, cancellationToken).Type?.SpecialType == SpecialType.System_String
                    && !(add.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } outer && model.GetTypeInfo(outer, cancellationToken).Type?.SpecialType == SpecialType.System_String):
                return ("concatenates strings, allocating a new one", "build strings after the loop, from results stored per iteration");
            case IdentifierNameSyntax or MemberAccessExpressionSyntax when IsMethodGroupConversion(node, model, cancellationToken) is { } method:
                return ($"creates a delegate from the method '{method.Name}'", DelegateFix);
            case InvocationExpressionSyntax invocation when model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol called:
                // A chain (values.Where(…).Sum()) is reported once, on the whole of it.
                return invocation.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax chained } member && member.Expression == invocation
                    && model.GetSymbolInfo(chained, cancellationToken).Symbol is IMethodSymbol next && Call(next) is not null
                    ? null
                    : Call(called);
            default:
                return null;
        }
    }

    /// <summary>A method named without being called (<c>Select(Square)</c>), converted to a delegate.</summary>
    private static IMethodSymbol? IsMethodGroupConversion(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken) =>
        node.Parent is InvocationExpressionSyntax { Expression: var called } && called == node ? null
        : node.Parent is MemberAccessExpressionSyntax { Name: var name } && name == node ? null
        : model.GetSymbolInfo(node, cancellationToken).Symbol is IMethodSymbol method && model.GetTypeInfo(node, cancellationToken).ConvertedType is { TypeKind: TypeKind.Delegate } ? method
        : null;

    /// <summary>A call: a delegate's, LINQ's, or a method SourceGen cannot see into; null for the ones it can.</summary>
    private static (string What, string Fix)? Call(IMethodSymbol method)
    {
        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            return ("calls a delegate, which SourceGen cannot see into (and which may capture and allocate)", DelegateFix);
        }

        string type = method.ContainingType?.ToDisplayString() ?? "";
        string ns = method.ContainingNamespace?.ToDisplayString() ?? "";
        if (ns == "System.Linq")
        {
            return ($"calls the LINQ method '{method.Name}', which allocates an enumerator (and often a delegate) per call", LoopFix);
        }

        if (IsKnown(method, type, ns))
        {
            return null;
        }

        return ($"calls '{method.ContainingType?.Name}.{method.Name}', which SourceGen cannot see into: it may allocate, lock or block",
            "call Math functions and static methods of your own (other kernels), or move the call out of the loop");
    }

    /// <summary>Math, the project's own static methods, spans, arrays' shape, primitives' and vectors' static methods, Loops.</summary>
    private static bool IsKnown(IMethodSymbol method, string type, string ns) =>
        type is "System.Math" or "System.MathF" or "System.MemoryExtensions" or "System.Numerics.BitOperations" or "SourceGen.Loops"
            or "System.Runtime.InteropServices.MemoryMarshal" or "System.Runtime.CompilerServices.Unsafe" or "System.Threading.Interlocked" or "System.Threading.Volatile"
        || ns is "System.Runtime.Intrinsics" or "System.Runtime.Intrinsics.X86" or "System.Runtime.Intrinsics.Arm"
        || type.StartsWith("System.Numerics.Vector", System.StringComparison.Ordinal)
        || (method.IsStatic && method.DeclaringSyntaxReferences.Length > 0)
        || method.ContainingType is { Name: "Span" or "ReadOnlySpan", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }
        || (type == "System.Array" && method.Name is "GetLength" or "GetLowerBound" or "GetUpperBound")
        || (method.IsStatic && method.ContainingType?.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_Double);

    private static string Shown(SyntaxNode node)
    {
        string text = string.Join(" ", node.ToString().Split(new[] { '\r', '\n' }, System.StringSplitOptions.RemoveEmptyEntries).Select(line => line.Trim()));
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
