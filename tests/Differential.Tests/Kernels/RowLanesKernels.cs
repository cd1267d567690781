using System;
using SourceGen;

namespace SourceGen.Differential.Tests.Kernels;

/// <summary>
/// [GuVectorize] kernels whose core loop carries a dependence, so they run across rows (row lanes): several rows at
/// once, one per SIMD lane. Each is checked against itself called row by row.
/// </summary>
public static partial class RowLanesKernels
{
    /// <summary>A float IIR filter: a branch that differs per row (both sides under masks), Math.Max, a local per step.</summary>
    public static void Smooth(ReadOnlySpan<float> x, float alpha, Span<float> y)
    {
        float state = 0f;
        for (int i = 0; i < x.Length; i++)
        {
            float v = x[i];
            if (v > state)
            {
                state = state + alpha * (v - state);
            }
            else if (v != x[i] || v == -0f)
            {
                state = -state;
            }
            else
            {
                state = Math.Max(state * alpha, v);
            }

            y[i] = state >= 1e30f && v < 0f ? 1e30f : state;
        }
    }

    [GuVectorize(nameof(Smooth), "(n),()->(n)")]
    public static partial void SmoothRows(float[,] x, float alpha, float[,] y);

    [GuVectorize(nameof(Smooth), "(n),()->(n)", Target = Target.Parallel)]
    public static partial void SmoothRowsParallel(float[,] x, float alpha, float[,] y);

    /// <summary>A running minimum and sum to a "()" output: NaN and ±0 through Math.Min, a ternary, compound assignments.</summary>
    public static void MinSum(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result)
    {
        double low = double.PositiveInfinity, total = 0;
        int n = x.Length;
        for (int i = 0; i < n; i++)
        {
            low = Math.Min(low, x[i] * w[i]);
            total += i % 3 == 0 ? Math.Abs(x[i]) : -w[i];
            total *= 0.75;
            total++;
        }

        result[0] = Math.Sqrt(Math.Abs(total)) + low;
    }

    [GuVectorize(nameof(MinSum), "(n),(n)->()")]
    public static partial void MinSumRows(double[,] x, double[,] w, double[] result);

    [GuVectorize(nameof(MinSum), "(n),(n)->()", Target = Target.Parallel)]
    public static partial void MinSumRowsParallel(double[,] x, double[] w, double[] result);

    /// <summary>A recurrence on the output that leaves its first element alone (it keeps what the caller put there), a while loop, an early exit.</summary>
    public static void Decay(ReadOnlySpan<double> x, double k, Span<double> y)
    {
        int i = 1;
        while (i < y.Length)
        {
            y[i] = y[i - 1] * k + x[i];
            if (i > 40)
            {
                return;
            }

            i++;
        }
    }

    [GuVectorize(nameof(Decay), "(n),()->(n)")]
    public static partial void DecayRows(double[,] x, double k, double[,] y);

    [GuVectorize(nameof(Decay), "(n),()->(n)", Target = Target.Parallel)]
    public static partial void DecayRowsParallel(double[,] x, double k, double[,] y);

    /// <summary>Reads past the end of its row when <paramref name="skip"/> is positive: it throws, as the kernel does, with the rows before written.</summary>
    public static void Shifted(ReadOnlySpan<double> x, int skip, Span<double> y)
    {
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            sum += x[i + skip];
            y[i] = sum;
        }
    }

    [GuVectorize(nameof(Shifted), "(n),()->(n)")]
    public static partial void ShiftedRows(double[,] x, int skip, double[,] y);

    [GuVectorize(nameof(Shifted), "(n),()->(n)", Target = Target.Parallel)]
    public static partial void ShiftedRowsParallel(double[,] x, int skip, double[,] y);
}
