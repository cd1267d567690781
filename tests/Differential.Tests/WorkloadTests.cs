using System;
using System.Linq;
using SourceGen.Differential.Tests.Harness;
using SourceGen.Kernels;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>src/Kernels' dilation and softmax: the generated entry points against the kernels as written.</summary>
public class WorkloadTests
{
    public static TheoryData<int, int> Sizes => new() { { 1, 1 }, { 1, 23 }, { 23, 1 }, { 17, 5 }, { 64, 9 }, { 101, 37 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Dilation_NaiveAndSeparable_EqualTheKernelExactly(int width, int height)
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int k in new[] { 1, 3, 7 })
        {
            float[] src = Inputs.Make<float>(width * height, random);
            float[] expected = new float[src.Length], naive = new float[src.Length], separable = new float[src.Length], separableAsWritten = new float[src.Length];
            float[] temp = new float[src.Length];
            Morphology.Dilate(src, expected, width, height, k);
            Morphology.DilateFast(src, naive, width, height, k);
            Morphology.DilateSeparable(src, temp, separableAsWritten, width, height, k);
            Morphology.DilateSeparableFast(src, temp, separable, width, height, k);
            for (int i = 0; i < src.Length; i++)
            {
                Assert.True(expected[i].Equals(naive[i]), $"naive {width}x{height}, k {k}, pixel {i}: kernel {expected[i]}, generated {naive[i]}");
                Assert.True(expected[i].Equals(separableAsWritten[i]), $"separable as written {width}x{height}, k {k}, pixel {i}");
                Assert.True(expected[i].Equals(separable[i]), $"separable {width}x{height}, k {k}, pixel {i}: kernel {expected[i]}, generated {separable[i]}");
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(33)]
    [InlineData(1000)]
    [InlineData(4099)]
    [InlineData(100_003)]
    public void Softmax_IsWithinRoundingOfTheKernel(int n)
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        double[] x = Enumerable.Range(0, n).Select(_ => (random.Unit() - 0.5) * 40).ToArray();
        double[] expected = new double[n];
        Softmax.Compute(x, expected);
        foreach (Action<double[]> generated in new Action<double[]>[]
        {
            r => Softmax.ComputeParallel(x, r), r => Softmax.ComputeFast(x, r), r => Softmax.ComputeOneThread(x, r),
        })
        {
            double[] actual = new double[n];
            generated(actual);
            for (int i = 0; i < n; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-13 * expected[i] + 1e-300, $"n = {n}, element {i}: kernel {expected[i]}, generated {actual[i]}");
            }
        }
    }

    [Fact]
    public void Softmax_PropagatesInfinityAndNaN_AsTheKernelDoes()
    {
        double[] x = Enumerable.Range(0, 100).Select(i => (double)i).ToArray();
        x[37] = double.PositiveInfinity;
        double[] expected = new double[x.Length], actual = new double[x.Length];
        Softmax.Compute(x, expected);
        Softmax.ComputeFast(x, actual);
        Assert.Equal(expected, actual);
        x[37] = double.NaN;
        Softmax.Compute(x, expected);
        Softmax.ComputeFast(x, actual);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(130)]
    public void LuDecomposition_EqualsTheKernel(int n)
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        var matrix = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                matrix[i, j] = random.Unit() - 0.5 + (i == j ? n : 0);
            }
        }

        var expected = (double[,])matrix.Clone();
        var parallel = (double[,])matrix.Clone();
        var oneThread = (double[,])matrix.Clone();
        LinearAlgebra.LuDecompose(expected);
        LinearAlgebra.LuDecomposeFast(parallel);
        LinearAlgebra.LuDecomposeOneThread(oneThread);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Assert.True(expected[i, j].Equals(parallel[i, j]), $"n = {n}, [{i}, {j}]: kernel {expected[i, j]}, generated {parallel[i, j]}");
                Assert.True(expected[i, j].Equals(oneThread[i, j]), $"n = {n}, [{i}, {j}]: kernel {expected[i, j]}, one thread {oneThread[i, j]}");
            }
        }
    }
}
