using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// Keeps each entry point's parse across compilations, so an edit re-reads only the entry points it can change.
/// <para>
/// The generator's syntax provider calls its transform again for every method with attributes on every edit (each edit
/// makes a new compilation and semantic model), so the transform looks here first, before it binds anything. A parse
/// reads two things: the compilation's declarations (which types, members, signatures, constants, usings and attributes exist, which decides how every name
/// in a kernel binds) and the text of a few files (the entry point's, its kernel's, every part of the types around them,
/// where it reads bodies and positions). A stored parse is reused only when both are unchanged:
/// </para>
/// <list type="bullet">
/// <item>the declarations: every file's <see cref="Skeleton"/> (its tokens with the bodies of methods, accessors and
/// operators left out, its directives kept), compared exactly, with the compilation's options and references;</item>
/// <item>the files read: the very <see cref="SyntaxTree"/> objects of the parse are still in the compilation (Roslyn
/// keeps the tree of an unchanged file from one compilation to the next, and makes a new one for an edited file).</item>
/// </list>
/// An edit inside a method of any other file changes neither, so nothing is parsed again; an edit of a declaration
/// anywhere (a new overload or type could change what a kernel's names mean) parses everything again.
/// <para>
/// Bounded: entries hang off the entry point's <see cref="SyntaxTree"/> in a <see cref="ConditionalWeakTable{TKey,TValue}"/>
/// (they go when the tree goes), hold other trees weakly, and hold no compilation or symbol.
/// </para>
/// </summary>
internal static class ParseReuse
{
    /// <summary>One stored parse: what it read, and its result.</summary>
    private sealed class Entry(Declarations declarations, WeakReference<SyntaxTree>[] files, object result)
    {
        public Declarations Declarations { get; } = declarations;

        public WeakReference<SyntaxTree>[] Files { get; } = files;

        public object Result { get; } = result;
    }

    /// <summary>The stored parses of the entry points declared in one file, by the method's span and the attribute's name.</summary>
    private sealed class FileEntries
    {
        public readonly Dictionary<(int Start, int Length, string Attribute), Entry> ByMethod = new();
    }

    private static readonly ConditionalWeakTable<SyntaxTree, FileEntries> Entries = new();
    private static readonly ConditionalWeakTable<SyntaxTree, string> Skeletons = new();
    private static readonly ConditionalWeakTable<Compilation, Declarations> DeclarationsOf = new();
    private static readonly ConditionalWeakTable<Compilation, StrongBox<int>> ParseCounts = new();

    /// <summary>How many parses ran (not reused) for <paramref name="compilation"/>: for tests.</summary>
    internal static int ParsesFor(Compilation compilation) =>
        ParseCounts.TryGetValue(compilation, out StrongBox<int>? count) ? Volatile.Read(ref count.Value) : 0;

    /// <summary>
    /// Whether <paramref name="tree"/> is a file SourceGen's generator added (the analyzer's compilation has them): Roslyn
    /// names a generated file under the generator's full type name.
    /// </summary>
    internal static bool IsGeneratedBySourceGen(SyntaxTree tree) =>
        tree.FilePath.IndexOf(GeneratorTypeName, StringComparison.Ordinal) >= 0;

    private static readonly string GeneratorTypeName = typeof(SourceGenGenerator).FullName!;

