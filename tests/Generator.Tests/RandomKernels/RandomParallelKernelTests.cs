using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using SourceGen.Differential.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace SourceGen.Generator.Tests.RandomKernels;

/// <summary>
/// Random [Parallel] kernels through the whole pipeline, against the kernels as written (Prange runs serially
/// there), at many widths and heights: from empty to a few vectors plus one. 100 kernels in CI;
/// SOURCEGEN_RANDOM_KERNELS=10000 for a long run, SOURCEGEN_SEED to repeat one. A failure prints the kernel's
/// source, the seed, the vector path and the shape.
/// </summary>
public sealed class RandomParallelKernelTests(ITestOutputHelper output)
{
    private const int BatchSize = 60;
    private static readonly int[] Widths = { 2, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 257 };
    private static readonly int[] Heights = { 1, 2, 3, 5 };

    [Fact]
    public void RandomParallelKernels_MatchTheKernelsAsWritten()
    {
        int count = RandomKernelHarness.Count(100);
        var clock = Stopwatch.StartNew();
        var writer = new ParallelKernelWriter(Inputs.Seed ^ 0x5A5A_0001UL);
        var failures = new List<string>();
        int tested = 0, inSimdSteps = 0;
        for (int round = 0; round * BatchSize < count && failures.Count < 3; round++)
        {
            List<RandomKernel> kernels = Enumerable.Range(0, Math.Min(BatchSize, count - round * BatchSize))
                .Select(i => writer.Next($"P{round}_{i}"))
                .ToList();
            RandomKernelHarness.Batch? batch = RandomKernelHarness.Build(kernels, "[Parallel]");
            Assert.True(batch is not null, "a batch of random [Parallel] kernels failed to build after dropping the kernels C# itself rejects:\n" + RandomKernelHarness.LastRejection);
            Type type = batch!.Assembly.GetType("RandomKernels.Kernels")!;
            var random = new Inputs.SplitMix64(Inputs.Seed ^ (ulong)round ^ 0x5A5A_0001UL);
            Func<string, int[], Array> make = (elementType, shape) => RandomKernelHarness.MakeArray(elementType, shape, random);
            foreach (RandomKernel kernel in batch.Kernels)
            {
                tested++;
                if (batch.Generated.TryGetValue(kernel.Name + "_Entry", out string? generated) && generated.Contains("Vector128.", StringComparison.Ordinal))
                {
                    inSimdSteps++;
                }

                MethodInfo check = type.GetMethod("Check_" + kernel.Name)!;
                foreach ((int width, int height) in Shapes(random))
                {
                    if (Run(check, make, width, height) is string difference)
                    {
                        RandomKernelHarness.Dump(kernel);
                        failures.Add($"{kernel.Name}, width {width}, height {height}, SOURCEGEN_SEED={Inputs.Seed}, {RandomKernelHarness.Width()}: {difference}\n{kernel.Source}");
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

        output.WriteLine($"{tested} random [Parallel] kernels ({inSimdSteps} with loops in SIMD steps), {RandomKernelHarness.Width()}, {clock.Elapsed.TotalSeconds:F1} s, SOURCEGEN_SEED={Inputs.Seed}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {tested} random [Parallel] kernels differ:\n\n" + string.Join("\n\n", failures));
        Assert.True(tested >= count / 2, $"only {tested} of {count} random [Parallel] kernels compiled");

        // Most kernels must reach the SIMD row-loop lowering, or this test would only check the fallback.
        Assert.True(inSimdSteps >= tested / 3, $"only {inSimdSteps} of {tested} random [Parallel] kernels have loops in SIMD steps");
    }

    /// <summary>Empty rows and no rows, one element, and a few random shapes up to a few vectors plus one.</summary>
    private static IEnumerable<(int Width, int Height)> Shapes(Inputs.SplitMix64 random)
    {
        yield return (0, 3);
        yield return (5, 0);
        yield return (1, 1);
        for (int k = 0; k < 4; k++)
        {
            yield return (Widths[random.Below(Widths.Length)], Heights[random.Below(Heights.Length)]);
        }
    }

    private static string? Run(MethodInfo check, Func<string, int[], Array> make, int width, int height)
    {
        try
        {
            return (string?)check.Invoke(null, new object[] { make, width, height });
        }
        catch (TargetInvocationException e)
        {
            // The checker catches what the kernel and the entry point throw; this is the checker's own failure.
            return "the check threw " + e.InnerException;
        }
    }
}
