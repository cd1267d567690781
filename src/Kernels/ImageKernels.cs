using System;

namespace SourceGen.Kernels;

/// <summary>Per-pixel kernels for the photo demo: mixed widths (bytes in, floats inside, bytes out).</summary>
public static partial class ImageKernels
{
    /// <summary>Rec. 709 luma of an 8-bit RGB pixel.</summary>
    [Vectorize]
    public static float Luma(byte r, byte g, byte b) => 0.2126f * r + 0.7152f * g + 0.0722f * b;

    /// <summary>An S-shaped contrast curve around mid-grey; <paramref name="gain"/> is uniform.</summary>
    public static float Contrast(float value, float gain) => 255f / (1f + MathF.Exp(-gain * (value / 255f - 0.5f)));

    [Vectorize(nameof(Contrast))]
    public static partial void ContrastAll(ReadOnlySpan<float> value, float gain, Span<float> destination);

    /// <summary>Rounds and saturates to a byte.</summary>
    [Vectorize]
    public static byte ToByte(float value) => (byte)Math.Clamp(value + 0.5f, 0f, 255f);
}
