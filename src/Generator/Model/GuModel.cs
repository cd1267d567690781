namespace SourceGen.Generator.Model;

/// <summary>A parsed NumPy gufunc signature: each input's and output's core dimension symbols (<c>"(n),()->(n)"</c>).</summary>
internal sealed record GuSignature(string Text, EquatableArray<EquatableArray<string>> Inputs, EquatableArray<EquatableArray<string>> Outputs);

/// <summary>
/// One argument of a <c>[GuVectorize]</c> entry point and how it reaches the kernel: <see cref="Rank"/> is the
/// array's rank (0 for a scalar), the last <see cref="CoreDimensions"/>.Count dimensions are core, the others
/// outer (loop) dimensions.
/// </summary>
internal sealed record GuArgument(string Name, string DeclaredType, string ElementType, int Rank, EquatableArray<string> CoreDimensions, bool IsOutput)
{
    public int OuterRank => Rank == 0 ? 0 : Rank - CoreDimensions.Count;
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
    int Target)
{
    public string HintName => ContainingType.HintPrefix(ContainingTypes) + Name + ".GuVectorize.g.cs";
}
