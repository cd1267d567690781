using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// Reads a <c>[GuVectorize]</c> entry point: its signature, its kernel (a static void method taking each input's
/// core slice — <c>T</c> for <c>()</c>, <c>ReadOnlySpan&lt;T&gt;</c> for one dimension, <c>ReadOnlyTensorSpan&lt;T&gt;</c>
/// for two or more — then each output's <c>Span&lt;T&gt;</c> (one element for <c>()</c>) or <c>TensorSpan&lt;T&gt;</c>),
/// and its arguments (<c>T</c>, <c>T[]</c>, <c>T[,]</c>, <c>T[,,]</c> or a strided <c>(ReadOnly)TensorSpan&lt;T&gt;</c>
/// view: the last dimensions are the core ones, the others loop dimensions).
/// </summary>
internal static class GuVectorizeParser
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    public static GuModel? Build(IMethodSymbol entry, AttributeData attribute, Compilation compilation, DiagnosticSink? report, CancellationToken cancellationToken)
    {
        Location location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? entry.Locations.FirstOrDefault() ?? Location.None;
        if (!EntryPointParser.CheckDeclarationSite(entry, attribute, location, report, cancellationToken))
        {
            return null;
        }

        if (!entry.IsPartialDefinition || !entry.ReturnsVoid || (entry.PartialImplementationPart is { } implementation && !EntryPointParser.IsGenerated(implementation)))
        {
            report?.Invoke(DiagnosticDescriptors.InvalidEntryPoint, location, entry.Name,
                "a [GuVectorize] entry point is a 'partial void' method without a body, its parameters the kernel's with outer dimensions added: [GuVectorize(nameof(Kernel), \"(n),()->(n)\")]");
            return null;
        }

        // A generic kernel: this entry point's model is the one of the kernel written for its element types.
        if (GenericKernels.Specialize(entry, attribute, EntryForm.GuVectorize, compilation, report, cancellationToken, out bool failed) is { } generic)
        {
            return Build(generic.Entry, generic.Attribute, generic.Compilation, generic.Report, cancellationToken) is { } specialized
                ? specialized with { GenericCall = generic.Call, GenericCref = generic.Cref }
                : null;
        }

        if (failed)
        {
            return null;
        }

        KernelTarget target = EntryPointParser.TargetOf(attribute, EntryForm.GuVectorize);

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
        List<IMethodSymbol> candidates = EntryPointParser.KernelCandidates(entry, kernelName, cancellationToken);
        if (candidates.Count == 0)
        {
            report?.Invoke(DiagnosticDescriptors.KernelNotFound, location, kernelName, entry.ContainingType.Name, entry.Name);
            return null;
        }

        // Overloads of the kernel (one per element type) are usual: the first whose parameters fit is the kernel.
        IMethodSymbol kernel = candidates[0];
        List<GuArgument> arguments = new();
        string? mismatch = null;
        foreach (IMethodSymbol candidate in candidates)
        {
            mismatch = Match(entry, candidate, signature, text!, target, out arguments);
            if (mismatch is null)
            {
                kernel = candidate;
                break;
            }
        }

        if (mismatch is not null)
        {
            report?.Invoke(DiagnosticDescriptors.EntryPointMismatch, location, entry.Name, EntryPointParser.Signature(kernel), mismatch);
            return null;
        }

        if (target == KernelTarget.Gpu && DeviceCheck.RefusedArguments(arguments, entry) is { } refusal)
        {
            report?.Invoke(DiagnosticDescriptors.NotSupportedYet, location, refusal.What, refusal.Fix);
            return null;
        }

        // The kernel's loops over its core slices run in SIMD steps where they can (the [Parallel] row-loop lowering).
        // Where one cannot, the reason goes into SG0103 (information): a gufunc kernel called as written, as Numba's
        // are, is the documented baseline, not a fallback to warn about (a running sum cannot run in lanes).
        MethodDeclarationSyntax? declaration = EntryPointParser.Declaration(kernel, cancellationToken);
        bool fastMath = EntryPointParser.NamedBool(attribute, "FastMath");
        var segments = EquatableArray<BodySegment>.Empty;
        var loops = EquatableArray<VectorLoop>.Empty;
        var scalarLoops = new List<string>();
        if (declaration?.Body is { } body)
        {
            // Diagnostics inside the kernel's loops come once, from the first entry point that runs it this way.
            DiagnosticSink? simdReport = EntryPointParser.CpuEntriesOf(kernel, EntryForm.GuVectorize).FirstOrDefault(s => s.FastMath == fastMath && s.Target != KernelTarget.Gpu)?.Entry is { } first
                && SymbolEqualityComparer.Default.Equals(first, entry) ? report : null;
            List<VectorLoopParser.RefusedLoop> refused;
            (segments, loops, refused) = VectorLoopParser.Cut(kernel, body, compilation.GetSemanticModel(declaration.SyntaxTree), declaration.SyntaxTree.GetText(cancellationToken), fastMath,
                simdReport, cancellationToken, orderedSumsAsWritten: true);
            scalarLoops.AddRange(refused.Select(row => $"its loop at line {(row.At.SourceTree is { } tree ? KernelLines.Of(tree.GetRoot(cancellationToken).FindNode(row.At.SourceSpan)) : 0)} of the kernel runs as written: {row.Reason} ({row.Fix})"));
        }

        // A loop that stays as written (a running sum, a recurrence) can still run across rows: W outer indexes at
        // once, one per vector lane, each doing the kernel's operations in its order (outer-loop vectorization).
        RowLanesModel? rowLanes = null;
        string? rowLanesRefusal = null;
        if (target != KernelTarget.Gpu && loops.Count == 0 && declaration?.Body is { } laneBody && arguments.Max(a => a.OuterRank) == 1
            && laneBody.DescendantNodes().Any(n => n is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax))
        {
            rowLanes = RowLanesParser.Read(kernel, laneBody, compilation.GetSemanticModel(declaration.SyntaxTree), declaration.SyntaxTree.GetText(cancellationToken), arguments, out rowLanesRefusal, cancellationToken);
        }

        var how = new List<string>();
        if (rowLanes is not null)
        {
            how.Add("its outer indexes run several at once, one per SIMD lane (row lanes), the kernel's operations in its order in each");
        }
        else if (rowLanesRefusal is not null)
        {
            how.Add($"its rows cannot run in SIMD lanes: {rowLanesRefusal}");
        }

        if (loops.Count > 0)
        {
            how.Add($"its loop{(loops.Count > 1 ? "s" : "")} at line{(loops.Count > 1 ? "s" : "")} {string.Join(", ", loops.Select(l => l.Line))} of the kernel run{(loops.Count > 1 ? "" : "s")} in SIMD steps over the core dimension");
        }

        how.AddRange(scalarLoops);
        if (how.Count == 0)
        {
            how.Add("it has no loop over consecutive elements of a core slice, so its body runs as written");
        }

        string? deviceBody = target == KernelTarget.Gpu && declaration?.Body is { } kernelBody
            ? DeviceBody(kernel, kernelBody, compilation.GetSemanticModel(declaration.SyntaxTree), declaration.SyntaxTree.GetText(cancellationToken),
                EntryPointParser.ReportsDeviceFindings(kernel, entry, EntryForm.GuVectorize) ? report : null, cancellationToken)
            : null;
        report?.Invoke(DiagnosticDescriptors.GufuncKernelPerIndex, location, entry.Name, kernel.Name,
            target switch { KernelTarget.Parallel => "threads (Target.Parallel)", KernelTarget.Gpu => "a GPU thread per outer index (Target.Gpu; across threads without a GPU)", _ => "one thread" },
            target == KernelTarget.Gpu ? "on the GPU its body runs as written, one thread per outer index" : string.Join("; ", how));
        return new GuModel(
            entry.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "",
            ModelBuilder.ContainingTypesOf(entry).ToEquatableArray(),
            ModelBuilder.ModifiersOf(entry, cancellationToken),
            CSharpName.Escape(entry.Name),
            CSharpName.Escape(kernel.Name),
            declaration?.Identifier.GetLocation().GetLineSpan().StartLinePosition.Line + 1 ?? 0,
            text!,
            arguments.ToEquatableArray(),
            target)
        {
            BodySegments = segments,
            VectorLoops = loops,
            Usings = (loops.Count > 0 || deviceBody is not null || rowLanes is not null) && declaration is not null ? ParallelParser.Usings(declaration).ToEquatableArray() : EquatableArray<string>.Empty,
            KernelParameters = loops.Count > 0 || deviceBody is not null || rowLanes is not null ? kernel.Parameters.Select(ParallelParser.Declared).ToEquatableArray() : EquatableArray<DeclaredParameter>.Empty,
            RowLanes = rowLanes,
            DeviceBody = deviceBody,
            Names = EntryNaming.For(entry, EntryForm.GuVectorize) with
            {
                ShortVectorNames = VectorNameScope.ShortNamesBind(entry, kernel, declaration, compilation, cancellationToken),
            },
            BodyColumn = declaration?.Body?.GetLocation().GetLineSpan().StartLinePosition.Character ?? 0,
        };
    }

    /// <summary>Why <paramref name="kernel"/> cannot be the entry point's kernel, or null (and its arguments) when it can.</summary>
    private static string? Match(IMethodSymbol entry, IMethodSymbol kernel, GuSignature signature, string text, KernelTarget target, out List<GuArgument> arguments)
    {
        int inputs = signature.Inputs.Count, outputs = signature.Outputs.Count;
        string? mismatch = null;
        if (!kernel.IsStatic || kernel.IsGenericMethod || !kernel.ReturnsVoid || kernel.IsAsync)
        {
            mismatch = "a [GuVectorize] kernel is a static, non-generic, synchronous method returning void (outputs are Span<T> parameters)";
        }
        else if (kernel.Parameters.Length != inputs + outputs)
        {
            mismatch = $"the signature \"{text}\" has {inputs} input(s) and {outputs} output(s), but the kernel has {kernel.Parameters.Length} parameter(s)";
        }
        else if (entry.Parameters.Length != kernel.Parameters.Length)
        {
            mismatch = $"the entry point has {entry.Parameters.Length} parameter(s) and the kernel {kernel.Parameters.Length}";
        }

        arguments = new List<GuArgument>();
        for (int i = 0; mismatch is null && i < kernel.Parameters.Length; i++)
        {
            bool isOutput = i >= inputs;
            EquatableArray<string> core = isOutput ? signature.Outputs[i - inputs] : signature.Inputs[i];
            IParameterSymbol kernelParameter = kernel.Parameters[i], entryParameter = entry.Parameters[i];
            ITypeSymbol? element = KernelElement(kernelParameter, core.Count, isOutput, out string expected);
            if (element is null)
            {
                mismatch = $"the signature gives '{kernelParameter.Name}' core dimensions ({string.Join(",", core)}), so the kernel takes it as {expected}, not '{kernelParameter.Type.ToDisplayString()}'";
                break;
            }

            (GuArgumentKind kind, ITypeSymbol? entryElement, int rank, bool writable) = EntryArgument(entryParameter.Type);
            if (!SymbolEqualityComparer.Default.Equals(entryElement, element) || entryParameter.RefKind != RefKind.None)
            {
                mismatch = $"parameter '{entryParameter.Name}' holds '{entryElement?.ToDisplayString()}' but the kernel's '{kernelParameter.Name}' holds '{element.ToDisplayString()}'";
                break;
            }

            if (kind == GuArgumentKind.View && isOutput && !writable)
            {
                mismatch = $"parameter '{entryParameter.Name}' is an output, so a TensorSpan<{element.ToDisplayString()}>, not a read-only view";
                break;
            }

            if (kind == GuArgumentKind.Scalar ? isOutput || core.Count > 0 : kind == GuArgumentKind.Array && (rank < core.Count || rank > 3))
            {
                mismatch = rank > 3
                    ? $"parameter '{entryParameter.Name}' has {rank} dimensions; at most 3 are supported (a TensorSpan<T> view may have up to 3 outer dimensions beside its core ones)"
                    : $"parameter '{entryParameter.Name}' is '{entryParameter.Type.ToDisplayString()}', which lacks its core dimensions ({string.Join(",", core)}){(isOutput ? "; an output is an array or a TensorSpan<T>" : "")}";
                break;
            }

            arguments.Add(new GuArgument(CSharpName.Escape(entryParameter.Name), EntryPointParser.DeclarationOnlyModifiers(entryParameter) + entryParameter.Type.ToDisplayString(TypeFormat), kind, element.ToDisplayString(TypeFormat), rank, core, isOutput));
        }

        if (mismatch is null && target == KernelTarget.Parallel && arguments.Count(a => a.Kind == GuArgumentKind.View) > RuntimeLimits.PinnedBuffers)
        {
            mismatch = $"with Target.Parallel at most {RuntimeLimits.PinnedBuffers} arguments may be TensorSpan<T> views (they are pinned for the loop); pass the others as arrays";
        }

        return mismatch;
    }

    /// <summary>
    /// The kernel's body for the device: its span parameters become ILGPU ArrayView&lt;T&gt; (indexing is the same,
    /// Length becomes IntLength), its tensor spans SourceGen.Gpu.DeviceTensor&lt;T&gt; (the same members). Null when the
    /// device check finds what a GPU cannot run; its findings (SG0401, SG0402) go to <paramref name="report"/>.
    /// </summary>
    private static string? DeviceBody(IMethodSymbol kernel, BlockSyntax body, SemanticModel model, SourceText text, DiagnosticSink? report, CancellationToken cancellationToken)
    {
        DeviceCheck device = DeviceCheck.OfGufunc(kernel, body, model, cancellationToken);
        DeviceCheck.Report(new[] { device }, report);
        return device.Runs ? GpuLaunchParser.Slice(text, body.Span, device.Edits) : null;
    }

    /// <summary>The element type of a kernel parameter with <paramref name="coreDimensions"/> core dimensions, or null (and what was expected).</summary>
    private static ITypeSymbol? KernelElement(IParameterSymbol parameter, int coreDimensions, bool isOutput, out string expected)
    {
        (string span, string readOnlySpan, string spanNamespace) = coreDimensions > 1
            ? ("TensorSpan", "ReadOnlyTensorSpan", TensorsNamespace)
            : ("Span", "ReadOnlySpan", "System");
        string wanted = isOutput ? span : readOnlySpan;
        expected = (isOutput, coreDimensions) switch
        {
            (true, 0) => "a one-element Span<T> (write result[0])",
            (false, 0) => "the element itself (T)",
            _ => $"a {wanted}<T>",
        };
        if (parameter.RefKind != RefKind.None)
        {
            return null;
        }

        ITypeSymbol type = parameter.Type;
        if (coreDimensions == 0 && !isOutput)
        {
            return type.IsUnmanagedType && GenericElement(type, "Span", "System") is null && GenericElement(type, "ReadOnlySpan", "System") is null ? type : null;
        }

        return GenericElement(type, wanted, spanNamespace) is { IsUnmanagedType: true } element ? element : null;
    }

    private const string TensorsNamespace = "System.Numerics.Tensors";

    /// <summary>The type argument of <paramref name="type"/> when it is <c>{ns}.{name}&lt;T&gt;</c>, else null.</summary>
    private static ITypeSymbol? GenericElement(ITypeSymbol type, string name, string ns) =>
        type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named && named.Name == name && named.ContainingNamespace?.ToDisplayString() == ns
            ? named.TypeArguments[0]
            : null;

    /// <summary>How an entry-point parameter holds its elements: a scalar, a T[]/T[,]/T[,,], or a (ReadOnly)TensorSpan&lt;T&gt; view.</summary>
    private static (GuArgumentKind Kind, ITypeSymbol? Element, int Rank, bool Writable) EntryArgument(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return (GuArgumentKind.Array, array.ElementType, array.Rank, true);
        }

        if (GenericElement(type, "TensorSpan", TensorsNamespace) is { } writable)
        {
            return (GuArgumentKind.View, writable, 0, true);
        }

        if (GenericElement(type, "ReadOnlyTensorSpan", TensorsNamespace) is { } readOnly)
        {
            return (GuArgumentKind.View, readOnly, 0, false);
        }

        return (GuArgumentKind.Scalar, type, 0, false);
    }

    /// <summary>The signature string literal in the attribute, for a diagnostic on it.</summary>
    private static Location? SignatureLocation(AttributeData attribute, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList.Arguments.Count: > 0 } syntax
            ? syntax.ArgumentList.Arguments.Where(a => a.NameEquals is null).LastOrDefault()?.Expression.GetLocation()
            : null;
}
