using Microsoft.CodeAnalysis.CSharp;

namespace SourceGen.Generator.Model;

/// <summary>
/// User names as the model keeps them: ready to write into C# (a keyword used as a name keeps its '@', as the user
/// wrote it: <c>@in</c>), and bare where a name is only part of a generated one.
/// </summary>
internal static class CSharpName
{
    /// <summary>A symbol's name as an identifier: <c>in</c> → <c>@in</c>.</summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.AwaitKeyword
            ? "@" + name
            : name;

    /// <summary>The name without its '@', to build a longer generated name from it.</summary>
    public static string Bare(string name) => name.Length > 0 && name[0] == '@' ? name.Substring(1) : name;
}

/// <summary>Limits of the runtime the generated code calls.</summary>
internal static class RuntimeLimits
{
    /// <summary>Buffers one parallel call pins: <c>SourceGen.Internal.PinnedBuffers.Count</c> (a test checks they agree).</summary>
    public const int PinnedBuffers = 32;
}
