using System;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using SourceGen.Kernels;

namespace SourceGen.Bench;

/// <summary>
/// The seed's Julia set, 1000×1000, maxiter 300, c = -0.62772 - 0.42193i (issue 4): the kernel as written, the
/// generated Cpu and Parallel entry points, and an expert's hand-written Vector512 escape-time loop (two
/// vectors in flight, per-lane exit mask, stop when all lanes escaped), one thread and Parallel.For over rows.
/// All five produce the same counts (checked in setup).
/// </summary>
public class Julia
{
    private const int Size = 1000, MaxIter = 300;
    private const double Cr = -0.62772, Ci = -0.42193;
    private double[] _zr = null!, _zi = null!;
    private int[] _counts = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_zr, _zi) = Fractals.Grid(Size);
        _counts = new int[_zr.Length];
        var expected = new int[_zr.Length];
        AsWritten();
        _counts.CopyTo(expected, 0);
        foreach (Action method in new Action[] { GeneratedCpu, GeneratedParallel, HandWrittenVector512, HandWrittenVector512Parallel })
        {
            Array.Clear(_counts);
            method();
            if (!_counts.AsSpan().SequenceEqual(expected))
            {
                throw new InvalidOperationException($"{method.Method.Name} computes different counts");
            }
        }
    }

    [Benchmark(Baseline = true)]
    public void AsWritten()
    {
        for (int i = 0; i < _zr.Length; i++)
        {
            _counts[i] = Fractals.Escape(_zr[i], _zi[i], Cr, Ci, MaxIter);
        }
    }

    [Benchmark]
    public void GeneratedCpu() => Fractals.JuliaCounts(_zr, _zi, Cr, Ci, MaxIter, _counts);

    [Benchmark]
    public void GeneratedParallel() => Fractals.JuliaCountsParallel(_zr, _zi, Cr, Ci, MaxIter, _counts);

    [Benchmark]
    public void HandWrittenVector512() => HandWrittenRows(0, Size);

    [Benchmark]
    public void HandWrittenVector512Parallel() => Parallel.For(0, Size, row => HandWrittenRows(row, row + 1));

    private void HandWrittenRows(int firstRow, int endRow)
    {
        for (int row = firstRow; row < endRow; row++)
        {
            int i = row * Size, end = i + Size;
            for (; i + 16 <= end; i += 16)
            {
                HandWritten16(i);
            }

            for (; i < end; i++)
            {
                _counts[i] = Fractals.Escape(_zr[i], _zi[i], Cr, Ci, MaxIter);
            }
        }
    }

    /// <summary>16 points: two Vector512&lt;double&gt; in flight, no FMA contraction (bitwise equal to the kernel).</summary>
    private void HandWritten16(int i)
    {
        Vector512<double> zr0 = Vector512.LoadUnsafe(ref _zr[i]), zr1 = Vector512.LoadUnsafe(ref _zr[i + 8]);
        Vector512<double> zi0 = Vector512.LoadUnsafe(ref _zi[i]), zi1 = Vector512.LoadUnsafe(ref _zi[i + 8]);
        Vector512<double> cr = Vector512.Create(Cr), ci = Vector512.Create(Ci), four = Vector512.Create(4.0), two = Vector512.Create(2.0);
        Vector512<long> active0 = Vector512<long>.AllBitsSet, active1 = Vector512<long>.AllBitsSet;
        Vector512<long> n0 = Vector512<long>.Zero, n1 = Vector512<long>.Zero;
        for (int iteration = 0; iteration < MaxIter; iteration++)
        {
            Vector512<double> zr0Squared = zr0 * zr0, zi0Squared = zi0 * zi0, zr1Squared = zr1 * zr1, zi1Squared = zi1 * zi1;
            active0 &= Vector512.LessThan(zr0Squared + zi0Squared, four).AsInt64();
            active1 &= Vector512.LessThan(zr1Squared + zi1Squared, four).AsInt64();
            if ((active0 | active1) == Vector512<long>.Zero)
            {
                break;
            }

            n0 -= active0;
            n1 -= active1;
            Vector512<double> t0 = zr0Squared - zi0Squared + cr, t1 = zr1Squared - zi1Squared + cr;
            zi0 = two * zr0 * zi0 + ci;
            zi1 = two * zr1 * zi1 + ci;
            zr0 = t0;
            zr1 = t1;
        }

        Vector512.Narrow(n0, n1).StoreUnsafe(ref _counts[i]);
    }
}

/// <summary>
/// The same Julia set in single precision (issue 4's float target: generated ≥ 10× the scalar loop, one thread):
/// the kernel as written, and the generated Cpu entry point. Counts can differ from the double ones.
/// </summary>
public class JuliaFloat
{
    private const int Size = 1000, MaxIter = 300;
    private const float Cr = -0.62772f, Ci = -0.42193f;
    private float[] _zr = null!, _zi = null!;
    private int[] _counts = null!;

    [GlobalSetup]
    public void Setup()
    {
        (double[] zr, double[] zi) = Fractals.Grid(Size);
        _zr = Array.ConvertAll(zr, value => (float)value);
        _zi = Array.ConvertAll(zi, value => (float)value);
        _counts = new int[_zr.Length];
        AsWritten();
        int[] expected = (int[])_counts.Clone();
        Array.Clear(_counts);
        GeneratedCpu();
        if (!_counts.AsSpan().SequenceEqual(expected))
        {
            throw new InvalidOperationException("the generated float Julia computes different counts");
        }
    }

    [Benchmark(Baseline = true)]
    public void AsWritten()
    {
        for (int i = 0; i < _zr.Length; i++)
        {
            _counts[i] = Fractals.EscapeF(_zr[i], _zi[i], Cr, Ci, MaxIter);
        }
    }

    [Benchmark]
    public void GeneratedCpu() => Fractals.JuliaCountsF(_zr, _zi, Cr, Ci, MaxIter, _counts);
}
