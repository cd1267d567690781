using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// Line numbers as generated code and the models cite them: counted from the line of the kernel's name (line 1), so that
/// generated code does not change when lines above the kernel are added or removed (users snapshot it).
/// </summary>
internal static class KernelLines
{
    /// <summary>The line of <paramref name="node"/> within its method (the line of the method's name is 1).</summary>
    public static int Of(SyntaxNode node)
    {
        int line = node.GetLocation().GetLineSpan().StartLinePosition.Line;
        MethodDeclarationSyntax? method = node.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault();
        return method is null ? line + 1 : line - method.Identifier.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
    }
}
