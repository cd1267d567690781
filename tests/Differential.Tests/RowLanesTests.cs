using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using SourceGen.Differential.Tests.Harness;
using SourceGen.Differential.Tests.Kernels;
using SourceGen.Kernels;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>
/// Row lanes: [GuVectorize] kernels whose core loop carries a dependence run several rows at once, one per SIMD
/// lane. Each entry point (Target.Cpu and Target.Parallel) must equal the kernel called row by row bit for bit, for
/// every row count from 0 to a few vectors of rows + 1 (whole vectors and the rows left over), rows of length 0, 1,
/// shorter than the window and longer, NaN, ±Inf, ±0 and subnormals in the data. CI runs this assembly on the 512-,
/// 256- and 128-bit paths.
/// </summary>
public class RowLanesTests
{
    private static readonly int[] Columns = { 0, 1, 3, 7, 16, 20, 33 };

    /// <summary>Row counts 0 .. 3 × 16 + 1: every remainder for 2, 4, 8 and 16 lanes.</summary>
    public static IEnumerable<object[]> Shapes() =>
        Enumerable.Range(0, 50).SelectMany(rows => Columns.Where(c => rows < 20 || c == 20 || c == 1).Select(columns => new object[] { rows, columns }));

    private static Span<T> Flat<T>(T[,] matrix) where T : struct =>
        matrix.Length == 0 ? Span<T>.Empty : MemoryMarshal.CreateSpan(ref matrix[0, 0], matrix.Length);

    private static Span<T> Row<T>(T[,] matrix, int row) where T : struct =>
        matrix.GetLength(1) == 0 ? Span<T>.Empty : MemoryMarshal.CreateSpan(ref matrix[row, 0], matrix.GetLength(1));

