using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using SourceGen.Kernels;

namespace SourceGen.Bench;

/// <summary>
/// TV denoising (Chambolle, as scikit-image) of one 1500×1125 float channel, 20 iterations (eps 0: no early stop):
/// the kernel as written, the generated [Parallel] entry points (FastMath, and the energy sums in order), and a
/// hand-written Parallel.For over rows with Vector512 across each row, computing the same energy sums (per-row
/// SIMD partials, as FastMath allows). All agree within 1e-4 (checked in setup).
/// </summary>
public class TvDenoising
{
    private const int Width = 1500, Height = 1125, Iterations = 20;
    private const float Weight = 0.1f;
    private float[] _image = null!, _output = null!, _px = null!, _py = null!;

    [GlobalSetup]
    public void Setup()
    {
        _image = NoisyRamp(Width, Height);
        _output = new float[_image.Length];
        _px = new float[_image.Length];
        _py = new float[_image.Length];
        AsWritten();
        float[] expected = (float[])_output.Clone();
        foreach (Action method in new Action[] { GeneratedFastMath, GeneratedOrdered, HandWrittenVector512Parallel, HandWrittenVector512 })
        {
            Array.Clear(_output);
            method();
            for (int i = 0; i < expected.Length; i++)
            {
                if (Math.Abs(expected[i] - _output[i]) > 1e-4f)
                {
                    throw new InvalidOperationException($"{method.Method.Name} differs at pixel {i}: {expected[i]} vs {_output[i]}");
                }
            }
        }
    }

    /// <summary>The benchmarks' input: a horizontal ramp with uniform noise (±0.05), the same on every run.</summary>
    internal static float[] NoisyRamp(int width, int height)
    {
        var random = new Random(42);
        var image = new float[width * height];
        for (int i = 0; i < image.Length; i++)
        {
            image[i] = (i % width) / (float)width + 0.1f * (float)(random.NextDouble() - 0.5);
        }

        return image;
    }

    [Benchmark(Baseline = true)]
    public void AsWritten() => Denoising.TvChambolle(_image, _output, _px, _py, Width, Height, Weight, 0f, Iterations);

    [Benchmark]
    public void GeneratedFastMath() => Denoising.TvChambolleFast(_image, _output, _px, _py, Width, Height, Weight, 0f, Iterations);

    [Benchmark]
    public void GeneratedOrdered() => Denoising.TvChambolleOrdered(_image, _output, _px, _py, Width, Height, Weight, 0f, Iterations);

    /// <summary>What an expert writes by hand: the same two passes per iteration, Parallel.For over rows, Vector512 inside.</summary>
    [Benchmark]
    public void HandWrittenVector512Parallel() => HandWritten(parallel: true);

    /// <summary>The hand-written passes on one thread: the baseline of the parallel scaling.</summary>
    [Benchmark]
    public void HandWrittenVector512() => HandWritten(parallel: false);

