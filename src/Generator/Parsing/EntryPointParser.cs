using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// Reads an attributed method: which form, which kernel, whether the entry point's signature fits the kernel.
/// The generator reports its diagnostics (so a command-line build shows them next to CS8795) and keeps the model;
/// the analyzer calls it silently to find which kernels belong to entry points.
/// </summary>
internal static class EntryPointParser
{
    public const string VectorizeAttributeName = "SourceGen.VectorizeAttribute";
    public const string GuVectorizeAttributeName = "SourceGen.GuVectorizeAttribute";
    public const string ParallelAttributeName = "SourceGen.ParallelAttribute";

    /// <summary>The resolved pair: the entry point (or shorthand kernel) and its kernel.</summary>
    internal sealed class Resolution
    {
        public Resolution(IMethodSymbol entry, IMethodSymbol kernel, EntryForm form, bool isShorthand, KernelTarget target, bool fastMath, List<EntryParameter> parameters)
        {
            Entry = entry;
            Kernel = kernel;
            Form = form;
            IsShorthand = isShorthand;
            Target = target;
            FastMath = fastMath;
            Parameters = parameters;
        }

        public IMethodSymbol Entry { get; }

        public IMethodSymbol Kernel { get; }

        public EntryForm Form { get; }

        public bool IsShorthand { get; }

        public KernelTarget Target { get; }

        public bool FastMath { get; }

        public List<EntryParameter> Parameters { get; }

        public bool[] VaryingParameters => Parameters.Where(p => p.Role != ParameterRole.Destination).Select(p => p.Role == ParameterRole.Varying).ToArray();
    }

    /// <summary>"params " and "scoped " as declared: the generated part of a partial method repeats them.</summary>
    internal static string DeclarationOnlyModifiers(IParameterSymbol parameter) =>
        (parameter.IsParams ? "params " : "") + (parameter.ScopedKind != ScopedKind.None && parameter.RefKind != RefKind.Out ? "scoped " : "");

    public static EntryForm? FormOf(AttributeData attribute) => attribute.AttributeClass?.ToDisplayString() switch
    {
        VectorizeAttributeName => EntryForm.Vectorize,
        GuVectorizeAttributeName => EntryForm.GuVectorize,
        ParallelAttributeName => EntryForm.Parallel,
        _ => null,
    };

    /// <summary>Our attribute on <paramref name="method"/>, if any.</summary>
    public static AttributeData? FindAttribute(IMethodSymbol method) =>
        method.GetAttributes().FirstOrDefault(a => FormOf(a) is not null);

