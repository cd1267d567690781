using System.Linq;

namespace SourceGen.Generator.Model;

internal enum EntryForm
{
    Vectorize,
    GuVectorize,
    Parallel,
}

internal enum ParameterRole
{
    /// <summary>A span input: one value per element.</summary>
    Varying,

    /// <summary>A scalar input: the same value for every element.</summary>
    Uniform,

    /// <summary>The last parameter, <c>Span&lt;TResult&gt;</c>.</summary>
    Destination,
}

/// <summary>One parameter of the entry point, as the user declared it (or as the shorthand synthesizes it).</summary>
internal sealed record EntryParameter(string Name, ParameterRole Role, ElementType ElementType, string DeclaredType);

/// <summary>A type that contains the entry point, outermost first: <c>partial {Keyword} {Name}</c>.</summary>
internal sealed record ContainingType(string Keyword, string Name)
{
    /// <summary>"Outer.Inner." for a generated file's hint name (generic brackets as braces).</summary>
    public static string HintPrefix(EquatableArray<ContainingType> types) =>
        string.Concat(types.Select(type => type.Name.Replace('<', '{').Replace('>', '}') + "."));
}

/// <summary>
/// Everything the emitter needs for one entry point. <see cref="Body"/> is null when the kernel could not be
/// read into the model; the entry point then calls the kernel per element, and <see cref="ScalarReason"/> says why.
/// </summary>
internal sealed record EntryPointModel(
    EntryForm Form,
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string Modifiers,
    string Name,
    bool IsShorthand,
    EquatableArray<EntryParameter> Parameters,
    string KernelName,
    int KernelLine,
    string KernelSignature,
    int Target,
    bool FastMath,
    KernelBody? Body,
    string? ScalarReason)
{
    public string HintName
    {
        get
        {
            var name = new System.Text.StringBuilder(ContainingType.HintPrefix(ContainingTypes));

            // Overloads share a name: the parameter list keeps hint names unique and stable.
            name.Append(Name).Append('(');
            for (int i = 0; i < Parameters.Count; i++)
            {
                EntryParameter parameter = Parameters[i];
                name.Append(i == 0 ? "" : ",")
                    .Append(parameter.Role == ParameterRole.Uniform ? parameter.ElementType.Keyword() : "Span{" + parameter.ElementType.Keyword() + "}");
            }

            return name.Append(").g.cs").ToString();
        }
    }
}
