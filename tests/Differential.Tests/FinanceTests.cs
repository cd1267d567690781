using System;
using System.Collections.Generic;
using System.Linq;
using SourceGen.Differential.Tests.Harness;
using SourceGen.Kernels;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>
/// src/Kernels' Black–Scholes (Finance), GELU and log10 entry points against the kernels as written, on the vector
/// width this process selects (run with DOTNET_EnableAVX512=0 and DOTNET_EnableAVX2=0 for the 256- and 128-bit code).
/// The vector Exp, Log, Tanh and Log10 are within 4 ulp of Math's; where a kernel subtracts nearly equal terms
/// (a call far out of the money, GELU's 1 + tanh near −1) that rounding difference is allowed as an absolute error
/// of a few ulps of the terms, computed per element.
/// </summary>
public sealed class FinanceTests
{
    private const int TranscendentalUlps = 4;

    private delegate void Pricer<T>(ReadOnlySpan<T> spot, ReadOnlySpan<T> strike, ReadOnlySpan<T> time, T rate, T volatility, Span<T> destination);

    // 0..80 covers every tail of two 512-bit float steps; the long lengths make Target.Parallel split.
    private static IEnumerable<int> Lengths() => Enumerable.Range(0, 81).Concat(new[] { 1000, 4099, 65537, 300_007 });

    // Market-like inputs, with one element in eight from the harness's specials (NaN, ±Inf, ±0, subnormals, extremes).
    private static double[] Market(Inputs.SplitMix64 random, int length, double low, double high) =>
        Enumerable.Range(0, length).Select(_ => random.Below(8) == 0 ? Inputs.One<double>(random) : low + (high - low) * random.Unit()).ToArray();

    private static void Prices<T>(string name, Pricer<T> entry, Func<T, T, T, T, T, T> kernel, Func<double, T> convert, double epsilon)
        where T : struct
    {
        var random = new Inputs.SplitMix64(Inputs.Seed ^ (ulong)name.GetHashCode(StringComparison.Ordinal));
        foreach (int length in Lengths())
        {
            T[] spot = Market(random, length, 10, 200).Select(convert).ToArray();
            T[] strike = Market(random, length, 10, 200).Select(convert).ToArray();
            T[] time = Market(random, length, 0.05, 3).Select(convert).ToArray();
            T rate = convert(random.Unit() * 0.1), volatility = convert(0.05 + random.Unit() * 0.55);
            var destination = new T[length + 1];
            T sentinel = convert(12345.678);
            destination[length] = sentinel;
            entry(spot, strike, time, rate, volatility, destination.AsSpan(0, length));
            for (int i = 0; i < length; i++)
            {
                T expected = kernel(spot[i], strike[i], time[i], rate, volatility);

                // d1's log and the CDF's exp are each within 4 ulp; N' ≤ 0.4, so a price moves by a few ulps of S + K
                // per unit of |d1| (|log(S/K)| / σ√t grows the log's error in d1).
                double s = Math.Abs(Convert.ToDouble(spot[i])), k = Math.Abs(Convert.ToDouble(strike[i]));
                double d1 = Math.Abs(Math.Log(s / k)) / (Convert.ToDouble(volatility) * Math.Sqrt(Math.Abs(Convert.ToDouble(time[i])))) + 1;
                double absolute = 32 * epsilon * (s + k) * (double.IsFinite(d1) ? d1 : 1);
                Assert.True(Check.Same(expected, destination[i], TranscendentalUlps, absolute),
                    $"{name}, length {length}, SOURCEGEN_SEED={Inputs.Seed}, {Check.Width()}, element {i} (spot {Check.Show(spot[i])}, strike {Check.Show(strike[i])}, time {Check.Show(time[i])}, rate {Check.Show(rate)}, volatility {Check.Show(volatility)}): kernel {Check.Show(expected)}, generated {Check.Show(destination[i])}");
            }

            Assert.True(Check.Same(sentinel, destination[length], 0), $"{name}, length {length}: the element past the inputs was written");
        }
    }

    [Fact] public void CallDouble() => Prices<double>(nameof(CallDouble), Finance.BlackScholesCall, Finance.BlackScholesCall, x => x, Math.Pow(2, -52));
    [Fact] public void PutDouble() => Prices<double>(nameof(PutDouble), Finance.BlackScholesPut, Finance.BlackScholesPut, x => x, Math.Pow(2, -52));
    [Fact] public void CallDoubleParallel() => Prices<double>(nameof(CallDoubleParallel), Finance.BlackScholesCallParallel, Finance.BlackScholesCall, x => x, Math.Pow(2, -52));
    [Fact] public void CallDoubleStatementCdf() => Prices<double>(nameof(CallDoubleStatementCdf), Finance.BlackScholesCallStatementCdf, Finance.BlackScholesCallStatementCdf, x => x, Math.Pow(2, -52));

