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

/// <summary>
/// Random kernels through the whole pipeline: generated, compiled in memory, loaded, and run against the kernels
/// as written on random and edge-case inputs at many lengths. A few hundred kernels in CI; for a longer run:
/// SOURCEGEN_RANDOM_KERNELS=5000 dotnet test tests/Generator.Tests --filter RandomKernels
/// (SOURCEGEN_SEED fixes the seed; each failure prints the kernel's source and its inputs).
/// </summary>
public sealed class RandomKernelTests
{
    private const int BatchSize = 60;
    private static readonly int[] Lengths = { 0, 1, 2, 3, 5, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 300, 513, 1000 };

    [Fact]
    public void RandomKernels_MatchTheKernelsAsWritten()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("SOURCEGEN_RANDOM_KERNELS"), out int requested) ? requested : 150;
        var writer = new KernelSourceGenerator(Inputs.Seed);
        var failures = new List<string>();
        int tested = 0;
        for (int batch = 0; batch * BatchSize < count; batch++)
        {
            List<KernelSourceGenerator.Kernel> kernels = Enumerable.Range(0, Math.Min(BatchSize, count - batch * BatchSize))
                .Select(i => writer.Next($"K{batch}_{i}"))
                .ToList();
            (Assembly? assembly, List<KernelSourceGenerator.Kernel> compiled) = Build(kernels);
            Assert.True(assembly is not null, "a batch of random kernels failed to build after dropping the kernels C# itself rejects:\n" + LastRejection);
            Type type = assembly!.GetType("RandomKernels.Kernels")!;
            var random = new Inputs.SplitMix64(Inputs.Seed ^ (ulong)batch);
            foreach (KernelSourceGenerator.Kernel kernel in compiled)
            {
                tested++;
                if (Environment.GetEnvironmentVariable("SOURCEGEN_TRACE_KERNEL") is { Length: > 0 } trace)
                {
                    File.WriteAllText(trace, kernel.Source);
                }

                MethodInfo check = type.GetMethod("Check_" + kernel.Name)!;
                foreach (int length in Lengths)
                {
                    object[] arrays = kernel.ParameterTypes.Select(t => MakeArray(t, length, random)).ToArray();
                    if (check.Invoke(null, arrays) is string difference)
                    {
                        failures.Add($"{kernel.Name}, length {length}, SOURCEGEN_SEED={Inputs.Seed}, {Width()}: {difference}\n{kernel.Source}");
                        break;
                    }
                }

                if (failures.Count >= 3)
                {
                    break;
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {tested} random kernels differ:\n\n" + string.Join("\n\n", failures));
        // C# itself rejects some random kernels (a constant division by zero, a constant overflow): most must compile.
        Assert.True(tested >= count / 2, $"only {tested} of {count} random kernels compiled");
    }

    /// <summary>Compiles the kernels with the generator; kernels C# rejects (e.g. a constant division by zero) are dropped.</summary>
    private static (Assembly?, List<KernelSourceGenerator.Kernel>) Build(List<KernelSourceGenerator.Kernel> kernels)
    {
        for (int attempt = 0; attempt < 4 && kernels.Count > 0; attempt++)
        {
            string source = "using System;\nusing SourceGen;\n\nnamespace RandomKernels;\n\npublic static partial class Kernels\n{\n"
                + "    static double Helper(double x) => x * 0.5 + 1;\n\n"
                + string.Concat(kernels.Select(k => Indent(k.Source)))
                + "}\n";
            CSharpCompilation compilation = GeneratorHarness.Compile(source).WithOptions(
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable));
            GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
            List<Diagnostic> errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Diagnostic? generatedError = errors.FirstOrDefault(d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
            if (generatedError is not null)
            {
                string file = Path.GetFileName(generatedError.Location.SourceTree!.FilePath);
                string kernel = file.Substring("Kernels.".Length, file.IndexOf('(') - "Kernels.".Length);
                throw new InvalidOperationException(
                    $"the generated code does not compile (SOURCEGEN_SEED={Inputs.Seed}): {generatedError}\n{kernels.FirstOrDefault(k => k.Name == kernel)?.Source}");
            }

            if (errors.Count > 0)
            {
                // C# itself rejects these kernels (e.g. a constant division by zero): drop them and build again.
                LastRejection = string.Join("\n", errors.Take(5));
                if (Environment.GetEnvironmentVariable("SOURCEGEN_TRACE_REJECTIONS") is { Length: > 0 } rejectionLog)
                {
                    File.AppendAllLines(rejectionLog, errors.Select(e => e.Id + " " + e.GetMessage()));
                }

                HashSet<string> rejected = errors.Select(d => KernelAt(source, d.Location.SourceSpan.Start)).ToHashSet();
                kernels = kernels.Where(k => !rejected.Contains(k.Name)).ToList();
                continue;
            }

            using var image = new MemoryStream();
            var emitted = output.Emit(image);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Take(5)));

            var context = new AssemblyLoadContext("random-kernels", isCollectible: true);
            image.Position = 0;
            return (context.LoadFromStream(image), kernels);
        }

        return (null, kernels);
    }

    private static string LastRejection = "";

    private static string KernelAt(string source, int position)
    {
        int start = source.LastIndexOf("public static ", position, StringComparison.Ordinal);
        while (start >= 0 && source.Substring(start).StartsWith("public static string? Check_", StringComparison.Ordinal))
        {
            start = source.LastIndexOf("public static ", start - 1, StringComparison.Ordinal);
        }

        int open = source.IndexOf('(', start);
        string header = source.Substring(start, open - start);
        return header.Substring(header.LastIndexOf(' ') + 1);
    }

    private static string Indent(string text) => string.Concat(text.Split('\n').Select(line => line.Length == 0 ? "\n" : "    " + line + "\n"));

    private static object MakeArray(string type, int length, Inputs.SplitMix64 random) => type switch
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
        _ => Inputs.Make<bool>(length, random),
    };

    private static string Width() =>
        System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "Vector512 path"
        : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "Vector256 path"
        : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? "Vector128 path"
        : "scalar path";
}
