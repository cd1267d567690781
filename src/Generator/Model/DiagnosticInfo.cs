using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SourceGen.Generator.Model;

/// <summary>Receives a diagnostic: the analyzer reports it at once, the generator keeps it as a <see cref="DiagnosticInfo"/>.</summary>
internal delegate void DiagnosticSink(DiagnosticDescriptor descriptor, Location location, params object?[] arguments);

/// <summary>
/// A diagnostic as equatable data (no Location or symbol), so it can travel through the incremental pipeline and be
/// reported without the compilation.
/// <para>
/// It keeps the <see cref="SyntaxTree"/> it points into (compared by reference), not only the file's path, span and
/// lines: a location built from a path (<c>Location.Create(path, span, lineSpan)</c>) is an external-file location,
/// which the compiler does not check against the file's <c>#pragma warning disable</c> (dotnet/roslyn#68291), nor the
/// IDE against <c>[SuppressMessage]</c>. A tree holds no compilation, and it is the entry point's own or its kernel's:
/// when that file is edited the entry point is parsed again (<see cref="Parsing.ParseReuse"/>), so a tree kept here is
/// always one of the compilation's, and an unchanged file's tree is the same object from one edit to the next (the
/// diagnostic stays cached).
/// </para>
/// </summary>
internal sealed record DiagnosticInfo(string Id, SyntaxTree? Tree, string FilePath, TextSpan Span, LinePositionSpan LineSpan, EquatableArray<string> Arguments)
{
    private static readonly Dictionary<string, DiagnosticDescriptor> DescriptorsById =
        DiagnosticDescriptors.All.ToDictionary(descriptor => descriptor.Id);

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location location, object?[] arguments) =>
        new(descriptor.Id,
            location.SourceTree,
            location.SourceTree?.FilePath ?? location.GetLineSpan().Path ?? "",
            location.SourceSpan,
            location.GetLineSpan().Span,
            arguments.Select(argument => argument?.ToString() ?? "").ToEquatableArray());

    public int Start => Span.Start;

    public int Length => Span.Length;

    /// <summary>The message as the user sees it.</summary>
    public string Message => string.Format(System.Globalization.CultureInfo.InvariantCulture, DescriptorsById[Id].MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture), Arguments.Cast<object>().ToArray());

    public DiagnosticSeverity Severity => DescriptorsById[Id].DefaultSeverity;

    /// <summary>
    /// Whether the generator reports this finding: errors, since a build must fail on them without analyzers too
    /// (<c>RunAnalyzers=false</c>). Warnings and information are the analyzer's, read from the same parse
    /// (ARCHITECTURE.md, "Who reports what"): Roslyn checks each diagnostic a generator reports against
    /// <c>[SuppressMessage]</c> again on every run, cached or not (a new SuppressMessageAttributeState per run, in
    /// GeneratorDriver.FilterDiagnostics), which cost more than the rest of an edit's run in a project with a few warnings.
    /// </summary>
    public bool ReportedByGenerator => Severity == DiagnosticSeverity.Error;

    public Location Location =>
        Tree is not null ? Location.Create(Tree, Span)
        : FilePath.Length > 0 ? Location.Create(FilePath, Span, LineSpan)
        : Location.None;

    /// <summary>Reports this finding again through a sink (a parse's, which may move it: a generic kernel's copy to the original).</summary>
    public void ReportTo(DiagnosticSink report) => report(DescriptorsById[Id], Location, Arguments.Cast<object?>().ToArray());

    public Diagnostic ToDiagnostic() => Diagnostic.Create(DescriptorsById[Id], Location, Arguments.Cast<object>().ToArray());
}
