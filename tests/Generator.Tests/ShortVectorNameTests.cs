using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using SourceGen.Generator.Tests.Harness;
using Xunit;

namespace SourceGen.Generator.Tests;

/// <summary>
/// The generated code writes <c>Vector512</c> … instead of <c>global::System.Runtime.Intrinsics.Vector512</c> … only
/// where the short name provably binds to System.Runtime.Intrinsics; any user name it could capture (a member, an
/// inherited member or nested type, a type parameter, a namespace type, an alias, a parameter) keeps the qualified form.
/// </summary>
public sealed class ShortVectorNameTests
{
    private const string Usings = "using System;\nusing SourceGen;\nusing static SourceGen.Loops;\n";

    /// <summary>The three forms with SIMD code, in class K (which <c>{0}</c> may open with a base list or type parameters).</summary>
    private const string Kernels = """
        public static float F(float x) => x * 2 + 1;
        [Vectorize(nameof(F))] public static partial void FAll(ReadOnlySpan<float> x, Span<float> d);
        static void P(Span<float> a) { foreach (int i in Prange(a.Length)) { for (int j = 0; j < a.Length; j++) a[j] += 1; } }
        [Parallel(nameof(P))] public static partial void PFast(Span<float> a);
        static void G(ReadOnlySpan<float> a, Span<float> r) { for (int i = 0; i < a.Length; i++) r[i] = a[i] * 2; }
        [GuVectorize(nameof(G), "(n)->(n)")] public static partial void GRows(float[,] a, float[,] r);
        """;

    /// <summary>A vector type's short name used as a type (<c>Vector512.Create</c>, <c>Vector512&lt;float&gt;</c>), not the tail of the qualified one (nor a user parameter's <c>.Length</c>).</summary>
    private static readonly Regex ShortUse = new(@"(?<![\w.])Vector(512|256|128)(?=[.<])(?!\.Length\b)", RegexOptions.Compiled);

    [Fact]
    public void NoCapturingName_GeneratedCodeUsesShortNames()
    {
        GeneratorHarness.BuildResult result = Build(Usings + "public static partial class K\n{\n" + Kernels + "\n}\n");
        string code = Generated(result);
        Assert.DoesNotContain("global::System.Runtime.Intrinsics.Vector", code);
        Assert.Contains("Vector512.IsHardwareAccelerated", code);
        Assert.Matches(ShortUse, code);
    }

    public static TheoryData<string> Captures => new(Catalogue.Keys.OrderBy(k => k, StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Captures))]
    public void CapturingName_GeneratedCodeKeepsQualifiedNames(string name)
    {
        GeneratorHarness.BuildResult result = Build(Catalogue[name]);
        string code = Generated(result);
        Assert.Contains("global::System.Runtime.Intrinsics.Vector512", code);
        Match shortUse = ShortUse.Match(StripComments(code));
        Assert.False(shortUse.Success, $"short name: {(shortUse.Success ? StripComments(code).Substring(Math.Max(0, shortUse.Index - 300), 400) : "")}");
    }

    private static readonly Dictionary<string, string> Catalogue = new()
    {
        ["field of the containing type"] = Usings + "public static partial class K\n{\n    static int Vector256 = 0;\n" + Kernels + "\n}\n",
        ["method of the containing type"] = Usings + "public static partial class K\n{\n    static void Vector128() { }\n" + Kernels + "\n}\n",
        ["member inherited from a base class"] = Usings + "public class B { protected const int Vector512 = 1; }\npublic partial class K : B\n{\n" + Kernels + "\n}\n",
        ["nested type of a base class"] = Usings + "public class B { public class Vector128<T> { } }\npublic partial class K : B\n{\n" + Kernels + "\n}\n",
        ["nested type of an outer type"] = Usings + "public static partial class O\n{\n    struct Vector256 { }\n    public static partial class K\n    {\n" + Kernels + "\n    }\n}\n",
        ["type parameter of the containing type"] = Usings + "public partial class K<Vector512> where Vector512 : struct\n{\n" + Kernels + "\n}\n",
        ["type of the enclosing namespace"] = Usings + "namespace App { class Vector128 { } }\nnamespace App.Inner\n{\npublic static partial class K\n{\n" + Kernels + "\n}\n}\n",
        ["type of the global namespace"] = Usings + "class Vector256 { }\npublic static partial class K\n{\n" + Kernels + "\n}\n",
        ["global using alias"] = "global using Vector512 = System.Numerics.Vector<float>;\n" + Usings + "public static partial class K\n{\n" + Kernels + "\n}\n",
        ["type in an imported namespace"] = Usings + "namespace System.Runtime.CompilerServices { class Vector128 { } }\npublic static partial class K\n{\n" + Kernels + "\n}\n",
        ["kernel parameter"] = Usings + """
            public static partial class K
            {
                public static float F(float Vector512) => Vector512 * 2 + 1;
                [Vectorize(nameof(F))] public static partial void FAll(ReadOnlySpan<float> x, Span<float> d);
                static void G(ReadOnlySpan<float> Vector256, Span<float> r) { for (int i = 0; i < r.Length; i++) r[i] = Vector256[i] * 2; }
                [GuVectorize(nameof(G), "(n)->(n)")] public static partial void GRows(float[,] a, float[,] r);
            }
            """,
        ["kernel local"] = Usings + """
            public static partial class K
            {
                public static float F(float x) { float Vector128 = x * 2; return Vector128 + 1; }
                [Vectorize(nameof(F))] public static partial void FAll(ReadOnlySpan<float> x, Span<float> d);
            }
            """,
    };

    private static GeneratorHarness.BuildResult Build(string source)
    {
        GeneratorHarness.BuildResult result = GeneratorHarness.Build(source);
        Exception? exception = result.Run.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null);
        Assert.True(exception is null, $"generator threw: {exception}");
        List<Diagnostic> errors = result.CompilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "compiler errors:\n" + string.Join("\n", errors) + "\n\n" + Generated(result));
        return result;
    }

    private static string Generated(GeneratorHarness.BuildResult result) =>
        string.Join("\n\n", result.Run.GeneratedTrees.Where(t => !t.FilePath.Contains("Attributes", StringComparison.Ordinal)).Select(t => t.ToString()));

    private static string StripComments(string code) => Regex.Replace(code, @"//.*", "");
}
