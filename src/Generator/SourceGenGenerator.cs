using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGen.Generator.Diagnostics;
using SourceGen.Generator.Emitting;
using SourceGen.Generator.Model;
using SourceGen.Generator.Parsing;

namespace SourceGen.Generator;

/// <summary>
/// The incremental generator: finds <c>[Vectorize]</c> entry points, reads each with its kernel into an
/// equatable <see cref="VectorizeModel"/> (no symbols or syntax kept), and emits one file per entry point.
/// Diagnostics come from <see cref="Diagnostics.KernelAnalyzer"/>, which reads the same parser and
/// classification, so the generated code stays cached while the user types.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SourceGenGenerator : IIncrementalGenerator
{
    /// <summary>Names of the incremental steps, for caching tests.</summary>
    public static class TrackingNames
    {
        /// <summary>The parse of every entry point of the three forms ([Vectorize], [Parallel], [GuVectorize]).</summary>
        public const string ParsedEntryPoints = nameof(ParsedEntryPoints);
        public const string ValidModels = nameof(ValidModels);
        public const string Diagnostics = nameof(Diagnostics);
        public const string ParallelModels = nameof(ParallelModels);
        public const string GuModels = nameof(GuModels);
        public const string Stubs = nameof(Stubs);
        /// <summary>Whether the compilation references SourceGen.Gpu (Target.Gpu's runtime).</summary>
        public const string GpuPackage = nameof(GpuPackage);
        /// <summary>The parses with Target.Gpu entry points turned into SG0011 where SourceGen.Gpu is missing.</summary>
        public const string Resolved = nameof(Resolved);
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // One parse per attributed method; every attribute of the three forms goes through it, so misuse of a form not
        // implemented yet is reported too. The transform runs again for every attributed method on every edit (each edit is
        // a new compilation); ParseReuse hands back the stored parse of each method the edit cannot change without binding
        // anything, so only those parse again, and the steps after this one see equal results. ForAttributeWithMetadataName
        // would bind every attributed method's attributes on every edit before asking (10 ms for the kernel library's 78
        // entry points, more than all the rest of an edit elsewhere); with aliases (`using V = SourceGen.VectorizeAttribute;`,
        // global ones too) a name is no test, so every method with attributes is a candidate, answered from the store.
        IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => node is MethodDeclarationSyntax { AttributeLists.Count: > 0 }, static (c, ct) => ParseOrReuse(c, ct))
            .SelectMany(static (results, _) => results)
            .WithTrackingName(TrackingNames.ParsedEntryPoints);

        // Target.Gpu code calls SourceGen.Gpu (ILGPU), a package of its own: where the project lacks it, such an entry
        // point gets SG0011 and a throwing body instead of code that would not compile. The parse does not ask (it stays
        // a function of the declarations and files it reads, see ParseReuse); the bool, which changes only when the
        // references do, is combined with each parse here, so the steps after this one stay cached while the user types.
        IncrementalValueProvider<bool> gpuPackage = context.CompilationProvider
            .Select(static (compilation, _) => compilation.GetTypeByMetadataName(GpuRuntimeTypeName) is not null)
            .WithTrackingName(TrackingNames.GpuPackage);
        parsed = parsed.Combine(gpuPackage)
            .Select(static (input, _) => input.Right ? input.Left : WithoutGpuPackage(input.Left))
            .WithTrackingName(TrackingNames.Resolved);

        IncrementalValuesProvider<VectorizeModel> valid = parsed
            .Where(static result => result.Model is VectorizeModel)
            .Select(static (result, _) => (VectorizeModel)result.Model!)
            .WithTrackingName(TrackingNames.ValidModels);

        context.RegisterSourceOutput(valid, static (output, model) =>
            Emit(output, model.HintName, model.Fallback, () => VectorizeEmitter.Emit(model)));

        IncrementalValuesProvider<ParallelModel> parallel = parsed
            .Where(static result => result.Model is ParallelModel)
            .Select(static (result, _) => (ParallelModel)result.Model!)
            .WithTrackingName(TrackingNames.ParallelModels);
        context.RegisterSourceOutput(parallel, static (output, model) =>
            Emit(output, model.HintName, model.Fallback, () => ParallelEmitter.Emit(model)));

        IncrementalValuesProvider<GuModel> gufuncs = parsed
            .Where(static result => result.Model is GuModel)
            .Select(static (result, _) => (GuModel)result.Model!)
            .WithTrackingName(TrackingNames.GuModels);
        context.RegisterSourceOutput(gufuncs, static (output, model) =>
            Emit(output, model.HintName, model.Fallback, () => GuEmitter.Emit(model)));

        // Entry points nothing could be generated for still get a body (one that throws), so SourceGen's error is the only one.
        IncrementalValuesProvider<EntryStub> stubs = parsed
            .Where(static result => result.Stub is not null)
            .Select(static (result, _) => result.Stub!)
            .WithTrackingName(TrackingNames.Stubs);
        context.RegisterSourceOutput(stubs, static (output, stub) =>
            output.AddSource(stub.Names.HintName, EntryStubEmitter.Emit(stub)));

        // Errors come from the generator: when nothing is generated the compiler reports CS8795 and skips analyzers, so
        // only this way does a command-line build say why. Warnings and information about the same decisions are the
        // analyzer's, from this parse (DiagnosticInfo.ReportedByGenerator says why). Each DiagnosticInfo locates itself
        // (it keeps its file's tree, see there), so this output does not read the compilation and stays cached while the
        // user types elsewhere.
        IncrementalValuesProvider<DiagnosticInfo> diagnostics = parsed
            .SelectMany(static (result, _) => result.Diagnostics.Where(static diagnostic => diagnostic.ReportedByGenerator))
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, diagnostic) =>
            output.ReportDiagnostic(diagnostic.ToDiagnostic()));

        // <SourceGenReport>true</SourceGenReport>: one annotated HTML page of every kernel, as `cython -a` writes.
        // Generators write no files: it goes into a generated file's comment, and the package's MSBuild target copies
        // it to obj/SourceGenReport.html.
        IncrementalValueProvider<bool> reportWanted = context.AnalyzerConfigOptionsProvider.Select(static (options, _) =>
            options.GlobalOptions.TryGetValue("build_property.SourceGenReport", out string? value) && string.Equals(value, "true", System.StringComparison.OrdinalIgnoreCase));
        // The compilation is read only when the report is wanted (for the analyzer's notes beside the lines).
        context.RegisterSourceOutput(parsed.Collect().Combine(reportWanted).Combine(context.CompilationProvider), static (output, input) =>
        {
            if (input.Left.Right)
            {
                string report;
                try
                {
                    report = ReportEmitter.EmitAsComment(input.Left.Left, input.Right);
                }
                catch (System.Exception exception) when (exception is not System.OperationCanceledException)
                {
                    // The report is an aid: a bug in it must not cost the build its generated code.
                    report = $"// <auto-generated/>\n// SourceGen could not write its report ({exception.GetType().Name}: {exception.Message.Replace('\n', ' ')}); please report it.\n";
                }

                output.AddSource(ReportEmitter.HintName, report);
            }
        });

        // build_property._SourceGenSummaryFile (the package's targets set it for SourceGenSummary and SourceGenSnapshots): the counts behind the one line the
        // build prints, and the hint names of the entry points' files (what SourceGenSnapshots compares), in a comment.
        IncrementalValueProvider<bool> summaryWanted = context.AnalyzerConfigOptionsProvider.Select(static (options, _) =>
            options.GlobalOptions.TryGetValue("build_property._SourceGenSummaryFile", out string? value) && string.Equals(value, "true", System.StringComparison.OrdinalIgnoreCase));
        context.RegisterSourceOutput(parsed.Collect().Combine(summaryWanted), static (output, input) =>
        {
            if (input.Right && !input.Left.IsEmpty)
            {
                string summary;
                try
                {
                    summary = SummaryEmitter.Emit(input.Left);
                }
                catch (System.Exception exception) when (exception is not System.OperationCanceledException)
                {
                    summary = $"// <auto-generated/>\n// SourceGen could not count its entry points ({exception.GetType().Name}); please report it.\n";
                }

                output.AddSource(SummaryEmitter.HintName, summary);
            }
        });
    }

    /// <summary>
    /// Adds one entry point's generated file. The generator never throws: an exception while writing it (a bug of
    /// ours) becomes SG0002 and the entry point's throwing body, and every other entry point is generated as usual
    /// (an exception escaping here would make the compiler drop every generated file of the project, CS8785).
    /// </summary>
    /// <summary>The stack a kernel too deep for the caller's thread is read again on.</summary>
    private const int LargeStack = 64 * 1024 * 1024;

    /// <summary>Tests set an entry point's name here to see what a bug in an emitter does to the build.</summary>
    internal static string? FailEmitForTests;

    private static void Emit(SourceProductionContext output, string hintName, EmitFallback? fallback, System.Func<string> emit)
    {
        string text;
        try
        {
            if (fallback is not null && fallback.EntryName == FailEmitForTests)
            {
                throw new System.InvalidOperationException("emitter failure injected by a test");
            }

            text = emit();
        }
        catch (System.Exception exception) when (exception is not System.OperationCanceledException)
        {
            if (fallback is null)
            {
                return;
            }

            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratorFailed, fallback.Spot.ToLocation(), fallback.EntryName,
                $"the generator met {exception.GetType().Name} ({exception.Message}) writing its code"));
            if (fallback.Stub is { } stub)
            {
                output.AddSource(stub.Names.HintName, EntryStubEmitter.Emit(stub with { DiagnosticIds = DiagnosticDescriptors.GeneratorFailed.Id }));
            }

            return;
        }

        output.AddSource(hintName, text);
    }

    /// <summary>A type of SourceGen.Gpu.dll: the generator emits Target.Gpu code only where the compilation can see it.</summary>
    internal const string GpuRuntimeTypeName = "SourceGen.Gpu.GpuRuntime";

    /// <summary>
    /// A Target.Gpu entry point's parse in a project without SourceGen.Gpu: SG0011 on its Target argument, and instead of
    /// its code (which calls SourceGen.Gpu) the body that throws, so SG0011 and the parse's own errors are the build's only ones.
    /// </summary>
    internal static ParseResult WithoutGpuPackage(ParseResult result)
    {
        if (result.GpuPackageMissing is not { } missing)
        {
            return result;
        }

        EntryStub? stub = result.Stub ?? result.Model?.Fallback?.Stub;
        string ids = string.Join(", ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).Append(missing.Id).Distinct());
        return result with
        {
            Model = null,
            Stub = stub is null ? null : stub with { DiagnosticIds = ids },
            Diagnostics = result.Diagnostics.Append(missing).ToEquatableArray(),
        };
    }

    /// <summary>
    /// What the parse of one attributed method yields: a model to emit (one of the three forms' <see cref="EntryModel"/>
    /// cases) or the body of an entry point nothing else could be generated for (<see cref="Stub"/>), and diagnostics.
    /// </summary>
    internal sealed record ParseResult(EntryModel? Model, EquatableArray<DiagnosticInfo> Diagnostics)
    {
        /// <summary>The kernel's text, for the annotated report.</summary>
        public KernelSource? Source { get; init; }

        /// <summary>The entry point's name and form, for the report.</summary>
        public string EntryName { get; init; } = "";

        /// <summary>The entry point's containing types and name ("Outer.Inner.Name"), for the report and the build summary.</summary>
        public string QualifiedName { get; init; } = "";

        public EntryForm Form { get; init; }

        /// <summary>The body of an entry point nothing else could be generated for.</summary>
        public EntryStub? Stub { get; init; }

        /// <summary>With Target.Gpu: SG0011 on the Target argument, reported only where SourceGen.Gpu is missing.</summary>
        public DiagnosticInfo? GpuPackageMissing { get; init; }
    }

    /// <summary>
    /// Adds the throwing body of an entry point nothing was generated for; where no SourceGen error explains that yet,
    /// SG0002 does (with <paramref name="reason"/>).
    /// </summary>
    private static ParseResult WithStub(ParseResult result, IMethodSymbol method, EntryForm form, AttributeData attribute, List<DiagnosticInfo> diagnostics, string reason, CancellationToken cancellationToken)
    {
        List<string> errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).Distinct().ToList();
        if (errors.Count == 0 && method.IsPartialDefinition)
        {
            Location location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? method.Locations.FirstOrDefault() ?? Location.None;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailed, location, new object?[] { method.Name, reason }));
            errors.Add(DiagnosticDescriptors.GeneratorFailed.Id);
        }

        return result with { Stub = EntryStubParser.Build(method, form, string.Join(", ", errors), cancellationToken) };
    }

    /// <summary>SG0011 for an entry point with Target.Gpu, on its <c>Target = Target.Gpu</c> argument; null for the other targets.</summary>
    private static DiagnosticInfo? GpuPackageMissing(AttributeData attribute, EntryForm form, CancellationToken cancellationToken)
    {
        if (EntryPointParser.TargetOf(attribute, form) != KernelTarget.Gpu)
        {
            return null;
        }

        SyntaxNode? syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
        Location at = (syntax as AttributeSyntax)?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Target")?.GetLocation()
            ?? syntax?.GetLocation() ?? Location.None;
        return DiagnosticInfo.Create(DiagnosticDescriptors.GpuPackageMissing, at, System.Array.Empty<object?>());
    }

    private static ParseResult WithSource(ParseResult result, IMethodSymbol entry, string? kernelName, EntryForm form, CancellationToken cancellationToken)
    {
        IMethodSymbol? kernel = kernelName is null ? null : entry.ContainingType.GetMembers(kernelName).OfType<IMethodSymbol>()
            .FirstOrDefault(m => !m.IsPartialDefinition && EntryPointParser.HasBody(m, cancellationToken));
        MethodDeclarationSyntax? declaration = kernel is null ? null : EntryPointParser.Declaration(kernel, cancellationToken);
        if (declaration is null)
        {
            return result with { EntryName = entry.Name, QualifiedName = Qualified(entry), Form = form };
        }

        // From the start of the kernel's first line (its attributes and indentation included).
        Microsoft.CodeAnalysis.Text.SourceText text = declaration.SyntaxTree.GetText(cancellationToken);
        int firstLine = text.Lines.GetLineFromPosition(declaration.SpanStart).LineNumber;
        int lastLine = text.Lines.GetLineFromPosition(declaration.Span.End).LineNumber;
        var lines = new List<string>();
        for (int line = firstLine; line <= lastLine; line++)
        {
            lines.Add(text.Lines[line].ToString());
        }

        return result with
        {
            EntryName = entry.Name,
            QualifiedName = Qualified(entry),
            Form = form,
            Source = new KernelSource(declaration.SyntaxTree.FilePath, firstLine + 1, text.Lines[firstLine].Start, lines.ToEquatableArray()),
        };
    }

    /// <summary>"Outer.Inner.Name": same-named entry points of different types must be told apart in the report.</summary>
    private static string Qualified(IMethodSymbol entry)
    {
        string name = entry.Name;
        for (INamedTypeSymbol? type = entry.ContainingType; type is not null; type = type.ContainingType)
        {
            name = type.Name + "." + name;
        }

        return name;
    }

    /// <summary>The three forms' attributes, in the order a method's parses are listed.</summary>
    internal static readonly string[] AttributeNames =
        { EntryPointParser.VectorizeAttributeName, EntryPointParser.GuVectorizeAttributeName, EntryPointParser.ParallelAttributeName };

    /// <summary>The generator's transform: the parses of one method with attributes (see <see cref="ParsesOf"/>).</summary>
    private static EquatableArray<ParseResult> ParseOrReuse(GeneratorSyntaxContext context, CancellationToken cancellationToken) =>
        ParsesOf(context.Node, context.SemanticModel.Compilation, cancellationToken);

    /// <summary>
    /// The parses of one method with attributes, one per SourceGen attribute it carries, in <see cref="AttributeNames"/>'
    /// order (none for a method with other attributes only): the stored ones when this edit cannot have changed them
    /// (<see cref="ParseReuse"/>). The analyzer asks here too, with its compilation (the user's files and the generated
    /// ones), and gets the generator's own parse: ParseReuse leaves SourceGen's generated files out of the declarations it
    /// compares, and a parse the analyzer has to run reads the compilation without them, as the generator's did.
    /// </summary>
    internal static EquatableArray<ParseResult> ParsesOf(SyntaxNode declaration, Compilation compilation, CancellationToken cancellationToken) =>
        ParseReuse.GetOrParse(declaration, compilation, "", declaration, static (node, compilation, ct) => ParseMethod(node, ParseReuse.WithoutGeneratedFiles(compilation), ct), cancellationToken);

    private static (EquatableArray<ParseResult> Results, IEnumerable<SyntaxTree> FilesRead) ParseMethod(SyntaxNode declaration, Compilation compilation, CancellationToken cancellationToken)
    {
        var results = new List<ParseResult>();
        var filesRead = new List<SyntaxTree>();
        if (compilation.GetSemanticModel(declaration.SyntaxTree).GetDeclaredSymbol(declaration, cancellationToken) is IMethodSymbol method)
        {
            foreach (string attributeName in AttributeNames)
            {
                if (AttributedMethod.Of(method, declaration, attributeName, compilation) is { } target)
                {
                    ParseResult result = Parse(target, cancellationToken, onLargeStack: false);
                    results.Add(result);
                    filesRead.AddRange(FilesRead(target, result));
                }
            }
        }

        return (results.ToEquatableArray(), filesRead);
    }

    /// <summary>
    /// The files whose text (not only declarations) a parse of <paramref name="target"/> reads: the method's,
    /// and every part of the types around it, where its kernel, the kernel's helpers and the other entry points of the
    /// kernel are found (helpers in other files are called, not read); and the file of any place a diagnostic points at.
    /// </summary>
    private static IEnumerable<SyntaxTree> FilesRead(AttributedMethod target, ParseResult result)
    {
        yield return target.Declaration.SyntaxTree;
        foreach (SyntaxReference reference in target.Method.DeclaringSyntaxReferences)
        {
            yield return reference.SyntaxTree;
        }

        for (INamedTypeSymbol? type = target.Method.ContainingType; type is not null; type = type.ContainingType)
        {
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                yield return reference.SyntaxTree;
            }
        }

        foreach (DiagnosticInfo diagnostic in result.Diagnostics)
        {
            if (diagnostic.Tree is not null)
            {
                yield return diagnostic.Tree;
            }
        }

        // Files of helpers in other types that the kernel's parse read to inline them (by path: the model holds no trees).
        var helperFiles = new HashSet<string>(Bodies(result.Model).SelectMany(body => body.HelperFiles), System.StringComparer.Ordinal);
        if (helperFiles.Count > 0)
        {
            foreach (SyntaxTree tree in target.Compilation.SyntaxTrees)
            {
                if (helperFiles.Contains(tree.FilePath))
                {
                    yield return tree;
                }
            }
        }
    }

    /// <summary>Every kernel body of an entry point's model: the [Vectorize] kernel's, or the loops run in SIMD steps.</summary>
    private static IEnumerable<KernelBody> Bodies(EntryModel? model) => model switch
    {
        VectorizeModel { Body: { } body } => new[] { body },
        GuModel gu => gu.VectorLoops.Select(loop => loop.Body),
        ParallelModel parallel => parallel.Loops
            .SelectMany(loop => loop.Vectorized is null ? loop.VectorLoops : loop.VectorLoops.Concat(new[] { loop.Vectorized }))
            .Select(loop => loop.Body),
        _ => Enumerable.Empty<KernelBody>(),
    };

    private static ParseResult Parse(AttributedMethod target, CancellationToken cancellationToken, bool onLargeStack)
    {
        IMethodSymbol method = target.Method;
        if (!onLargeStack)
        {
            ParseReuse.CountParse(target.Compilation);
        }

        if (target.Attributes.Length == 0)
        {
            return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        var diagnostics = new List<DiagnosticInfo>();

        // The generator never throws: on anything unexpected it emits nothing and the analyzer explains.
        try
        {
            AttributeData attribute = target.Attributes[0];
            Compilation compilation = target.Compilation;
            DiagnosticSink report = (descriptor, location, arguments) => diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
            EntryForm form = EntryPointParser.FormOf(attribute) ?? EntryForm.Vectorize;

            // One entry point, one form: with two of SourceGen's attributes, the first one's parse says so (and gives the
            // body), the other's stays silent, so the method gets one implementation and one error.
            List<AttributeData> ours = method.GetAttributes().Where(a => EntryPointParser.FormOf(a) is not null).ToList();
            if (ours.Count > 1)
            {
                if (EntryPointParser.FormOf(ours[0]) != form)
                {
                    return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
                }

                Location at = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? method.Locations.FirstOrDefault() ?? Location.None;
                report(DiagnosticDescriptors.InvalidEntryPoint, at, method.Name,
                    $"it has {string.Join(" and ", ours.Select(a => "[" + EntryPointParser.FormOf(a) + "]"))}; an entry point has one form: declare one entry point per attribute, each naming the kernel");
                return WithStub(new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty), method, form, attribute, diagnostics, "", cancellationToken) with { Diagnostics = diagnostics.ToEquatableArray() };
            }
            EntryModel? model = form switch
            {
                EntryForm.Parallel => ParallelParser.Build(method, attribute, compilation, report, cancellationToken),
                EntryForm.GuVectorize => GuVectorizeParser.Build(method, attribute, compilation, report, cancellationToken),
                _ => ModelBuilder.Build(method, attribute, compilation, report, cancellationToken),
            };
            var result = new ParseResult(model, default);
            string? kernelName = model?.KernelName;
            if (model is not null)
            {
                Location at = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? method.Locations.FirstOrDefault() ?? Location.None;
                var fallback = new EmitFallback(method.Name, SourceSpot.From(at), EntryStubParser.Build(method, form, DiagnosticDescriptors.GeneratorFailed.Id, cancellationToken));
                result = result with { Model = model with { Fallback = fallback } };
            }
            else
            {
                result = WithStub(result, method, form, target.Attributes[0], diagnostics, "no code was generated and no reason was found", cancellationToken);
            }

            result = result with { Diagnostics = diagnostics.ToEquatableArray(), GpuPackageMissing = GpuPackageMissing(attribute, form, cancellationToken) };
            return WithSource(result, method, kernelName, form, cancellationToken);
        }
        catch (System.OperationCanceledException)
        {
            throw;
        }
        catch (System.InsufficientExecutionStackException) when (!onLargeStack)
        {
            // Roslyn binds a machine-written kernel (thousands of terms) recursively and stops when the thread's stack
            // runs short (an IDE thread has 1 MB): read it again on a thread of our own with room to spare.
            ParseResult result = new(null, EquatableArray<DiagnosticInfo>.Empty);
            System.Exception? failure = null;
            var thread = new System.Threading.Thread(
                () =>
                {
                    try
                    {
                        result = Parse(target, cancellationToken, onLargeStack: true);
                    }
                    catch (System.Exception exception)
                    {
                        failure = exception;
                    }
                },
                LargeStack);
            thread.Start();
            thread.Join();
            if (failure is System.OperationCanceledException)
            {
                throw failure;
            }

            return result;
        }
        catch (System.Exception exception)
        {
            // A bug of ours: the entry point still gets a body, and SG0002 says what happened (never an exception in the
            // user's build, which would drop every generated file of the project).
            ParseResult failed = new(null, EquatableArray<DiagnosticInfo>.Empty);
            try
            {
                failed = WithStub(failed, method, EntryPointParser.FormOf(target.Attributes[0]) ?? EntryForm.Vectorize, target.Attributes[0], diagnostics,
                    $"the generator met {exception.GetType().Name} ({exception.Message})", cancellationToken);
            }
            catch (System.Exception other) when (other is not System.OperationCanceledException)
            {
                // Nothing more can be done for this entry point; the others are unaffected.
            }

            return failed with { Diagnostics = diagnostics.ToEquatableArray() };
        }
    }
}
