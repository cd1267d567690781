using System;

namespace SourceGen.Kernels.Cli;

/// <summary>
/// Perceptual colour maps for the fractals: matplotlib's magma and viridis (Smith and van der Walt, 2015: lightness
/// rises evenly from one end to the other, readable in grey and by colour-blind viewers), each from ten evenly spaced
/// control points (the values of R's viridisLite, magma(10) and viridis(10)) interpolated linearly in sRGB; and grey.
/// </summary>
internal static class ColorMaps
{
    public static readonly string[] Names = { "magma", "viridis", "grey" };

    private static readonly uint[] Magma = { 0x000004, 0x180F3E, 0x451077, 0x721F81, 0x9F2F7F, 0xCD4071, 0xF1605D, 0xFD9567, 0xFEC98D, 0xFCFDBF };
    private static readonly uint[] Viridis = { 0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725 };

    /// <summary>The colour of <paramref name="t"/> in [0, 1] (clamped; NaN is 0) as red, green and blue in [0, 1].</summary>
    public static (float Red, float Green, float Blue) Color(string map, float t)
    {
        t = float.IsNaN(t) ? 0 : Math.Clamp(t, 0f, 1f);
        if (map == "grey")
        {
            return (t, t, t);
        }

        uint[] stops = map == "viridis" ? Viridis : Magma;
        float position = t * (stops.Length - 1);
        int low = Math.Min((int)position, stops.Length - 2);
        float f = position - low;
        float Channel(int shift) => (((stops[low] >> shift) & 0xFF) * (1 - f) + ((stops[low + 1] >> shift) & 0xFF) * f) / 255f;
        return (Channel(16), Channel(8), Channel(0));
    }

    /// <summary>Planes (red, green, blue; or one grey plane for "grey") of a map applied to <paramref name="values"/> in [0, 1].</summary>
    public static float[][] Apply(string map, float[] values)
    {
        if (map == "grey")
        {
            return new[] { Array.ConvertAll(values, v => Math.Clamp(v, 0f, 1f)) };
        }

        var planes = new[] { new float[values.Length], new float[values.Length], new float[values.Length] };
        for (int i = 0; i < values.Length; i++)
        {
            (planes[0][i], planes[1][i], planes[2][i]) = Color(map, values[i]);
        }

        return planes;
    }
}
