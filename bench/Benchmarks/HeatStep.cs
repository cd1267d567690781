using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using static SourceGen.Loops;

namespace SourceGen.Bench;

/// <summary>
/// Is a <c>[Parallel]</c> kernel ever slower than one thread? One explicit step of the heat equation on an n×n grid
/// (a Prange loop over rows, each row a vectorized inner loop), n = 256 (about 50 µs on one thread: too little to
/// pay for threads) and 1024 (enough): the kernel as written, the generated <c>Target.Parallel</c> and
/// <c>Target.Cpu</c> entry points, and a hand-written <c>Parallel.For</c> over the rows. Run it once on an idle
/// machine and once with another process keeping a core busy (e.g. <c>yes &gt; /dev/null &amp;</c>): the README's
/// table has both.
/// </summary>
public partial class HeatStep
{
    [Params(256, 1024)]
    public int N;

    private float[] _u = null!, _next = null!;

    public static void Step(float[] u, float[] next, int n, float alpha)
    {
        foreach (int i in Prange(1, n - 1))
        {
            for (int j = 1; j < n - 1; j++)
            {
                int k = i * n + j;
                next[k] = u[k] + alpha * (u[k - 1] + u[k + 1] + u[k - n] + u[k + n] - 4f * u[k]);
            }
        }
    }

    [Parallel(nameof(Step))]
    public static partial void StepParallel(float[] u, float[] next, int n, float alpha);

    [Parallel(nameof(Step), Target = Target.Cpu)]
    public static partial void StepOneThread(float[] u, float[] next, int n, float alpha);

    [GlobalSetup]
    public void Setup()
    {
        _u = Data.Floats(N * N, 7, 0, 1);
        _next = new float[N * N];
    }

    [Benchmark(Baseline = true)]
    public void AsWritten() => Step(_u, _next, N, 0.1f);

    [Benchmark]
    public void GeneratedParallel() => StepParallel(_u, _next, N, 0.1f);

    [Benchmark]
    public void GeneratedCpu() => StepOneThread(_u, _next, N, 0.1f);

    [Benchmark]
    public void HandWrittenParallelFor()
    {
        float[] u = _u, next = _next;
        int n = N;
        Parallel.For(1, n - 1, i =>
        {
            for (int j = 1; j < n - 1; j++)
            {
                int k = i * n + j;
                next[k] = u[k] + 0.1f * (u[k - 1] + u[k + 1] + u[k - n] + u[k + n] - 4f * u[k]);
            }
        });
    }
}
