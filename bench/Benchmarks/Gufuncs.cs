using System;
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
}
