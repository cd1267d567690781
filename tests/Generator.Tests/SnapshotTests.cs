using SourceGen.Generator.Tests.Harness;
using Xunit;

namespace SourceGen.Generator.Tests;

/// <summary>The generated code for representative kernels, reviewed like code (Snapshots/*.verified.cs).</summary>
public sealed class SnapshotTests
{
    private const string Usings = "using System;\nusing SourceGen;\n\nnamespace Demo;\n\n";

    private static void Verify(string name, string source, string hintName)
    {
        GeneratorHarness.BuildResult result = GeneratorHarness.Build(Usings + source);
        Assert.Empty(result.Errors);
        Snapshot.Verify(name, result.Generated(hintName));
    }

    [Fact]
    public void Rel_TwoSpans() => Verify(nameof(Rel_TwoSpans), """
        public static partial class Activations
        {
            static double Rel(double x, double y) => Math.Abs(x - y) / (Math.Abs(x) + Math.Abs(y) + 1e-12);

            [Vectorize]
            public static partial void Rel(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);
        }
        """, "Activations.Rel.");

    [Fact]
    public void Rel_UniformY() => Verify(nameof(Rel_UniformY), """
        public static partial class Activations
        {
            static double Rel(double x, double y) => Math.Abs(x - y) / (Math.Abs(x) + Math.Abs(y) + 1e-12);

            [Vectorize]
            public static partial void Rel(ReadOnlySpan<double> x, double y, Span<double> destination);
        }
        """, "Activations.Rel.");

    [Fact]
    public void Sigmoid_Shorthand() => Verify(nameof(Sigmoid_Shorthand), """
        public static partial class Activations
        {
            [Vectorize]
            public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
        }
        """, "Activations.Sigmoid.");

    /// <summary>One vector math call on another's result: each named per register, side by side, four registers.</summary>
    [Fact]
    public void ChainedMathCalls_SideBySide() => Verify(nameof(ChainedMathCalls_SideBySide), """
        public static partial class Activations
        {
            [Vectorize]
            public static double Softplus(double x) => Math.Log(1.0 + Math.Exp(x));
        }
        """, "Activations.Softplus.");

    [Fact]
    public void MixedWidths_WidenAndNarrow() => Verify(nameof(MixedWidths_WidenAndNarrow), """
        public static partial class Pixels
        {
            [Vectorize]
            public static double Blend(byte a, int b, float c)
            {
                double weighted = a * 0.5 + b;
                return weighted - c;
            }
        }
        """, "Pixels.Blend.");

    [Fact]
    public void Comparison_BoolResult() => Verify(nameof(Comparison_BoolResult), """
        public static partial class Tests
        {
            [Vectorize]
            public static bool InRange(float x, float low) => x >= low && x <= 1f || float.IsNaN(x);
        }
        """, "Tests.InRange.");

    [Fact]
    public void Select_WithClampAndLocals() => Verify(nameof(Select_WithClampAndLocals), """
        public static partial class Tests
        {
            static double Shade(double x, double gain)
            {
                double y = Math.Clamp(x * gain, 0.0, 1.0);
                y = y < 0.5 ? y * y : Math.Sqrt(y);
                return y;
            }

            [Vectorize(nameof(Shade))]
            public static partial void ShadeAll(ReadOnlySpan<double> x, double gain, Span<double> destination);
        }
        """, "Tests.ShadeAll.");

    [Fact]
    public void PerLaneFallback_IntegerDivision() => Verify(nameof(PerLaneFallback_IntegerDivision), """
        public static partial class Tests
        {
            [Vectorize]
            public static int Ratio(int x, int y) => x * 3 + x / y;
        }
        """, "Tests.Ratio.");

    [Fact]
    public void ControlFlow_EscapeTimeLoop_Masked() => Verify(nameof(ControlFlow_EscapeTimeLoop_Masked), """
        public static partial class Fractals
        {
            static int Escape(double zr, double zi, double cr, double ci, int maxIter)
            {
                int n = 0;
                while (zr * zr + zi * zi < 4 && n < maxIter)
                {
                    double t = zr * zr - zi * zi + cr;
                    zi = 2 * zr * zi + ci;
                    zr = t;
                    n++;
                }
                return n;
            }

            [Vectorize(nameof(Escape))]
            public static partial void JuliaCounts(ReadOnlySpan<double> zr, ReadOnlySpan<double> zi, double cr, double ci, int maxIter, Span<int> destination);
        }
        """, "Fractals.JuliaCounts.");

