namespace SourceGen.Generator.Model;

/// <summary>A parameter as declared: <c>{Modifier} {Type} {Name}</c> (the modifier is <c>ref</c>, <c>in</c>, <c>out</c> or empty).</summary>
internal sealed record DeclaredParameter(string Modifier, string Type, string Name)
{
    /// <summary>Words only a declaration repeats (<c>scoped</c>, <c>params</c>): a partial method's parts must agree on them.</summary>
    public string DeclarationOnly { get; init; } = "";

    /// <summary>The parameter as a method declares it.</summary>
    public string Declaration => DeclarationOnly + (Modifier.Length > 0 ? Modifier + " " : "") + Type + " " + Name;
}

/// <summary>How a variable from outside a <c>Prange</c> loop reaches the threads that run it.</summary>
internal enum CaptureKind
{
    /// <summary>Copied: a value, an array or another reference.</summary>
    Value,

    /// <summary>A <c>ReadOnlySpan&lt;T&gt;</c>, pinned and rebuilt on each thread.</summary>
    ReadOnlySpan,

    /// <summary>A <c>Span&lt;T&gt;</c>, pinned and rebuilt on each thread.</summary>
    Span,
}

/// <summary>A variable the loop reads from outside; <see cref="ElementType"/> is a span's element type.</summary>
internal sealed record CapturedVariable(string Name, string Type, CaptureKind Kind, string ElementType);

internal enum ReductionOperator
{
    Add,
    Multiply,
    And,
    Or,
    Xor,
    Max,
    Min,
}

/// <summary>A scalar the loop accumulates into: each chunk starts from <see cref="Identity"/> and its partial is combined after.</summary>
internal sealed record Reduction(string Name, string Type, ReductionOperator Operator, string Identity);

/// <summary>What a scatter reduction updates: an array (<c>T[]</c>, <c>T[,]</c>) or a <c>Span&lt;T&gt;</c>.</summary>
internal enum ScatterShape
{
    Array,
    Array2D,
    Span,
}

/// <summary>
/// One update of a scatter reduction as written (<see cref="Written"/>, e.g. <c>histogram[bins[i]]++</c>, its
/// position <see cref="Start"/> in the kernel's file) and as an atomic update (<see cref="Atomic"/>; empty when the
/// element type has none).
/// </summary>
internal sealed record ScatterUpdate(int Start, string Written, string Atomic);

/// <summary>
/// An array or span from outside a Prange loop that the loop only updates, at indexes read from data, by one operator
/// (<c>a[k]++</c>, <c>a[k] += v</c>, <c>-=</c>, <c>&amp;=</c>, <c>|=</c>, <c>^=</c>, <c>a[k] = Math.Max(a[k], v)</c>,
/// <c>Math.Min</c>): a reduction into every element. It runs on private copies that start at <see cref="Identity"/>
/// and are combined into it after the loop in chunk order, or, when <see cref="PrangeLoop.AtomicBody"/> is set and
/// the copies would be large, by atomic updates of the elements themselves.
/// </summary>
internal sealed record ScatterTarget(string Name, ScatterShape Shape, string ElementType, ReductionOperator Operator, string Identity, EquatableArray<ScatterUpdate> Updates);

/// <summary>
/// A <c>for</c> loop in a Prange loop's body vectorized across its iterations: <see cref="Body"/> is its body as a
/// loop-body kernel; the loop runs in SIMD steps of that body while a whole step's iterations are in range
/// (<see cref="Bound"/> is the end, inclusive when <see cref="Inclusive"/>), then as written
/// (<see cref="Condition"/>, <see cref="Increment"/>, <see cref="Statement"/>) for the rest.
/// </summary>
/// <summary>A buffer the loop writes at one offset and reads at another (C# of the kernel's variables, in elements).</summary>
internal sealed record OffsetPair(string Written, string Read);

internal sealed record VectorLoop(
    int Line,
    int Column,
    string Header,
    string VariableName,
    string Start,
    string Bound,
    bool Inclusive,
    string Condition,
    string Increment,
    string Statement,
    KernelBody Body,
    EquatableArray<string> NamesInScope)
{
    /// <summary>Offsets the loop starts in SIMD steps only when equal or far enough apart that the regions touched do not overlap.</summary>
    public EquatableArray<OffsetPair> Overlaps { get; init; } = EquatableArray<OffsetPair>.Empty;
}

/// <summary>
/// One <c>foreach (… in Prange(…))</c> loop that runs across threads: its iteration variable, range, body (the
/// kernel's text), what it reads from outside and what it accumulates.
/// </summary>
internal sealed record PrangeLoop(
    int Line,
    int Column,
    string Header,
    string VariableType,
    string VariableName,
    string Start,
    string End,
    string Body,
    EquatableArray<CapturedVariable> Captured,
    EquatableArray<Reduction> Reductions)
{
    /// <summary>The body cut at its vectorized loops (text, or <see cref="VectorLoops"/>[index]); empty when it has none.</summary>
    public EquatableArray<BodySegment> BodySegments { get; init; } = EquatableArray<BodySegment>.Empty;

    public EquatableArray<VectorLoop> VectorLoops { get; init; } = EquatableArray<VectorLoop>.Empty;

    /// <summary>The Prange loop's own iterations in SIMD steps (each chunk's range), when its body has no row loop of its own.</summary>
    public VectorLoop? Vectorized { get; init; }

    /// <summary>Arrays and spans the loop updates at indexes read from data (scatter reductions).</summary>
    public EquatableArray<ScatterTarget> Scatters { get; init; } = EquatableArray<ScatterTarget>.Empty;

    /// <summary>
    /// The body with every scatter update atomic (<see cref="BodySegments"/> likewise in <see cref="AtomicSegments"/>),
    /// or null when some scatter has no atomic form (floating-point elements, small integers) or a loop in SIMD steps
    /// touches one: then the loop always runs on private copies.
    /// </summary>
    public string? AtomicBody { get; init; }

    public EquatableArray<BodySegment> AtomicSegments { get; init; } = EquatableArray<BodySegment>.Empty;
}

/// <summary>A piece of the kernel's body: its text as written, or the <c>Prange</c> loop <see cref="LoopIndex"/>.</summary>
internal sealed record BodySegment(string? Text, int LoopIndex)
{
    /// <summary>Where the text starts in the kernel's file (-1 when not recorded).</summary>
    public int Start { get; init; } = -1;
}

/// <summary>
/// Everything the emitter needs for one <c>[Parallel]</c> entry point: the kernel's body cut at its parallel
/// loops. <see cref="Segments"/> is empty when the kernel runs as written (on one thread), for instance with
/// <c>Target.Cpu</c> or when it has no <c>Prange</c> loop.
/// </summary>
internal sealed record ParallelModel(
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    EquatableArray<string> Usings,
    string Modifiers,
    string Name,
    string ReturnType,
    EquatableArray<DeclaredParameter> Parameters,
    string KernelName,
    int KernelLine,
    int BodyColumn,
    EquatableArray<DeclaredParameter> KernelParameters,
    int Target,
    EquatableArray<BodySegment> Segments,
    EquatableArray<PrangeLoop> Loops)
{
    /// <summary>Target.Gpu: the Prange loops as ILGPU launches (null for the other targets, or when a loop cannot run on a GPU: an error says why).</summary>
    public GpuLowering? Gpu { get; init; }

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
