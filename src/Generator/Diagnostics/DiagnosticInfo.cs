using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Diagnostics;

/// <summary>Receives a diagnostic: the analyzer reports it at once, the generator keeps it as a <see cref="DiagnosticInfo"/>.</summary>
internal delegate void DiagnosticSink(DiagnosticDescriptor descriptor, Location location, params object?[] arguments);

/// <summary>
/// A diagnostic as equatable data (no Location or symbol), so it can travel through the incremental pipeline;
/// turned back into a <see cref="Diagnostic"/> against the compilation when reported.
/// </summary>
internal sealed record DiagnosticInfo(string Id, string FilePath, int Start, int Length, EquatableArray<string> Arguments)
{
    private static readonly Dictionary<string, DiagnosticDescriptor> DescriptorsById =
        new KernelAnalyzer().SupportedDiagnostics.ToDictionary(descriptor => descriptor.Id);

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location location, object?[] arguments) =>
        new(descriptor.Id,
            location.SourceTree?.FilePath ?? "",
            location.SourceSpan.Start,
            location.SourceSpan.Length,
            arguments.Select(argument => argument?.ToString() ?? "").ToEquatableArray());

    /// <summary>The message as the user sees it.</summary>
    public string Message => string.Format(System.Globalization.CultureInfo.InvariantCulture, DescriptorsById[Id].MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture), Arguments.Cast<object>().ToArray());

    public DiagnosticSeverity Severity => DescriptorsById[Id].DefaultSeverity;

    public Diagnostic ToDiagnostic(Compilation compilation)
    {
        SyntaxTree? tree = compilation.SyntaxTrees.FirstOrDefault(candidate => candidate.FilePath == FilePath);
        Location location = tree is null ? Location.None : Location.Create(tree, new TextSpan(Start, Length));
        return Diagnostic.Create(DescriptorsById[Id], location, Arguments.Cast<object>().ToArray());
    }
}
