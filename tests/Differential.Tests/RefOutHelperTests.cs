using System;
using System.Linq;
using SourceGen.Differential.Tests.Harness;
using SourceGen.Differential.Tests.Kernels;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>
/// Helpers with ref, out and in parameters inlined with the kernel's locals as their parameters: the entry points
/// against the kernels as written, on the vector width this process selects (run with DOTNET_EnableAVX512=0 and
/// DOTNET_EnableAVX2=0 for the 256- and 128-bit code), bit for bit, exceptions included.
/// </summary>
public sealed class RefOutHelperTests
{
    private const int TranscendentalUlps = 4;

    [Fact] public void OutOnAllPaths() => Check.Binary<double, double, double>(nameof(OutOnAllPaths), RefOutHelperKernels.OutOnAllPaths, RefOutHelperKernels.OutOnAllPaths);
    [Fact] public void SinOfSinCos() => Check.Unary<double, double>(nameof(SinOfSinCos), RefOutHelperKernels.SinOfSinCos, RefOutHelperKernels.SinOfSinCos, TranscendentalUlps);
    [Fact] public void CosOfSinCos() => Check.Unary<double, double>(nameof(CosOfSinCos), RefOutHelperKernels.CosOfSinCos, RefOutHelperKernels.CosOfSinCos, TranscendentalUlps);
    [Fact] public void SplitParts() => Check.Unary<double, double>(nameof(SplitParts), RefOutHelperKernels.SplitParts, RefOutHelperKernels.SplitParts);
    [Fact] public void Try() => Check.Binary<double, double, double>(nameof(Try), RefOutHelperKernels.Try, RefOutHelperKernels.Try);
    [Fact] public void TryExisting() => Check.Binary<double, double, double>(nameof(TryExisting), RefOutHelperKernels.TryExisting, RefOutHelperKernels.TryExisting);
    [Fact] public void TryMasked() => Check.Binary<double, double, double>(nameof(TryMasked), RefOutHelperKernels.TryMasked, RefOutHelperKernels.TryMasked);
    [Fact] public void AccumulateLoop() => Check.Binary<double, double, double>(nameof(AccumulateLoop), RefOutHelperKernels.AccumulateLoop, RefOutHelperKernels.AccumulateLoop);
    [Fact] public void SwapSort() => Check.Binary<double, double, double>(nameof(SwapSort), RefOutHelperKernels.SwapSort, RefOutHelperKernels.SwapSort);
    [Fact] public void OtherFileOut() => Check.Binary<double, double, double>(nameof(OtherFileOut), RefOutHelperKernels.OtherFileOut, RefOutHelperKernels.OtherFileOut);
    [Fact] public void DivideTry() => Check.Binary<int, int, int>(nameof(DivideTry), RefOutHelperKernels.DivideTry, RefOutHelperKernels.DivideTry);
    [Fact] public void DivModAll() => Check.Binary<int, int, int>(nameof(DivModAll), RefOutHelperKernels.DivModAll, RefOutHelperKernels.DivModAll);
    [Fact] public void DivModWherePositive() => Check.Binary<int, int, int>(nameof(DivModWherePositive), RefOutHelperKernels.DivModWherePositive, RefOutHelperKernels.DivModWherePositive);
    [Fact] public void DivideMaskedSafe() => Check.Binary<int, int, int>(nameof(DivideMaskedSafe), RefOutHelperKernels.DivideMaskedSafe, RefOutHelperKernels.DivideMaskedSafe);
    [Fact] public void DivideMasked() => Check.Binary<int, int, int>(nameof(DivideMasked), RefOutHelperKernels.DivideMasked, RefOutHelperKernels.DivideMasked);
    [Fact] public void EscapeValue() => Check.Unary<double, double>(nameof(EscapeValue), RefOutHelperKernels.EscapeValue, RefOutHelperKernels.EscapeValue);
    [Fact] public void DigitStats() => Check.Unary<int, int>(nameof(DigitStats), RefOutHelperKernels.DigitStats, RefOutHelperKernels.DigitStats);
    [Fact] public void RefMix() => Check.Binary<double, double, double>(nameof(RefMix), RefOutHelperKernels.RefMix, RefOutHelperKernels.RefMix);
    [Fact] public void IncrementHelper() => Check.Unary<int, int>(nameof(IncrementHelper), RefOutHelperKernels.IncrementHelper, RefOutHelperKernels.IncrementHelper);

