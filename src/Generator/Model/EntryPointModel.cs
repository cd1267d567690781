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
internal sealed record ContainingType(string Keyword, string Name);

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
    /// <summary>The generated file's hint name and the suffix of the helper members: unique for any legal set of entry points.</summary>
    public GeneratedNames Names { get; init; } = null!;

    public string HintName => Names.HintName;

    /// <summary>For a generic kernel: how generated code calls it (<c>Rel&lt;double&gt;</c>); null for a concrete kernel.</summary>
    public string? GenericCall { get; init; }

    /// <summary>For a generic kernel: its doc-comment reference (<c>Rel{T}(T, T)</c>); null for a concrete kernel.</summary>
    public string? GenericCref { get; init; }

    /// <summary>The kernel as generated code calls it.</summary>
    public string KernelCall => GenericCall ?? KernelName;

    /// <summary>The kernel as a doc comment names it.</summary>
    public string KernelCref => GenericCref ?? KernelName;

    /// <summary>What to write instead if emitting this entry point throws.</summary>
    public EmitFallback? Fallback { get; init; }
}
