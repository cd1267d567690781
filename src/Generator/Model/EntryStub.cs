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
