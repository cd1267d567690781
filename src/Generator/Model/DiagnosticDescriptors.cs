using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SourceGen.Generator.Model;

/// <summary>
/// Every diagnostic SourceGen reports. IDs are stable and grouped by range:
/// SG00xx usage (the attribute, the entry point, the kernel's signature),
/// SG01xx slow paths (what runs slower than SIMD, why, and what to write instead),
/// SG02xx constructs a kernel cannot contain,
/// SG03xx threads ([Parallel] loops), SG04xx Target.Gpu.
/// Each has a page <c>docs/diagnostics/SGxxxx.md</c> with an example and the fix.
/// </summary>
internal static class DiagnosticDescriptors
{
    /// <summary>
    /// The folder of the diagnostic pages online, stamped at build from Directory.Build.props' RepositoryUrl; empty while
    /// the project has no public repository, and then no diagnostic has a help link (the pages ship in the package, under
    /// docs/diagnostics). HelpLinkTests checks that every link names a page that exists.
    /// </summary>
    internal static readonly string HelpLinkBase =
        typeof(DiagnosticDescriptors).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SourceGenHelpLinkBase")?.Value ?? "";

    /// <summary>The help link of diagnostic <paramref name="id"/>: its page under <see cref="HelpLinkBase"/>, or none.</summary>
    internal static string? HelpLink(string id) => HelpLinkBase.Length == 0 ? null : HelpLinkBase + id + ".md";

    private const string UsageCategory = "SourceGen.Usage";
    private const string PerformanceCategory = "SourceGen.Performance";
    private const string KernelCategory = "SourceGen.Kernel";
    private const string GpuCategory = "SourceGen.Gpu";

