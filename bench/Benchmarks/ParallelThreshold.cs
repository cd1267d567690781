using BenchmarkDotNet.Attributes;

namespace SourceGen.Bench;

/// <summary>
/// Where does <c>Target.Parallel</c> start to pay? The same kernel generated for one thread and for several,
/// at lengths around the split threshold (<c>ParallelChunks.MinimumParallelWork</c> element-operations). The
/// cheap kernel (x*y+z, about 3 operations per element) and the medium one (sigmoid, about 22) bracket it.
/// Run with the threshold disabled (every length splits) to see the raw crossover: SOURCEGEN_ALWAYS_SPLIT=1.
/// </summary>
public class ParallelThreshold
{
    [Params(4_096, 16_384, 65_536, 262_144)]
    public int N;

    private float[] _x = null!, _y = null!, _z = null!, _destination = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Data.Floats(N, 1, -5, 5);
        _y = Data.Floats(N, 2, -5, 5);
        _z = Data.Floats(N, 3, -5, 5);
        _destination = new float[N];
    }

    [Benchmark(Baseline = true)]
    public void MulAddOneThread() => BenchKernels.MulAddF(_x, _y, _z, _destination);

    [Benchmark]
    public void MulAddParallel() => BenchKernels.MulAddParallel(_x, _y, _z, _destination);

    [Benchmark]
    public void SigmoidOneThread() => BenchKernels.SigmoidF(_x, _destination);

    [Benchmark]
    public void SigmoidParallel() => BenchKernels.SigmoidParallel(_x, _destination);
}
