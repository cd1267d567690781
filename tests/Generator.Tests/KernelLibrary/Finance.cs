using System;
using SourceGen;
using static SourceGen.Loops;

namespace KernelLibrary;

/// <summary>Option pricing and portfolio arithmetic.</summary>
public static partial class Finance
{
    /// <summary>Standard normal CDF, Abramowitz and Stegun 26.2.17 (error below 7.5e-8).</summary>
    static double NormalCdf(double x)
    {
        double t = 1.0 / (1.0 + 0.2316419 * Math.Abs(x));
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        double tail = 0.3989422804014327 * Math.Exp(-0.5 * x * x) * poly;
        return x >= 0 ? 1.0 - tail : tail;
    }

    /// <summary>Black–Scholes price of a European call.</summary>
    static double CallPrice(double spot, double strike, double years, double rate, double volatility)
    {
        double sqrtT = Math.Sqrt(years);
        double d1 = (Math.Log(spot / strike) + (rate + 0.5 * volatility * volatility) * years) / (volatility * sqrtT);
        double d2 = d1 - volatility * sqrtT;
        return spot * NormalCdf(d1) - strike * Math.Exp(-rate * years) * NormalCdf(d2);
    }

    [Vectorize(nameof(CallPrice), Target = Target.Parallel)]
    public static partial void CallPrices(ReadOnlySpan<double> spot, ReadOnlySpan<double> strike, ReadOnlySpan<double> years, double rate, ReadOnlySpan<double> volatility, Span<double> destination);

    /// <summary>Logistic approximation of the normal CDF (Bowling et al.), one expression.</summary>
    static double FastNormalCdf(double x) => 1.0 / (1.0 + Math.Exp(-1.5976 * x - 0.070566 * x * x * x));

    /// <summary>Black–Scholes put with the one-expression CDF.</summary>
    static double PutPrice(double spot, double strike, double years, double rate, double volatility)
    {
        double sqrtT = Math.Sqrt(years);
        double d1 = (Math.Log(spot / strike) + (rate + 0.5 * volatility * volatility) * years) / (volatility * sqrtT);
        double d2 = d1 - volatility * sqrtT;
        return strike * Math.Exp(-rate * years) * FastNormalCdf(-d2) - spot * FastNormalCdf(-d1);
    }

    [Vectorize(nameof(PutPrice))]
    public static partial void PutPrices(ReadOnlySpan<double> spot, ReadOnlySpan<double> strike, double years, double rate, double volatility, Span<double> destination);

    /// <summary>Compound interest: value after <paramref name="years"/> with <paramref name="periods"/> compoundings a year.</summary>
    static double Compound(double principal, double rate, double periods, double years) =>
        principal * Math.Pow(1 + rate / periods, periods * years);

    [Vectorize(nameof(Compound))]
    public static partial void Compound(ReadOnlySpan<double> principal, ReadOnlySpan<double> rate, double periods, double years, Span<double> destination);

    /// <summary>Log return between consecutive prices.</summary>
    static double LogReturn(double price, double previous) => Math.Log(price / previous);

    [Vectorize(nameof(LogReturn))]
    public static partial void LogReturns(ReadOnlySpan<double> price, ReadOnlySpan<double> previous, Span<double> destination);

    /// <summary>Volume-weighted average price of a day's trades.</summary>
    public static double Vwap(ReadOnlySpan<double> price, ReadOnlySpan<double> volume)
    {
        double notional = 0, shares = 0;
        foreach (int i in Prange(price.Length))
        {
            notional += price[i] * volume[i];
            shares += volume[i];
        }

        return notional / shares;
    }

    [Parallel(nameof(Vwap), FastMath = true)]
    public static partial double VwapParallel(ReadOnlySpan<double> price, ReadOnlySpan<double> volume);

    /// <summary>Largest peak-to-trough loss of one price series.</summary>
    static void MaxDrawdown(ReadOnlySpan<double> prices, Span<double> result)
    {
        double peak = double.NegativeInfinity;
        double worst = 0;
        for (int i = 0; i < prices.Length; i++)
        {
            peak = Math.Max(peak, prices[i]);
            worst = Math.Max(worst, (peak - prices[i]) / peak);
        }

        result[0] = worst;
    }

    /// <summary>The drawdown of every asset (one row each).</summary>
    [GuVectorize(nameof(MaxDrawdown), "(n)->()")]
    public static partial void MaxDrawdowns(double[,] prices, double[] result);

    /// <summary>Exponential moving average with smoothing factor alpha.</summary>
    static void Ema(ReadOnlySpan<double> values, double alpha, Span<double> result)
    {
        double average = values.Length > 0 ? values[0] : 0;
        for (int i = 0; i < values.Length; i++)
        {
            average = alpha * values[i] + (1 - alpha) * average;
            result[i] = average;
        }
    }

    [GuVectorize(nameof(Ema), "(n),()->(n)", Target = Target.Parallel)]
    public static partial void EmaRows(double[,] values, double alpha, double[,] result);
}
