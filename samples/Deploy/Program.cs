using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SourceGen.Deploy;

/// <summary>
/// First-call timings of a generated entry point as it is deployed (JIT with default tiering, ReadyToRun,
/// NativeAOT): each case in a fresh process, its input allocated and touched before the clock starts, so call 1
/// includes compiling the code (JIT) or not (precompiled), and for Target.Parallel starting the worker threads.
///   Deploy                  launches every case several times as a child process and prints medians;
///   Deploy --case NAME      runs one case once: "NAME: call1 … call6 steady" in ms (what the launcher starts);
///   Deploy --once NAME      allocates and fills the input, makes one call and exits (whole-process timings);
///   Deploy --isa            prints what this build sees of the vector hardware, and the width generated code picks.
/// </summary>
public static class Program
{
    private const int Length = 4 << 20;
    private const int FirstCalls = 6;
    private const int SteadyCalls = 10;

    private static readonly (string Name, string Description, Action<double[], double[]> Call)[] Cases =
    {
        ("softplus-loop", "scalar loop as written", (x, d) => DeployKernels.SoftplusLoop(x, d)),
        ("softplus-cpu", "[Vectorize] Target.Cpu", (x, d) => DeployKernels.SoftplusCpu(x, d)),
        ("softplus-parallel", "[Vectorize] Target.Parallel", (x, d) => DeployKernels.SoftplusParallel(x, d)),
    };

    public static int Main(string[] args)
    {
        if (args.Length == 1 && args[0] == "--isa")
        {
            Console.WriteLine(Isa());
            return 0;
        }

        if (args.Length == 2 && args[0] == "--case")
        {
            return RunCase(args[1], FirstCalls + SteadyCalls);
        }

        if (args.Length == 2 && args[0] == "--once")
        {
            return RunCase(args[1], 1);
        }

        int launches = args.Length == 2 && args[0] == "--launches" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
        return Launch(launches);
    }

    /// <summary>
    /// The generated Compute methods choose their path with these properties, in this order; a NativeAOT or
    /// ReadyToRun build answers them from its instruction-set settings (see the README's "Deploying" section).
    /// </summary>
    private static string Isa()
    {
        int width = Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"generated code runs its {(width == 0 ? "scalar" : $"Vector{width}")} path (Vector512.IsHardwareAccelerated {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, Vector128 {Vector128.IsHardwareAccelerated}; Avx512F.IsSupported {Avx512F.IsSupported}, Avx2 {Avx2.IsSupported}, Fma {Fma.IsSupported}, Sse42 {Sse42.IsSupported}, Sse41 {Sse41.IsSupported}; dynamic code {RuntimeFeature.IsDynamicCodeSupported})");
    }

    private static int RunCase(string name, int calls)
    {
        var (_, _, call) = Cases.Single(c => c.Name == name);
        double[] x = new double[Length], destination = new double[Length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (i % 2001 - 1000) / 100.0;
        }

        destination.AsSpan().Clear();
        var times = new List<double>();
        for (int i = 0; i < calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            call(x, destination);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        if (calls == 1)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {times[0]:F2}"));
            return 0;
        }

        // Steady state: the fastest of the calls after the first six.
        double steady = times.Skip(FirstCalls).Min();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {string.Join(' ', times.Take(FirstCalls).Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))} {steady:F2}"));
        return 0;
    }

    private static int Launch(int launches)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        Console.WriteLine($"# {Isa()}");
        Console.WriteLine($"# each case in {launches} fresh processes, {Length} doubles; medians in ms");
        Console.WriteLine("| case | call 1 | calls 2–6 (worst) | steady | call 1 / steady |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, description, _) in Cases)
        {
            var runs = new List<double[]>();
            for (int l = 0; l < launches; l++)
            {
                var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
                start.ArgumentList.Add("--case");
                start.ArgumentList.Add(name);
                using Process child = Process.Start(start)!;
                string output = child.StandardOutput.ReadToEnd();
                child.WaitForExit();
                if (child.ExitCode != 0)
                {
                    Console.Error.WriteLine($"{name}: the child exited with {child.ExitCode}");
                    return 1;
                }

                runs.Add(output.Trim().Split(' ').Skip(1).Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray());
            }

            double first = Median(runs.Select(r => r[0]));
            double next = Median(runs.Select(r => r.Skip(1).Take(FirstCalls - 1).Max()));
            double steady = Median(runs.Select(r => r[FirstCalls]));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} ({description}) | {first:F1} | {next:F1} | {steady:F1} | {first / steady:F1}× |"));
        }

        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
