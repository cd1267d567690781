using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// A method carrying one of SourceGen's attributes, with the attributes of that one name, in its compilation: all that
/// a parse of an entry point reads. The generator and the analyzer both find it with <see cref="Of"/>, so both run one
/// parse on one input.
/// </summary>
internal readonly struct AttributedMethod
{
    public AttributedMethod(IMethodSymbol method, SyntaxNode declaration, ImmutableArray<AttributeData> attributes, string attributeName, Compilation compilation)
    {
        Method = method;
        Declaration = declaration;
        Attributes = attributes;
        AttributeName = attributeName;
        Compilation = compilation;
    }

    public IMethodSymbol Method { get; }

    /// <summary>The declaration the attribute is on (its tree and span key the stored parse, see <see cref="ParseReuse"/>).</summary>
    public SyntaxNode Declaration { get; }

    /// <summary>The method's attributes named <see cref="AttributeName"/>.</summary>
    public ImmutableArray<AttributeData> Attributes { get; }

    /// <summary>The attribute's metadata name: one of <see cref="EntryPointParser"/>'s three.</summary>
    public string AttributeName { get; }

    public Compilation Compilation { get; }

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
