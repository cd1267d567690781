using System;
using System.Linq;
using SourceGen.Differential.Tests.Harness;
using SourceGen.Differential.Tests.Kernels;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>
/// Kernels whose helpers have statements (early returns, loops, another file, called twice, under ?: / && / ||) are
/// inlined into SIMD code: the entry points against the kernels as written, on the vector width this process selects
/// (run with DOTNET_EnableAVX512=0 and DOTNET_EnableAVX2=0 for the 256- and 128-bit code), bit for bit, exceptions included.
/// </summary>
public sealed class HelperInliningTests
{
    [Fact] public void EarlyReturn() => Check.Unary<double, double>(nameof(EarlyReturn), HelperKernels.EarlyReturn, HelperKernels.EarlyReturn);
    [Fact] public void EarlyReturnF() => Check.Unary<float, float>(nameof(EarlyReturnF), HelperKernels.EarlyReturnF, HelperKernels.EarlyReturnF);
    [Fact] public void Loop() => Check.Unary<double, double>(nameof(Loop), HelperKernels.Loop, HelperKernels.Loop);
    [Fact] public void Collatz() => Check.Unary<int, int>(nameof(Collatz), HelperKernels.Collatz, HelperKernels.Collatz);
    [Fact] public void OtherFile() => Check.Binary<double, double, double>(nameof(OtherFile), HelperKernels.OtherFile, HelperKernels.OtherFile);
    [Fact] public void OtherFileLoop() => Check.Unary<int, int>(nameof(OtherFileLoop), HelperKernels.OtherFileLoop, HelperKernels.OtherFileLoop);
    [Fact] public void Twice() => Check.Binary<double, double, double>(nameof(Twice), HelperKernels.Twice, HelperKernels.Twice);
    [Fact] public void Lazy() => Check.Binary<double, double, double>(nameof(Lazy), HelperKernels.Lazy, HelperKernels.Lazy);
    [Fact] public void BoolByte() => Check.Binary<double, int, int>(nameof(BoolByte), HelperKernels.BoolByte, HelperKernels.BoolByte);
    [Fact] public void SafeRatio() => Check.Binary<int, int, int>(nameof(SafeRatio), HelperKernels.SafeRatio, HelperKernels.SafeRatio);
    [Fact] public void RatioWherePositive() => Check.Binary<int, int, int>(nameof(RatioWherePositive), HelperKernels.RatioWherePositive, HelperKernels.RatioWherePositive);
    [Fact] public void Newton() => Check.Unary<double, double>(nameof(Newton), HelperKernels.Newton, HelperKernels.Newton);
    [Fact] public void WhileReturn() => Check.Unary<float, float>(nameof(WhileReturn), HelperKernels.WhileReturn, HelperKernels.WhileReturn);
    [Fact] public void NestedReturn() => Check.Unary<int, int>(nameof(NestedReturn), HelperKernels.NestedReturn, HelperKernels.NestedReturn);
    [Fact] public void LazyNewton() => Check.Binary<double, double, double>(nameof(LazyNewton), HelperKernels.LazyNewton, HelperKernels.LazyNewton);
    [Fact] public void DivideDownAll() => Check.Binary<int, int, int>(nameof(DivideDownAll), HelperKernels.DivideDownAll, HelperKernels.DivideDownAll);
    [Fact] public void DivideDownSafe() => Check.Binary<int, int, int>(nameof(DivideDownSafe), HelperKernels.DivideDownSafe, HelperKernels.DivideDownSafe);
    [Fact] public void WhileHelper() => Check.Unary<double, double>(nameof(WhileHelper), HelperKernels.WhileHelper, HelperKernels.WhileHelper);
    [Fact] public void ForHelper() => Check.Unary<int, int>(nameof(ForHelper), HelperKernels.ForHelper, HelperKernels.ForHelper);
    [Fact] public void RatioAlways() => Check.Binary<int, int, int>(nameof(RatioAlways), HelperKernels.RatioAlways, HelperKernels.RatioAlways);

    /// <summary>The helper's division by zero: not thrown where the kernel skips the call, thrown where it makes it.</summary>
    [Fact]
    public void DivisionInHelper_ThrowsExactlyWhereTheKernelDoes()
    {
        foreach (int length in new[] { 1, 5, 17, 64, 1000 })
        {
            int[] a = Enumerable.Range(0, length).Select(i => i % 2 == 0 ? -i : i + 1).ToArray();
            var b = new int[length];
            var result = new int[length];

            // Every b is 0, but the call runs only for a > 0: here none (even elements are <= 0, and odd ones are made so).
            int[] nonPositive = a.Select(v => -Math.Abs(v)).ToArray();
            HelperKernels.RatioWherePositive(nonPositive, b, result);
            Assert.All(result, r => Assert.Equal(0, r));
            HelperKernels.SafeRatio(a, b, result);
            Assert.Equal(a, result);
            b.AsSpan().Fill(-1);
            int[] extremes = a.Select(v => int.MinValue).ToArray();
            HelperKernels.SafeRatio(extremes, b, result);
            Assert.Equal(extremes, result);

            // One lane (the last) takes the call with b = 0: the kernel throws, and so does the entry point.
            b.AsSpan().Fill(0);
            nonPositive[length - 1] = 7;
            Assert.Throws<DivideByZeroException>(() => HelperKernels.RatioWherePositive(nonPositive, b, result));
            Assert.Throws<DivideByZeroException>(() => HelperKernels.RatioAlways(a, b, result));
            b.AsSpan().Fill(-1);
            Assert.Throws<OverflowException>(() => HelperKernels.RatioAlways(extremes, b, result));
        }
    }

