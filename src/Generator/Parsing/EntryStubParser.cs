using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>Reads the declaration an <see cref="EntryStub"/> implements, or decides that none can be written.</summary>
internal static class EntryStubParser
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>
    /// The stub for <paramref name="entry"/>, or null where a body cannot help: the method is not a partial declaration
    /// waiting for its body, or the types around it cannot take another part (not partial, file-local) — their own
    /// error is then the only one anyway.
    /// </summary>
    public static EntryStub? Build(IMethodSymbol entry, EntryForm form, string diagnosticIds, CancellationToken cancellationToken)
    {
        if (!entry.IsPartialDefinition || entry.PartialImplementationPart is not null)
        {
            return null;
        }

        for (INamedTypeSymbol? type = entry.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsFileLocal || !EntryPointParser.IsPartial(type, cancellationToken))
            {
                return null;
            }
        }

        string returns = (entry.ReturnsByRefReadonly ? "ref readonly " : entry.ReturnsByRef ? "ref " : "") + entry.ReturnType.ToDisplayString(TypeFormat);
        string typeParameters = entry.TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", entry.TypeParameters.Select(t => CSharpName.Escape(t.Name))) + ">";
        IEnumerable<string> parameters = entry.Parameters.Select((p, i) =>
            (i == 0 && entry.IsExtensionMethod ? "this " : "")
            + EntryPointParser.DeclarationOnlyModifiers(p)
            + p.RefKind switch { RefKind.Ref => "ref ", RefKind.Out => "out ", RefKind.In => "in ", RefKind.RefReadOnlyParameter => "ref readonly ", _ => "" }
            + p.Type.ToDisplayString(TypeFormat) + " " + CSharpName.Escape(p.Name));
        string constraints = string.Concat(entry.TypeParameters.Select(Constraint));
        string declaration = $"{ModelBuilder.ModifiersOf(entry, cancellationToken)} {returns} {CSharpName.Escape(entry.Name)}{typeParameters}({string.Join(", ", parameters)}){constraints}";
        return new EntryStub(
            entry.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "",
            ModelBuilder.ContainingTypesOf(entry).ToEquatableArray(),
            declaration,
            entry.ContainingType.Name + "." + entry.Name,
            diagnosticIds,
            EntryNaming.For(entry, form));
    }

    /// <summary>" where T : …" as declared (both parts of a partial method state the same constraints).</summary>
    private static string Constraint(ITypeParameterSymbol parameter)
    {
        var parts = new List<string>();
        if (parameter.HasReferenceTypeConstraint)
        {
            parts.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
        }
        else if (parameter.HasUnmanagedTypeConstraint)
        {
            parts.Add("unmanaged");
        }
        else if (parameter.HasValueTypeConstraint)
        {
            parts.Add("struct");
        }
        else if (parameter.HasNotNullConstraint)
        {
            parts.Add("notnull");
        }

        parts.AddRange(parameter.ConstraintTypes.Select(t => t.ToDisplayString(TypeFormat)));
        if (parameter.HasConstructorConstraint)
        {
            parts.Add("new()");
        }

        if (parameter.AllowsRefLikeType)
        {
            parts.Add("allows ref struct");
        }

        return parts.Count == 0 ? "" : $" where {CSharpName.Escape(parameter.Name)} : {string.Join(", ", parts)}";
    }
}
