using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace SourceGen.Generator.Tests.Harness;

/// <summary>
/// Diagnostic markup as in the Roslyn test harness: <c>{|SG0101:x / y|}</c> marks where SG0101 must be
/// reported; marks nest (<c>{|SG0101:{|SG0401:f(x)|}|}</c>: two diagnostics on one span). Parse returns the plain
/// source and the expected (id, start, length) triples.
/// </summary>
internal static class Markup
{
    private static readonly Regex Opening = new(@"\G\{\|(?<id>SG\d{4}):");

    public static (string Source, List<(string Id, int Start, int Length)> Expected) Parse(string markup)
    {
        var expected = new List<(string, int, int)>();
        var open = new Stack<(string Id, int Start)>();
        var source = new StringBuilder(markup.Length);
        for (int i = 0; i < markup.Length;)
        {
            if (Opening.Match(markup, i) is { Success: true } opening)
            {
                open.Push((opening.Groups["id"].Value, source.Length));
                i += opening.Length;
            }
            else if (open.Count > 0 && string.CompareOrdinal(markup, i, "|}", 0, 2) == 0)
            {
                (string id, int start) = open.Pop();
                expected.Add((id, start, source.Length - start));
                i += 2;
            }
            else
            {
                source.Append(markup[i++]);
            }
        }

        return (source.ToString(), expected);
    }
}
