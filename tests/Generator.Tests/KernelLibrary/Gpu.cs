using System;
using SourceGen;

namespace KernelLibrary;

// The same kernels with Target.Gpu: what a user moving them to a GPU sees (only what the device cannot do, and
// double on a GPU as information).

public static partial class Physics
{
    [Vectorize(nameof(Haversine), Target = Target.Gpu)]
    public static partial void DistanceToOnGpu(ReadOnlySpan<double> lat1, ReadOnlySpan<double> lon1, double lat2, double lon2, Span<double> destination);

    [Vectorize(nameof(DampedOscillator), Target = Target.Gpu)]
    public static partial void DampedOscillatorOnGpu(ReadOnlySpan<double> x0, ReadOnlySpan<double> v0, double stiffness, double damping, double dt, int steps, Span<double> destination);

    [Parallel(nameof(Accelerations), Target = Target.Gpu)]
    public static partial void NBodyAccelerationsOnGpu(ReadOnlySpan<float> px, ReadOnlySpan<float> py, ReadOnlySpan<float> mass, Span<float> ax, Span<float> ay, float softening);

    [Parallel(nameof(HeatSteps), Target = Target.Gpu)]
    public static partial void Heat1DOnGpu(Span<double> u, Span<double> scratch, double alpha, int steps);
}

public static partial class Stencils
{
    [Parallel(nameof(JacobiSweep), Target = Target.Gpu)]
    public static partial void JacobiOnGpu(ReadOnlySpan<double> u, ReadOnlySpan<double> f, Span<double> next, int width, int height, double h2);

    [Parallel(nameof(Laplacian), Target = Target.Gpu)]
    public static partial void LaplacianOnGpu(ReadOnlySpan<float> src, Span<float> dst, int width, int height);

    [Parallel(nameof(LifeStep), Target = Target.Gpu)]
    public static partial void LifeOnGpu(ReadOnlySpan<byte> cells, Span<byte> next, int width, int height);
}

public static partial class Imaging
{
    [Vectorize(nameof(AlphaBlend), Target = Target.Gpu)]
    public static partial void AlphaBlendOnGpu(ReadOnlySpan<float> source, ReadOnlySpan<float> background, ReadOnlySpan<float> alpha, Span<float> destination);

    [Parallel(nameof(BoxBlur3x3), Target = Target.Gpu)]
    public static partial void BoxBlurOnGpu(ReadOnlySpan<float> src, Span<float> dst, int width, int height);

    [Parallel(nameof(Sobel), Target = Target.Gpu)]
    public static partial void SobelOnGpu(ReadOnlySpan<float> src, Span<float> dst, int width, int height);
}
