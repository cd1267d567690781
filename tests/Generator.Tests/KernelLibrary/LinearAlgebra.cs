using System;
using SourceGen;
using static SourceGen.Loops;

namespace KernelLibrary;

/// <summary>BLAS-like kernels over row-major spans and arrays.</summary>
public static partial class LinearAlgebra
{
    /// <summary>y = a·x + y.</summary>
    public static void Saxpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        foreach (int i in Prange(x.Length))
        {
            y[i] = a * x[i] + y[i];
        }
    }

    [Parallel(nameof(Saxpy))]
    public static partial void SaxpyParallel(float a, ReadOnlySpan<float> x, Span<float> y);

    /// <summary>Dot product.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double sum = 0;
        foreach (int i in Prange(x.Length))
        {
            sum += x[i] * y[i];
        }

        return sum;
    }

    [Parallel(nameof(Dot), FastMath = true)]
    public static partial double DotParallel(ReadOnlySpan<double> x, ReadOnlySpan<double> y);

    /// <summary>y = A·x for a row-major rows × columns matrix.</summary>
    public static void MatVec(ReadOnlySpan<float> a, ReadOnlySpan<float> x, Span<float> y, int rows, int columns)
    {
        foreach (int r in Prange(rows))
        {
            float sum = 0f;
            int row = r * columns;
            for (int c = 0; c < columns; c++)
            {
                sum += a[row + c] * x[c];
            }

            y[r] = sum;
        }
    }

    [Parallel(nameof(MatVec), FastMath = true)]
    public static partial void MatVecParallel(ReadOnlySpan<float> a, ReadOnlySpan<float> x, Span<float> y, int rows, int columns);

    /// <summary>C = A·B for n × n row-major matrices, i-k-j order so the inner loop runs along rows.</summary>
    public static void MatMul(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n)
    {
        foreach (int i in Prange(n))
        {
            for (int j = 0; j < n; j++)
            {
                c[i * n + j] = 0;
            }

            for (int k = 0; k < n; k++)
            {
                double aik = a[i * n + k];
                for (int j = 0; j < n; j++)
                {
                    c[i * n + j] += aik * b[k * n + j];
                }
            }
        }
    }

    [Parallel(nameof(MatMul))]
    public static partial void MatMulParallel(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n);

    /// <summary>Sum of each row of a 2-D array.</summary>
    public static void RowSums(double[,] matrix, double[] sums)
    {
        int rows = matrix.GetLength(0), columns = matrix.GetLength(1);
        foreach (int r in Prange(rows))
        {
            double sum = 0;
            for (int c = 0; c < columns; c++)
            {
                sum += matrix[r, c];
            }

            sums[r] = sum;
        }
    }

    [Parallel(nameof(RowSums), FastMath = true)]
    public static partial void RowSumsParallel(double[,] matrix, double[] sums);

    /// <summary>Out-of-place transpose of a rows × columns matrix.</summary>
    public static void Transpose(ReadOnlySpan<float> src, Span<float> dst, int rows, int columns)
    {
        foreach (int r in Prange(rows))
        {
            for (int c = 0; c < columns; c++)
            {
                dst[c * rows + r] = src[r * columns + c];
            }
        }
    }

    [Parallel(nameof(Transpose))]
    public static partial void TransposeParallel(ReadOnlySpan<float> src, Span<float> dst, int rows, int columns);

    /// <summary>Rank-1 update A += alpha · x · yᵀ.</summary>
    public static void Rank1Update(Span<double> a, ReadOnlySpan<double> x, ReadOnlySpan<double> y, double alpha, int rows, int columns)
    {
        foreach (int r in Prange(rows))
        {
            double ax = alpha * x[r];
            for (int c = 0; c < columns; c++)
            {
                a[r * columns + c] += ax * y[c];
            }
        }
    }

    [Parallel(nameof(Rank1Update))]
    public static partial void Rank1UpdateParallel(Span<double> a, ReadOnlySpan<double> x, ReadOnlySpan<double> y, double alpha, int rows, int columns);
}
