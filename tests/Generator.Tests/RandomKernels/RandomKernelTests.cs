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
/// SOURCEGEN_RANDOM_KERNELS=10000 dotnet test tests/Generator.Tests --filter RandomKernels
/// (SOURCEGEN_SEED fixes the seed; each failure prints the kernel's source and its inputs).
/// </summary>
public sealed class RandomKernelTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int BatchSize = 60;
    private static readonly int[] Lengths = { 0, 1, 2, 3, 5, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 300, 513, 1000 };

    [Fact]
    public void RandomKernels_MatchTheKernelsAsWritten()
    {
        int count = RandomKernelHarness.Count(150);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var writer = new KernelSourceGenerator(Inputs.Seed);
        var failures = new List<string>();
        int tested = 0;
        for (int round = 0; round * BatchSize < count; round++)
        {
            List<KernelSourceGenerator.Kernel> kernels = Enumerable.Range(0, Math.Min(BatchSize, count - round * BatchSize))
                .Select(i => writer.Next($"K{round}_{i}"))
                .ToList();
            RandomKernelHarness.Batch? batch = RandomKernelHarness.Build(kernels.Select(k => new RandomKernel(k.Name, k.Source)).ToList(), "[Vectorize]");
            Assert.True(batch is not null, "a batch of random kernels failed to build after dropping the kernels C# itself rejects:\n" + RandomKernelHarness.LastRejection);
            var built = batch!.Kernels.Select(k => k.Name).ToHashSet();
            List<KernelSourceGenerator.Kernel> compiled = kernels.Where(k => built.Contains(k.Name)).ToList();
            Type type = batch.Assembly.GetType("RandomKernels.Kernels")!;
            var random = new Inputs.SplitMix64(Inputs.Seed ^ (ulong)round);
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
                    object[] arrays = kernel.ParameterTypes.Select(t => (object)RandomKernelHarness.MakeArray(t, new[] { length }, random)).ToArray();
                    if (check.Invoke(null, arrays) is string difference)
                    {
                        RandomKernelHarness.Dump(new RandomKernel(kernel.Name, kernel.Source));
                        failures.Add($"{kernel.Name}, length {length}, SOURCEGEN_SEED={Inputs.Seed}, {RandomKernelHarness.Width()}: {difference}\n{kernel.Source}");
                        break;
                    }
                }

                if (failures.Count >= 3)
                {
                    break;
                }
            }

            // A long run builds hundreds of batches: each one's assembly goes once its kernels have run.
            batch.Context.Unload();
        }

        output.WriteLine($"{tested} random [Vectorize] kernels, {RandomKernelHarness.Width()}, {clock.Elapsed.TotalSeconds:F1} s, SOURCEGEN_SEED={Inputs.Seed}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {tested} random kernels differ:\n\n" + string.Join("\n\n", failures));
        // C# itself rejects some random kernels (a constant division by zero, a constant overflow): most must compile.
        Assert.True(tested >= count / 2, $"only {tested} of {count} random kernels compiled");
    }
}
