using System;
using SourceGen;
using static SourceGen.Loops;

namespace SourceGen.Kernels;

/// <summary>
/// Total-variation denoising by Chambolle's projection algorithm, as scikit-image's <c>denoise_tv_chambolle</c>
/// computes it for one 2-D channel (<c>_denoise_tv_chambolle_nd</c>): the dual field p = (py, px) takes a
/// gradient step and is projected, <c>out = image + div p</c>, until the energy changes by less than
/// <c>eps</c> times its first value. Each iteration is two <c>Prange</c> loops over rows (the second reads the
/// rows below the first's), with SIMD across each row.
/// </summary>
public static partial class Denoising
{
    /// <summary>Denoises <paramref name="image"/> (row-major, <paramref name="width"/> × <paramref name="height"/>) into <paramref name="output"/>; returns the iterations run.</summary>
    public static int TvChambolle(ReadOnlySpan<float> image, Span<float> output, Span<float> px, Span<float> py, int width, int height, float weight, float eps, int maxIterations)
    {
        const float Tau = 0.25f; // 1 / (2 * dimensions)
        float scale = (float)(0.25 / weight);
        px.Clear();
        py.Clear();
        float initialEnergy = 0, previousEnergy = 0;
        int iteration = 0;
        while (iteration < maxIterations)
        {
            // out = image + div p; the energy's first part is the sum of (div p)².
            float energy = 0;
            foreach (int y in Prange(height))
            {
                int row = y * width;
                for (int x = 0; x < width; x++)
                {
                    int i = row + x;
                    float d = -(py[i] + px[i]) + (y > 0 ? py[i - width] : 0f) + (x > 0 ? px[i - 1] : 0f);
                    output[i] = image[i] + d;
                    energy += d * d;
                }
            }

            // p = (p - tau * grad out) / (1 + tau / weight * |grad out|); the energy's second part is weight * sum |grad out|.
            float normSum = 0;
            foreach (int y in Prange(height))
            {
                int row = y * width;
                for (int x = 0; x < width; x++)
                {
                    int i = row + x;
                    float gy = y < height - 1 ? output[i + width] - output[i] : 0f;
                    float gx = x < width - 1 ? output[i + 1] - output[i] : 0f;
                    float norm = MathF.Sqrt(gy * gy + gx * gx);
                    normSum += norm;
                    float factor = norm * scale + 1f;
                    py[i] = (py[i] - Tau * gy) / factor;
                    px[i] = (px[i] - Tau * gx) / factor;
                }
            }

            energy = (energy + weight * normSum) / (width * height);
            if (iteration == 0)
            {
                initialEnergy = energy;
                previousEnergy = energy;
            }
            else if (MathF.Abs(previousEnergy - energy) < eps * initialEnergy)
            {
                break;
            }
            else
            {
                previousEnergy = energy;
            }

            iteration++;
        }

        return iteration;
    }

    /// <summary>The float kernel across threads, SIMD across rows; FastMath lets the energy sums keep SIMD partial sums.</summary>
    [Parallel(nameof(TvChambolle), FastMath = true)]
    public static partial int TvChambolleFast(ReadOnlySpan<float> image, Span<float> output, Span<float> px, Span<float> py, int width, int height, float weight, float eps, int maxIterations);

    /// <summary>The float kernel across threads, its energy sums in the kernel's order within each chunk.</summary>
    [Parallel(nameof(TvChambolle))]
    public static partial int TvChambolleOrdered(ReadOnlySpan<float> image, Span<float> output, Span<float> px, Span<float> py, int width, int height, float weight, float eps, int maxIterations);

    /// <summary>The double version of <see cref="TvChambolle"/> (scikit-image's default precision).</summary>
    public static int TvChambolleDouble(ReadOnlySpan<double> image, Span<double> output, Span<double> px, Span<double> py, int width, int height, double weight, double eps, int maxIterations)
    {
        const double Tau = 0.25;
        double scale = Tau / weight;
        px.Clear();
        py.Clear();
        double initialEnergy = 0, previousEnergy = 0;
        int iteration = 0;
        while (iteration < maxIterations)
        {
            double energy = 0;
            foreach (int y in Prange(height))
            {
                int row = y * width;
                for (int x = 0; x < width; x++)
                {
                    int i = row + x;
                    double d = -(py[i] + px[i]) + (y > 0 ? py[i - width] : 0.0) + (x > 0 ? px[i - 1] : 0.0);
                    output[i] = image[i] + d;
                    energy += d * d;
                }
            }

            double normSum = 0;
            foreach (int y in Prange(height))
            {
                int row = y * width;
                for (int x = 0; x < width; x++)
                {
                    int i = row + x;
                    double gy = y < height - 1 ? output[i + width] - output[i] : 0.0;
                    double gx = x < width - 1 ? output[i + 1] - output[i] : 0.0;
                    double norm = Math.Sqrt(gy * gy + gx * gx);
                    normSum += norm;
                    double factor = norm * scale + 1.0;
                    py[i] = (py[i] - Tau * gy) / factor;
                    px[i] = (px[i] - Tau * gx) / factor;
                }
            }

            energy = (energy + weight * normSum) / (width * height);
            if (iteration == 0)
            {
                initialEnergy = energy;
                previousEnergy = energy;
            }
            else if (Math.Abs(previousEnergy - energy) < eps * initialEnergy)
            {
                break;
            }
            else
            {
                previousEnergy = energy;
            }

            iteration++;
        }

        return iteration;
    }

    /// <summary>The double kernel across threads, SIMD across rows, energy sums reassociated (FastMath).</summary>
    [Parallel(nameof(TvChambolleDouble), FastMath = true)]
    public static partial int TvChambolleDoubleFast(ReadOnlySpan<double> image, Span<double> output, Span<double> px, Span<double> py, int width, int height, double weight, double eps, int maxIterations);

    /// <summary>The float kernel on the calling thread (Target.Cpu): SIMD across rows, FastMath energy sums.</summary>
    [Parallel(nameof(TvChambolle), Target = Target.Cpu, FastMath = true)]
    public static partial int TvChambolleCpu(ReadOnlySpan<float> image, Span<float> output, Span<float> px, Span<float> py, int width, int height, float weight, float eps, int maxIterations);

    /// <summary>The float kernel on a GPU (Target.Gpu): each Prange loop one launch, a thread per pixel, the image and the dual field on the device for all iterations; without a GPU, the FastMath CPU code (a GPU sums in its own order anyway).</summary>
    [Parallel(nameof(TvChambolle), Target = Target.Gpu, FastMath = true)]
    public static partial int TvChambolleGpu(ReadOnlySpan<float> image, Span<float> output, Span<float> px, Span<float> py, int width, int height, float weight, float eps, int maxIterations);

    /// <summary>The double kernel on a GPU (Target.Gpu).</summary>
    [Parallel(nameof(TvChambolleDouble), Target = Target.Gpu, FastMath = true)]
    public static partial int TvChambolleDoubleGpu(ReadOnlySpan<double> image, Span<double> output, Span<double> px, Span<double> py, int width, int height, double weight, double eps, int maxIterations);

    /// <summary>The double kernel on the calling thread (Target.Cpu).</summary>
    [Parallel(nameof(TvChambolleDouble), Target = Target.Cpu, FastMath = true)]
    public static partial int TvChambolleDoubleCpu(ReadOnlySpan<double> image, Span<double> output, Span<double> px, Span<double> py, int width, int height, double weight, double eps, int maxIterations);
}
