using System;
using System.Linq;
using SourceGen.Differential.Tests.Harness;
using SourceGen.Differential.Tests.Kernels;
using SourceGen.Gpu;
using SourceGen.Kernels;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>
/// [Parallel(Target = Target.Gpu)] on ILGPU's CPU accelerator (the launch code path, each GPU thread emulated)
/// against the kernel as written: what each thread computes is bit-exact (the same code per element); integer
/// reductions are exact; float reductions, combined through atomics in another order, within rounding.
/// </summary>
[Collection(nameof(GpuTests))]
public sealed class GpuParallelTests
{
    private static readonly (int Width, int Height)[] Shapes = { (0, 0), (0, 3), (3, 0), (1, 1), (1, 37), (37, 1), (17, 13), (100, 41) };

    /// <summary>
    /// Runs on ILGPU's CPU accelerator, or, with <c>SOURCEGEN_TEST_GPU=cuda</c> (or <c>opencl</c>), on that device:
    /// the same tests then check a real GPU (bit-exact per element there too, except where FMA contraction applies).
    /// </summary>
    private static void OnCpuAccelerator(Action test)
    {
        GpuRuntime.Preference = Environment.GetEnvironmentVariable("SOURCEGEN_TEST_GPU") switch
        {
            "cuda" => GpuPreference.Cuda,
            "opencl" => GpuPreference.OpenCL,
            _ => GpuPreference.Cpu,
        };
        try
        {
            Assert.True(GpuRuntime.TryGetAccelerator(out _), "the accelerator the GPU tests run on");
            test();
            Assert.DoesNotContain("CPU path", GpuRuntime.Description);
        }
        finally
        {
            GpuRuntime.Preference = GpuPreference.Auto;
        }
    }

