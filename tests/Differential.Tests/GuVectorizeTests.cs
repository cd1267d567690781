using System;
using System.Linq;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    /// <summary>
    /// The kernel's loop runs in SIMD steps inside the gufunc loop: every row length from 0 to a few vectors plus one,
    /// with NaN, ±∞, ±0 and subnormals among the values. The sum in order equals the kernel exactly; with FastMath,
    /// reassociated, it is within rounding of it (or NaN/∞ where the kernel's is).
    /// </summary>
    [Fact]
    public void RowDot_KernelLoopInSimdSteps_EqualsTheKernel_AtEveryLength()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int length in Inputs.Lengths(70))
        {
            const int rows = 5;
            double[] xs = Inputs.Make<double>(rows * length, random), ys = Inputs.Make<double>(rows * length, random);
            var x = new double[rows, length];
            var y = new double[rows, length];
            Buffer.BlockCopy(xs, 0, x, 0, xs.Length * sizeof(double));
            Buffer.BlockCopy(ys, 0, y, 0, ys.Length * sizeof(double));
            double[] ordered = new double[rows], fast = new double[rows];
            Gufuncs.RowDot(x, y, ordered);
            Gufuncs.RowDotFast(x, y, fast);
            for (int r = 0; r < rows; r++)
            {
                double[] expected = new double[1];
                Gufuncs.Dot(Row(x, r), Row(y, r), expected);
                Assert.True(Check.Same(expected[0], ordered[r], 0), $"length {length}, row {r}: {Check.Show(expected[0])} vs {Check.Show(ordered[r])} ({Check.Width()})");
                // Reassociated sums overflow at other places than the kernel's, so where the terms' magnitude overflows
                // only the terms say what the sum must be: NaN if one is NaN or infinities of both signs meet, ±∞ (or
                // NaN, where partial sums overflow the other way) if infinities of one sign are there, else anything.
                double[] terms = Enumerable.Range(0, length).Select(i => x[r, i] * y[r, i]).ToArray();
                double magnitude = terms.Sum(Math.Abs);
                bool positive = terms.Any(double.IsPositiveInfinity), negative = terms.Any(double.IsNegativeInfinity);
                bool close = terms.Any(double.IsNaN) || (positive && negative) ? double.IsNaN(fast[r])
                    : positive ? fast[r] == double.PositiveInfinity || double.IsNaN(fast[r])
                    : negative ? fast[r] == double.NegativeInfinity || double.IsNaN(fast[r])
                    : double.IsInfinity(magnitude) || Math.Abs(fast[r] - expected[0]) <= 1e-12 * magnitude;
                Assert.True(close, $"FastMath, length {length}, row {r}: {Check.Show(expected[0])} vs {Check.Show(fast[r])} ({Check.Width()})");
            }
        }
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

    /// <summary>The product of one pair of matrices, by the kernel itself over dense copies.</summary>
    private static double[,] Product(double[,] a, double[,] b)
    {
        var c = new double[a.GetLength(0), b.GetLength(1)];
        Gufuncs.MatMul(new ReadOnlyTensorSpan<double>(a), new ReadOnlyTensorSpan<double>(b), new TensorSpan<double>(c));
        return c;
    }

    private static double[,] Slice(double[,,] stack, int index)
    {
        var matrix = new double[stack.GetLength(1), stack.GetLength(2)];
        for (int r = 0; r < matrix.GetLength(0); r++)
        {
            for (int c = 0; c < matrix.GetLength(1); c++)
            {
                matrix[r, c] = stack[index, r, c];
            }
        }

        return matrix;
    }

    private static double[,,] Stack(int count, int rows, int columns, Inputs.SplitMix64 random)
    {
        var stack = new double[count, rows, columns];
        for (int s = 0; s < count; s++)
        {
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    stack[s, r, c] = random.Unit() * 4 - 2;
                }
            }
        }

        return stack;
    }

    [Theory]
    [InlineData(1000, 4, 4, 4)]
    [InlineData(5, 2, 3, 5)]
    [InlineData(1, 1, 1, 1)]
    [InlineData(0, 4, 4, 4)]
    [InlineData(3, 0, 4, 2)]
    [InlineData(3, 2, 0, 2)]
    public void StackMatMul_EqualsTheKernelPerMatrix(int count, int m, int n, int p)
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        double[,,] a = Stack(count, m, n, random), b = Stack(count, n, p, random);
        double[,,] oneB = Stack(1, n, p, random);
        var c = new double[count, m, p];
        var broadcast = new double[count, m, p];
        Gufuncs.StackMatMul(a, b, c);
        Gufuncs.StackMatMul(a, oneB, broadcast);
        for (int s = 0; s < count; s++)
        {
            Assert.Equal(Product(Slice(a, s), Slice(b, s)), Slice(c, s));
            Assert.Equal(Product(Slice(a, s), Slice(oneB, 0)), Slice(broadcast, s));
        }
    }

    [Fact]
    public void MatMulViews_ReadTransposedAndSlicedOperandsInPlace()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        double[,,] stack = Stack(6, 4, 5, random);
        double[] data = new double[stack.Length];
        Buffer.BlockCopy(stack, 0, data, 0, data.Length * sizeof(double));

        // a: each 4×5 matrix transposed (5×4), without copying: lengths (6, 5, 4), strides (20, 1, 5).
        var aT = new ReadOnlyTensorSpan<double>(data, 0, [6, 5, 4], [20, 1, 5]);

        // b: the first three columns of one 4×5 matrix (4×3), broadcast over the stack.
        double[,] wide = Matrix(4, 5, random);
        var bColumns = new ReadOnlyTensorSpan<double>(wide).Slice(0..4, 0..3);
        var c = new double[6, 5, 3];
        Gufuncs.MatMulViews(aT, bColumns, new TensorSpan<double>(c));

        double[,] firstColumns = new double[4, 3];
        for (int r = 0; r < 4; r++)
        {
            for (int k = 0; k < 3; k++)
            {
                firstColumns[r, k] = wide[r, k];
            }
        }

        for (int s = 0; s < 6; s++)
        {
            double[,] slice = Slice(stack, s), transposed = new double[5, 4];
            for (int r = 0; r < 4; r++)
            {
                for (int k = 0; k < 5; k++)
                {
                    transposed[k, r] = slice[r, k];
                }
            }

            Assert.Equal(Product(transposed, firstColumns), Slice(c, s));
        }

        // A view with no outer dimensions is one call; one with three, the full loop.
        var single = new double[4, 4];
        double[,] x = Matrix(4, 4, random), y = Matrix(4, 4, random);
        Gufuncs.MatMulViews(new ReadOnlyTensorSpan<double>(x), new ReadOnlyTensorSpan<double>(y), new TensorSpan<double>(single));
        Assert.Equal(Product(x, y), single);

        double[] many = new double[2 * 3 * 2 * 16];
        for (int i = 0; i < many.Length; i++)
        {
            many[i] = random.Unit();
        }

        var products = new double[2 * 3 * 2 * 16];
        Gufuncs.MatMulViews(new ReadOnlyTensorSpan<double>(many, [2, 3, 2, 4, 4]), new ReadOnlyTensorSpan<double>(y), new TensorSpan<double>(products, [2, 3, 2, 4, 4]));
        for (int s = 0; s < 12; s++)
        {
            var matrix = new double[4, 4];
            Buffer.BlockCopy(many, s * 16 * sizeof(double), matrix, 0, 16 * sizeof(double));
            double[,] expected = Product(matrix, y);
            var got = new double[4, 4];
            Buffer.BlockCopy(products, s * 16 * sizeof(double), got, 0, 16 * sizeof(double));
            Assert.Equal(expected, got);
        }
    }

    [Theory]
    [InlineData(9, 13, 3)]
    [InlineData(1, 5, 2)]
    [InlineData(5, 1, 2)]
    [InlineData(0, 4, 2)]
    [InlineData(4, 0, 2)]
    public void MovingAverageView_DownTheColumnsOfATransposedView(int rows, int columns, int window)
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        double[,] a = Matrix(rows, columns, random);
        foreach (bool parallel in new[] { false, true })
        {
            var result = new double[rows, columns];

            // The transpose of a row-major matrix: the core dimension (a column) has stride 'columns'.
            var aT = Transposed(a);
            var resultT = Transposed(result);
            if (parallel)
            {
                Gufuncs.MovingAverageViewParallel(aT, window, resultT);
            }
            else
            {
                Gufuncs.MovingAverageView(aT, window, resultT);
            }

            for (int c = 0; c < columns; c++)
            {
                double[] column = Enumerable.Range(0, rows).Select(r => a[r, c]).ToArray();
                double[] expected = new double[rows];
                Gufuncs.MovingAverage(column, window, expected);
                Assert.Equal(expected, Enumerable.Range(0, rows).Select(r => result[r, c]).ToArray());
            }
        }
    }

    /// <summary>The transpose of a row-major matrix as a view over its elements (strides 1 and its column count).</summary>
    private static TensorSpan<double> Transposed(double[,] matrix)
    {
        int rows = matrix.GetLength(0), columns = matrix.GetLength(1);
        Span<double> elements = MemoryMarshal.CreateSpan(ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(matrix)), matrix.Length);
        return matrix.Length == 0
            ? new TensorSpan<double>(Array.Empty<double>(), [columns, rows])
            : new TensorSpan<double>(elements, [columns, rows], [columns == 1 ? 0 : 1, rows == 1 ? 0 : columns]);
    }

    [Fact]
    public void ViewShapeErrors_NameTheParameter()
    {
        double[] flat = new double[6];
        var rank = Assert.Throws<ArgumentException>(() => Gufuncs.MatMulViews(new ReadOnlyTensorSpan<double>(flat), new ReadOnlyTensorSpan<double>(flat), new TensorSpan<double>(new double[6])));
        Assert.Contains("'a' has 1 dimension(s) but its core dimensions need 2", rank.Message);

        var deep = Assert.Throws<ArgumentException>(() => Gufuncs.MovingAverageView(new ReadOnlyTensorSpan<double>(new double[2], [1, 1, 1, 1, 2]), 2, new TensorSpan<double>(new double[2], [1, 1, 1, 1, 2])));
        Assert.Contains("'a' has 4 outer dimensions; at most 3", deep.Message);

        double[] shared = new double[12];
        shared[0] = 42;
        var overlap = Assert.Throws<ArgumentException>(() =>
            Gufuncs.MovingAverageView(new ReadOnlyTensorSpan<double>(shared, [2, 4]), 2, new TensorSpan<double>(shared, 4, [2, 4], [4, 1])));
        Assert.Contains("overlaps 'a'", overlap.Message);
        Assert.Equal(42, shared[0]);

        var core = Assert.Throws<ArgumentException>(() =>
            Gufuncs.MatMulViews(new ReadOnlyTensorSpan<double>(new double[12], [3, 4]), new ReadOnlyTensorSpan<double>(new double[12], [3, 4]), new TensorSpan<double>(new double[16], [4, 4])));
        Assert.Contains("Core dimension 'n' of the gufunc signature is 4 in 'a' but 3 in 'b'", core.Message);
    }
}
