using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SourceGen.CodeFixes;

/// <summary>
/// The [Vectorize] entry point of a kernel, written as a user would next to it:
/// <c>[Vectorize(nameof(K))] public static partial void K(ReadOnlySpan&lt;T1&gt; p1, …, Span&lt;TResult&gt; destination);</c>
/// Every kernel parameter varies per element (a span); making one uniform is the user's choice to make after.
/// </summary>
internal static class EntryPointDeclaration
{
    private const string DestinationName = "destination";

    /// <summary>
    /// The declaration to insert after <paramref name="kernel"/>, laid out like it: on lines of its own, after a blank
    /// line, at the kernel's indentation, when the kernel ends its line; on the same line otherwise.
    /// </summary>
    public static MemberDeclarationSyntax For(MethodDeclarationSyntax kernel, IMethodSymbol symbol, SemanticModel model)
    {
        string name = kernel.Identifier.Text;
        int position = kernel.SpanStart;
        string readOnlySpan = Binds(model, position, "ReadOnlySpan<int>", "System.ReadOnlySpan<T>") ? "ReadOnlySpan" : "System.ReadOnlySpan";
        string span = Binds(model, position, "Span<int>", "System.Span<T>") ? "Span" : "System.Span";
        string vectorize = Binds(model, position, "VectorizeAttribute", "SourceGen.VectorizeAttribute") ? "Vectorize" : "SourceGen.Vectorize";

        string[] parameterNames = kernel.ParameterList.Parameters.Select(parameter => parameter.Identifier.Text).ToArray();
        string parameters = string.Join(", ", symbol.Parameters.Select((parameter, i) => $"{readOnlySpan}<{Keyword(parameter.Type)}> {parameterNames[i]}")
            .Append($"{span}<{Keyword(symbol.ReturnType)}> {Destination(parameterNames)}"));

        SyntaxTriviaList trailing = kernel.GetTrailingTrivia();
        bool ownLine = trailing.Any(SyntaxKind.EndOfLineTrivia);
        string endOfLine = EndOfLine(kernel);
        string indentation = Indentation(kernel);
        string text = $"[{vectorize}(nameof({name}))]{(ownLine ? endOfLine + indentation : " ")}public static partial void {name}({parameters});";

        MemberDeclarationSyntax entryPoint = SyntaxFactory.ParseMemberDeclaration(text)!;
        return ownLine
            ? entryPoint
                .WithLeadingTrivia(SyntaxFactory.EndOfLine(endOfLine), SyntaxFactory.Whitespace(indentation))
                .WithTrailingTrivia(SyntaxFactory.EndOfLine(endOfLine))
            : entryPoint.WithTrailingTrivia(trailing);
    }

    /// <summary>
    /// Whether <paramref name="name"/> written at <paramref name="position"/> means <paramref name="meaning"/>: the file
    /// has the using (or a global one), so the short name reads better than the qualified one.
    /// </summary>
    private static bool Binds(SemanticModel model, int position, string name, string meaning)
    {
        ITypeSymbol? bound = model.GetSpeculativeTypeInfo(position, SyntaxFactory.ParseTypeName(name), SpeculativeBindingOption.BindAsTypeOrNamespace).Type;
        return bound is not null and not IErrorTypeSymbol && bound.OriginalDefinition.ToDisplayString() == meaning;
    }

    /// <summary>The C# keyword of an element type (<c>float</c>, <c>double</c>, <c>bool</c>…).</summary>
    private static string Keyword(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    /// <summary><c>destination</c>, or a numbered variant when a kernel parameter already has that name.</summary>
    private static string Destination(string[] parameterNames)
    {
        string name = DestinationName;
        for (int n = 2; parameterNames.Contains(name); n++)
        {
            name = DestinationName + n;
        }

        return name;
    }

    /// <summary>The whitespace before the kernel on its first line (after any comments above it).</summary>
    private static string Indentation(MethodDeclarationSyntax kernel)
    {
        SyntaxTriviaList leading = kernel.GetLeadingTrivia();
        return leading.Count > 0 && leading.Last().IsKind(SyntaxKind.WhitespaceTrivia) ? leading.Last().ToString() : "";
    }

    /// <summary>The file's line ending: the kernel's own, else the first one in the file, else a line feed.</summary>
    private static string EndOfLine(MethodDeclarationSyntax kernel)
    {
        SyntaxTrivia endOfLine = kernel.GetTrailingTrivia().Concat(kernel.SyntaxTree.GetRoot().DescendantTrivia())
            .FirstOrDefault(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia));
        return endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine.ToString() : "\n";
    }
}
