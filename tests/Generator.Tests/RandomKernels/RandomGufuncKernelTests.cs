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
/// Random [GuVectorize] kernels through the whole pipeline, against the kernel called on each outer index's core
/// slices: random signatures, loop shapes with broadcast (length-1 or missing) dimensions, empty loops and cores,
/// core lengths up to a few vectors plus one. 80 kernels in CI; SOURCEGEN_RANDOM_KERNELS=10000 for a long run,
/// SOURCEGEN_SEED to repeat one. A failure prints the kernel's source, the seed, the vector path and the shape.
/// </summary>
public sealed class RandomGufuncKernelTests(ITestOutputHelper output)
{
    private const int BatchSize = 60;
    private static readonly int[] CoreLengths = { 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 129 };
    private static readonly int[] LoopLengths = { 1, 2, 3, 5 };

    [Fact]
    public void RandomGufuncKernels_MatchTheKernelsAsWritten()
    {
        int count = RandomKernelHarness.Count(80);
        var clock = Stopwatch.StartNew();
        var writer = new GufuncKernelWriter(Inputs.Seed ^ 0x6B6B_0002UL);
        var failures = new List<string>();
        int tested = 0, inSimdSteps = 0;
        for (int round = 0; round * BatchSize < count && failures.Count < 3; round++)
        {
            List<RandomKernel> kernels = Enumerable.Range(0, Math.Min(BatchSize, count - round * BatchSize))
                .Select(i => writer.Next($"G{round}_{i}"))
                .ToList();
            RandomKernelHarness.Batch? batch = RandomKernelHarness.Build(kernels, "[GuVectorize]");
            Assert.True(batch is not null, "a batch of random [GuVectorize] kernels failed to build after dropping the kernels C# itself rejects:\n" + RandomKernelHarness.LastRejection);
            Type type = batch!.Assembly.GetType("RandomKernels.Kernels")!;
            var random = new Inputs.SplitMix64(Inputs.Seed ^ (ulong)round ^ 0x6B6B_0002UL);
            Func<string, int[], Array> make = (elementType, shape) => RandomKernelHarness.MakeArray(elementType, shape, random);
            foreach (RandomKernel kernel in batch.Kernels)
            {
                tested++;
                if (batch.Generated.TryGetValue(kernel.Name + "_Entry", out string? generated) && generated.Contains("Vector128.", StringComparison.Ordinal))
                {
                    inSimdSteps++;
                }

                MethodInfo check = type.GetMethod("Check_" + kernel.Name)!;
                foreach ((int[] loop, int m, int n, int broadcast) in Shapes(random))
                {
                    if (Run(check, make, loop, m, n, broadcast) is string difference)
                    {
                        RandomKernelHarness.Dump(kernel);
                        failures.Add($"{kernel.Name}, loop ({string.Join(", ", loop)}), m {m}, n {n}, broadcast {broadcast}, SOURCEGEN_SEED={Inputs.Seed}, {RandomKernelHarness.Width()}: {difference}\n{kernel.Source}");
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

        output.WriteLine($"{tested} random [GuVectorize] kernels ({inSimdSteps} with loops in SIMD steps), {RandomKernelHarness.Width()}, {clock.Elapsed.TotalSeconds:F1} s, SOURCEGEN_SEED={Inputs.Seed}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {tested} random [GuVectorize] kernels differ:\n\n" + string.Join("\n\n", failures));
        Assert.True(tested >= count / 2, $"only {tested} of {count} random [GuVectorize] kernels compiled");
        Assert.True(inSimdSteps >= tested / 4, $"only {inSimdSteps} of {tested} random [GuVectorize] kernels have loops in SIMD steps");
    }

    /// <summary>An empty core, an empty loop, and random shapes (the checker takes as many loop dimensions as it has).</summary>
    private static IEnumerable<(int[] Loop, int M, int N, int Broadcast)> Shapes(Inputs.SplitMix64 random)
    {
        int[] Loop() => Enumerable.Range(0, 3).Select(_ => LoopLengths[random.Below(LoopLengths.Length)]).ToArray();
        yield return (Loop(), 2, 0, 0);
        yield return (new[] { 0, 2, 2 }, 3, 5, 0);
        for (int k = 0; k < 4; k++)
        {
            yield return (Loop(), 1 + random.Below(4), CoreLengths[random.Below(CoreLengths.Length)], (int)(random.Next() & int.MaxValue));
        }
    }

    private static string? Run(MethodInfo check, Func<string, int[], Array> make, int[] loop, int m, int n, int broadcast)
    {
        try
        {
            return (string?)check.Invoke(null, new object[] { make, loop, m, n, broadcast });
        }
        catch (TargetInvocationException e)
        {
            return "the check threw " + e.InnerException;
        }
    }
}