    [Fact]
    public void ControlFlow_IfElseAndEarlyReturn_Masked() => Verify(nameof(ControlFlow_IfElseAndEarlyReturn_Masked), """
        public static partial class Tests
        {
            [Vectorize]
            public static float Shape(float x)
            {
                if (float.IsNaN(x))
                {
                    return 0f;
                }

                float y;
                if (x < 0f)
                {
                    y = -x;
                }
                else
                {
                    y = x * x;
                }

                return y + 1f;
            }
        }
        """, "Tests.Shape.");

    [Fact]
    public void InlinedHelperCall() => Verify(nameof(InlinedHelperCall), """
        public static partial class Tests
        {
            static float Square(float v) => v * v;

            static float Distance(float x, float y) => MathF.Sqrt(Square(x) + Square(y));

            [Vectorize]
            public static float Norm(float x, float y) => Distance(x, y) + 1f;
        }
        """, "Tests.Norm.");

    [Fact]
    public void InlinedStatementHelper() => Verify(nameof(InlinedStatementHelper), """
        public static partial class Tests
        {
            // A normal CDF with statements: locals, a branch and an early return (a select once inlined).
            static float Cdf(float x)
            {
                float k = 1f / (1f + 0.2316419f * MathF.Abs(x));
                float w = 1f - 0.3989423f * MathF.Exp(-0.5f * x * x) * k * (0.3193815f + k * (-0.3565638f + k * 1.7814779f));
                if (x < 0f)
                {
                    return 1f - w;
                }

                return w;
            }

            // Called in a branch the kernel takes only for some elements, and with a loop: under a lane mask.
            static int Digits(int n)
            {
                int count = 1;
                while (n >= 10)
                {
                    n /= 10;
                    count++;
                }

                return count;
            }

            [Vectorize]
            public static float Price(float spot, float strike, int n) => spot * Cdf(spot - strike) + (n > 0 ? Digits(n) : 0);
        }
        """, "Tests.Price.");

    [Fact]
    public void InlinedHelper_RefAndOutParameters() => Verify(nameof(InlinedHelper_RefAndOutParameters), """
        public static partial class Tests
        {
            // The Try pattern: the out parameter is the kernel's local, written on both paths.
            static bool TrySolve(double a, double b, out double root)
            {
                if (a == 0)
                {
                    root = double.NaN;
                    return false;
                }

                root = -b / a;
                return true;
            }

            // A ref accumulated under a branch.
            static void Accumulate(ref double sum, double x)
            {
                if (x > 0)
                {
                    sum += x;
                }
            }

            [Vectorize]
            public static double Solve(double a, double b)
            {
                double sum = 0;
                Accumulate(ref sum, a);
                Accumulate(ref sum, b);
                return b > 0 && TrySolve(a, b, out var r) ? r + sum : sum;
            }
        }
        """, "Tests.Solve.");

    [Fact]
    public void InlinedHelper_ReturnInsideLoop() => Verify(nameof(InlinedHelper_ReturnInsideLoop), """
        public static partial class Tests
        {
            // Newton's square root, returning from inside its loop once it converges (each lane at its own iteration).
            static double Root(double x)
            {
                double y = x > 1 ? x : 1;
                for (int i = 0; i < 50; i++)
                {
                    double next = 0.5 * (y + x / y);
                    if (Math.Abs(next - y) < 1e-12)
                    {
                        return next;
                    }

                    y = next;
                }

                return -y;
            }

            [Vectorize]
            public static double Roots(double x) => Root(x) + 1;
        }
        """, "Tests.Roots.");

    [Fact]
    public void NotVectorized_Switch_ScalarEntryPoint() => Verify(nameof(NotVectorized_Switch_ScalarEntryPoint), """
        public static partial class Tests
        {
            [Vectorize]
            public static int Steps(int x)
            {
                switch (x)
                {
                    case 0: return 1;
                    default: return 2;
                }
            }
        }
        """, "Tests.Steps.");

