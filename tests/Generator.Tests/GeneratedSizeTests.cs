using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using SourceGen.Generator.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace SourceGen.Generator.Tests;

/// <summary>
/// How much C# the kernel library (KernelLibrary/*.cs) generates: every user's full build compiles it, so its size
/// is build time. The test prints the total and per entry point, and fails if it grows past a generous bound, so
/// the generated code cannot silently double again. (The exact number goes in reports, not in an assertion.)
/// </summary>
public sealed class GeneratedSizeTests(ITestOutputHelper output)
{
    /// <summary>
    /// Measured 2026-12-07: 2,829,214 chars in 88 files before the per-width loops moved to SourceGen.Internal.SimdLoop,
    /// 2,329,191 after; 1,989,021 with the short vector names (Vector512 where it provably binds); 1,627,671 with the loop steps'
    /// two versions (ranges tested once / per step) written once, as a method generic in StepRanges*; 1,413,523 with comments
    /// once (the narrower widths' copies point at the widest one's), file-scoped namespaces and SourceGen.Internal.Jit's
    /// MethodImpl options. The bound leaves room for new kernels and constructs, not for another halving's worth.
    /// </summary>
    private const int MaxTotalChars = 1_800_000;

    [Fact]
    public void KernelLibrary_GeneratedCodeStaysSmall()
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "KernelLibrary");
        string[] sources = Directory.GetFiles(directory, "*.cs").OrderBy(p => p, StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        GeneratorHarness.BuildResult result = GeneratorHarness.Build(sources);
        Assert.Empty(result.Errors);

        SyntaxTree[] trees = result.Run.GeneratedTrees.Where(t => !t.FilePath.Contains("Attributes", StringComparison.Ordinal)).ToArray();
        long total = trees.Sum(t => (long)t.GetText().Length);
        output.WriteLine($"SOURCEGEN-SIZE kernel library: {trees.Length} generated files, {total:N0} chars, {total / Math.Max(1, trees.Length):N0} per file");
        foreach (SyntaxTree tree in trees.OrderByDescending(t => t.GetText().Length).Take(10))
        {
            output.WriteLine($"  {tree.GetText().Length,8:N0}  {Path.GetFileName(tree.FilePath)}");
        }

        // SOURCEGEN_DUMP=dir writes the files there, to read or diff them.
        if (Environment.GetEnvironmentVariable("SOURCEGEN_DUMP") is { Length: > 0 } dump)
        {
            Directory.CreateDirectory(dump);
            foreach (SyntaxTree tree in trees)
            {
                File.WriteAllText(Path.Combine(dump, Path.GetFileName(tree.FilePath)), tree.GetText().ToString());
            }
        }

        Assert.True(total <= MaxTotalChars, $"The kernel library generates {total:N0} chars of C#, more than {MaxTotalChars:N0}");
    }
}
