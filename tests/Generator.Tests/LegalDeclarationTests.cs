using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SourceGen.Generator.Tests.Harness;
using Xunit;

namespace SourceGen.Generator.Tests;

/// <summary>
/// Odd-but-legal declarations a user may write: the generator never throws, every entry point gets a body, and the
/// generated code compiles without errors or warnings; where SourceGen cannot help, its own diagnostic is the only one.
/// </summary>
public sealed class LegalDeclarationTests
{
    public static TheoryData<string> Cases => new(Catalogue.Keys.OrderBy(k => k, StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public void LegalDeclaration_BuildsWithNoErrorButSourceGens(string name)
    {
        (string source, string[] expectedIds) = Catalogue[name];
        GeneratorHarness.BuildResult result = GeneratorHarness.Build(source);

        Exception? exception = result.Run.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null);
        Assert.True(exception is null, $"generator threw: {exception}");
        Assert.DoesNotContain(result.AnalyzerDiagnostics, d => d.Id == "AD0001");

        // No compiler error anywhere, and no compiler warning in generated code: only SourceGen's own diagnostics.
        string generated = string.Join("\n\n", result.Run.GeneratedTrees.Select(t => "// " + t.FilePath + "\n" + t));
        List<Diagnostic> compiler = result.CompilerDiagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error
                || (d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true))
            .Where(d => !d.Id.StartsWith("SG", StringComparison.Ordinal) && !expectedIds.Contains(d.Id))
            .ToList();
        Assert.True(compiler.Count == 0, "compiler diagnostics:\n" + string.Join("\n", compiler) + "\n\n" + generated);

        string[] errors = result.CompilerDiagnostics.Concat(result.AnalyzerDiagnostics)
            .Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).Distinct().OrderBy(id => id).ToArray();
        Assert.True(expectedIds.SequenceEqual(errors), $"expected errors [{string.Join(", ", expectedIds)}], got [{string.Join(", ", errors)}]\n" +
            string.Join("\n", result.CompilerDiagnostics.Concat(result.AnalyzerDiagnostics)));
    }

    /// <summary>
    /// SourceGen's attributes named every way C# allows: through a using alias, a global using alias in another file,
    /// qualified, with the Attribute suffix, beside other attributes. Each entry point gets its code; a method with only
    /// other attributes gets nothing.
    /// </summary>
    [Fact]
    public void AttributesNamedThroughAliasesAndQualifiedNames_AreEntryPoints()
    {
        GeneratorHarness.BuildResult result = GeneratorHarness.Build(
            "global using Par = SourceGen.ParallelAttribute;\n",
            """
            using System;
            using Simd = SourceGen.VectorizeAttribute;
            using static SourceGen.Loops;

            namespace Demo;

            public static partial class K
            {
                static float F(float x) => x * 2f;
                [Simd(nameof(F))] public static partial void ByAlias(ReadOnlySpan<float> x, Span<float> d);
                [global::SourceGen.Vectorize(nameof(F))] public static partial void Qualified(ReadOnlySpan<float> x, Span<float> d);
                [System.Diagnostics.DebuggerStepThrough, SourceGen.VectorizeAttribute(nameof(F))] public static partial void WithSuffix(ReadOnlySpan<float> x, Span<float> d);
                static void P(Span<float> a) { foreach (int i in Prange(a.Length)) a[i] += 1f; }
                [Par(nameof(P))] public static partial void ByGlobalAlias(Span<float> a);
                [System.Diagnostics.DebuggerStepThrough] static void NotAnEntryPoint() { }
            }
            """);
        Assert.Empty(result.Errors);
        Assert.Empty(result.AnalyzerDiagnostics);
        Assert.Equal(new[] { "ByAlias", "ByGlobalAlias", "Qualified", "WithSuffix" },
            result.Run.GeneratedTrees.Select(t => System.IO.Path.GetFileName(t.FilePath)).Select(name => new[] { "ByAlias", "ByGlobalAlias", "Qualified", "WithSuffix" }.Single(n => name.Contains(n, StringComparison.Ordinal))).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void AnEmitterThatThrows_CostsOnlyItsOwnEntryPoint()
    {
        const string name = "EmitterFailsHere_ForThisTestOnly";
        SourceGenGenerator.FailEmitForTests = name;
        try
        {
            GeneratorHarness.BuildResult result = GeneratorHarness.Build(Usings + $$"""
                public static partial class K
                {
                    static float F(float x) => x + 1;
                    [Vectorize(nameof(F))] public static partial void {{name}}(ReadOnlySpan<float> x, Span<float> d);
                    [Vectorize(nameof(F))] public static partial void Fine(ReadOnlySpan<float> x, Span<float> d);
                    static void P(Span<float> a) { foreach (int i in Prange(a.Length)) a[i] += 1; }
                    [Parallel(nameof(P))] public static partial void PFast(Span<float> a);
                }
                """);

            Assert.All(result.Run.Results, r => Assert.Null(r.Exception));
            Diagnostic failed = Assert.Single(result.CompilerDiagnostics.Concat(result.AnalyzerDiagnostics), d => d.Severity == DiagnosticSeverity.Error);
            Assert.Equal("SG0002", failed.Id);
            Assert.Contains(name, failed.GetMessage(), StringComparison.Ordinal);
            Assert.Equal(3, result.Run.GeneratedTrees.Length); // the other two entry points, and the failed one's throwing body
        }
        finally
        {
            SourceGenGenerator.FailEmitForTests = null;
        }
    }

    [Fact]
    public void GeneratorAndRuntime_AgreeOnHowManyBuffersACallPins() =>
        Assert.Equal(SourceGen.Internal.PinnedBuffers.Count, SourceGen.Generator.Model.RuntimeLimits.PinnedBuffers);

    private const string Usings = "using System;\nusing SourceGen;\nusing static SourceGen.Loops;\n";

    private static readonly Dictionary<string, (string Source, string[] Errors)> Catalogue = new()
    {
        ["Parallel overloads float and double"] = (Usings + """
            public static partial class K
            {
                static void Scale(ReadOnlySpan<float> a, Span<float> b, float k) { foreach (int i in Prange(a.Length)) b[i] = a[i] * k; }
                static void Scale(ReadOnlySpan<double> a, Span<double> b, double k) { foreach (int i in Prange(a.Length)) b[i] = a[i] * k; }
                [Parallel(nameof(Scale))] public static partial void ScaleFast(ReadOnlySpan<float> a, Span<float> b, float k);
                [Parallel(nameof(Scale))] public static partial void ScaleFast(ReadOnlySpan<double> a, Span<double> b, double k);
            }
            """, []),
        ["GuVectorize overloads float and double"] = (Usings + """
            public static partial class K
            {
                static void Scale(ReadOnlySpan<float> a, float k, Span<float> r) { for (int i = 0; i < a.Length; i++) r[i] = a[i] * k; }
                static void Scale(ReadOnlySpan<double> a, double k, Span<double> r) { for (int i = 0; i < a.Length; i++) r[i] = a[i] * k; }
                [GuVectorize(nameof(Scale), "(n),()->(n)")] public static partial void ScaleRows(float[,] a, float k, float[,] r);
                [GuVectorize(nameof(Scale), "(n),()->(n)")] public static partial void ScaleRows(double[,] a, double k, double[,] r);
            }
            """, []),
        ["same type and entry name in two namespaces"] = (Usings + """
            namespace A
            {
                public static partial class K
                {
                    static float F(float x) => x + 1;
                    [Vectorize(nameof(F))] public static partial void FAll(ReadOnlySpan<float> x, Span<float> d);
                    static void P(Span<float> a) { foreach (int i in Prange(a.Length)) a[i] += 1; }
                    [Parallel(nameof(P))] public static partial void PFast(Span<float> a);
                    static void G(ReadOnlySpan<float> a, Span<float> r) { for (int i = 0; i < a.Length; i++) r[i] = a[i]; }
                    [GuVectorize(nameof(G), "(n)->(n)")] public static partial void GRows(float[,] a, float[,] r);
                }
            }
            namespace B
            {
                public static partial class K
                {
                    static float F(float x) => x + 2;
                    [Vectorize(nameof(F))] public static partial void FAll(ReadOnlySpan<float> x, Span<float> d);
                    static void P(Span<float> a) { foreach (int i in Prange(a.Length)) a[i] += 2; }
                    [Parallel(nameof(P))] public static partial void PFast(Span<float> a);
                    static void G(ReadOnlySpan<float> a, Span<float> r) { for (int i = 0; i < a.Length; i++) r[i] = a[i]; }
                    [GuVectorize(nameof(G), "(n)->(n)")] public static partial void GRows(float[,] a, float[,] r);
                }
            }
            """, []),
        ["names that differ only in case"] = (Usings + """
            public static partial class K
            {
                static float F(float x) => x + 1;
                [Vectorize(nameof(F))] public static partial void Scale(ReadOnlySpan<float> x, Span<float> d);
                [Vectorize(nameof(F))] public static partial void scale(ReadOnlySpan<float> x, Span<float> d);
                static void P(Span<float> a) { foreach (int i in Prange(a.Length)) a[i] += 1; }
                [Parallel(nameof(P))] public static partial void Run(Span<float> a);
                [Parallel(nameof(P))] public static partial void run(Span<float> a);
            }
            public static partial class k
            {
                static float F(float x) => x + 1;
                [Vectorize(nameof(F))] public static partial void Scale(ReadOnlySpan<float> x, Span<float> d);
            }
            """, []),
        ["overloads that differ only in Span vs ReadOnlySpan"] = (Usings + """
            public static partial class K
            {
                static float F(float x) => x + 1;
                [Vectorize(nameof(F))] public static partial void FAll(ReadOnlySpan<float> x, Span<float> d);
                [Vectorize(nameof(F))] public static partial void FAll(Span<float> x, Span<float> d);
                static void P(ReadOnlySpan<float> a, Span<float> b) { foreach (int i in Prange(a.Length)) b[i] = a[i]; }
                static void P(Span<float> a, Span<float> b) { foreach (int i in Prange(a.Length)) b[i] = a[i]; }
                [Parallel(nameof(P))] public static partial void PFast(ReadOnlySpan<float> a, Span<float> b);
                [Parallel(nameof(P))] public static partial void PFast(Span<float> a, Span<float> b);
            }
            """, []),
        ["very long names"] = (Usings + $$"""
            namespace {{new string('N', 120)}}.{{new string('M', 120)}}
            {
                public static partial class {{new string('C', 200)}}
                {
                    public static partial class {{new string('D', 200)}}
                    {
                        static float F(float x) => x + 1;
                        [Vectorize(nameof(F))] public static partial void {{new string('E', 240)}}(ReadOnlySpan<float> {{new string('x', 200)}}, Span<float> d);
                    }
                }
            }
            """, []),
        ["generic containing types of different arity"] = (Usings + """
            public static partial class K { static float F(float x) => x + 1; [Vectorize(nameof(F))] public static partial void FAll(ReadOnlySpan<float> x, Span<float> d); }
            public static partial class K<T> { static float F(float x) => x + 1; [Vectorize(nameof(F))] public static partial void FAll(ReadOnlySpan<float> x, Span<float> d); }
            public static partial class K<T, U> { static float F(float x) => x + 1; [Vectorize(nameof(F))] public static partial void FAll(ReadOnlySpan<float> x, Span<float> d); }
            """, []),
        ["parameters named like generated locals"] = (Usings + """
            public static partial class K
            {
                static float F(float x, float xRef, float aLanes, float destinationRef, float length, float buffers, float start, float count) => x + xRef + aLanes + destinationRef + length + buffers + start + count;
                [Vectorize(nameof(F), Target = Target.Parallel)]
                public static partial void FAll(ReadOnlySpan<float> x, ReadOnlySpan<float> xRef, ReadOnlySpan<float> aLanes, float destinationRef, float length, float buffers, float start, float count, Span<float> destination);
                static float G(float x, float Lanes, float i, float n, float index) => x * Lanes + i + n + index;
                [Vectorize(nameof(G), Target = Target.Gpu)]
                public static partial void GAll(ReadOnlySpan<float> x, float Lanes, float i, float n, float index, Span<float> destination);
            }
            """, []),
        ["names with the generated code's prefix"] = (Usings + """
            public static partial class K
            {
                static float G(float x, float sourceGenIndex) => x + sourceGenIndex;
                [Vectorize(nameof(G))] public static partial void GAll(ReadOnlySpan<float> x, float sourceGenIndex, Span<float> destination);
                static void P(Span<float> a) { foreach (int i in Prange(a.Length)) { float SourceGenRun = 1; a[i] += SourceGenRun; } }
                [Parallel(nameof(P))] public static partial void PFast(Span<float> a);
                static void Q(Span<float> a) { foreach (int i in SourceGen.Loops.Prange(a.Length)) a[i] += 1; }
                [Parallel(nameof(Q))] public static partial void QFast(Span<float> a);
            }
            """, ["SG0010"]),
        ["Parallel parameters named like generated locals"] = (Usings + """
            public static partial class K
            {
                static float P(ReadOnlySpan<float> src, Span<float> dst, int start, int count, int chunk, int buffers, float partial, int length, int team)
                {
                    float s = 0;
                    foreach (int y in Prange(count))
                        for (int x = 0; x < start; x++) { float v = src[y * start + x] * partial + chunk + buffers + length + team; dst[y * start + x] = v; s += v; }
                    return s;
                }
                [Parallel(nameof(P))] public static partial float PFast(ReadOnlySpan<float> src, Span<float> dst, int start, int count, int chunk, int buffers, float partial, int length, int team);
            }
            """, []),
        ["GuVectorize parameters named like generated locals"] = (Usings + """
            public static partial class K
            {
                static void G(ReadOnlySpan<float> start, float count, Span<float> length) { for (int i = 0; i < start.Length; i++) length[i] = start[i] * count; }
                [GuVectorize(nameof(G), "(n),()->(n)", Target = Target.Parallel)] public static partial void GRows(float[,] start, float count, float[,] length);
            }
            """, []),
        ["escaped keyword names"] = (Usings + """
            public static partial class K
            {
                static float @checked(float @in, float @out) => @in * @out;
                [Vectorize(nameof(@checked))] public static partial void @class(ReadOnlySpan<float> @in, float @out, Span<float> @return);
                static void @for(Span<float> @int) { foreach (int @if in Prange(@int.Length)) @int[@if] += 1; }
                [Parallel(nameof(@for))] public static partial void @while(Span<float> @int);
            }
            """, []),
        ["params and scoped parameters"] = (Usings + """
            public static partial class K
            {
                static float F(float x) => x + 1;
                [Vectorize(nameof(F))] public static partial void FAll(scoped ReadOnlySpan<float> x, scoped Span<float> d);
                static void P(scoped Span<float> a, params float[] k) { foreach (int i in Prange(a.Length)) a[i] += k[0]; }
                [Parallel(nameof(P))] public static partial void PFast(scoped Span<float> a, params float[] k);
            }
            """, []),
        ["file-local type"] = (Usings + """
            file static partial class K
            {
                static float F(float x) => x + 1;
                [Vectorize(nameof(F))] public static partial void FAll(ReadOnlySpan<float> x, Span<float> d);
                static void P(Span<float> a) { foreach (int i in Prange(a.Length)) a[i] += 1; }
                [Parallel(nameof(P))] public static partial void PFast(Span<float> a);
            }
            """, ["CS8795", "SG0006"]),
        ["variant generic interface"] = (Usings + """
            public partial interface IK<out T, in U>
            {
                static float F(float x) => x + 1;
                [Vectorize(nameof(F))] public static partial void FAll(ReadOnlySpan<float> x, Span<float> d);
            }
            """, ["SG0006"]),
        ["foreach byte in Prange"] = (Usings + """
            public static partial class K
            {
                static void P(Span<float> a) { foreach (byte i in Prange(a.Length)) a[i] += 1; }
                [Parallel(nameof(P))] public static partial void PFast(Span<float> a);
                static void Q(Span<float> a) { foreach (long i in Prange(a.Length)) a[(int)i] += 1; }
                [Parallel(nameof(Q))] public static partial void QFast(Span<float> a);
            }
            """, []),
        ["async kernel"] = (Usings + """
            public static partial class K
            {
                static async System.Threading.Tasks.Task P(float[] a) { await System.Threading.Tasks.Task.Yield(); foreach (int i in Prange(a.Length)) a[i] += 1; }
                [Parallel(nameof(P))] public static partial System.Threading.Tasks.Task PFast(float[] a);
            }
            """, ["SG0003"]),
        ["member named Vector512"] = (Usings + """
            public static partial class K
            {
                public static int Vector512 = 1, Vector256 = 2, Vector128 = 3, Unsafe = 4, MemoryMarshal = 5, Math = 6, Span = 7, SourceGen = 8, System = 9;
                static float F(float x) => x + 1;
                [Vectorize(nameof(F), Target = Target.Parallel)] public static partial void FAll(ReadOnlySpan<float> x, Span<float> d);
                static void P(Span<float> a) { foreach (int i in Prange(a.Length)) a[i] += 1; }
                [Parallel(nameof(P))] public static partial void PFast(Span<float> a);
                static void G(ReadOnlySpan<float> a, Span<float> r) { for (int i = 0; i < a.Length; i++) r[i] = a[i]; }
                [GuVectorize(nameof(G), "(n)->(n)")] public static partial void GRows(float[,] a, float[,] r);
            }
            """, []),
        ["namespace with types named Unsafe and MemoryMarshal"] = ("""
            using System;
            using SourceGen;
            using static SourceGen.Loops;
            namespace App
            {
                class Unsafe { } class MemoryMarshal { } class Vector512 { } class Vector256 { } class Vector128 { } class Vector { } class Math { } class MathF { } class Span { } class ReadOnlySpan { } class Interlocked { } class SourceGen { } class System { } class ILGPU { }
                public static partial class K
                {
                    static float F(float x) => x + 1;
                    [Vectorize(nameof(F), Target = Target.Parallel)] public static partial void FAll(ReadOnlySpan<float> x, Span<float> d);
                    static void P(Span<float> a) { foreach (int i in Prange(a.Length)) a[i] += 1; }
                    [Parallel(nameof(P))] public static partial void PFast(Span<float> a);
                    static void G(ReadOnlySpan<float> a, Span<float> r) { for (int i = 0; i < a.Length; i++) r[i] = a[i]; }
                    [GuVectorize(nameof(G), "(n)->(n)")] public static partial void GRows(float[,] a, float[,] r);
                }
            }
            """, []),
        ["MemoryMarshal declared in System.Runtime.Intrinsics and as an alias"] = ("""
            global using Vector = System.Int32;
            using System;
            using SourceGen;
            using static SourceGen.Loops;
            namespace System.Runtime.Intrinsics { class MemoryMarshal { } }
            namespace App
            {
                using MemoryMarshal = System.Int64;
                public static partial class K
                {
                    static float F(float x) => x + 1;
                    [Vectorize(nameof(F))] public static partial void FAll(ReadOnlySpan<float> x, Span<float> d);
                    static void P(Span<float> a) { foreach (int i in Prange(a.Length)) a[i] += 1; }
                    [Parallel(nameof(P))] public static partial void PFast(Span<float> a);
                }
            }
            """, []),
        ["obsolete call suppressed with pragma"] = (Usings + """
            public static partial class K
            {
                [Obsolete("old")] static float Old(float x) => x + 1;
            #pragma warning disable CS0618
                static float F(float x) => Old(x);
                static void P(Span<float> a) { foreach (int i in Prange(a.Length)) a[i] = Old(a[i]); }
            #pragma warning restore CS0618
                [Vectorize(nameof(F))] public static partial void FAll(ReadOnlySpan<float> x, Span<float> d);
                [Parallel(nameof(P))] public static partial void PFast(Span<float> a);
            }
            """, []),
        ["kernel not found"] = (Usings + """
            public static partial class K
            {
                [Vectorize("Missing")] public static partial void FAll(ReadOnlySpan<float> x, Span<float> d);
                [Parallel("Missing")] public static partial void PFast(Span<float> a);
                [GuVectorize("Missing", "(n)->(n)")] public static partial void GRows(float[,] a, float[,] r);
            }
            """, ["SG0001"]),
        ["unsupported parameter type"] = (Usings + """
            public static partial class K
            {
                static decimal F(decimal x) => x + 1;
                [Vectorize(nameof(F))] public static partial void FAll(ReadOnlySpan<decimal> x, Span<decimal> d);
            }
            """, ["SG0003"]),
        ["target outside the enum"] = (Usings + """
            public static partial class K
            {
                static float F(float x) => x + 1;
                [Vectorize(nameof(F), Target = (Target)7)] public static partial void FAll(ReadOnlySpan<float> x, Span<float> d);
            }
            """, ["SG0009"]),
        ["Parallel Vectorize with eight span inputs"] = (Usings + """
            public static partial class K
            {
                static float F(float a, float b, float c, float d, float e, float f, float g, float h) => a + b + c + d + e + f + g + h;
                [Vectorize(nameof(F), Target = Target.Parallel)]
                public static partial void FAll(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, ReadOnlySpan<float> d, ReadOnlySpan<float> e, ReadOnlySpan<float> f, ReadOnlySpan<float> g, ReadOnlySpan<float> h, Span<float> destination);
            }
            """, []),
        ["contextual keywords as names"] = (Usings + """
            public static partial class K
            {
                static float F(float nameof, float value, float var, float global, float async, float await, float dynamic) => nameof + value + var + global + async + await + dynamic;
                [Vectorize(nameof(F), Target = Target.Parallel)]
                public static partial void FAll(ReadOnlySpan<float> nameof, ReadOnlySpan<float> value, float var, float global, float async, float await, float dynamic, Span<float> destination);
                static void P(Span<float> nameof, float value) { foreach (int var in Prange(nameof.Length)) nameof[var] += value; }
                [Parallel(nameof(P))] public static partial void PFast(Span<float> nameof, float value);
                static void G(ReadOnlySpan<float> nameof, float value, Span<float> var) { for (int i = 0; i < nameof.Length; i++) var[i] = nameof[i] * value; }
                [GuVectorize(nameof(G), "(n),()->(n)", Target = Target.Parallel)] public static partial void GRows(float[,] nameof, float value, float[,] var);
            }
            """, []),
        ["generic entry point with constraints"] = (Usings + """
            public static partial class K
            {
                static float F(float x) => x + 1;
                [Vectorize(nameof(F))] public static partial void FAll<T, U>(ReadOnlySpan<float> x, Span<float> d) where T : struct, IComparable<T> where U : class?, new();
            }
            """, ["SG0006"]),
        ["two attributes on one entry point"] = (Usings + """
            public static partial class K
            {
                static void P(Span<float> a) { foreach (int i in Prange(a.Length)) a[i] += 1; }
                [Parallel(nameof(P))]
                [Vectorize(nameof(P))]
                public static partial void PFast(Span<float> a);
            }
            """, ["SG0006"]),
        ["Parallel entry point with out parameter and result"] = (Usings + """
            public static partial class K
            {
                static int P(Span<float> a, out int n) { n = a.Length; int s = 0; foreach (int i in Prange(a.Length)) { a[i] += 1; s += i; } return s; }
                [Parallel(nameof(P))] public static partial int PFast(Span<float> a, out int n);
            }
            """, []),
        ["nested types in structs and records"] = (Usings + """
            namespace Outer.Inner;
            public partial record struct S
            {
                public partial class C<T> where T : struct
                {
                    public static partial class D
                    {
                        static float F(float x) => x + 1;
                        [Vectorize(nameof(F), Target = Target.Parallel)] internal static partial void FAll(ReadOnlySpan<float> x, Span<float> d);
                        static void P(Span<float> a) { foreach (int i in Prange(a.Length)) a[i] += 1; }
                        [Parallel(nameof(P))] private static partial void PFast(Span<float> a);
                    }
                }
            }
            """, []),
        ["instance entry point and struct"] = (Usings + """
            public partial struct S
            {
                static float F(float x) => x + 1;
                [Vectorize(nameof(F))] public static partial void FAll(ReadOnlySpan<float> x, Span<float> d);
            }
            public partial record R
            {
                static float F(float x) => x + 1;
                [Vectorize(nameof(F))] internal static partial void FAll(ReadOnlySpan<float> x, Span<float> d);
            }
            """, []),
    };
}
