using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using SourceGen.Differential.Tests.Harness;
using SourceGen.Differential.Tests.Kernels;
using SourceGen.Gpu;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>
/// Target.Gpu on ILGPU's CPU accelerator (the GPU code path, emulated), against the kernel as written; and the
/// fallback: with no GPU the entry point runs its CPU path and says so once. One class: the runtime's choice is global.
/// </summary>
[Collection(nameof(GpuTests))]
public sealed class GpuTests
{
    private static readonly int[] Lengths = { 0, 1, 2, 7, 64, 1000, 4097 };

    [Fact]
    public void OnTheCpuAccelerator_EqualsTheKernel()
    {
        GpuRuntime.Preference = GpuPreference.Cpu;
        try
        {
            var random = new Inputs.SplitMix64(Inputs.Seed);
            foreach (int length in Lengths)
            {
                double[] x = Inputs.Make<double>(length, random), y = Inputs.Make<double>(length, random), d = new double[length];
                GpuKernels.RelGpu(x, y, d);
                for (int i = 0; i < length; i++)
                {
                    Assert.True(Check.Same(GpuKernels.Rel(x[i], y[i]), d[i], 0), $"Rel, length {length}, element {i}: {Check.Show(GpuKernels.Rel(x[i], y[i]))} vs {Check.Show(d[i])}");
                }

                float[] f = Inputs.Make<float>(length, random), g = new float[length];
                GpuKernels.ShadeGpu(f, 0.75f, g);
                for (int i = 0; i < length; i++)
                {
                    Assert.True(Check.Same(GpuKernels.Shade(f[i], 0.75f), g[i], 0), $"Shade, length {length}, element {i}");
                }

                int[] n = Enumerable.Range(0, length).Select(i => (int)(random.Next() % 100_000) - 10).ToArray(), steps = new int[length];
                GpuKernels.CollatzGpu(n, steps);
                Assert.Equal(n.Select(GpuKernels.Collatz), steps);
            }

            // In place: the destination is one of the inputs.
            double[] same = Inputs.Make<double>(100, random), other = Inputs.Make<double>(100, random);
            double[] expected = same.Zip(other, GpuKernels.Rel).ToArray();
            GpuKernels.RelGpu(same, other, same);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), same.Select(BitConverter.DoubleToInt64Bits));
            Assert.StartsWith("CPU", GpuRuntime.Description);
        }
        finally
        {
            GpuRuntime.Preference = GpuPreference.Auto;
        }
    }

    [Fact]
    public void WithoutAGpu_RunsTheCpuPath_AndSaysSoOnce()
    {
        GpuRuntime.Preference = GpuPreference.Auto; // this machine has no CUDA or OpenCL device in CI
        if (GpuRuntime.TryGetAccelerator(out _))
        {
            return; // a GPU is present: the fallback cannot be observed here
        }

        GpuRuntime.Preference = GpuPreference.Auto; // forget the first notice
        int notices = 0;
        void Count(string message) => notices++;
        GpuRuntime.RunningOnCpu += Count;
        try
        {
            double[] x = { 1, 2, 3 }, y = { 3, 2, 1 }, d = new double[3];
            GpuKernels.RelGpu(x, y, d);
            GpuKernels.RelGpu(x, y, d);
            Assert.Equal(1, notices);
            Assert.Equal(GpuKernels.Rel(1, 3), d[0]);
            Assert.Equal("CPU path", GpuRuntime.Description);
        }
        finally
        {
            GpuRuntime.RunningOnCpu -= Count;
        }
    }

    [Fact]
    public void AnExplicitGpuRequest_WithNoSuchDevice_Throws()
    {
        GpuRuntime.Preference = GpuPreference.Cuda;
        try
        {
            if (GpuRuntime.Description.StartsWith("Cuda", StringComparison.Ordinal))
            {
                return;
            }

            var error = Assert.Throws<GpuUnavailableException>(() => GpuKernels.RelGpu(new double[1], new double[1], new double[1]));
            Assert.Contains("asks for Cuda, but this machine has no such device", error.Message);
        }
        finally
        {
            GpuRuntime.Preference = GpuPreference.Auto;
        }
    }

    [Fact]
    public void APreferenceChange_DisposesTheAccelerator_OnlyWhenNoCallHoldsIt()
    {
        GpuRuntime.Preference = GpuPreference.Cpu;
        try
        {
            Assert.True(GpuRuntime.TryAcquire(out GpuLease? first));
            Assert.True(GpuRuntime.TryAcquire(out GpuLease? second));
            ILGPU.Runtime.Accelerator held = first.Accelerator;
            Assert.Same(held, second.Accelerator);

            // Retired, not disposed: both calls still launch on it.
            GpuRuntime.Preference = GpuPreference.None;
            Assert.False(GpuRuntime.TryAcquire(out _), "None: the CPU path");
            Assert.False(held.IsDisposed);
            using (var buffer = GpuRuntime.Upload<int>(held, new[] { 1, 2, 3 }))
            {
                int[] back = new int[3];
                GpuRuntime.Download<int>(held, buffer, back);
                Assert.Equal(new[] { 1, 2, 3 }, back);
            }

            first.Dispose();
            first.Dispose(); // a second Dispose does not release another call's hold
            Assert.False(held.IsDisposed);
            Assert.Throws<ObjectDisposedException>(() => first.Accelerator);
            second.Dispose();
            Assert.True(held.IsDisposed, "the last hold disposes a retired accelerator");

            // Nothing held: a change disposes it at once.
            GpuRuntime.Preference = GpuPreference.Cpu;
            Assert.True(GpuRuntime.TryAcquire(out GpuLease? third));
            ILGPU.Runtime.Accelerator next = third.Accelerator;
            Assert.NotSame(held, next);
            third.Dispose();
            Assert.False(next.IsDisposed, "the current accelerator stays for the next call");
            GpuRuntime.Preference = GpuPreference.Cpu;
            Assert.True(next.IsDisposed);
        }
        finally
        {
            GpuRuntime.Preference = GpuPreference.Auto;
        }
    }

    [Fact]
    public void FlippingThePreference_WhileCallsRun_KeepsTheProcessAndTheResults()
    {
        // Calls of the three GPU emitters ([Vectorize], [Parallel], [GuVectorize]) run on three threads while a fourth
        // flips the preference between ILGPU's CPU accelerator and the CPU path: a flip once disposed the accelerator
        // under a running launch (an access violation that killed the process).
        var random = new Inputs.SplitMix64(Inputs.Seed + 17);
        int[] n = Enumerable.Range(0, 2000).Select(_ => (int)(random.Next() % 10_000) + 1).ToArray();
        int[] steps = n.Select(GpuKernels.Collatz).ToArray();
        int[] values = Enumerable.Range(0, 3000).Select(_ => (int)(random.Next() % 2001) - 1000).ToArray();
        long sum = ParallelKernels.AtomicReductions(values, out int max, out int min, out uint bits, out long ored);
        float[,] x = new float[40, 30];
        float[,] scaled = new float[40, 30];
        var one = new float[1];
        for (int r = 0; r < 40; r++)
        {
            for (int c = 0; c < 30; c++)
            {
                x[r, c] = (float)(random.Unit() * 4 - 2);
                GuGpuKernels.ScaleClamp(x[r, c], 0.5f, one);
                scaled[r, c] = one[0];
            }
        }

        var errors = new ConcurrentQueue<Exception>();
        int calls = 0;
        using var stop = new CancellationTokenSource();
        void Calls(Action call)
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    call();
                    Interlocked.Increment(ref calls);
                }
            }
            catch (Exception exception)
            {
                errors.Enqueue(exception);
            }
        }

        GpuRuntime.Preference = GpuPreference.Cpu;
        int hung = 0;
        Thread[] callers =
        {
            new(() => Calls(() =>
            {
                int[] d = new int[n.Length];
                GpuKernels.CollatzGpu(n, d);
                Assert.Equal(steps, d);
            })),
            new(() => Calls(() =>
            {
                Assert.Equal(sum, ParallelKernels.AtomicReductionsGpu(values, out int gpuMax, out int gpuMin, out uint gpuBits, out long gpuOred));
                Assert.Equal((max, min, bits, ored), (gpuMax, gpuMin, gpuBits, gpuOred));
            })),
            new(() => Calls(() =>
            {
                float[,] d = new float[40, 30];
                GuGpuKernels.ScaleClampGpu(x, 0.5f, d);
                Assert.Equal(scaled, d);
            })),
        };
        try
        {
            foreach (Thread caller in callers)
            {
                caller.IsBackground = true; // one that hangs must not keep the test process alive
                caller.Start();
            }

            var clock = Stopwatch.StartNew();
            GpuPreference[] cycle = { GpuPreference.None, GpuPreference.Cpu, GpuPreference.Auto, GpuPreference.Cpu };
            for (int flip = 0; flip < 24 && errors.IsEmpty && clock.Elapsed < TimeSpan.FromSeconds(60); flip++)
            {
                GpuRuntime.Preference = cycle[flip % cycle.Length];

                // Some flips land in a launch, some between calls, some while a kernel compiles.
                Thread.Sleep((int)(random.Next() % 40));
            }
        }
        finally
        {
            stop.Cancel();

            // A call that lost its accelerator may also hang rather than crash: a hang guard, not a timing.
            hung = callers.Count(caller => !caller.Join(TimeSpan.FromMinutes(2)));
            GpuRuntime.Preference = GpuPreference.Auto;
        }

        Assert.True(hung == 0, $"{hung} calling thread(s) still in a call two minutes after the last flip");
        Assert.True(errors.IsEmpty, string.Join("\n", errors));
        Assert.True(calls > 3, $"{calls} calls");
    }
}
