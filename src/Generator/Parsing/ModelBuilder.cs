using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// Builds the model of one [Vectorize] entry point from its symbols: resolution, then the kernel's body (the [Parallel] and
/// [GuVectorize] models come from ParallelParser and GuVectorizeParser). Shared by generator and analyzer.
/// </summary>
internal static class ModelBuilder
{
    public static VectorizeModel? Build(IMethodSymbol method, AttributeData attribute, Compilation compilation, DiagnosticSink? report, CancellationToken cancellationToken)
    {
        // A generic kernel: this entry point's model is the one of the kernel written for its element types.
        if (GenericKernels.Specialize(method, attribute, EntryForm.Vectorize, compilation, report, cancellationToken, out bool failed) is { } generic)
        {
            return Build(generic.Entry, generic.Attribute, generic.Compilation, generic.Report, cancellationToken) is { } specialized
                ? specialized with { GenericCall = generic.Call, GenericCref = generic.Cref }
                : null;
        }

        if (failed)
        {
            return null;
        }

        EntryPointParser.Resolution? resolution = EntryPointParser.Resolve(method, attribute, report, cancellationToken);
        if (resolution is null)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        IMethodSymbol kernel = resolution.Kernel;
        MethodDeclarationSyntax? declaration = EntryPointParser.Declaration(kernel, cancellationToken);
        KernelBody? body = null;
        string? scalarReason = "the kernel's body was not found";
        bool onDevice = false;
        if (declaration is not null)
        {
            SemanticModel semanticModel = compilation.GetSemanticModel(declaration.SyntaxTree);
            // Problems inside the kernel's body are the analyzer's to report (they do not stop the build).
            KernelBodyParser.Result parsed = KernelBodyParser.Parse(kernel, declaration, semanticModel, report: null, cancellationToken);
            body = parsed.Body;
            scalarReason = parsed.ScalarReason;

            // Target.Gpu: the device check decides whether the generated ILGPU kernel may call this kernel, and its
            // findings (SG0401, SG0402) are this decision's diagnostics, reported here once per kernel. Refused: no
            // device code, the CPU code runs (as [Parallel] and [GuVectorize] do).
            if (resolution.Target == KernelTarget.Gpu)
            {
                DeviceCheck device = DeviceCheck.OfVectorize(kernel, declaration, semanticModel, cancellationToken);
                DeviceCheck.Report(new[] { device }, EntryPointParser.ReportsDeviceFindings(kernel, method, EntryForm.Vectorize) ? report : null);
                onDevice = device.Runs;
            }
        }

        IMethodSymbol entry = resolution.Entry;
        List<ContainingType> containingTypes = ContainingTypesOf(entry);

        string modifiers = resolution.IsShorthand
            ? Accessibility(kernel) + " static"
            : ModifiersOf(entry, cancellationToken);
        int line = declaration?.Identifier.GetLocation().GetLineSpan().StartLinePosition.Line + 1 ?? 0;
        return new VectorizeModel(
            resolution.Form,
            entry.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "",
            containingTypes.ToEquatableArray(),
            modifiers,
            CSharpName.Escape(entry.Name),
            resolution.IsShorthand,
            resolution.Parameters.ToEquatableArray(),
            CSharpName.Escape(kernel.Name),
            line,
            EntryPointParser.Signature(kernel),
            resolution.Target,
            resolution.FastMath,
            body,
            body is null ? scalarReason : null)
        {
            OnDevice = onDevice,
            Names = EntryNaming.For(entry, resolution.Form, resolution.IsShorthand) with
            {
                ShortVectorNames = VectorNameScope.ShortNamesBind(entry, kernel, declaration, compilation, cancellationToken),
            },
        };
    }

    /// <summary>The types around <paramref name="method"/>, outermost first, as the generated part repeats them.</summary>
    internal static List<ContainingType> ContainingTypesOf(IMethodSymbol method)
    {
        var containingTypes = new List<ContainingType>();
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            containingTypes.Insert(0, new ContainingType(TypeKeyword(type), type.ToDisplayString(ContainingTypeFormat)));
        }

        return containingTypes;
    }

    /// <summary>A type as its generated part repeats it: name, type parameters with their variance (both parts must agree).</summary>
    private static readonly SymbolDisplayFormat ContainingTypeFormat = SymbolDisplayFormat.MinimallyQualifiedFormat
        .WithGenericsOptions(SymbolDisplayGenericsOptions.IncludeTypeParameters | SymbolDisplayGenericsOptions.IncludeVariance);

    private static string TypeKeyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private static string Accessibility(IMethodSymbol method) => method.DeclaredAccessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    /// <summary>The entry point's modifiers as declared (the implementation must repeat them).</summary>
    internal static string ModifiersOf(IMethodSymbol entry, CancellationToken cancellationToken)
    {
        MethodDeclarationSyntax? declaration = entry.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax(cancellationToken))
            .OfType<MethodDeclarationSyntax>()
            .FirstOrDefault();
        return declaration is null
            ? Accessibility(entry) + (entry.IsStatic ? " static" : "") + " partial"
            : string.Join(" ", declaration.Modifiers.Select(modifier => modifier.Text));
    }
}
