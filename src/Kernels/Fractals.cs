using System;
using System.Numerics;

namespace SourceGen.Kernels;

/// <summary>
/// The seeds' escape-time fractals as [Vectorize] kernels: the Julia set of the "High Performance Python"
/// seed (c = -0.62772 - 0.42193i, 1000×1000 over [-1.8, 1.8]², 300 iterations) and the Mandelbrot set.
/// Lanes leave the loop at different iterations: the generated code runs it under lane masks.
/// </summary>
public static partial class Fractals
{
    /// <summary>The seed's <c>calculate_z</c> for one point: iterations of z = z² + c until |z| ≥ 2.</summary>
    public static int Escape(double zr, double zi, double cr, double ci, int maxIter)
    {
        int n = 0;
        while (zr * zr + zi * zi < 4 && n < maxIter)
        {
            double t = zr * zr - zi * zi + cr;
            zi = 2 * zr * zi + ci;
            zr = t;
            n++;
        }

        return n;
    }

    [Vectorize(nameof(Escape))]
    public static partial void JuliaCounts(ReadOnlySpan<double> zr, ReadOnlySpan<double> zi, double cr, double ci, int maxIter, Span<int> destination);

    [Vectorize(nameof(Escape), Target = Target.Parallel)]
    public static partial void JuliaCountsParallel(ReadOnlySpan<double> zr, ReadOnlySpan<double> zi, double cr, double ci, int maxIter, Span<int> destination);

    /// <summary>The Julia set on a GPU (Target.Gpu): a thread per point, the kernel as written (falls back to the SIMD code without one).</summary>
    [Vectorize(nameof(Escape), Target = Target.Gpu)]
    public static partial void JuliaCountsGpu(ReadOnlySpan<double> zr, ReadOnlySpan<double> zi, double cr, double ci, int maxIter, Span<int> destination);

    /// <summary>The single-precision Julia set on a GPU (most GPUs run float many times faster than double).</summary>
    [Vectorize(nameof(EscapeF), Target = Target.Gpu)]
    public static partial void JuliaCountsFGpu(ReadOnlySpan<float> zr, ReadOnlySpan<float> zi, float cr, float ci, int maxIter, Span<int> destination);

    /// <summary>The same escape-time loop in single precision.</summary>
    public static int EscapeF(float zr, float zi, float cr, float ci, int maxIter)
    {
        int n = 0;
        while (zr * zr + zi * zi < 4f && n < maxIter)
        {
            float t = zr * zr - zi * zi + cr;
            zi = 2f * zr * zi + ci;
            zr = t;
            n++;
        }

        return n;
    }

    [Vectorize(nameof(EscapeF))]
    public static partial void JuliaCountsF(ReadOnlySpan<float> zr, ReadOnlySpan<float> zi, float cr, float ci, int maxIter, Span<int> destination);

    /// <summary>The Mandelbrot set: z starts at 0 and c varies per point.</summary>
    public static int Mandelbrot(double cr, double ci, int maxIter)
    {
        double zr = 0, zi = 0;
        int n = 0;
        while (zr * zr + zi * zi < 4 && n < maxIter)
        {
            double t = zr * zr - zi * zi + cr;
            zi = 2 * zr * zi + ci;
            zr = t;
            n++;
        }

        return n;
    }

    [Vectorize(nameof(Mandelbrot))]
    public static partial void MandelbrotCounts(ReadOnlySpan<double> cr, ReadOnlySpan<double> ci, int maxIter, Span<int> destination);

    [Vectorize(nameof(Mandelbrot), Target = Target.Parallel)]
    public static partial void MandelbrotCountsParallel(ReadOnlySpan<double> cr, ReadOnlySpan<double> ci, int maxIter, Span<int> destination);

    [Vectorize(nameof(Mandelbrot), Target = Target.Gpu)]
    public static partial void MandelbrotCountsGpu(ReadOnlySpan<double> cr, ReadOnlySpan<double> ci, int maxIter, Span<int> destination);

    // ---- the escape-time loop written three ways (issue 18: masked loops at hand-written speed) ----------------
    // The Mandelbrot iteration as users write it: the test in the loop condition (Mandelbrot above), an if-break
    // inside `while (n < maxIter)` (the tutorial's form), and an early `return n` inside a counted loop. The
    // if-break and return forms test `> 4`, so a NaN lane runs to maxIter where the condition form stops at once.
    // The if-break and return forms are one generic kernel each for float and double. Escape and Mandelbrot stay
    // float/double pairs: they have Target.Gpu entry points, whose device code calls the kernel as written, and ILGPU
    // cannot compile a generic kernel's T.CreateTruncating (its type tests; "Class type 'System.Type' is not supported").

