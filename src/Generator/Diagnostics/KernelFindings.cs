using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SourceGen.Generator.Lowering;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Diagnostics;

/// <summary>
/// The one place the analyzer turns a kernel's findings into diagnostics: every finding is a <see cref="DiagnosticInfo"/>
/// (what the generator reports too), made here or by the phase that found it (the kernel parser, the lowering analysis),
/// reported once however many entry points share the kernel.
/// </summary>
internal sealed class KernelFindings
{
    private readonly System.Action<Diagnostic> _report;
    private readonly HashSet<(string Id, int Start, int Length, string Message)> _reported = new();

    public KernelFindings(System.Action<Diagnostic> report) => _report = report;

    public void Add(DiagnosticInfo finding) => Report(finding.ToDiagnostic());

    public void AddRange(IEnumerable<DiagnosticInfo> findings)
    {
        foreach (DiagnosticInfo finding in findings)
        {
            Add(finding);
        }
    }

    /// <summary>
    /// What the kernel parser finds as it reads (its sink): SG0102 is advice, reported here; SG0201 is not, since the
    /// construct decides the entry point's code and the generator reports it from ModelBuilder's parse (ARCHITECTURE.md,
    /// "Who reports what").
    /// </summary>
    public void ReportParse(DiagnosticDescriptor descriptor, Location location, params object?[] arguments)
    {
        if (descriptor.Id != DiagnosticDescriptors.ForbiddenInKernel.Id)
        {
            Add(DiagnosticInfo.Create(descriptor, location, arguments));
        }
    }

    private void Report(Diagnostic diagnostic)
    {
        if (_reported.Add((diagnostic.Id, diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture))))
        {
            _report(diagnostic);
        }
    }

    /// <summary>SG0107: a branch whose condition differs between lanes (both sides computed, then blended).</summary>
    public static DiagnosticInfo DivergentBranch(SyntaxTree tree, Expr condition) =>
        DiagnosticInfo.Create(DiagnosticDescriptors.DivergentBranch, At(tree, condition), new object?[] { condition.Source.Text });

    /// <summary>SG0101 for a construct that runs one lane at a time; SG0105 when it is Math.Pow with a small integer exponent.</summary>
    public static DiagnosticInfo PerLane(SyntaxTree tree, Expr node, PerLaneReason reason)
    {
        (DiagnosticDescriptor descriptor, object?[] arguments) = reason.Finding(node);
        return DiagnosticInfo.Create(descriptor, At(tree, node), arguments);
    }

    private static Location At(SyntaxTree tree, Expr node) => Location.Create(tree, new TextSpan(node.Source.Start, node.Source.Length));
}
