using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using SourceGen.Kernels;

namespace SourceGen.Bench;

/// <summary>
/// LU decomposition (Doolittle, no pivoting) of an n×n double[,] in place, n = 256 and 1024: the kernel as
/// written, the generated [Parallel] entry point (and its one-thread Target.Cpu twin), and a hand-written
/// Parallel.For over the rows below each pivot with Vector512 across each row. All give the same factors
/// (checked in setup). Each run starts from a copy of the same diagonally dominant matrix.
/// </summary>
public class LuDecomposition
{
    [Params(256, 1024)]
    public int N;

    private double[,] _original = null!, _a = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        _original = new double[N, N];
        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j < N; j++)
            {
                _original[i, j] = random.NextDouble() - 0.5 + (i == j ? N : 0);
            }
        }

        _a = new double[N, N];
        AsWritten();
        var expected = (double[,])_a.Clone();
        foreach (Action method in new Action[] { Generated, GeneratedOneThread, HandWrittenVector512Parallel })
        {
            method();
            if (!MemoryMarshal.CreateReadOnlySpan(ref _a[0, 0], _a.Length).SequenceEqual(MemoryMarshal.CreateReadOnlySpan(ref expected[0, 0], expected.Length)))
            {
                throw new InvalidOperationException($"{method.Method.Name} computes different factors");
            }
        }
    }

    /// <summary>Each benchmark starts from the same matrix (the copy is timed with it: under 2% of the work).</summary>
    private void Reset() => Array.Copy(_original, _a, _original.Length);

    [Benchmark(Baseline = true)]
    public void AsWritten()
    {
        Reset();
        LinearAlgebra.LuDecompose(_a);
    }

    [Benchmark]
    public void Generated()
    {
        Reset();
        LinearAlgebra.LuDecomposeFast(_a);
    }

    [Benchmark]
    public void GeneratedOneThread()
    {
        Reset();
        LinearAlgebra.LuDecomposeOneThread(_a);
    }

    /// <summary>What an expert writes by hand: Parallel.For over the rows below the pivot, Vector512 across each row.</summary>
    [Benchmark]
    public void HandWrittenVector512Parallel()
    {
        Reset();
        double[,] a = _a;
        int n = N;
        for (int k = 0; k < n; k++)
        {
            double pivot = a[k, k];
            int pivotRow = k;
            Parallel.For(k + 1, n, i =>
            {
                Span<double> all = MemoryMarshal.CreateSpan(ref a[0, 0], n * n);
                Span<double> row = all.Slice(i * n, n), top = all.Slice(pivotRow * n, n);
                double factor = row[pivotRow] / pivot;
                row[pivotRow] = factor;
                int j = pivotRow + 1;
                var f = Vector512.Create(factor);
                for (; j + Vector512<double>.Count <= n; j += Vector512<double>.Count)
                {
                    (Vector512.Create<double>(row.Slice(j)) - f * Vector512.Create<double>(top.Slice(j))).CopyTo(row.Slice(j));
                }

                for (; j < n; j++)
                {
                    row[j] -= factor * top[j];
                }
            });
        }
    }
}