    /// <summary>
    /// Resolves the kernel of an attributed method and checks the entry point's declaration. Returns null
    /// (after reporting why) when nothing correct can be generated.
    /// </summary>
    public static Resolution? Resolve(IMethodSymbol method, AttributeData attribute, DiagnosticSink? report, CancellationToken cancellationToken)
    {
        EntryForm form = FormOf(attribute) ?? EntryForm.Vectorize;
        Location location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? method.Locations.FirstOrDefault() ?? Location.None;
        string? kernelName = KernelNameArgument(attribute, form);
        KernelTarget target = TargetOf(attribute, form);
        bool fastMath = NamedBool(attribute, "FastMath");

        if (!CheckDeclarationSite(method, attribute, location, report, cancellationToken))
        {
            return null;
        }

        if (form != EntryForm.Vectorize)
        {
            string name = form == EntryForm.GuVectorize ? "[GuVectorize]" : "[Parallel]";
            report?.Invoke(DiagnosticDescriptors.NotSupportedYet, location, name,
                "remove the attribute and call the kernel directly until a release implements it");
            return null;
        }

        bool shorthand = !method.IsPartialDefinition && !method.ReturnsVoid && HasBody(method, cancellationToken);
        int spans = shorthand ? method.Parameters.Length + 1 : method.Parameters.Count(p => p.Type is INamedTypeSymbol { IsGenericType: true });
        if (target is KernelTarget.Parallel or KernelTarget.Gpu && spans > RuntimeLimits.PinnedBuffers)
        {
            // Each chunk rebuilds its spans from pinned addresses, and one call pins at most this many.
            report?.Invoke(DiagnosticDescriptors.NotSupportedYet, location, $"Target.{(target == KernelTarget.Parallel ? "Parallel" : "Gpu")} with more than {RuntimeLimits.PinnedBuffers - 1} span inputs",
                "use Target.Cpu, or pass some inputs as uniform values");
            return null;
        }

        bool isShorthand = !method.IsPartialDefinition && !method.ReturnsVoid && HasBody(method, cancellationToken);
        if (isShorthand)
        {
            return ResolveShorthand(method, location, target, fastMath, report);
        }

        if (!method.IsPartialDefinition)
        {
            report?.Invoke(DiagnosticDescriptors.InvalidEntryPoint, location, method.Name,
                "an entry point is declared 'partial' without a body (e.g. 'public static partial void F(ReadOnlySpan<float> x, Span<float> destination);'), or put [Vectorize] on a kernel that returns a value");
            return null;
        }

        if (method.PartialImplementationPart is { } implementation && !IsGenerated(implementation))
        {
            report?.Invoke(DiagnosticDescriptors.InvalidEntryPoint, location, method.Name,
                "it already has an implementation; remove it, the generator writes the body");
            return null;
        }

        if (!method.ReturnsVoid || method.IsGenericMethod)
        {
            report?.Invoke(DiagnosticDescriptors.InvalidEntryPoint, location, method.Name,
                "a [Vectorize] entry point returns void, is not generic, and writes its results to its last parameter 'Span<TResult> destination'");
            return null;
        }

        // Kernel candidates: methods with a body of the given name (or the entry's own name).
        string lookup = kernelName ?? method.Name;
        List<IMethodSymbol> candidates = KernelCandidates(method, lookup, cancellationToken);
        if (candidates.Count == 0)
        {
            report?.Invoke(DiagnosticDescriptors.KernelNotFound, location, lookup, method.ContainingType.Name, method.Name);
            return null;
        }

        int kernelArity = method.Parameters.Length - 1;
        var matches = new List<(IMethodSymbol Kernel, List<EntryParameter> Parameters)>();
        string? firstMismatch = null;
        foreach (IMethodSymbol candidate in candidates)
        {
            string? mismatch = Match(method, candidate, kernelArity, out List<EntryParameter> parameters);
            if (mismatch is null)
            {
                matches.Add((candidate, parameters));
            }
            else
            {
                firstMismatch ??= mismatch;
            }
        }

        if (matches.Count == 0)
        {
            report?.Invoke(DiagnosticDescriptors.EntryPointMismatch, location, method.Name, Signature(candidates[0]), firstMismatch);
            return null;
        }

        IMethodSymbol kernel = matches[0].Kernel;
        if (!CheckKernel(kernel, method.Name, location, report))
        {
            return null;
        }

        return new Resolution(method, kernel, form, isShorthand: false, target, fastMath, matches[0].Parameters);
    }

    private static Resolution? ResolveShorthand(IMethodSymbol kernel, Location location, KernelTarget target, bool fastMath, DiagnosticSink? report)
    {
        if (!CheckKernel(kernel, kernel.Name, location, report))
        {
            return null;
        }

        var parameters = new List<EntryParameter>();
        foreach (IParameterSymbol parameter in kernel.Parameters)
        {
            ElementTypeFacts.TryFromSpecialType(parameter.Type.SpecialType, out ElementType type);
            parameters.Add(new EntryParameter(CSharpName.Escape(parameter.Name), ParameterRole.Varying, type, $"global::System.ReadOnlySpan<{type.Keyword()}>"));
        }

        ElementTypeFacts.TryFromSpecialType(kernel.ReturnType.SpecialType, out ElementType resultType);
        string destination = kernel.Parameters.Any(p => p.Name == "destination") ? "destination_" : "destination";
        parameters.Add(new EntryParameter(destination, ParameterRole.Destination, resultType, $"global::System.Span<{resultType.Keyword()}>"));
        return new Resolution(kernel, kernel, EntryForm.Vectorize, isShorthand: true, target, fastMath, parameters);
    }

    /// <summary>Checks what every kernel must be: static, non-generic, element types by value.</summary>
    private static bool CheckKernel(IMethodSymbol kernel, string entryName, Location location, DiagnosticSink? report)
    {
        if (!kernel.IsStatic || kernel.IsGenericMethod || kernel.ReturnsVoid)
        {
            report?.Invoke(DiagnosticDescriptors.EntryPointMismatch, location, entryName, Signature(kernel),
                "a [Vectorize] kernel is a static, non-generic method that returns one element");
            return false;
        }

        foreach (IParameterSymbol parameter in kernel.Parameters)
        {
            if (parameter.RefKind != RefKind.None || !ElementTypeFacts.TryFromSpecialType(parameter.Type.SpecialType, out _))
            {
                report?.Invoke(DiagnosticDescriptors.UnsupportedParameterType, location,
                    (parameter.RefKind != RefKind.None ? parameter.RefKind.ToString().ToLowerInvariant() + " " : "") + parameter.Name,
                    kernel.Name, parameter.Type.ToDisplayString());
                return false;
            }
        }

        if (!ElementTypeFacts.TryFromSpecialType(kernel.ReturnType.SpecialType, out _))
        {
            report?.Invoke(DiagnosticDescriptors.UnsupportedParameterType, location, "the result", kernel.Name, kernel.ReturnType.ToDisplayString());
            return false;
        }

        return true;
    }