    public static readonly DiagnosticDescriptor KernelNotFound = Create(
        "SG0001",
        "Kernel method not found",
        "No kernel method named '{0}' with a body exists in '{1}' for entry point '{2}'",
        "An entry point names its kernel with the attribute's first argument, or, without one, uses the method of the same name with a different signature. Write the kernel as a static method with a body in the same type, or pass its name: [Vectorize(nameof(MyKernel))].",
        UsageCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor EntryPointMismatch = Create(
        "SG0003",
        "Entry point does not match its kernel",
        "Entry point '{0}' does not match kernel '{1}': {2}",
        "A [Vectorize] entry point has the kernel's parameters in order (ReadOnlySpan<T> for an input that varies per element, T for a uniform one), then Span<TResult> destination, and returns void. The kernel is a static method with a body; a generic-math kernel's type parameters are inferred from the entry point's element types and must satisfy its constraints.",
        UsageCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor GeneratorFailed = Create(
        "SG0002",
        "SourceGen could not generate this entry point",
        "SourceGen could not generate '{0}': {1}; the entry point throws InvalidOperationException until this is fixed, please report it with the kernel",
        "The generator met code it did not expect. It never stops the build over it: the entry point gets a body that throws, and this error says so. Report the kernel to SourceGen's issue tracker.",
        UsageCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnknownTarget = Create(
        "SG0009",
        "Target is not one of Target's values",
        "Target value {0} on '{1}' is not one of Target.Cpu, Target.Parallel or Target.Gpu",
        "A cast such as (Target)7 compiles but names no target; SourceGen does not guess which one was meant. Write Target.Cpu, Target.Parallel or Target.Gpu.",
        UsageCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ReservedName = Create(
        "SG0010",
        "Name reserved for generated code",
        "'{0}' starts with 'sourceGen', which SourceGen's generated code uses for its own names; rename it so the code generated for '{1}' cannot confuse the two",
        "Generated code declares locals, parameters and members whose names start with 'sourceGen' (in any case), so that they never shadow or capture a name of the kernel. Kernels and entry points do not use that prefix.",
        UsageCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor GpuPackageMissing = Create(
        "SG0011",
        "Target.Gpu needs the SourceGen.Gpu package",
        "Target.Gpu needs the SourceGen.Gpu package: dotnet add package SourceGen.Gpu",
        "Generated Target.Gpu code calls ILGPU through SourceGen.Gpu, a separate package so that CPU-only apps carry no ILGPU. Add it (dotnet add package SourceGen.Gpu, the same version as SourceGen), or use Target.Cpu or Target.Parallel. Until then the entry point gets a body that throws InvalidOperationException.",
        UsageCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Create(
        "SG0004",
        "Containing type must be partial",
        "Type '{0}' must be declared 'partial' so the generator can implement '{1}'",
        "The generator adds the entry point's body in another part of the same type. Add the 'partial' modifier to the type and to every type that contains it.",
        UsageCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedParameterType = Create(
        "SG0005",
        "Unsupported parameter type",
        "'{0}' of kernel '{1}' has type '{2}', which [Vectorize] cannot map to SIMD lanes; use float, double, sbyte, byte, short, ushort, int, uint, long, ulong or bool",
        "Kernel parameters and results are single elements of one of the supported element types, passed by value.",
        UsageCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidEntryPoint = Create(
        "SG0006",
        "Invalid entry point declaration",
        "'{0}' cannot be a generated entry point: {1}",
        "An entry point is a partial method declaration without a body; the generator writes its body.",
        UsageCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NotSupportedYet = Create(
        "SG0007",
        "Form or target not supported yet",
        "{0} is not supported by this version of SourceGen yet; {1}",
        "Every form and target SourceGen documents has an attribute; those not implemented yet are reported instead of being silently ignored.",
        UsageCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor PerLaneFallback = Create(
        "SG0101",
        "Per-lane scalar fallback",
        "{0} runs one lane at a time instead of in SIMD: {1}; {2}",
        "The rest of the kernel is SIMD, but this construct has no vector form, so the generated code extracts each lane, computes it with scalar C#, and packs the results back. It is correct but much slower than SIMD.",
        PerformanceCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor KernelRunsScalar = Create(
        "SG0102",
        "Kernel runs element by element",
        "Kernel '{0}' is not vectorized: {1} is not supported by the SIMD lowering{2}; the entry point calls the kernel once per element (correct, but without SIMD)",
        "The generator could not read the whole kernel into its SIMD model, so the entry point falls back to a scalar loop over the kernel as written. Rewrite the construct with the supported subset (locals, arithmetic, comparisons, ?:, Math functions) to get SIMD code.",
        PerformanceCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor ForbiddenInKernel = Create(
        "SG0201",
        "Construct not allowed in a vectorized kernel",
        "{0} cannot be used in a [Vectorize] kernel: {1}",
        "Vectorized kernels compute every lane at once: a kernel that throws explicitly or uses checked arithmetic has no SIMD meaning. Validate inputs before the call, or clamp/mask the value instead of throwing.",
        KernelCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor PrangeLoopRunsSerially = Create(
        "SG0301",
        "Loop runs on one thread",
        "{0} runs serially, on one thread: {1}; {2}",
        "A [Parallel] entry point runs the iterations of each 'foreach (… in Prange(…))' loop across threads. When a loop's iterations cannot run independently (an early exit, a variable several iterations would write, something that cannot cross threads), the loop runs as written on one thread instead: correct, but not parallel.",
        PerformanceCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor LoopRunsWithoutSimd = Create(
        "SG0302",
        "Loop runs without SIMD",
        "This loop runs one iteration at a time, without SIMD: {0}; {1}",
        "In a [Parallel] entry point the innermost loop over consecutive elements of a Prange loop's body (for (int x = a; x < b; x++) indexing span[row + x]) runs in SIMD steps, several iterations at once. A loop whose iterations cannot run in lanes (a write to a variable from outside the loop, a branch or inner loop that differs per iteration, an exit) runs as written instead: correct, but one element at a time.",
        PerformanceCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor InvalidGufuncSignature = Create(
        "SG0008",
        "Invalid gufunc signature",
        "\"{0}\" is not a valid gufunc signature: {1} (at character {2}); {3}",
        "A [GuVectorize] signature is in NumPy's gufunc syntax: each input's and output's core dimensions in parentheses, inputs and outputs separated by '->', e.g. \"(n),()->(n)\" or \"(m,n),(n,p)->(m,p)\". Every output dimension must be a dimension of some input.",
        UsageCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor GufuncKernelPerIndex = Create(
        "SG0103",
        "Gufunc kernel called once per outer index",
        "'{0}' calls the kernel '{1}' once per outer index, on {2}; {3}",
        "A [GuVectorize] entry point loops over the outer dimensions and calls the kernel with each index's core slices (contiguous: a strided view's core is gathered into a buffer). A loop in the kernel over a core slice's consecutive elements runs in SIMD steps when its iterations are independent (or are a reduction); otherwise it runs as written, and this message says why.",
        PerformanceCategory, DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor PossibleRace = Create(
        "SG0303",
        "Possible race in a Prange loop",
        "'{0}[{1}]' may be written by two iterations of the Prange loop over '{2}' at once: {3}",
        "The iterations of a Prange loop run at once on different threads, so two iterations that write the same element race: the result depends on timing. Each iteration should write its own elements, indexed by the loop variable. This warning marks writes whose index the generator cannot prove distinct per iteration.",
        KernelCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor CertainRace = Create(
        "SG0304",
        "Race in a Prange loop",
        "'{0}[{1}]' is written by every iteration of the Prange loop over '{2}', at an index that does not depend on '{2}': the iterations run at once on different threads and race on it; accumulate into a scalar (a reduction) and write it after the loop, or index the element with the loop variable",
        "The iterations of a Prange loop run at once on different threads. A write whose index does not depend on the loop variable, made by every iteration, writes the same element from several threads at once: the result depends on timing.",
        KernelCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor AllocationInPrangeLoop = Create(
        "SG0305",
        "Allocation or opaque call in a Prange loop",
        "'{0}' {1}, on every iteration of the Prange loop over '{2}': allocating per iteration on several threads at once contends for the garbage collector, and the loop stops scaling; {3}",
        "The iterations of a Prange loop run at once on several threads. Allocation in the loop's body (new arrays, objects of reference types, strings, LINQ's enumerators, lambdas and other delegates) happens on every iteration, on every thread: the threads contend for the garbage collector's heap and its collections pause them all, so the loop runs little faster on many cores than on one. A call to a method SourceGen cannot see into may do the same. Hoist the allocation out of the loop, use stackalloc or a Span<T>, or write the loop out; structs, span slicing, stackalloc, Math functions and the project's own static methods (kernels) are fine.",
        PerformanceCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor DoubleInFloatKernel = Create(
        "SG0104",
        "Double arithmetic in a float kernel",
        "{0} widens float to double: {1}; write {2}",
        "A float kernel's SIMD code holds twice as many float lanes as double lanes per vector. A double literal next to a float value (x * 0.5) or a Math call on a float (Math.Exp(x)) converts the float to double and computes in double: half the lanes per instruction, plus the conversions there and back. The result can differ in the last bits from the float computation, which is usually what was meant.",
        PerformanceCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor PowWithSmallIntegerExponent = Create(
        "SG0105",
        "Math.Pow with a small integer exponent",
        "'{0}' computes a logarithm and an exponential for every element; write '{1}', a multiplication",
        "Math.Pow runs in SIMD (SourceGen.VectorMath.Pow), but it computes a logarithm and an exponential for every element. For the exponents 2, 3 and 4 repeated multiplication is several times faster, and exact for 2 (for 3 and 4 it may differ from Pow in the last bit).",
        PerformanceCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor OrderedFloatReduction = Create(
        "SG0106",
        "Float reduction kept in the kernel's order",
        "'{0}' adds {1} lane by lane in the kernel's order, because reassociating a floating-point {2} rounds differently; set FastMath = true on the attribute to run it in SIMD partial sums",
        "In a loop that runs in SIMD steps, a float or double sum or product is still computed in the kernel's order, one lane after the other, so the result is the kernel's to the bit. FastMath = true lets the generator keep one partial per lane and combine them at the end: several times faster, rounded differently (as NumPy's and TensorPrimitives' sums are).",
        PerformanceCategory, DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor DivergentBranch = new(
        "SG0107",
        "Branch computed on both sides",
        "The condition '{0}' differs between elements: both sides of the branch are computed for every vector of elements and blended",
        PerformanceCategory,
        DiagnosticSeverity.Info,
        isEnabledByDefault: false,
        description: "SIMD code runs the lanes of a vector together. When a branch's condition differs between elements, the generated code computes both sides for all lanes and keeps each lane's side (lane masks). That costs both sides' work; when one side is rare and expensive, split the data or compute the rare case separately. A hint, off by default: enable it with dotnet_diagnostic.SG0107.severity = suggestion.",
        helpLinkUri: HelpLink("SG0107"));

    public static readonly DiagnosticDescriptor ImpossibleOnGpu = Create(
        "SG0401",
        "Construct not possible in a GPU kernel",
        "{0} cannot run in a Target.Gpu kernel: {1}; {2}",
        "With Target.Gpu the kernel's code (the whole [Vectorize] or [GuVectorize] kernel, the body of each Prange loop of a [Parallel] kernel) is compiled by ILGPU for the accelerator. A GPU thread cannot allocate managed memory, throw or catch, use strings, call virtual or interface methods, recurse, or call a .NET method ILGPU has no device form for. Write the construct with arithmetic, Math functions ILGPU supports, branches and loops, or use Target.Cpu or Target.Parallel.",
        GpuCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DoubleOnGpu = Create(
        "SG0402",
        "double arithmetic on a GPU",
        "'{0}' computes in double on the GPU; most GPUs run double arithmetic at 1/2 to 1/64 of float's rate (data-center GPUs such as the A100 or H100 at 1/2); {1}",
        "Consumer and workstation GPUs have few double-precision units. A kernel that needs double precision runs correctly with Target.Gpu, but on such GPUs it may be slower than Target.Parallel. A hint, not a problem: keep double where the precision matters.",
        GpuCategory, DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor HostUseOfDeviceData = Create(
        "SG0403",
        "Data used on the host between GPU launches",
        "'{0}' is used on the host {1}, but with Target.Gpu its data stays on the device from the first launch to the end of the call; {2}",
        "A [Parallel] kernel with Target.Gpu uploads each array and span once, before the first Prange loop that reads it, keeps it on the device across all launches (an iterative solver's outer loop included) and downloads the written ones when the call returns. Code outside the Prange loops runs on the host and cannot see the device's data in between: read or write it inside a Prange loop (a reduction brings a value back to the host), or before the first one.",
        GpuCategory, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Create(string id, string title, string message, string description, string category, DiagnosticSeverity severity) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLink(id));

    /// <summary>Every descriptor above (what the analyzer supports, and how a <see cref="DiagnosticInfo"/> finds its descriptor by ID).</summary>
    internal static ImmutableArray<DiagnosticDescriptor> All { get; } = typeof(DiagnosticDescriptors)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
        .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
        .OrderBy(descriptor => descriptor.Id, System.StringComparer.Ordinal)
        .ToImmutableArray();
}