    /// <summary>The Mandelbrot iteration in single precision, the test in the loop condition.</summary>
    public static int MandelbrotF(float cr, float ci, int maxIter)
    {
        float zr = 0f, zi = 0f;
        int n = 0;
        while (zr * zr + zi * zi < 4f && n < maxIter)
        {
            float t = zr * zr - zi * zi + cr;
            zi = 2f * zr * zi + ci;
            zr = t;
            n++;
        }

        return n;
    }

    /// <summary>The tutorial's form: <c>while (n &lt; maxIter)</c> with <c>if (zr2 + zi2 &gt; 4) break;</c> inside.</summary>
    public static int MandelbrotBreak<T>(T cr, T ci, int maxIter) where T : IFloatingPointIeee754<T>
    {
        T zr = T.Zero, zi = T.Zero;
        int n = 0;
        while (n < maxIter)
        {
            T zr2 = zr * zr;
            T zi2 = zi * zi;
            if (zr2 + zi2 > T.CreateTruncating(4))
            {
                break;
            }

            zi = T.CreateTruncating(2) * zr * zi + ci;
            zr = zr2 - zi2 + cr;
            n++;
        }

        return n;
    }

    /// <summary>The same with an early return from a counted loop.</summary>
    public static int MandelbrotReturn<T>(T cr, T ci, int maxIter) where T : IFloatingPointIeee754<T>
    {
        T zr = T.Zero, zi = T.Zero;
        for (int n = 0; n < maxIter; n++)
        {
            T zr2 = zr * zr;
            T zi2 = zi * zi;
            if (zr2 + zi2 > T.CreateTruncating(4))
            {
                return n;
            }

            zi = T.CreateTruncating(2) * zr * zi + ci;
            zr = zr2 - zi2 + cr;
        }

        return maxIter;
    }

    [Vectorize(nameof(MandelbrotF))]
    public static partial void MandelbrotCountsF(ReadOnlySpan<float> cr, ReadOnlySpan<float> ci, int maxIter, Span<int> destination);

    [Vectorize(nameof(MandelbrotF), Target = Target.Parallel)]
    public static partial void MandelbrotCountsFParallel(ReadOnlySpan<float> cr, ReadOnlySpan<float> ci, int maxIter, Span<int> destination);

    [Vectorize(nameof(MandelbrotBreak))]
    public static partial void MandelbrotBreakCountsF(ReadOnlySpan<float> cr, ReadOnlySpan<float> ci, int maxIter, Span<int> destination);

    [Vectorize(nameof(MandelbrotBreak), Target = Target.Parallel)]
    public static partial void MandelbrotBreakCountsFParallel(ReadOnlySpan<float> cr, ReadOnlySpan<float> ci, int maxIter, Span<int> destination);

    [Vectorize(nameof(MandelbrotReturn))]
    public static partial void MandelbrotReturnCountsF(ReadOnlySpan<float> cr, ReadOnlySpan<float> ci, int maxIter, Span<int> destination);

    [Vectorize(nameof(MandelbrotReturn), Target = Target.Parallel)]
    public static partial void MandelbrotReturnCountsFParallel(ReadOnlySpan<float> cr, ReadOnlySpan<float> ci, int maxIter, Span<int> destination);

    [Vectorize(nameof(MandelbrotBreak))]
    public static partial void MandelbrotBreakCounts(ReadOnlySpan<double> cr, ReadOnlySpan<double> ci, int maxIter, Span<int> destination);

    [Vectorize(nameof(MandelbrotBreak), Target = Target.Parallel)]
    public static partial void MandelbrotBreakCountsParallel(ReadOnlySpan<double> cr, ReadOnlySpan<double> ci, int maxIter, Span<int> destination);

    [Vectorize(nameof(MandelbrotReturn))]
    public static partial void MandelbrotReturnCounts(ReadOnlySpan<double> cr, ReadOnlySpan<double> ci, int maxIter, Span<int> destination);

    [Vectorize(nameof(MandelbrotReturn), Target = Target.Parallel)]
    public static partial void MandelbrotReturnCountsParallel(ReadOnlySpan<double> cr, ReadOnlySpan<double> ci, int maxIter, Span<int> destination);

    /// <summary>The seed's grid: <paramref name="size"/> points per side over [-1.8, 1.8], rows from the top.</summary>
    public static (double[] Real, double[] Imaginary) Grid(int size, double extent = 1.8)
    {
        double step = 2 * extent / size;
        var real = new double[size * size];
        var imaginary = new double[size * size];
        for (int row = 0; row < size; row++)
        {
            for (int column = 0; column < size; column++)
            {
                real[row * size + column] = -extent + column * step;
                imaginary[row * size + column] = extent - row * step;
            }
        }

        return (real, imaginary);
    }
}
