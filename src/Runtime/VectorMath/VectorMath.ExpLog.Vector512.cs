using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace SourceGen;

// The source of VectorMath.ExpLog.Vector256.cs and VectorMath.ExpLog.Vector128.cs (generate.sh renames the width): edit this file.
// Exp2, Exp10, ExpM1, Log10 and LogP1: reductions onto Exp's and Log's kernels (VectorMath.Vector512.cs).
public static partial class VectorMath
{
    // ---- Exp2, Exp10, ExpM1 (double) ----------------------------------------------------------------------------

    /// <summary>2 raised to each lane of <paramref name="x"/>, as <see cref="double.Exp2(double)"/>.</summary>
    /// <remarks>
    /// Max error 1 ulp against double.Exp2 (10^5+ random inputs per width; subnormal results: within 1 of the last
    /// subnormal place); exact for integer x. Exp2(NaN) = NaN, Exp2(±0) = 1, Exp2(+∞) = +∞, Exp2(−∞) = +0;
    /// overflows to +∞ from 1024, underflows gradually through the subnormals to +0 from −1075.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<double> Exp2(Vector512<double> x)
    {
        // NaN compares false: it stays on the fast path and comes out NaN.
        if (Vector512.GreaterThanAny(Vector512.Abs(x), Vector512.Create(Exp2FastLimitD)))
        {
            return Exp2Wide(x);
        }

        // x = n + r, |r| <= 1/2, r exact; 2^r = 1 + expm1(r ln 2), scaled by 2^n with one rounding.
        Vector512<double> k = x + Vector512.Create(ShifterD);
        Vector512<double> n = k - Vector512.Create(ShifterD);
        Vector512<double> p = ExpM1Reduced((x - n) * Vector512.Create(Ln2D));
        Vector512<double> scale = ((k.AsUInt64() + Vector512.Create(1023UL)) << 52).AsDouble();
        return Vector512.MultiplyAddEstimate(p, scale, scale);
    }

