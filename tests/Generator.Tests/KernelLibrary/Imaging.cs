using System;
using SourceGen;
using static SourceGen.Loops;

namespace KernelLibrary;

/// <summary>Per-pixel and neighbourhood image operations on 8-bit and float planes.</summary>
public static partial class Imaging
{
    /// <summary>Rec. 601 luminance of an RGB pixel, rounded to a byte.</summary>
    [Vectorize]
    public static byte Luminance(byte r, byte g, byte b) => (byte)(0.299f * r + 0.587f * g + 0.114f * b + 0.5f);

    /// <summary>sRGB decode of a channel in [0, 1] to linear light.</summary>
    [Vectorize]
    public static double SrgbToLinear(double c) => c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);

    /// <summary>Simple display gamma correction.</summary>
    static double Gamma(double x, double gamma) => Math.Pow(x, gamma);

    [Vectorize(nameof(Gamma))]
    public static partial void GammaCorrect(ReadOnlySpan<double> x, double gamma, Span<double> destination);

    /// <summary>"Over" compositing of one channel with a per-pixel alpha.</summary>
    static float AlphaBlend(float source, float background, float alpha) => source * alpha + background * (1f - alpha);

    [Vectorize(nameof(AlphaBlend))]
    public static partial void AlphaBlend(ReadOnlySpan<float> source, ReadOnlySpan<float> background, ReadOnlySpan<float> alpha, Span<float> destination);

    static byte Threshold(byte value, byte level) => value >= level ? (byte)255 : (byte)0;

    [Vectorize(nameof(Threshold))]
    public static partial void Threshold(ReadOnlySpan<byte> value, byte level, Span<byte> destination);

    /// <summary>Brightness and contrast on 0..255 float pixels, saturated.</summary>
    static float BrightnessContrast(float value, float brightness, float contrast) =>
        Math.Clamp((value - 128f) * contrast + 128f + brightness, 0f, 255f);

    [Vectorize(nameof(BrightnessContrast))]
    public static partial void BrightnessContrast(ReadOnlySpan<float> value, float brightness, float contrast, Span<float> destination);

    /// <summary>3×3 box blur, borders clamped.</summary>
    public static void BoxBlur3x3(ReadOnlySpan<float> src, Span<float> dst, int width, int height)
    {
        foreach (int y in Prange(height))
        {
            for (int x = 0; x < width; x++)
            {
                float sum = 0f;
                for (int dy = -1; dy <= 1; dy++)
                {
                    int yy = Math.Clamp(y + dy, 0, height - 1);
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        sum += src[yy * width + Math.Clamp(x + dx, 0, width - 1)];
                    }
                }

                dst[y * width + x] = sum / 9f;
            }
        }
    }

    [Parallel(nameof(BoxBlur3x3))]
    public static partial void BoxBlur(ReadOnlySpan<float> src, Span<float> dst, int width, int height);

    /// <summary>Sobel gradient magnitude, borders clamped.</summary>
    public static void Sobel(ReadOnlySpan<float> src, Span<float> dst, int width, int height)
    {
        foreach (int y in Prange(height))
        {
            int up = Math.Max(y - 1, 0) * width;
            int mid = y * width;
            int down = Math.Min(y + 1, height - 1) * width;
            for (int x = 0; x < width; x++)
            {
                int l = Math.Max(x - 1, 0);
                int r = Math.Min(x + 1, width - 1);
                float gx = (src[up + r] + 2f * src[mid + r] + src[down + r]) - (src[up + l] + 2f * src[mid + l] + src[down + l]);
                float gy = (src[down + l] + 2f * src[down + x] + src[down + r]) - (src[up + l] + 2f * src[up + x] + src[up + r]);
                dst[mid + x] = MathF.Sqrt(gx * gx + gy * gy);
            }
        }
    }

    [Parallel(nameof(Sobel))]
    public static partial void SobelMagnitude(ReadOnlySpan<float> src, Span<float> dst, int width, int height);

    /// <summary>256-bin histogram of an 8-bit image.</summary>
    public static void Histogram(ReadOnlySpan<byte> pixels, int[] histogram)
    {
        foreach (int i in Prange(pixels.Length))
        {
            histogram[pixels[i]]++;
        }
    }

    [Parallel(nameof(Histogram))]
    public static partial void HistogramParallel(ReadOnlySpan<byte> pixels, int[] histogram);

    /// <summary>Mean brightness of an 8-bit image: an exact integer sum.</summary>
    public static double MeanBrightness(ReadOnlySpan<byte> pixels, int width, int height)
    {
        long total = 0;
        foreach (int y in Prange(height))
        {
            for (int x = 0; x < width; x++)
            {
                total += pixels[y * width + x];
            }
        }

        return (double)total / (width * height);
    }

    [Parallel(nameof(MeanBrightness))]
    public static partial double MeanBrightnessParallel(ReadOnlySpan<byte> pixels, int width, int height);

    /// <summary>Halves the resolution: each output pixel averages a 2×2 block.</summary>
    public static void Downsample2x(ReadOnlySpan<float> src, Span<float> dst, int width, int height)
    {
        int outWidth = width / 2;
        foreach (int y in Prange(height / 2))
        {
            int top = 2 * y * width;
            int bottom = top + width;
            for (int x = 0; x < outWidth; x++)
            {
                dst[y * outWidth + x] = 0.25f * (src[top + 2 * x] + src[top + 2 * x + 1] + src[bottom + 2 * x] + src[bottom + 2 * x + 1]);
            }
        }
    }

    [Parallel(nameof(Downsample2x))]
    public static partial void Downsample(ReadOnlySpan<float> src, Span<float> dst, int width, int height);
}
