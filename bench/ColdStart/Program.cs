using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SourceGen.ColdStart;

/// <summary>
/// Times generated code as users run it: every case in a fresh process with the runtime's defaults (tiered
/// compilation, no warm-up), inputs allocated and touched before the clock starts. The first call includes the JIT
/// and, for Target.Parallel, starting the worker threads. Run without arguments it launches each case several times
/// as a child process and prints medians; `--case NAME` runs one case once (what the launcher starts); `--once NAME`
/// makes one call and exits (for whole-process timers); `--isa` prints the vector path generated code takes.
/// deploy.sh publishes it as JIT, ReadyToRun and NativeAOT and runs it each way (the README's "Deploying" table).
/// </summary>
public static class Program
{
    /// <summary>One timed case: prepares its inputs and returns one "call" (a kernel call, or a round of calls).</summary>
    private sealed record Case(string Name, string Group, string Description, Func<Action> Prepare);

    private static readonly Case[] Cases =
    {
        new("softplus-loop", "softplus", "scalar loop as written, 4M doubles", () => Softplus((x, d) => ColdKernels.SoftplusLoop(x, d))),
        new("softplus-cpu", "softplus", "[Vectorize] Target.Cpu, 4M doubles", () => Softplus((x, d) => ColdKernels.SoftplusCpu(x, d))),
        new("softplus-parallel", "softplus", "[Vectorize] Target.Parallel, 4M doubles", () => Softplus((x, d) => ColdKernels.SoftplusParallel(x, d))),
        new("expf-loop", "expf", "scalar loop as written, 1M floats", () => ExpF((x, d) => ColdKernels.ExpFLoop(x, d))),
        new("expf-cpu", "expf", "[Vectorize] Target.Cpu, 1M floats", () => ExpF((x, d) => ColdKernels.ExpFCpu(x, d))),
        new("hypot3-loop", "hypot3", "scalar loop as written, 300 calls on 16K floats", () => Hypot3((x, y, z, d) => ColdKernels.Hypot3Loop(x, y, z, d))),
        new("hypot3-cpu", "hypot3", "[Vectorize] Target.Cpu, 300 calls on 16K floats", () => Hypot3((x, y, z, d) => ColdKernels.Hypot3Cpu(x, y, z, d))),
        new("hypot3-hand", "hypot3", "hand-written Vector512 loop, 300 calls on 16K floats", () => Hypot3((x, y, z, d) => ColdKernels.Hypot3Vector512(x, y, z, d))),
    };

    private delegate void Unary<T>(ReadOnlySpan<T> x, Span<T> destination);