    /// <summary>The out helpers' divisions: thrown exactly where the kernel makes the call with a bad divisor, nowhere else.</summary>
    [Fact]
    public void DivisionInOutHelpers_ThrowsExactlyWhereTheKernelDoes()
    {
        foreach (int length in new[] { 1, 2, 5, 8, 17, 64, 1000 })
        {
            int[] a = Enumerable.Range(0, length).Select(i => i * 7919 - 3000).ToArray();
            int[] b = Enumerable.Range(0, length).Select(i => i % 3 - 1).ToArray();
            var result = new int[length];

            // Zero divisors: TryDivide returns false there; DivMod runs only for b > 0.
            RefOutHelperKernels.DivideTry(a, b, result);
            Assert.Equal(a.Select((v, i) => RefOutHelperKernels.DivideTry(v, b[i])), result);
            RefOutHelperKernels.DivModWherePositive(a, b, result);
            Assert.Equal(a.Select((v, i) => RefOutHelperKernels.DivModWherePositive(v, b[i])), result);
            RefOutHelperKernels.DivideMaskedSafe(a, b, result);
            Assert.Equal(a.Select((v, i) => RefOutHelperKernels.DivideMaskedSafe(v, b[i])), result);
            if (b.Contains(0))
            {
                Assert.Throws<DivideByZeroException>(() => RefOutHelperKernels.DivModAll(a, b, result));
            }

            // Under &&: a zero divisor only where a <= 0, which skips the call; then one lane with a > 0 and b = 0.
            int[] nonPositive = a.Select(v => v > 0 ? -v : v).ToArray();
            RefOutHelperKernels.DivideMasked(nonPositive, b, result);
            Assert.Equal(nonPositive.Select((v, i) => RefOutHelperKernels.DivideMasked(v, b[i])), result);
            nonPositive[length - 1] = 5;
            b[length - 1] = 0;
            Assert.Throws<DivideByZeroException>(() => RefOutHelperKernels.DivideMasked(nonPositive, b, result));

            // int.MinValue / -1 in the last lane only: the kernels that divide there throw; the one whose call skips b <= 0 does not.
            b.AsSpan().Fill(1);
            a[length - 1] = int.MinValue;
            b[length - 1] = -1;
            Assert.Throws<OverflowException>(() => RefOutHelperKernels.DivideTry(a, b, result));
            Assert.Throws<OverflowException>(() => RefOutHelperKernels.DivModAll(a, b, result));
            RefOutHelperKernels.DivModWherePositive(a, b, result);
            Assert.Equal(-8, result[length - 1]);
        }
    }

    [Fact]
    public void ParallelLoop_PassesItsLocalsByRefAndOut()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        foreach (int n in Inputs.Lengths(70).Concat(new[] { 1000, 100_003 }))
        {
            double[] x = Inputs.Make<double>(n, random);
            double[] expected = new double[n], actual = new double[n];
            RefOutHelperKernels.ClampRows(x, expected);
            RefOutHelperKernels.ClampRowsFast(x, actual);
            for (int i = 0; i < n; i++)
            {
                Assert.True(Check.Same(expected[i], actual[i], 0), $"{Check.Width()}, length {n}, element {i} (x = {Check.Show(x[i])}): kernel {Check.Show(expected[i])}, generated {Check.Show(actual[i])}");
            }
        }
    }
}
