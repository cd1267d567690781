using System;
using SourceGen;

namespace SourceGen.Kernels;

/// <summary>Generalized ufuncs (Numba's @guvectorize): kernels over core dimensions, looped over outer ones.</summary>
public static partial class Gufuncs
{
    /// <summary>DESIGN.md's moving average: <c>result[i]</c> is the mean of the last <c>window</c> values up to <c>a[i]</c>.</summary>
    public static void MovingAverage(ReadOnlySpan<double> a, int window, Span<double> result)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i];
            if (i >= window)
            {
                sum -= a[i - window];
            }

            result[i] = sum / Math.Min(i + 1, window);
        }
    }

    /// <summary>"(n),()->(n)" over the rows of a matrix, one thread.</summary>
    [GuVectorize(nameof(MovingAverage), "(n),()->(n)")]
    public static partial void MovingAverageRows(double[,] a, int window, double[,] result);

    /// <summary>The same, the rows split across threads (DESIGN.md's example).</summary>
    [GuVectorize(nameof(MovingAverage), "(n),()->(n)", Target = Target.Parallel)]
    public static partial void MovingAverage(double[,] a, int window, double[,] result);

    /// <summary>The dot product of two vectors: a <c>()</c> output is a one-element span.</summary>
    public static void Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> result)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        result[0] = sum;
    }

    /// <summary>"(n),(n)->()": the dot product of each row of <paramref name="x"/> with the matching row of <paramref name="y"/> (or with <paramref name="y"/> itself when it is one row: broadcast).</summary>
    [GuVectorize(nameof(Dot), "(n),(n)->()", Target = Target.Parallel)]
    public static partial void RowDot(double[,] x, double[,] y, double[] result);

    /// <summary>Each row of <paramref name="x"/> with one vector <paramref name="y"/> (a missing outer dimension broadcasts).</summary>
    [GuVectorize(nameof(Dot), "(n),(n)->()")]
    public static partial void RowDotVector(double[,] x, double[] y, double[] result);

    /// <summary>No outer dimensions: one call.</summary>
    [GuVectorize(nameof(Dot), "(n),(n)->()")]
    public static partial void DotOnce(double[] x, double[] y, double[] result);

    /// <summary>A scalar kernel parameter fed row by row from an array: <c>()</c> input with an outer dimension.</summary>
    [GuVectorize(nameof(MovingAverage), "(n),()->(n)")]
    public static partial void MovingAverageWindows(double[,] a, int[] window, double[,] result);

    /// <summary>Two outer dimensions: every (i, j) row of a three-dimensional array.</summary>
    [GuVectorize(nameof(MovingAverage), "(n),()->(n)", Target = Target.Parallel)]
    public static partial void MovingAverageStack(double[,,] a, int window, double[,,] result);

    /// <summary>Broadcasting across two outer dimensions: <paramref name="x"/> is (i, j, n), <paramref name="y"/> (j, n) for every i.</summary>
    [GuVectorize(nameof(Dot), "(n),(n)->()")]
    public static partial void StackDot(double[,,] x, double[,] y, double[,] result);
}
