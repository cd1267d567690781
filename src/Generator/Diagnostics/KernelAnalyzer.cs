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
/// kernel problems (constructs the SIMD model does not read, per-lane fallbacks) on the construct. It decides nothing itself: it
/// reports what the generator's own decisions say (the kernel parser, <see cref="LoweringAnalysis"/>, the models'
/// <see cref="ElementWork"/>), through <see cref="KernelFindings"/>. Each SG diagnostic has one reporter: the generator
/// reports errors (SG00xx, SG0201, SG0304, SG0401, SG0403), this analyzer warnings and information: the advice about a
/// kernel's body, and the warnings of the generator's own parse of each entry point (see ARCHITECTURE.md, "Who reports what").
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KernelAnalyzer : DiagnosticAnalyzer
{
    /// <summary>All SourceGen descriptors (the SG00xx ones are reported by the generator, see SourceGenGenerator).</summary>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = DiagnosticDescriptors.All;

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

        // Entry-point errors (SG00xx) are reported by the generator; this analyzer reports what is inside kernels.
        // A kernel of one or more entry points: problems inside its body, reported where they are.
        if (declaration.Body is null && declaration.ExpressionBody is null)
        {
            return;
        }

        // Only a kernel of some entry point has anything to report (the one list both reporters below read).
        List<EntryPointParser.KernelUse> uses = EntryPointParser.UsesOf(method);
        if (uses.Count == 0)
        {
            return;
        }

        // The warnings and information of the generator's own parse: the decisions the generated code was written with.
        ReportDecisions(declaration, uses, context.SemanticModel.Compilation, context.ReportDiagnostic, context.CancellationToken);

        if (method.IsGenericMethod)
        {
            AnalyzeGeneric(method, context);
            return;
        }

        Analyze(method, declaration, context.SemanticModel, context.ReportDiagnostic, context.CancellationToken, uses);
    }

    /// <summary>
    /// A generic kernel: each element type its entry points give it is analyzed as the kernel written for that type (what
    /// the generator reads), its findings reported once each at the original positions.
    /// </summary>
    private static void AnalyzeGeneric(IMethodSymbol kernel, SyntaxNodeAnalysisContext context)
    {
        var analyzed = new HashSet<string>();
        var reported = new HashSet<(string Id, TextSpan Span)>();
        foreach (EntryPointParser.KernelUse use in EntryPointParser.UsesOf(kernel).Where(use => use.Entry.IsPartialDefinition))
        {
            // The rewritten kernel lives in a compilation of our own (the user's with its file rewritten): its
            // semantic model is not one the analyzer driver could hand us (RS1030 is about the user's compilation).
#pragma warning disable RS1030
            GenericKernels.Specialization? specialization = GenericKernels.Specialize(use.Entry, use.Attribute, use.Form, context.SemanticModel.Compilation, report: null, context.CancellationToken, out _);
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

    /// <summary>
    /// The warnings and information of the generator's parse of each entry point (SG0101 and SG0105 in the loops of
    /// [Parallel] and [GuVectorize] kernels, SG0103, SG0106, SG0301–SG0303, SG0305, SG0402): what the generated code was
    /// written with. They are the generator's own parse (<see cref="SourceGenGenerator.ParsesOf"/>: stored when the
    /// generator ran, computed here the same way when not), reported here rather than by the generator
    /// (<see cref="DiagnosticInfo.ReportedByGenerator"/> says why). A kernel reports them for every entry point that runs
    /// it (<see cref="EntryPointParser.UsesOf"/>), as the generator did: those inside itself, so an edit there refreshes
    /// them, and, when it is the entry point's first kernel, those in none of its kernels (on the entry point's
    /// attribute, say). Entry points are not visited: the analyzer driver skips a partial method whose implementation is
    /// generated code.
    /// </summary>
    private static void ReportDecisions(MethodDeclarationSyntax declaration, List<EntryPointParser.KernelUse> uses, Compilation compilation, System.Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        foreach (IMethodSymbol entry in uses.Select(use => use.Entry).Distinct<IMethodSymbol>(SymbolEqualityComparer.Default))
        {
            if (entry.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax(cancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault() is not { } entryDeclaration)
            {
                continue;
            }

            List<MethodDeclarationSyntax>? kernels = null;
            foreach (SourceGenGenerator.ParseResult parse in SourceGenGenerator.ParsesOf(entryDeclaration, compilation, cancellationToken))
            {
                foreach (DiagnosticInfo finding in parse.Diagnostics)
                {
                    if (finding.ReportedByGenerator)
                    {
                        continue;
                    }

                    if (Within(declaration, finding))
                    {
                        report(finding.ToDiagnostic());
                        continue;
                    }

                    kernels ??= KernelsOf(entry, cancellationToken);
                    if (kernels.FirstOrDefault() == declaration && !kernels.Any(other => Within(other, finding)))
                    {
                        report(finding.ToDiagnostic());
                    }
                }
            }
        }
    }

    /// <summary>
    /// The declarations of the kernels whose <see cref="EntryPointParser.UsesOf"/> has <paramref name="entry"/>, in file
    /// and position order: the methods with a body its SourceGen attributes name (by name: overloads included), or
    /// itself for the <c>[Vectorize]</c> shorthand.
    /// </summary>
    private static List<MethodDeclarationSyntax> KernelsOf(IMethodSymbol entry, CancellationToken cancellationToken)
    {
        IEnumerable<IMethodSymbol> candidates = entry.IsPartialDefinition
            ? entry.GetAttributes()
                .Where(attribute => EntryPointParser.FormOf(attribute) is not null)
                .Select(attribute => EntryPointParser.KernelNameArgument(attribute, EntryPointParser.FormOf(attribute)!.Value) ?? entry.Name)
                .Distinct()
                .SelectMany(name => entry.ContainingType.GetMembers(name).OfType<IMethodSymbol>())
            : new[] { entry };
        return candidates
            .Select(candidate => EntryPointParser.Declaration(candidate, cancellationToken))
            .OfType<MethodDeclarationSyntax>()
            .OrderBy(candidate => candidate.SyntaxTree.FilePath, System.StringComparer.Ordinal).ThenBy(candidate => candidate.SpanStart)
            .ToList();
    }

    private static bool Within(SyntaxNode declaration, DiagnosticInfo finding) =>
        finding.Tree == declaration.SyntaxTree && declaration.Span.Contains(finding.Span);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<DiagnosticDescriptor, DiagnosticDescriptor> RelocatedDescriptors = new();

    /// <summary>The same diagnostic (id, title, severity, help) whose message is given whole: a finding moved back to the generic kernel.</summary>
    private static DiagnosticDescriptor Relocated(DiagnosticDescriptor descriptor) => RelocatedDescriptors.GetOrAdd(descriptor, d =>
        new DiagnosticDescriptor(d.Id, d.Title, "{0}", d.Category, d.DefaultSeverity, d.IsEnabledByDefault, d.Description, d.HelpLinkUri, d.CustomTags.ToArray()));

    /// <summary>
    /// Everything inside one (concrete) kernel's body, read from what the generator reads: the kernel parser and the
    /// lowering analysis of each [Vectorize] entry point, the models of the [Parallel] and [GuVectorize] ones. Every finding is reported through <see cref="KernelFindings"/>, once.
    /// </summary>
    private static void Analyze(IMethodSymbol method, MethodDeclarationSyntax declaration, SemanticModel semanticModel, System.Action<Diagnostic> report, CancellationToken cancellationToken, List<EntryPointParser.KernelUse>? uses = null)
    {
        uses ??= EntryPointParser.UsesOf(method);
        if (uses.Count == 0)
        {
            return;
        }

        var findings = new KernelFindings(report);
        SyntaxNode body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody!;
        KernelBodyParser.Result parsed = default;
        bool bodyParsed = false;
        var work = new List<ElementWork>();
        var models = new List<EntryPointParser.KernelUse>();
        foreach (EntryPointParser.KernelUse use in uses)
        {
            if (use.Form != EntryForm.Vectorize)
            {
                // [Parallel], [GuVectorize]: their own diagnostics are the generator's; their models are read below, for SG0104.
                models.Add(use);
                continue;
            }

            if (EntryPointParser.Resolve(use.Entry, use.Attribute, report: null, cancellationToken) is not { } resolution
                || !SymbolEqualityComparer.Default.Equals(resolution.Kernel, method))
            {
                continue;
            }

            // The kernel's model does not depend on the entry point: read once (its SG0102 findings reported then; its SG0201
            // ones are the generator's), however many entry points share the kernel; each entry point's lowering analysis
            // (which inputs vary) is its own.
            if (!bodyParsed)
            {
                parsed = KernelBodyParser.Parse(method, declaration, semanticModel, findings.ReportParse, cancellationToken);
                bodyParsed = true;
            }

            if (parsed.Body is null)
            {
                continue;
            }

            LoweringAnalysis analysis = LoweringAnalysis.Analyze(parsed.Body, resolution.VaryingParameters);
            work.Add(ElementWork.OfVectorize(analysis));
            foreach (Expr condition in LoweringAnalysis.DivergentConditions(parsed.Body.Statements, analysis))
            {
                findings.Add(KernelFindings.DivergentBranch(declaration.SyntaxTree, condition));
            }

            foreach ((Expr node, PerLaneReason reason) in analysis.Reported)
            {
                findings.Add(KernelFindings.PerLane(declaration.SyntaxTree, node, reason));
            }
        }

        // Target.Gpu's findings (SG0401, SG0402) are not reported here: they are the device check's decision, reported by
        // the generator from the entry point that decides with it (ARCHITECTURE.md, "Who reports what").

        // Every form's kernel: double arithmetic in a float kernel (SG0104), where some entry point computes it per element.
        // The [Parallel] and [GuVectorize] models (which loops run in SIMD steps, what they lift out: what the emitters
        // read) are a whole parse each: built only when the kernel has such arithmetic, once per form, target and FastMath.
        bool modelsRead = false;
        System.Func<ExpressionSyntax, bool> perElement = operand =>
        {
            if (!modelsRead)
            {
                modelsRead = true;
                work.AddRange(ModelWork(models, declaration, semanticModel.Compilation, cancellationToken));
            }

            return FloatWidening.PerElement(work, body)(operand);
        };
        foreach (FloatWidening.Finding finding in FloatWidening.Find(method, body, semanticModel, perElement, cancellationToken))
        {
            findings.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DoubleInFloatKernel, finding.Location, new object?[] { finding.Construct, finding.Why, finding.Suggestion }));
        }
    }

    /// <summary>What the [Parallel] and [GuVectorize] entry points of a kernel run per element, from the models the emitters read.</summary>
    private static IEnumerable<ElementWork> ModelWork(List<EntryPointParser.KernelUse> uses, MethodDeclarationSyntax declaration, Compilation compilation, CancellationToken cancellationToken)
    {
        int kernelLine = declaration.Identifier.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
        var read = new HashSet<(EntryForm, KernelTarget, bool)>();
        foreach (EntryPointParser.KernelUse use in uses)
        {
            // Entry points of one form, target and FastMath share the kernel's model (an overload's line tells them apart).
            if (!read.Add((use.Form, use.Target, use.FastMath)))
            {
                continue;
            }

            EntryModel? model = use.Form == EntryForm.Parallel
                ? ParallelParser.Build(use.Entry, use.Attribute, compilation, report: null, cancellationToken)
                : GuVectorizeParser.Build(use.Entry, use.Attribute, compilation, report: null, cancellationToken);
            if (model is null || model.KernelLine == kernelLine)
            {
                yield return ElementWork.Of(model);
            }
            else
            {
                // Another overload's model: an entry point of this one may still come.
                read.Remove((use.Form, use.Target, use.FastMath));
            }
        }
    }
}
