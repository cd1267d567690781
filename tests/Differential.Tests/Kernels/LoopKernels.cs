using System;
using SourceGen;
using static SourceGen.Loops;

namespace SourceGen.Differential.Tests.Kernels;

/// <summary>[Parallel] kernels whose inner loop over a row runs in SIMD steps: every shape the lowering handles.</summary>
public static partial class LoopKernels
{
    /// <summary>Neighbours behind border tests (guarded reads), a local index, mixed arithmetic.</summary>
    public static void Stencil(ReadOnlySpan<float> src, Span<float> dst, int width, int height)
    {
        foreach (int y in Prange(height))
        {
            int row = y * width;
            for (int x = 0; x < width; x++)
            {
                int i = row + x;
                float left = x > 0 ? src[i - 1] : src[i];
                float right = x < width - 1 ? src[i + 1] : 0f;
                float up = y > 0 ? src[i - width] : 0f;
                dst[i] = left + 2f * src[i] - right * 0.5f + up;
            }
        }
    }

    [Parallel(nameof(Stencil))]
    public static partial void StencilFast(ReadOnlySpan<float> src, Span<float> dst, int width, int height);

    /// <summary>
    /// The README's style: the Prange body is the row loop itself, without braces; a gather through an index array
    /// (lane by lane, SG0101) and a double sum kept in order (SG0106) inside it.
    /// </summary>
    public static double BracelessGather(ReadOnlySpan<double> a, ReadOnlySpan<int> index, Span<double> b, int width, int height)
    {
        double total = 0;
#pragma warning disable SG0101 // the gather is what this kernel tests
        foreach (int y in Prange(height))
            for (int x = 0; x < width; x++)
            {
                b[y * width + x] = a[index[y * width + x]] * 2 + a[y * width + x];
                total += a[y * width + x];
            }
#pragma warning restore SG0101

        return total;
    }

    [Parallel(nameof(BracelessGather))]
    public static partial double BracelessGatherFast(ReadOnlySpan<double> a, ReadOnlySpan<int> index, Span<double> b, int width, int height);

    /// <summary>A reduction that reads, through a local index, the element the iteration has just written.</summary>
    public static float BlurWithTotal(ReadOnlySpan<float> src, Span<float> dst, int width, int height)
    {
        float total = 0;
        foreach (int y in Prange(height))
            for (int x = 0; x < width; x++)
            {
                int i = y * width + x;
                dst[i] = (src[y * width + Math.Max(x - 1, 0)] + src[i] + src[y * width + Math.Min(x + 1, width - 1)]) / 3f;
                total += dst[i] - src[i];
            }

        return total;
    }

    [Parallel(nameof(BlurWithTotal))]
    public static partial float BlurWithTotalFast(ReadOnlySpan<float> src, Span<float> dst, int width, int height);

