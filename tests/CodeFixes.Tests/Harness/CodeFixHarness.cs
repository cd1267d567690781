using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CodeRefactorings;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SourceGen.Generator;
using SourceGen.Generator.Diagnostics;
using SourceGen.Generator.Model;
using Xunit;

namespace SourceGen.CodeFixes.Tests.Harness;

/// <summary>
/// Runs code fixes and refactorings as the IDE does, in an <see cref="AdhocWorkspace"/>: the document's
/// diagnostics come from the generator and the analyzer (SourceGen reports from both), each fix's first action is
/// applied, and the new text is what the user would see.
/// </summary>
internal static class CodeFixHarness
{
    /// <summary>What every test source starts with, as a consumer's file would.</summary>
    public const string Usings = "using System;\nusing SourceGen;\n\nnamespace Demo;\n\n";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(SourceGen.VectorizeAttribute).Assembly.Location))
            .ToImmutableArray();

    /// <summary>A one-document project in a fresh workspace.</summary>
    public static Document CreateDocument(string source)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        Solution solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId, VersionStamp.Default, "Consumer", "Consumer", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: ParseOptions,
                metadataReferences: References))
            .AddDocument(documentId, "Kernel.cs", SourceText.From(Normalize(source)), filePath: "/Consumer/Kernel.cs");
        return solution.GetDocument(documentId)!;
    }

    /// <summary>The build of a document's project: the compilation with generated files, and every diagnostic of it.</summary>
    public sealed record Build(Compilation Output, GeneratorDriverRunResult Run, ImmutableArray<Diagnostic> SourceGen, ImmutableArray<Diagnostic> Compiler)
    {
        public IEnumerable<Diagnostic> Errors => Compiler.Where(d => d.Severity == DiagnosticSeverity.Error);
    }

    public static async Task<Build> BuildAsync(Document document)
    {
        Compilation compilation = (await document.Project.GetCompilationAsync(CancellationToken.None))!;
        GeneratorDriver driver = CSharpGeneratorDriver
            .Create(new[] { new SourceGenGenerator().AsSourceGenerator() }, parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        ImmutableArray<Diagnostic> analyzerDiagnostics = await output
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new KernelAnalyzer()))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return new Build(output, driver.GetRunResult(), generatorDiagnostics.AddRange(analyzerDiagnostics), output.GetDiagnostics());
    }

    /// <summary>
    /// The document's diagnostics with <paramref name="id"/>, in source order, located in the document's own syntax
    /// tree (the one its code fixes read), whichever compilation reported them.
    /// </summary>
    public static async Task<IReadOnlyList<Diagnostic>> DiagnosticsAsync(Document document, string id)
    {
        SyntaxTree tree = (await document.GetSyntaxTreeAsync(CancellationToken.None))!;
        Build build = await BuildAsync(document);
        return build.SourceGen
            .Where(d => d.Id == id && d.Location.IsInSource && d.Location.SourceTree!.FilePath == tree.FilePath)
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => d.Location.SourceTree == tree ? d : Diagnostic.Create(d.Descriptor, Location.Create(tree, d.Location.SourceSpan)))
            .ToList();
    }

    /// <summary>The actions <paramref name="provider"/> offers for one diagnostic.</summary>
    public static async Task<IReadOnlyList<CodeAction>> ActionsAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        return actions;
    }

    /// <summary>The document after the action: the new text of the <see cref="ApplyChangesOperation"/>'s solution.</summary>
    public static async Task<Document> ApplyAsync(CodeAction action, Document document)
    {
        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
        Solution changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return changed.GetDocument(document.Id)!;
    }

    public static async Task<string> TextAsync(Document document) => Normalize((await document.GetTextAsync(CancellationToken.None)).ToString());

    /// <summary>
    /// Applies the first action <paramref name="provider"/> offers for the <paramref name="index"/>th diagnostic
    /// <paramref name="id"/> of <paramref name="source"/>; returns its title and the new text.
    /// </summary>
    public static async Task<(string Title, string Text)> FixAsync(CodeFixProvider provider, string source, string id, int index = 0)
    {
        Document document = CreateDocument(source);
        IReadOnlyList<Diagnostic> diagnostics = await DiagnosticsAsync(document, id);
        Assert.True(diagnostics.Count > index, $"expected at least {index + 1} {id}, got {diagnostics.Count}");
        IReadOnlyList<CodeAction> actions = await ActionsAsync(provider, document, diagnostics[index]);
        Assert.NotEmpty(actions);
        return (actions[0].Title, await TextAsync(await ApplyAsync(actions[0], document)));
    }

    /// <summary>Fix All in the document: every <paramref name="id"/> fixed in one action, as the IDE's "Fix all occurrences".</summary>
    public static async Task<string> FixAllAsync(CodeFixProvider provider, string source, string id, string equivalenceKey)
    {
        Document document = CreateDocument(source);
        var context = new FixAllContext(
            document, provider, FixAllScope.Document, equivalenceKey, new[] { id }, new DocumentDiagnostics(), CancellationToken.None);
        CodeAction? fixAll = await provider.GetFixAllProvider()!.GetFixAsync(context);
        Assert.NotNull(fixAll);
        return await TextAsync(await ApplyAsync(fixAll!, document));
    }

    /// <summary>
    /// The refactorings <paramref name="provider"/> offers where <c>$$</c> marks the caret in
    /// <paramref name="markup"/>, and the document without the mark.
    /// </summary>
    public static async Task<(Document Document, IReadOnlyList<CodeAction> Actions)> RefactoringsAsync(CodeRefactoringProvider provider, string markup)
    {
        int caret = Normalize(markup).IndexOf("$$", StringComparison.Ordinal);
        Assert.True(caret >= 0, "the markup has no $$ caret");
        Document document = CreateDocument(Normalize(markup).Remove(caret, 2));
        var actions = new List<CodeAction>();
        await provider.ComputeRefactoringsAsync(new CodeRefactoringContext(document, new TextSpan(caret, 0), actions.Add, CancellationToken.None));
        return (document, actions);
    }

    public static string Normalize(string text) => text.ReplaceLineEndings("\n");

    /// <summary>The diagnostics Fix All sees: the document's own, from the generator and the analyzer.</summary>
    private sealed class DocumentDiagnostics : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var all = new List<Diagnostic>();
            foreach (string id in new[] { "SG0004", "SG0104", "SG0105" })
            {
                all.AddRange(await DiagnosticsAsync(document, id));
            }

            return all;
        }

        /// <summary>None: SourceGen reports every diagnostic in a document.</summary>
        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            (await Task.WhenAll(project.Documents.Select(document => GetDocumentDiagnosticsAsync(document, cancellationToken)))).SelectMany(d => d);
    }
}
