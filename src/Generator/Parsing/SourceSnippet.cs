using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// How diagnostics and generated comments quote the kernel: a construct by what it is (<see cref="Describe"/>), source
/// text on one line, cut to <see cref="ShownLength"/> characters (<see cref="Shorten(string)"/>). Apart from the
/// parsers because each of them, every node's <see cref="Model.SourceRef"/> and the inlined helpers' comments use it.
/// </summary>
internal static class SourceSnippet
{
    private const int ShownLength = 100;

    /// <summary>How a finding names <paramref name="operation"/>: what it is ("an allocation", "the property 'P'"), or its text, shortened.</summary>
    internal static string Describe(IOperation operation) => operation switch
    {
        IObjectCreationOperation or IArrayCreationOperation or IAnonymousObjectCreationOperation => "an allocation",
        IInterpolatedStringOperation => "a string",
        ILiteralOperation { Type.SpecialType: SpecialType.System_String } => "a string",
        IDynamicInvocationOperation or IDynamicMemberReferenceOperation or IDynamicIndexerAccessOperation => "a 'dynamic' operation",
        IPropertyReferenceOperation property => $"the property '{property.Property.Name}'",
        IAssignmentOperation => "an assignment used as a value",
        IIncrementOrDecrementOperation => "an increment used as a value",
        ILockOperation => "'lock'",
        IUsingOperation => "'using'",
        ISwitchOperation or ISwitchExpressionOperation => "'switch'",
        IIsPatternOperation or IIsTypeOperation => "a type or pattern test",
        _ => $"'{Shorten(operation.Syntax.ToString())}'",
    };

    /// <summary>The text on one line, each line trimmed, cut to <see cref="ShownLength"/> characters with "...".</summary>
    internal static string Shorten(string text) => Shorten(SourceText.From(text), new TextSpan(0, text.Length));

    /// <summary>
    /// <see cref="Shorten(string)"/> of a span of <paramref name="text"/>, reading no further than the characters it keeps:
    /// lines are joined by one space, each trimmed, blank lines kept as empty words.
    /// </summary>
    internal static string Shorten(SourceText text, TextSpan span)
    {
        var shown = new System.Text.StringBuilder();
        var pending = new System.Text.StringBuilder();
        bool inLine = false, lineHasText = false, anyLine = false;
        for (int i = span.Start; i < span.End && shown.Length <= ShownLength; i++)
        {
            char c = text[i];
            if (c is '\r' or '\n')
            {
                inLine = false;
                continue;
            }

            if (!inLine)
            {
                // A new (non-empty) line: joined by one space, its leading white space dropped.
                shown.Append(anyLine ? " " : "");
                inLine = anyLine = true;
                lineHasText = false;
                pending.Clear();
            }

            if (char.IsWhiteSpace(c))
            {
                // Kept only if the line goes on (trailing white space is trimmed).
                if (lineHasText)
                {
                    pending.Append(c);
                }

                continue;
            }

            shown.Append(pending);
            pending.Clear();
            shown.Append(c);
            lineHasText = true;
        }

        return shown.Length <= ShownLength ? shown.ToString() : shown.ToString(0, ShownLength - 3) + "...";
    }
}
