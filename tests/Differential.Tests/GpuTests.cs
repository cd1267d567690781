using System;
using System.Linq;
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
}
