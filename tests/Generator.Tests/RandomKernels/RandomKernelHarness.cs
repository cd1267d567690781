using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SourceGen.Differential.Tests.Harness;
using SourceGen.Generator.Tests.Harness;
using Xunit;

namespace SourceGen.Generator.Tests.RandomKernels;

/// <summary>A random kernel: its name and its source (the kernel, its entry point and its checker).</summary>
internal sealed record RandomKernel(string Name, string Source);

/// <summary>
/// How the random kernel tests build and run their kernels: one in-memory compilation per batch through the
/// generator, loaded into a collectible context; inputs from the differential tests' edge-case generator.
/// </summary>
internal static class RandomKernelHarness
{
    /// <summary>How many kernels of each form to run: SOURCEGEN_RANDOM_KERNELS, else the CI default.</summary>
    public static int Count(int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("SOURCEGEN_RANDOM_KERNELS"), out int requested) && requested > 0 ? requested : ciDefault;

    /// <summary>The assembly of one batch, the kernels that compiled, and the generated file of each entry point.</summary>
    public sealed record Batch(Assembly Assembly, List<RandomKernel> Kernels, Dictionary<string, string> Generated, AssemblyLoadContext Context);

    /// <summary>
    /// Helpers the checkers call, compiled with the kernels: arrays flattened, bit-exact comparison (any NaN equals
    /// any NaN, -0 differs from +0), the tolerance of a reassociated float sum, and the tally of its terms.
    /// </summary>
    private const string SupportSource = """
        public static class Support
        {
            public static System.Span<T> Flat<T>(System.Array a) => a.Length == 0
                ? System.Span<T>.Empty
                : System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref System.Runtime.CompilerServices.Unsafe.As<byte, T>(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(a)), a.Length);

            public static bool Same<T>(T expected, T actual) => (expected, actual) switch
            {
                (double e, double a) => System.BitConverter.DoubleToInt64Bits(e) == System.BitConverter.DoubleToInt64Bits(a) || (double.IsNaN(e) && double.IsNaN(a)),
                (float e, float a) => System.BitConverter.SingleToInt32Bits(e) == System.BitConverter.SingleToInt32Bits(a) || (float.IsNaN(e) && float.IsNaN(a)),
                _ => System.Collections.Generic.EqualityComparer<T>.Default.Equals(expected, actual),
            };

            public static string Show<T>(T value) => value switch
            {
                double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + $" (0x{System.BitConverter.DoubleToInt64Bits(d):X16})",
                float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + $" (0x{System.BitConverter.SingleToInt32Bits(f):X8})",
                _ => value?.ToString() ?? "null",
            };

            /// <summary>The first element that differs, as "name[i, j]: kernel …, generated …", or null.</summary>
            public static string? Compare<T>(string name, System.Array expected, System.Array actual)
            {
                System.Span<T> e = Flat<T>(expected), a = Flat<T>(actual);
                for (int i = 0; i < e.Length; i++)
                {
                    if (!Same(e[i], a[i]))
                    {
                        return $"{name}[{Index(expected, i)}] of {Shape(expected)}: kernel {Show(e[i])}, generated {Show(a[i])}";
                    }
                }

                return null;
            }

            public static string Shape(System.Array a) => "(" + string.Join(", ", System.Linq.Enumerable.Range(0, a.Rank).Select(a.GetLength)) + ")";

            private static string Index(System.Array a, int flat)
            {
                var index = new int[a.Rank];
                for (int d = a.Rank - 1; d >= 0; d--)
                {
                    index[d] = flat % a.GetLength(d);
                    flat /= a.GetLength(d);
                }

                return string.Join(", ", index);
            }

            /// <summary>
            /// A float sum added in another order: within 2·terms·ε of the sum of its terms' magnitudes (any order's error
            /// is within terms·ε of it); anything goes where that overflows or a term is infinite; NaN where the kernel's is.
            /// </summary>
            public static bool Close(double expected, double actual, double initial, double magnitude, long terms) =>
                Close(expected, actual, initial, magnitude, terms, 1.0 / (1L << 53), double.MaxValue);

            public static bool Close(float expected, float actual, float initial, double magnitude, long terms) =>
                Close(expected, actual, initial, magnitude, terms, 1.0 / (1L << 24), float.MaxValue);

            private static bool Close(double expected, double actual, double initial, double magnitude, long terms, double epsilon, double largest)
            {
                magnitude += System.Math.Abs(initial);
                if (double.IsNaN(magnitude) || double.IsNaN(expected))
                {
                    return double.IsNaN(actual) || !double.IsFinite(magnitude);
                }

                if (!double.IsFinite(magnitude) || magnitude > largest / 4)
                {
                    return true;
                }

                return System.Math.Abs(expected - actual) <= 2 * (terms + 1) * epsilon * magnitude;
            }

            /// <summary>Float sums per element, each within the tolerance of its terms (<see cref="Close(double, double, double, double, long)"/>).</summary>
            public static string? CompareClose(string name, System.Array expected, System.Array actual, double initial, double[] magnitude, long[] terms)
            {
                System.Span<double> e = Flat<double>(expected), a = Flat<double>(actual);
                for (int i = 0; i < e.Length; i++)
                {
                    if (!Close(e[i], a[i], initial, magnitude[i], terms[i]))
                    {
                        return $"{name}[{Index(expected, i)}] of {Shape(expected)}: kernel {Show(e[i])}, generated {Show(a[i])}, beyond rounding ({terms[i]} terms, magnitude {magnitude[i]})";
                    }
                }

                return null;
            }

            public static string? CompareClose(string name, System.Array expected, System.Array actual, float initial, double[] magnitude, long[] terms)
            {
                System.Span<float> e = Flat<float>(expected), a = Flat<float>(actual);
                for (int i = 0; i < e.Length; i++)
                {
                    if (!Close(e[i], a[i], initial, magnitude[i], terms[i]))
                    {
                        return $"{name}[{Index(expected, i)}] of {Shape(expected)}: kernel {Show(e[i])}, generated {Show(a[i])}, beyond rounding ({terms[i]} terms, magnitude {magnitude[i]})";
                    }
                }

                return null;
            }

            /// <summary>Every index of a loop shape, last dimension fastest.</summary>
            public static System.Collections.Generic.IEnumerable<int[]> Indexes(int[] shape)
            {
                if (System.Linq.Enumerable.Any(shape, d => d == 0))
                {
                    yield break;
                }

                var index = new int[shape.Length];
                while (true)
                {
                    yield return (int[])index.Clone();
                    int d = shape.Length - 1;
                    while (d >= 0 && ++index[d] == shape[d])
                    {
                        index[d] = 0;
                        d--;
                    }

                    if (d < 0)
                    {
                        yield break;
                    }
                }
            }

            /// <summary>
            /// Where an argument's core block starts for an outer index: its outer dimensions (the first outerRank) align
            /// with the loop's on the right, and one of length 1 broadcasts.
            /// </summary>
            public static int Offset(System.Array a, int outerRank, int[] loopIndex)
            {
                int block = 1;
                for (int d = outerRank; d < a.Rank; d++)
                {
                    block *= a.GetLength(d);
                }

                int offset = 0, stride = block;
                for (int d = outerRank - 1; d >= 0; d--)
                {
                    int length = a.GetLength(d);
                    int i = length == 1 ? 0 : loopIndex[loopIndex.Length - outerRank + d];
                    offset += i * stride;
                    stride *= length;
                }

                return offset;
            }

            /// <summary>A copy of an argument's core block (its last dimensions) for an outer index.</summary>
            public static T[] Core<T>(System.Array a, int outerRank, int[] loopIndex, int count) => Flat<T>(a).Slice(Offset(a, outerRank, loopIndex), count).ToArray();

            public static void Store<T>(System.Array a, int outerRank, int[] loopIndex, T[] core) => core.CopyTo(Flat<T>(a).Slice(Offset(a, outerRank, loopIndex)));
        }

        /// <summary>The magnitude and count of each float sum's terms, tallied by a kernel's twin (one thread).</summary>
        public static class Tally
        {
            public static double[] Magnitude = new double[8];
            public static long[] Count = new long[8];

            public static void Reset()
            {
                System.Array.Clear(Magnitude);
                System.Array.Clear(Count);
            }

            public static float Term(int k, float value)
            {
                Magnitude[k] += System.Math.Abs((double)value);
                Count[k]++;
                return value;
            }

            public static double Term(int k, double value)
            {
                Magnitude[k] += System.Math.Abs(value);
                Count[k]++;
                return value;
            }
        }
        """;

