using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SourceGen.Generator.Diagnostics;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Tests.Harness;

/// <summary>Compiles sources in memory with the generator and the analyzer, as a consumer project would.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(SourceGen.VectorizeAttribute).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(System.Numerics.Tensors.TensorSpan<>).Assembly.Location)) // [GuVectorize] views
            .Append(MetadataReference.CreateFromFile(typeof(ILGPU.Context).Assembly.Location)) // Target.Gpu
            .Append(MetadataReference.CreateFromFile(typeof(SourceGen.Gpu.GpuRuntime).Assembly.Location)) // Target.Gpu: the SourceGen.Gpu package
            .ToImmutableArray();

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Kernel{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new SourceGenGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator with MSBuild properties visible to it (build_property.X), as a project's build does.</summary>
    public static GeneratorDriverRunResult RunWithProperties(IReadOnlyDictionary<string, string> properties, params string[] sources)
    {
        var options = new BuildProperties(properties.ToDictionary(p => "build_property." + p.Key, p => p.Value));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new SourceGenGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            optionsProvider: options);
        return driver.RunGenerators(Compile(sources)).GetRunResult();
    }

    private sealed class BuildProperties(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(new Dictionary<string, string>());

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }

    /// <summary>The result of a build: generated files, compiler diagnostics of the whole output, SourceGen diagnostics (generator and analyzer).</summary>
    public sealed record BuildResult(
        GeneratorDriverRunResult Run,
        Compilation Output,
        ImmutableArray<Diagnostic> CompilerDiagnostics,
        ImmutableArray<Diagnostic> AnalyzerDiagnostics)
    {
        public string Generated(string hintNameStart) =>
            Run.GeneratedTrees.Single(tree => System.IO.Path.GetFileName(tree.FilePath).StartsWith(hintNameStart, StringComparison.Ordinal)).ToString();

        public IEnumerable<Diagnostic> Errors => CompilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

        /// <summary>SourceGen's diagnostics reported by the generator (the rest of <see cref="AnalyzerDiagnostics"/> are the analyzer's).</summary>
        public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; init; } = ImmutableArray<Diagnostic>.Empty;

        /// <summary>The ids both the generator and the analyzer reported: each SG diagnostic has one reporter (ARCHITECTURE.md).</summary>
        public IEnumerable<string> IdsReportedTwice =>
            GeneratorDiagnostics.Select(d => d.Id).Intersect(AnalyzerDiagnostics.Skip(GeneratorDiagnostics.Length).Select(d => d.Id));
    }

    public static BuildResult Build(params string[] sources) => Build(null, sources);

    /// <summary>A build with some diagnostics' severities changed, as <c>dotnet_diagnostic.ID.severity</c> in .editorconfig does.</summary>
    public static BuildResult Build(IReadOnlyDictionary<string, ReportDiagnostic>? severities, params string[] sources)
    {
        CSharpCompilation compilation = Compile(sources);
        if (severities is not null)
        {
            compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(severities));
        }

        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorDriverRunResult run = driver.GetRunResult();
        ImmutableArray<Diagnostic> analyzer = output
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new KernelAnalyzer()))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None).Result;

        // SourceGen's diagnostics come from both: entry points from the generator, kernels from the analyzer.
        return new BuildResult(run, output, output.GetDiagnostics(), generatorDiagnostics.AddRange(analyzer)) { GeneratorDiagnostics = generatorDiagnostics };
    }
}