    /// <summary>A 3×3 mean without the centre: the window loops 'continue' past it (uniform, the same for every lane).</summary>
    public static void RingMean(ReadOnlySpan<float> src, Span<float> dst, int width, int height)
    {
        foreach (int y in Prange(height))
        {
            for (int x = 0; x < width; x++)
            {
                float sum = 0;
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        if (dx == 0 && dy == 0)
                        {
                            continue;
                        }

                        sum += src[Math.Clamp(y + dy, 0, height - 1) * width + Math.Clamp(x + dx, 0, width - 1)];
                    }
                }

                dst[y * width + x] = sum / 8f;
            }
        }
    }

    [Parallel(nameof(RingMean))]
    public static partial void RingMeanFast(ReadOnlySpan<float> src, Span<float> dst, int width, int height);

    /// <summary>An in-place update (read and written at the same index) from another array.</summary>
    public static void ScaleAdd(double[] a, double[] b, int width, int height, double s)
    {
        foreach (int y in Prange(height))
        {
            for (int x = 0; x < width; x++)
            {
                a[y * width + x] = a[y * width + x] * s + b[y * width + x];
            }
        }
    }

    [Parallel(nameof(ScaleAdd))]
    public static partial void ScaleAddFast(double[] a, double[] b, int width, int height, double s);

    /// <summary>Writes one element ahead of what it reads: with the same array twice the loop must run as written.</summary>
    public static void ShiftRight(int[] src, int[] dst, int width, int height)
    {
        foreach (int y in Prange(height))
        {
            for (int x = 0; x < width - 1; x++)
            {
                dst[y * width + x + 1] = src[y * width + x] + 1;
            }
        }
    }

    [Parallel(nameof(ShiftRight), Target = Target.Cpu)]
    public static partial void ShiftRightFast(int[] src, int[] dst, int width, int height);

    /// <summary>Integer reductions inside the row loop: SIMD partials, exact in any order.</summary>
    public static long RowReductions(ReadOnlySpan<int> values, int width, int height)
    {
        long total = 0;
        int peak = int.MinValue, low = int.MaxValue, bits = 0, count = 0;
        foreach (int y in Prange(height))
        {
            for (int x = 0; x < width; x++)
            {
                int v = values[y * width + x];
                total += v;
                peak = Math.Max(peak, v);
                low = Math.Min(v, low);
                bits ^= v * 31;
                count++;
            }
        }

        return total + peak - low + bits + count;
    }

    [Parallel(nameof(RowReductions))]
    public static partial long RowReductionsFast(ReadOnlySpan<int> values, int width, int height);

    /// <summary>A float sum in the row loop: lane by lane in the kernel's order without FastMath, SIMD partials with it.</summary>
    public static float RowSum(ReadOnlySpan<float> values, int width, int height)
    {
        float sum = 0;
        float peak = float.NegativeInfinity;
        foreach (int y in Prange(height))
        {
            for (int x = 0; x < width; x++)
            {
                float v = values[y * width + x];
                sum += v * 0.5f;
                peak = MathF.Max(peak, v);
            }
        }

        return sum + peak;
    }

    [Parallel(nameof(RowSum))]
    public static partial float RowSumOrdered(ReadOnlySpan<float> values, int width, int height);

    [Parallel(nameof(RowSum), FastMath = true)]
    public static partial float RowSumFastMath(ReadOnlySpan<float> values, int width, int height);

    /// <summary>A gather (an index read from another buffer), the loop variable as a value, bounds not from zero, inclusive.</summary>
    public static void GatherAndRamp(ReadOnlySpan<double> table, ReadOnlySpan<int> indexes, Span<double> dst, int width, int height)
    {
        foreach (int y in Prange(height))
        {
            for (int x = 1; x <= width - 2; x++)
            {
                dst[y * width + x] = table[indexes[y * width + x]] + x * 0.25 - y;
            }
        }
    }

    [Parallel(nameof(GatherAndRamp))]
    public static partial void GatherAndRampFast(ReadOnlySpan<double> table, ReadOnlySpan<int> indexes, Span<double> dst, int width, int height);

    /// <summary>A convolution: weights read at a uniform index in uniform inner loops, clamped rows and columns, a uniform branch.</summary>
    public static void Convolve(ReadOnlySpan<float> src, ReadOnlySpan<float> weights, Span<float> dst, int width, int height, int radius, bool square)
    {
        int size = 2 * radius + 1;
        foreach (int y in Prange(height))
        {
            for (int x = 0; x < width; x++)
            {
                float sum = 0f;
                for (int dy = -radius; dy <= radius; dy++)
                {
                    int row = Math.Clamp(y + dy, 0, height - 1) * width;
                    for (int dx = -radius; dx <= radius; dx++)
                    {
                        float w = weights[(dy + radius) * size + dx + radius];
                        sum += w * src[row + Math.Min(Math.Max(x + dx, 0), width - 1)];
                    }
                }

                if (square)
                {
                    sum = sum * sum;
                }

                dst[y * width + x] = sum;
            }
        }
    }

    [Parallel(nameof(Convolve))]
    public static partial void ConvolveFast(ReadOnlySpan<float> src, ReadOnlySpan<float> weights, Span<float> dst, int width, int height, int radius, bool square);

    /// <summary>Reads one element past the row's end on the last row: IndexOutOfRangeException, as in the kernel.</summary>
    public static void ReadsPastTheEnd(ReadOnlySpan<float> src, Span<float> dst, int width, int height)
    {
        foreach (int y in Prange(height))
        {
            for (int x = 0; x < width; x++)
            {
                dst[y * width + x] = src[y * width + x + 1];
            }
        }
    }

    [Parallel(nameof(ReadsPastTheEnd))]
    public static partial void ReadsPastTheEndFast(ReadOnlySpan<float> src, Span<float> dst, int width, int height);

    /// <summary>A short row loop of Max and Min accumulations: four registers of partials per step (unroll 4).</summary>
    public static float RowPeak(ReadOnlySpan<float> values, int width, int height)
    {
        float peak = float.NegativeInfinity;
        foreach (int y in Prange(height))
        {
            for (int x = 0; x < width; x++)
            {
                peak = Math.Max(peak, values[y * width + x]);
            }
        }

        return peak;
    }

    [Parallel(nameof(RowPeak))]
    public static partial float RowPeakFast(ReadOnlySpan<float> values, int width, int height);

    /// <inheritdoc cref="RowPeak"/>
    public static double RowLow(ReadOnlySpan<double> values, int width, int height)
    {
        double low = double.PositiveInfinity;
        foreach (int y in Prange(height))
        {
            int row = y * width;
            for (int x = 0; x < width; x++)
            {
                low = Math.Min(values[row + x], low);
            }
        }

        return low;
    }

    [Parallel(nameof(RowLow), Target = Target.Cpu)]
    public static partial double RowLowFast(ReadOnlySpan<double> values, int width, int height);

    /// <summary>
    /// Accesses whose offsets are the same in every step of a row (tested once per row, before the steps): a shifted
    /// read that may leave the buffer in some steps only, a clamped read whose bounds may lie outside the row or the
    /// buffer (or cross: Math.Clamp throws), a store at the row's start. Out of range, the kernel throws.
    /// </summary>
    public static void ShiftedWindow(ReadOnlySpan<float> src, Span<float> dst, int width, int height, int shift, int clampLow, int clampHigh)
    {
        foreach (int y in Prange(height))
        {
            int row = y * width;
            for (int x = 0; x < width; x++)
            {
                float a = src[row + x + shift];
                float b = src[row + Math.Clamp(x - 1, clampLow, clampHigh)];
                dst[row + x] = Math.Max(a, b) + Math.Min(a, b) * 0.5f;
            }
        }
    }

    [Parallel(nameof(ShiftedWindow), Target = Target.Cpu)]
    public static partial void ShiftedWindowFast(ReadOnlySpan<float> src, Span<float> dst, int width, int height, int shift, int clampLow, int clampHigh);

    /// <summary>A two-dimensional array read at shifted rows and columns (same in every step), updated in place.</summary>
    public static void ShiftedBlend(double[,] a, double[,] b, int rowShift, int columnShift)
    {
        int rows = a.GetLength(0), columns = a.GetLength(1);
        foreach (int i in Prange(rows))
        {
            for (int j = 0; j < columns; j++)
            {
                a[i, j] = a[i, j] * 0.5 - b[i + rowShift, j + columnShift];
            }
        }
    }

    [Parallel(nameof(ShiftedBlend), Target = Target.Cpu)]
    public static partial void ShiftedBlendFast(double[,] a, double[,] b, int rowShift, int columnShift);

    /// <summary>Branches that differ per element: both sides under lane masks, a guarded read at the border, an in-place update.</summary>
    public static void Branches(ReadOnlySpan<float> src, Span<float> dst, Span<float> state, int width, int height)
    {
        foreach (int y in Prange(height))
        {
            int row = y * width;
            for (int x = 0; x < width; x++)
            {
                float v = src[row + x];
                float w = 0f;
                if (v > 0f)
                {
                    w = v * 2f;
                    if (x > 0)
                    {
                        w += src[row + x - 1];
                    }

                    dst[row + x] = w;
                }
                else
                {
                    dst[row + x] = -1f;
                    state[row + x] = state[row + x] + v;
                }
            }
        }
    }

    [Parallel(nameof(Branches))]
    public static partial void BranchesFast(ReadOnlySpan<float> src, Span<float> dst, Span<float> state, int width, int height);

    /// <summary>
    /// A '-=' into a reduction in the row loop, and a '+=' into the same one: the lanes' partials hold what the
    /// statements added or subtracted (found by the random kernels: the partials were subtracted twice).
    /// </summary>
    public static long SubtractingReduction(ReadOnlySpan<int> values, int width, int height)
    {
        long total = 7;
        foreach (int y in Prange(height))
        {
            for (int x = 0; x < width; x++)
            {
                total -= values[y * width + x];
                total += x;
            }
        }

        return total;
    }

    [Parallel(nameof(SubtractingReduction))]
    public static partial long SubtractingReductionFast(ReadOnlySpan<int> values, int width, int height);

    /// <summary>
    /// A ?: whose branch may throw (an integer remainder) runs per lane where C# computes it: each lane reads its own
    /// element and sees its own x (found by the random kernels: every lane read element x).
    /// </summary>
    public static void LazyConditional(ReadOnlySpan<int> src, Span<int> dst, int width, int height, int divisor)
    {
        foreach (int y in Prange(height))
        {
            for (int x = 0; x < width; x++)
            {
                int i = y * width + x;
                dst[i] = src[i] > 0 ? src[i] % divisor : x - src[i];
            }
        }
    }

    [Parallel(nameof(LazyConditional))]
    public static partial void LazyConditionalFast(ReadOnlySpan<int> src, Span<int> dst, int width, int height, int divisor);

    /// <summary>
    /// A reduction narrower than every buffer, adding only a uniform value: its partials still need registers (found by
    /// the random gufunc kernels: the generator threw, an index out of range, when no varying value had its type).
    /// </summary>
    public static uint NarrowUniformReduction(ReadOnlySpan<long> src, Span<long> dst, int width, int height, uint mask)
    {
        uint bits = 0xFFFF_FFFF;
        foreach (int y in Prange(height))
        {
            for (int x = 0; x < width; x++)
            {
                dst[y * width + x] = src[y * width + x] + 1;
                bits &= mask;
            }
        }

        return bits;
    }

    [Parallel(nameof(NarrowUniformReduction))]
    public static partial uint NarrowUniformReductionFast(ReadOnlySpan<long> src, Span<long> dst, int width, int height, uint mask);
}