    private delegate void Ternary<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> z, Span<T> destination);

    private const int FirstCalls = 6;
    private const int ShortProgramCalls = 15;

    public static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "--case")
        {
            return RunCase(args[1]);
        }

        if (args.Length == 2 && args[0] == "--once")
        {
            // Whole-process timings (start, inputs, one call, exit), for a process timer such as /usr/bin/time.
            Case? once = Cases.FirstOrDefault(c => c.Name == args[1]);
            once?.Prepare()();
            return once is null ? 2 : 0;
        }

        if (args.Length == 1 && args[0] == "--isa")
        {
            Console.WriteLine(Isa());
            return 0;
        }

        int launches = 7;
        string? only = null;
        for (int a = 0; a < args.Length; a++)
        {
            if (args[a] == "--launches" && a + 1 < args.Length)
            {
                launches = int.Parse(args[++a], CultureInfo.InvariantCulture);
            }
            else if (args[a] == "--filter" && a + 1 < args.Length)
            {
                only = args[++a];
            }
            else
            {
                Console.Error.WriteLine("usage: ColdStart [--launches N] [--filter SUBSTRING] | --case NAME | --once NAME | --isa");
                return 2;
            }
        }

        return Launch(launches, only);
    }

    private static Action Softplus(Unary<double> call)
    {
        double[] x = Inputs(4 << 20, -20, 20, seed: 1);
        double[] d = new double[x.Length];
        Array.Fill(d, 1.0);
        return () => call(x, d);
    }

    private static Action ExpF(Unary<float> call)
    {
        float[] x = Inputs(1 << 20, -80, 80, seed: 2).Select(v => (float)v).ToArray();
        float[] d = new float[x.Length];
        Array.Fill(d, 1f);
        return () => call(x, d);
    }

    private static Action Hypot3(Ternary<float> call)
    {
        float[] x = Inputs(16 << 10, -100, 100, seed: 3).Select(v => (float)v).ToArray();
        float[] y = Inputs(16 << 10, -100, 100, seed: 4).Select(v => (float)v).ToArray();
        float[] z = Inputs(16 << 10, -100, 100, seed: 5).Select(v => (float)v).ToArray();
        float[] d = new float[x.Length];
        Array.Fill(d, 1f);
        return () =>
        {
            for (int k = 0; k < 300; k++)
            {
                call(x, y, z, d);
            }
        };
    }

    private static double[] Inputs(int length, double low, double high, int seed)
    {
        var random = new Random(seed);
        var values = new double[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = low + (high - low) * random.NextDouble();
        }

        return values;
    }

    /// <summary>
    /// The child: calls 1..6 timed one by one (what a short program sees), then calls until 2 s have passed since the
    /// first, the last 10 of them being the steady state (tier-1 code by then under default tiering).
    /// Prints one line: "first6 t1 .. t6 short T steady S", milliseconds.
    /// </summary>
    private static int RunCase(string name)
    {
        Case? found = Cases.FirstOrDefault(c => c.Name == name);
        if (found is null)
        {
            Console.Error.WriteLine($"unknown case '{name}'");
            return 2;
        }

        Action call = found.Prepare();
        var times = new List<double>();
        var clock = Stopwatch.StartNew();
        while (times.Count < ShortProgramCalls || clock.Elapsed.TotalSeconds < 2 || times.Count < FirstCalls + 30)
        {
            long start = Stopwatch.GetTimestamp();
            call();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        double shortProgram = times.Take(ShortProgramCalls).Sum();
        double steady = Median(times.Skip(times.Count - 10));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first6 {string.Join(" ", times.Take(FirstCalls).Select(t => t.ToString("F3", CultureInfo.InvariantCulture)))} short {shortProgram:F3} steady {steady:F3}"));
        return 0;
    }

    private static int Launch(int launches, string? only)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        string? dll = self.EndsWith("dotnet", StringComparison.Ordinal) || self.EndsWith("dotnet.exe", StringComparison.Ordinal)
            ? System.IO.Path.Combine(AppContext.BaseDirectory, "ColdStart.dll")
            : null;
        Console.WriteLine($"# cold start: each case in {launches} fresh processes, default tiering; medians in ms");
        Console.WriteLine($"# {Environment.ProcessorCount} cores, .NET {Environment.Version}; {Isa()}");
        Console.WriteLine("| case | what | call 1 | calls 2–6 (worst) | first 15 calls | steady | call 1 / steady | worst of 2–6 / steady |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (Case c in Cases.Where(c => only is null || c.Name.Contains(only, StringComparison.Ordinal)))
        {
            var runs = new List<double[]>();
            for (int l = 0; l < launches; l++)
            {
                var start = new ProcessStartInfo(dll is null ? self : "dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
                if (dll is not null)
                {
                    start.ArgumentList.Add(dll);
                }

                start.ArgumentList.Add("--case");
                start.ArgumentList.Add(c.Name);
                using Process child = Process.Start(start)!;
                string output = child.StandardOutput.ReadToEnd();
                child.WaitForExit();
                if (child.ExitCode != 0)
                {
                    Console.Error.WriteLine($"{c.Name}: child exited with {child.ExitCode}");
                    return 1;
                }

                string[] parts = output.Trim().Split(' ');
                runs.Add(parts.Where(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    .Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray());
            }

            double first = Median(runs.Select(r => r[0]));
            double worstNext = Median(runs.Select(r => r.Skip(1).Take(FirstCalls - 1).Max()));
            double shortProgram = Median(runs.Select(r => r[FirstCalls]));
            double steady = Median(runs.Select(r => r[FirstCalls + 1]));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {c.Name} | {c.Description} | {first:F2} | {worstNext:F2} | {shortProgram:F2} | {steady:F2} | {first / steady:F1}× | {worstNext / steady:F2}× |"));
        }

        return 0;
    }

    /// <summary>What this build sees of the vector hardware (NativeAOT: what it was compiled for), and the width generated code picks.</summary>
    private static string Isa()
    {
        int width = Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;
        return $"generated code runs its {(width == 0 ? "scalar" : $"Vector{width}")} path (Vector512 {Vector512.IsHardwareAccelerated}, "
            + $"Vector256 {Vector256.IsHardwareAccelerated}, Vector128 {Vector128.IsHardwareAccelerated}; Avx512F {Avx512F.IsSupported}, "
            + $"Avx2 {Avx2.IsSupported}, Fma {Fma.IsSupported}; dynamic code {RuntimeFeature.IsDynamicCodeSupported})";
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
