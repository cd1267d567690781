using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGen.Generator.Emitting;
using SourceGen.Generator.Model;
using SourceGen.Generator.Parsing;

namespace SourceGen.Generator;

/// <summary>
/// The incremental generator: finds <c>[Vectorize]</c> entry points, reads each with its kernel into an
/// equatable <see cref="EntryPointModel"/> (no symbols or syntax kept), and emits one file per entry point.
/// Diagnostics come from <see cref="Diagnostics.KernelAnalyzer"/>, which reads the same parser and
/// classification, so the generated code stays cached while the user types.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SourceGenGenerator : IIncrementalGenerator
{
    /// <summary>Names of the incremental steps, for caching tests.</summary>
    public static class TrackingNames
    {
        public const string VectorizeModels = nameof(VectorizeModels);
        public const string ValidModels = nameof(ValidModels);
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<EntryPointModel?> models = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                EntryPointParser.VectorizeAttributeName,
                static (node, _) => node is MethodDeclarationSyntax,
                static (syntaxContext, cancellationToken) => Parse(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.VectorizeModels);

        IncrementalValuesProvider<EntryPointModel> valid = models
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.ValidModels);

        context.RegisterSourceOutput(valid, static (output, model) =>
            output.AddSource(model.HintName, VectorizeEmitter.Emit(model)));
    }

    private static EntryPointModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.Attributes.Length == 0)
        {
            return null;
        }

        // The generator never throws: on anything unexpected it emits nothing and the analyzer explains.
        try
        {
            return ModelBuilder.Build(method, context.Attributes[0], context.SemanticModel.Compilation, report: null, cancellationToken);
        }
        catch (System.OperationCanceledException)
        {
            throw;
        }
        catch (System.Exception)
        {
            return null;
        }
    }
}

/// <summary>Builds the model of one entry point: resolution, then the kernel's body. Shared by generator and analyzer.</summary>
internal static class ModelBuilder
{
    public static EntryPointModel? Build(IMethodSymbol method, AttributeData attribute, Compilation compilation, System.Action<Diagnostic>? report, CancellationToken cancellationToken)
    {
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
        if (declaration is not null)
        {
            SemanticModel semanticModel = compilation.GetSemanticModel(declaration.SyntaxTree);
            KernelBodyParser.Result parsed = KernelBodyParser.Parse(kernel, declaration, semanticModel, report, cancellationToken);
            body = parsed.Body;
            scalarReason = parsed.ScalarReason;
        }

        IMethodSymbol entry = resolution.Entry;
        var containingTypes = new List<ContainingType>();
        for (INamedTypeSymbol? type = entry.ContainingType; type is not null; type = type.ContainingType)
        {
            containingTypes.Insert(0, new ContainingType(TypeKeyword(type), type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }

        string modifiers = resolution.IsShorthand
            ? Accessibility(kernel) + " static"
            : ModifiersOf(entry, cancellationToken);
        int line = declaration?.Identifier.GetLocation().GetLineSpan().StartLinePosition.Line + 1 ?? 0;
        return new EntryPointModel(
            resolution.Form,
            entry.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "",
            containingTypes.ToEquatableArray(),
            modifiers,
            entry.Name,
            resolution.IsShorthand,
            resolution.Parameters.ToEquatableArray(),
            kernel.Name,
            line,
            EntryPointParser.Signature(kernel),
            resolution.Target,
            resolution.FastMath,
            body,
            body is null ? scalarReason : null);
    }

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
    private static string ModifiersOf(IMethodSymbol entry, CancellationToken cancellationToken)
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
