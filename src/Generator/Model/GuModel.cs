namespace SourceGen.Generator.Model;

/// <summary>A parsed NumPy gufunc signature: each input's and output's core dimension symbols (<c>"(n),()->(n)"</c>).</summary>
internal sealed record GuSignature(string Text, EquatableArray<EquatableArray<string>> Inputs, EquatableArray<EquatableArray<string>> Outputs);

/// <summary>How an entry-point argument is held: a scalar, a .NET array, or a strided view (<c>TensorSpan&lt;T&gt;</c>).</summary>
internal enum GuArgumentKind
{
    Scalar,
    Array,
    View,
}

/// <summary>
/// One argument of a <c>[GuVectorize]</c> entry point and how it reaches the kernel. For an array, <see cref="Rank"/>
/// is its rank: the last <see cref="CoreDimensions"/>.Count dimensions are core, the others outer (loop)
/// dimensions. A view's rank is known only at run time: it may have up to <see cref="MaxViewOuterRank"/> outer
/// dimensions.
/// </summary>
internal sealed record GuArgument(string Name, string DeclaredType, GuArgumentKind Kind, string ElementType, int Rank, EquatableArray<string> CoreDimensions, bool IsOutput)
{
    /// <summary>The most outer dimensions a view argument may have (an array has at most three dimensions in all).</summary>
    public const int MaxViewOuterRank = 3;

    /// <summary>How many outer dimensions the generated loop must allow for this argument.</summary>
    public int OuterRank => Kind switch
    {
        GuArgumentKind.Array => Rank - CoreDimensions.Count,
        GuArgumentKind.View => MaxViewOuterRank,
        _ => 0,
    };

    public bool HasElements => Kind != GuArgumentKind.Scalar;
}

/// <summary>Everything the emitter needs for one <c>[GuVectorize]</c> entry point.</summary>
internal sealed record GuModel(
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string Modifiers,
    string Name,
    string KernelName,
    int KernelLine,
    string Signature,
    EquatableArray<GuArgument> Arguments,
    KernelTarget Target)
    : EntryModel(Namespace, ContainingTypes, Modifiers, Name, KernelName, KernelLine, Target)
{
    /// <summary>The kernel's body cut at the loops that run in SIMD steps; empty when none does (the kernel is called as written).</summary>
    public EquatableArray<BodySegment> BodySegments { get; init; } = EquatableArray<BodySegment>.Empty;

    public EquatableArray<VectorLoop> VectorLoops { get; init; } = EquatableArray<VectorLoop>.Empty;

    /// <summary>The using directives of the kernel's file, for its lowered copy.</summary>
    public EquatableArray<string> Usings { get; init; } = EquatableArray<string>.Empty;

    public EquatableArray<DeclaredParameter> KernelParameters { get; init; } = EquatableArray<DeclaredParameter>.Empty;

    /// <summary>The column of the kernel body's opening brace: the indentation its copied lines lose.</summary>
    public int BodyColumn { get; init; }

    /// <summary>
    /// Target.Gpu: the kernel's body rewritten for the device (its span parameters as ILGPU <c>ArrayView&lt;T&gt;</c>),
    /// compiled as <c>{Entry}_Device</c> and called by a GPU thread per outer index; null for the other targets, or
    /// when the kernel cannot run on a GPU (a diagnostic says why; the entry point then runs its CPU code).
    /// </summary>
    public string? DeviceBody { get; init; }

    /// <summary>
    /// The kernel's body for row lanes (W outer indexes at once, one per vector lane), when its core loop carries a
    /// dependence and the body fits; null otherwise (one outer index at a time).
    /// </summary>
    public RowLanesModel? RowLanes { get; init; }

    /// <summary>The method the loop calls: the kernel as written, or its copy with loops in SIMD steps.</summary>
    public string CalledKernel => VectorLoops.Count > 0 ? Name + "_Kernel_" + Names.Suffix : KernelCall;

}

/// <summary>
/// A kernel body written for row lanes: <see cref="Lines"/> use <see cref="Parsing.RowLanesParser.Vector"/> for the
/// vector type, <c>sourceGenLanes{i}</c>/<c>sourceGenLength{i}</c> for the interleaved buffer and length of the
/// kernel's parameter <c>i</c> when it is a core slice, and the kernel's own names for its scalar parameters.
/// </summary>
internal sealed record RowLanesModel(string ElementType, EquatableArray<string> Lines)
{
    /// <summary>The kernel parameters (indexes) of outputs the kernel writes whole and never reads: their old contents are not read in.</summary>
    public EquatableArray<int> Overwritten { get; init; } = EquatableArray<int>.Empty;

    /// <summary>
    /// Outputs written to their rows W columns at a time from a ring of W vectors (<c>sourceGenLanes{i}</c> is then
    /// the ring, <c>sourceGenRows{i}</c>/<c>sourceGenStep{i}</c> the rows); non-empty only when the body cannot throw.
    /// </summary>
    public EquatableArray<int> Streamed { get; init; } = EquatableArray<int>.Empty;

    /// <summary>Scalar arguments that must be non-negative for the body's unchecked indexes (else the rows run one at a time).</summary>
    public EquatableArray<string> Guards { get; init; } = EquatableArray<string>.Empty;
}
