using System;

namespace SourceGen.Kernels;

/// <summary>
/// European option prices by Black–Scholes, as the classic SIMD benchmark computes them (spot, strike and time to
/// expiry per option; one rate and one volatility for the batch). The normal CDF is a chain of expression-bodied
/// helpers, or (<see cref="BlackScholesCallStatementCdf(double, double, double, double, double)"/>) one helper with
/// statements; the generator inlines either (the branch becomes a select). Written twice, double and float: the
/// generic-kernel support does not inline a generic helper (SG0102 "a call to the generic method 'NormalCdf'"), and a
/// Black–Scholes kernel without its CDF inlined runs one lane at a time.
/// </summary>
public static partial class Finance
{
    /// <summary>The call price: S·N(d1) − K·e^(−rt)·N(d2).</summary>
    public static double BlackScholesCall(double spot, double strike, double time, double rate, double volatility)
    {
        double deviation = volatility * Math.Sqrt(time);
        double d1 = (Math.Log(spot / strike) + (rate + 0.5 * volatility * volatility) * time) / deviation;
        double d2 = d1 - deviation;
        return spot * NormalCdf(d1) - strike * Math.Exp(-rate * time) * NormalCdf(d2);
    }

    /// <summary>The put price: K·e^(−rt)·N(−d2) − S·N(−d1).</summary>
    public static double BlackScholesPut(double spot, double strike, double time, double rate, double volatility)
    {
        double deviation = volatility * Math.Sqrt(time);
        double d1 = (Math.Log(spot / strike) + (rate + 0.5 * volatility * volatility) * time) / deviation;
        double d2 = d1 - deviation;
        return strike * Math.Exp(-rate * time) * NormalCdf(-d2) - spot * NormalCdf(-d1);
    }

    /// <summary>
    /// The standard normal CDF by Abramowitz–Stegun 26.2.17 (absolute error below 7.5e-8): p = 1 − φ(|x|)·poly(k) with
    /// k = 1 / (1 + 0.2316419·|x|), and N(x) = 1 − p for negative x.
    /// </summary>
    public static double NormalCdf(double x) =>
        Reflect(x, 1 - 0.3989422804014327 * Math.Exp(-0.5 * x * x) * Poly(1 / (1 + 0.2316419 * Math.Abs(x))));

    // The branch of 26.2.17: p is the CDF of |x|.
    static double Reflect(double x, double p) => x < 0 ? 1 - p : p;

    // b1·k + b2·k² + … + b5·k⁵ in Horner form.
    static double Poly(double k) => k * (0.319381530 + k * (-0.356563782 + k * (1.781477937 + k * (-1.821255978 + k * 1.330274429))));

    /// <summary>
    /// The call price with the normal CDF written as users write it (<see cref="NormalCdfStatements"/>: locals, a branch, an
    /// early return). The generator inlines it as it does the expression-bodied one: the same operations, the same results.
    /// </summary>
    public static double BlackScholesCallStatementCdf(double spot, double strike, double time, double rate, double volatility)
    {
        double deviation = volatility * Math.Sqrt(time);
        double d1 = (Math.Log(spot / strike) + (rate + 0.5 * volatility * volatility) * time) / deviation;
        double d2 = d1 - deviation;
        return spot * NormalCdfStatements(d1) - strike * Math.Exp(-rate * time) * NormalCdfStatements(d2);
    }

    /// <summary><see cref="NormalCdf"/> with statements: the terms in locals, and N(x) = 1 − p returned early for negative x.</summary>
    public static double NormalCdfStatements(double x)
    {
        double k = 1 / (1 + 0.2316419 * Math.Abs(x));
        double poly = k * (0.319381530 + k * (-0.356563782 + k * (1.781477937 + k * (-1.821255978 + k * 1.330274429))));
        double p = 1 - 0.3989422804014327 * Math.Exp(-0.5 * x * x) * poly;
        if (x < 0)
        {
            return 1 - p;
        }

        return p;
    }

    /// <summary>The call price in single precision.</summary>
    public static float BlackScholesCallF(float spot, float strike, float time, float rate, float volatility)
    {
        float deviation = volatility * MathF.Sqrt(time);
        float d1 = (MathF.Log(spot / strike) + (rate + 0.5f * volatility * volatility) * time) / deviation;
        float d2 = d1 - deviation;
        return spot * NormalCdfF(d1) - strike * MathF.Exp(-rate * time) * NormalCdfF(d2);
    }

    /// <summary>The put price in single precision.</summary>
    public static float BlackScholesPutF(float spot, float strike, float time, float rate, float volatility)
    {
        float deviation = volatility * MathF.Sqrt(time);
        float d1 = (MathF.Log(spot / strike) + (rate + 0.5f * volatility * volatility) * time) / deviation;
        float d2 = d1 - deviation;
        return strike * MathF.Exp(-rate * time) * NormalCdfF(-d2) - spot * NormalCdfF(-d1);
    }

    /// <summary>The normal CDF of <see cref="NormalCdf"/> in single precision.</summary>
    public static float NormalCdfF(float x) =>
        ReflectF(x, 1f - 0.39894228f * MathF.Exp(-0.5f * x * x) * PolyF(1f / (1f + 0.2316419f * MathF.Abs(x))));

    static float ReflectF(float x, float p) => x < 0f ? 1f - p : p;

    static float PolyF(float k) => k * (0.31938153f + k * (-0.356563782f + k * (1.781477937f + k * (-1.821255978f + k * 1.330274429f))));

    [Vectorize(nameof(BlackScholesCall))]
    public static partial void BlackScholesCall(ReadOnlySpan<double> spot, ReadOnlySpan<double> strike, ReadOnlySpan<double> time, double rate, double volatility, Span<double> destination);

    [Vectorize(nameof(BlackScholesCallStatementCdf))]
    public static partial void BlackScholesCallStatementCdf(ReadOnlySpan<double> spot, ReadOnlySpan<double> strike, ReadOnlySpan<double> time, double rate, double volatility, Span<double> destination);

    [Vectorize(nameof(BlackScholesPut))]
    public static partial void BlackScholesPut(ReadOnlySpan<double> spot, ReadOnlySpan<double> strike, ReadOnlySpan<double> time, double rate, double volatility, Span<double> destination);

    [Vectorize(nameof(BlackScholesCallF))]
    public static partial void BlackScholesCall(ReadOnlySpan<float> spot, ReadOnlySpan<float> strike, ReadOnlySpan<float> time, float rate, float volatility, Span<float> destination);

    [Vectorize(nameof(BlackScholesPutF))]
    public static partial void BlackScholesPut(ReadOnlySpan<float> spot, ReadOnlySpan<float> strike, ReadOnlySpan<float> time, float rate, float volatility, Span<float> destination);

    /// <summary>The double call price across threads (Target.Parallel), SIMD in each chunk.</summary>
    [Vectorize(nameof(BlackScholesCall), Target = Target.Parallel)]
    public static partial void BlackScholesCallParallel(ReadOnlySpan<double> spot, ReadOnlySpan<double> strike, ReadOnlySpan<double> time, double rate, double volatility, Span<double> destination);

    /// <summary>The float call price across threads (Target.Parallel).</summary>
    [Vectorize(nameof(BlackScholesCallF), Target = Target.Parallel)]
    public static partial void BlackScholesCallParallel(ReadOnlySpan<float> spot, ReadOnlySpan<float> strike, ReadOnlySpan<float> time, float rate, float volatility, Span<float> destination);
}