    /// <summary>
    /// Compiles the kernels with the generator; kernels C# itself rejects (a constant division by zero, a constant
    /// overflow) are dropped and the rest built again. A generated file that does not compile fails with its kernel.
    /// </summary>
    public static Batch? Build(List<RandomKernel> kernels, string form)
    {
        for (int attempt = 0; attempt < 4 && kernels.Count > 0; attempt++)
        {
            var starts = new List<int>();
            var source = new System.Text.StringBuilder(Prologue);
            foreach (RandomKernel kernel in kernels)
            {
                starts.Add(source.Length);
                source.Append(Indent(kernel.Source));
            }

            source.Append("}\n");
            string text = source.ToString();
            CSharpCompilation compilation = GeneratorHarness.Compile(text).WithOptions(
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
            GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var generatorDiagnostics);
            List<Diagnostic> errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

            if (Environment.GetEnvironmentVariable("SOURCEGEN_TRACE_DIAGNOSTICS") is { Length: > 0 } diagnosticLog)
            {
                // Why loops stay as written (SG0103, SG0302) and what runs per lane: to see what the writers reach.
                File.AppendAllLines(diagnosticLog, generatorDiagnostics.Select(d => d.Id + " " + d.GetMessage()));
            }

            // The generator threw (Roslyn reports CS8785, a warning, and drops everything it generated): a bug.
            if (output.GetDiagnostics().Concat(generatorDiagnostics).FirstOrDefault(d => d.Id == "CS8785") is { } crash)
            {
                RandomKernel? culprit = kernels.FirstOrDefault(k => Crashes(Prologue + k.Source + "}\n"));
                throw new InvalidOperationException(
                    $"the generator threw on a random {form} kernel (SOURCEGEN_SEED={Inputs.Seed}): {crash.GetMessage()}\n{culprit?.Source}");
            }

            // An entry point the generator refused (an error of its own, SG0xxx) is a failure of the writer or the generator.
            if (generatorDiagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } refusal)
            {
                int at = starts.FindLastIndex(start => start <= refusal.Location.SourceSpan.Start);
                throw new InvalidOperationException(
                    $"the generator refused a random {form} kernel (SOURCEGEN_SEED={Inputs.Seed}): {refusal}\n{(at < 0 ? "" : kernels[at].Source)}");
            }

            // Errors in the kernels themselves first: a generated file copies a kernel's statements, and its errors.
            List<Diagnostic> kernelErrors = errors.Where(d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) != true).ToList();
            if (kernelErrors.Count > 0)
            {
                var rejected = new HashSet<string>();
                foreach (Diagnostic error in kernelErrors)
                {
                    int position = error.Location.SourceSpan.Start;
                    int index = starts.FindLastIndex(start => start <= position);
                    if (index < 0)
                    {
                        throw new InvalidOperationException($"the random {form} kernels' support code does not compile: {error}");
                    }

                    rejected.Add(kernels[index].Name);
                }

                LastRejection = string.Join("\n", kernelErrors.Take(5));
                if (Environment.GetEnvironmentVariable("SOURCEGEN_TRACE_REJECTIONS") is { Length: > 0 } rejectionLog)
                {
                    File.AppendAllLines(rejectionLog, kernelErrors.Select(e => e.Id + " " + e.GetMessage()));
                }

                kernels = kernels.Where(k => !rejected.Contains(k.Name)).ToList();
                continue;
            }