    /// <summary>The statement-bodied CDF computes the expression-bodied one's operations in the same order: equal kernels, bit for bit (any NaN for a NaN).</summary>
    [Fact]
    public void StatementCdf_EqualsTheExpressionCdf()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        for (int i = 0; i < 10_000; i++)
        {
            double x = i < 64 ? Inputs.One<double>(random) : (random.Unit() - 0.5) * 20;
            Assert.True(Check.Same(Finance.NormalCdf(x), Finance.NormalCdfStatements(x), 0), $"x = {Check.Show(x)}");
        }
    }

    [Fact] public void CallFloat() => Prices<float>(nameof(CallFloat), Finance.BlackScholesCall, Finance.BlackScholesCallF, x => (float)x, Math.Pow(2, -23));
    [Fact] public void PutFloat() => Prices<float>(nameof(PutFloat), Finance.BlackScholesPut, Finance.BlackScholesPutF, x => (float)x, Math.Pow(2, -23));
    [Fact] public void CallFloatParallel() => Prices<float>(nameof(CallFloatParallel), Finance.BlackScholesCallParallel, Finance.BlackScholesCallF, x => (float)x, Math.Pow(2, -23));

    /// <summary>Put–call parity holds for the kernel as written (C − P = S − K·e^(−rt) within the CDF's 7.5e-8): the kernels price what they claim to.</summary>
    [Fact]
    public void Kernel_SatisfiesPutCallParity()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        for (int i = 0; i < 10_000; i++)
        {
            double s = 10 + 190 * random.Unit(), k = 10 + 190 * random.Unit(), t = 0.05 + 3 * random.Unit(), r = 0.1 * random.Unit(), v = 0.05 + 0.55 * random.Unit();
            double parity = s - k * Math.Exp(-r * t);
            Assert.True(Math.Abs(Finance.BlackScholesCall(s, k, t, r, v) - Finance.BlackScholesPut(s, k, t, r, v) - parity) <= 2e-7 * (s + k), $"s {s}, k {k}, t {t}, r {r}, v {v}");
        }

        // The CDF's branch: N(0) = 0.5 on both sides, N(−x) = 1 − N(x), tails 0 and 1.
        Assert.True(Math.Abs(Finance.NormalCdf(0) - 0.5) < 1e-7);
        Assert.True(Math.Abs(Finance.NormalCdf(-1.3) - (1 - Finance.NormalCdf(1.3))) < 1e-15);
        Assert.True(Math.Abs(Finance.NormalCdf(1.959963984540054) - 0.975) < 7.5e-8);
        Assert.Equal(0.0, Finance.NormalCdf(double.NegativeInfinity));
        Assert.Equal(1.0, Finance.NormalCdf(double.PositiveInfinity));
    }

    // GELU: 0.5·x·(1 + tanh u); near tanh u = −1 the sum cancels, so 4 ulp of tanh become 4 ulp of 1 times 0.5·|x|.
    private static void Gelu<T>(string name, Entry1<T, T> entry, Func<T, T> kernel, double epsilon)
        where T : struct
    {
        var random = new Inputs.SplitMix64(Inputs.Seed ^ (ulong)name.GetHashCode(StringComparison.Ordinal));
        foreach (int length in Lengths())
        {
            T[] x = Inputs.Make<T>(length, random);
            var destination = new T[length];
            entry(x, destination);
            for (int i = 0; i < length; i++)
            {
                T expected = kernel(x[i]);
                double absolute = 4 * epsilon * 0.5 * Math.Abs(Convert.ToDouble(x[i]));
                Assert.True(Check.Same(expected, destination[i], TranscendentalUlps, absolute),
                    $"{name}, length {length}, SOURCEGEN_SEED={Inputs.Seed}, {Check.Width()}, element {i} (x = {Check.Show(x[i])}): kernel {Check.Show(expected)}, generated {Check.Show(destination[i])}");
            }
        }
    }

    [Fact] public void GeluFloat() => Gelu<float>(nameof(GeluFloat), Activations.Gelu, Activations.Gelu<float>, Math.Pow(2, -23));
    [Fact] public void GeluDouble() => Gelu<double>(nameof(GeluDouble), Activations.Gelu, Activations.Gelu<double>, Math.Pow(2, -52));
    [Fact] public void GeluFloatParallel() => Gelu<float>(nameof(GeluFloatParallel), Activations.GeluParallel, Activations.Gelu<float>, Math.Pow(2, -23));
    [Fact] public void GeluDoubleParallel() => Gelu<double>(nameof(GeluDoubleParallel), Activations.GeluParallel, Activations.Gelu<double>, Math.Pow(2, -52));

    [Fact] public void Log10() => Check.Unary<double, double>(nameof(Log10), Activations.Log10Cpu, Math.Log10, TranscendentalUlps);
    [Fact] public void Log10Parallel() => Check.Unary<double, double>(nameof(Log10Parallel), Activations.Log10Parallel, Math.Log10, TranscendentalUlps);
}
