using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using SourceGen.Generator.Lowering;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Emitting;

/// <summary>
/// The build summary (one line per project, printed by the package's targets, as the report's path is) and the list of
/// SourceGen's own generated files (what <c>SourceGenSnapshots</c> compares; stale files of removed entry points stay
/// in obj, so the folder alone cannot say). Counted from the same models and <see cref="LoweringAnalysis"/> as the report.
/// </summary>
internal static class SummaryEmitter
{
    public const string HintName = "SourceGenSummary.g.cs";

    /// <summary>What the build prints after "SourceGen: ", and the counts behind it.</summary>
    internal sealed record Counts(int EntryPoints, int FullySimd, int PerLane, int PerLaneSg0101, int PerLaneSg0105, int ElementByElement,
        int Prange, int PrangeSerial, int Gufuncs, int GufuncsPerIndex, int FastMathLoops, int NotGenerated)
    {
        public string Line()
        {
            var parts = new List<string> { $"{EntryPoints} entry point{(EntryPoints == 1 ? "" : "s")}" };
            if (FullySimd > 0)
            {
                parts.Add($"{FullySimd} fully SIMD");
            }

            if (PerLane > 0)
            {
                var ids = new List<string>();
                if (PerLaneSg0101 > 0)
                {
                    ids.Add($"SG0101 ×{PerLaneSg0101}");
                }

                if (PerLaneSg0105 > 0)
                {
                    ids.Add($"SG0105 ×{PerLaneSg0105}");
                }

                parts.Add($"{PerLane} with per-lane work ({string.Join(", ", ids)})");
            }

            if (ElementByElement > 0)
            {
                parts.Add($"{ElementByElement} element by element (SG0102)");
            }

            if (Prange > 0)
            {
                parts.Add($"{Prange} [Parallel]" + (PrangeSerial > 0 ? $" ({PrangeSerial} on one thread, SG0301)" : ""));
            }

            if (Gufuncs > 0)
            {
                parts.Add($"{Gufuncs} [GuVectorize]" + (GufuncsPerIndex > 0 ? $" ({GufuncsPerIndex} without SIMD loops)" : ""));
            }

            if (NotGenerated > 0)
            {
                parts.Add($"{NotGenerated} not generated (see the errors)");
            }

            string line = string.Join(", ", parts);
            if (FastMathLoops > 0)
            {
                line += $"; FastMath would vectorize {FastMathLoops} loop{(FastMathLoops == 1 ? "" : "s")} (SG0302, SG0103)";
            }

            return line;
        }
    }

    public static Counts Count(ImmutableArray<SourceGenGenerator.ParseResult> results)
    {
        int entries = 0, simd = 0, perLane = 0, sg0101 = 0, sg0105 = 0, scalar = 0, prange = 0, serial = 0, gufuncs = 0, perIndex = 0, notGenerated = 0;
        foreach (SourceGenGenerator.ParseResult result in results.Where(r => r.EntryName.Length > 0))
        {
            entries++;
            switch (result.Model)
            {
                case VectorizeModel { Body: null }:
                    scalar++;
                    break;
                case VectorizeModel { Body: { } body } model:
                    // The findings the report marks (and the analyzer reports as SG0101 / SG0105).
                    bool[] varying = model.Parameters.Take(model.Parameters.Count - 1).Select(p => p.Role == ParameterRole.Varying).ToArray();
                    IReadOnlyList<(Expr Node, PerLaneReason Reason)> findings = LoweringAnalysis.Analyze(body, varying).Findings;
                    if (findings.Count == 0)
                    {
                        simd++;
                    }
                    else
                    {
                        perLane++;
                        sg0105 += findings.Count(f => f.Reason.Multiplication is not null);
                        sg0101 += findings.Count(f => f.Reason.Multiplication is null);
                    }

                    break;
                case ParallelModel parallel:
                    prange++;
                    serial += parallel.Loops.Count == 0 ? 1 : 0;
                    break;
                case GuModel gu:
                    gufuncs++;
                    perIndex += gu.VectorLoops.Count == 0 ? 1 : 0;
                    break;
                default:
                    notGenerated++;
                    break;
            }
        }

        // Loops left as written only because a floating-point sum keeps the kernel's order: the diagnostics' fix says FastMath.
        int fastMath = results.SelectMany(r => r.Diagnostics)
            .Where(d => d.Id is "SG0302" or "SG0103" && d.Message.Contains("FastMath"))
            .Select(d => (d.FilePath, d.Start)).Distinct().Count();
        return new Counts(entries, simd, perLane, sg0101, sg0105, scalar, prange, serial, gufuncs, perIndex, fastMath, notGenerated);
    }

    /// <summary>SourceGen's own generated files: each entry point's (its code, or the body that throws).</summary>
    public static IEnumerable<string> Files(ImmutableArray<SourceGenGenerator.ParseResult> results) =>
        results.Select(r => r.Model?.HintName ?? r.Stub?.Names.HintName).Where(h => h is not null).Select(h => h!)
            .Distinct().OrderBy(h => h, System.StringComparer.Ordinal);

    /// <summary>
    /// A comment the package's targets read: "// summary: …" (printed as "SourceGen: …") and one "// file: …" per
    /// generated file. A C# file, since a generator writes only C#.
    /// </summary>
    public static string Emit(ImmutableArray<SourceGenGenerator.ParseResult> results)
    {
        var text = new System.Text.StringBuilder("// <auto-generated/>\n// SourceGen's build summary, read by the package's targets (the line the build prints, and SourceGenSnapshots' files).\n");
        text.Append("// summary: ").Append(Count(results).Line()).Append('\n');
        foreach (string file in Files(results))
        {
            text.Append("// file: ").Append(file).Append('\n');
        }

        return text.ToString();
    }
}
