using System;
using SourceGen;
using static SourceGen.Loops;

namespace KernelLibrary;

/// <summary>Grid stencils: relaxation, Laplacians, cellular automata.</summary>
public static partial class Stencils
{
    /// <summary>One Jacobi sweep of the 2-D Poisson equation on the interior of the grid.</summary>
    public static void JacobiSweep(ReadOnlySpan<double> u, ReadOnlySpan<double> f, Span<double> next, int width, int height, double h2)
    {
        foreach (int y in Prange(1, height - 1))
        {
            int row = y * width;
            for (int x = 1; x < width - 1; x++)
            {
                int i = row + x;
                next[i] = 0.25 * (u[i - 1] + u[i + 1] + u[i - width] + u[i + width] - h2 * f[i]);
            }
        }
    }

    [Parallel(nameof(JacobiSweep))]
    public static partial void Jacobi(ReadOnlySpan<double> u, ReadOnlySpan<double> f, Span<double> next, int width, int height, double h2);

    /// <summary>Five-point Laplacian with clamped (Neumann-like) borders.</summary>
    public static void Laplacian(ReadOnlySpan<float> src, Span<float> dst, int width, int height)
    {
        foreach (int y in Prange(height))
        {
            int up = Math.Max(y - 1, 0) * width;
            int row = y * width;
            int down = Math.Min(y + 1, height - 1) * width;
            for (int x = 0; x < width; x++)
            {
                float left = src[row + Math.Max(x - 1, 0)];
                float right = src[row + Math.Min(x + 1, width - 1)];
                dst[row + x] = left + right + src[up + x] + src[down + x] - 4f * src[row + x];
            }
        }
    }

    [Parallel(nameof(Laplacian))]
    public static partial void LaplacianParallel(ReadOnlySpan<float> src, Span<float> dst, int width, int height);

    /// <summary>Conway's Game of Life on a torus.</summary>
    public static void LifeStep(ReadOnlySpan<byte> cells, Span<byte> next, int width, int height)
    {
        foreach (int y in Prange(height))
        {
            for (int x = 0; x < width; x++)
            {
                int neighbours = 0;
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        if (dx == 0 && dy == 0)
                            continue;
                        int yy = (y + dy + height) % height;
                        int xx = (x + dx + width) % width;
                        neighbours += cells[yy * width + xx];
                    }
                }

                byte alive = cells[y * width + x];
                next[y * width + x] = (byte)(neighbours == 3 || (alive == 1 && neighbours == 2) ? 1 : 0);
            }
        }
    }

    [Parallel(nameof(LifeStep))]
    public static partial void Life(ReadOnlySpan<byte> cells, Span<byte> next, int width, int height);

    /// <summary>Centered moving average of width 2r+1 over a 1-D signal, shrinking at the ends.</summary>
    public static void MovingAverage(ReadOnlySpan<float> signal, Span<float> smoothed, int r)
    {
        int n = signal.Length;
        foreach (int i in Prange(n))
        {
            int from = Math.Max(i - r, 0);
            int to = Math.Min(i + r, n - 1);
            float sum = 0f;
            for (int j = from; j <= to; j++)
            {
                sum += signal[j];
            }

            smoothed[i] = sum / (to - from + 1);
        }
    }

    [Parallel(nameof(MovingAverage), FastMath = true)]
    public static partial void MovingAverageParallel(ReadOnlySpan<float> signal, Span<float> smoothed, int r);
}
