using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using static SourceGen.Generator.Tests.DiagnosticTests;

namespace SourceGen.Generator.Tests;

/// <summary>[Parallel(Target = Target.Gpu)]: what keeps a kernel's Prange loops off the device is an error on it (SG0401, SG0403).</summary>
public sealed class GpuLaunchDiagnosticTests
{
    [Fact]
    public void SG0403_DeviceDataUsedOnTheHost_BetweenOrAfterLaunches()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            using static SourceGen.Loops;
            public static partial class K
            {
                static float AfterTheLaunch(Span<float> a, int n)
                {
                    a.Clear(); // before the first launch: uploaded with the first launch
                    foreach (int i in Prange(n))
                    {
                        a[i] = i;
                    }

                    return {|SG0403:a[0]|} + a.Length;
                }
                [Parallel(nameof(AfterTheLaunch), Target = Target.Gpu)] public static partial float AfterTheLaunchGpu(Span<float> a, int n);
                [Parallel(nameof(AfterTheLaunch))] public static partial float AfterTheLaunchParallel(Span<float> a, int n);

                static void InTheLoop(Span<float> a, int n, int iterations)
                {
                    for (int t = 0; t < iterations; t++)
                    {
                        float[] {|SG0403:work = new float[n]|};
                        {|SG0403:a[0]|} = t;
                        foreach (int i in Prange(n))
                        {
                            work[i] = a[i];
                            a[i] = work[i] + 1;
                        }
                    }
                }
                [Parallel(nameof(InTheLoop), Target = Target.Gpu)] public static partial void InTheLoopGpu(Span<float> a, int n, int iterations);
            }
            """);
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'a' is used on the host after the first GPU launch (the Prange loop at line"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'work' is used on the host as a new array in the loop at line"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'a' is used on the host in the loop at line"));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public void SG0401_PrangeLoopsThatCannotBeLaunched()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            using static SourceGen.Loops;
            public static partial class K
            {
                static double Product(ReadOnlySpan<double> a)
                {
                    double p = 1;
                    {|SG0401:foreach (int i in Prange(a.Length))|}
                    {
                        {|SG0402:p *= a[i]|};
                    }

                    return p;
                }
                [Parallel(nameof(Product), Target = Target.Gpu)] public static partial double ProductGpu(ReadOnlySpan<double> a);
                [Parallel(nameof(Product))] public static partial double ProductParallel(ReadOnlySpan<double> a);

                static void Matrix(double[,] m, double[] sums)
                {
                    {|SG0401:foreach (int r in Prange(sums.Length))|}
                    {
                        sums[r] = m[r, 0];
                    }
                }
                [Parallel(nameof(Matrix), Target = Target.Gpu)] public static partial void MatrixGpu(double[,] m, double[] sums);

                static int Exits(ReadOnlySpan<int> a)
                {
                    int found = 0;
                    {|SG0401:foreach (int i in Prange(a.Length))|}
                    {
                        if (a[i] < 0) break;
                    }

                    return found;
                }
                [Parallel(nameof(Exits), Target = Target.Gpu)] public static partial int ExitsGpu(ReadOnlySpan<int> a);

                static void Alias(Span<float> a)
                {
                    foreach (int i in Prange(a.Length))
                    {
                        var copy = {|SG0401:a|};
                        copy[i] = 1;
                    }
                }
                [Parallel(nameof(Alias), Target = Target.Gpu)] public static partial void AliasGpu(Span<float> a);

                static void Flags(ReadOnlySpan<bool> flags, Span<float> a)
                {
                    {|SG0401:foreach (int i in Prange(a.Length))|}
                    {
                        a[i] = flags[i] ? 1 : 0;
                    }
                }
                [Parallel(nameof(Flags), Target = Target.Gpu)] public static partial void FlagsGpu(ReadOnlySpan<bool> flags, Span<float> a);
            }
            """);
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("there is no atomic multiply"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("reads the 2-D array 'm'"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'break' out of it"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'a' is used other than by indexing it or reading its Length"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'flags', whose elements (bool) are not blittable"));
        Assert.All(diagnostics.Where(d => d.Id == "SG0401"), d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public void SG0401_GufuncCoreSlicesUsedOtherThanByIndex()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            public static partial class K
            {
                static void Copy(ReadOnlySpan<double> a, Span<double> b)
                {
                    {|SG0401:a.CopyTo|}({|SG0401:b|});
                    b[0] = a.Length;
                }
                [{|SG0103:GuVectorize(nameof(Copy), "(n)->(n)", Target = Target.Gpu)|}] public static partial void CopyGpu(double[,] a, double[,] b);
            }
            """);
        Assert.Contains(diagnostics, d => d.Id == "SG0401" && d.GetMessage().Contains("'a' is used other than by indexing it or reading its Length"));
    }

    [Fact]
    public void CleanGpuKernels_HaveNoDiagnostics() => Expect("""
        using static SourceGen.Loops;
        public static partial class K
        {
            static float Energy(ReadOnlySpan<float> a, Span<float> b, int width, int height, int iterations)
            {
                b.Clear();
                float total = 0;
                for (int t = 0; t < iterations; t++)
                {
                    total = 0;
                    foreach (int y in Prange(height))
                    {
                        int row = y * width;
                        for (int x = 0; x < width; x++)
                        {
                            b[row + x] = Math.Clamp(b[row + x] * 0.5f + a[row + x], -1f, 1f); // Min(Max(…)) on the device
                            total += b[row + x];
                        }
                    }

                    if (total > 1e6f)
                    {
                        break;
                    }
                }

                return total + b.Length;
            }
            [Parallel(nameof(Energy), Target = Target.Gpu)] public static partial float EnergyGpu(ReadOnlySpan<float> a, Span<float> b, int width, int height, int iterations);
        }
        """);
}
