using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SourceGen.Generator.Tests.Harness;
using Xunit;

namespace SourceGen.Generator.Tests;

/// <summary>Each diagnostic fires on its bad example, exactly at the marked span, and nowhere on the good ones.</summary>
public sealed class DiagnosticTests
{
    private const string Usings = "using System;\nusing SourceGen;\n\nnamespace Demo;\n\n";

    /// <summary>Builds the marked source; the SG diagnostics must be exactly the marked ones.</summary>
    internal static IReadOnlyList<Diagnostic> Expect(string markup, IReadOnlyDictionary<string, ReportDiagnostic>? severities = null)
    {
        (string source, List<(string Id, int Start, int Length)> expected) = Markup.Parse(Usings + markup);
        GeneratorHarness.BuildResult result = GeneratorHarness.Build(severities, source);
        List<Diagnostic> actual = result.AnalyzerDiagnostics.Where(d => d.Id.StartsWith("SG", StringComparison.Ordinal)).ToList();
        var actualSpans = actual.Select(d => (d.Id, d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)).OrderBy(x => x.Start).ThenBy(x => x.Length).ThenBy(x => x.Id).ToList();
        Assert.True(
            expected.OrderBy(x => x.Start).ThenBy(x => x.Length).ThenBy(x => x.Id).SequenceEqual(actualSpans),
            "Expected:\n  " + string.Join("\n  ", expected.Select(e => $"{e.Id} '{source.Substring(e.Start, e.Length)}'")) +
            "\nActual:\n  " + string.Join("\n  ", actual.Select(d => $"{d.Id} '{source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)}': {d.GetMessage()}")));
        Assert.DoesNotContain(result.AnalyzerDiagnostics, d => d.Id == "AD0001");
        // One reporter per diagnostic (ARCHITECTURE.md, "Who reports what"); SG0101/SG0105 are split by form: the
        // generator's for the loops of [Parallel]/[GuVectorize] kernels, the analyzer's for [Vectorize] kernels.
        Assert.Empty(result.IdsReportedTwice.Where(id => id is not ("SG0101" or "SG0105")));

        // Our errors explain the build failure; the generator must not add compiler errors of its own.
        Assert.DoesNotContain(result.Errors, d => !d.Id.StartsWith("SG", StringComparison.Ordinal) && d.Id is not ("CS8795" or "CS0260" or "CS0751"));
        return actual;
    }

    [Fact]
    public void CleanKernels_HaveNoDiagnostics() => Expect("""
        public static partial class Activations
        {
            static double Rel(double x, double y) => Math.Abs(x - y) / (Math.Abs(x) + Math.Abs(y) + 1e-12);
            [Vectorize] public static partial void Rel(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);
            [Vectorize] public static partial void Rel(ReadOnlySpan<double> x, double y, Span<double> destination);
            [Vectorize] public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
        }
        """);

