using System;
using SourceGen;

namespace SourceGen.Differential.Tests.Kernels;

/// <summary>Target.Gpu entry points: run on ILGPU's CPU accelerator in the tests, on the CPU path without one.</summary>
public static partial class GpuKernels
{
    public static double Rel(double x, double y) => Math.Abs(x - y) / (Math.Abs(x) + Math.Abs(y) + 1e-12);

    [Vectorize(nameof(Rel), Target = Target.Gpu)]
    public static partial void RelGpu(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);

    /// <summary>Branches and a uniform parameter.</summary>
    public static float Shade(float x, float k)
    {
        float y = x * k;
        if (y > 1f)
        {
            y = 2f - y;
        }

        return y < 0f ? 0f : y;
    }

    [Vectorize(nameof(Shade), Target = Target.Gpu)]
    public static partial void ShadeGpu(ReadOnlySpan<float> x, float k, Span<float> destination);

    /// <summary>Integers that wrap, and a loop.</summary>
    public static int Collatz(int n)
    {
        int steps = 0;
        while (n > 1 && steps < 200)
        {
            n = (n & 1) == 0 ? n / 2 : 3 * n + 1;
            steps++;
        }

        return steps;
    }

    [Vectorize(nameof(Collatz), Target = Target.Gpu)]
    public static partial void CollatzGpu(ReadOnlySpan<int> n, Span<int> destination);

    /// <summary>bool elements and a bool uniform: not blittable, they cross to the device as bytes.</summary>
    public static float Pick(bool flag, float a, bool invert) => flag != invert ? a : -a;

    [Vectorize(nameof(Pick), Target = Target.Gpu)]
    public static partial void PickGpu(ReadOnlySpan<bool> flag, ReadOnlySpan<float> a, bool invert, Span<float> destination);

    /// <summary>Names the generated code must not capture: a kernel called Kernel, a uniform called length.</summary>
    public static float Kernel(float x, float length) => x * length;

    [Vectorize(nameof(Kernel), Target = Target.Gpu)]
    public static partial void KernelGpu(ReadOnlySpan<float> x, float length, Span<float> destination);
}