            Diagnostic? generatedError = errors.FirstOrDefault(d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
            if (generatedError is not null)
            {
                string method = EntryPointOf(generatedError.Location.SourceTree!.FilePath);
                RandomKernel? culprit = kernels.Where(k => method.StartsWith(k.Name, StringComparison.Ordinal)).OrderByDescending(k => k.Name.Length).FirstOrDefault();
                string line = generatedError.Location.SourceTree!.GetText().Lines[generatedError.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim();
                throw new InvalidOperationException(
                    $"the generated code of a random {form} kernel does not compile (SOURCEGEN_SEED={Inputs.Seed}, {Width()}): {generatedError}\n"
                    + $"generated line: {line}\n{culprit?.Source}");
            }

            using var image = new MemoryStream();
            var emitted = output.Emit(image);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Take(5)));
            var context = new AssemblyLoadContext("random-" + form, isCollectible: true);
            image.Position = 0;
            var generated = output.SyntaxTrees
                .Where(tree => tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal))
                .GroupBy(tree => EntryPointOf(tree.FilePath))
                .ToDictionary(group => group.Key, group => string.Concat(group.Select(tree => tree.ToString())));
            return new Batch(context.LoadFromStream(image), kernels, generated, context);
        }

        return null;
    }

    /// <summary>The source before the kernels: usings, the checkers' support, the class the kernels go in and their helper.</summary>
    private static readonly string Prologue = "using System;\nusing System.Linq;\nusing System.Numerics.Tensors;\nusing SourceGen;\nusing static SourceGen.Loops;\n\nnamespace RandomKernels;\n\n"
        + SupportSource + "\n\npublic static partial class Kernels\n{\n"
        + "    static double Helper(double x) => x * 0.5 + 1;\n\n";

    /// <summary>Whether the generator throws on this source alone (to name the kernel of a batch that made it throw).</summary>
    private static bool Crashes(string source)
    {
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compile(source), out _, out var diagnostics);
        return diagnostics.Any(d => d.Id == "CS8785");
    }

    /// <summary>The last batch's compile errors in the kernels themselves (reported when nothing is left of a batch).</summary>
    public static string LastRejection { get; private set; } = "";

    /// <summary>"Kernels.K3_Entry.Parallel.g.cs" or "Kernels.K3(ReadOnlySpan…).g.cs" → "K3_Entry", "K3".</summary>
    private static string EntryPointOf(string path)
    {
        string file = Path.GetFileName(path).Substring("Kernels.".Length);
        int end = file.IndexOfAny(new[] { '(', '.' });
        return end < 0 ? file : file.Substring(0, end);
    }

    private static string Indent(string text) => string.Concat(text.Split('\n').Select(line => line.Length == 0 ? "\n" : "    " + line + "\n"));

    /// <summary>A fresh array of edge-case and random values: rank and lengths from <paramref name="shape"/>.</summary>
    public static Array MakeArray(string type, int[] shape, Inputs.SplitMix64 random)
    {
        int length = shape.Aggregate(1, (a, b) => a * b);
        Array flat = type switch
        {
            "sbyte" => Inputs.Make<sbyte>(length, random),
            "byte" => Inputs.Make<byte>(length, random),
            "short" => Inputs.Make<short>(length, random),
            "ushort" => Inputs.Make<ushort>(length, random),
            "int" => Inputs.Make<int>(length, random),
            "uint" => Inputs.Make<uint>(length, random),
            "long" => Inputs.Make<long>(length, random),
            "ulong" => Inputs.Make<ulong>(length, random),
            "float" => Inputs.Make<float>(length, random),
            "double" => Inputs.Make<double>(length, random),
            "bool" => Inputs.Make<bool>(length, random),
            _ => throw new ArgumentException(type),
        };
        if (shape.Length == 1)
        {
            return flat;
        }

        Array shaped = Array.CreateInstance(flat.GetType().GetElementType()!, shape);
        System.Buffer.BlockCopy(flat, 0, shaped, 0, System.Buffer.ByteLength(flat));
        return shaped;
    }

    /// <summary>SOURCEGEN_RANDOM_DUMP=dir writes a failing kernel's source (kernel, entry point, checker) there, to cut it down.</summary>
    public static void Dump(RandomKernel kernel)
    {
        if (Environment.GetEnvironmentVariable("SOURCEGEN_RANDOM_DUMP") is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, kernel.Name + ".cs"), kernel.Source);
        }
    }

    public static string Width() =>
        System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "Vector512 path"
        : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "Vector256 path"
        : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? "Vector128 path"
        : "scalar path";
}
