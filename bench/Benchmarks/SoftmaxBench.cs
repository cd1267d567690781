using System;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using SourceGen.Kernels;

namespace SourceGen.Bench;

/// <summary>
/// Softmax of 10^7 and 10^8 doubles (max-reduction, exp and sum, scale): the kernel as written, the generated
/// [Parallel] entry points (sum in order per chunk; FastMath; FastMath on one thread), and
/// TensorPrimitives.SoftMax, the BCL's one-thread SIMD softmax.
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
}
