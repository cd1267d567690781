using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using SourceGen;
using static SourceGen.Loops;

namespace SourceGen.Bench;

/// <summary>
/// What a parallel loop costs by itself (issue 5's target: at most 5 µs): a [Parallel] kernel whose Prange loop
/// has 2 iterations that each write one int, against Parallel.For over the same 2 iterations and the loop on
/// one thread.
/// </summary>
public partial class PrangeOverhead
{
    private readonly int[] _values = new int[2];

    public static void Touch(int[] values)
    {
        foreach (int i in Prange(2))
        {
            values[i] = i;
        }
    }

    [Parallel(nameof(Touch))]
    public static partial void TouchParallel(int[] values);

    [Benchmark(Baseline = true)]
    public void OneThread() => Touch(_values);

    [Benchmark]
    public void GeneratedPrange() => TouchParallel(_values);

    [Benchmark]
    public void ParallelFor() => Parallel.For(0, 2, i => _values[i] = i);
}
