using System;
using System.Numerics;
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
    /// <summary>
    /// Denoises <paramref name="image"/> (row-major, <paramref name="width"/> × <paramref name="height"/>) into <paramref name="output"/>;
    /// returns the iterations run. One generic kernel for float and double: each entry point below gets the code of the
    /// kernel written for its element type.
    /// </summary>
    public static int TvChambolle<T>(ReadOnlySpan<T> image, Span<T> output, Span<T> px, Span<T> py, int width, int height, T weight, T eps, int maxIterations)
        where T : IFloatingPointIeee754<T>
    {
        // tau = 1 / (2 * dimensions) = 0.25; the scale is computed in double, as scikit-image does.
        T scale = T.CreateTruncating(0.25 / double.CreateTruncating(weight));
        px.Clear();
        py.Clear();
        T initialEnergy = T.Zero, previousEnergy = T.Zero;
        int iteration = 0;
        while (iteration < maxIterations)
        {
            // out = image + div p; the energy's first part is the sum of (div p)².
            T energy = T.Zero;
            foreach (int y in Prange(height))
            {
                int row = y * width;
                for (int x = 0; x < width; x++)
                {
                    int i = row + x;
                    T d = -(py[i] + px[i]) + (y > 0 ? py[i - width] : T.Zero) + (x > 0 ? px[i - 1] : T.Zero);
                    output[i] = image[i] + d;
                    energy += d * d;
                }
            }

            // p = (p - tau * grad out) / (1 + tau / weight * |grad out|); the energy's second part is weight * sum |grad out|.
            T normSum = T.Zero;
            foreach (int y in Prange(height))
            {
                int row = y * width;
                for (int x = 0; x < width; x++)
                {
                    int i = row + x;
                    T gy = y < height - 1 ? output[i + width] - output[i] : T.Zero;
                    T gx = x < width - 1 ? output[i + 1] - output[i] : T.Zero;
                    T norm = T.Sqrt(gy * gy + gx * gx);
                    normSum += norm;
                    T factor = norm * scale + T.One;
                    py[i] = (py[i] - T.CreateTruncating(0.25) * gy) / factor;
                    px[i] = (px[i] - T.CreateTruncating(0.25) * gx) / factor;
                }
            }

            energy = (energy + weight * normSum) / T.CreateTruncating(width * height);
            if (iteration == 0)
            {
                initialEnergy = energy;
                previousEnergy = energy;
            }
            else if (T.Abs(previousEnergy - energy) < eps * initialEnergy)
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

    /// <summary>The double kernel as written (scikit-image's default precision): <see cref="TvChambolle{T}"/> for double.</summary>
    public static int TvChambolleDouble(ReadOnlySpan<double> image, Span<double> output, Span<double> px, Span<double> py, int width, int height, double weight, double eps, int maxIterations) =>
        TvChambolle(image, output, px, py, width, height, weight, eps, maxIterations);

    /// <summary>The double kernel across threads, SIMD across rows, energy sums reassociated (FastMath).</summary>
    [Parallel(nameof(TvChambolle), FastMath = true)]
    public static partial int TvChambolleDoubleFast(ReadOnlySpan<double> image, Span<double> output, Span<double> px, Span<double> py, int width, int height, double weight, double eps, int maxIterations);

    /// <summary>The float kernel on the calling thread (Target.Cpu): SIMD across rows, FastMath energy sums.</summary>
    [Parallel(nameof(TvChambolle), Target = Target.Cpu, FastMath = true)]
    public static partial int TvChambolleCpu(ReadOnlySpan<float> image, Span<float> output, Span<float> px, Span<float> py, int width, int height, float weight, float eps, int maxIterations);

    /// <summary>The float kernel on a GPU (Target.Gpu): each Prange loop one launch, a thread per pixel, the image and the dual field on the device for all iterations; without a GPU, the FastMath CPU code (a GPU sums in its own order anyway).</summary>
    [Parallel(nameof(TvChambolle), Target = Target.Gpu, FastMath = true)]
    public static partial int TvChambolleGpu(ReadOnlySpan<float> image, Span<float> output, Span<float> px, Span<float> py, int width, int height, float weight, float eps, int maxIterations);

    /// <summary>The double kernel on a GPU (Target.Gpu).</summary>
    [Parallel(nameof(TvChambolle), Target = Target.Gpu, FastMath = true)]
    public static partial int TvChambolleDoubleGpu(ReadOnlySpan<double> image, Span<double> output, Span<double> px, Span<double> py, int width, int height, double weight, double eps, int maxIterations);

    /// <summary>The double kernel on the calling thread (Target.Cpu).</summary>
    [Parallel(nameof(TvChambolle), Target = Target.Cpu, FastMath = true)]
    public static partial int TvChambolleDoubleCpu(ReadOnlySpan<double> image, Span<double> output, Span<double> px, Span<double> py, int width, int height, double weight, double eps, int maxIterations);
}