    /// <summary>
    /// The compilation the generator parsed: <paramref name="compilation"/> without SourceGen's generated files (one per
    /// compilation, so the parses an analyzer runs share its bound symbols).
    /// </summary>
    internal static Compilation WithoutGeneratedFiles(Compilation compilation) => Stripped.GetValue(compilation, static compilation =>
    {
        List<SyntaxTree>? generated = null;
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (IsGeneratedBySourceGen(tree))
            {
                (generated ??= new List<SyntaxTree>()).Add(tree);
            }
        }

        return generated is null ? compilation : compilation.RemoveSyntaxTrees(generated);
    });

    private static readonly ConditionalWeakTable<Compilation, Compilation> Stripped = new();

    /// <summary>Counts a parse that ran (for <see cref="ParsesFor"/>).</summary>
    internal static void CountParse(Compilation compilation) => Interlocked.Increment(ref ParseCounts.GetOrCreateValue(compilation).Value);

    /// <summary>
    /// The parse of the method <paramref name="declaration"/> declares, stored or new: <paramref name="parse"/> runs only
    /// when the declarations or a file the stored parse read changed, and returns its result with the trees it read
    /// beyond the declarations; it is handed <paramref name="compilation"/>. <paramref name="key"/> tells apart what is
    /// stored for one method. A stored result is handed back without binding anything: the caller must not have asked the
    /// compilation's semantic model about the method first, or reuse saves nothing.
    /// </summary>
    public static TResult GetOrParse<TState, TResult>(
        SyntaxNode declaration,
        Compilation compilation,
        string key,
        TState state,
        Func<TState, Compilation, CancellationToken, (TResult Result, IEnumerable<SyntaxTree> FilesRead)> parse,
        CancellationToken cancellationToken)
    {
        SyntaxTree tree = declaration.SyntaxTree;
        var at = (declaration.Span.Start, declaration.Span.Length, key);
        Declarations declarations = DeclarationsOf.GetValue(compilation, c => Declarations.Of(c, cancellationToken));
        FileEntries entries = Entries.GetOrCreateValue(tree);

        Entry? stored;
        lock (entries)
        {
            entries.ByMethod.TryGetValue(at, out stored);
        }

        if (stored is not null && stored.Result is TResult reused && declarations.Matches(stored.Declarations) && StillIn(compilation, stored.Files))
        {
            return reused;
        }

        (TResult result, IEnumerable<SyntaxTree> filesRead) = parse(state, compilation, cancellationToken);
        var files = new List<WeakReference<SyntaxTree>>();
        var seen = new HashSet<SyntaxTree> { tree };
        foreach (SyntaxTree read in filesRead)
        {
            if (seen.Add(read))
            {
                files.Add(new WeakReference<SyntaxTree>(read));
            }
        }

        lock (entries)
        {
            entries.ByMethod[at] = new Entry(declarations.Canonical, files.ToArray(), result!);
        }

        return result;
    }

    /// <summary>Whether every file a parse read is, as the same tree object, in <paramref name="compilation"/>.</summary>
    private static bool StillIn(Compilation compilation, WeakReference<SyntaxTree>[] files)
    {
        foreach (WeakReference<SyntaxTree> file in files)
        {
            // A tree that was collected is in no live compilation.
            if (!file.TryGetTarget(out SyntaxTree? tree) || !compilation.ContainsSyntaxTree(tree))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// What every kernel's binding depends on beyond the files it reads: the declarations of all files, the options and
    /// the references. Equal declarations share one <see cref="Canonical"/> instance, so most checks are one comparison.
    /// </summary>
    private sealed class Declarations
    {
        private readonly string[] _skeletons;
        private readonly CompilationOptions _options;
        private readonly MetadataReference[] _references;
        private readonly string? _assemblyName;
        private Declarations _canonical;

        private Declarations(string[] skeletons, CompilationOptions options, MetadataReference[] references, string? assemblyName)
        {
            _skeletons = skeletons;
            _options = options;
            _references = references;
            _assemblyName = assemblyName;
            _canonical = this;
        }

        /// <summary>The first instance found equal to this one (entries store it).</summary>
        public Declarations Canonical => Volatile.Read(ref _canonical);

        public static Declarations Of(Compilation compilation, CancellationToken cancellationToken)
        {
            var skeletons = new List<string>();
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                // The analyzer's compilation has SourceGen's generated files too: what the generator saw is the rest.
                if (IsGeneratedBySourceGen(tree))
                {
                    continue;
                }

                string skeleton = Skeletons.GetValue(tree, t => Skeleton(t, cancellationToken));
                // A file that declares nothing (comments, or usings only) changes nothing elsewhere.
                if (skeleton.Length > 0)
                {
                    skeletons.Add(skeleton);
                }
            }

            var references = new List<MetadataReference>(compilation.References);
            return new Declarations(skeletons.ToArray(), compilation.Options, references.ToArray(), compilation.AssemblyName);
        }

        /// <summary>Whether <paramref name="stored"/> (a canonical instance) declares what this compilation declares.</summary>
        public bool Matches(Declarations stored)
        {
            Declarations canonical = Canonical;
            if (ReferenceEquals(canonical, stored))
            {
                return true;
            }

            if (!SameAs(stored))
            {
                return false;
            }

            // Later checks against entries stored under the same declarations are one comparison.
            Interlocked.CompareExchange(ref _canonical, stored, canonical);
            return true;
        }

        private bool SameAs(Declarations other)
        {
            if (_skeletons.Length != other._skeletons.Length || _references.Length != other._references.Length
                || !string.Equals(_assemblyName, other._assemblyName, StringComparison.Ordinal) || !_options.Equals(other._options))
            {
                return false;
            }

            for (int i = 0; i < _references.Length; i++)
            {
                // The same reference object: an IDE and a build reuse them while the project's references do not change.
                if (!ReferenceEquals(_references[i], other._references[i]))
                {
                    return false;
                }
            }

            for (int i = 0; i < _skeletons.Length; i++)
            {
                // The skeleton of an unchanged file is the same string (cached by tree); only edited files are compared.
                if (!ReferenceEquals(_skeletons[i], other._skeletons[i]) && !string.Equals(_skeletons[i], other._skeletons[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// A file's declarations as text: its tokens and directives, with each body of a method, constructor, operator,
    /// accessor or expression-bodied property replaced by a marker (what is inside a body binds only inside it), and its
    /// top-level statements by one marker (they declare only an entry point no code can name). Field and constant
    /// initializers, default values, attributes, usings and <c>#if</c>/<c>#nullable</c> stay: they can change how
    /// names elsewhere bind, or what a constant elsewhere is worth.
    /// </summary>
    internal static string Skeleton(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var writer = new SkeletonWriter();
        writer.Visit(tree.GetRoot(cancellationToken));
        return writer.Text.ToString();
    }

    private sealed class SkeletonWriter : CSharpSyntaxWalker
    {
        private bool _sawTopLevelStatements;

        public SkeletonWriter()
            : base(SyntaxWalkerDepth.Token)
        {
        }

        public StringBuilder Text { get; } = new();

        public override void Visit(SyntaxNode? node)
        {
            if (node is GlobalStatementSyntax)
            {
                if (!_sawTopLevelStatements)
                {
                    _sawTopLevelStatements = true;
                    Text.Append("<top-level statements>\n");
                }

                Directives(node);
                return;
            }

            if (IsBody(node))
            {
                Text.Append(node is ArrowExpressionClauseSyntax ? "=> <body> " : "{ <body> } ");
                Directives(node!);
                return;
            }

            base.Visit(node);
        }

        public override void VisitToken(SyntaxToken token)
        {
            if (token.HasLeadingTrivia)
            {
                foreach (SyntaxTrivia trivia in token.LeadingTrivia)
                {
                    if (trivia.IsDirective)
                    {
                        Text.Append(trivia.ToString().Trim()).Append('\n');
                    }
                }
            }

            if (token.RawKind != (int)SyntaxKind.EndOfFileToken)
            {
                Text.Append(token.Text).Append(' ');
            }
        }

        /// <summary>A body's directives stay (an <c>#if</c> or <c>#nullable</c> there reaches the declarations after it).</summary>
        private void Directives(SyntaxNode node)
        {
            if (!node.ContainsDirectives)
            {
                return;
            }

            foreach (SyntaxTrivia trivia in node.DescendantTrivia())
            {
                if (trivia.IsDirective)
                {
                    Text.Append(trivia.ToString().Trim()).Append('\n');
                }
            }
        }

        private static bool IsBody(SyntaxNode? node) => node switch
        {
            BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax } => true,
            ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax } => true,
            _ => false,
        };
    }
}
