using System;
using SourceGen;
using static SourceGen.Loops;

namespace SourceGen.Kernels;

/// <summary>
/// Grey dilation (a k×k maximum filter, borders clamped), the Parakeet seed: naive (k² reads per pixel) and
/// separable (a row pass then a column pass, 2k reads). Maximum is exact, so both give the same image.
/// </summary>
public static partial class Morphology
{
    /// <summary>DESIGN.md's dilation: each pixel is the maximum of its k×k window, rows and columns clamped at the borders.</summary>
    public static void Dilate(ReadOnlySpan<float> src, Span<float> dst, int width, int height, int k)
    {
        int r = k / 2;
        foreach (int y in Prange(height))
        {
            for (int x = 0; x < width; x++)
            {
                float m = float.MinValue;
                for (int dy = -r; dy <= r; dy++)
                {
                    for (int dx = -r; dx <= r; dx++)
                    {
                        m = Math.Max(m, src[Math.Clamp(y + dy, 0, height - 1) * width + Math.Clamp(x + dx, 0, width - 1)]);
                    }
                }

                dst[y * width + x] = m;
            }
        }
    }

    [Parallel(nameof(Dilate))]
    public static partial void DilateFast(ReadOnlySpan<float> src, Span<float> dst, int width, int height, int k);

    /// <summary>The same dilation in two passes: the maximum along each row's window into <paramref name="temp"/>, then along each column's.</summary>
    public static void DilateSeparable(ReadOnlySpan<float> src, Span<float> temp, Span<float> dst, int width, int height, int k)
    {
        int r = k / 2;
        foreach (int y in Prange(height))
        {
            int row = y * width;
            for (int x = 0; x < width; x++)
            {
                float m = float.MinValue;
                for (int dx = -r; dx <= r; dx++)
                {
                    m = Math.Max(m, src[row + Math.Clamp(x + dx, 0, width - 1)]);
                }

                temp[row + x] = m;
            }
        }

        foreach (int y in Prange(height))
        {
            for (int x = 0; x < width; x++)
            {
                float m = float.MinValue;
                for (int dy = -r; dy <= r; dy++)
                {
                    m = Math.Max(m, temp[Math.Clamp(y + dy, 0, height - 1) * width + x]);
                }

                dst[y * width + x] = m;
            }
        }
    }

    [Parallel(nameof(DilateSeparable))]
    public static partial void DilateSeparableFast(ReadOnlySpan<float> src, Span<float> temp, Span<float> dst, int width, int height, int k);

    /// <summary>The separable dilation on the calling thread (Target.Cpu), SIMD across rows.</summary>
    [Parallel(nameof(DilateSeparable), Target = Target.Cpu)]
    public static partial void DilateSeparableCpu(ReadOnlySpan<float> src, Span<float> temp, Span<float> dst, int width, int height, int k);
}
