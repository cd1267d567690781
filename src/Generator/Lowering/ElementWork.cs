using System.Collections.Generic;
using System.Linq;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// Which of a kernel's code one entry point runs once per element, as its lowering decides it: the question SG0104
/// (a double computed per element in a float kernel) asks, answered from the model the emitters read. A
/// <c>[Vectorize]</c> kernel runs per element except its uniform values, which the SIMD step lifts out of the loop; a
/// <c>[Parallel]</c> or <c>[GuVectorize]</c> kernel repeats only its loops' code, except the uniform values of the
/// loops it runs in SIMD steps (computed once before the steps, or once a step), and on a GPU everything in its loops.
/// </summary>
internal sealed record ElementWork(bool OnlyInLoops, IReadOnlyList<(int Start, int Length)> Once)
{
    private static readonly (int, int)[] None = System.Array.Empty<(int, int)>();

    /// <summary>A [Vectorize] kernel lowered with <paramref name="analysis"/>: its uniform values are computed once.</summary>
    public static ElementWork OfVectorize(LoweringAnalysis analysis) => new(false, analysis.UniformSpans.ToList());

    /// <summary>What the emitters make of <paramref name="model"/>; null (no model): its loops' code runs as written.</summary>
    public static ElementWork Of(EntryModel? model) => model switch
    {
        VectorizeModel { Body: { } body } vectorize =>
            OfVectorize(LoweringAnalysis.Analyze(body, vectorize.Parameters.Take(vectorize.Parameters.Count - 1).Select(p => p.Role == ParameterRole.Varying).ToArray())),
        ParallelModel { Target: not KernelTarget.Gpu } parallel => new(true, parallel.Loops.SelectMany(SimdLoops).SelectMany(OnceIn).ToList()),
        GuModel { Target: not KernelTarget.Gpu } gufunc => new(true, gufunc.VectorLoops.SelectMany(OnceIn).ToList()),
        _ => new(true, None),
    };

    /// <summary>The loops of a Prange loop that run in SIMD steps: the Prange loop itself, or the row loops of its body.</summary>
    public static IReadOnlyList<VectorLoop> SimdLoops(PrangeLoop loop) => loop.Vectorized is { } self ? new[] { self } : loop.VectorLoops.ToList();

    /// <summary>Whether the code at [start, end), inside a loop of the kernel or not, runs once per element.</summary>
    public bool PerElement(int start, int end, bool insideLoop) =>
        (!OnlyInLoops || insideLoop) && !Once.Any(span => span.Start <= start && end <= span.Start + span.Length);

    private static IEnumerable<(int Start, int Length)> OnceIn(VectorLoop loop) => LoweringAnalysis.OfLoop(loop).UniformSpans;
}
