using System;
using System.Numerics.Tensors;
using SourceGen;

namespace SourceGen.Kernels;

/// <summary>Generalized ufuncs (Numba's @guvectorize): kernels over core dimensions, looped over outer ones.</summary>
public static partial class Gufuncs
{
    /// <summary>DESIGN.md's moving average: <c>result[i]</c> is the mean of the last <c>window</c> values up to <c>a[i]</c>.</summary>
    public static void MovingAverage(ReadOnlySpan<double> a, int window, Span<double> result)
    {
        double sum = 0;

        // A running sum: each result needs the one before, so this loop runs one element at a time (SG0103 says so).
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

    /// <summary>The same with <c>FastMath</c>: the kernel's sum runs in SIMD partial sums (reassociated, so rounded differently).</summary>
    [GuVectorize(nameof(Dot), "(n),(n)->()", Target = Target.Parallel, FastMath = true)]
    public static partial void RowDotFast(double[,] x, double[,] y, double[] result);

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

    /// <summary>Target.Gpu: a GPU thread per row (the arrays uploaded once), the kernel as written on the device.</summary>
    [GuVectorize(nameof(MovingAverage), "(n),()->(n)", Target = Target.Gpu)]
    public static partial void MovingAverageGpu(double[,] a, int window, double[,] result);

    /// <summary>Row dot products on a GPU, <paramref name="y"/> broadcast when it has one row.</summary>
    [GuVectorize(nameof(Dot), "(n),(n)->()", Target = Target.Gpu)]
    public static partial void RowDotGpu(double[,] x, double[,] y, double[] result);

    /// <summary>A window per row, on a GPU.</summary>
    [GuVectorize(nameof(MovingAverage), "(n),()->(n)", Target = Target.Gpu)]
    public static partial void MovingAverageWindowsGpu(double[,] a, int[] window, double[,] result);

    /// <summary>Two outer dimensions and broadcasting, on a GPU.</summary>
    [GuVectorize(nameof(Dot), "(n),(n)->()", Target = Target.Gpu)]
    public static partial void StackDotGpu(double[,,] x, double[,] y, double[,] result);

    /// <summary>No outer dimensions: one GPU thread.</summary>
    [GuVectorize(nameof(Dot), "(n),(n)->()", Target = Target.Gpu)]
    public static partial void DotOnceGpu(double[] x, double[] y, double[] result);

    /// <summary>A small matrix product, <c>c = a × b</c>: two core dimensions reach the kernel as tensor spans.</summary>
    public static void MatMul(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> c)
    {
        nint m = a.Lengths[0], n = a.Lengths[1], p = b.Lengths[1];
        for (nint i = 0; i < m; i++)
        {
            for (nint j = 0; j < p; j++)
            {
                double sum = 0;
                for (nint k = 0; k < n; k++)
                {
                    sum += a[i, k] * b[k, j];
                }

                c[i, j] = sum;
            }
        }
    }

    /// <summary>"(m,n),(n,p)->(m,p)" over a stack of matrices (the 4×4 workload), split across threads.</summary>
    [GuVectorize(nameof(MatMul), "(m,n),(n,p)->(m,p)", Target = Target.Parallel)]
    public static partial void StackMatMul(double[,,] a, double[,,] b, double[,,] c);

    /// <summary>
    /// The matrix product with int sizes and indexes: the same arithmetic as <see cref="MatMul"/>, and it runs on a
    /// GPU too (ILGPU has no native-size integers, so <see cref="MatMul"/>'s nint loops cannot: SG0401).
    /// </summary>
    public static void MatMulInt(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> c)
    {
        int m = (int)a.Lengths[0], n = (int)a.Lengths[1], p = (int)b.Lengths[1];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < p; j++)
            {
                double sum = 0;
                for (int k = 0; k < n; k++)
                {
                    sum += a[i, k] * b[k, j];
                }

                c[i, j] = sum;
            }
        }
    }

    /// <summary>The matrix products on a GPU: a thread per matrix, its tensor core slices as device tensors.</summary>
    [GuVectorize(nameof(MatMulInt), "(m,n),(n,p)->(m,p)", Target = Target.Gpu)]
    public static partial void StackMatMulGpu(double[,,] a, double[,,] b, double[,,] c);

    /// <summary>The same over strided views: a transposed or sliced operand is read in place.</summary>
    [GuVectorize(nameof(MatMul), "(m,n),(n,p)->(m,p)")]
    public static partial void MatMulViews(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> c);

    /// <summary>The moving average along the last dimension of a view (a transposed view: down the columns).</summary>
    [GuVectorize(nameof(MovingAverage), "(n),()->(n)")]
    public static partial void MovingAverageView(ReadOnlyTensorSpan<double> a, int window, TensorSpan<double> result);

    /// <summary>The same, split across threads.</summary>
    [GuVectorize(nameof(MovingAverage), "(n),()->(n)", Target = Target.Parallel)]
    public static partial void MovingAverageViewParallel(ReadOnlyTensorSpan<double> a, int window, TensorSpan<double> result);
}
