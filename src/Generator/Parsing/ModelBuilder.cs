using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// Builds the model of one [Vectorize] entry point from its symbols: resolution, then the kernel's body (the [Parallel] and
/// [GuVectorize] models come from ParallelParser and GuVectorizeParser), and the kernel's SG0201 errors.
/// </summary>
internal static class ModelBuilder
{
    public static VectorizeModel? Build(IMethodSymbol method, AttributeData attribute, Compilation compilation, DiagnosticSink? report, CancellationToken cancellationToken)
    {
        // SG0201 (throw, checked arithmetic: what the kernel cannot contain) is an error found by the parse that decides
        // this entry point's code, so it is reported here, by the generator: a build without analyzers fails on it too.
        // A kernel several [Vectorize] entry points share is parsed by each; each finding is reported by the first of them.
        List<DiagnosticInfo>? forbidden = report is null ? null : new List<DiagnosticInfo>();
        VectorizeModel? model = Build(method, attribute, compilation, report, forbidden, cancellationToken);
        if (forbidden is { Count: > 0 })
        {
            foreach (DiagnosticInfo finding in NotFoundBefore(forbidden, method, attribute, compilation, cancellationToken))
            {
                finding.ReportTo(report!);
            }
        }

        return model;
    }

    /// <summary>The model; the kernel parse's SG0201 findings go to <paramref name="forbidden"/>, at the user's positions.</summary>
    private static VectorizeModel? Build(IMethodSymbol method, AttributeData attribute, Compilation compilation, DiagnosticSink? report, List<DiagnosticInfo>? forbidden, CancellationToken cancellationToken)
    {
        // A generic kernel: this entry point's model is the one of the kernel written for its element types.
        if (GenericKernels.Specialize(method, attribute, EntryForm.Vectorize, compilation, report, cancellationToken, out bool failed) is { } generic)
        {
            List<DiagnosticInfo>? found = forbidden is null ? null : new List<DiagnosticInfo>();
            VectorizeModel? specialized = Build(generic.Entry, generic.Attribute, generic.Compilation, generic.Report, found, cancellationToken);
            ToOriginal(found, generic, forbidden);
            return specialized is null ? null : specialized with { GenericCall = generic.Call, GenericCref = generic.Cref };
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
            // What keeps the kernel out of the SIMD model: SG0201 is kept for the caller to report (see above); SG0102 is
            // advice, the analyzer's to report.
            KernelBodyParser.Result parsed = KernelBodyParser.Parse(kernel, declaration, semanticModel, Forbidden(forbidden), cancellationToken);
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

    /// <summary>A kernel parser's sink that keeps its SG0201 findings in <paramref name="forbidden"/> (null: none kept).</summary>
    private static DiagnosticSink? Forbidden(List<DiagnosticInfo>? forbidden) => forbidden is null ? null : (descriptor, location, arguments) =>
    {
        if (descriptor.Id == DiagnosticDescriptors.ForbiddenInKernel.Id)
        {
            forbidden.Add(DiagnosticInfo.Create(descriptor, location, arguments));
        }
    };

    /// <summary>Findings in a generic kernel's rewritten copy, moved to the user's file (the copy keeps every line where it was).</summary>
    private static void ToOriginal(List<DiagnosticInfo>? found, GenericKernels.Specialization generic, List<DiagnosticInfo>? into)
    {
        if (found is null || into is null)
        {
            return;
        }

        foreach (DiagnosticInfo finding in found)
        {
            finding.ReportTo((descriptor, location, arguments) => into.Add(DiagnosticInfo.Create(descriptor, generic.ToOriginal(location), arguments)));
        }
    }

    /// <summary>
    /// The findings of <paramref name="entry"/>'s kernel that no [Vectorize] entry point before it (in
    /// <see cref="EntryPointParser.UsesOf"/>'s order, which every entry point of the kernel sees alike) finds too: a kernel
    /// shared by several entry points (overloads, element types of a generic kernel, targets) reports each finding once.
    /// Asked only when this entry point has findings, so a kernel without them costs nothing more.
    /// </summary>
    private static IEnumerable<DiagnosticInfo> NotFoundBefore(List<DiagnosticInfo> found, IMethodSymbol entry, AttributeData attribute, Compilation compilation, CancellationToken cancellationToken)
    {
        // Every entry point naming the kernel (by name: its overloads and generic versions too), and a shorthand kernel itself.
        string kernelName = EntryPointParser.KernelNameArgument(attribute, EntryForm.Vectorize) ?? entry.Name;
        IMethodSymbol? named = entry.IsPartialDefinition ? EntryPointParser.KernelCandidates(entry, kernelName, cancellationToken).FirstOrDefault() : entry;
        if (named is null)
        {
            return found;
        }

        var left = new List<DiagnosticInfo>(found);
        foreach (EntryPointParser.KernelUse use in EntryPointParser.UsesOf(named))
        {
            if (SymbolEqualityComparer.Default.Equals(use.Entry, entry) || left.Count == 0)
            {
                break;
            }

            // An entry point with two of SourceGen's attributes is not built (SourceGenGenerator.Parse reports that instead).
            if (use.Form != EntryForm.Vectorize || use.Entry.GetAttributes().Count(a => EntryPointParser.FormOf(a) is not null) > 1)
            {
                continue;
            }

            var before = new List<DiagnosticInfo>();
            Build(use.Entry, use.Attribute, compilation, report: null, before, cancellationToken);
            left.RemoveAll(finding => before.Any(other => SameFinding(finding, other)));
        }

        return left;
    }

    private static bool SameFinding(DiagnosticInfo a, DiagnosticInfo b) =>
        a.Id == b.Id && a.Span == b.Span && a.FilePath == b.FilePath && a.Arguments.Equals(b.Arguments);

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