    [Fact]
    public void Parallel_PrangeWithSpansAndReduction() => Verify(nameof(Parallel_PrangeWithSpansAndReduction), """
        public static partial class Images
        {
            static double Threshold(ReadOnlySpan<float> src, Span<float> dst, int width, int height, float level)
            {
                double total = 0;
                float peak = float.NegativeInfinity;
                for (int pass = 0; pass < 2; pass++)
                {
                    foreach (int y in Loops.Prange(height))
                    {
                        for (int x = 0; x < width; x++)
                        {
                            float v = src[y * width + x];
                            dst[y * width + x] = v > level ? 1f : 0f;
                            total += v;
                            peak = MathF.Max(peak, v);
                        }
                    }
                }

                return total + peak;
            }

            [Parallel(nameof(Threshold))]
            public static partial double ThresholdFast(ReadOnlySpan<float> src, Span<float> dst, int width, int height, float level);
        }
        """, "Images.ThresholdFast.Parallel");

    [Fact]
    public void Parallel_ScatterReductions() => Verify(nameof(Parallel_ScatterReductions), """
        public static partial class Images
        {
            // A histogram and per-label float sums and peaks in spans: private copies only (float sums stay
            // deterministic, and one of the three has no atomic form).
            static void Statistics(ReadOnlySpan<byte> pixels, ReadOnlySpan<int> labels, int[] histogram, Span<float> sums, Span<float> peaks, int width, int height)
            {
                foreach (int y in Loops.Prange(height))
                {
                    for (int x = 0; x < width; x++)
                    {
                        byte v = pixels[y * width + x];
                        histogram[v]++;
                        if (labels[y * width + x] < sums.Length)
                        {
                            sums[labels[y * width + x]] += v;
                            peaks[labels[y * width + x]] = MathF.Max(peaks[labels[y * width + x]], v);
                        }
                    }
                }
            }

            [Parallel(nameof(Statistics))]
            public static partial void StatisticsFast(ReadOnlySpan<byte> pixels, ReadOnlySpan<int> labels, int[] histogram, Span<float> sums, Span<float> peaks, int width, int height);
        }
        """, "Images.StatisticsFast.Parallel");

    [Fact]
    public void Parallel_ScatterReduction2D() => Verify(nameof(Parallel_ScatterReduction2D), """
        public static partial class Images
        {
            // Per-channel histograms in a long[,]: atomics are possible, so the size decides.
            static void Histogram(ReadOnlySpan<byte> pixels, long[,] histogram, int channels)
            {
                foreach (int i in Loops.Prange(pixels.Length))
                {
                    histogram[i % channels, pixels[i]] += 1;
                }
            }

            [Parallel(nameof(Histogram))]
            public static partial void HistogramFast(ReadOnlySpan<byte> pixels, long[,] histogram, int channels);
        }
        """, "Images.HistogramFast.Parallel");

    [Fact]
    public void Parallel_RowLoopInSimdSteps() => Verify(nameof(Parallel_RowLoopInSimdSteps), """
        public static partial class Images
        {
            // A 3-tap horizontal blur with clamped borders, its row sums accumulated (FastMath: SIMD partial sums).
            static float Blur(ReadOnlySpan<float> src, Span<float> dst, int width, int height)
            {
                float total = 0;
                foreach (int y in Loops.Prange(height))
                {
                    int row = y * width;
                    for (int x = 0; x < width; x++)
                    {
                        float left = src[row + Math.Max(x - 1, 0)];
                        float right = src[row + Math.Min(x + 1, width - 1)];
                        float v = 0.25f * left + 0.5f * src[row + x] + 0.25f * right;
                        dst[row + x] = v;
                        total += v;
                    }
                }

                return total;
            }

            [Parallel(nameof(Blur), FastMath = true)]
            public static partial float BlurFast(ReadOnlySpan<float> src, Span<float> dst, int width, int height);
        }
        """, "Images.BlurFast.Parallel");

    [Fact]
    public void GuVectorize_MovingAverageOverRows() => Verify(nameof(GuVectorize_MovingAverageOverRows), """
        public static partial class Series
        {
            static void MovingAverage(ReadOnlySpan<double> a, int window, Span<double> result)
            {
                double sum = 0;
                for (int i = 0; i < a.Length; i++)
                {
                    sum += a[i];
                    if (i >= window) sum -= a[i - window];
                    result[i] = sum / Math.Min(i + 1, window);
                }
            }

            [GuVectorize(nameof(MovingAverage), "(n),()->(n)", Target = Target.Parallel)]
            public static partial void MovingAverage(double[,] a, int window, double[,] result);
        }
        """, "Series.MovingAverage.GuVectorize");

