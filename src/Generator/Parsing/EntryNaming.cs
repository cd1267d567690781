using System.Linq;
using Microsoft.CodeAnalysis;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>Names an entry point's generated code from its symbol (see <see cref="GeneratedNames"/>).</summary>
internal static class EntryNaming
{
    private static readonly SymbolDisplayFormat IdentityFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMemberOptions(SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeModifiers)
        .WithParameterOptions(SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeModifiers | SymbolDisplayParameterOptions.IncludeParamsRefOut)
        .WithGenericsOptions(SymbolDisplayGenericsOptions.IncludeTypeParameters | SymbolDisplayGenericsOptions.IncludeVariance);

    /// <param name="entry">The entry point (for the shorthand, the kernel carrying the attribute).</param>
    /// <param name="form">Which attribute; a shorthand entry point is a different method from its kernel, so it says so.</param>
    public static GeneratedNames For(IMethodSymbol entry, EntryForm form, bool isShorthand = false)
    {
        string types = string.Join(".", ModelBuilder.ContainingTypesOf(entry).Select(t => t.Name));
        string readable = types + "." + entry.Name;

        // Parameters' scoped-ness and ref kinds are part of the identity: overloads may differ only there.
        string parameters = string.Join(",", entry.Parameters.Select(p => (p.ScopedKind != ScopedKind.None ? "scoped " : "") + p.RefKind + " " + p.Type.ToDisplayString(IdentityFormat)));
        string identity = form + (isShorthand ? " shorthand " : " ") + entry.ToDisplayString(IdentityFormat) + "(" + parameters + ")";
        return GeneratedNames.For(readable, form == EntryForm.Vectorize ? "" : form.ToString(), identity);
    }
}