    /// <summary>
    /// Bit for bit, except that any NaN equals any NaN (as in <see cref="Check.Same"/>): which operand's payload an x86
    /// add of two NaNs keeps depends on the operand order the JIT picks for a commutative operation, scalar or vector.
    /// </summary>
    private static void Same<T>(T[,] expected, T[,] actual, string what) where T : struct
    {
        Span<T> e = Flat(expected), a = Flat(actual);
        for (int i = 0; i < e.Length; i++)
        {
            bool same = (e[i], a[i]) switch
            {
                (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y) || (double.IsNaN(x) && double.IsNaN(y)),
                (float x, float y) => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y) || (float.IsNaN(x) && float.IsNaN(y)),
                _ => false,
            };
            Assert.True(same, $"{what} ({Check.Width()}): element {i} (row {i / expected.GetLength(1)}) expected {Check.Show(e[i])}, got {Check.Show(a[i])}");
        }
    }

    private static void Same(double[] expected, double[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]) || (double.IsNaN(expected[i]) && double.IsNaN(actual[i])),
                $"{what} ({Check.Width()}): row {i} expected {Check.Show(expected[i])}, got {Check.Show(actual[i])}");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MovingAverage_EqualsTheKernelRowByRow(int rows, int columns)
    {
        var random = new Inputs.SplitMix64(Inputs.Seed ^ (ulong)(rows * 131 + columns));
        double[,] a = new double[rows, columns];
        Inputs.Make<double>(rows * columns, random).CopyTo(Flat(a));
        // 0: every result divides by 0 (±Inf, NaN); 40: the window is longer than the row.
        foreach (int window in new[] { 0, 1, 3, 20, 40 })
        {
            var expected = new double[rows, columns];
            for (int r = 0; r < rows; r++)
            {
                Gufuncs.MovingAverage(Row(a, r), window, Row(expected, r));
            }

            var serial = new double[rows, columns];
            var parallel = new double[rows, columns];
            Gufuncs.MovingAverageRows(a, window, serial);
            Gufuncs.MovingAverage(a, window, parallel);
            Same(expected, serial, $"MovingAverageRows {rows}×{columns}, window {window}");
            Same(expected, parallel, $"MovingAverage (parallel) {rows}×{columns}, window {window}");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void FloatFilter_BranchesUnderMasks_EqualsTheKernelRowByRow(int rows, int columns)
    {
        var random = new Inputs.SplitMix64(Inputs.Seed ^ (ulong)(rows * 137 + columns));
        float[,] x = new float[rows, columns];
        Inputs.Make<float>(rows * columns, random).CopyTo(Flat(x));
        foreach (float alpha in new[] { 0.25f, -1.5f, float.NaN })
        {
            var expected = new float[rows, columns];
            for (int r = 0; r < rows; r++)
            {
                RowLanesKernels.Smooth(Row(x, r), alpha, Row(expected, r));
            }

            var serial = new float[rows, columns];
            var parallel = new float[rows, columns];
            RowLanesKernels.SmoothRows(x, alpha, serial);
            RowLanesKernels.SmoothRowsParallel(x, alpha, parallel);
            Same(expected, serial, $"SmoothRows {rows}×{columns}, alpha {alpha}");
            Same(expected, parallel, $"SmoothRowsParallel {rows}×{columns}, alpha {alpha}");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ScalarOutput_AndABroadcastRow_EqualTheKernelRowByRow(int rows, int columns)
    {
        var random = new Inputs.SplitMix64(Inputs.Seed ^ (ulong)(rows * 139 + columns));
        double[,] x = new double[rows, columns], w = new double[rows, columns];
        Inputs.Make<double>(rows * columns, random).CopyTo(Flat(x));
        Inputs.Make<double>(rows * columns, random).CopyTo(Flat(w));
        double[] w0 = Inputs.Make<double>(columns, random);
        var expected = new double[rows];
        var expectedBroadcast = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            RowLanesKernels.MinSum(Row(x, r), Row(w, r), expected.AsSpan(r, 1));
            RowLanesKernels.MinSum(Row(x, r), w0, expectedBroadcast.AsSpan(r, 1));
        }

        var serial = new double[rows];
        var parallel = new double[rows];
        RowLanesKernels.MinSumRows(x, w, serial);
        RowLanesKernels.MinSumRowsParallel(x, w0, parallel);
        Same(expected, serial, $"MinSumRows {rows}×{columns}");
        Same(expectedBroadcast, parallel, $"MinSumRowsParallel {rows}×{columns} (w broadcast)");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void OutputReadBeforeWritten_KeepsWhatTheKernelLeavesAlone(int rows, int columns)
    {
        var random = new Inputs.SplitMix64(Inputs.Seed ^ (ulong)(rows * 149 + columns));
        double[,] x = new double[rows, columns];
        Inputs.Make<double>(rows * columns, random).CopyTo(Flat(x));
        double[] start = Inputs.Make<double>(rows * columns, random); // the outputs' contents before the call
        foreach (double k in new[] { 0.5, -1.0, double.NegativeInfinity })
        {
            var expected = new double[rows, columns];
            start.CopyTo(Flat(expected));
            for (int r = 0; r < rows; r++)
            {
                RowLanesKernels.Decay(Row(x, r), k, Row(expected, r));
            }

            var serial = new double[rows, columns];
            var parallel = new double[rows, columns];
            start.CopyTo(Flat(serial));
            start.CopyTo(Flat(parallel));
            RowLanesKernels.DecayRows(x, k, serial);
            RowLanesKernels.DecayRowsParallel(x, k, parallel);
            Same(expected, serial, $"DecayRows {rows}×{columns}, k {k}");
            Same(expected, parallel, $"DecayRowsParallel {rows}×{columns}, k {k}");
        }
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(17, 5)]
    [InlineData(40, 33)]
    public void AKernelThatThrows_ThrowsAsRowByRow_WithTheRowsBeforeWritten(int rows, int columns)
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        double[,] x = new double[rows, columns];
        Inputs.Make<double>(rows * columns, random).CopyTo(Flat(x));

        // skip 0 reads inside every row; skip 1 reads one past the end of the first row, which throws there.
        var fine = new double[rows, columns];
        var expectedFine = new double[rows, columns];
        for (int r = 0; r < rows; r++)
        {
            RowLanesKernels.Shifted(Row(x, r), 0, Row(expectedFine, r));
        }

        RowLanesKernels.ShiftedRows(x, 0, fine);
        Same(expectedFine, fine, "ShiftedRows, skip 0");

        var expected = new double[rows, columns];
        Assert.Throws<IndexOutOfRangeException>(() => RowLanesKernels.Shifted(Row(x, 0), 1, Row(expected, 0)));
        var serial = new double[rows, columns];
        Assert.Throws<IndexOutOfRangeException>(() => RowLanesKernels.ShiftedRows(x, 1, serial));
        Same(expected, serial, "ShiftedRows, skip 1: the first row written up to where it threw");
        Assert.Throws<IndexOutOfRangeException>(() => RowLanesKernels.ShiftedRowsParallel(x, 1, new double[rows, columns]));
    }

    /// <summary>
    /// A negative window reads past the row's end (i - window &gt; i) and throws: the generated code writes results
    /// straight to the rows only where its indexes are proven in range (window &gt;= 0, checked per call), so here
    /// the rows run one at a time and throw where the kernel throws, with the rows before written.
    /// </summary>
    [Theory]
    [InlineData(1, 5)]
    [InlineData(9, 5)]
    [InlineData(33, 20)]
    public void MovingAverage_NegativeWindow_ThrowsAsRowByRow(int rows, int columns)
    {
        var random = new Inputs.SplitMix64(Inputs.Seed ^ (ulong)(rows * 151 + columns));
        double[,] a = new double[rows, columns];
        Inputs.Make<double>(rows * columns, random).CopyTo(Flat(a));
        var expected = new double[rows, columns];
        Assert.Throws<IndexOutOfRangeException>(() => Gufuncs.MovingAverage(Row(a, 0), -2, Row(expected, 0)));
        var serial = new double[rows, columns];
        Assert.Throws<IndexOutOfRangeException>(() => Gufuncs.MovingAverageRows(a, -2, serial));
        Same(expected, serial, "MovingAverageRows, window -2: the first row written up to where it threw");
        Assert.Throws<IndexOutOfRangeException>(() => Gufuncs.MovingAverage(a, -2, new double[rows, columns]));
    }

    /// <summary>
    /// Rows one element longer call after call on one thread: each call's buffers (reused, shifted to a cache line)
    /// must hold the longer rows. (A reused buffer without room for the shift once wrote past its end.)
    /// </summary>
    [Fact]
    public void GrowingRows_ReuseTheBuffers_Safely()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed ^ 157);
        for (int columns = 0; columns <= 80; columns++)
        {
            const int rows = 17;
            double[,] x = new double[rows, columns], w = new double[rows, columns];
            Inputs.Make<double>(rows * columns, random).CopyTo(Flat(x));
            Inputs.Make<double>(rows * columns, random).CopyTo(Flat(w));
            var expected = new double[rows];
            for (int r = 0; r < rows; r++)
            {
                RowLanesKernels.MinSum(Row(x, r), Row(w, r), expected.AsSpan(r, 1));
            }

            var serial = new double[rows];
            RowLanesKernels.MinSumRows(x, w, serial);
            Same(expected, serial, $"MinSumRows {rows}×{columns}");
            for (int length = columns * 16; length <= columns * 16 + 9; length++)
            {
                // Every element of the requested length, after the shift, inside the array.
                double[] buffer = SourceGen.Internal.RowLanes.Buffer<double>(5, length);
                ref double start = ref SourceGen.Internal.RowLanes.Start(buffer);
                long skipped = System.Runtime.CompilerServices.Unsafe.ByteOffset(ref buffer[0], ref start) / sizeof(double);
                Assert.True(skipped + length <= buffer.Length, $"length {length}: {skipped} skipped of {buffer.Length}");
            }
        }
    }
}
