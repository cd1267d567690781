using System;
using SourceGen;
using static SourceGen.Loops;

namespace KernelLibrary;

/// <summary>Interpolation and shading helpers, and 2-D/3-D vector math on structure-of-arrays data.</summary>
public static partial class Geometry
{
    static float Lerp(float a, float b, float t) => a + (b - a) * t;

    [Vectorize(nameof(Lerp))]
    public static partial void Lerp(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float t, Span<float> destination);

    /// <summary>Clamps to [0, 1] (HLSL's saturate).</summary>
    [Vectorize]
    public static float Saturate(float x) => Math.Clamp(x, 0f, 1f);

    /// <summary>Hermite smoothstep between two edges.</summary>
    static float Smoothstep(float edge0, float edge1, float x)
    {
        float t = Math.Clamp((x - edge0) / (edge1 - edge0), 0f, 1f);
        return t * t * (3f - 2f * t);
    }

    [Vectorize(nameof(Smoothstep))]
    public static partial void Smoothstep(float edge0, float edge1, ReadOnlySpan<float> x, Span<float> destination);

    /// <summary>Length of 3-D vectors stored as three arrays.</summary>
    [Vectorize]
    public static float Length3(float x, float y, float z) => MathF.Sqrt(x * x + y * y + z * z);

    /// <summary>Polar angle of 2-D points.</summary>
    [Vectorize]
    public static double Angle(double x, double y) => Math.Atan2(y, x);

    /// <summary>Lambert diffuse term of a normal against a fixed light direction.</summary>
    static float Lambert(float nx, float ny, float nz, float lx, float ly, float lz) => MathF.Max(nx * lx + ny * ly + nz * lz, 0f);

    [Vectorize(nameof(Lambert), Target = Target.Parallel)]
    public static partial void Lambert(ReadOnlySpan<float> nx, ReadOnlySpan<float> ny, ReadOnlySpan<float> nz, float lx, float ly, float lz, Span<float> destination);

    /// <summary>Wraps an angle in degrees into [0, 360).</summary>
    static double WrapDegrees(double degrees)
    {
        double wrapped = degrees % 360.0;
        return wrapped < 0 ? wrapped + 360.0 : wrapped;
    }

    [Vectorize(nameof(WrapDegrees))]
    public static partial void WrapDegrees(ReadOnlySpan<double> degrees, Span<double> destination);
}