    [Fact]
    public void SG0001_KernelNotFound()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            public static partial class K
            {
                [{|SG0001:Vectorize("Missing")|}] public static partial void F(ReadOnlySpan<double> x, Span<double> destination);
            }
            """);
        Assert.Contains("'Missing'", diagnostics[0].GetMessage());
    }

    [Fact]
    public void EntryPointErrors_AreReportedByTheGenerator()
    {
        // A command-line build that stops at CS8795 runs no analyzers: the generator itself must say why.
        GeneratorHarness.BuildResult result = GeneratorHarness.Build(Usings + """
            public static partial class K
            {
                [Vectorize("Missing")] public static partial void F(ReadOnlySpan<double> x, Span<double> destination);
            }
            """);
        Assert.Contains(result.Run.Diagnostics, d => d.Id == "SG0001" && d.Location.IsInSource);
    }

    [Fact]
    public void SG0003_ParameterTypeMismatch()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            public static partial class K
            {
                static double G(double x, double y) => x + y;
                [{|SG0003:Vectorize(nameof(G))|}] public static partial void F(ReadOnlySpan<float> x, double y, Span<double> destination);
            }
            """);
        Assert.Contains("'ReadOnlySpan<double>'", diagnostics[0].GetMessage());
    }

    [Fact]
    public void SG0003_WrongDestination() => Expect("""
        public static partial class K
        {
            static double G(double x) => x;
            [{|SG0003:Vectorize(nameof(G))|}] public static partial void F(ReadOnlySpan<double> x, Span<float> destination);
        }
        """);

    [Fact]
    public void SG0004_ContainingTypeNotPartial() => Expect("""
        public static class K
        {
            static double G(double x) => x;
            [{|SG0004:Vectorize(nameof(G))|}] public static partial void F(ReadOnlySpan<double> x, Span<double> destination);
        }
        """);

    [Fact]
    public void SG0005_UnsupportedParameterType() => Expect("""
        public static partial class K
        {
            [{|SG0005:Vectorize|}] public static decimal G(decimal x) => x * 2;
        }
        """);

    [Fact]
    public void SG0006_EntryPointWithBody() => Expect("""
        public static partial class K
        {
            [{|SG0006:Vectorize|}] public static void G(ReadOnlySpan<double> x, Span<double> destination) { }
        }
        """);

    [Fact]
    public void SG0007_TargetGpu_WhatIsNotSupportedYet()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            public static partial class K
            {
                static double G(double x) => x;
                static void H(ReadOnlySpan<double> a, Span<double> b) { }
                static void M(System.Numerics.Tensors.ReadOnlyTensorSpan<double> a, System.Numerics.Tensors.TensorSpan<double> b) { }
                [Vectorize(nameof(G), Target = Target.Gpu)] public static partial void F(ReadOnlySpan<double> x, Span<double> destination);
                [{|SG0103:GuVectorize(nameof(H), "(n)->(n)", Target = Target.Gpu)|}] public static partial void HAll(double[,] a, double[,] b);
                [{|SG0007:GuVectorize(nameof(H), "(n)->(n)", Target = Target.Gpu)|}] public static partial void HView(System.Numerics.Tensors.ReadOnlyTensorSpan<double> a, System.Numerics.Tensors.TensorSpan<double> b);
                [{|SG0103:GuVectorize(nameof(M), "(m,n)->(m,n)", Target = Target.Gpu)|}] public static partial void MAll(double[,,] a, double[,,] b);
                [{|SG0301:Parallel(nameof(H), Target = Target.Gpu)|}] public static partial void HParallel(ReadOnlySpan<double> a, Span<double> b);
            }
            """);
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("Target.Gpu with the TensorSpan<T> view 'a'"));
    }

    [Fact]
    public void SG0007_TargetGpu_GufuncElementsThatAreNotBlittable()
    {
        // bool and char do not cross to a device as they are: the device check's blittability rule, as for [Parallel] buffers.
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            public static partial class K
            {
                static void Flags(ReadOnlySpan<bool> a, Span<int> b) { for (int j = 0; j < a.Length; j++) b[j] = a[j] ? 1 : 0; }
                static void Letters(ReadOnlySpan<int> a, Span<char> b) { for (int j = 0; j < a.Length; j++) b[j] = (char)a[j]; }
                [{|SG0007:GuVectorize(nameof(Flags), "(n)->(n)", Target = Target.Gpu)|}] public static partial void FlagsGpu(bool[,] a, int[,] b);
                [{|SG0007:GuVectorize(nameof(Letters), "(n)->(n)", Target = Target.Gpu)|}] public static partial void LettersGpu(int[,] a, char[,] b);
            }
            """);
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("Target.Gpu with the bool elements of 'a' (not blittable)"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("Target.Gpu with the char elements of 'b' (not blittable)"));
    }

    [Fact]
    public void SG0301_PrangeLoopsThatStaySerial_SayWhy()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            using static SourceGen.Loops;
            public static partial class K
            {
                static void NoLoop(Span<double> a) { for (int i = 0; i < a.Length; i++) a[i] = 1; }
                [{|SG0301:Parallel(nameof(NoLoop))|}] public static partial void NoLoopFast(Span<double> a);

                static int Exits(ReadOnlySpan<int> a, int[] b)
                {
                    int last = 0, sum = 0;
                    {|SG0301:foreach (int i in Prange(a.Length))|}
                    {
                        if (a[i] < 0) break;
                    }
                    {|SG0301:foreach (int i in Prange(a.Length))|}
                    {
                        last = i;
                    }
                    {|SG0302:foreach (int i in Prange(a.Length))|}
                    {
                        sum += a[i];
                        b[i] = a[i];
                        for (int j = 0; j < 3; j++) { if (j == i) break; }
                    }
                    return last + sum;
                }
                [Parallel(nameof(Exits))] public static partial int ExitsFast(ReadOnlySpan<int> a, int[] b);

                [Parallel(nameof(Exits), Target = Target.Cpu)] public static partial int ExitsCpu(ReadOnlySpan<int> a, int[] b);
            }
            """);
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("it has no 'foreach (… in Prange(…))' loop"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'break' out of it"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("it assigns 'last', declared outside it"));
        Assert.Contains(diagnostics, d => d.Id == "SG0302" && d.GetMessage().Contains("'if (j == i)'"));
    }

    [Fact]
    public void SG0302_RowLoopsThatStayScalar_SayWhy()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            using static SourceGen.Loops;
            public static partial class K
            {
                static void Rows(ReadOnlySpan<float> src, Span<float> dst, int width, int height)
                {
                    foreach (int y in Prange(height))
                    {
                        float previous = 0;
                        {|SG0302:for (int x = 0; x < width; x++)|}
                        {
                            dst[y * width + x] = src[y * width + x] - previous;
                            previous = src[y * width + x];
                        }

                        {|SG0302:for (int x = 1; x < width; x++)|}
                        {
                            dst[y * width + x] = dst[y * width + x - 1] + 1;
                        }

                        {|SG0302:for (int x = 0; x < width; x++)|}
                        {
                            if (src[y * width + x] > 0) { for (int j = 0; j < 2; j++) dst[y * width + x] = j; }
                        }

                        for (int x = 0; x < width; x++)
                        {
                            if (src[y * width + x] > 0) dst[y * width + x] = 1; else dst[y * width + x] = src[y * width + x];
                        }

                        for (int x = 0; x < width; x++)
                        {
                            dst[y * width + x] = x > 0 ? src[y * width + x - 1] : 0f;
                        }
                    }
                }

                [Parallel(nameof(Rows))] public static partial void RowsFast(ReadOnlySpan<float> src, Span<float> dst, int width, int height);
            }
            """);
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("the assignment to 'previous', declared outside the loop"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("read as 'dst[y * width + x - 1]' a fixed distance away"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("a branch that differs per iteration") && d.GetMessage().Contains("select with '?:'"));
    }

    [Fact]
    public void SG0303_SG0304_ElementWritesOtherIterationsTouch_AreRaces()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            using static SourceGen.Loops;
            public static partial class K
            {
                static void Races(ReadOnlySpan<int> bins, int[] histogram, float[] total, float[] row, float[] own, int width, int n)
                {
                    foreach (int i in Prange(n))
                    {
                        histogram[bins[i]]++;
                        {|SG0304:total[0]|} += 1;
                        for (int x = 0; x < width; x++) {|SG0304:row[x]|} = i;
                        if (i == 0) {|SG0303:total[1]|} = 5;
                        int k = 2 * i + 1;
                        own[k] = i;
                        for (int x = 0; x < width; x++) own[i * width + x] = x;
                    }
                }

                [Parallel(nameof(Races))] public static partial void RacesFast(ReadOnlySpan<int> bins, int[] histogram, float[] total, float[] row, float[] own, int width, int n);
            }
            """);
        Assert.Contains(diagnostics, d => d.Id == "SG0304" && d.Severity == DiagnosticSeverity.Error && d.GetMessage().Contains("'total[0]' is written by every iteration of the Prange loop over 'i'"));
        Assert.Contains(diagnostics, d => d.Id == "SG0303" && d.GetMessage().Contains("only some iterations write it"));
    }

    [Fact]
    public void SG0303_ScatterReductions_AreNotRaces_OtherDataDependentWritesAre()
    {
        // Updates by one operator at indexes read from data, and nothing else done with the target in the loop: a
        // reduction into each element (private copies or atomics), no race, and no SG0302 for the loop that runs
        // them one at a time (there is no SIMD form to ask for).
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            using static SourceGen.Loops;
            public static partial class K
            {
                static void Scatters(ReadOnlySpan<int> bins, ReadOnlySpan<float> values, int[] counts, Span<float> sums, long[] bits, double[,] peaks,
                                     int[] mixed, int[] read, float[] plain, int[] twoOperators, int n)
                {
                    foreach (int i in Prange(n))
                    {
                        int b = bins[i];
                        counts[b]++;
                        if (b < counts.Length) counts[b] -= 2;
                        sums[b] += values[i];
                        bits[b] |= 1L << (i & 63);
                        peaks[b % 3, b] = Math.Max(peaks[b % 3, b], values[i]);

                        {|SG0303:mixed[b]|}++;                      // also read: other iterations may see a partial count
                        int seen = mixed[b];
                        {|SG0303:read[b]|} += read[0];              // the value reads the target
                        {|SG0303:plain[b]|} = values[i];            // a plain write: the last writer wins
                        {|SG0303:twoOperators[b]|} += 1;
                        {|SG0303:twoOperators[b + 1]|} = Math.Max(twoOperators[b + 1], 3);
                    }
                }

                [Parallel(nameof(Scatters))] public static partial void ScattersFast(ReadOnlySpan<int> bins, ReadOnlySpan<float> values, int[] counts, Span<float> sums, long[] bits, double[,] peaks,
                                                                                    int[] mixed, int[] read, float[] plain, int[] twoOperators, int n);
            }
            """);
        Assert.All(diagnostics, d => Assert.Contains("computed from data read in the loop", d.GetMessage()));
    }

    [Fact]
    public void SG0303_ThePagesRecipe_HasNoDiagnostic_EvenStrict()
    {
        // docs/diagnostics/SG0303.md: the race-free version must build under SourceGenStrict (SG0302, SG0303 errors).
        var strict = new Dictionary<string, ReportDiagnostic> { ["SG0302"] = ReportDiagnostic.Error, ["SG0303"] = ReportDiagnostic.Error };
        Expect("""
            using static SourceGen.Loops;
            public static partial class K
            {
                static void Histogram(ReadOnlySpan<int> bins, int[] histogram, int[] firstSeen)
                {
                    foreach (int i in Prange(bins.Length))
                    {
                        histogram[bins[i]]++;
                        if (firstSeen[bins[i]] == 0)
                            {|SG0303:firstSeen[bins[i]]|} = i + 1;
                    }
                }

                static void HistogramSafe(ReadOnlySpan<int> bins, int[] histogram, int[] firstSeen)
                {
                    foreach (int i in Prange(bins.Length))
                    {
                        histogram[bins[i]]++;
                        firstSeen[bins[i]] = Math.Min(firstSeen[bins[i]], i);
                    }
                }

                [Parallel(nameof(Histogram))] public static partial void HistogramFast(ReadOnlySpan<int> bins, int[] histogram, int[] firstSeen);
                [Parallel(nameof(HistogramSafe))] public static partial void HistogramSafeFast(ReadOnlySpan<int> bins, int[] histogram, int[] firstSeen);
            }
            """, strict);
    }

    [Fact]
    public void SG0305_AllocationAndOpaqueCallsPerIteration_AreNamed_StructsSpansMathAndKernelsAreNot()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            using System.Collections.Generic;
            using System.Linq;
            using static SourceGen.Loops;
            public readonly record struct Pair(float A, float B);
            public static partial class K
            {
                static float Square(float v) => v * v;

                static float Work(float[] src, Span<float> dst, List<float> log, Func<float, float> f, int width, int height)
                {
                    float total = 0;
                    foreach (int y in Prange(height))
                    {
                        float[] row = {|SG0305:new float[width]|};
                        var list = {|SG0305:new List<float>()|};
                        int[] literal = {|SG0305:new[] { 1, 2 }|};
                        string name = {|SG0305:"row " + y + "/" + height|};
                        string text = {|SG0305:$"row {y}"|};
                        total += {|SG0305:src.Skip(y * width).Take(width).Sum()|};
                        Func<float, float> g = {|SG0305:v => v + 1|};
                        Func<float, float> h = {|SG0305:Square|};
                        total += {|SG0305:f(y)|};
                        {|SG0305:log.Add(y)|};

                        // Not reported: structs, stackalloc, slices, Math, a kernel, primitives' statics, shapes.
                        var pair = new Pair(y, y);
                        Span<float> scratch = stackalloc float[4];
                        Span<float> part = dst.Slice(y * width, width);
                        ReadOnlySpan<float> view = src.AsSpan(y * width, width);
                        total += MathF.Sqrt(Square(pair.A)) + float.Max(view.Length, part.Length) + (float.IsNaN(scratch[0]) ? 1 : 0);
                        for (int x = 0; x < width; x++) dst[y * width + x] = src[y * width + x];
                    }

                    return total;
                }

                [Parallel(nameof(Work))] public static partial float WorkFast(float[] src, Span<float> dst, List<float> log, Func<float, float> f, int width, int height);
                [Parallel(nameof(Work), Target = Target.Cpu)] public static partial float WorkOneThread(float[] src, Span<float> dst, List<float> log, Func<float, float> f, int width, int height);
            }
            """);
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Contains(diagnostics, d => d.GetMessage().StartsWith("'new float[width]' allocates an array, on every iteration of the Prange loop over 'y': allocating per iteration on several threads at once contends for the garbage collector", StringComparison.Ordinal)
            && d.GetMessage().Contains("stackalloc"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("allocates a 'List<float>'"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("calls the LINQ method 'Sum'") && d.GetMessage().Contains("write the loop out"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("creates a delegate (a lambda)"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("creates a delegate from the method 'Square'"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("calls a delegate"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("calls 'List.Add', which SourceGen cannot see into"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("concatenates strings"));
    }

    [Fact]
    public void SG0303_ScatterReduction_StillRacesOnAGpu()
    {
        // Target.Gpu runs the updates as written on the device; the CPU code it falls back to has the reduction.
        Expect("""
            using static SourceGen.Loops;
            public static partial class K
            {
                static void Histogram(ReadOnlySpan<int> bins, int[] counts)
                {
                    foreach (int i in Prange(bins.Length))
                    {
                        {|SG0303:counts[bins[i]]|}++;
                    }
                }

                [Parallel(nameof(Histogram), Target = Target.Gpu)] public static partial void HistogramGpu(ReadOnlySpan<int> bins, int[] counts);
            }
            """);
    }

    [Fact]
    public void SG0008_BadGufuncSignatures_AreErrorsOnTheString()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            public static partial class K
            {
                static void H(ReadOnlySpan<double> a, Span<double> b) { }
                [GuVectorize(nameof(H), {|SG0008:"(n)->"|})] public static partial void A(double[,] a, double[,] b);
                [GuVectorize(nameof(H), {|SG0008:"(n)(n)"|})] public static partial void B(double[,] a, double[,] b);
                [GuVectorize(nameof(H), {|SG0008:"(n)->(m)"|})] public static partial void C(double[,] a, double[,] b);
                [GuVectorize(nameof(H), {|SG0008:"(1n)->(n)"|})] public static partial void D(double[,] a, double[,] b);
                [GuVectorize(nameof(H), {|SG0008:"(n,)->(n)"|})] public static partial void E(double[,] a, double[,] b);
                [{|SG0003:GuVectorize(nameof(H), "(n),()->(n)")|}] public static partial void F(double[,] a, double[,] b);
                [{|SG0003:GuVectorize(nameof(H), "()->()")|}] public static partial void G(double[] a, double[] b);
                [{|SG0003:GuVectorize(nameof(H), "(n)->(n)")|}] public static partial void I(double[,] a, double b);
                [{|SG0103:GuVectorize(nameof(H), "(n)->(n)")|}] public static partial void Fine(double[,] a, double[,] b);
            }
            """);
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("a '(' is missing at the end"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'(' where '->' should separate inputs from outputs"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("output dimension 'm' is not a dimension of any input"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'1n' is not a dimension name"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("has 2 input(s) and 1 output(s), but the kernel has 2 parameter(s)"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("so the kernel takes it as the element itself (T)"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("an output is an array"));
        Assert.Contains(diagnostics, d => d.Id == "SG0103" && d.Severity == DiagnosticSeverity.Info && d.GetMessage().Contains("'Fine' calls the kernel 'H' once per outer index, on one thread"));
    }

    [Fact]
    public void SG0103_SaysWhetherTheGufuncKernelsLoopRunsInSimdSteps_AndWhyNot()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            public static partial class K
            {
                static void Scale(ReadOnlySpan<float> a, float factor, Span<float> b)
                {
                    for (int i = 0; i < a.Length; i++) b[i] = a[i] * factor;
                }

                static void Running(ReadOnlySpan<float> a, Span<float> b)
                {
                    float sum = 0;
                    for (int i = 0; i < a.Length; i++) { sum += a[i]; b[i] = sum; }
                }

                static void Product(System.Numerics.Tensors.ReadOnlyTensorSpan<float> a, Span<float> b) { }
                static void Wrong(ReadOnlySpan<float> a, Span<float> b) { }
                static void Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> r) { float s = 0; for (int i = 0; i < a.Length; i++) s += a[i] * b[i]; r[0] = s; }
                [{|SG0103:GuVectorize(nameof(Dot), "(n),(n)->()")|}] public static partial void Dots(float[,] a, float[,] b, float[] r);
                [{|SG0103:GuVectorize(nameof(Dot), "(n),(n)->()", FastMath = true)|}] public static partial void FastDots(float[,] a, float[,] b, float[] r);

                [{|SG0103:GuVectorize(nameof(Scale), "(n),()->(n)")|}] public static partial void ScaleRows(float[,] a, float factor, float[,] b);
                [{|SG0103:GuVectorize(nameof(Scale), "(n),()->(n)", Target = Target.Parallel)|}] public static partial void ScaleRowsParallel(float[,] a, float factor, float[,] b);
                [{|SG0103:GuVectorize(nameof(Running), "(n)->(n)")|}] public static partial void RunningRows(float[,] a, float[,] b);
                [{|SG0103:GuVectorize(nameof(Product), "(m,n)->(m)")|}] public static partial void P(float[,] a, float[,] b);
                [{|SG0003:GuVectorize(nameof(Wrong), "(m,n)->(m)")|}] public static partial void W(float[,] a, float[,] b);
                [{|SG0003:GuVectorize(nameof(Scale), "(n),()->(n)")|}] public static partial void V(System.Numerics.Tensors.ReadOnlyTensorSpan<float> a, float factor, System.Numerics.Tensors.ReadOnlyTensorSpan<float> b);
            }
            """);
        Assert.Contains(diagnostics, d => d.Id == "SG0103" && d.GetMessage().Contains("'ScaleRows' calls the kernel 'Scale' once per outer index, on one thread; its loop at line 3 of the kernel runs in SIMD steps over the core dimension"));
        Assert.Contains(diagnostics, d => d.Id == "SG0103" && d.GetMessage().Contains("'RunningRows' calls the kernel 'Running' once per outer index, on one thread; its outer indexes run several at once, one per SIMD lane (row lanes), the kernel's operations in its order in each; its loop at line 4 of the kernel runs as written: it contains 'sum', which the loop both accumulates into and reads"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'Dots' calls the kernel 'Dot' once per outer index, on one thread; its outer indexes run several at once, one per SIMD lane (row lanes), the kernel's operations in its order in each; its loop at line 1 of the kernel runs as written: its sum 's' is floating-point, so it stays in the kernel's order, one element at a time (set FastMath = true on the attribute to let it run in SIMD partial sums, rounded differently)"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'FastDots' calls the kernel 'Dot' once per outer index, on one thread; its loop at line 1 of the kernel runs in SIMD steps"));
        Assert.Contains(diagnostics, d => d.Id == "SG0103" && d.GetMessage().Contains("'P' calls the kernel 'Product' once per outer index, on one thread; it has no loop over consecutive elements of a core slice"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("so the kernel takes it as a ReadOnlyTensorSpan<T>, not 'System.ReadOnlySpan<float>'"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("parameter 'b' is an output, so a TensorSpan<float>, not a read-only view"));
    }

    [Fact]
    public void SG0104_DoubleArithmeticInAFloatKernel_WherePerElement()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            public static partial class K
            {
                static float Smooth(float x, float k) => (float)(x * {|SG0104:0.5|}) + (float){|SG0104:Math|}.Exp(-x) + (float)(k * 2.0) + MathF.Sqrt(x) * 2f;
                [Vectorize] public static partial void Smooth(ReadOnlySpan<float> x, float k, Span<float> destination);

                [Vectorize] public static double Fine(double x) => x * 0.5 + Math.Exp(-x);

                static void Scale(ReadOnlySpan<float> a, float s, Span<float> b)
                {
                    float half = (float)(0.5 / s);
                    for (int i = 0; i < a.Length; i++) { b[i] = a[i] * half; b[i] = (float)(b[i] + {|SG0104:1e-3|}); }
                }

                [GuVectorize(nameof(Scale), "(n),()->(n)")] public static partial void ScaleRows(float[,] a, float s, float[,] b);
            }
            """, new Dictionary<string, ReportDiagnostic> { ["SG0103"] = ReportDiagnostic.Suppress });
        Assert.Contains(diagnostics, d => d.GetMessage().StartsWith("The double literal '0.5' in 'x * 0.5' widens float to double: 'x' is converted to double and the operation computed in double; write '0.5f'", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("write 'MathF.Exp'"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("write '1e-3f'"));
    }

    [Fact]
    public void SG0105_PowWithASmallIntegerExponent_MultiplyInstead()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            public static partial class K
            {
                static double Energy(double v, double m) => 0.5 * m * {|SG0105:Math.Pow(v, 2)|} + {|SG0105:Math.Pow(v + m, 3.0)|} + Math.Pow(v, m) + Math.Pow(m, 2);
                [Vectorize] public static partial void Energy(ReadOnlySpan<double> v, double m, Span<double> destination);
            }
            """);
        Assert.Contains(diagnostics, d => d.GetMessage() == "'Math.Pow(v, 2)' computes a logarithm and an exponential for every element; write 'v * v', a multiplication");
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("write '(v + m) * (v + m) * (v + m)'"));
    }

    [Fact]
    public void RowLoops_ReportGathersAndOrderedSums()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            public static partial class K
            {
                static double Gather(ReadOnlySpan<double> a, ReadOnlySpan<int> index, Span<double> b, int width, int height)
                {
                    double total = 0;
                    foreach (int y in Loops.Prange(height))
                        for (int x = 0; x < width; x++)
                        {
                            b[y * width + x] = {|SG0101:a[index[y * width + x]]|} * 2;
                            {|SG0106:total += a[y * width + x];|}
                        }
                    return total;
                }

                [Parallel(nameof(Gather))] public static partial double GatherParallel(ReadOnlySpan<double> a, ReadOnlySpan<int> index, Span<double> b, int width, int height);
            }
            """);
        Assert.Contains(diagnostics, d => d.Id == "SG0101" && d.GetMessage().Contains("gathered one by one"));
        Assert.Contains(diagnostics, d => d.Id == "SG0106" && d.GetMessage().Contains("adds into 'total' lane by lane in the kernel's order"));
    }

    [Fact]
    public void SG0107_IsOffByDefault_AndFiresWhenEnabled()
    {
        const string kernel = """
            public static partial class K
            {
                static double Clip(double x, double limit) => {|SG0107:x > 1e6|} ? Math.Log(x) * 1e5 : (limit > 0 ? x : -x);
                [Vectorize] public static partial void Clip(ReadOnlySpan<double> x, double limit, Span<double> destination);
            }
            """;
        Expect(kernel.Replace("{|SG0107:x > 1e6|}", "x > 1e6"));
        Expect(kernel, new Dictionary<string, ReportDiagnostic> { ["SG0107"] = ReportDiagnostic.Info });
    }

    [Fact]
    public void Severities_CanBeChanged_AsEditorconfigDoes()
    {
        const string kernel = """
            public static partial class K
            {
                [Vectorize] public static float Half(float x) => (float)(x * {|SG0104:0.5|});
            }
            """;
        IReadOnlyList<Diagnostic> asError = Expect(kernel, new Dictionary<string, ReportDiagnostic> { ["SG0104"] = ReportDiagnostic.Error });
        Assert.Equal(DiagnosticSeverity.Error, asError.Single().Severity);
        Expect(kernel.Replace("{|SG0104:0.5|}", "0.5"), new Dictionary<string, ReportDiagnostic> { ["SG0104"] = ReportDiagnostic.Suppress });
    }

    [Fact]
    public void SG0101_PerLaneFallbacks_NameTheConstruct()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            public static partial class K
            {
                static double Helper(double v) { if (v > 1) return Helper(v / 2); return v; }
                static double Inlined(double v) => v * v + 1;
                [Vectorize]
                public static double G(int a, int b, double x, long n)
                {
                    int q = {|SG0101:a / b|};
                    double t = {|SG0101:Math.Sign(x)|} + {|SG0101:Helper(x)|} + Inlined(x) + Math.Tan(x);
                    float f = {|SG0101:n|};
                    return q + t + f + (x < 0 ? 1.0 : 2.0) + Math.Exp(x);
                }
            }
            """);
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("integer division 'a / b'") && d.GetMessage().Contains("no SIMD integer division"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'Math.Sign'"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("the call to 'Demo.K.Helper'") && d.GetMessage().Contains("recursion"));
    }

    /// <summary>The element types' own statics (what a generic-math kernel's T.Sqrt becomes) are the Math table's
    /// functions: SIMD where Math's are, per lane (and named) where Math's are.</summary>
    [Fact]
    public void ElementTypeStatics_AreMathFunctions() => Expect("""
        public static partial class K
        {
            [Vectorize]
            public static double G(double x, double y, int i) =>
                double.Sqrt(double.Abs(x)) + double.Max(x, y) + double.Clamp(x, -1.0, 1.0) + double.Exp(y) + int.Abs(i)
                + double.Hypot(x, y) + {|SG0101:double.Log(x, y)|};
        }
        """);

    [Fact]
    public void SG0101_UniformOperations_AreNotReported() => Expect("""
        public static partial class K
        {
            static double G(double x, int a, int b) => x * (a / b) + Math.Tan(a);
            [Vectorize(nameof(G))] public static partial void F(ReadOnlySpan<double> x, int a, int b, Span<double> destination);
        }
        """);

    [Fact]
    public void SG0101_ShortCircuitWhoseRightSideMayThrow() => Expect("""
        public static partial class K
        {
            [Vectorize] public static bool G(int x, int y) => {|SG0101:y != 0 && x / y > 1|};
        }
        """);

    [Fact]
    public void SG0102_Switch_RunsElementByElement()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            public static partial class K
            {
                [Vectorize]
                public static int G(int x)
                {
                    {|SG0102:switch (x) { case 0: return 1; default: return 2; }|}
                }
            }
            """);
        Assert.Contains("'switch'", diagnostics[0].GetMessage());
        Assert.Contains("calls the kernel once per element", diagnostics[0].GetMessage());
    }

    [Fact]
    public void ControlFlow_HasNoDiagnostics() => Expect("""
        public static partial class K
        {
            [Vectorize]
            public static int G(double x)
            {
                int n = 0;
                while (x > 1) { x /= 2; n++; if (n > 50) break; }
                for (int i = 0; i < 3; i++) { if (x < 0.1) continue; x *= 0.5; }
                return x < 0 ? -n : n;
            }
        }
        """);

    [Fact]
    public void SG0101_MaskedDivision_StillReported() => Expect("""
        public static partial class K
        {
            [Vectorize]
            public static int G(int x, int y)
            {
                if (y == 0) return 0;
                return {|SG0101:x / y|};
            }
        }
        """);

    [Fact]
    public void SG0102_FieldRead() => Expect("""
        public static partial class K
        {
            static double Scale = 2;
            [Vectorize] public static double G(double x) => x * {|SG0102:Scale|};
        }
        """);

    [Fact]
    public void SG0201_ThrowAndChecked_AreErrors() => Expect("""
        public static partial class K
        {
            [Vectorize] public static double G(double x) => x > 0 ? x : {|SG0201:throw new ArgumentOutOfRangeException(nameof(x))|};
            [Vectorize] public static int H(int x) => checked({|SG0201:x * 2|});
        }
        """);

    // Help links and pages: HelpLinkTests.

    internal static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, "..", ".."));
}
