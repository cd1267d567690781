using System;
using SourceGen;

namespace SourceGen.Deploy;

/// <summary>The kernel the deploy timings call, as a user writes it, and its generated entry points.</summary>
public static partial class DeployKernels
{
    public static double Softplus(double x) => Math.Log(1.0 + Math.Exp(x));

    [Vectorize(nameof(Softplus))]
    public static partial void SoftplusCpu(ReadOnlySpan<double> x, Span<double> destination);

    [Vectorize(nameof(Softplus), Target = Target.Parallel)]
    public static partial void SoftplusParallel(ReadOnlySpan<double> x, Span<double> destination);

    /// <summary>The scalar loop as written: what the user had before annotating.</summary>
    public static void SoftplusLoop(ReadOnlySpan<double> x, Span<double> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = Softplus(x[i]);
        }
    }
}