    /// <summary>Null when <paramref name="entry"/> fits <paramref name="kernel"/>; otherwise what does not fit.</summary>
    private static string? Match(IMethodSymbol entry, IMethodSymbol kernel, int kernelArity, out List<EntryParameter> parameters)
    {
        parameters = new List<EntryParameter>();
        if (kernel.Parameters.Length != kernelArity)
        {
            return $"the kernel has {kernel.Parameters.Length} parameter(s), so the entry point needs {kernel.Parameters.Length + 1} (one per kernel parameter, then 'Span<{kernel.ReturnType.ToDisplayString()}> destination'), but it has {entry.Parameters.Length}";
        }

        for (int i = 0; i < kernelArity; i++)
        {
            IParameterSymbol parameter = entry.Parameters[i];
            ITypeSymbol kernelType = kernel.Parameters[i].Type;
            if (!ElementTypeFacts.TryFromSpecialType(kernelType.SpecialType, out ElementType elementType))
            {
                return $"the kernel's parameter '{kernel.Parameters[i].Name}' has type '{kernelType.ToDisplayString()}', which is not an element type";
            }

            if (parameter.RefKind != RefKind.None)
            {
                return $"parameter '{parameter.Name}' is passed by {parameter.RefKind.ToString().ToLowerInvariant()}; pass it by value";
            }

            if (SymbolEqualityComparer.Default.Equals(parameter.Type, kernelType))
            {
                parameters.Add(new EntryParameter(CSharpName.Escape(parameter.Name), ParameterRole.Uniform, elementType, DeclarationOnlyModifiers(parameter) + parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)));
            }
            else if (SpanElement(parameter.Type, readOnly: true) is { } element && SymbolEqualityComparer.Default.Equals(element, kernelType))
            {
                parameters.Add(new EntryParameter(CSharpName.Escape(parameter.Name), ParameterRole.Varying, elementType, DeclarationOnlyModifiers(parameter) + parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)));
            }
            else
            {
                string keyword = kernelType.ToDisplayString();
                return $"parameter '{parameter.Name}' has type '{parameter.Type.ToDisplayString()}' but the kernel's '{kernel.Parameters[i].Name}' is '{keyword}'; use 'ReadOnlySpan<{keyword}>' for a value per element or '{keyword}' for one value for all";
            }
        }

        IParameterSymbol last = entry.Parameters[kernelArity];
        ITypeSymbol? destinationElement = SpanElement(last.Type, readOnly: false);
        if (destinationElement is null || !SymbolEqualityComparer.Default.Equals(destinationElement, kernel.ReturnType) || last.RefKind != RefKind.None)
        {
            return $"the last parameter '{last.Name}' must be 'Span<{kernel.ReturnType.ToDisplayString()}>' to receive the kernel's results, but it is '{last.Type.ToDisplayString()}'";
        }

        ElementTypeFacts.TryFromSpecialType(kernel.ReturnType.SpecialType, out ElementType resultType);
        parameters.Add(new EntryParameter(CSharpName.Escape(last.Name), ParameterRole.Destination, resultType, DeclarationOnlyModifiers(last) + last.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)));
        return null;
    }

    /// <summary>The element type of <c>ReadOnlySpan&lt;T&gt;</c> (when <paramref name="readOnly"/>) or <c>Span&lt;T&gt;</c>.</summary>
    private static ITypeSymbol? SpanElement(ITypeSymbol type, bool readOnly) =>
        type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
        && named.ContainingNamespace?.ToDisplayString() == "System"
        && (named.Name == "Span" || (readOnly && named.Name == "ReadOnlySpan"))
            ? named.TypeArguments[0]
            : null;

    /// <summary>Every containing type must be partial for the generated part to join it; SG0004 names the first that is not.</summary>
    /// <summary>
    /// What every form checks first, about where the entry point is declared and how the attribute is written: the types
    /// around it are partial and can hold generated members, the target is one of <c>Target</c>'s values, and no name
    /// the user wrote starts with the prefix generated code keeps for itself.
    /// </summary>
    internal static bool CheckDeclarationSite(IMethodSymbol method, AttributeData attribute, Location location, DiagnosticSink? report, CancellationToken cancellationToken)
    {
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (!IsPartial(type, cancellationToken))
            {
                report?.Invoke(DiagnosticDescriptors.ContainingTypeNotPartial, location, type.Name, method.Name);
                return false;
            }

            if (type.IsFileLocal)
            {
                report?.Invoke(DiagnosticDescriptors.InvalidEntryPoint, location, method.Name,
                    $"'{type.Name}' is a file-local type ('file'), which only its own file can extend, and generated code is another file; declare it 'internal' instead");
                return false;
            }

            if (type.TypeParameters.Any(t => t.Variance != VarianceKind.None))
            {
                report?.Invoke(DiagnosticDescriptors.InvalidEntryPoint, location, method.Name,
                    $"'{type.Name}' has variant type parameters ('in'/'out'), and such a type cannot hold the helper types the generated code needs; declare the entry point in a class or struct");
                return false;
            }
        }

        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == "Target" && argument.Value.Value is int target && target is < (int)KernelTarget.Cpu or > (int)KernelTarget.Gpu)
            {
                report?.Invoke(DiagnosticDescriptors.UnknownTarget, location, target, method.Name);
                return false;
            }
        }

        // Generated locals and members start with 'sourceGen': a user name with that prefix could be captured or shadowed.
        IEnumerable<IMethodSymbol> kernels = method.ContainingType.GetMembers(KernelNameArgument(attribute, FormOf(attribute) ?? EntryForm.Vectorize) ?? method.Name).OfType<IMethodSymbol>();
        foreach (IMethodSymbol candidate in kernels.Prepend(method).Distinct(SymbolEqualityComparer.Default).Cast<IMethodSymbol>())
        {
            foreach (SyntaxReference reference in candidate.DeclaringSyntaxReferences)
            {
                foreach (SyntaxToken token in reference.GetSyntax(cancellationToken).DescendantTokens())
                {
                    if (token.IsKind(SyntaxKind.IdentifierToken) && IsDeclaredName(token) && token.ValueText.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase))
                    {
                        report?.Invoke(DiagnosticDescriptors.ReservedName, token.GetLocation(), token.ValueText, method.Name);
                        return false;
                    }
                }
            }
        }

        return true;
    }

    /// <summary>The name a parameter, local, loop variable, local function or label declares (not a name used).</summary>
    private static bool IsDeclaredName(SyntaxToken token) => token.Parent is ParameterSyntax or VariableDeclaratorSyntax or ForEachStatementSyntax
        or SingleVariableDesignationSyntax or LocalFunctionStatementSyntax or LabeledStatementSyntax or TypeParameterSyntax or CatchDeclarationSyntax;

    /// <summary>Generated code's own names begin with this (any case); kernels and entry points do not use it.</summary>
    internal const string ReservedPrefix = "sourceGen";

    internal static string? KernelNameArgument(AttributeData attribute, EntryForm form)
    {
        ImmutableArrayOfConstants arguments = new(attribute);
        if (form == EntryForm.GuVectorize)
        {
            return arguments.Count == 2 ? arguments.String(0) : null;
        }

        return arguments.Count >= 1 ? arguments.String(0) : null;
    }

    /// <summary>The attribute's <c>Target</c>: Parallel by default for <c>[Parallel]</c>, Cpu for the other forms. An
    /// unknown value stays what it is (none of the named members): SG0009 reports it, and no entry point is generated.</summary>
    internal static KernelTarget TargetOf(AttributeData attribute, EntryForm form) =>
        (KernelTarget)NamedInt(attribute, "Target", (int)(form == EntryForm.Parallel ? KernelTarget.Parallel : KernelTarget.Cpu));

    internal static int NamedInt(AttributeData attribute, string name, int defaultValue)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is int value)
            {
                return value;
            }
        }

        return defaultValue;
    }

    /// <summary>
    /// The methods an entry point's kernel name may mean: ordinary methods of that name in its type with a body (not
    /// the entry point itself), overloads included; each form picks the one whose parameters fit. The inverse of
    /// <see cref="UsesOf"/>.
    /// </summary>
    internal static List<IMethodSymbol> KernelCandidates(IMethodSymbol entry, string name, CancellationToken cancellationToken) =>
        entry.ContainingType.GetMembers(name).OfType<IMethodSymbol>()
            .Where(m => m.MethodKind == MethodKind.Ordinary && !m.IsPartialDefinition && !SymbolEqualityComparer.Default.Equals(m, entry) && HasBody(m, cancellationToken))
            .ToList();

    /// <summary>One use of a kernel: an entry point (or the kernel itself, for the <c>[Vectorize]</c> shorthand) and its attribute.</summary>
    internal sealed record KernelUse(IMethodSymbol Entry, AttributeData Attribute, EntryForm Form, KernelTarget Target, bool FastMath);

    /// <summary>
    /// The entry points of the kernel's type that name <paramref name="kernel"/> (by name: a kernel's overloads share
    /// them), and the kernel itself when it carries the attribute, in source order. The one answer to "which entry
    /// points run this kernel": the parsers (a shared kernel reports its loop diagnostics once, from the first), the
    /// analyzer and the device check read it.
    /// </summary>
    internal static List<KernelUse> UsesOf(IMethodSymbol kernel) =>
        kernel.ContainingType.GetMembers().OfType<IMethodSymbol>()
            .SelectMany(method => method.GetAttributes()
                .Where(attribute => FormOf(attribute) is EntryForm form
                    && (SymbolEqualityComparer.Default.Equals(method, kernel) || (method.IsPartialDefinition && (KernelNameArgument(attribute, form) ?? method.Name) == kernel.Name)))
                .Select(attribute => new KernelUse(method, attribute, FormOf(attribute)!.Value, TargetOf(attribute, FormOf(attribute)!.Value), NamedBool(attribute, "FastMath"))))
            .OrderBy(use => use.Entry.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0)
            .ToList();

    /// <summary>
    /// The entry points of one form that run <paramref name="kernel"/> on the CPU, in source order: a kernel shared by
    /// several reports its loop diagnostics once, from the first.
    /// </summary>
    internal static List<KernelUse> CpuEntriesOf(IMethodSymbol kernel, EntryForm form) =>
        UsesOf(kernel).Where(use => use.Form == form && use.Entry.IsPartialDefinition && use.Target is KernelTarget.Cpu or KernelTarget.Parallel).ToList();

    /// <summary>
    /// Whether <paramref name="entry"/> reports the device check of <paramref name="kernel"/> for <paramref name="form"/>
    /// (SG0401, SG0402, SG0403): the first Target.Gpu entry point of that form that runs it, in source order, so a kernel
    /// shared by several reports each finding once. Every Target.Gpu entry point still decides with the same check.
    /// </summary>
    internal static bool ReportsDeviceFindings(IMethodSymbol kernel, IMethodSymbol entry, EntryForm form) =>
        UsesOf(kernel).FirstOrDefault(use => use.Form == form && use.Target == KernelTarget.Gpu)?.Entry is not { } first
        || SymbolEqualityComparer.Default.Equals(first, entry);

    internal static bool NamedBool(AttributeData attribute, string name) =>
        attribute.NamedArguments.Any(a => a.Key == name && a.Value.Value is true);

    internal static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Any(reference =>
            reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    internal static bool HasBody(IMethodSymbol method, CancellationToken cancellationToken) =>
        method.DeclaringSyntaxReferences.Any(reference =>
            reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration
            && (declaration.Body is not null || declaration.ExpressionBody is not null));

    internal static MethodDeclarationSyntax? Declaration(IMethodSymbol method, CancellationToken cancellationToken) =>
        method.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax(cancellationToken))
            .OfType<MethodDeclarationSyntax>()
            .FirstOrDefault(declaration => declaration.Body is not null || declaration.ExpressionBody is not null);

    internal static bool IsGenerated(IMethodSymbol implementation) =>
        implementation.DeclaringSyntaxReferences.Any(reference => reference.SyntaxTree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal));

    internal static string Signature(IMethodSymbol method) =>
        method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);

    /// <summary>Reads constructor arguments without throwing on half-typed attributes.</summary>
    private readonly struct ImmutableArrayOfConstants
    {
        private readonly AttributeData _attribute;

        public ImmutableArrayOfConstants(AttributeData attribute) => _attribute = attribute;

        public int Count => _attribute.ConstructorArguments.Length;

        public string? String(int index) =>
            index < _attribute.ConstructorArguments.Length && _attribute.ConstructorArguments[index].Kind == TypedConstantKind.Primitive
                ? _attribute.ConstructorArguments[index].Value as string
                : null;
    }
}
