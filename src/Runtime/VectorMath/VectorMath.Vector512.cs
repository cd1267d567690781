using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SourceGen;

// The source of VectorMath.Vector256.cs and VectorMath.Vector128.cs (generate.sh renames the width): edit this file.
public static partial class VectorMath
{
    // ---- Exp ----------------------------------------------------------------------------------------------------

    /// <summary>e raised to each lane of <paramref name="x"/>, as <see cref="Math.Exp(double)"/>.</summary>
    /// <remarks>
    /// Max error 1 ulp against Math.Exp (10^5+ random inputs per width; subnormal results: within 1 of the last subnormal place). Exp(NaN) = NaN,
    /// Exp(±0) = 1, Exp(+∞) = +∞, Exp(−∞) = +0; overflows to +∞ above 709.782712893384, underflows gradually
    /// through the subnormals to +0 below −745.1332191019412.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<double> Exp(Vector512<double> x)
    {
        // NaN compares false: it stays on the fast path and comes out NaN.
        if (Vector512.GreaterThanAny(Vector512.Abs(x), Vector512.Create(ExpFastLimitD)))
        {
            return ExpWide(x);
        }

        Vector512<double> k = Vector512.MultiplyAddEstimate(x, Vector512.Create(Log2ED), Vector512.Create(ShifterD));
        Vector512<double> p = ExpReduced(x, k - Vector512.Create(ShifterD));
        // 2^n from n's bits in k: n + 1023 in the exponent field.
        return p * ((k.AsUInt64() + Vector512.Create(1023UL)) << 52).AsDouble();
    }

