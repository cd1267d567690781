using System;
using SourceGen;
using static SourceGen.Loops;

namespace Sample;

public static partial class Kernels
{
    static float Shade(float x, float k)
    {
        float y = x * k + 0.5f;
        if (x > 0.8f)
            y = y * (float)Math.Exp(-x);      // float widened to double (SG0104)
        return y + MathF.Tan(x);              // no SIMD Tan: one lane at a time (SG0101)
    }

    [Vectorize(nameof(Shade))]
    public static partial void Shade(ReadOnlySpan<float> x, float k, Span<float> destination);

    static float Blur(ReadOnlySpan<float> src, Span<float> dst, int width, int height)
    {
        float total = 0;
        foreach (int y in Prange(height))
            for (int x = 0; x < width; x++)
            {
                int i = y * width + x;
                float left = src[y * width + Math.Max(x - 1, 0)], right = src[y * width + Math.Min(x + 1, width - 1)];
                dst[i] = (left + src[i] + right) / 3f;
                total += dst[i];                // a float sum kept in order (SG0106)
            }
        return total;
    }

    [Parallel(nameof(Blur))]
    public static partial float BlurParallel(ReadOnlySpan<float> src, Span<float> dst, int width, int height);
}