    private void HandWritten(bool parallel)
    {
        float[] image = _image, output = _output, px = _px, py = _py;
        Array.Clear(px);
        Array.Clear(py);
        float scale = (float)(0.25 / Weight);
        float[] rowEnergy = new float[Height], rowNorm = new float[Height];
        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            if (parallel)
            {
                Parallel.For(0, Height, y => rowEnergy[y] = DivergenceRow(image, output, px, py, y));
                Parallel.For(0, Height, y => rowNorm[y] = ProjectRow(output, px, py, y, scale));
            }
            else
            {
                for (int y = 0; y < Height; y++)
                {
                    rowEnergy[y] = DivergenceRow(image, output, px, py, y);
                }

                for (int y = 0; y < Height; y++)
                {
                    rowNorm[y] = ProjectRow(output, px, py, y, scale);
                }
            }
            float energy = 0, normSum = 0;
            for (int y = 0; y < Height; y++)
            {
                energy += rowEnergy[y];
                normSum += rowNorm[y];
            }

            Energy = (energy + Weight * normSum) / (Width * Height);
        }
    }

    /// <summary>The last iteration's energy (the stopping test's input).</summary>
    public float Energy { get; private set; }

    private static float DivergenceRow(float[] image, float[] output, float[] px, float[] py, int y)
    {
        float energy = 0;
        Vector512<float> partial = Vector512<float>.Zero;
        int row = y * Width;
        ref float pxRef = ref MemoryMarshal.GetArrayDataReference(px), pyRef = ref MemoryMarshal.GetArrayDataReference(py);
        ref float imageRef = ref MemoryMarshal.GetArrayDataReference(image), outRef = ref MemoryMarshal.GetArrayDataReference(output);
        float Scalar(int x)
        {
            int i = row + x;
            return -(py[i] + px[i]) + (y > 0 ? py[i - Width] : 0f) + (x > 0 ? px[i - 1] : 0f);
        }

        float first = Scalar(0);
        output[row] = image[row] + first;
        energy += first * first;
        int x = 1;
        for (; x + Vector512<float>.Count <= Width; x += Vector512<float>.Count)
        {
            nuint i = (nuint)(row + x);
            Vector512<float> up = y > 0 ? Vector512.LoadUnsafe(ref pyRef, i - Width) : Vector512<float>.Zero;
            Vector512<float> d = -(Vector512.LoadUnsafe(ref pyRef, i) + Vector512.LoadUnsafe(ref pxRef, i)) + up + Vector512.LoadUnsafe(ref pxRef, i - 1);
            Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref imageRef, i) + d, ref outRef, i);
            partial += d * d;
        }

        for (; x < Width; x++)
        {
            float d = Scalar(x);
            output[row + x] = image[row + x] + d;
            energy += d * d;
        }

        return energy + Vector512.Sum(partial);
    }

    private static float ProjectRow(float[] output, float[] px, float[] py, int y, float scale)
    {
        float normSum = 0;
        Vector512<float> partial = Vector512<float>.Zero;
        const float Tau = 0.25f;
        int row = y * Width;
        ref float pxRef = ref MemoryMarshal.GetArrayDataReference(px), pyRef = ref MemoryMarshal.GetArrayDataReference(py);
        ref float outRef = ref MemoryMarshal.GetArrayDataReference(output);
        bool last = y == Height - 1;
        int x = 0;
        for (; x + Vector512<float>.Count <= Width - 1; x += Vector512<float>.Count)
        {
            nuint i = (nuint)(row + x);
            Vector512<float> here = Vector512.LoadUnsafe(ref outRef, i);
            Vector512<float> gy = last ? Vector512<float>.Zero : Vector512.LoadUnsafe(ref outRef, i + Width) - here;
            Vector512<float> gx = Vector512.LoadUnsafe(ref outRef, i + 1) - here;
            Vector512<float> norm = Vector512.Sqrt(gy * gy + gx * gx);
            partial += norm;
            Vector512<float> factor = norm * scale + Vector512<float>.One;
            Vector512.StoreUnsafe((Vector512.LoadUnsafe(ref pyRef, i) - Tau * gy) / factor, ref pyRef, i);
            Vector512.StoreUnsafe((Vector512.LoadUnsafe(ref pxRef, i) - Tau * gx) / factor, ref pxRef, i);
        }

        for (; x < Width; x++)
        {
            int i = row + x;
            float gy = last ? 0f : output[i + Width] - output[i];
            float gx = x < Width - 1 ? output[i + 1] - output[i] : 0f;
            float norm = MathF.Sqrt(gy * gy + gx * gx);
            normSum += norm;
            float factor = norm * scale + 1f;
            py[i] = (py[i] - Tau * gy) / factor;
            px[i] = (px[i] - Tau * gx) / factor;
        }

        return normSum + Vector512.Sum(partial);
    }
}
