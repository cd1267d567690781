using System;
using System.Linq;
using SourceGen.Differential.Tests.Kernels;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>Generated names never shadow or capture the kernel's: the kernels of <see cref="UserNames"/> against their entry points.</summary>
public sealed class UserNameTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(100_003)] // long enough to be split across threads
    public void UniformsNamedStartAndCount_AreTheUsersValues(int length)
    {
        var random = new Random(length);
        float[] x = Enumerable.Range(0, length).Select(_ => (float)random.NextDouble()).ToArray();
        float[] xRef = Enumerable.Range(0, length).Select(_ => (float)random.NextDouble()).ToArray();
        float[] expected = x.Select((v, i) => UserNames.Affine(v, xRef[i], 3f, 5f, 7f, 11f, 13f)).ToArray();
        float[] parallel = new float[length];

        // AffineGpu: in GpuVectorizeTests, whose collection owns the process-wide GpuRuntime.Preference.
        UserNames.AffineParallel(x, xRef, 3f, 5f, 7f, 11f, 13f, parallel);

        Assert.Equal(expected, parallel);
    }

    [Fact]
    public void KeywordNames_Work()
    {
        double[] input = { 1, -2, 3.5, double.NaN, 0, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18 };
        double[] result = new double[input.Length];
        UserNames.@class(input, 0.5, result);
        Assert.Equal(input.Select(v => UserNames.@checked(v, 0.5)).ToArray(), result);
    }

    [Fact]
    public void PrangeUniformsNamedStartAndCount_AreTheUsersValues()
    {
        const int width = 257, height = 301;
        var random = new Random(5);
        float[] src = Enumerable.Range(0, width * height).Select(_ => (float)random.NextDouble()).ToArray();
        float[] expected = new float[src.Length], actual = new float[src.Length];
        float expectedTotal = UserNames.Rows(src, expected, width, height, 0.5f);
        float total = UserNames.RowsFast(src, actual, width, height, 0.5f);
        Assert.Equal(expected, actual);

        // A float sum of 77,357 values: the kernel's serial order and FastMath's lane partials round differently;
        // both are within float rounding of the exact sum.
        double exact = expected.Sum(v => (double)v);
        Assert.InRange(total, exact * (1 - 1e-3), exact * (1 + 1e-3));
        Assert.InRange(expectedTotal, exact * (1 - 1e-3), exact * (1 + 1e-3));
    }

    [Fact]
    public void OverloadsOfOneEntryPoint_EachRunTheirKernel()
    {
        float[] f = { 1, 2, 3, float.NaN };
        double[] d = { 1, 2, 3, double.NegativeInfinity };
        float[] fr = new float[4];
        double[] dr = new double[4];
        UserNames.ScaleFast(f, fr, 2f);
        UserNames.ScaleFast(d, dr, 2.0);
        Assert.Equal(new[] { 2f, 4f, 6f, float.NaN }, fr);
        Assert.Equal(new[] { 2.0, 4.0, 6.0, double.NegativeInfinity }, dr);

        float[,] fa = { { 1, 2 }, { 3, 4 } }, fo = new float[2, 2];
        int[,] ia = { { int.MaxValue, 2 }, { 3, 4 } }, io = new int[2, 2];
        UserNames.OffsetRows(fa, 0.5f, fo);
        UserNames.OffsetRows(ia, 1, io);
        Assert.Equal(new float[,] { { 1.5f, 2.5f }, { 3.5f, 4.5f } }, fo);
        Assert.Equal(new int[,] { { int.MinValue, 3 }, { 4, 5 } }, io);
    }

    [Fact]
    public void ByteLoopVariable_WrapsAsForeachDoes()
    {
        int[] expected = new int[600], actual = new int[600];
        UserNames.Wrap(expected);
        UserNames.WrapFast(actual);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(100_003)]
    public void ManySpanInputs_RunAcrossThreads(int length)
    {
        var random = new Random(length);
        float[][] inputs = Enumerable.Range(0, 31).Select(_ => Enumerable.Range(0, length).Select(_ => (float)random.NextDouble() - 0.5f).ToArray()).ToArray();
        float[] eight = new float[length], thirtyOne = new float[length];
        UserNames.EightParallel(inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], inputs[5], inputs[6], inputs[7], eight);
        UserNames.ThirtyOneParallel(inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], inputs[5], inputs[6], inputs[7], inputs[8], inputs[9],
            inputs[10], inputs[11], inputs[12], inputs[13], inputs[14], inputs[15], inputs[16], inputs[17], inputs[18], inputs[19],
            inputs[20], inputs[21], inputs[22], inputs[23], inputs[24], inputs[25], inputs[26], inputs[27], inputs[28], inputs[29], inputs[30], thirtyOne);
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(UserNames.Eight(inputs[0][i], inputs[1][i], inputs[2][i], inputs[3][i], inputs[4][i], inputs[5][i], inputs[6][i], inputs[7][i]), eight[i]);
            Assert.Equal(UserNames.ThirtyOne(inputs[0][i], inputs[1][i], inputs[2][i], inputs[3][i], inputs[4][i], inputs[5][i], inputs[6][i], inputs[7][i], inputs[8][i], inputs[9][i],
                inputs[10][i], inputs[11][i], inputs[12][i], inputs[13][i], inputs[14][i], inputs[15][i], inputs[16][i], inputs[17][i], inputs[18][i], inputs[19][i],
                inputs[20][i], inputs[21][i], inputs[22][i], inputs[23][i], inputs[24][i], inputs[25][i], inputs[26][i], inputs[27][i], inputs[28][i], inputs[29][i], inputs[30][i]), thirtyOne[i]);
        }
    }
}
