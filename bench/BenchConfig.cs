using System;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SourceGen.Bench;

/// <summary>
/// The suite's configuration: BenchmarkDotNet's defaults (so <c>--job short</c>, <c>--filter</c> etc. still apply
/// from the command line) plus a Median column and a "vs TP" column. The Ratio column (against the
/// <c>Scalar()</c> baseline of each class) comes with <c>[Benchmark(Baseline = true)]</c>.
/// </summary>
public static class BenchConfig
{
    public static IConfig Create() =>
        ManualConfig.Create(DefaultConfig.Instance)
            .AddColumn(StatisticColumn.Median)
            .AddColumn(SpeedupColumn.VersusTensorPrimitives);
}

/// <summary>
/// Speedup of a benchmark over the method named <see cref="ReferenceMethod"/> in the same class, at the same
/// parameters and job: the reference's mean time divided by this one's ("1.50x" = 1.5 times the reference's
/// throughput). In the compound-kernel classes <c>TensorPrimitives()</c> is the chain of calls a user would write.
/// </summary>
public sealed class SpeedupColumn : IColumn
{
    public static readonly SpeedupColumn VersusTensorPrimitives = new("TensorPrimitives", "vs TP");

    private SpeedupColumn(string referenceMethod, string columnName)
    {
        ReferenceMethod = referenceMethod;
        ColumnName = columnName;
    }

    public string ReferenceMethod { get; }
    public string Id => nameof(SpeedupColumn) + "." + ReferenceMethod;
    public string ColumnName { get; }
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"Speedup over {ReferenceMethod}() of the same class and N: its mean / this mean (>1 = faster)";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? mine = summary[benchmarkCase]?.ResultStatistics?.Mean;
        BenchmarkCase? reference = summary.BenchmarksCases.FirstOrDefault(other =>
            other.Descriptor.Type == benchmarkCase.Descriptor.Type
            && other.Descriptor.WorkloadMethod.Name == ReferenceMethod
            && other.Parameters.DisplayInfo == benchmarkCase.Parameters.DisplayInfo
            && other.Job.DisplayInfo == benchmarkCase.Job.DisplayInfo);
        double? theirs = reference is null ? null : summary[reference]?.ResultStatistics?.Mean;
        if (mine is not > 0 || theirs is not > 0)
        {
            return "?";
        }

        return (theirs.Value / mine.Value).ToString("0.00", style.CultureInfo) + "x";
    }

    public override string ToString() => ColumnName;
}
