using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// Whether the generated code may write <c>Vector512</c>, <c>Vector256</c> and <c>Vector128</c> instead of
/// <c>global::System.Runtime.Intrinsics.Vector512</c> …: it sits in the user's partial types, so a member, nested or
/// inherited type, type parameter, namespace type, alias or using of that name would capture the short name (the
/// generated file imports System.Runtime.Intrinsics). The short name is used only where every symbol of that name in
/// scope at the entry point and at the kernel is System.Runtime.Intrinsics' own, and no parameter or kernel identifier
/// has it; otherwise the code keeps the qualified name.
/// </summary>
internal static class VectorNameScope
{
    private static readonly string[] Names = { "Vector512", "Vector256", "Vector128" };

    /// <summary>The namespaces the generated files import besides System.Runtime.Intrinsics (a type there would make the name ambiguous).</summary>
    private static readonly string[][] OtherImports = { new[] { "System", "Runtime", "CompilerServices" }, new[] { "System", "Runtime", "InteropServices" } };

    public static bool ShortNamesBind(IMethodSymbol entry, IMethodSymbol? kernel, SyntaxNode? kernelDeclaration, Compilation compilation, CancellationToken cancellationToken)
    {
        if (!FreeAt(entry, compilation, cancellationToken) || (kernel is not null && !FreeAt(kernel, compilation, cancellationToken)))
        {
            return false;
        }

        if (kernelDeclaration is not null && kernelDeclaration.DescendantTokens().Any(t =>
                t.IsKind(SyntaxKind.IdentifierToken) && (Names.Contains(t.ValueText) || t.ValueText == "Intrinsics")))
        {
            // The kernel names the vector types itself (or a local, label or parameter has the name): keep every name qualified.
            return false;
        }

        foreach (string[] path in OtherImports)
        {
            INamespaceSymbol? ns = compilation.GlobalNamespace;
            foreach (string part in path)
            {
                ns = ns?.GetNamespaceMembers().FirstOrDefault(n => n.Name == part);
            }

            if (ns is not null && Names.Any(name => !ns.GetTypeMembers(name).IsEmpty))
            {
                return false;
            }
        }

        return true;
    }

    private static bool FreeAt(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
    {
        if (method.TypeParameters.Any(t => Names.Contains(t.Name)) || method.Parameters.Any(p => Names.Contains(p.Name)))
        {
            return false;
        }

        SyntaxReference? reference = method.DeclaringSyntaxReferences.FirstOrDefault();
        if (reference is null)
        {
            return false;
        }

        SyntaxNode syntax = reference.GetSyntax(cancellationToken);
        SemanticModel model = compilation.GetSemanticModel(syntax.SyntaxTree);
        foreach (string name in Names)
        {
            // Everything the simple name could bind to here: members (inherited too), nested types, type parameters,
            // types of the enclosing namespaces, aliases and imported types of this file and the global usings.
            if (model.LookupSymbols(syntax.SpanStart, name: name).Any(symbol => !IsIntrinsicsVector(symbol)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIntrinsicsVector(ISymbol symbol) =>
        symbol is INamedTypeSymbol { ContainingType: null } type
        && type.ContainingNamespace.ToDisplayString() == "System.Runtime.Intrinsics";
}
