using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using SourceGen.Kernels;

namespace SourceGen.Bench;

/// <summary>
/// [GuVectorize] moving average "(n),()->(n)" over the rows of a double[,] (1000×1000 and 10^4×10^3) and row dot
/// "(n),(n)->()": the generated entry points (one thread and Target.Parallel) against the kernel looped by hand,
/// serially and with Parallel.For over rows (what a user writes without SourceGen).
/// </summary>
public class GufuncRows
{
    [Params(1_000, 10_000)]
    public int Rows;

    private const int Columns = 1_000, Window = 8;
    private double[,] _a = null!, _b = null!, _result = null!;
    private double[] _dots = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        _a = new double[Rows, Columns];
        _b = new double[Rows, Columns];
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Columns; c++)
            {
                _a[r, c] = random.NextDouble();
                _b[r, c] = random.NextDouble();
            }
        }

        _result = new double[Rows, Columns];
        _dots = new double[Rows];
    }

    private static Span<double> RowOf(double[,] matrix, int row) =>
        MemoryMarshal.CreateSpan(ref matrix[row, 0], matrix.GetLength(1));

    [Benchmark(Baseline = true)]
    public void MovingAverageLoopedSerially()
    {
        for (int r = 0; r < Rows; r++)
        {
            Gufuncs.MovingAverage(RowOf(_a, r), Window, RowOf(_result, r));
        }
    }

    [Benchmark]
    public void MovingAverageGeneratedOneThread() => Gufuncs.MovingAverageRows(_a, Window, _result);

    [Benchmark]
    public void MovingAverageGeneratedParallel() => Gufuncs.MovingAverage(_a, Window, _result);

    [Benchmark]
    public void MovingAverageHandWrittenParallelFor() =>
        Parallel.For(0, Rows, r => Gufuncs.MovingAverage(RowOf(_a, r), Window, RowOf(_result, r)));

    [Benchmark]
    public void RowDotLoopedSerially()
    {
        for (int r = 0; r < Rows; r++)
        {
            Gufuncs.Dot(RowOf(_a, r), RowOf(_b, r), _dots.AsSpan(r, 1));
        }
    }

    [Benchmark]
    public void RowDotGeneratedParallel() => Gufuncs.RowDot(_a, _b, _dots);

    [Benchmark]
    public void RowDotHandWrittenParallelFor() =>
        Parallel.For(0, Rows, r => Gufuncs.Dot(RowOf(_a, r), RowOf(_b, r), _dots.AsSpan(r, 1)));

    /// <summary>FastMath: the kernel's sum in SIMD partial sums inside the generated loop.</summary>
    [Benchmark]
    public void RowDotGeneratedParallelFastMath() => Gufuncs.RowDotFast(_a, _b, _dots);

    /// <summary>The best a user can write by hand: TensorPrimitives.Dot (SIMD, reassociated) per row, Parallel.For over rows.</summary>
    [Benchmark]
    public void RowDotTensorPrimitivesParallelFor() =>
        Parallel.For(0, Rows, r => _dots[r] = TensorPrimitives.Dot<double>(RowOf(_a, r), RowOf(_b, r)));
}

/// <summary>
/// [GuVectorize] "(m,n),(n,p)->(m,p)" over a stack of 4×4 matrices: the generated Target.Parallel entry point against
/// the kernel looped by hand (serially and with Parallel.For, each matrix as tensor spans) and a hand-written 4×4
/// product over the double[,,] (no tensor spans).
/// </summary>
public class GufuncMatMul
{
    [Params(100_000)]
    public int Count;

    private double[,,] _a = null!, _b = null!, _c = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        _a = new double[Count, 4, 4];
        _b = new double[Count, 4, 4];
        _c = new double[Count, 4, 4];
        for (int s = 0; s < Count; s++)
        {
            for (int r = 0; r < 4; r++)
            {
                for (int k = 0; k < 4; k++)
                {
                    _a[s, r, k] = random.NextDouble();
                    _b[s, r, k] = random.NextDouble();
                }
            }
        }
    }

    private static void Product(double[,,] a, double[,,] b, double[,,] c, int s)
    {
        Span<double> all = MemoryMarshal.CreateSpan(ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(a)), a.Length);
        Span<double> allB = MemoryMarshal.CreateSpan(ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(b)), b.Length);
        Span<double> allC = MemoryMarshal.CreateSpan(ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(c)), c.Length);
        Gufuncs.MatMul(
            new ReadOnlyTensorSpan<double>(all.Slice(s * 16, 16), [4, 4]),
            new ReadOnlyTensorSpan<double>(allB.Slice(s * 16, 16), [4, 4]),
            new TensorSpan<double>(allC.Slice(s * 16, 16), [4, 4]));
    }

    [Benchmark(Baseline = true)]
    public void KernelLoopedSerially()
    {
        for (int s = 0; s < Count; s++)
        {
            Product(_a, _b, _c, s);
        }
    }

    [Benchmark]
    public void GeneratedParallel() => Gufuncs.StackMatMul(_a, _b, _c);

    [Benchmark]
    public void KernelHandWrittenParallelFor() => Parallel.For(0, Count, s => Product(_a, _b, _c, s));

    /// <summary>What an expert writes without tensor spans: the 4×4 product over the arrays directly.</summary>
    [Benchmark]
    public void PlainLoopsParallelFor() => Parallel.For(0, Count, s =>
    {
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                double sum = 0;
                for (int k = 0; k < 4; k++)
                {
                    sum += _a[s, i, k] * _b[s, k, j];
                }

                _c[s, i, j] = sum;
            }
        }
    });
}
