namespace SourceGen.CodeFixes;

/// <summary>
/// The IDs of the SourceGen diagnostics these fixes answer, as strings: this assembly does not reference the
/// generator, so each ID is repeated here and must match <c>DiagnosticDescriptors</c> in src/Generator.
/// </summary>
internal static class DiagnosticIds
{
    /// <summary>An entry point's containing type (or one of its containing types) is not partial.</summary>
    public const string ContainingTypeNotPartial = "SG0004";

    /// <summary>A double literal or a Math call widens a float kernel's values to double.</summary>
    public const string DoubleInFloatKernel = "SG0104";

    /// <summary>Math.Pow with the exponent 2, 3 or 4, which runs one lane at a time.</summary>
    public const string PowWithSmallIntegerExponent = "SG0105";
}
