using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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
/// The moving average of the project's performance targets: "(n),()->(n)" over 1000 rows × 10000, window 20, outputs preallocated. The kernel as
/// written looped over rows, the generated entry points (row lanes: 8 rows per Vector512, one thread and
/// Target.Parallel), and an expert's hand-written code: 8 rows' running sums in one Vector512 (an 8×8 in-register
/// transpose in and out), Parallel.For over groups of 8 rows. All bitwise equal to the kernel.
/// </summary>
public class MovingAverageRows
{
    private const int Rows = 1_000, Columns = 10_000, Window = 20;
    private double[,] _a = null!, _result = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _a = new double[Rows, Columns];
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Columns; c++)
            {
                _a[r, c] = random.NextDouble();
            }
        }

        _result = new double[Rows, Columns];
        var expected = new double[Rows, Columns];
        for (int r = 0; r < Rows; r++)
        {
            Gufuncs.MovingAverage(RowOf(_a, r), Window, RowOf(expected, r));
        }

        foreach (Action run in new Action[] { GeneratedCpu, GeneratedParallel, HandWrittenVector512ParallelFor })
        {
            Array.Clear(_result);
            run();
            if (!MemoryMarshal.CreateSpan(ref expected[0, 0], expected.Length).SequenceEqual(MemoryMarshal.CreateSpan(ref _result[0, 0], _result.Length)))
            {
                throw new InvalidOperationException($"{run.Method.Name} differs from the kernel");
            }
        }
    }

    private static Span<double> RowOf(double[,] matrix, int row) => MemoryMarshal.CreateSpan(ref matrix[row, 0], matrix.GetLength(1));

    [Benchmark(Baseline = true)]
    public void ScalarAsWritten()
    {
        for (int r = 0; r < Rows; r++)
        {
            Gufuncs.MovingAverage(RowOf(_a, r), Window, RowOf(_result, r));
        }
    }

    /// <summary>What Target.Parallel ran before row lanes: the kernel as written, one row at a time, rows across threads.</summary>
    [Benchmark]
    public void RowByRowParallelFor() =>
        Parallel.For(0, Rows, r => Gufuncs.MovingAverage(RowOf(_a, r), Window, RowOf(_result, r)));

    [Benchmark]
    public void GeneratedCpu() => Gufuncs.MovingAverageRows(_a, Window, _result);

    [Benchmark]
    public void GeneratedParallel() => Gufuncs.MovingAverage(_a, Window, _result);

    [Benchmark]
    public void HandWrittenVector512ParallelFor()
    {
        if (!Avx512F.IsSupported)
        {
            throw new PlatformNotSupportedException("the hand-written column needs AVX-512");
        }

        Parallel.For(0, (Rows + 7) / 8, () => new double[Columns * 8], (group, _, transposed) =>
        {
            int row = group * 8;
            if (Rows - row < 8)
            {
                for (; row < Rows; row++)
                {
                    Gufuncs.MovingAverage(RowOf(_a, row), Window, RowOf(_result, row));
                }

                return transposed;
            }

            ref double a = ref _a[row, 0];
            ref double result = ref _result[row, 0];

            // The 8 rows interleaved: element j of row l at j * 8 + l (Columns is a multiple of 8).
            ref double t = ref transposed[0];
            for (int j = 0; j < Columns; j += 8)
            {
                Transpose8(ref Unsafe.Add(ref a, j), Columns, ref Unsafe.Add(ref t, j * 8), 8);
            }

            // The recurrence on vectors; every 8 columns the results go back to the rows through the same transpose.
            Vector512<double> sum = Vector512<double>.Zero;
            Span<Vector512<double>> block = stackalloc Vector512<double>[8];
            for (int j = 0; j < Columns; j++)
            {
                sum += Vector512.LoadUnsafe(ref t, (nuint)(j * 8));
                if (j >= Window)
                {
                    sum -= Vector512.LoadUnsafe(ref t, (nuint)((j - Window) * 8));
                }

                block[j & 7] = sum / Vector512.Create((double)Math.Min(j + 1, Window));
                if ((j & 7) == 7)
                {
                    Transpose8(ref Unsafe.As<Vector512<double>, double>(ref block[0]), 8, ref Unsafe.Add(ref result, j - 7), Columns);
                }
            }

            return transposed;
        }, _ => { });
    }

    /// <summary>8×8 doubles: row r (8 elements, rows <paramref name="sourceStride"/> apart) to column r.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8(ref double source, nint sourceStride, ref double destination, nint destinationStride)
    {
        Vector512<double> r0 = Vector512.LoadUnsafe(ref source), r1 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, sourceStride));
        Vector512<double> r2 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 2 * sourceStride)), r3 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 3 * sourceStride));
        Vector512<double> r4 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 4 * sourceStride)), r5 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 5 * sourceStride));
        Vector512<double> r6 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 6 * sourceStride)), r7 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 7 * sourceStride));
        Vector512<double> t0 = Avx512F.UnpackLow(r0, r1), t1 = Avx512F.UnpackHigh(r0, r1), t2 = Avx512F.UnpackLow(r2, r3), t3 = Avx512F.UnpackHigh(r2, r3);
        Vector512<double> t4 = Avx512F.UnpackLow(r4, r5), t5 = Avx512F.UnpackHigh(r4, r5), t6 = Avx512F.UnpackLow(r6, r7), t7 = Avx512F.UnpackHigh(r6, r7);
        Vector512<long> lo = Vector512.Create(0L, 1, 8, 9, 4, 5, 12, 13), hi = Vector512.Create(2L, 3, 10, 11, 6, 7, 14, 15);
        Vector512<double> u0 = Avx512F.PermuteVar8x64x2(t0, lo, t2), u2 = Avx512F.PermuteVar8x64x2(t0, hi, t2);
        Vector512<double> u1 = Avx512F.PermuteVar8x64x2(t1, lo, t3), u3 = Avx512F.PermuteVar8x64x2(t1, hi, t3);
        Vector512<double> u4 = Avx512F.PermuteVar8x64x2(t4, lo, t6), u6 = Avx512F.PermuteVar8x64x2(t4, hi, t6);
        Vector512<double> u5 = Avx512F.PermuteVar8x64x2(t5, lo, t7), u7 = Avx512F.PermuteVar8x64x2(t5, hi, t7);
        Vector512<long> lo4 = Vector512.Create(0L, 1, 2, 3, 8, 9, 10, 11), hi4 = Vector512.Create(4L, 5, 6, 7, 12, 13, 14, 15);
        Vector512.StoreUnsafe(Avx512F.PermuteVar8x64x2(u0, lo4, u4), ref destination);
        Vector512.StoreUnsafe(Avx512F.PermuteVar8x64x2(u1, lo4, u5), ref Unsafe.Add(ref destination, destinationStride));
        Vector512.StoreUnsafe(Avx512F.PermuteVar8x64x2(u2, lo4, u6), ref Unsafe.Add(ref destination, 2 * destinationStride));
        Vector512.StoreUnsafe(Avx512F.PermuteVar8x64x2(u3, lo4, u7), ref Unsafe.Add(ref destination, 3 * destinationStride));
        Vector512.StoreUnsafe(Avx512F.PermuteVar8x64x2(u0, hi4, u4), ref Unsafe.Add(ref destination, 4 * destinationStride));
        Vector512.StoreUnsafe(Avx512F.PermuteVar8x64x2(u1, hi4, u5), ref Unsafe.Add(ref destination, 5 * destinationStride));
        Vector512.StoreUnsafe(Avx512F.PermuteVar8x64x2(u2, hi4, u6), ref Unsafe.Add(ref destination, 6 * destinationStride));
        Vector512.StoreUnsafe(Avx512F.PermuteVar8x64x2(u3, hi4, u7), ref Unsafe.Add(ref destination, 7 * destinationStride));
    }
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
