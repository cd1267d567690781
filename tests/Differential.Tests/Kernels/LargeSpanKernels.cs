using System;
using SourceGen;
using static SourceGen.Loops;

namespace SourceGen.Differential.Tests.Kernels;

/// <summary>Exact kernels for spans of 2 GiB or more: each entry point pins its buffers for its threads.</summary>
public static partial class LargeSpanKernels
{
    public static float HalfPlusOne(float x) => x * 0.5f + 1f;

    [Vectorize(nameof(HalfPlusOne), Target = Target.Parallel)]
    public static partial void HalfPlusOneParallel(ReadOnlySpan<float> x, Span<float> destination);

    public static void AddOne(Span<float> a)
    {
        foreach (int i in Prange(a.Length))
        {
            a[i] += 1f;
        }
    }

    [Parallel(nameof(AddOne))]
    public static partial void AddOneParallel(Span<float> a);
}
