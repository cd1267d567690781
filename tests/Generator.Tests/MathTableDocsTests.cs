using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SourceGen.Generator.Model;
using Xunit;

namespace SourceGen.Generator.Tests;

/// <summary>
/// The pages users read say what the Math table says: which functions run one lane at a time (SG0101), which run on a
/// GPU (SG0401), and how accurate SourceGen's own vector math is (the README). A row changed without its docs fails here.
/// </summary>
public sealed class MathTableDocsTests
{
    private static string Read(params string[] path) => File.ReadAllText(Path.Combine(new[] { DiagnosticTests.RepositoryRoot() }.Concat(path).ToArray()));

    private static IEnumerable<string> Backticked(string text) =>
        Regex.Matches(text, "`([^`]+)`").Select(m => m.Groups[1].Value);

    /// <summary>"missing from the page: …; on the page but not in the table: …", or "" when they agree.</summary>
    private static string Difference(ISet<string> table, ISet<string> page)
    {
        string missing = string.Join(", ", table.Except(page)), extra = string.Join(", ", page.Except(table));
        return (missing.Length > 0 ? $"missing from the page: {missing}. " : "") + (extra.Length > 0 ? $"on the page but not in the table: {extra}." : "");
    }

    private static string Bare(string name) => Regex.Replace(name, @"^(Math|MathF|double|float)\.", "");

    [Fact]
    public void SG0101Page_ListsExactlyThePerLaneFunctions()
    {
        // The rows of "What falls back" that name math functions: "| `Math.Tan`, `Sinh`, … | why | instead |".
        var documented = new SortedSet<string>();
        foreach (string line in Read("docs", "diagnostics", "SG0101.md").Split('\n').Where(l => l.StartsWith("| `Math.") || l.StartsWith("| `double.")))
        {
            documented.UnionWith(Backticked(line.Split('|')[1]).Select(Bare));
        }

        var perLane = new SortedSet<string>(MathTable.Rows.Where(r => r.Simd == SimdForm.PerLane).Select(r => r.Name));
        Assert.Equal("", Difference(perLane, documented));
    }

    [Fact]
    public void SG0401Page_ListsExactlyTheDeviceFunctions()
    {
        string page = Read("docs", "diagnostics", "SG0401.md");
        const string Start = "The `Math` and `MathF` functions that do run on a GPU:";
        int at = page.IndexOf(Start, System.StringComparison.Ordinal);
        Assert.True(at >= 0, "SG0401.md lost its list of device functions");
        string list = page.Substring(at + Start.Length);
        list = list.Substring(0, list.IndexOf(';'));

        var documented = new SortedSet<string>(Backticked(list));
        var device = new SortedSet<string>(MathTable.DeviceFunctions);
        Assert.Equal("", Difference(device, documented));
    }

    [Fact]
    public void ReadmeAccuracyTable_IsTheTables()
    {
        // "| `Exp` | 1 ulp | 1 ulp |": function, float bound, double bound.
        var documented = new SortedSet<string>(Read("README.md").Split('\n')
            .Select(l => Regex.Match(l, @"^\s*\| `(\w+)` \| (\d+) ulp \| (\d+) ulp \|"))
            .Where(m => m.Success)
            .Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value} {m.Groups[3].Value}"));
        var table = new SortedSet<string>(MathTable.Rows.Where(r => r.Simd == SimdForm.VectorMath).Select(r => $"{r.Name} {r.FloatUlps} {r.DoubleUlps}"));
        Assert.Equal("", Difference(table, documented));
    }
}
