using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using SourceGen.Generator.Diagnostics;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// Reads a <c>[GuVectorize]</c> entry point: its signature, its kernel (a static void method taking each input's
/// core slice — <c>T</c> for <c>()</c>, <c>ReadOnlySpan&lt;T&gt;</c> for one dimension — then each output's
/// <c>Span&lt;T&gt;</c>, one element for <c>()</c>), and its arguments (<c>T</c>, <c>T[]</c>, <c>T[,]</c>,
/// <c>T[,,]</c>: the last dimensions are the core ones, the others loop dimensions).
/// </summary>
internal static class GuVectorizeParser
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    public static GuModel? Build(IMethodSymbol entry, AttributeData attribute, DiagnosticSink? report, CancellationToken cancellationToken)
    {
        Location location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? entry.Locations.FirstOrDefault() ?? Location.None;
        if (!EntryPointParser.ContainingTypesArePartial(entry, location, report, cancellationToken))
        {
            return null;
        }

        if (!entry.IsPartialDefinition || !entry.ReturnsVoid || (entry.PartialImplementationPart is { } implementation && !EntryPointParser.IsGenerated(implementation)))
        {
            report?.Invoke(DiagnosticDescriptors.InvalidEntryPoint, location, entry.Name,
                "a [GuVectorize] entry point is a 'partial void' method without a body, its parameters the kernel's with outer dimensions added: [GuVectorize(nameof(Kernel), \"(n),()->(n)\")]");
            return null;
        }

        int target = EntryPointParser.NamedInt(attribute, "Target", 0);
        if (target == 2)
        {
            report?.Invoke(DiagnosticDescriptors.NotSupportedYet, location, "Target.Gpu", "use Target.Cpu or Target.Parallel for now");
            return null;
        }

        string? text = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[attribute.ConstructorArguments.Length - 1].Value as string : null;
        Location signatureLocation = SignatureLocation(attribute, cancellationToken) ?? location;
        GuSignature? signature = text is null ? null : GuSignatureParser.Parse(text, out string? error, out int position, out string? fix);
        if (signature is null)
        {
            GuSignatureParser.Parse(text ?? "", out string? why, out int at, out string? remedy);
            report?.Invoke(DiagnosticDescriptors.InvalidGufuncSignature, signatureLocation, text ?? "", why ?? "it is empty", at + 1, remedy ?? "");
            return null;
        }

        string kernelName = EntryPointParser.KernelNameArgument(attribute, EntryForm.GuVectorize) ?? entry.Name;
        List<IMethodSymbol> candidates = entry.ContainingType.GetMembers(kernelName).OfType<IMethodSymbol>()
            .Where(m => m.MethodKind == MethodKind.Ordinary && !m.IsPartialDefinition && !SymbolEqualityComparer.Default.Equals(m, entry) && EntryPointParser.HasBody(m, cancellationToken))
            .ToList();
        if (candidates.Count == 0)
        {
            report?.Invoke(DiagnosticDescriptors.KernelNotFound, location, kernelName, entry.ContainingType.Name, entry.Name);
            return null;
        }

        IMethodSymbol kernel = candidates[0];
        int inputs = signature.Inputs.Count, outputs = signature.Outputs.Count;
        string? mismatch = null;
        if (!kernel.IsStatic || kernel.IsGenericMethod || !kernel.ReturnsVoid)
        {
            mismatch = "a [GuVectorize] kernel is a static, non-generic method returning void (outputs are Span<T> parameters)";
        }
        else if (kernel.Parameters.Length != inputs + outputs)
        {
            mismatch = $"the signature \"{text}\" has {inputs} input(s) and {outputs} output(s), but the kernel has {kernel.Parameters.Length} parameter(s)";
        }
        else if (entry.Parameters.Length != kernel.Parameters.Length)
        {
            mismatch = $"the entry point has {entry.Parameters.Length} parameter(s) and the kernel {kernel.Parameters.Length}";
        }

        var arguments = new List<GuArgument>();
        for (int i = 0; mismatch is null && i < kernel.Parameters.Length; i++)
        {
            bool isOutput = i >= inputs;
            EquatableArray<string> core = isOutput ? signature.Outputs[i - inputs] : signature.Inputs[i];
            IParameterSymbol kernelParameter = kernel.Parameters[i], entryParameter = entry.Parameters[i];
            if (core.Count > 1)
            {
                report?.Invoke(DiagnosticDescriptors.NotSupportedYet, signatureLocation, $"the core dimensions ({string.Join(",", core)}) of '{kernelParameter.Name}' (two or more, TensorSpan<T> in the kernel)",
                    "use kernels with scalar or one-dimensional core arguments for now");
                return null;
            }

            ITypeSymbol? element = KernelElement(kernelParameter, core.Count, isOutput, out string expected);
            if (element is null)
            {
                mismatch = $"the signature gives '{kernelParameter.Name}' core dimensions ({string.Join(",", core)}), so the kernel takes it as {expected}, not '{kernelParameter.Type.ToDisplayString()}'";
                break;
            }

            (ITypeSymbol? entryElement, int rank) = entryParameter.Type switch
            {
                IArrayTypeSymbol array => (array.ElementType, array.Rank),
                _ => (entryParameter.Type, 0),
            };
            if (!SymbolEqualityComparer.Default.Equals(entryElement, element) || entryParameter.RefKind != RefKind.None)
            {
                mismatch = $"parameter '{entryParameter.Name}' holds '{entryElement?.ToDisplayString()}' but the kernel's '{kernelParameter.Name}' holds '{element.ToDisplayString()}'";
                break;
            }

            if ((rank == 0 && (isOutput || core.Count > 0)) || (rank > 0 && rank < core.Count) || rank > 3)
            {
                mismatch = rank > 3
                    ? $"parameter '{entryParameter.Name}' has {rank} dimensions; at most 3 are supported"
                    : $"parameter '{entryParameter.Name}' is '{entryParameter.Type.ToDisplayString()}', which lacks its core dimensions ({string.Join(",", core)}){(isOutput ? "; an output is an array" : "")}";
                break;
            }

            arguments.Add(new GuArgument(entryParameter.Name, entryParameter.Type.ToDisplayString(TypeFormat), element.ToDisplayString(TypeFormat), rank, core, isOutput));
        }

        if (mismatch is not null)
        {
            report?.Invoke(DiagnosticDescriptors.EntryPointMismatch, location, entry.Name, EntryPointParser.Signature(kernel), mismatch);
            return null;
        }

        report?.Invoke(DiagnosticDescriptors.GufuncKernelPerIndex, location, entry.Name, kernel.Name,
            target == 1 ? "threads (Target.Parallel)" : "one thread");
        MethodDeclarationSyntax? declaration = EntryPointParser.Declaration(kernel, cancellationToken);
        return new GuModel(
            entry.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "",
            ModelBuilder.ContainingTypesOf(entry).ToEquatableArray(),
            ModelBuilder.ModifiersOf(entry, cancellationToken),
            entry.Name,
            kernel.Name,
            declaration?.Identifier.GetLocation().GetLineSpan().StartLinePosition.Line + 1 ?? 0,
            text!,
            arguments.ToEquatableArray(),
            target);
    }

    /// <summary>The element type of a kernel parameter with <paramref name="coreDimensions"/> core dimensions, or null (and what was expected).</summary>
    private static ITypeSymbol? KernelElement(IParameterSymbol parameter, int coreDimensions, bool isOutput, out string expected)
    {
        ITypeSymbol type = parameter.Type;
        bool isSpan = type is INamedTypeSymbol { IsGenericType: true, Name: "Span" } s && s.ContainingNamespace?.ToDisplayString() == "System";
        bool isReadOnlySpan = type is INamedTypeSymbol { IsGenericType: true, Name: "ReadOnlySpan" } r && r.ContainingNamespace?.ToDisplayString() == "System";
        if (isOutput)
        {
            expected = coreDimensions == 0 ? "a one-element Span<T> (write result[0])" : "a Span<T>";
            return isSpan && parameter.RefKind == RefKind.None && ((INamedTypeSymbol)type).TypeArguments[0].IsUnmanagedType ? ((INamedTypeSymbol)type).TypeArguments[0] : null;
        }

        if (coreDimensions == 0)
        {
            expected = "the element itself (T)";
            return parameter.RefKind == RefKind.None && type.IsUnmanagedType && !isSpan && !isReadOnlySpan ? type : null;
        }

        expected = "a ReadOnlySpan<T>";
        return isReadOnlySpan && parameter.RefKind == RefKind.None && ((INamedTypeSymbol)type).TypeArguments[0].IsUnmanagedType ? ((INamedTypeSymbol)type).TypeArguments[0] : null;
    }

    /// <summary>The signature string literal in the attribute, for a diagnostic on it.</summary>
    private static Location? SignatureLocation(AttributeData attribute, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList.Arguments.Count: > 0 } syntax
            ? syntax.ArgumentList.Arguments.Where(a => a.NameEquals is null).LastOrDefault()?.Expression.GetLocation()
            : null;
}
