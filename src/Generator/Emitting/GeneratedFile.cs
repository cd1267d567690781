namespace SourceGen.Generator.Emitting;

/// <summary>What every generated file says first.</summary>
internal static class GeneratedFile
{
    /// <summary>
    /// The version in every <c>[GeneratedCode("SourceGen", version)]</c>: the generator assembly's informational version,
    /// which the build stamps from the package's Version (Directory.Build.props, or <c>dotnet pack -p:Version=</c>), less
    /// the "+commit" the SDK appends. Snapshot tests write it as {version}, so a new version changes no snapshot.
    /// </summary>
    public static readonly string ToolVersion = ReadToolVersion();

    private static string ReadToolVersion()
    {
        string? version = ((System.Reflection.AssemblyInformationalVersionAttribute?)System.Attribute.GetCustomAttribute(
            typeof(GeneratedFile).Assembly, typeof(System.Reflection.AssemblyInformationalVersionAttribute)))?.InformationalVersion;
        int metadata = version?.IndexOf('+') ?? -1;
        return string.IsNullOrEmpty(version) ? typeof(GeneratedFile).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"
            : metadata >= 0 ? version!.Substring(0, metadata) : version!;
    }

    /// <summary>
    /// Warnings generated code must not add to the user's build (TreatWarningsAsErrors): unreachable code, unused labels
    /// and locals in lowered copies of the kernel's text, nullability of that text, and calls to obsolete members the
    /// kernel makes (its own file decides about those, with #pragma or [Obsolete] on the kernel; the copy cannot see that).
    /// </summary>
    public const string SuppressedWarnings = "#pragma warning disable CS0162, CS0164, CS0168, CS0219, CS0612, CS0618, CS8600, CS8601, CS8602, CS8603, CS8604, CS8618";

    // SourceGen.Internal.Jit names the options (constants of MethodImplOptions): the same flags, a shorter line.
    private const string MethodImpl = "[global::System.Runtime.CompilerServices.MethodImpl(global::SourceGen.Internal.Jit.";

    /// <summary>
    /// On the generated methods that hold the hot loops: compiled fully optimized on their first call. Under tiered
    /// compilation they would start as tier-0 code (no inlining, every vector operation a call, 5–30× slower) and be
    /// promoted only after 30 calls and a delay that short programs never reach; OSR does not fire when one call runs
    /// fewer loop iterations than its threshold. bench/ColdStart measures the difference.
    /// </summary>
    public const string Optimized = MethodImpl + "Optimized)]";

    /// <summary><see cref="Optimized"/> for a method that must also stay out of its callers (its own frame, its own registers).</summary>
    public const string OptimizedNoInlining = MethodImpl + "OptimizedNoInlining)]";

    /// <summary>On a SIMD step the loop that calls it must inline (AggressiveInlining).</summary>
    public const string Inline = MethodImpl + "Inline)]";
}
