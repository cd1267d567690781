using System;
using System.Linq;
using SourceGen.Differential.Tests.Harness;
using SourceGen.Kernels;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>[GuVectorize] entry points against the kernel looped by hand: shapes, broadcasting, empty dimensions, errors.</summary>
public class GuVectorizeTests
{
    private static double[,] Matrix(int rows, int columns, Inputs.SplitMix64 random)
    {
        var matrix = new double[rows, columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                matrix[r, c] = random.Unit() * 10 - 5;
            }
        }

        return matrix;
    }

    private static double[] Row(double[,] matrix, int row) => Enumerable.Range(0, matrix.GetLength(1)).Select(c => matrix[row, c]).ToArray();

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 33, 4)]
    [InlineData(100, 17, 5)]
    [InlineData(3, 0, 2)]
    [InlineData(0, 5, 2)]
    public void MovingAverage_OverRows_EqualsTheKernelLoopedByHand(int rows, int columns, int window)
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        double[,] a = Matrix(rows, columns, random);
        var serial = new double[rows, columns];
        var parallel = new double[rows, columns];
        Gufuncs.MovingAverageRows(a, window, serial);
        Gufuncs.MovingAverage(a, window, parallel);
        for (int r = 0; r < rows; r++)
        {
            var expected = new double[columns];
            Gufuncs.MovingAverage(Row(a, r), window, expected);
            Assert.Equal(expected, Row(serial, r));
            Assert.Equal(expected, Row(parallel, r));
        }
    }

    [Fact]
    public void ScalarInput_FromAnArray_FeedsEachRowItsOwnValue()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        double[,] a = Matrix(4, 9, random);
        int[] windows = { 1, 2, 3, 9 };
        var result = new double[4, 9];
        Gufuncs.MovingAverageWindows(a, windows, result);
        for (int r = 0; r < 4; r++)
        {
            var expected = new double[9];
            Gufuncs.MovingAverage(Row(a, r), windows[r], expected);
            Assert.Equal(expected, Row(result, r));
        }
    }

    [Fact]
    public void RowDot_WithScalarOutputs_AndBroadcasting()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        double[,] x = Matrix(50, 13, random), y = Matrix(50, 13, random), oneRow = Matrix(1, 13, random);
        double[] dots = new double[50], broadcast = new double[50], vector = new double[50];
        Gufuncs.RowDot(x, y, dots);
        Gufuncs.RowDot(x, oneRow, broadcast);
        Gufuncs.RowDotVector(x, Row(oneRow, 0), vector);
        for (int r = 0; r < 50; r++)
        {
            double[] expected = new double[1];
            Gufuncs.Dot(Row(x, r), Row(y, r), expected);
            Assert.Equal(expected[0], dots[r]);
            Gufuncs.Dot(Row(x, r), Row(oneRow, 0), expected);
            Assert.Equal(expected[0], broadcast[r]);
            Assert.Equal(expected[0], vector[r]);
        }

        double[] once = new double[1];
        Gufuncs.DotOnce(Row(x, 0), Row(y, 0), once);
        Assert.Equal(dots[0], once[0]);
    }

    [Fact]
    public void ShapeErrors_NameTheDimensionAndTheParameters_BeforeAnythingIsWritten()
    {
        double[,] a = new double[3, 5];
        double[,] result = new double[3, 4];
        result[0, 0] = 42;
        var core = Assert.Throws<ArgumentException>(() => Gufuncs.MovingAverage(a, 2, result));
        Assert.Contains("Core dimension 'n'", core.Message);
        Assert.Contains("5 in 'a' but 4 in 'result'", core.Message);
        Assert.Equal(42, result[0, 0]);

        var outer = Assert.Throws<ArgumentException>(() => Gufuncs.RowDot(new double[3, 5], new double[4, 5], new double[3]));
        Assert.Contains("is 3 in 'x' but 4 in 'y'", outer.Message);

        var output = Assert.Throws<ArgumentException>(() => Gufuncs.RowDot(new double[3, 5], new double[3, 5], new double[2]));
        Assert.Contains("Output 'result' has 2", output.Message);

        Assert.Throws<ArgumentNullException>(() => Gufuncs.MovingAverage(null!, 2, result));
        double[,] same = new double[3, 5];
        var overlap = Assert.Throws<ArgumentException>(() => Gufuncs.MovingAverage(same, 2, same));
        Assert.Contains("overlaps 'a'", overlap.Message);
    }

    [Theory]
    [InlineData(2, 3, 7)]
    [InlineData(1, 4, 5)]
    [InlineData(3, 1, 9)]
    [InlineData(0, 2, 3)]
    public void TwoOuterDimensions_AndBroadcastingAcrossThem(int stacks, int rows, int columns)
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        var a = new double[stacks, rows, columns];
        var y = new double[rows, columns];
        for (int s = 0; s < stacks; s++)
        {
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    a[s, r, c] = random.Unit() * 4 - 2;
                    y[r, c] = random.Unit();
                }
            }
        }

        var averaged = new double[stacks, rows, columns];
        var dots = new double[stacks, rows];
        Gufuncs.MovingAverageStack(a, 3, averaged);
        Gufuncs.StackDot(a, y, dots);
        for (int s = 0; s < stacks; s++)
        {
            for (int r = 0; r < rows; r++)
            {
                double[] row = Enumerable.Range(0, columns).Select(c => a[s, r, c]).ToArray();
                double[] expected = new double[columns];
                Gufuncs.MovingAverage(row, 3, expected);
                Assert.Equal(expected, Enumerable.Range(0, columns).Select(c => averaged[s, r, c]).ToArray());
                double[] dot = new double[1];
                Gufuncs.Dot(row, Row(y, r), dot);
                Assert.Equal(dot[0], dots[s, r]);
            }
        }
    }
}
