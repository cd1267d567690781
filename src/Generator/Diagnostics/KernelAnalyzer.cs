using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SourceGen.Generator.Lowering;
using SourceGen.Generator.Model;
using SourceGen.Generator.Parsing;

namespace SourceGen.Generator.Diagnostics;

/// <summary>
/// Reports SourceGen's diagnostics as the user types. Entry-point problems are reported on the attribute;
/// kernel problems (unsupported constructs, per-lane fallbacks) on the construct, from the same parser and the
/// same <see cref="LoweringAnalysis"/> the generator emits from.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KernelAnalyzer : DiagnosticAnalyzer
{
    /// <summary>All SourceGen descriptors (the SG00xx ones are reported by the generator, see SourceGenGenerator).</summary>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.KernelNotFound,
        DiagnosticDescriptors.GeneratorFailed,
        DiagnosticDescriptors.UnknownTarget,
        DiagnosticDescriptors.ReservedName,
        DiagnosticDescriptors.GpuPackageMissing,
        DiagnosticDescriptors.EntryPointMismatch,
        DiagnosticDescriptors.ContainingTypeNotPartial,
        DiagnosticDescriptors.UnsupportedParameterType,
        DiagnosticDescriptors.InvalidEntryPoint,
        DiagnosticDescriptors.NotSupportedYet,
        DiagnosticDescriptors.InvalidGufuncSignature,
        DiagnosticDescriptors.GufuncKernelPerIndex,
        DiagnosticDescriptors.PrangeLoopRunsSerially,
        DiagnosticDescriptors.LoopRunsWithoutSimd,
        DiagnosticDescriptors.PossibleRace,
        DiagnosticDescriptors.CertainRace,
        DiagnosticDescriptors.AllocationInPrangeLoop,
        DiagnosticDescriptors.PerLaneFallback,
        DiagnosticDescriptors.DoubleInFloatKernel,
        DiagnosticDescriptors.PowWithSmallIntegerExponent,
        DiagnosticDescriptors.OrderedFloatReduction,
        DiagnosticDescriptors.DivergentBranch,
        DiagnosticDescriptors.KernelRunsScalar,
        DiagnosticDescriptors.ForbiddenInKernel,
        DiagnosticDescriptors.ImpossibleOnGpu,
        DiagnosticDescriptors.DoubleOnGpu,
        DiagnosticDescriptors.HostUseOfDeviceData);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(AnalyzeMethod, SyntaxKind.MethodDeclaration);
    }

    private static void AnalyzeMethod(SyntaxNodeAnalysisContext context)
    {
        var declaration = (MethodDeclarationSyntax)context.Node;
        if (context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not IMethodSymbol method)
        {
            return;
        }

        // Entry-point problems (SG00xx) are reported by the generator; this analyzer reports what is inside kernels.
        // A kernel of one or more entry points: problems inside its body, reported where they are.
        if (declaration.Body is null && declaration.ExpressionBody is null)
        {
            return;
        }

        if (method.IsGenericMethod)
        {
            AnalyzeGeneric(method, context);
            return;
        }

        Analyze(method, declaration, context.SemanticModel, context.ReportDiagnostic, context.CancellationToken);
    }

    /// <summary>
    /// A generic kernel: each element type its entry points give it is analyzed as the kernel written for that type (what
    /// the generator reads), its findings reported once each at the original positions.
    /// </summary>
    private static void AnalyzeGeneric(IMethodSymbol kernel, SyntaxNodeAnalysisContext context)
    {
        var analyzed = new HashSet<string>();
        var reported = new HashSet<(string Id, TextSpan Span)>();
        foreach (IMethodSymbol candidate in kernel.ContainingType.GetMembers().OfType<IMethodSymbol>().Where(m => m.IsPartialDefinition))
        {
            foreach (AttributeData attribute in candidate.GetAttributes())
            {
                if (EntryPointParser.FormOf(attribute) is not EntryForm form || (EntryPointParser.KernelNameArgument(attribute, form) ?? candidate.Name) != kernel.Name)
                {
                    continue;
                }

                // The rewritten kernel lives in a compilation of our own (the user's with its file rewritten): its
                // semantic model is not one the analyzer driver could hand us (RS1030 is about the user's compilation).
#pragma warning disable RS1030
                GenericKernels.Specialization? specialization = GenericKernels.Specialize(candidate, attribute, form, context.SemanticModel.Compilation, report: null, context.CancellationToken, out _);
                if (specialization?.Kernel is not { } declaration || !analyzed.Add(specialization.Call)
                    || specialization.Compilation.GetSemanticModel(declaration.SyntaxTree) is not { } model
                    || model.GetDeclaredSymbol(declaration, context.CancellationToken) is not IMethodSymbol concrete)
                {
                    continue;
                }
#pragma warning restore RS1030

                Analyze(concrete, declaration, model, diagnostic =>
                {
                    Location location = specialization.ToOriginal(diagnostic.Location);
                    if (reported.Add((diagnostic.Id, location.SourceSpan)))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Relocated(diagnostic.Descriptor), location, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
                    }
                }, context.CancellationToken);
            }
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<DiagnosticDescriptor, DiagnosticDescriptor> RelocatedDescriptors = new();

    /// <summary>The same diagnostic (id, title, severity, help) whose message is given whole: a finding moved back to the generic kernel.</summary>
    private static DiagnosticDescriptor Relocated(DiagnosticDescriptor descriptor) => RelocatedDescriptors.GetOrAdd(descriptor, d =>
        new DiagnosticDescriptor(d.Id, d.Title, "{0}", d.Category, d.DefaultSeverity, d.IsEnabledByDefault, d.Description, d.HelpLinkUri, d.CustomTags.ToArray()));

    /// <summary>Everything inside one (concrete) kernel's body.</summary>
    private static void Analyze(IMethodSymbol method, MethodDeclarationSyntax declaration, SemanticModel semanticModel, System.Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        // Constructs outside the model are reported once, however many entry points share the kernel.
        var reported = new HashSet<(string Id, int Start, string Message)>();
        bool bodyParsed = false;
        var uniformPerEntry = new List<List<(int Start, int Length)>>();
        foreach (EntryPointParser.Resolution resolution in EntryPointsOf(method, cancellationToken))
        {
            KernelBodyParser.Result parsed = KernelBodyParser.Parse(
                method, declaration, semanticModel, bodyParsed ? null : report, cancellationToken);
            bodyParsed = true;
            if (parsed.Body is null)
            {
                continue;
            }

            LoweringAnalysis analysis = LoweringAnalysis.Analyze(parsed.Body, resolution.VaryingParameters);
            uniformPerEntry.Add(analysis.UniformSpans.ToList());

            foreach (Expr condition in LoweringAnalysis.DivergentConditions(parsed.Body.Statements, analysis))
            {
                Diagnostic diagnostic = Diagnostic.Create(DiagnosticDescriptors.DivergentBranch,
                    Location.Create(declaration.SyntaxTree, new TextSpan(condition.Source.Start, condition.Source.Length)), condition.Source.Text);
                if (reported.Add((diagnostic.Id, condition.Source.Start, diagnostic.GetMessage())))
                {
                    report(diagnostic);
                }
            }

            foreach ((Expr node, PerLaneReason reason) in analysis.Reported)
            {
                Location location = Location.Create(declaration.SyntaxTree, new TextSpan(node.Source.Start, node.Source.Length));
                Diagnostic diagnostic = PerLane(location, node, reason);
                if (reported.Add((diagnostic.Id, node.Source.Start, diagnostic.GetMessage())))
                {
                    report(diagnostic);
                }
            }
        }

        // Target.Gpu: what the device cannot run (SG0401) and double arithmetic on it (SG0402), in the code it runs.
        List<EntryForm> gpuForms = GpuRules.GpuFormsOf(method);
        if (gpuForms.Count > 0)
        {
            SyntaxNode kernelBody = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody!;
            List<SyntaxNode> device = GpuRules.DeviceCode(kernelBody, gpuForms, semanticModel, cancellationToken);
            bool clampRewritten = !gpuForms.Contains(EntryForm.Vectorize);
            foreach (GpuRules.Finding finding in GpuRules.Find(method, device, semanticModel, clampRewritten, cancellationToken))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.ImpossibleOnGpu, finding.Location, finding.Construct, finding.Why, finding.Fix));
            }

            if (GpuRules.FirstDouble(device, semanticModel, cancellationToken) is { } first)
            {
                report(Diagnostic.Create(DiagnosticDescriptors.DoubleOnGpu, first.GetLocation(), first.ToString(),
                    "use float where its precision is enough; keep double where the precision matters"));
            }
        }

        // Every form's kernel: double arithmetic in a float kernel (SG0104), where it is computed per element: in a
        // [Vectorize] kernel what is not uniform, in a [Parallel] or [GuVectorize] kernel what is inside a loop.
        if (IsKernelOfAnEntryPoint(method))
        {
            SyntaxNode body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody!;
            System.Func<ExpressionSyntax, bool> perElement = bodyParsed ? FloatWidening.OutsideUniform(uniformPerEntry) : FloatWidening.InsideLoops(body);
            foreach (FloatWidening.Finding finding in FloatWidening.Find(method, body, semanticModel, perElement, cancellationToken))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.DoubleInFloatKernel, finding.Location, finding.Construct, finding.Why, finding.Suggestion));
            }
        }
    }

    /// <summary>SG0101 for a construct that runs one lane at a time; SG0105 when it is Math.Pow with a small integer exponent.</summary>
    internal static Diagnostic PerLane(Location location, Expr node, PerLaneReason reason) => reason.Multiplication is { } multiplication
        ? Diagnostic.Create(DiagnosticDescriptors.PowWithSmallIntegerExponent, location, node.Source.Text, multiplication)
        : Diagnostic.Create(DiagnosticDescriptors.PerLaneFallback, location, reason.Construct, reason.Why, reason.Fix);

    /// <summary>Whether an entry point of any form in the method's type names it as its kernel (or it is a [Vectorize] shorthand).</summary>
    private static bool IsKernelOfAnEntryPoint(IMethodSymbol method) =>
        method.ContainingType.GetMembers().OfType<IMethodSymbol>().Any(candidate =>
            candidate.GetAttributes().Any(attribute => EntryPointParser.FormOf(attribute) is EntryForm form
                && (SymbolEqualityComparer.Default.Equals(candidate, method) || (candidate.IsPartialDefinition && (EntryPointParser.KernelNameArgument(attribute, form) ?? candidate.Name) == method.Name))));

    /// <summary>Entry points in the kernel's type (and the kernel itself, for the shorthand) that resolve to it.</summary>
    private static IEnumerable<EntryPointParser.Resolution> EntryPointsOf(IMethodSymbol kernel, CancellationToken cancellationToken)
    {
        foreach (IMethodSymbol candidate in kernel.ContainingType.GetMembers().OfType<IMethodSymbol>())
        {
            if (EntryPointParser.FindAttribute(candidate) is not { } attribute)
            {
                continue;
            }

            EntryPointParser.Resolution? resolution = EntryPointParser.Resolve(candidate, attribute, report: null, cancellationToken);
            if (resolution is not null && SymbolEqualityComparer.Default.Equals(resolution.Kernel, kernel))
            {
                yield return resolution;
            }
        }
    }
}
