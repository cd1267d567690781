using System;
using SourceGen;
using static SourceGen.Loops;

namespace SourceGen.Kernels;

/// <summary>LU decomposition (Doolittle, no pivoting) in place: the sequential loop over pivots, rows below in parallel, SIMD across each row.</summary>
public static partial class LinearAlgebra
{
    /// <summary>
    /// Replaces the square matrix <paramref name="a"/> by its factors: L (unit diagonal, below) and U (on and above
    /// the diagonal), with A = L·U. No pivoting: a zero pivot gives infinities or NaN, as the arithmetic does.
    /// </summary>
    public static void LuDecompose(double[,] a)
    {
        int n = a.GetLength(0);
        for (int k = 0; k < n; k++)
        {
            double pivot = a[k, k];
            foreach (int i in Prange(k + 1, n))
            {
                double factor = a[i, k] / pivot;
                a[i, k] = factor;
                for (int j = k + 1; j < n; j++)
                {
                    a[i, j] -= factor * a[k, j];
                }
            }
        }
    }

    [Parallel(nameof(LuDecompose))]
    public static partial void LuDecomposeFast(double[,] a);

    /// <summary>One thread, SIMD across rows: the baseline of the parallel scaling.</summary>
    [Parallel(nameof(LuDecompose), Target = Target.Cpu)]
    public static partial void LuDecomposeOneThread(double[,] a);
}
