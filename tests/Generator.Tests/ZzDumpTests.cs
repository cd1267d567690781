using SourceGen.Generator.Tests.Harness;
using Xunit;
namespace SourceGen.Generator.Tests;
public sealed class ZzDumpTests
{
    [Fact]
    public void Dump()
    {
        string src = System.IO.File.ReadAllText("/tmp/gdump/in.cs");
        var result = GeneratorHarness.Build(src);
        var sb = new System.Text.StringBuilder();
        foreach (var d in result.CompilerDiagnostics) sb.AppendLine("COMPILER " + d);
        foreach (var d in result.AnalyzerDiagnostics) sb.AppendLine("SG " + d);
        foreach (var t in result.Run.GeneratedTrees) { sb.AppendLine("==== " + System.IO.Path.GetFileName(t.FilePath)); sb.AppendLine(t.ToString()); }
        System.IO.File.WriteAllText("/tmp/gdump/out.txt", sb.ToString());
    }
}
