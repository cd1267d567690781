using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace SourceGen.Generator.Tests.Harness;

/// <summary>
/// Diagnostic markup as in the Roslyn test harness: <c>{|SG0101:x / y|}</c> marks where SG0101 must be
/// reported. Parse returns the plain source and the expected (id, start, length) triples.
/// </summary>
internal static class Markup
{
    private static readonly Regex Marker = new(@"\{\|(?<id>SG\d{4}):(?<text>.*?)\|\}", RegexOptions.Singleline);

    public static (string Source, List<(string Id, int Start, int Length)> Expected) Parse(string markup)
    {
        var expected = new List<(string, int, int)>();
        string source = markup;
        while (Marker.Match(source) is { Success: true } match)
        {
            string text = match.Groups["text"].Value;
            expected.Add((match.Groups["id"].Value, match.Index, text.Length));
            source = source.Substring(0, match.Index) + text + source.Substring(match.Index + match.Length);
        }

        return (source, expected);
    }
}
