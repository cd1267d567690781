namespace SourceGen.Generator.Emitting;

/// <summary>What every generated file says first.</summary>
internal static class GeneratedFile
{
    /// <summary>
    /// Warnings generated code must not add to the user's build (TreatWarningsAsErrors): unreachable code, unused labels
    /// and locals in lowered copies of the kernel's text, nullability of that text, and calls to obsolete members the
    /// kernel makes (its own file decides about those, with #pragma or [Obsolete] on the kernel; the copy cannot see that).
    /// </summary>
    public const string SuppressedWarnings = "#pragma warning disable CS0162, CS0164, CS0168, CS0219, CS0612, CS0618, CS8600, CS8601, CS8602, CS8603, CS8604, CS8618";
}
