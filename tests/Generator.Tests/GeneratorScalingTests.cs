using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SourceGen.Generator.Diagnostics;
using SourceGen.Generator.Model;
using SourceGen.Generator.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace SourceGen.Generator.Tests;

/// <summary>
/// The generator and the analyzer take time linear in a kernel's size: a long polynomial or a deep decision tree
/// (nested ?:, ifs, loops) in each of the three forms builds well within the guard, on a 1 MB stack (an IDE thread's
/// on Windows) without overflowing it, and the generated code compiles. Deeper than the generator reads, a kernel runs
/// scalar with a diagnostic. The guard is a hang check (the quadratic generator took minutes), loose enough for noise.
/// </summary>
public sealed class GeneratorScalingTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(15);

    public enum Shape { Polynomial, Ternaries, Ifs, Loops }

    public enum Form { Vectorize, Parallel, GuVectorize }

    [Theory]
    [InlineData(Form.Vectorize, Shape.Polynomial, 1000)]
    [InlineData(Form.Parallel, Shape.Polynomial, 1000)]
    [InlineData(Form.GuVectorize, Shape.Polynomial, 1000)]
    [InlineData(Form.Vectorize, Shape.Ternaries, 300)]
    [InlineData(Form.Parallel, Shape.Ternaries, 300)]
    [InlineData(Form.GuVectorize, Shape.Ternaries, 300)]
    [InlineData(Form.Vectorize, Shape.Ifs, 300)]
    [InlineData(Form.Parallel, Shape.Ifs, 300)]
    [InlineData(Form.GuVectorize, Shape.Ifs, 300)]
    [InlineData(Form.Vectorize, Shape.Loops, 300)]
    [InlineData(Form.Parallel, Shape.Loops, 300)]
    [InlineData(Form.GuVectorize, Shape.Loops, 300)]
    public void LargeKernel_BuildsInLinearTime_AndCompiles(Form form, Shape shape, int size)
    {
        Timed result = Build(Kernels.Source(form, shape, size), GeneratorStack(shape));
        output.WriteLine($"{form} {shape} {size}: generator {result.Generator.TotalMilliseconds:F0} ms, analyzer {result.Analyzer.TotalMilliseconds:F0} ms");

        Assert.Empty(result.Errors);
        Assert.DoesNotContain(result.Diagnostics, d => d.GetMessage().Contains("nested more than", StringComparison.Ordinal));
        Assert.True(result.Generator < Guard, $"the generator took {result.Generator.TotalSeconds:F1} s");
        Assert.True(result.Analyzer < Guard, $"the analyzer took {result.Analyzer.TotalSeconds:F1} s");
    }

    [Theory]
    [InlineData(Form.Vectorize, Shape.Polynomial, 5000, "SG0102", "an expression nested more than")]
    [InlineData(Form.Parallel, Shape.Polynomial, 5000, "SG0302", "an expression nested more than")]
    [InlineData(Form.Vectorize, Shape.Ifs, 420, "SG0102", "statements nested more than")]
    [InlineData(Form.Parallel, Shape.Loops, 420, "SG0302", "nests statements more than")]
    public void DeeperThanTheLimit_RunsScalarWithADiagnostic_AndCompiles(Form form, Shape shape, int size, string id, string message)
    {
        Timed result = Build(Kernels.Source(form, shape, size), GeneratorStack(shape));
        output.WriteLine($"{form} {shape} {size}: generator {result.Generator.TotalMilliseconds:F0} ms, analyzer {result.Analyzer.TotalMilliseconds:F0} ms");

        Assert.Empty(result.Errors);
        // No time guard here: beyond the limits Roslyn's own binding and flow analysis of the user's nest dominate.
        Assert.Contains(result.Diagnostics, d => d.Id == id && d.GetMessage().Contains(message, StringComparison.Ordinal));
    }

    private sealed record Timed(TimeSpan Generator, TimeSpan Analyzer, IReadOnlyList<Diagnostic> Errors, IReadOnlyList<Diagnostic> Diagnostics);

    /// <summary>
    /// Generator and analyzer, each timed on its own, then the whole output compiled; never a crash. The generator runs
    /// on a small stack (<see cref="GeneratorStack"/>); the analyzer and the compilation on a large one, since Roslyn's
    /// own flow analysis of the user's 300 nested loops needs more than 1 MB, with or without SourceGen.
    /// </summary>
    private static Timed Build(string source, int generatorStack)
    {
        CSharpCompilation input = GeneratorHarness.Compile(source);
        Compilation compilation = input;
        ImmutableArray<Diagnostic> generated = default;
        GeneratorDriver driver = OnStack(generatorStack, () => GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(input, out compilation, out generated));
        GeneratorDriverRunResult run = driver.GetRunResult();
        Exception? exception = run.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null);
        Assert.True(exception is null, $"the generator threw: {exception}");
        Assert.Single(run.GeneratedTrees);

        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
        CompilationWithAnalyzers withAnalyzer = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new KernelAnalyzer()), options);
        ImmutableArray<Diagnostic> analyzed = OnStack(64 * 1024 * 1024, () => withAnalyzer.GetAnalyzerDiagnosticsAsync(CancellationToken.None).Result);
        Assert.DoesNotContain(analyzed, d => d.Id == "AD0001");
        TimeSpan analyzer = withAnalyzer.GetAnalyzerTelemetryInfoAsync(withAnalyzer.Analyzers[0], CancellationToken.None).Result.ExecutionTime;
        List<Diagnostic> errors = OnStack(64 * 1024 * 1024, () => compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList());

        return new Timed(driver.GetTimingInfo().ElapsedTime, analyzer, errors, generated.AddRange(analyzed));
    }

    /// <summary>
    /// 1 MB, an IDE thread's on Windows, where an overflow takes the IDE down; 4 MB for nested loops and nested ifs,
    /// whose nullable analysis (run by Roslyn for the generator's semantic model, SourceGen or not: the overflowing
    /// frames are Roslyn's NullableWalker.VisitIfStatement/VisitBlock) needs about 1 MB at 300–420 levels, more or less
    /// depending on which tier the JIT has compiled Roslyn's walker at by then (seen: 2 crashes in 4 full runs).
    /// </summary>
    private static int GeneratorStack(Shape shape) => shape is Shape.Loops or Shape.Ifs ? 4 * 1024 * 1024 : 1024 * 1024;

    /// <summary>Runs on a thread with the given stack (1 MB: an IDE thread's on Windows, where an overflow takes the IDE down).</summary>
    private static T OnStack<T>(int stackSize, Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, stackSize);
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    /// <summary>Kernels of a given size in the shapes machine-written code has.</summary>
    internal static class Kernels
    {
        private const string Header = "using System;\nusing SourceGen;\n\nnamespace Demo;\n\npublic static partial class Big\n{\n";

        public static string Source(Form form, Shape shape, int size)
        {
            var text = new StringBuilder(Header);
            string body = shape switch
            {
                Shape.Polynomial => "        v = " + Polynomial(size) + ";\n",
                Shape.Ternaries => "        v = " + Ternaries(size) + ";\n",
                Shape.Ifs => Ifs(size),
                _ => Loops(size),
            };
            switch (form)
            {
                case Form.Vectorize:
                    text.Append("    static double K(double x, double y)\n    {\n        double v = x;\n");
                    text.Append(body);
                    text.Append("        return v;\n    }\n\n");
                    text.Append("    [Vectorize(nameof(K))]\n    public static partial void Run(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);\n");
                    break;
                case Form.Parallel:
                    text.Append("    static void K(ReadOnlySpan<double> src, Span<double> dst, int width, int height)\n    {\n");
                    text.Append("        foreach (int row in Loops.Prange(height))\n        {\n");
                    text.Append("            for (int col = 0; col < width; col++)\n            {\n");
                    text.Append("                double x = src[row * width + col];\n                double y = x * 0.5;\n                double v = x;\n");
                    text.Append(Indent(body, 8));
                    text.Append("                dst[row * width + col] = v;\n            }\n        }\n    }\n\n");
                    text.Append("    [Parallel(nameof(K))]\n    public static partial void Run(ReadOnlySpan<double> src, Span<double> dst, int width, int height);\n");
                    break;
                default:
                    text.Append("    static void K(ReadOnlySpan<double> a, double y, Span<double> result)\n    {\n");
                    text.Append("        for (int i = 0; i < a.Length; i++)\n        {\n");
                    text.Append("            double x = a[i];\n            double v = x;\n");
                    text.Append(Indent(body, 4));
                    text.Append("            result[i] = v;\n        }\n    }\n\n");
                    text.Append("    [GuVectorize(nameof(K), \"(n),()->(n)\")]\n    public static partial void Run(double[,] a, double y, double[,] result);\n");
                    break;
            }

            return text.Append("}\n").ToString();
        }

        private static string Indent(string body, int spaces)
        {
            string pad = new(' ', spaces);
            return string.Join("\n", body.Split('\n').Select(line => line.Length == 0 ? line : pad + line));
        }

        /// <summary>A sum of terms of degree 0 to 3 in x and y (Roslyn parses it as a left-deep chain of +).</summary>
        public static string Polynomial(int terms)
        {
            var text = new StringBuilder();
            for (int i = 0; i < terms; i++)
            {
                if (i > 0)
                {
                    text.Append(i % 3 == 0 ? " - " : " + ");
                }

                text.Append(Coefficient(i)).Append((i % 4) switch { 0 => "", 1 => " * x", 2 => " * x * y", _ => " * x * x * y" });
            }

            return text.ToString();
        }

        /// <summary>A decision tree's path: each test nests the next in its true branch, a leaf in its false one.</summary>
        public static string Ternaries(int depth)
        {
            var text = new StringBuilder();
            for (int i = 0; i < depth; i++)
            {
                text.Append(i % 2 == 0 ? "x" : "y").Append(" < ").Append(Coefficient(i)).Append(" ? ");
            }

            text.Append("x * y");
            for (int i = depth - 1; i >= 0; i--)
            {
                text.Append(" : ").Append(Coefficient(i + 7));
            }

            return text.ToString();
        }

        /// <summary>Nested ifs, each with an else that assigns (a generated decision tree written as statements).</summary>
        public static string Ifs(int depth)
        {
            var text = new StringBuilder();
            for (int i = 0; i < depth; i++)
            {
                text.Append("        if (").Append(i % 2 == 0 ? "x" : "y").Append(" < ").Append(Coefficient(i)).Append(")\n        {\n");
            }

            text.Append("        v = x * y;\n");
            for (int i = depth - 1; i >= 0; i--)
            {
                text.Append("        }\n        else\n        {\n            v = ").Append(Coefficient(i + 7)).Append(";\n        }\n");
            }

            return text.ToString();
        }

        /// <summary>Nested counted loops, each adding to v before the next.</summary>
        public static string Loops(int depth)
        {
            var text = new StringBuilder();
            for (int i = 0; i < depth; i++)
            {
                text.Append("        for (int k").Append(i).Append(" = 0; k").Append(i).Append(" < ").Append(1 + i % 3).Append("; k").Append(i).Append("++)\n        {\n");
                text.Append("            v = v * 0.5 + ").Append(Coefficient(i)).Append(";\n");
            }

            text.Append("            v += x * y;\n");
            for (int i = 0; i < depth; i++)
            {
                text.Append("        }\n");
            }

            return text.ToString();
        }

        private static string Coefficient(int i) => (0.25 + (i % 97) / 8.0).ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture);
    }
}
