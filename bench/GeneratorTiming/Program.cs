using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SourceGen.Generator;

namespace SourceGen.GeneratorTiming;

/// <summary>
/// How long the generator takes per edit, as an IDE re-runs it on every keystroke: one GeneratorDriver over the kernel
/// library (tests/Generator.Tests/KernelLibrary, 78 entry points) plus one file with no kernels, run once, then re-run
/// after (a) an edit inside a method of the file with no kernels, (b) a comment added in a kernel file, (c) an edit in a
/// kernel's body, (d) no edit. Each sample is a fresh edit of the previous compilation (as typing is); it prints the
/// median and quartiles of the generator's own time (GeneratorDriver.GetTimingInfo) and of the whole RunGenerators call.
/// Usage: dotnet run -c Release --project bench/GeneratorTiming [-- --samples N] [--library DIR] [--steps]
/// <para>
/// <c>--steps</c>: also each incremental step's own time per case (Roslyn's step tracking, which adds its own overhead to
/// the totals); what is left of the generator's time outside the steps is the driver's (its [SuppressMessage] check of
/// generator diagnostics is one such cost: the first line lists the diagnostics the generator reports).
/// </para>
/// <para>
/// <c>--analyzer [--document FILE]</c>: the analyzer's cost instead (KernelAnalyzer, over the compilation with the generated
/// files, as the IDE and the build run it): (e) the whole compilation after an edit in the file with no kernels
/// (CompilationWithAnalyzers.GetAnalyzerDiagnosticsAsync, as a build does), (f) one kernel file after a comment added
/// in it (GetAnalyzerSemanticDiagnosticsAsync of that document, as an IDE does for the open file; FILE defaults to
/// Gpu.cs). Each sample is a new compilation (an edit), so nothing bound before is reused. Wall and process CPU time
/// include the compiler's binding the analyzer driver asks for; "analyzer's own" is the driver's execution time of
/// KernelAnalyzer's callbacks (logAnalyzerExecutionTime), summed over threads.
/// </para>
/// </summary>
public static class Program
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>A file with no kernels: edits here must not make the generator read any kernel again.</summary>
    private const string NoKernels = """
        namespace KernelLibrary;

        public static class Settings
        {
            public static int Answer()
            {
                int answer = 42;
                return answer;
            }
        }
        """;

    public static int Main(string[] args)
    {
        int samples = 40;
        bool floor = args.Contains("--floor");
        bool analyzer = args.Contains("--analyzer");
        string document = "Gpu.cs";
        string library = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "tests", "Generator.Tests", "KernelLibrary");
        for (int i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--samples")
            {
                samples = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--library")
            {
                library = args[i + 1];
            }
            else if (args[i] == "--document")
            {
                document = args[i + 1];
            }
        }

        string[] paths = Directory.GetFiles(library, "*.cs").OrderBy(p => p, StringComparer.Ordinal).ToArray();
        if (paths.Length == 0)
        {
            Console.Error.WriteLine($"No kernel library in {library}; pass --library DIR");
            return 1;
        }

        ImmutableArray<MetadataReference> references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(SourceGen.VectorizeAttribute).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(System.Numerics.Tensors.TensorSpan<>).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(Path.Combine(Path.GetDirectoryName(typeof(SourceGen.VectorizeAttribute).Assembly.Location)!, "ILGPU.dll")))
            .Append(MetadataReference.CreateFromFile(Path.Combine(Path.GetDirectoryName(typeof(SourceGen.VectorizeAttribute).Assembly.Location)!, "SourceGen.Gpu.dll")))
            .ToImmutableArray();
        List<SyntaxTree> trees = paths.Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), ParseOptions, path: Path.GetFileName(p))).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(NoKernels, ParseOptions, path: "Settings.cs"));
        CSharpCompilation compilation = CSharpCompilation.Create("KernelLibrary", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        // --floor: Roslyn's own cost of finding the entry points (ForAttributeWithMetadataName binds every attributed
        // method of a new compilation), with a transform that does nothing: the least any generator pays per edit.
        IIncrementalGenerator measured = floor ? new FloorGenerator() : new SourceGenGenerator();
        bool steps = args.Contains("--steps");
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { measured.AsSourceGenerator() }, parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: steps));
        var clock = Stopwatch.StartNew();
        driver = driver.RunGenerators(compilation);
        GeneratorDriverRunResult first = driver.GetRunResult();
        Console.WriteLine($"first run: {clock.Elapsed.TotalMilliseconds:F0} ms, {first.GeneratedTrees.Length} files, generator {driver.GetTimingInfo().GeneratorTimes[0].ElapsedTime.TotalMilliseconds:F0} ms, diagnostics: {string.Join(" ", first.Diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key).Select(g => $"{g.Key}x{g.Count()}"))}");

        SyntaxTree settings = compilation.SyntaxTrees.Single(t => t.FilePath == "Settings.cs");
        if (analyzer)
        {
            return AnalyzerTimes(driver, compilation, settings, document, samples);
        }

        SyntaxTree activations = compilation.SyntaxTrees.Single(t => t.FilePath == "Activations.cs");
        string activationsText = activations.GetText().ToString();
        const string KernelLiteral = "0.044715f";
        if (!activationsText.Contains(KernelLiteral, StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"Activations.cs no longer contains {KernelLiteral}: update the kernel edit");
            return 1;
        }

        var cases = new (string Name, Func<int, string?> Edit, SyntaxTree Tree)[]
        {
            ("(a) edit in a file with no kernels", i => NoKernels.Replace("42", (43 + i).ToString(CultureInfo.InvariantCulture)), settings),
            ("(b) comment added in a kernel file", i => "// edit " + i.ToString(CultureInfo.InvariantCulture) + "\n" + activationsText, activations),
            ("(c) edit in a kernel's body", i => activationsText.Replace(KernelLiteral, (i % 2 == 0 ? "0.044716f" : "0.044717f")), activations),
            ("(d) no edit", _ => null, activations),
        };

        Console.WriteLine($"{samples} samples per case, medians [quartiles] in ms; generator = GetTimingInfo().GeneratorTimes[0].ElapsedTime");
        foreach ((string name, Func<int, string?> edit, SyntaxTree tree) in cases)
        {
            var generator = new List<double>();
            var stepTimes = new Dictionary<string, List<double>>();
            var whole = new List<double>();
            var cpu = new List<double>();
            CSharpCompilation current = compilation;
            SyntaxTree currentTree = tree;
            for (int i = -3; i < samples; i++)
            {
                string? text = edit(i);
                if (text is not null)
                {
                    SyntaxTree next = CSharpSyntaxTree.ParseText(text, ParseOptions, path: currentTree.FilePath);
                    current = current.ReplaceSyntaxTree(currentTree, next);
                    currentTree = next;
                }

                // Process CPU time too: on a loaded machine wall time includes waiting for a core.
                TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                clock.Restart();
                driver = driver.RunGenerators(current);
                double elapsed = clock.Elapsed.TotalMilliseconds;
                double cpuElapsed = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
                if (i >= 0)
                {
                    whole.Add(elapsed);
                    cpu.Add(cpuElapsed);
                    generator.Add(driver.GetTimingInfo().GeneratorTimes[0].ElapsedTime.TotalMilliseconds);
                    if (steps)
                    {
                        GeneratorRunResult run = driver.GetRunResult().Results[0];
                        foreach (var (stepName, runs) in run.TrackedSteps.Concat(run.TrackedOutputSteps))
                        {
                            if (!stepTimes.TryGetValue(stepName, out List<double>? list))
                            {
                                stepTimes[stepName] = list = new List<double>();
                            }

                            list.Add(runs.Sum(r => r.ElapsedTime.TotalMilliseconds));
                        }
                    }
                }
            }

            // Back to the original compilation, so each case starts from the same state.
            driver = driver.RunGenerators(compilation);
            Console.WriteLine($"{name,-40} generator {Quartiles(generator)}   RunGenerators {Quartiles(whole)}   CPU {Quartiles(cpu)}");
            foreach ((string stepName, List<double> times) in stepTimes.OrderByDescending(p => p.Value.Sum()))
            {
                Console.WriteLine($"    step {stepName,-36} {Quartiles(times)}");
            }
        }

        return 0;
    }

    /// <summary>The analyzer's time per edit: the whole compilation (e), and one kernel file (f); wall and process CPU time.</summary>
    private static int AnalyzerTimes(GeneratorDriver driver, CSharpCompilation compilation, SyntaxTree settings, string document, int samples)
    {
        ImmutableArray<DiagnosticAnalyzer> analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new SourceGen.Generator.Diagnostics.KernelAnalyzer());
        if (compilation.SyntaxTrees.SingleOrDefault(t => t.FilePath == document) is not { } kernelFile)
        {
            Console.Error.WriteLine($"No {document} in the kernel library; pass --document FILE");
            return 1;
        }

        string kernelText = kernelFile.GetText().ToString();
        var cases = new (string Name, Func<int, string> Edit, SyntaxTree Tree, bool OneDocument)[]
        {
            ("(e) whole compilation, edit elsewhere", i => NoKernels.Replace("42", (43 + i).ToString(CultureInfo.InvariantCulture)), settings, false),
            ($"(f) {document} after a comment in it", i => "// edit " + i.ToString(CultureInfo.InvariantCulture) + "\n" + kernelText, kernelFile, true),
        };

        Console.WriteLine($"analyzer: {samples} samples per case, medians [quartiles] in ms (wall, and process CPU time: the analyzer runs concurrently)");
        foreach ((string name, Func<int, string> edit, SyntaxTree tree, bool oneDocument) in cases)
        {
            var wall = new List<double>();
            var cpu = new List<double>();
            var own = new List<double>();
            int found = 0;
            CSharpCompilation current = compilation;
            SyntaxTree currentTree = tree;
            var clock = new Stopwatch();
            for (int i = -3; i < samples; i++)
            {
                SyntaxTree next = CSharpSyntaxTree.ParseText(edit(i), ParseOptions, path: currentTree.FilePath);
                current = current.ReplaceSyntaxTree(currentTree, next);
                currentTree = next;

                // What the analyzer sees: the user's files and the generated ones (not timed: the generator's own cost is above).
                driver.RunGeneratorsAndUpdateCompilation(current, out Compilation output, out _);
                var withAnalyzers = output.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true));
                TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                clock.Restart();
                ImmutableArray<Diagnostic> diagnostics = oneDocument
                    ? withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(output.GetSemanticModel(currentTree), null, System.Threading.CancellationToken.None).Result
                    : withAnalyzers.GetAnalyzerDiagnosticsAsync(System.Threading.CancellationToken.None).Result;
                double elapsed = clock.Elapsed.TotalMilliseconds;
                double cpuElapsed = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
                if (i >= 0)
                {
                    wall.Add(elapsed);
                    cpu.Add(cpuElapsed);
                    own.Add(withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzers[0], System.Threading.CancellationToken.None).Result.ExecutionTime.TotalMilliseconds);
                    found = diagnostics.Length;
                }
            }

            Console.WriteLine($"{name,-44} wall {Quartiles(wall)}   CPU {Quartiles(cpu)}   analyzer's own {Quartiles(own)}   ({found} diagnostics)");
        }

        return 0;
    }

    private static string Quartiles(List<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        double At(double q) => sorted[(int)Math.Round(q * (sorted.Length - 1))];
        return string.Create(CultureInfo.InvariantCulture, $"{At(0.5),7:F1} [{At(0.25):F1}-{At(0.75):F1}]");
    }

    /// <summary>The three forms' ForAttributeWithMetadataName with a transform that only names the method.</summary>
    private sealed class FloorGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            foreach (string attribute in new[] { "SourceGen.VectorizeAttribute", "SourceGen.GuVectorizeAttribute", "SourceGen.ParallelAttribute" })
            {
                IncrementalValuesProvider<string> names = context.SyntaxProvider.ForAttributeWithMetadataName(
                    attribute, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax, static (c, _) => c.TargetSymbol.Name);
                context.RegisterSourceOutput(names.Collect(), static (_, _) => { });
            }
        }
    }
}