    /// <summary>Exp2 where some lane has |x| &gt; 1020: clamped to where the result is 0 or ∞ either way, then
    /// scaled in two steps.</summary>
    [MethodImpl(Cold)]
    private static Vector512<double> Exp2Wide(Vector512<double> x)
    {
        x = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(1030.0)), Vector512.Create(1030.0), x);
        x = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(-1080.0)), Vector512.Create(-1080.0), x);
        Vector512<double> n = x + Vector512.Create(ShifterD) - Vector512.Create(ShifterD);
        return ScaleWide(ExpM1Reduced((x - n) * Vector512.Create(Ln2D)), n);
    }

    /// <summary>10 raised to each lane of <paramref name="x"/>, as <see cref="double.Exp10(double)"/>.</summary>
    /// <remarks>
    /// Max error 1 ulp against double.Exp10 (10^5+ random inputs per width; subnormal results: within 1 of the last
    /// subnormal place). Exp10(NaN) = NaN, Exp10(±0) = 1, Exp10(+∞) = +∞, Exp10(−∞) = +0; overflows to +∞ above
    /// 308.25, underflows gradually through the subnormals to +0 below −323.6.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<double> Exp10(Vector512<double> x)
    {
        if (Vector512.GreaterThanAny(Vector512.Abs(x), Vector512.Create(Exp10FastLimitD)))
        {
            return Exp10Wide(x);
        }

        Vector512<double> k = Vector512.MultiplyAddEstimate(x, Vector512.Create(Log2Of10D), Vector512.Create(ShifterD));
        Vector512<double> p = Exp10Reduced(x, k - Vector512.Create(ShifterD));
        Vector512<double> scale = ((k.AsUInt64() + Vector512.Create(1023UL)) << 52).AsDouble();
        return Vector512.MultiplyAddEstimate(p, scale, scale);
    }

    [MethodImpl(Cold)]
    private static Vector512<double> Exp10Wide(Vector512<double> x)
    {
        x = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(310.0)), Vector512.Create(310.0), x);
        x = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(-326.0)), Vector512.Create(-326.0), x);
        Vector512<double> n = Vector512.MultiplyAddEstimate(x, Vector512.Create(Log2Of10D), Vector512.Create(ShifterD)) - Vector512.Create(ShifterD);
        return ScaleWide(Exp10Reduced(x, n), n);
    }

    /// <summary>10^(x - n log10(2)) - 1 for n = round(x log2(10)).</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> Exp10Reduced(Vector512<double> x, Vector512<double> n)
    {
        // n * Log10Of2HiD is exact, so r is off by about one rounding (fused or not); |r| <= log10(2)/2, so
        // r ln 10 is in Exp's polynomial range.
        Vector512<double> r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-Log10Of2LoD), Vector512.MultiplyAddEstimate(n, Vector512.Create(-Log10Of2HiD), x));
        return ExpM1Reduced(r * Vector512.Create(Ln10D));
    }

    /// <summary>(1 + p) 2^n for integer n in [-1100, 1100]: 2^n = 2^(n - a) 2^a with a = ±64, both factors
    /// normal; the last product rounds once more (into the subnormals or to ∞).</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> ScaleWide(Vector512<double> p, Vector512<double> n)
    {
        Vector512<double> negative = Vector512.LessThan(n, Vector512<double>.Zero);
        Vector512<double> a = Vector512.ConditionalSelect(negative, Vector512.Create(-64.0), Vector512.Create(64.0));
        Vector512<double> scale = ((n - a + Vector512.Create(ShifterD + 1023.0)).AsUInt64() << 52).AsDouble();
        return Vector512.MultiplyAddEstimate(p, scale, scale) * Vector512.ConditionalSelect(negative, Vector512.Create(5.421010862427522E-20), Vector512.Create(18446744073709551616.0));
    }

    /// <summary>e^x − 1 for each lane of <paramref name="x"/>, accurate near 0 (C's <c>expm1</c>).</summary>
    /// <remarks>
    /// More accurate than <see cref="double.ExpM1(double)"/>, which is <c>Math.Exp(x) - 1</c> and loses every
    /// significant digit as x approaches 0 (it returns 0 for |x| &lt; 2^-54, where e^x − 1 is x). Max error 1 ulp
    /// against the exactly rounded e^x − 1 (reference: the Taylor series in double-double arithmetic on (−4, 40),
    /// Math.Exp(x) − 1 outside; 10^5+ random inputs per width, with and without FMA). ExpM1(NaN) = NaN, ExpM1(±0) = ±0 (double.ExpM1(−0) is +0),
    /// ExpM1(+∞) = +∞, ExpM1(−∞) = −1, ExpM1(x) = x for subnormal x; overflows to +∞ above 709.782712893384.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<double> ExpM1(Vector512<double> x)
    {
        if (Vector512.GreaterThanAny(x, Vector512.Create(ExpFastLimitD)))
        {
            return ExpM1Wide(x);
        }

        // Below -708 e^x - 1 rounds to -1 (from -38 on): clamp, so 2^n stays normal. NaN compares false and stays NaN.
        Vector512<double> clamped = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(-ExpFastLimitD)), Vector512.Create(-ExpFastLimitD), x);
        // ±0: the polynomial's r + r^2 q gives +0 for -0.
        return Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<double>.Zero), x, ExpM1Core(clamped));
    }

    /// <summary>ExpM1 where some lane is above 708: there e^x − 1 is e^x (Exp handles overflow).</summary>
    [MethodImpl(Cold)]
    private static Vector512<double> ExpM1Wide(Vector512<double> x)
    {
        Vector512<double> big = Vector512.GreaterThan(x, Vector512.Create(ExpFastLimitD));
        Vector512<double> clamped = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(-ExpFastLimitD)), Vector512.Create(-ExpFastLimitD), x);
        Vector512<double> small = ExpM1Core(Vector512.ConditionalSelect(big, Vector512<double>.Zero, clamped));
        return Vector512.ConditionalSelect(big, Exp(x), Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<double>.Zero), x, small));
    }

    /// <summary>e^x − 1 for |x| &lt;= 708 (+0 for ±0).</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> ExpM1Core(Vector512<double> x)
    {
        Vector512<double> k = Vector512.MultiplyAddEstimate(x, Vector512.Create(Log2ED), Vector512.Create(ShifterD));
        Vector512<double> n = k - Vector512.Create(ShifterD);
        // r = x - n ln2 as r + rc: x - n Ln2HiD is exact, rc is what rounding r lost (for n = ±1 the result is about
        // 2p ± 1, so r's and p's last bits count twice).
        Vector512<double> high = Vector512.MultiplyAddEstimate(n, Vector512.Create(-Ln2HiD), x);
        Vector512<double> r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-Ln2LoD), high);
        Vector512<double> rc = Vector512.MultiplyAddEstimate(n, Vector512.Create(-Ln2LoD), high - r);
        // e^r - 1 = r + r^2 q as p + pc (Fast2Sum: |r^2 q| < |r|).
        Vector512<double> t = r * r * ExpM1Polynomial(r);
        Vector512<double> p = r + t;
        Vector512<double> pc = (r - p) + t + rc;
        // e^x - 1 = 2^n (1 + p) - 1 = p 2^n + (2^n - 1): 2^n - 1 is exact for the n where it matters (n in [-53, 53]),
        // p 2^n is exact; the result is p itself for n = 0.
        Vector512<double> scale = ((k.AsUInt64() + Vector512.Create(1023UL)) << 52).AsDouble();
        return Vector512.MultiplyAddEstimate(pc, scale, Vector512.MultiplyAddEstimate(p, scale, scale - Vector512<double>.One));
    }

    /// <summary>e^r − 1 = r + r^2 P(r) for |r| &lt;= ln2/2 (Exp's polynomial, whose error is relative to r^2 P).</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> ExpM1Reduced(Vector512<double> r) => Vector512.MultiplyAddEstimate(r * r, ExpM1Polynomial(r), r);

    /// <summary>P(r) of e^r = 1 + r + r^2 P(r).</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> ExpM1Polynomial(Vector512<double> r)
    {
        Vector512<double> q = Vector512.MultiplyAddEstimate(Vector512.Create(ExpD9), r, Vector512.Create(ExpD8));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpD7));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpD6));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpD5));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpD4));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpD3));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpD2));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpD1));
        return Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpD0));
    }

    // ---- Exp2, Exp10, ExpM1 (float) -----------------------------------------------------------------------------

    /// <summary>2 raised to each lane of <paramref name="x"/>, as <see cref="float.Exp2(float)"/>, computed in float.</summary>
    /// <remarks>
    /// Max error 1 ulp against float.Exp2 (every 97th float and 10^5 random ones, with and without FMA); exact for integer x. Exp2(NaN) = NaN, Exp2(±0) = 1,
    /// Exp2(+∞) = +∞, Exp2(−∞) = +0; overflows to +∞ from 128, underflows gradually to +0 from −150.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<float> Exp2(Vector512<float> x)
    {
        if (Vector512.GreaterThanAny(Vector512.Abs(x), Vector512.Create(Exp2FastLimitF)))
        {
            return Exp2Wide(x);
        }

        Vector512<float> k = x + Vector512.Create(ShifterF);
        Vector512<float> n = k - Vector512.Create(ShifterF);
        Vector512<float> p = ExpM1Reduced((x - n) * Vector512.Create(Ln2F));
        Vector512<float> scale = ((k.AsUInt32() + Vector512.Create(127u)) << 23).AsSingle();
        return Vector512.MultiplyAddEstimate(p, scale, scale);
    }

    [MethodImpl(Cold)]
    private static Vector512<float> Exp2Wide(Vector512<float> x)
    {
        x = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(130.0f)), Vector512.Create(130.0f), x);
        x = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(-152.0f)), Vector512.Create(-152.0f), x);
        Vector512<float> n = x + Vector512.Create(ShifterF) - Vector512.Create(ShifterF);
        return ScaleWide(ExpM1Reduced((x - n) * Vector512.Create(Ln2F)), n);
    }

    /// <summary>10 raised to each lane of <paramref name="x"/>, as <see cref="float.Exp10(float)"/>, computed in float.</summary>
    /// <remarks>
    /// Max error 1 ulp against float.Exp10 (every 97th float and 10^5 random ones, with and without FMA). Exp10(NaN) = NaN, Exp10(±0) = 1, Exp10(+∞) = +∞,
    /// Exp10(−∞) = +0; overflows to +∞ above 38.5318, underflows gradually to +0 below −45.16.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<float> Exp10(Vector512<float> x)
    {
        if (Vector512.GreaterThanAny(Vector512.Abs(x), Vector512.Create(Exp10FastLimitF)))
        {
            return Exp10Wide(x);
        }

        Vector512<float> k = Vector512.MultiplyAddEstimate(x, Vector512.Create(Log2Of10F), Vector512.Create(ShifterF));
        Vector512<float> p = Exp10Reduced(x, k - Vector512.Create(ShifterF));
        Vector512<float> scale = ((k.AsUInt32() + Vector512.Create(127u)) << 23).AsSingle();
        return Vector512.MultiplyAddEstimate(p, scale, scale);
    }

    [MethodImpl(Cold)]
    private static Vector512<float> Exp10Wide(Vector512<float> x)
    {
        x = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(40.0f)), Vector512.Create(40.0f), x);
        x = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(-46.0f)), Vector512.Create(-46.0f), x);
        Vector512<float> n = Vector512.MultiplyAddEstimate(x, Vector512.Create(Log2Of10F), Vector512.Create(ShifterF)) - Vector512.Create(ShifterF);
        return ScaleWide(Exp10Reduced(x, n), n);
    }

    [MethodImpl(Inline)]
    private static Vector512<float> Exp10Reduced(Vector512<float> x, Vector512<float> n)
    {
        Vector512<float> r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-Log10Of2LoF), Vector512.MultiplyAddEstimate(n, Vector512.Create(-Log10Of2HiF), x));
        return ExpM1Reduced(r * Vector512.Create(Ln10F));
    }

    /// <summary>(1 + p) 2^n for integer n in [-160, 160]: 2^(n - a) 2^a with a = ±32.</summary>
    [MethodImpl(Inline)]
    private static Vector512<float> ScaleWide(Vector512<float> p, Vector512<float> n)
    {
        Vector512<float> negative = Vector512.LessThan(n, Vector512<float>.Zero);
        Vector512<float> a = Vector512.ConditionalSelect(negative, Vector512.Create(-32.0f), Vector512.Create(32.0f));
        Vector512<float> scale = ((n - a + Vector512.Create(ShifterF + 127.0f)).AsUInt32() << 23).AsSingle();
        return Vector512.MultiplyAddEstimate(p, scale, scale) * Vector512.ConditionalSelect(negative, Vector512.Create(2.32830644E-10f), Vector512.Create(4294967296.0f));
    }

    /// <summary>e^x − 1 for each lane of <paramref name="x"/>, accurate near 0 (C's <c>expm1f</c>), computed in float.</summary>
    /// <remarks>
    /// More accurate than <see cref="float.ExpM1(float)"/>, which is <c>MathF.Exp(x) - 1</c> and loses every
    /// significant digit as x approaches 0. Max error 1 ulp against the exactly rounded e^x − 1 (reference: the
    /// double e^x − 1 of the double tests, rounded to float; every 97th float and 10^5 random ones, with and without FMA). ExpM1(NaN) = NaN, ExpM1(±0) = ±0,
    /// ExpM1(+∞) = +∞, ExpM1(−∞) = −1, ExpM1(x) = x for subnormal x; overflows to +∞ above 88.72283.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<float> ExpM1(Vector512<float> x)
    {
        if (Vector512.GreaterThanAny(x, Vector512.Create(ExpFastLimitF)))
        {
            return ExpM1Wide(x);
        }

        Vector512<float> clamped = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(-ExpFastLimitF)), Vector512.Create(-ExpFastLimitF), x);
        return Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<float>.Zero), x, ExpM1Core(clamped));
    }

    [MethodImpl(Cold)]
    private static Vector512<float> ExpM1Wide(Vector512<float> x)
    {
        Vector512<float> big = Vector512.GreaterThan(x, Vector512.Create(ExpFastLimitF));
        Vector512<float> clamped = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(-ExpFastLimitF)), Vector512.Create(-ExpFastLimitF), x);
        Vector512<float> small = ExpM1Core(Vector512.ConditionalSelect(big, Vector512<float>.Zero, clamped));
        return Vector512.ConditionalSelect(big, Exp(x), Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<float>.Zero), x, small));
    }

    [MethodImpl(Inline)]
    private static Vector512<float> ExpM1Core(Vector512<float> x)
    {
        Vector512<float> k = Vector512.MultiplyAddEstimate(x, Vector512.Create(Log2EF), Vector512.Create(ShifterF));
        Vector512<float> n = k - Vector512.Create(ShifterF);
        Vector512<float> high = Vector512.MultiplyAddEstimate(n, Vector512.Create(-Ln2HiF), x);
        Vector512<float> r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-Ln2LoF), high);
        Vector512<float> rc = Vector512.MultiplyAddEstimate(n, Vector512.Create(-Ln2LoF), high - r);
        // Exp's float polynomial is accurate relative to e^r, not to e^r - 1 (0.7 ulp of it at |r| = ln2/2): two
        // terms more, with the double fit's coefficients.
        Vector512<float> q = Vector512.MultiplyAddEstimate(Vector512.Create((float)ExpD6), r, Vector512.Create((float)ExpD5));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create((float)ExpD4));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create((float)ExpD3));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create((float)ExpD2));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create((float)ExpD1));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create((float)ExpD0));
        Vector512<float> t = r * r * q;
        Vector512<float> p = r + t;
        Vector512<float> pc = (r - p) + t + rc;
        Vector512<float> scale = ((k.AsUInt32() + Vector512.Create(127u)) << 23).AsSingle();
        return Vector512.MultiplyAddEstimate(pc, scale, Vector512.MultiplyAddEstimate(p, scale, scale - Vector512<float>.One));
    }

    [MethodImpl(Inline)]
    private static Vector512<float> ExpM1Reduced(Vector512<float> r) => Vector512.MultiplyAddEstimate(r * r, ExpM1Polynomial(r), r);

    [MethodImpl(Inline)]
    private static Vector512<float> ExpM1Polynomial(Vector512<float> r)
    {
        Vector512<float> q = Vector512.MultiplyAddEstimate(Vector512.Create(ExpF4), r, Vector512.Create(ExpF3));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpF2));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpF1));
        return Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpF0));
    }

    // ---- Log10, LogP1 (double) ----------------------------------------------------------------------------------

    /// <summary>The base-10 logarithm of each lane of <paramref name="x"/>, as <see cref="Math.Log10(double)"/>.</summary>
    /// <remarks>
    /// Max error 2 ulp against Math.Log10 (10^5+ random inputs per width, with and without FMA); Log10(1) = +0. Log10(NaN) = NaN, Log10(x &lt; 0) = NaN,
    /// Log10(±0) = −∞, Log10(+∞) = +∞; subnormal inputs as accurate as normal ones.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<double> Log10(Vector512<double> x)
    {
        Vector512<ulong> bits = x.AsUInt64();
        if (Vector512.GreaterThanOrEqualAny(bits - Vector512.Create(0x0010000000000000UL), Vector512.Create(0x7FE0000000000000UL)))
        {
            return Log10Special(x);
        }

        Vector512<double> f = Log1pReduced(bits, out Vector512<double> e);
        return Log10Combine(f, e);
    }

    /// <summary>e log10(2) + f / ln 10: e log10(2)'s high part exact, the small terms added first.</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> Log10Combine(Vector512<double> f, Vector512<double> e) =>
        e * Vector512.Create(Log10Of2HiD) + Vector512.MultiplyAddEstimate(f, Vector512.Create(InvLn10D), e * Vector512.Create(Log10Of2LoD));

    [MethodImpl(Cold)]
    private static Vector512<double> Log10Special(Vector512<double> x)
    {
        Vector512<double> subnormal = Vector512.LessThan(x, Vector512.Create(2.2250738585072014E-308));
        Vector512<double> scaled = Vector512.ConditionalSelect(subnormal, x * Vector512.Create(18014398509481984.0), x);
        Vector512<double> f = Log1pReduced(scaled.AsUInt64(), out Vector512<double> e);
        e -= Vector512.ConditionalSelect(subnormal, Vector512.Create(54.0), Vector512<double>.Zero);
        return LogSpecialValues(x, Log10Combine(f, e));
    }

    /// <summary>Where x is not positive finite, a logarithm's special value: −∞ for ±0, +∞ for +∞, else NaN.</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> LogSpecialValues(Vector512<double> x, Vector512<double> result)
    {
        Vector512<double> special = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<double>.Zero), Vector512.Create(double.NegativeInfinity),
            Vector512.ConditionalSelect(Vector512.Equals(x, Vector512.Create(double.PositiveInfinity)), x, Vector512.Create(double.NaN)));
        Vector512<double> ordinary = Vector512.GreaterThan(x, Vector512<double>.Zero) & Vector512.LessThan(x, Vector512.Create(double.PositiveInfinity));
        return Vector512.ConditionalSelect(ordinary, result, special);
    }

    /// <summary>log(1 + x) for each lane of <paramref name="x"/>, accurate near 0 (C's <c>log1p</c>).</summary>
    /// <remarks>
    /// More accurate than <see cref="double.LogP1(double)"/>, which is <c>Math.Log(x + 1)</c> and loses the digits
    /// of x that 1 + x rounds away (it returns 0 for |x| &lt; 2^-53, where log(1 + x) is x). Max error 1 ulp against
    /// the exactly rounded log(1 + x) (reference: with u = 1 + x rounded, Math.Log(u) − ((u − 1) − x) / u; 10^5+
    /// random inputs per width). LogP1(NaN) = NaN, LogP1(x &lt; −1) = NaN, LogP1(−1) = −∞, LogP1(±0) = ±0
    /// (double.LogP1(−0) is +0), LogP1(+∞) = +∞, LogP1(x) = x for subnormal x. Branch-free.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<double> LogP1(Vector512<double> x)
    {
        Vector512<double> u = Vector512<double>.One + x;
        Vector512<double> c = TwoSumError(Vector512<double>.One, x, u);
        return Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<double>.Zero), x, LogSum(u, c, Vector512<double>.Zero));
    }

    /// <summary>The rounding error of s = a + b (Knuth's TwoSum): a + b − s exactly, whatever the magnitudes.</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> TwoSumError(Vector512<double> a, Vector512<double> b, Vector512<double> s)
    {
        Vector512<double> bb = s - a;
        return (a - (s - bb)) + (b - bb);
    }

    /// <summary>
    /// log(u + c) + k ln 2 for u &gt;= 2^-60 (never subnormal) and a correction |c| &lt;= ulp(u) (log(u) + c/u), with
    /// log's special values for u: −∞ for 0, +∞ for +∞, NaN for negative or NaN u. LogP1, Asinh, Acosh, Atanh.
    /// </summary>
    [MethodImpl(Inline)]
    private static Vector512<double> LogSum(Vector512<double> u, Vector512<double> c, Vector512<double> k)
    {
        Vector512<double> f = Log1pReduced(u.AsUInt64(), out Vector512<double> e);
        e += k;
        Vector512<double> result = e * Vector512.Create(Ln2HiD) + (f + Vector512.MultiplyAddEstimate(e, Vector512.Create(Ln2LoD), c / u));
        return LogSpecialValues(u, result);
    }

    // ---- Log10, LogP1 (float) -----------------------------------------------------------------------------------

    /// <summary>The base-10 logarithm of each lane of <paramref name="x"/>, as <see cref="MathF.Log10(float)"/>, computed in float.</summary>
    /// <remarks>
    /// Max error 2 ulp against MathF.Log10 (every float checked). Log10(NaN) = NaN, Log10(x &lt; 0) = NaN,
    /// Log10(±0) = −∞, Log10(+∞) = +∞, Log10(1) = +0; subnormal inputs as accurate as normal ones.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<float> Log10(Vector512<float> x)
    {
        Vector512<uint> bits = x.AsUInt32();
        if (Vector512.GreaterThanOrEqualAny(bits - Vector512.Create(0x00800000u), Vector512.Create(0x7F000000u)))
        {
            return Log10Special(x);
        }

        return Log10Reduced(bits, Vector512<float>.Zero);
    }

    /// <summary>log10(x) for a positive normal x (other lanes: any values), whose exponent is then lowered by
    /// <paramref name="scaledBy"/>.</summary>
    [MethodImpl(Inline)]
    private static Vector512<float> Log10Reduced(Vector512<uint> bits, Vector512<float> scaledBy)
    {
        if (Fma.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            // log10 x = e log10(2) + f/ln 10 + f^2 G(f), 1/ln 10 folded into G's coefficients: no rounded log1p(f) to
            // scale (its rounding would be up to an ulp of the result where log10 x is in a lower binade than f).
            // log10(2) and 1/ln 10 in two parts each, the small ones added first, each product fused.
            Vector512<float> f = MantissaMinusOne(bits, out Vector512<float> e);
            e -= scaledBy;
            Vector512<float> g = Vector512.MultiplyAddEstimate(Vector512.Create(Log10G8), f, Vector512.Create(Log10G7));
            g = Vector512.MultiplyAddEstimate(g, f, Vector512.Create(Log10G6));
            g = Vector512.MultiplyAddEstimate(g, f, Vector512.Create(Log10G5));
            g = Vector512.MultiplyAddEstimate(g, f, Vector512.Create(Log10G4));
            g = Vector512.MultiplyAddEstimate(g, f, Vector512.Create(Log10G3));
            g = Vector512.MultiplyAddEstimate(g, f, Vector512.Create(Log10G2));
            g = Vector512.MultiplyAddEstimate(g, f, Vector512.Create(Log10G1));
            g = Vector512.MultiplyAddEstimate(g, f, Vector512.Create(Log10G0));
            Vector512<float> t = Vector512.MultiplyAddEstimate(e, Vector512.Create(Log10Of2LoF), f * f * g);
            t = Vector512.MultiplyAddEstimate(f, Vector512.Create(InvLn10LoF), t);
            t = Vector512.MultiplyAddEstimate(f, Vector512.Create(InvLn10HiF), t);
            return Vector512.MultiplyAddEstimate(e, Vector512.Create(Log10Of2HiF), t);
        }

        // Unfused, f/ln 10 alone would round to an ulp of the result: Log's log1p(f) first, then scaled.
        Vector512<float> y = Log1pReduced(bits, out Vector512<float> exponent);
        exponent -= scaledBy;
        return exponent * Vector512.Create(Log10Of2HiF) + (y * Vector512.Create(InvLn10HiF) + exponent * Vector512.Create(Log10Of2LoF));
    }

    [MethodImpl(Cold)]
    private static Vector512<float> Log10Special(Vector512<float> x)
    {
        Vector512<float> subnormal = Vector512.LessThan(x, Vector512.Create(1.17549435E-38f));
        Vector512<float> scaled = Vector512.ConditionalSelect(subnormal, x * Vector512.Create(33554432.0f), x);
        return LogSpecialValues(x, Log10Reduced(scaled.AsUInt32(), Vector512.ConditionalSelect(subnormal, Vector512.Create(25.0f), Vector512<float>.Zero)));
    }

    [MethodImpl(Inline)]
    private static Vector512<float> LogSpecialValues(Vector512<float> x, Vector512<float> result)
    {
        Vector512<float> special = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<float>.Zero), Vector512.Create(float.NegativeInfinity),
            Vector512.ConditionalSelect(Vector512.Equals(x, Vector512.Create(float.PositiveInfinity)), x, Vector512.Create(float.NaN)));
        Vector512<float> ordinary = Vector512.GreaterThan(x, Vector512<float>.Zero) & Vector512.LessThan(x, Vector512.Create(float.PositiveInfinity));
        return Vector512.ConditionalSelect(ordinary, result, special);
    }

    /// <summary>log(1 + x) for each lane of <paramref name="x"/>, accurate near 0 (C's <c>log1pf</c>), computed in float.</summary>
    /// <remarks>
    /// More accurate than <see cref="float.LogP1(float)"/>, which is <c>MathF.Log(x + 1)</c> and loses the digits of
    /// x that 1 + x rounds away. Max error 1 ulp against the exactly rounded log(1 + x) (reference: the double
    /// reference of the double tests, rounded to float; every 97th float and 10^5 random ones, with and without FMA). LogP1(NaN) = NaN, LogP1(x &lt; −1) =
    /// NaN, LogP1(−1) = −∞, LogP1(±0) = ±0, LogP1(+∞) = +∞, LogP1(x) = x for subnormal x. Branch-free.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<float> LogP1(Vector512<float> x)
    {
        Vector512<float> u = Vector512<float>.One + x;
        Vector512<float> c = TwoSumError(Vector512<float>.One, x, u);
        return Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<float>.Zero), x, LogSum(u, c, Vector512<float>.Zero));
    }

    [MethodImpl(Inline)]
    private static Vector512<float> TwoSumError(Vector512<float> a, Vector512<float> b, Vector512<float> s)
    {
        Vector512<float> bb = s - a;
        return (a - (s - bb)) + (b - bb);
    }

    [MethodImpl(Inline)]
    private static Vector512<float> LogSum(Vector512<float> u, Vector512<float> c, Vector512<float> k)
    {
        Vector512<float> f = Log1pReduced(u.AsUInt32(), out Vector512<float> e);
        e += k;
        Vector512<float> result = e * Vector512.Create(Ln2HiF) + (f + Vector512.MultiplyAddEstimate(e, Vector512.Create(Ln2LoF), c / u));
        return LogSpecialValues(u, result);
    }
}
