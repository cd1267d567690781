namespace SourceGen.Generator.Model;

/// <summary>
/// What every entry point's model says first, whatever its form: where it is declared (namespace, containing types,
/// modifiers, name), the kernel it runs and its line, and where it runs. The three forms are the only cases:
/// <see cref="VectorizeModel"/>, <see cref="ParallelModel"/> and <see cref="GuModel"/>.
/// </summary>
internal abstract record EntryModel(
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string Modifiers,
    string Name,
    string KernelName,
    int KernelLine,
    KernelTarget Target)
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