    private static void SameBits<T>(T[] expected, T[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Check.Same(expected[i], actual[i], 0), $"{what}, element {i}: kernel {Check.Show(expected[i])}, GPU {Check.Show(actual[i])}");
        }
    }

    private static void Close(double expected, double actual, double scale, string what)
    {
        if (double.IsFinite(expected))
        {
            Assert.True(Math.Abs(expected - actual) <= 1e-5 * Math.Max(1, scale), $"{what}: kernel {expected:R}, GPU {actual:R}");
        }
        else
        {
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void OneDimensionalLaunches_EqualTheKernel() => OnCpuAccelerator(() =>
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int length in Enumerable.Range(0, 40).Concat(new[] { 255, 256, 257, 1000, 4099 }))
        {
            // A double sum through atomics: rounded differently.
            double[] moderate = Enumerable.Range(0, length).Select(_ => (random.Unit() - 0.5) * 100).ToArray();
            Close(ParallelKernels.SumOfSquares(moderate), ParallelKernels.SumOfSquaresGpu(moderate), moderate.Sum(v => v * v), $"sum of squares, length {length}");

            // An outer loop around two launches; the data stays on the device in between.
            double[] a = Inputs.Make<double>(length, random), b = (double[])a.Clone();
            ParallelKernels.Smooth(a, new double[length], 7);
            ParallelKernels.SmoothGpu(b, new double[length], 7);
            SameBits(a, b, $"smooth, length {length}");

            // A gather.
            int[] indices = Enumerable.Range(0, length).Select(_ => random.Below(Math.Max(1, length))).ToArray();
            float[] source = Inputs.Make<float>(Math.Max(1, length), random), expected = new float[length], actual = new float[length];
            ParallelKernels.Gather(indices, source, expected);
            ParallelKernels.GatherGpu(indices, source, actual);
            SameBits(expected, actual, $"gather, length {length}");

            // Integer reductions: exact, extremes included.
            int[] values = Inputs.Make<int>(length, random);
            long sum = ParallelKernels.AtomicReductions(values, out int max, out int min, out uint bits, out long ored);
            Assert.Equal(sum, ParallelKernels.AtomicReductionsGpu(values, out int gpuMax, out int gpuMin, out uint gpuBits, out long gpuOred));
            Assert.Equal((max, min, bits, ored), (gpuMax, gpuMin, gpuBits, gpuOred));
        }

        foreach (int length in new[] { 0, 1, 5, 300 })
        {
            float[] a = Enumerable.Range(0, length).Select(_ => (float)(random.Unit() * 4 - 2)).ToArray();
            foreach (bool invert in new[] { false, true })
            {
                float[] expected = new float[length], actual = new float[length];
                Assert.Equal(GpuValueKernels.Threshold(a, expected, 0.5, invert), GpuValueKernels.ThresholdGpu(a, actual, 0.5, invert));
                Assert.Equal(expected, actual);
            }
        }

        double[] infinite = { 1, double.PositiveInfinity, 2 }, notANumber = { 1, double.NaN, double.NegativeInfinity };
        Assert.Equal(double.PositiveInfinity, ParallelKernels.SumOfSquaresGpu(infinite));
        Assert.True(double.IsNaN(ParallelKernels.SumOfSquaresGpu(notANumber)));
    });

    [Fact]
    public void ThreadsWithLoopsOfTheirOwn_AWorkArray_AndContinue_EqualTheKernel() => OnCpuAccelerator(() =>
    {
        var random = new Inputs.SplitMix64(Inputs.Seed + 1);
        foreach ((int width, int height) in Shapes)
        {
            foreach (int skipEvery in new[] { 0, 1, 3 })
            {
                float[] values = Enumerable.Range(0, width * height).Select(_ => (float)((random.Unit() - 0.5) * 10)).ToArray();
                float[] expected = new float[values.Length], actual = new float[values.Length], parallel = new float[values.Length];
                float peak = ParallelKernels.RowPrefixSums(values, expected, width, height, skipEvery);
                Assert.Equal(peak, ParallelKernels.RowPrefixSumsGpu(values, actual, width, height, skipEvery));
                Assert.Equal(peak, ParallelKernels.RowPrefixSumsParallel(values, parallel, width, height, skipEvery));
                SameBits(expected, actual, $"row prefix sums {width}×{height}, skipping every {skipEvery}");
            }
        }
    });

    [Fact]
    public void NestedPrangeLoops_AreOne2DLaunch_EqualTheKernel() => OnCpuAccelerator(() =>
    {
        var random = new Inputs.SplitMix64(Inputs.Seed + 2);
        foreach ((int rows, int columns) in Shapes)
        {
            foreach (int from in new[] { 0, 1 })
            {
                int[] a = Enumerable.Range(0, rows).Select(_ => random.Below(100) - 50).ToArray();
                int[] b = Enumerable.Range(0, columns).Select(_ => random.Below(5)).ToArray();
                int[] expected = new int[rows * columns], actual = new int[rows * columns];
                Assert.Equal(ParallelKernels.Outer(a, b, expected, rows, columns, from), ParallelKernels.OuterGpu(a, b, actual, rows, columns, from));
                Assert.Equal(expected, actual);
            }
        }
    });

    [Fact]
    public void RowLoops_AreOne2DLaunch_EqualTheKernel() => OnCpuAccelerator(() =>
    {
        var random = new Inputs.SplitMix64(Inputs.Seed + 3);
        foreach ((int width, int height) in Shapes)
        {
            int n = width * height;
            string shape = $"{width}×{height}";
            float[] src = Inputs.Make<float>(n, random), expected = new float[n], actual = new float[n];
            LoopKernels.Stencil(src, expected, width, height);
            LoopKernels.StencilGpu(src, actual, width, height);
            SameBits(expected, actual, "stencil " + shape);

            float[] moderate = Enumerable.Range(0, n).Select(_ => (float)(random.Unit() * 10)).ToArray();
            float total = LoopKernels.BlurWithTotal(moderate, expected, width, height);
            Close(total, LoopKernels.BlurWithTotalGpu(moderate, actual, width, height), moderate.Sum(), "blur total " + shape);
            SameBits(expected, actual, "blur " + shape);

            double[] a = Inputs.Make<double>(n, random), b = Inputs.Make<double>(n, random), a2 = (double[])a.Clone();
            LoopKernels.ScaleAdd(a, b, width, height, 1.5);
            LoopKernels.ScaleAddGpu(a2, b, width, height, 1.5);
            SameBits(a, a2, "scale-add " + shape);

            int[] values = Inputs.Make<int>(n, random);
            Assert.Equal(LoopKernels.RowReductions(values, width, height), LoopKernels.RowReductionsGpu(values, width, height));

            double[] table = Inputs.Make<double>(16, random), ramp = new double[n], ramp2 = new double[n];
            int[] indexes = Enumerable.Range(0, n).Select(_ => random.Below(16)).ToArray();
            LoopKernels.GatherAndRamp(table, indexes, ramp, width, height);
            LoopKernels.GatherAndRampGpu(table, indexes, ramp2, width, height);
            SameBits(ramp, ramp2, "gather and ramp " + shape);

            LoopKernels.RingMean(src, expected, width, height);
            LoopKernels.RingMeanGpu(src, actual, width, height);
            SameBits(expected, actual, "ring mean " + shape);

            float[] weights = Enumerable.Range(0, 9).Select(_ => (float)random.Unit()).ToArray();
            foreach (bool square in new[] { false, true })
            {
                LoopKernels.Convolve(src, weights, expected, width, height, 1, square);
                LoopKernels.ConvolveGpu(src, weights, actual, width, height, 1, square);
                SameBits(expected, actual, $"convolve {shape}, square {square}");
            }

            float[] state = Inputs.Make<float>(n, random), state2 = (float[])state.Clone();
            LoopKernels.Branches(src, expected, state, width, height);
            LoopKernels.BranchesGpu(src, actual, state2, width, height);
            SameBits(expected, actual, "branches " + shape);
            SameBits(state, state2, "branches' state " + shape);
        }
    });

    [Theory]
    [InlineData(1, 1)]
    [InlineData(17, 13)]
    [InlineData(100, 41)]
    public void TvDenoising_OnTheDevice_EqualsTheKernel(int width, int height) => OnCpuAccelerator(() =>
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        float[] image = Enumerable.Range(0, width * height).Select(i => (float)(((i % width) / (double)Math.Max(1, width - 1)) + 0.3 * (random.Unit() - 0.5))).ToArray();
        float[] expected = new float[image.Length], actual = new float[image.Length];
        float[] px = new float[image.Length], py = new float[image.Length], gpuPx = new float[image.Length], gpuPy = new float[image.Length];

        // Over a fixed count every pixel is computed as in the kernel: bit-exact, the dual field too.
        Assert.Equal(40, Denoising.TvChambolle(image, expected, px, py, width, height, 0.1f, 0f, 40));
        Assert.Equal(40, Denoising.TvChambolleGpu(image, actual, gpuPx, gpuPy, width, height, 0.1f, 0f, 40));
        SameBits(expected, actual, "denoised");
        SameBits(px, gpuPx, "px");
        SameBits(py, gpuPy, "py");

        // The stopping test compares energies summed in another order: one iteration more or fewer is legitimate.
        int iterations = Denoising.TvChambolle(image, expected, px, py, width, height, 0.1f, 2e-4f, 200);
        Assert.InRange(Denoising.TvChambolleGpu(image, actual, gpuPx, gpuPy, width, height, 0.1f, 2e-4f, 200), iterations - 1, iterations + 1);

        double[] image64 = image.Select(v => (double)v).ToArray(), expected64 = new double[image.Length], actual64 = new double[image.Length];
        Denoising.TvChambolleDouble(image64, expected64, new double[image.Length], new double[image.Length], width, height, 0.1, 0, 20);
        Denoising.TvChambolleDoubleGpu(image64, actual64, new double[image.Length], new double[image.Length], width, height, 0.1, 0, 20);
        SameBits(expected64, actual64, "denoised (double)");
    });

    [Theory]
    [InlineData(1, 1)]
    [InlineData(33, 9)]
    [InlineData(100, 41)]
    public void HandWrittenIlgpuBaselines_EqualTheKernels(int width, int height) => OnCpuAccelerator(() =>
    {
        var random = new Inputs.SplitMix64(Inputs.Seed + 4);
        float[] image = Enumerable.Range(0, width * height).Select(_ => (float)random.Unit()).ToArray();
        float[] expected = new float[image.Length], actual = new float[image.Length];
        Denoising.TvChambolle(image, expected, new float[image.Length], new float[image.Length], width, height, 0.1f, 0f, 30);
        Assert.True(GpuRuntime.TryGetAccelerator(out ILGPU.Runtime.Accelerator? accelerator));
        Assert.Equal(30, SourceGen.Kernels.Baselines.IlgpuBaselines.TvChambolle(accelerator!, image, actual, new float[image.Length], new float[image.Length], width, height, 0.1f, 0f, 30));
        SameBits(expected, actual, "hand-written ILGPU TV");

        (double[] zr, double[] zi) = Fractals.Grid(width);
        int[] counts = new int[zr.Length], generated = new int[zr.Length], handWritten = new int[zr.Length];
        Fractals.JuliaCounts(zr, zi, -0.62772, -0.42193, 300, counts);
        Fractals.JuliaCountsGpu(zr, zi, -0.62772, -0.42193, 300, generated);
        SourceGen.Kernels.Baselines.IlgpuBaselines.JuliaCounts(accelerator!, zr, zi, -0.62772, -0.42193, 300, handWritten);
        Assert.Equal(counts, generated);
        Assert.Equal(counts, handWritten);
    });

    [Fact]
    public void BoolElementsAndValues_CrossToTheDevice() => OnCpuAccelerator(() =>
    {
        var random = new Inputs.SplitMix64(Inputs.Seed + 5);
        foreach (int length in new[] { 0, 1, 17, 1000 })
        {
            bool[] flags = Inputs.Make<bool>(length, random);
            float[] a = Inputs.Make<float>(length, random), actual = new float[length];
            foreach (bool invert in new[] { false, true })
            {
                GpuKernels.PickGpu(flags, a, invert, actual);
                SameBits(flags.Zip(a, (f, v) => GpuKernels.Pick(f, v, invert)).ToArray(), actual, $"pick, length {length}, invert {invert}");
            }
        }
    });

    private static double[,] Matrix(int rows, int columns, Inputs.SplitMix64 random) => Grid(rows, columns, (_, _) => random.Unit() * 10 - 5);

    private static T[,] Grid<T>(int rows, int columns, Func<int, int, T> value)
    {
        var grid = new T[rows, columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                grid[r, c] = value(r, c);
            }
        }

        return grid;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 33)]
    [InlineData(100, 17)]
    [InlineData(3, 0)]
    [InlineData(0, 5)]
    public void Gufuncs_AThreadPerOuterIndex_EqualTheCpuEntryPoints(int rows, int columns) => OnCpuAccelerator(() =>
    {
        var random = new Inputs.SplitMix64(Inputs.Seed + (ulong)(rows * 1000 + columns));
        double[,] a = Matrix(rows, columns, random), b = Matrix(rows, columns, random);
        double[,] expected = new double[rows, columns], actual = new double[rows, columns];
        Gufuncs.MovingAverageRows(a, 4, expected);
        Gufuncs.MovingAverageGpu(a, 4, actual);
        Assert.Equal(expected, actual);

        int[] windows = Enumerable.Range(0, rows).Select(r => r % 5 + 1).ToArray();
        Gufuncs.MovingAverageWindows(a, windows, expected);
        Gufuncs.MovingAverageWindowsGpu(a, windows, actual);
        Assert.Equal(expected, actual);

        double[] dots = new double[rows], gpuDots = new double[rows];
        Gufuncs.RowDot(a, b, dots);
        Gufuncs.RowDotGpu(a, b, gpuDots);
        Assert.Equal(dots, gpuDots);
        if (rows > 0)
        {
            double[,] oneRow = Matrix(1, columns, random);
            Gufuncs.RowDot(a, oneRow, dots);
            Gufuncs.RowDotGpu(a, oneRow, gpuDots);
            Assert.Equal(dots, gpuDots); // broadcast
        }

        double[,,] stack = new double[3, rows, columns];
        for (int i = 0; i < stack.Length; i++)
        {
            stack[i / (rows * Math.Max(1, columns)) % 3, i / Math.Max(1, columns) % Math.Max(1, rows), i % Math.Max(1, columns)] = random.Unit();
        }

        double[,] stackDots = new double[3, rows], gpuStackDots = new double[3, rows];
        Gufuncs.StackDot(stack, b, stackDots);
        Gufuncs.StackDotGpu(stack, b, gpuStackDots);
        Assert.Equal(stackDots, gpuStackDots);

        double[] once = new double[1], gpuOnce = new double[1];
        Gufuncs.DotOnce(Row(a, 0, rows), Row(b, 0, rows), once);
        Gufuncs.DotOnceGpu(Row(a, 0, rows), Row(b, 0, rows), gpuOnce);
        Assert.Equal(once, gpuOnce);

        float[,] x = Grid(rows, columns, (r, c) => Inputs.One<float>(random));
        float[,] scaled = new float[rows, columns];
        GuGpuKernels.ScaleClampGpu(x, 0.5f, scaled);
        var one = new float[1];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                GuGpuKernels.ScaleClamp(x[r, c], 0.5f, one);
                Assert.True(Check.Same(one[0], scaled[r, c], 0), $"scale-clamp ({r}, {c}): {Check.Show(one[0])} vs {Check.Show(scaled[r, c])}");
            }
        }

        // Shape errors before anything runs, as on the CPU.
        var error = Assert.Throws<ArgumentException>(() => Gufuncs.RowDotGpu(new double[3, 5], new double[4, 5], new double[3]));
        Assert.Contains("dimension", error.Message);
    });

    [Theory]
    [InlineData(0, 4, 4, 4)]
    [InlineData(1, 1, 1, 1)]
    [InlineData(50, 4, 4, 4)]
    [InlineData(7, 3, 5, 2)]
    [InlineData(3, 2, 0, 3)]
    public void GufuncTensorCores_AreDeviceTensors_EqualTheCpuEntryPoint(int count, int m, int n, int p) => OnCpuAccelerator(() =>
    {
        var random = new Inputs.SplitMix64(Inputs.Seed + (ulong)(count * 1000 + m * 100 + n * 10 + p));
        var a = new double[count, m, n];
        var b = new double[count, n, p];
        foreach (double[,,] operand in new[] { a, b })
        {
            for (int i = 0; i < operand.GetLength(0); i++)
                for (int j = 0; j < operand.GetLength(1); j++)
                    for (int k = 0; k < operand.GetLength(2); k++)
                        operand[i, j, k] = random.Unit() * 4 - 2;
        }

        double[,,] expected = new double[count, m, p], actual = new double[count, m, p];
        Gufuncs.StackMatMul(a, b, expected);
        Gufuncs.StackMatMulGpu(a, b, actual);
        Assert.Equal(expected, actual);
    });

    private static double[] Row(double[,] matrix, int row, int rows) =>
        rows == 0 ? Array.Empty<double>() : Enumerable.Range(0, matrix.GetLength(1)).Select(c => matrix[row, c]).ToArray();

    [Fact]
    public void GeneratedNames_DoNotCaptureTheKernels() => OnCpuAccelerator(() =>
    {
        int[] a = Enumerable.Range(0, 50).ToArray(), b = (int[])a.Clone();
        Assert.Equal(GpuNameKernels.Shift(a, 3), GpuNameKernels.ShiftGpu(b, 3));
        Assert.Equal(a, b);
        float[] x = { 1, 2, 3 }, d = new float[3];
        GpuKernels.KernelGpu(x, 2f, d);
        Assert.Equal(new float[] { 2, 4, 6 }, d);
    });

    [Fact]
    public void ArgumentsThatShareMemory_AreRefused_BeforeAnythingIsWritten() => OnCpuAccelerator(() =>
    {
        double[] a = { 1, 2, 3, 4, 5 };
        var error = Assert.Throws<ArgumentException>(() => ParallelKernels.SmoothGpu(a, a.AsSpan(1), 1));
        Assert.Contains("'a' and 'scratch' share memory", error.Message);
        Assert.Equal(new double[] { 1, 2, 3, 4, 5 }, a);
        Assert.Throws<ArgumentNullException>(() => LoopKernels.ScaleAddGpu(null!, new double[4], 2, 2, 1.0));
    });

    [Fact]
    public void WithoutAGpu_TheParallelCodeRuns()
    {
        GpuRuntime.Preference = GpuPreference.None;
        try
        {
            double[] a = { 1, 5, 2, 8, 3 }, b = (double[])a.Clone();
            ParallelKernels.Smooth(a, new double[5], 3);
            ParallelKernels.SmoothGpu(b, new double[5], 3);
            Assert.Equal(a, b);
            Assert.Equal("CPU path", GpuRuntime.Description);
        }
        finally
        {
            GpuRuntime.Preference = GpuPreference.Auto;
        }
    }
}