    /// <summary>
    /// A helper that returns from inside its loop before a division that would throw: lanes that returned at an earlier
    /// iteration do not divide again; a lane that reaches the zero divisor throws, as the kernel does.
    /// </summary>
    [Fact]
    public void ReturnInLoop_SkipsTheDivisionsOfLaterIterations()
    {
        foreach (int length in new[] { 1, 2, 7, 8, 17, 64, 1000 })
        {
            // Lane k: b in 2..5, a 0 (returns 0 at once) or 1 (1 / b is 0: returns 1 at the next iteration); b - i is 0
            // only at i = b, which no lane reaches.
            int[] a = Enumerable.Range(0, length).Select(k => k % 2).ToArray();
            int[] b = Enumerable.Range(0, length).Select(k => 2 + k % 4).ToArray();
            var result = new int[length];
            HelperKernels.DivideDownAll(a, b, result);
            Assert.Equal(a.Select(v => v + 1), result);

            // The last lane keeps dividing until b - i is 0: 100 / 3 / 2 / 1 / 0.
            a[length - 1] = 100;
            b[length - 1] = 3;
            Assert.Throws<DivideByZeroException>(() => HelperKernels.DivideDownAll(a, b, result));

            // int.MinValue / -1 at the first iteration.
            a[length - 1] = int.MinValue;
            b[length - 1] = -1;
            Assert.Throws<OverflowException>(() => HelperKernels.DivideDownAll(a, b, result));

            // Under the ?: only lanes with b > 5 or b < -1 run the helper: nothing throws.
            b[length - 1] = 0;
            HelperKernels.DivideDownSafe(a, b, result);
            Assert.Equal(-7, result[length - 1]);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(37, 3)]
    [InlineData(8, 17)]
    [InlineData(129, 40)]
    public void ParallelRows_EqualTheKernel(int width, int height)
    {
        var random = new Inputs.SplitMix64(Inputs.Seed ^ (ulong)(width * 1000 + height));
        double[] x = Inputs.Make<double>(width * height, random);
        var expected = new double[x.Length];
        var actual = new double[x.Length];
        HelperKernels.Rows(x, expected, width, height);
        HelperKernels.RowsFast(x, actual, width, height);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(Check.Same(expected[i], actual[i], 0), $"{Check.Width()}, element {i} (x = {Check.Show(x[i])}): kernel {Check.Show(expected[i])}, generated {Check.Show(actual[i])}");
        }
    }

    [Fact]
    public void ParallelIntRows_DivideOnlyWhereTheKernelDoes()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int n in Inputs.Lengths(300).Where(n => n % 7 == 0).Concat(new[] { 1, 2, 3, 100_003 }))
        {
            int[] a = Inputs.Make<int>(n, random), b = Inputs.Make<int>(n, random);
            int[] expected = new int[n], actual = new int[n];
            HelperKernels.IntRows(a, b, expected);
            HelperKernels.IntRowsFast(a, b, actual);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{Check.Width()}, length {n}");
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 33)]
    [InlineData(3, 130)]
    [InlineData(0, 4)]
    public void GuVectorizeRows_EqualTheKernel(int rows, int columns)
    {
        var random = new Inputs.SplitMix64(Inputs.Seed ^ (ulong)(rows * 1000 + columns));
        var a = new double[rows, columns];
        for (int r = 0; r < rows; r++)
        {
            double[] row = Inputs.Make<double>(columns, random);
            for (int c = 0; c < columns; c++)
            {
                a[r, c] = row[c];
            }
        }

        var result = new double[rows, columns];
        HelperKernels.RowsGu(a, result);
        for (int r = 0; r < rows; r++)
        {
            double[] row = Enumerable.Range(0, columns).Select(c => a[r, c]).ToArray();
            var expected = new double[columns];
            HelperKernels.Row(row, expected);
            for (int c = 0; c < columns; c++)
            {
                Assert.True(Check.Same(expected[c], result[r, c], 0), $"{Check.Width()}, row {r}, column {c} (a = {Check.Show(row[c])}): kernel {Check.Show(expected[c])}, generated {Check.Show(result[r, c])}");
            }
        }
    }
}
