using System;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using SourceGen.Kernels;

namespace SourceGen.Bench;

/// <summary>
/// Softmax of 10^7 and 10^8 doubles (max-reduction, exp and sum, scale): the kernel as written, the generated
/// [Parallel] entry points (sum in order per chunk; FastMath; FastMath on one thread), a hand-written
/// Parallel.For + Vector512 version with what FastMath allows (exp-store-sum fused, partial sums per lane), and
/// TensorPrimitives.SoftMax, the BCL's one-thread SIMD softmax. Setup checks each against the kernel as written
/// (within rounding: the sums are reassociated).
/// </summary>
public class SoftmaxBench
{
    [Params(10_000_000, 100_000_000)]
    public int N;

    private double[] _x = null!, _result = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        _x = new double[N];
        for (int i = 0; i < N; i++)
        {
            _x[i] = (random.NextDouble() - 0.5) * 20;
        }

        _result = new double[N];
        if (N > 10_000_000)
        {
            // The same code as at 10^7 (checked there): a third array of 10^8 doubles would only cost memory.
            return;
        }

        AsWritten();
        double[] expected = (double[])_result.Clone();
        foreach (Action method in new Action[] { GeneratedParallel, GeneratedFastMath, GeneratedFastMathOneThread, HandWrittenVector512Parallel })
        {
            Array.Clear(_result);
            method();
            for (int i = 0; i < N; i++)
            {
                // Vector512.Exp is within 1 ulp of Math.Exp and the sum is reassociated: relative 1e-12 is rounding
                if (Math.Abs(_result[i] - expected[i]) > 1e-12 * Math.Abs(expected[i]))
                {
                    throw new InvalidOperationException($"{method.Method.Name} differs at {i}: {_result[i]} vs {expected[i]}");
                }
            }
        }
    }

    [Benchmark(Baseline = true)]
    public void AsWritten() => Softmax.Compute(_x, _result);

    [Benchmark]
    public void GeneratedParallel() => Softmax.ComputeParallel(_x, _result);

    [Benchmark]
    public void GeneratedFastMath() => Softmax.ComputeFast(_x, _result);

    [Benchmark]
    public void GeneratedFastMathOneThread() => Softmax.ComputeOneThread(_x, _result);

    [Benchmark]
    public void TensorPrimitivesSoftMax() => TensorPrimitives.SoftMax<double>(_x, _result);

    /// <summary>
    /// What an expert writes by hand with FastMath's licence: three Parallel.For passes over 4 chunks per core,
    /// Vector512 with two accumulators in the max and the exp-store-sum passes, scalar tails.
    /// </summary>
    [Benchmark]
    public void HandWrittenVector512Parallel()
    {
        double[] x = _x, result = _result;
        int n = x.Length, chunks = Math.Min(n, Environment.ProcessorCount * 4);
        var partials = new double[chunks];
        Parallel.For(0, chunks, c => partials[c] = ChunkMax(x, Start(n, chunks, c), Start(n, chunks, c + 1)));
        double max = double.NegativeInfinity;
        foreach (double partial in partials)
        {
            max = Math.Max(max, partial);
        }

        Parallel.For(0, chunks, c => partials[c] = ChunkExpSum(x, result, max, Start(n, chunks, c), Start(n, chunks, c + 1)));
        double sum = 0;
        foreach (double partial in partials)
        {
            sum += partial;
        }

        Parallel.For(0, chunks, c => ChunkDivide(result, sum, Start(n, chunks, c), Start(n, chunks, c + 1)));
    }

    private static int Start(int n, int chunks, int chunk) => (int)((long)n * chunk / chunks);

    private static double ChunkMax(double[] x, int from, int to)
    {
        ref double xRef = ref MemoryMarshal.GetArrayDataReference(x);
        int i = from;
        Vector512<double> m0 = Vector512.Create(double.NegativeInfinity), m1 = m0;
        for (; i + 2 * Vector512<double>.Count <= to; i += 2 * Vector512<double>.Count)
        {
            m0 = Vector512.Max(m0, Vector512.LoadUnsafe(ref xRef, (nuint)i));
            m1 = Vector512.Max(m1, Vector512.LoadUnsafe(ref xRef, (nuint)(i + Vector512<double>.Count)));
        }

        m0 = Vector512.Max(m0, m1);
        double max = double.NegativeInfinity;
        for (int lane = 0; lane < Vector512<double>.Count; lane++)
        {
            max = Math.Max(max, m0.GetElement(lane));
        }

        for (; i < to; i++)
        {
            max = Math.Max(max, x[i]);
        }

        return max;
    }

    private static double ChunkExpSum(double[] x, double[] result, double max, int from, int to)
    {
        ref double xRef = ref MemoryMarshal.GetArrayDataReference(x);
        ref double resultRef = ref MemoryMarshal.GetArrayDataReference(result);
        var maxVector = Vector512.Create(max);
        Vector512<double> s0 = Vector512<double>.Zero, s1 = s0;
        int i = from;
        for (; i + 2 * Vector512<double>.Count <= to; i += 2 * Vector512<double>.Count)
        {
            Vector512<double> e0 = Vector512.Exp(Vector512.LoadUnsafe(ref xRef, (nuint)i) - maxVector);
            Vector512<double> e1 = Vector512.Exp(Vector512.LoadUnsafe(ref xRef, (nuint)(i + Vector512<double>.Count)) - maxVector);
            e0.StoreUnsafe(ref resultRef, (nuint)i);
            e1.StoreUnsafe(ref resultRef, (nuint)(i + Vector512<double>.Count));
            s0 += e0;
            s1 += e1;
        }

        double sum = Vector512.Sum(s0 + s1);
        for (; i < to; i++)
        {
            double e = Math.Exp(x[i] - max);
            result[i] = e;
            sum += e;
        }

        return sum;
    }

    private static void ChunkDivide(double[] result, double sum, int from, int to)
    {
        ref double resultRef = ref MemoryMarshal.GetArrayDataReference(result);
        var sumVector = Vector512.Create(sum);
        int i = from;
        for (; i + Vector512<double>.Count <= to; i += Vector512<double>.Count)
        {
            (Vector512.LoadUnsafe(ref resultRef, (nuint)i) / sumVector).StoreUnsafe(ref resultRef, (nuint)i);
        }

        for (; i < to; i++)
        {
            result[i] /= sum;
        }
    }
}