    /// <summary>Exp where some lane has |x| &gt; 708: 2^n applied in two steps, so results overflow and underflow
    /// (gradually, one rounding) as Math.Exp's.</summary>
    [MethodImpl(Cold)]
    private static Vector512<double> ExpWide(Vector512<double> x)
    {
        // Clamp to [-746, 710] (NaN compares false and stays NaN): beyond, the result is 0 or ∞ either way.
        x = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(710.0)), Vector512.Create(710.0), x);
        x = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(-746.0)), Vector512.Create(-746.0), x);
        Vector512<double> k = Vector512.MultiplyAddEstimate(x, Vector512.Create(Log2ED), Vector512.Create(ShifterD));
        Vector512<double> n = k - Vector512.Create(ShifterD);
        Vector512<double> p = ExpReduced(x, n);
        // 2^n = 2^(n - a) * 2^a with a = ±64: both factors normal for n in [-1076, 1025]; the last product rounds once.
        Vector512<double> negative = Vector512.LessThan(n, Vector512<double>.Zero);
        Vector512<double> a = Vector512.ConditionalSelect(negative, Vector512.Create(-64.0), Vector512.Create(64.0));
        Vector512<double> scale = ((n - a + Vector512.Create(ShifterD + 1023.0)).AsUInt64() << 52).AsDouble();
        return p * scale * Vector512.ConditionalSelect(negative, Vector512.Create(5.421010862427522E-20), Vector512.Create(18446744073709551616.0));
    }

    /// <summary>exp(x - n ln2) for n = round(x / ln2).</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> ExpReduced(Vector512<double> x, Vector512<double> n)
    {
        // r = x - n ln2: n * Ln2HiD is exact, so fused or not (MultiplyAddEstimate) x - n * Ln2HiD is exact (Sterbenz) and
        // r is off by one rounding at most.
        Vector512<double> r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-Ln2LoD), Vector512.MultiplyAddEstimate(n, Vector512.Create(-Ln2HiD), x));
        Vector512<double> q = Vector512.MultiplyAddEstimate(Vector512.Create(ExpD9), r, Vector512.Create(ExpD8));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpD7));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpD6));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpD5));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpD4));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpD3));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpD2));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpD1));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpD0));
        return Vector512.MultiplyAddEstimate(r * r, q, r) + Vector512<double>.One;
    }

    /// <summary>e raised to each lane of <paramref name="x"/>, as <see cref="MathF.Exp(float)"/>, computed in float.</summary>
    /// <remarks>
    /// Max error 1 ulp against MathF.Exp (every float checked). Exp(NaN) = NaN, Exp(±0) = 1, Exp(+∞) = +∞,
    /// Exp(−∞) = +0; overflows to +∞ above 88.72283, underflows gradually through the subnormals to +0 below −103.97.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        if (Vector512.GreaterThanAny(Vector512.Abs(x), Vector512.Create(ExpFastLimitF)))
        {
            return ExpWide(x);
        }

        Vector512<float> k = Vector512.MultiplyAddEstimate(x, Vector512.Create(Log2EF), Vector512.Create(ShifterF));
        Vector512<float> p = ExpReduced(x, k - Vector512.Create(ShifterF));
        return p * ((k.AsUInt32() + Vector512.Create(127u)) << 23).AsSingle();
    }

    [MethodImpl(Cold)]
    private static Vector512<float> ExpWide(Vector512<float> x)
    {
        x = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(89.0f)), Vector512.Create(89.0f), x);
        x = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(-104.0f)), Vector512.Create(-104.0f), x);
        Vector512<float> k = Vector512.MultiplyAddEstimate(x, Vector512.Create(Log2EF), Vector512.Create(ShifterF));
        Vector512<float> n = k - Vector512.Create(ShifterF);
        Vector512<float> p = ExpReduced(x, n);
        // 2^n = 2^(n - a) * 2^a with a = ±32: both normal for n in [-151, 129].
        Vector512<float> negative = Vector512.LessThan(n, Vector512<float>.Zero);
        Vector512<float> a = Vector512.ConditionalSelect(negative, Vector512.Create(-32.0f), Vector512.Create(32.0f));
        Vector512<float> scale = ((n - a + Vector512.Create(ShifterF + 127.0f)).AsUInt32() << 23).AsSingle();
        return p * scale * Vector512.ConditionalSelect(negative, Vector512.Create(2.32830644E-10f), Vector512.Create(4294967296.0f));
    }

    [MethodImpl(Inline)]
    private static Vector512<float> ExpReduced(Vector512<float> x, Vector512<float> n)
    {
        Vector512<float> r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-Ln2LoF), Vector512.MultiplyAddEstimate(n, Vector512.Create(-Ln2HiF), x));
        Vector512<float> q = Vector512.MultiplyAddEstimate(Vector512.Create(ExpF4), r, Vector512.Create(ExpF3));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpF2));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpF1));
        q = Vector512.MultiplyAddEstimate(q, r, Vector512.Create(ExpF0));
        return Vector512.MultiplyAddEstimate(r * r, q, r) + Vector512<float>.One;
    }

    // ---- Log, Log2 ----------------------------------------------------------------------------------------------

    /// <summary>The natural logarithm of each lane of <paramref name="x"/>, as <see cref="Math.Log(double)"/>.</summary>
    /// <remarks>
    /// Max error 1 ulp against Math.Log (10^5+ random inputs per width). Log(NaN) = NaN, Log(x &lt; 0) = NaN (−∞ included), Log(±0) = −∞,
    /// Log(+∞) = +∞, Log(1) = +0; subnormal inputs are exact powers of two apart from normal ones (no loss).
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<double> Log(Vector512<double> x)
    {
        // Fast path: every lane a positive normal finite double.
        Vector512<ulong> bits = x.AsUInt64();
        if (Vector512.GreaterThanOrEqualAny(bits - Vector512.Create(0x0010000000000000UL), Vector512.Create(0x7FE0000000000000UL)))
        {
            return LogSpecial(x, base2: false);
        }

        Vector512<double> f = Log1pReduced(bits, out Vector512<double> e);
        return e * Vector512.Create(Ln2HiD) + (f + e * Vector512.Create(Ln2LoD));
    }

    /// <summary>The base-2 logarithm of each lane of <paramref name="x"/>, as <see cref="Math.Log2(double)"/>.</summary>
    /// <remarks>
    /// Max error 2 ulp against Math.Log2 (10^5+ random inputs per width); exact (an integer) for powers of two. Special values as
    /// <see cref="Log(Vector512{double})"/>.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<double> Log2(Vector512<double> x)
    {
        Vector512<ulong> bits = x.AsUInt64();
        if (Vector512.GreaterThanOrEqualAny(bits - Vector512.Create(0x0010000000000000UL), Vector512.Create(0x7FE0000000000000UL)))
        {
            return LogSpecial(x, base2: true);
        }

        Vector512<double> f = Log1pReduced(bits, out Vector512<double> e);
        return e + f * Vector512.Create(InvLn2D);
    }

    /// <summary>Log or Log2 where some lane is not a positive normal double: subnormals scaled up by 2^54 first,
    /// then zero, negative, infinite and NaN lanes get their special value.</summary>
    [MethodImpl(Cold)]
    private static Vector512<double> LogSpecial(Vector512<double> x, bool base2)
    {
        Vector512<double> subnormal = Vector512.LessThan(x, Vector512.Create(2.2250738585072014E-308));
        Vector512<double> scaled = Vector512.ConditionalSelect(subnormal, x * Vector512.Create(18014398509481984.0), x);
        Vector512<double> f = Log1pReduced(scaled.AsUInt64(), out Vector512<double> e);
        e -= Vector512.ConditionalSelect(subnormal, Vector512.Create(54.0), Vector512<double>.Zero);
        Vector512<double> result = base2
            ? e + f * Vector512.Create(InvLn2D)
            : e * Vector512.Create(Ln2HiD) + (f + e * Vector512.Create(Ln2LoD));
        Vector512<double> special = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<double>.Zero), Vector512.Create(double.NegativeInfinity),
            Vector512.ConditionalSelect(Vector512.Equals(x, Vector512.Create(double.PositiveInfinity)), x, Vector512.Create(double.NaN)));
        Vector512<double> ordinary = Vector512.GreaterThan(x, Vector512<double>.Zero) & Vector512.LessThan(x, Vector512.Create(double.PositiveInfinity));
        return Vector512.ConditionalSelect(ordinary, result, special);
    }

    /// <summary>For positive normal x = 2^e m, m in [sqrt(1/2), sqrt(2)): log(m) (returned) and e.</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> Log1pReduced(Vector512<ulong> bits, out Vector512<double> e)
    {
        // Adding 1.0's bits minus sqrt(1/2)'s carries into the exponent exactly when m >= sqrt(2) after the shift.
        Vector512<ulong> biased = (bits + Vector512.Create(0x3FF0000000000000UL - SqrtHalfBitsD)) >>> 52;
        Vector512<double> m = (bits - ((biased - Vector512.Create(1023UL)) << 52)).AsDouble();
        // e as a double: the small integer in the low mantissa bits of 2^52, minus the bias.
        e = (biased | Vector512.Create(0x4330000000000000UL)).AsDouble() - Vector512.Create(4503599627370496.0 + 1023.0);
        Vector512<double> f = m - Vector512<double>.One; // exact (Sterbenz)
        Vector512<double> s = f / (Vector512.Create(2.0) + f);
        Vector512<double> z = s * s;
        Vector512<double> q = Vector512.MultiplyAddEstimate(Vector512.Create(LogD6), z, Vector512.Create(LogD5));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(LogD4));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(LogD3));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(LogD2));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(LogD1));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(LogD0));
        Vector512<double> halfSquare = Vector512.Create(0.5) * f * f;
        // f - f^2/2 + s (f^2/2 + z R): the small correction last, so f's own bits are not rounded away.
        return f - (halfSquare - s * Vector512.MultiplyAddEstimate(z, q, halfSquare));
    }

    /// <summary>The natural logarithm of each lane of <paramref name="x"/>, as <see cref="MathF.Log(float)"/>, computed in float.</summary>
    /// <remarks>
    /// Max error 1 ulp against MathF.Log (every float checked). Log(NaN) = NaN, Log(x &lt; 0) = NaN, Log(±0) = −∞,
    /// Log(+∞) = +∞, Log(1) = +0; subnormal inputs as accurate as normal ones.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<float> Log(Vector512<float> x)
    {
        Vector512<uint> bits = x.AsUInt32();
        if (Vector512.GreaterThanOrEqualAny(bits - Vector512.Create(0x00800000u), Vector512.Create(0x7F000000u)))
        {
            return LogSpecial(x, base2: false);
        }

        Vector512<float> f = Log1pReduced(bits, out Vector512<float> e);
        return e * Vector512.Create(Ln2HiF) + (f + e * Vector512.Create(Ln2LoF));
    }

    /// <summary>The base-2 logarithm of each lane of <paramref name="x"/>, as <see cref="MathF.Log2(float)"/>, computed in float.</summary>
    /// <remarks>
    /// Max error 2 ulp against MathF.Log2 (every float checked); exact for powers of two. Special values as
    /// <see cref="Log(Vector512{float})"/>.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<float> Log2(Vector512<float> x)
    {
        Vector512<uint> bits = x.AsUInt32();
        if (Vector512.GreaterThanOrEqualAny(bits - Vector512.Create(0x00800000u), Vector512.Create(0x7F000000u)))
        {
            return LogSpecial(x, base2: true);
        }

        Vector512<float> f = Log1pReduced(bits, out Vector512<float> e);
        return e + f * Vector512.Create(InvLn2F);
    }

    [MethodImpl(Cold)]
    private static Vector512<float> LogSpecial(Vector512<float> x, bool base2)
    {
        Vector512<float> subnormal = Vector512.LessThan(x, Vector512.Create(1.17549435E-38f));
        Vector512<float> scaled = Vector512.ConditionalSelect(subnormal, x * Vector512.Create(33554432.0f), x);
        Vector512<float> f = Log1pReduced(scaled.AsUInt32(), out Vector512<float> e);
        e -= Vector512.ConditionalSelect(subnormal, Vector512.Create(25.0f), Vector512<float>.Zero);
        Vector512<float> result = base2
            ? e + f * Vector512.Create(InvLn2F)
            : e * Vector512.Create(Ln2HiF) + (f + e * Vector512.Create(Ln2LoF));
        Vector512<float> special = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<float>.Zero), Vector512.Create(float.NegativeInfinity),
            Vector512.ConditionalSelect(Vector512.Equals(x, Vector512.Create(float.PositiveInfinity)), x, Vector512.Create(float.NaN)));
        Vector512<float> ordinary = Vector512.GreaterThan(x, Vector512<float>.Zero) & Vector512.LessThan(x, Vector512.Create(float.PositiveInfinity));
        return Vector512.ConditionalSelect(ordinary, result, special);
    }

    [MethodImpl(Inline)]
    private static Vector512<float> Log1pReduced(Vector512<uint> bits, out Vector512<float> e)
    {
        Vector512<float> f = MantissaMinusOne(bits, out e);
        // log(1+f) = f - f^2/2 + f^3 Q(f): no division in float.
        Vector512<float> q = Vector512.MultiplyAddEstimate(Vector512.Create(LogF8), f, Vector512.Create(LogF7));
        q = Vector512.MultiplyAddEstimate(q, f, Vector512.Create(LogF6));
        q = Vector512.MultiplyAddEstimate(q, f, Vector512.Create(LogF5));
        q = Vector512.MultiplyAddEstimate(q, f, Vector512.Create(LogF4));
        q = Vector512.MultiplyAddEstimate(q, f, Vector512.Create(LogF3));
        q = Vector512.MultiplyAddEstimate(q, f, Vector512.Create(LogF2));
        q = Vector512.MultiplyAddEstimate(q, f, Vector512.Create(LogF1));
        q = Vector512.MultiplyAddEstimate(q, f, Vector512.Create(LogF0));
        return Vector512.MultiplyAddEstimate(f * f, Vector512.MultiplyAddEstimate(q, f, Vector512.Create(-0.5f)), f);
    }

    /// <summary>x = 2^e m with m in [sqrt(1/2), sqrt(2)) for a positive normal x (other lanes: any values): f = m - 1, exact.</summary>
    [MethodImpl(Inline)]
    private static Vector512<float> MantissaMinusOne(Vector512<uint> bits, out Vector512<float> e)
    {
        // Subtracting sqrt(1/2)'s bits borrows from the exponent field exactly when m < sqrt(1/2): the arithmetic shift
        // is e, and the low bits plus sqrt(1/2)'s are m's.
        Vector512<uint> offset = bits - Vector512.Create(SqrtHalfBitsF);
        e = Vector512.ConvertToSingle(offset.AsInt32() >> 23);
        return ((offset & Vector512.Create(0x007FFFFFu)) + Vector512.Create(SqrtHalfBitsF)).AsSingle() - Vector512<float>.One;
    }

    // ---- Sin, Cos -----------------------------------------------------------------------------------------------

    /// <summary>The sine of each lane of <paramref name="x"/> (radians), as <see cref="Math.Sin(double)"/>.</summary>
    /// <remarks>
    /// Max error 2 ulp against Math.Sin (10^5+ random inputs per width). Sin(NaN) = Sin(±∞) = NaN, Sin(±0) = ±0, Sin(subnormal) = x. Lanes with
    /// |x| &gt;= 1.5e6 are computed by Math.Sin (a slower path, taken only when some lane needs it).
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<double> Sin(Vector512<double> x)
    {
        Vector512<double> result = SinCosReduced(x, 0);
        return Vector512.GreaterThanOrEqualAny(Vector512.Abs(x), Vector512.Create(SinCosLimitD)) ? SinCosHuge(x, result, cosine: false) : result;
    }

    /// <summary>The cosine of each lane of <paramref name="x"/> (radians), as <see cref="Math.Cos(double)"/>.</summary>
    /// <remarks>
    /// Max error 2 ulp against Math.Cos (10^5+ random inputs per width). Cos(NaN) = Cos(±∞) = NaN, Cos(±0) = 1. Lanes with |x| &gt;= 1.5e6 are
    /// computed by Math.Cos (a slower path, taken only when some lane needs it).
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<double> Cos(Vector512<double> x)
    {
        Vector512<double> result = SinCosReduced(x, 1);
        return Vector512.GreaterThanOrEqualAny(Vector512.Abs(x), Vector512.Create(SinCosLimitD)) ? SinCosHuge(x, result, cosine: true) : result;
    }

    /// <summary>sin(x + quarterTurns pi/2), for |x| &lt; 1.5e6.</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> SinCosReduced(Vector512<double> x, ulong quarterTurns)
    {
        // x = n pi/2 + r, |r| <= pi/4 (a little more where x * 2/pi rounds across a half): n * C1..C3 are exact, so the
        // steps give the same r fused or not, accurate to its last bits even where it cancels (x near a multiple of pi/2).
        Vector512<double> k = Vector512.MultiplyAddEstimate(x, Vector512.Create(TwoOverPiD), Vector512.Create(ShifterD));
        Vector512<double> n = k - Vector512.Create(ShifterD);
        Vector512<double> r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-PiO2C1D), x);
        r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-PiO2C2D), r);
        r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-PiO2C3D), r);
        r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-PiO2C4D), r);
        Vector512<ulong> quadrant = k.AsUInt64() + Vector512.Create(quarterTurns);
        Vector512<double> z = r * r;
        // sin(|r|) (its sign below, so sin(-0) = -0) and cos(r).
        Vector512<double> a = Vector512.Abs(r);
        Vector512<double> s = Vector512.MultiplyAddEstimate(Vector512.Create(SinD5), z, Vector512.Create(SinD4));
        s = Vector512.MultiplyAddEstimate(s, z, Vector512.Create(SinD3));
        s = Vector512.MultiplyAddEstimate(s, z, Vector512.Create(SinD2));
        s = Vector512.MultiplyAddEstimate(s, z, Vector512.Create(SinD1));
        s = Vector512.MultiplyAddEstimate(s, z, Vector512.Create(SinD0));
        s = Vector512.MultiplyAddEstimate(a * z, s, a);
        Vector512<double> c = Vector512.MultiplyAddEstimate(Vector512.Create(CosD5), z, Vector512.Create(CosD4));
        c = Vector512.MultiplyAddEstimate(c, z, Vector512.Create(CosD3));
        c = Vector512.MultiplyAddEstimate(c, z, Vector512.Create(CosD2));
        c = Vector512.MultiplyAddEstimate(c, z, Vector512.Create(CosD1));
        c = Vector512.MultiplyAddEstimate(c, z, Vector512.Create(CosD0));
        c = Vector512.MultiplyAddEstimate(z * z, c, Vector512.MultiplyAddEstimate(z, Vector512.Create(-0.5), Vector512<double>.One));
        // Quadrant 0: sin r, 1: cos r, 2: -sin r, 3: -cos r.
        Vector512<ulong> odd = Vector512.Equals(quadrant & Vector512<ulong>.One, Vector512<ulong>.One);
        Vector512<ulong> sign = ((quadrant & Vector512.Create(2UL)) << 62) ^ Vector512.AndNot(r.AsUInt64() & Vector512.Create(0x8000000000000000UL), odd);
        return (Vector512.ConditionalSelect(odd, c.AsUInt64(), s.AsUInt64()) ^ sign).AsDouble();
    }

    /// <summary>Sin or Cos where some lane has |x| &gt;= 1.5e6 (or is infinite): those lanes by Math.Sin/Cos.</summary>
    [MethodImpl(Cold)]
    private static Vector512<double> SinCosHuge(Vector512<double> x, Vector512<double> result, bool cosine)
    {
        Span<double> lanes = stackalloc double[Vector512<double>.Count];
        result.CopyTo(lanes);
        for (int i = 0; i < lanes.Length; i++)
        {
            double value = x.GetElement(i);
            if (Math.Abs(value) >= SinCosLimitD)
            {
                lanes[i] = cosine ? Math.Cos(value) : Math.Sin(value);
            }
        }

        return Vector512.Create<double>(lanes);
    }

    /// <summary>The sine of each lane of <paramref name="x"/> (radians), as <see cref="MathF.Sin(float)"/>, computed in float.</summary>
    /// <remarks>
    /// Max error 2 ulp against MathF.Sin (every float checked). Sin(NaN) = Sin(±∞) = NaN, Sin(±0) = ±0,
    /// Sin(subnormal) = x. Lanes with |x| &gt;= 6000 are computed by MathF.Sin (a slower path, taken only when some
    /// lane needs it).
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<float> Sin(Vector512<float> x)
    {
        Vector512<float> result = SinCosReduced(x, 0);
        return Vector512.GreaterThanOrEqualAny(Vector512.Abs(x), Vector512.Create(SinCosLimitF)) ? SinCosHuge(x, result, cosine: false) : result;
    }

    /// <summary>The cosine of each lane of <paramref name="x"/> (radians), as <see cref="MathF.Cos(float)"/>, computed in float.</summary>
    /// <remarks>
    /// Max error 2 ulp against MathF.Cos (every float checked). Cos(NaN) = Cos(±∞) = NaN, Cos(±0) = 1. Lanes with
    /// |x| &gt;= 6000 are computed by MathF.Cos (a slower path, taken only when some lane needs it).
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<float> Cos(Vector512<float> x)
    {
        Vector512<float> result = SinCosReduced(x, 1);
        return Vector512.GreaterThanOrEqualAny(Vector512.Abs(x), Vector512.Create(SinCosLimitF)) ? SinCosHuge(x, result, cosine: true) : result;
    }

    [MethodImpl(Inline)]
    private static Vector512<float> SinCosReduced(Vector512<float> x, uint quarterTurns)
    {
        Vector512<float> k = Vector512.MultiplyAddEstimate(x, Vector512.Create(TwoOverPiF), Vector512.Create(ShifterF));
        Vector512<float> n = k - Vector512.Create(ShifterF);
        Vector512<float> r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-PiO2C1F), x);
        r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-PiO2C2F), r);
        r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-PiO2C3F), r);
        r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-PiO2C4F), r);
        Vector512<uint> quadrant = k.AsUInt32() + Vector512.Create(quarterTurns);
        Vector512<float> z = r * r;
        Vector512<float> a = Vector512.Abs(r);
        Vector512<float> s = Vector512.MultiplyAddEstimate(Vector512.Create(SinF3), z, Vector512.Create(SinF2));
        s = Vector512.MultiplyAddEstimate(s, z, Vector512.Create(SinF1));
        s = Vector512.MultiplyAddEstimate(s, z, Vector512.Create(SinF0));
        s = Vector512.MultiplyAddEstimate(a * z, s, a);
        Vector512<float> c = Vector512.MultiplyAddEstimate(Vector512.Create(CosF2), z, Vector512.Create(CosF1));
        c = Vector512.MultiplyAddEstimate(c, z, Vector512.Create(CosF0));
        c = Vector512.MultiplyAddEstimate(z * z, c, Vector512.MultiplyAddEstimate(z, Vector512.Create(-0.5f), Vector512<float>.One));
        Vector512<uint> odd = Vector512.Equals(quadrant & Vector512<uint>.One, Vector512<uint>.One);
        Vector512<uint> sign = ((quadrant & Vector512.Create(2u)) << 30) ^ Vector512.AndNot(r.AsUInt32() & Vector512.Create(0x80000000u), odd);
        return (Vector512.ConditionalSelect(odd, c.AsUInt32(), s.AsUInt32()) ^ sign).AsSingle();
    }

    [MethodImpl(Cold)]
    private static Vector512<float> SinCosHuge(Vector512<float> x, Vector512<float> result, bool cosine)
    {
        Span<float> lanes = stackalloc float[Vector512<float>.Count];
        result.CopyTo(lanes);
        for (int i = 0; i < lanes.Length; i++)
        {
            float value = x.GetElement(i);
            if (MathF.Abs(value) >= SinCosLimitF)
            {
                lanes[i] = cosine ? MathF.Cos(value) : MathF.Sin(value);
            }
        }

        return Vector512.Create<float>(lanes);
    }
}
