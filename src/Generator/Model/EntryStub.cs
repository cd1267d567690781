namespace SourceGen.Generator.Model;

/// <summary>
/// An entry point SourceGen cannot generate (a wrong declaration, or a kernel it could not read): it still gets a body,
/// one that throws, so the build's only error is SourceGen's own diagnostic that says why — not the compiler's
/// "partial method must have an implementation" beside it, as the Regex generator does for a bad pattern.
/// </summary>
/// <param name="Declaration">The implementing declaration's header: modifiers, return type, name, type parameters, parameters, constraints.</param>
/// <param name="DisplayName">"Type.Method", for the exception's message.</param>
/// <param name="DiagnosticIds">The SG errors reported for it, e.g. "SG0005".</param>
internal sealed record EntryStub(
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string Declaration,
    string DisplayName,
    string DiagnosticIds,
    GeneratedNames Names);

/// <summary>A place in the user's source, as equatable data (a Location is not), to report on after parsing.</summary>
internal sealed record SourceSpot(string FilePath, int Start, int Length, int Line, int Column, int EndLine, int EndColumn)
{
    public static SourceSpot From(Microsoft.CodeAnalysis.Location location)
    {
        Microsoft.CodeAnalysis.FileLinePositionSpan lines = location.GetLineSpan();
        return new SourceSpot(location.SourceTree?.FilePath ?? "", location.SourceSpan.Start, location.SourceSpan.Length,
            lines.StartLinePosition.Line, lines.StartLinePosition.Character, lines.EndLinePosition.Line, lines.EndLinePosition.Character);
    }

    public Microsoft.CodeAnalysis.Location ToLocation() => Microsoft.CodeAnalysis.Location.Create(
        FilePath,
        new Microsoft.CodeAnalysis.Text.TextSpan(Start, Length),
        new Microsoft.CodeAnalysis.Text.LinePositionSpan(new Microsoft.CodeAnalysis.Text.LinePosition(Line, Column), new Microsoft.CodeAnalysis.Text.LinePosition(EndLine, EndColumn)));
}

/// <summary>
/// What the emitter falls back to if writing an entry point's code throws (a bug of ours): SG0002 at
/// <see cref="Spot"/>, and <see cref="Stub"/>'s throwing body, so the rest of the project's generated code survives.
/// </summary>
internal sealed record EmitFallback(string EntryName, SourceSpot Spot, EntryStub? Stub);