    [Fact]
    public void GuVectorize_MatMulOverAStackAndAView() => Verify(nameof(GuVectorize_MatMulOverAStackAndAView), """
        public static partial class Matrices
        {
            static void MatMul(System.Numerics.Tensors.ReadOnlyTensorSpan<float> a, System.Numerics.Tensors.ReadOnlyTensorSpan<float> b, System.Numerics.Tensors.TensorSpan<float> c)
            {
                for (nint i = 0; i < a.Lengths[0]; i++)
                    for (nint j = 0; j < b.Lengths[1]; j++)
                    {
                        float sum = 0;
                        for (nint k = 0; k < a.Lengths[1]; k++) sum += a[i, k] * b[k, j];
                        c[i, j] = sum;
                    }
            }

            [GuVectorize(nameof(MatMul), "(m,n),(n,p)->(m,p)", Target = Target.Parallel)]
            public static partial void MatMul(float[,,] a, System.Numerics.Tensors.ReadOnlyTensorSpan<float> b, float[,,] c);
        }
        """, "Matrices.MatMul.GuVectorize");

    [Fact]
    public void GuVectorize_KernelLoopInSimdSteps() => Verify(nameof(GuVectorize_KernelLoopInSimdSteps), """
        public static partial class Series
        {
            static void Scale(ReadOnlySpan<float> a, float factor, Span<float> result)
            {
                for (int i = 0; i < a.Length; i++)
                {
                    result[i] = Math.Clamp(a[i] * factor, 0f, 1f);
                }
            }

            [GuVectorize(nameof(Scale), "(n),()->(n)")]
            public static partial void ScaleRows(float[,] a, float factor, float[,] result);
        }
        """, "Series.ScaleRows.GuVectorize");

    [Fact]
    public void Vectorize_TargetGpu() => Verify(nameof(Vectorize_TargetGpu), """
        public static partial class Activations
        {
            static float Scale(float x, float k) => x * k > 1f ? 1f : x * k;

            [Vectorize(nameof(Scale), Target = Target.Gpu)]
            public static partial void Scale(ReadOnlySpan<float> x, float k, Span<float> destination);
        }
        """, "Activations.Scale");

    [Fact]
    public void Parallel_TargetGpu() => Verify(nameof(Parallel_TargetGpu), """
        public static partial class Smoothing
        {
            // A host loop around two launches: a 2-D one (the row loop) with a sum, a 1-D one (a running sum per row).
            static float Smooth(ReadOnlySpan<float> src, Span<float> dst, float[] rowSums, int width, int height, int iterations)
            {
                float change = 0;
                for (int iteration = 0; iteration < iterations; iteration++)
                {
                    change = 0;
                    foreach (int y in Loops.Prange(height))
                    {
                        int row = y * width;
                        for (int x = 1; x < width - 1; x++)
                        {
                            float value = (src[row + x - 1] + src[row + x] + src[row + x + 1]) / 3f;
                            change += MathF.Abs(value - dst[row + x]);
                            dst[row + x] = value;
                        }
                    }

                    foreach (int y in Loops.Prange(height))
                    {
                        float running = 0;
                        for (int x = 0; x < width; x++)
                        {
                            running += dst[y * width + x];
                        }

                        rowSums[y] = running;
                    }
                }

                return change;
            }

            [Parallel(nameof(Smooth), Target = Target.Gpu)]
            public static partial float SmoothOnGpu(ReadOnlySpan<float> src, Span<float> dst, float[] rowSums, int width, int height, int iterations);
        }
        """, "Smoothing.SmoothOnGpu.Parallel");

    [Fact]
    public void GuVectorize_TargetGpu() => Verify(nameof(GuVectorize_TargetGpu), """
        public static partial class Series
        {
            // The README's moving average; on a GPU a thread per row, a window per row broadcast from an array.
            static void MovingAverage(ReadOnlySpan<double> a, int window, Span<double> result)
            {
                double sum = 0;
                for (int i = 0; i < a.Length; i++)
                {
                    sum += a[i];
                    if (i >= window)
                    {
                        sum -= a[i - window];
                    }

                    result[i] = sum / Math.Min(i + 1, window);
                }
            }

            [GuVectorize(nameof(MovingAverage), "(n),()->(n)", Target = Target.Gpu)]
            public static partial void MovingAverageGpu(double[,,] a, int[] window, double[,,] result);
        }
        """, "Series.MovingAverageGpu.GuVectorize");
}
