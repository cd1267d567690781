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
/// A <c>[Vectorize]</c> entry point: everything its emitter needs. <see cref="Body"/> is null when the kernel could not be
/// read into the model; the entry point then calls the kernel per element, and <see cref="ScalarReason"/> says why.
/// </summary>
internal sealed record VectorizeModel(
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
    KernelTarget Target,
    bool FastMath,
    KernelBody? Body,
    string? ScalarReason)
    : EntryModel(Namespace, ContainingTypes, Modifiers, Name, KernelName, KernelLine, Target)
{
    /// <summary>
    /// Target.Gpu and the device check found nothing a GPU cannot run: the generated ILGPU kernel calls the kernel. False
    /// for the other targets, and where the check refused (SG0401 says why; the CPU code runs, across threads).
    /// </summary>
    public bool OnDevice { get; init; }
}
