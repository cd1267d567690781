using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using static SourceGen.Generator.Tests.DiagnosticTests;

namespace SourceGen.Generator.Tests;

/// <summary>SG0401 (what a GPU thread cannot run) and SG0402 (double on a GPU), in the code a Target.Gpu entry point runs on the device.</summary>
public sealed class GpuDiagnosticTests
{
    [Fact]
    public void SG0401_ImpossibleConstructs_InAVectorizeKernel()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            public static partial class K
            {
                static float Clamped(float x) => {|SG0401:Math.Clamp(x, 0f, 1f)|};
                [Vectorize(nameof(Clamped), Target = Target.Gpu)] public static partial void ClampedGpu(ReadOnlySpan<float> x, Span<float> destination);
                [Vectorize(nameof(Clamped))] public static partial void ClampedCpu(ReadOnlySpan<float> x, Span<float> destination);

                static int Helper(int x) => x > 0 ? Helper(x - 1) : 0;
                static int Recursive(int x) => {|SG0101:{|SG0401:Helper(x)|}|} + 1;
                [Vectorize(nameof(Recursive), Target = Target.Gpu)] public static partial void RecursiveGpu(ReadOnlySpan<int> x, Span<int> destination);

                static int Allocates(int n) { int[] work = new int[4]; return work.Length + n; }
                static int UsesHelper(int x) => {|SG0101:{|SG0401:Allocates(x)|}|};
                [Vectorize(nameof(UsesHelper), Target = Target.Gpu)] public static partial void UsesHelperGpu(ReadOnlySpan<int> x, Span<int> destination);
            }
            """);
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("ILGPU has no device form of Math.Clamp") && d.GetMessage().Contains("Math.Min(Math.Max(x, low), high)"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("it calls 'Helper' recursively"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'Allocates' runs on the GPU too, and 'new int[4]' in it (line"));
    }

    [Fact]
    public void SG0401_InParallelKernels_OnlyInsideThePrangeLoops()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            using static SourceGen.Loops;
            public static partial class K
            {
                public interface IShape { float Area(); }
                static float Work(Span<float> a, IShape shape, int n)
                {
                    string label = "host code may do anything";
                    float[] scratch = new float[n];
                    float total = 0;
                    {|SG0302:foreach (int i in Prange(n))|}
                    {
                        if (a[i] < 0) {|SG0401:throw new InvalidOperationException("negative");|}
                        a[i] = {|SG0401:MathF.Cbrt(a[i])|};
                        total += a[i];
                    }

                    return total + label.Length + scratch.Length + shape.Area();
                }
                [Parallel(nameof(Work), Target = Target.Gpu)] public static partial float WorkGpu(Span<float> a, IShape shape, int n);
                [Parallel(nameof(Work))] public static partial float WorkParallel(Span<float> a, IShape shape, int n);
            }
            """);
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("a GPU thread cannot throw"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("ILGPU has no device form of MathF.Cbrt"));
    }

    [Fact]
    public void SG0401_StringsTryVirtualCallsStaticArraysAndLibraryMethods()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            using static SourceGen.Loops;
            public static partial class K
            {
                static readonly float[] Table = { 1f, 2f };
                static readonly float Scale = 2f;
                static void Odd(Span<float> a)
                {
                    foreach (int i in Prange(a.Length))
                    {
                        float x = a[i];
                        {|SG0401:try
                        {
                            x = x + 1f;
                        }
                        finally
                        {
                            x = x - 1f;
                        }|}

                        object boxed = x;
                        int length = {|SG0401:"abc"|}.Length;
                        a[i] = x * Scale + {|SG0401:boxed.GetHashCode()|} + length + {|SG0401:x.CompareTo(1f)|} + {|SG0401:Table|}[i & 1];
                    }
                }
                [Parallel(nameof(Odd), Target = Target.Gpu)] public static partial void OddGpu(Span<float> a);
            }
            """);
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("a GPU thread has no exceptions to catch"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("a GPU has no strings"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'GetHashCode' is a virtual or interface method"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("Single.CompareTo is a .NET library method with no device form"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'Table' is a static field, in the host's memory"));
    }

    [Fact]
    public void SG0401_NativeSizeIntegers_InAGufuncWithTensorCores()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            public static partial class K
            {
                static void MatMul(System.Numerics.Tensors.ReadOnlyTensorSpan<float> a, System.Numerics.Tensors.ReadOnlyTensorSpan<float> b, System.Numerics.Tensors.TensorSpan<float> c)
                {
                    {|SG0401:nint m = a.Lengths[0], n = a.Lengths[1], p = b.Lengths[1]|};
                    for ({|SG0401:nint i = 0|}; i < m; i++)
                        for (int j = 0; j < (int)p; j++)
                        {
                            float sum = 0;
                            for (int k = 0; k < (int)n; k++)
                                sum += a[i, k] * b[k, j];
                            c[i, j] = sum;
                        }
                }
                [{|SG0103:GuVectorize(nameof(MatMul), "(m,n),(n,p)->(m,p)", Target = Target.Gpu)|}] public static partial void MatMulGpu(float[,,] a, float[,,] b, float[,,] c);

                static void MatMulInt(System.Numerics.Tensors.ReadOnlyTensorSpan<float> a, System.Numerics.Tensors.ReadOnlyTensorSpan<float> b, System.Numerics.Tensors.TensorSpan<float> c)
                {
                    int m = (int)a.Lengths[0], n = (int)a.Lengths[1], p = (int)b.Lengths[1];
                    for (int i = 0; i < m; i++)
                        for (int j = 0; j < p; j++)
                        {
                            float sum = 0;
                            for (int k = 0; k < n; k++)
                                sum += a[i, k] * b[k, j];
                            c[i, j] = sum;
                        }
                }
                [{|SG0103:GuVectorize(nameof(MatMulInt), "(m,n),(n,p)->(m,p)", Target = Target.Gpu)|}] public static partial void MatMulIntGpu(float[,,] a, float[,,] b, float[,,] c);
            }
            """);
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("ILGPU has no native-size integers (nint, nuint)"));
    }

    [Fact]
    public void SG0402_DoubleOnAGpu_OncePerKernel()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect("""
            public static partial class K
            {
                static double Rel(double x, double y) => Math.Abs({|SG0402:x - y|}) / (Math.Abs(x) + Math.Abs(y) + 1e-12);
                [Vectorize(nameof(Rel), Target = Target.Gpu)] public static partial void RelGpu(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);
                [Vectorize(nameof(Rel), Target = Target.Gpu)] public static partial void RelGpu(ReadOnlySpan<double> x, double y, Span<double> destination);

                static float Single(float x) => x * 2f + MathF.Sqrt(x);
                [Vectorize(nameof(Single), Target = Target.Gpu)] public static partial void SingleGpu(ReadOnlySpan<float> x, Span<float> destination);
            }
            """);
        Assert.Equal(DiagnosticSeverity.Info, diagnostics.Single().Severity);
    }

    [Fact]
    public void CleanGpuKernels_AndOtherTargets_HaveNoGpuDiagnostics() => Expect("""
        public static partial class K
        {
            static float Shade(float x, float k)
            {
                float y = MathF.Exp(-x * k) + MathF.Round(x) + MathF.Min(x, 1f);
                int bits = {|SG0101:BitConverter.SingleToInt32Bits(y)|};
                return float.IsNaN(y) ? 0f : y + (bits & 1);
            }
            [Vectorize(nameof(Shade), Target = Target.Gpu)] public static partial void ShadeGpu(ReadOnlySpan<float> x, float k, Span<float> destination);

            static int Clamped(int x) => Math.Clamp(x, 0, 10);
            [Vectorize(nameof(Clamped))] public static partial void ClampedCpu(ReadOnlySpan<int> x, Span<int> destination);
            [Vectorize(nameof(Clamped), Target = Target.Parallel)] public static partial void ClampedParallel(ReadOnlySpan<int> x, Span<int> destination);
        }
        """);
}
