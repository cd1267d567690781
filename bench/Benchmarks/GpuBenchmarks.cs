using System;
using BenchmarkDotNet.Attributes;
using ILGPU.Runtime;
using SourceGen.Gpu;
using SourceGen.Kernels;
using SourceGen.Kernels.Baselines;

namespace SourceGen.Bench;

/// <summary>
/// Issue 9's GPU comparison: TV denoising of one 1500×1125 float channel, 20 iterations (eps 0), as the generated
/// Target.Parallel code on the CPU (the baseline), the generated Target.Gpu code, and a hand-written ILGPU version
/// (grouped kernels, shared-memory sums). Each call includes its uploads and downloads. Needs a CUDA or OpenCL
/// device (setup refuses to measure the CPU fallback); SOURCEGEN_GPU=cpu measures ILGPU's CPU accelerator instead.
/// </summary>
public class TvDenoisingGpu
{
    private const int Width = 1500, Height = 1125, Iterations = 20;
    private const float Weight = 0.1f;
    private float[] _image = null!, _output = null!, _px = null!, _py = null!;
    private Accelerator _accelerator = null!;

    [GlobalSetup]
    public void Setup()
    {
        _accelerator = GpuBench.Accelerator();
        _image = TvDenoising.NoisyRamp(Width, Height);
        _output = new float[_image.Length];
        _px = new float[_image.Length];
        _py = new float[_image.Length];
        GeneratedParallel();
        float[] expected = (float[])_output.Clone();
        foreach (Action method in new Action[] { GeneratedGpu, HandWrittenIlgpu })
        {
            Array.Clear(_output);
            method();
            GpuBench.Agree(expected, _output, method.Method.Name);
        }
    }

    [Benchmark(Baseline = true)]
    public void GeneratedParallel() => Denoising.TvChambolleFast(_image, _output, _px, _py, Width, Height, Weight, 0f, Iterations);

    [Benchmark]
    public void GeneratedGpu() => Denoising.TvChambolleGpu(_image, _output, _px, _py, Width, Height, Weight, 0f, Iterations);

    [Benchmark]
    public void HandWrittenIlgpu() => IlgpuBaselines.TvChambolle(_accelerator, _image, _output, _px, _py, Width, Height, Weight, 0f, Iterations);
}

/// <summary>The seed's Julia set, 1000×1000, maxiter 300, on the CPU (Target.Parallel), generated Target.Gpu, and hand-written ILGPU.</summary>
public class JuliaGpu
{
    private const int Size = 1000, MaxIter = 300;
    private const double Cr = -0.62772, Ci = -0.42193;
    private double[] _zr = null!, _zi = null!;
    private int[] _counts = null!;
    private Accelerator _accelerator = null!;

    [GlobalSetup]
    public void Setup()
    {
        _accelerator = GpuBench.Accelerator();
        (_zr, _zi) = Fractals.Grid(Size);
        _counts = new int[_zr.Length];
        GeneratedParallel();
        int[] expected = (int[])_counts.Clone();
        foreach (Action method in new Action[] { GeneratedGpu, HandWrittenIlgpu })
        {
            Array.Clear(_counts);
            method();
            if (!_counts.AsSpan().SequenceEqual(expected))
            {
                throw new InvalidOperationException($"{method.Method.Name} computes different counts");
            }
        }
    }

    [Benchmark(Baseline = true)]
    public void GeneratedParallel() => Fractals.JuliaCountsParallel(_zr, _zi, Cr, Ci, MaxIter, _counts);

    [Benchmark]
    public void GeneratedGpu() => Fractals.JuliaCountsGpu(_zr, _zi, Cr, Ci, MaxIter, _counts);

    [Benchmark]
    public void HandWrittenIlgpu() => IlgpuBaselines.JuliaCounts(_accelerator, _zr, _zi, Cr, Ci, MaxIter, _counts);
}

internal static class GpuBench
{
    /// <summary>The accelerator the generated code runs on; without a GPU there is nothing to measure.</summary>
    public static Accelerator Accelerator()
    {
        if (!GpuRuntime.TryGetAccelerator(out Accelerator? accelerator))
        {
            throw new InvalidOperationException("No CUDA or OpenCL device: the GPU benchmarks need one (or SOURCEGEN_GPU=cpu for ILGPU's CPU accelerator).");
        }

        Console.WriteLine($"// GPU benchmarks on {GpuRuntime.Description}");
        return accelerator;
    }

    public static void Agree(float[] expected, float[] actual, string name)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(expected[i] - actual[i]) > 1e-4f)
            {
                throw new InvalidOperationException($"{name} differs at pixel {i}: {expected[i]} vs {actual[i]}");
            }
        }
    }
}
