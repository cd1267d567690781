using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// A method carrying one of SourceGen's attributes, with the attributes of that one name, in its compilation: all that
/// a parse of an entry point reads. The generator and the analyzer both find it with <see cref="Of"/>, so both run one
/// parse on one input.
/// </summary>
/// <param name="Method">The method.</param>
/// <param name="Declaration">The declaration the attribute is on (its tree and span key the stored parse, see <see cref="ParseReuse"/>).</param>
/// <param name="Attributes">The method's attributes named <paramref name="AttributeName"/>.</param>
/// <param name="AttributeName">The attribute's metadata name: one of <see cref="EntryPointParser"/>'s three.</param>
/// <param name="Compilation">The compilation the parse binds in.</param>
internal readonly record struct AttributedMethod(IMethodSymbol Method, SyntaxNode Declaration, ImmutableArray<AttributeData> Attributes, string AttributeName, Compilation Compilation)
{
    /// <summary>
    /// <paramref name="method"/>, declared by <paramref name="declaration"/>, with its attributes named
    /// <paramref name="attributeName"/> (what <c>ForAttributeWithMetadataName</c> would hand a transform); null when it has none.
    /// </summary>
    public static AttributedMethod? Of(IMethodSymbol method, SyntaxNode declaration, string attributeName, Compilation compilation)
    {
        ImmutableArray<AttributeData> attributes = method.GetAttributes()
            .Where(attribute => attribute.AttributeClass?.ToDisplayString() == attributeName)
            .ToImmutableArray();
        return attributes.IsEmpty ? null : new AttributedMethod(method, declaration, attributes, attributeName, compilation);
    }
}
