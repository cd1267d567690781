using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SourceGen.CodeFixes;

/// <summary>
/// Whether a method can be a [Vectorize] kernel that has no entry point yet: static, with a body, not generic,
/// in a class (whose declarations can be made partial), taking and returning single elements (numbers or bool,
/// by value). The same rules the generator checks (SG0003, SG0005), so the added entry point builds.
/// </summary>
internal static class KernelCandidate
{
    private const string AttributeNamespace = "SourceGen";

    public static bool IsWithoutEntryPoint(MethodDeclarationSyntax declaration, IMethodSymbol method) =>
        (declaration.Body is not null || declaration.ExpressionBody is not null)
        && declaration.Parent is ClassDeclarationSyntax
        && declaration.Ancestors().OfType<TypeDeclarationSyntax>().All(type => type is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax)
        && method is { IsStatic: true, IsGenericMethod: false, MethodKind: MethodKind.Ordinary, PartialDefinitionPart: null, Parameters.Length: > 0 }
        && IsElement(method.ReturnType)
        && method.Parameters.All(parameter => parameter.RefKind == RefKind.None && !parameter.IsParams && IsElement(parameter.Type))
        && !HasEntryPoint(method);

    /// <summary>The element types a kernel can take and return (SG0005's list).</summary>
    private static bool IsElement(ITypeSymbol type) => type.SpecialType
        is SpecialType.System_Single or SpecialType.System_Double
        or SpecialType.System_SByte or SpecialType.System_Byte
        or SpecialType.System_Int16 or SpecialType.System_UInt16
        or SpecialType.System_Int32 or SpecialType.System_UInt32
        or SpecialType.System_Int64 or SpecialType.System_UInt64
        or SpecialType.System_Boolean;

    /// <summary>
    /// Whether the kernel already has an entry point: its own [Vectorize] (the shorthand), or a partial method of
    /// its type whose SourceGen attribute names it (first argument, or the method's own name without one).
    /// </summary>
    private static bool HasEntryPoint(IMethodSymbol kernel) =>
        kernel.ContainingType.GetMembers().OfType<IMethodSymbol>().Any(candidate =>
            candidate.GetAttributes().Any(attribute => IsEntryPointAttribute(attribute)
                && (SymbolEqualityComparer.Default.Equals(candidate, kernel)
                    || (candidate.IsPartialDefinition && (KernelName(attribute) ?? candidate.Name) == kernel.Name))));

    private static bool IsEntryPointAttribute(AttributeData attribute) =>
        attribute.AttributeClass is { Name: "VectorizeAttribute" or "GuVectorizeAttribute" or "ParallelAttribute" } type
        && type.ContainingNamespace is { Name: AttributeNamespace, ContainingNamespace.IsGlobalNamespace: true };

    /// <summary>The kernel an attribute names: its first argument, except [GuVectorize(signature)] with one argument, which names none.</summary>
    private static string? KernelName(AttributeData attribute)
    {
        int kernelArguments = attribute.AttributeClass?.Name == "GuVectorizeAttribute" ? 2 : 1;
        return attribute.ConstructorArguments.Length >= kernelArguments ? attribute.ConstructorArguments[0].Value as string : null;
    }
}
