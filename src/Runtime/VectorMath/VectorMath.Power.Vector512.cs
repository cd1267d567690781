using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace SourceGen;

// The source of VectorMath.Power.Vector256.cs and VectorMath.Power.Vector128.cs (generate.sh renames the width): edit this file.
public static partial class VectorMath
{
    // ---- Pow ----------------------------------------------------------------------------------------------------

    /// <summary><paramref name="x"/> raised to the power <paramref name="y"/>, lane by lane, as <see cref="Math.Pow(double, double)"/>.</summary>
    /// <remarks>
    /// <para>
    /// Max error 2 ulp against Math.Pow (10^5+ random pairs per width, 10^8 in the long run; results up to the overflow edge included).
    /// exp(y ln x) with ln x carried in double-double (about 66 bits) and y ln x as a two-double product, so large
    /// exponents keep full precision.
    /// </para>
    /// <para>
    /// Special values as Math.Pow (IEEE 754 pow): Pow(x, ±0) = 1 for every x (NaN too), Pow(1, y) = 1 for every y (NaN
    /// too), Pow(−1, ±∞) = 1; otherwise NaN in either gives NaN. A negative finite base with a non-integer finite
    /// exponent gives NaN; with an odd integer exponent the result is negative. Pow(±0, y): ±∞ for odd y &lt; 0, +∞
    /// for other y &lt; 0 (−∞ included), ±0 for odd y &gt; 0, +0 for other y &gt; 0. Pow(x, ±∞): +∞ or +0 as |x| is
    /// above or below 1. Pow(±∞, y) = Pow(±0, −y). Overflow to ±∞ and gradual underflow to ±0 with the right sign.
    /// The fast path takes lanes with a positive normal base and |y ln x| &lt;= 708; a vectorized slow path the rest.
    /// </para>
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<double> Pow(Vector512<double> x, Vector512<double> y)
    {
        Vector512<ulong> bits = x.AsUInt64();
        Vector512<double> high = PowLog(bits, Vector512<double>.Zero, out Vector512<double> low);
        Vector512<double> product = y * high;
        // Every base a positive normal double and every |y ln x| <= 708 (NaN fails): 2^n stays normal.
        if (Vector512.GreaterThanOrEqualAny(bits - Vector512.Create(0x0010000000000000UL), Vector512.Create(0x7FE0000000000000UL))
            || !Vector512.LessThanOrEqualAll(Vector512.Abs(product), Vector512.Create(ExpFastLimitD)))
        {
            return PowSpecial(x, y);
        }

        Vector512<double> error = MultiplyError(y, high, product) + y * low;
        Vector512<double> k = Vector512.MultiplyAddEstimate(product, Vector512.Create(Log2ED), Vector512.Create(ShifterD));
        Vector512<double> p = PowExpReduced(product, error, k - Vector512.Create(ShifterD));
        return p * ((k.AsUInt64() + Vector512.Create(1023UL)) << 52).AsDouble();
    }

    /// <summary>Pow where some lane has a base that is not a positive normal double, or |y ln x| &gt; 708 (or NaN):
    /// the same computation on |x| (subnormals scaled), 2^n applied in two steps, then every special case by selects.</summary>
    [MethodImpl(Cold)]
    private static Vector512<double> PowSpecial(Vector512<double> x, Vector512<double> y)
    {
        Vector512<double> ax = Vector512.Abs(x);
        Vector512<double> subnormal = Vector512.LessThan(ax, Vector512.Create(2.2250738585072014E-308));
        Vector512<double> scaled = Vector512.ConditionalSelect(subnormal, ax * Vector512.Create(18014398509481984.0), ax);
        Vector512<double> high = PowLog(scaled.AsUInt64(), subnormal & Vector512.Create(54.0), out Vector512<double> low);
        Vector512<double> product = y * high;
        // Beyond [-746, 710] the result is 0 or ∞ either way: clamp, and drop the low part (whose exact product could
        // overflow).
        Vector512<double> inRange = Vector512.LessThanOrEqual(Vector512.Abs(product), Vector512.Create(746.0));
        Vector512<double> error = Vector512.ConditionalSelect(inRange, MultiplyError(y, high, product) + y * low, Vector512<double>.Zero);
        product = Vector512.ConditionalSelect(Vector512.GreaterThan(product, Vector512.Create(710.0)), Vector512.Create(710.0), product);
        product = Vector512.ConditionalSelect(Vector512.LessThan(product, Vector512.Create(-746.0)), Vector512.Create(-746.0), product);
        Vector512<double> k = Vector512.MultiplyAddEstimate(product, Vector512.Create(Log2ED), Vector512.Create(ShifterD));
        Vector512<double> n = k - Vector512.Create(ShifterD);
        Vector512<double> p = PowExpReduced(product, error, n);
        // 2^n = 2^(n - a) * 2^a with a = ±64 (as ExpWide): both normal, the last product rounds once.
        Vector512<double> negative = Vector512.LessThan(n, Vector512<double>.Zero);
        Vector512<double> a = Vector512.ConditionalSelect(negative, Vector512.Create(-64.0), Vector512.Create(64.0));
        Vector512<double> scale = ((n - a + Vector512.Create(ShifterD + 1023.0)).AsUInt64() << 52).AsDouble();
        Vector512<double> magnitude = p * scale * Vector512.ConditionalSelect(negative, Vector512.Create(5.421010862427522E-20), Vector512.Create(18446744073709551616.0));

        Vector512<double> zero = Vector512<double>.Zero, infinity = Vector512.Create(double.PositiveInfinity);
        Vector512<double> yNegative = Vector512.LessThan(y, zero);
        // |x| = 0: +∞ for y < 0, else +0; |x| = ∞: the reverse.
        magnitude = Vector512.ConditionalSelect(Vector512.Equals(ax, zero), yNegative & infinity, magnitude);
        magnitude = Vector512.ConditionalSelect(Vector512.Equals(ax, infinity), Vector512.AndNot(infinity, yNegative), magnitude);
        // y = ±∞: 1 for |x| = 1, +∞ where |x| < 1 and y = -∞ or |x| > 1 and y = +∞, else +0.
        Vector512<double> yInfinite = Vector512.Equals(Vector512.Abs(y), infinity);
        Vector512<double> grows = ~(Vector512.LessThan(ax, Vector512<double>.One) ^ yNegative) & infinity;
        magnitude = Vector512.ConditionalSelect(yInfinite, Vector512.ConditionalSelect(Vector512.Equals(ax, Vector512<double>.One), Vector512<double>.One, grows), magnitude);
        // Integer and odd-integer exponents (±∞ and |y| >= 2^53 are even integers).
        Vector512<double> integer = Vector512.Equals(Vector512.Floor(y), y);
        Vector512<double> halfY = y * Vector512.Create(0.5);
        Vector512<double> odd = integer & ~Vector512.Equals(Vector512.Floor(halfY), halfY);
        // A negative base (-0 and -∞ included) with an odd exponent: negative result.
        Vector512<ulong> sign = x.AsUInt64() & odd.AsUInt64() & Vector512.Create(0x8000000000000000UL);
        Vector512<double> result = (magnitude.AsUInt64() | sign).AsDouble();
        // A negative finite nonzero base with a non-integer finite exponent: NaN. NaN in either: NaN.
        Vector512<double> nan = (Vector512.LessThan(x, zero) & Vector512.GreaterThan(x, Vector512.Create(double.NegativeInfinity)) & ~integer)
            | ~(Vector512.Equals(x, x) & Vector512.Equals(y, y));
        result = Vector512.ConditionalSelect(nan, Vector512.Create(double.NaN), result);
        // Pow(x, ±0) = 1 and Pow(1, y) = 1, a quiet NaN included; a signaling NaN in either gives NaN (as C's pow, which
        // Math.Pow calls).
        Vector512<double> one = (Vector512.Equals(y, zero) & ~SignalingNaN(x)) | (Vector512.Equals(x, Vector512<double>.One) & ~SignalingNaN(y));
        return Vector512.ConditionalSelect(one, Vector512<double>.One, result);
    }

    /// <summary>All ones in the lanes that hold a signaling NaN (exponent all ones, quiet bit clear, payload nonzero).</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> SignalingNaN(Vector512<double> v)
    {
        Vector512<ulong> magnitude = v.AsUInt64() & Vector512.Create(0x7FFFFFFFFFFFFFFFUL);
        return (Vector512.GreaterThan(magnitude, Vector512.Create(0x7FF0000000000000UL)) & Vector512.LessThan(magnitude, Vector512.Create(0x7FF8000000000000UL))).AsDouble();
    }

    /// <inheritdoc cref="SignalingNaN(Vector512{double})"/>
    [MethodImpl(Inline)]
    private static Vector512<float> SignalingNaN(Vector512<float> v)
    {
        Vector512<uint> magnitude = v.AsUInt32() & Vector512.Create(0x7FFFFFFFu);
        return (Vector512.GreaterThan(magnitude, Vector512.Create(0x7F800000u)) & Vector512.LessThan(magnitude, Vector512.Create(0x7FC00000u))).AsSingle();
    }

    /// <summary>
    /// ln x = high + low (returned, and in <paramref name="low"/>) for positive normal x, about 66 bits:
    /// x = 2^e m, m in [sqrt(1/2), sqrt(2)), ln m = 2s + (2/3)s^3 + s^5 T(s^2) with s = (m - 1) / (m + 1), the first
    /// two terms in double-double. <paramref name="exponentOffset"/> is subtracted from e (a subnormal's scaling).
    /// </summary>
    [MethodImpl(Inline)]
    private static Vector512<double> PowLog(Vector512<ulong> bits, Vector512<double> exponentOffset, out Vector512<double> low)
    {
        Vector512<ulong> biased = (bits + Vector512.Create(0x3FF0000000000000UL - SqrtHalfBitsD)) >>> 52;
        Vector512<double> m = (bits - ((biased - Vector512.Create(1023UL)) << 52)).AsDouble();
        Vector512<double> e = (biased | Vector512.Create(0x4330000000000000UL)).AsDouble() - Vector512.Create(4503599627370496.0 + 1023.0) - exponentOffset;
        Vector512<double> f = m - Vector512<double>.One; // exact (Sterbenz)
        // 2 + f = dh + dl exactly; s = f / (2 + f) = sh + sl with one division (the residual f - sh (dh + dl) is
        // computed exactly, then divided by the same reciprocal).
        Vector512<double> dh = Vector512.Create(2.0) + f;
        Vector512<double> dl = (Vector512.Create(2.0) - dh) + f;
        Vector512<double> inverse = Vector512<double>.One / dh;
        Vector512<double> sh = f * inverse;
        Vector512<double> ph = sh * dh;
        Vector512<double> sl = ((f - ph) - MultiplyError(sh, dh, ph) - sh * dl) * inverse;
        // s^2 and s^3 in double-double.
        Vector512<double> s2h = sh * sh;
        Vector512<double> s2l = MultiplyError(sh, sh, s2h) + (sh + sh) * sl;
        Vector512<double> s3h = s2h * sh;
        Vector512<double> s3l = MultiplyError(s2h, sh, s3h) + (s2h * sl + s2l * sh);
        // (2/3) s^3 in double-double.
        Vector512<double> bh = s3h * Vector512.Create(TwoThirdsHiD);
        Vector512<double> bl = MultiplyError(s3h, Vector512.Create(TwoThirdsHiD), bh) + (s3h * Vector512.Create(TwoThirdsLoD) + s3l * Vector512.Create(TwoThirdsHiD));
        // s^5 T(s^2) in double: below 2^-12 of ln m.
        Vector512<double> t = Vector512.MultiplyAddEstimate(Vector512.Create(PowLogD7), s2h, Vector512.Create(PowLogD6));
        t = Vector512.MultiplyAddEstimate(t, s2h, Vector512.Create(PowLogD5));
        t = Vector512.MultiplyAddEstimate(t, s2h, Vector512.Create(PowLogD4));
        t = Vector512.MultiplyAddEstimate(t, s2h, Vector512.Create(PowLogD3));
        t = Vector512.MultiplyAddEstimate(t, s2h, Vector512.Create(PowLogD2));
        t = Vector512.MultiplyAddEstimate(t, s2h, Vector512.Create(PowLogD1));
        t = Vector512.MultiplyAddEstimate(t, s2h, Vector512.Create(PowLogD0));
        Vector512<double> tail = s3h * s2h * t;
        // ln m = 2 sh + bh + (2 sl + bl + tail): |2 sh| >= |bh|, so the first sum's error is (2 sh - mh) + bh exactly.
        Vector512<double> twoSh = sh + sh;
        Vector512<double> mh = twoSh + bh;
        Vector512<double> ml = ((twoSh - mh) + bh) + ((sl + sl) + bl + tail);
        // Renormalize (the tail is up to 2^-12 of ln m): low must stay a rounding error of high, since exp takes it
        // at first order.
        Vector512<double> sum = mh + ml;
        ml = (mh - sum) + ml;
        mh = sum;
        // + e ln 2: e * Ln2HiD exact, |e ln2| >= |ln m| unless e = 0.
        Vector512<double> eh = e * Vector512.Create(Ln2HiD);
        Vector512<double> high = eh + mh;
        low = ((eh - high) + mh) + Vector512.MultiplyAddEstimate(e, Vector512.Create(Ln2LoD), ml);
        return high;
    }

    /// <summary>exp(h + l - n ln2) for n = round(h / ln2), |l| tiny beside h: h - n ln2 exact, l folded in at first order.</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> PowExpReduced(Vector512<double> h, Vector512<double> l, Vector512<double> n)
    {
        Vector512<double> t = Vector512.MultiplyAddEstimate(n, Vector512.Create(-Ln2HiD), h); // exact
        Vector512<double> c = Vector512.MultiplyAddEstimate(n, Vector512.Create(-Ln2LoD), l);
        Vector512<double> rh = t + c;
        Vector512<double> rl = (t - rh) + c;
        Vector512<double> q = Vector512.MultiplyAddEstimate(Vector512.Create(ExpD9), rh, Vector512.Create(ExpD8));
        q = Vector512.MultiplyAddEstimate(q, rh, Vector512.Create(ExpD7));
        q = Vector512.MultiplyAddEstimate(q, rh, Vector512.Create(ExpD6));
        q = Vector512.MultiplyAddEstimate(q, rh, Vector512.Create(ExpD5));
        q = Vector512.MultiplyAddEstimate(q, rh, Vector512.Create(ExpD4));
        q = Vector512.MultiplyAddEstimate(q, rh, Vector512.Create(ExpD3));
        q = Vector512.MultiplyAddEstimate(q, rh, Vector512.Create(ExpD2));
        q = Vector512.MultiplyAddEstimate(q, rh, Vector512.Create(ExpD1));
        q = Vector512.MultiplyAddEstimate(q, rh, Vector512.Create(ExpD0));
        // exp(rh + rl) = 1 + rh + (rl + rh^2 q) to well below an ulp.
        return (Vector512.MultiplyAddEstimate(rh * rh, q, rl) + rh) + Vector512<double>.One;
    }

    /// <summary>The rounding error of p = a * b (a * b - p exactly): one fused multiply-add where the hardware fuses,
    /// else Dekker's product of 26-bit halves (for |a|, |b| below 2^995, or p = 0).</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> MultiplyError(Vector512<double> a, Vector512<double> b, Vector512<double> p)
    {
        if (Fma.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            return Vector512.FusedMultiplyAdd(a, b, -p);
        }

        Vector512<double> ca = a * Vector512.Create(SplitterD), cb = b * Vector512.Create(SplitterD);
        Vector512<double> ah = ca - (ca - a), bh = cb - (cb - b);
        Vector512<double> al = a - ah, bl = b - bh;
        // p = 0 (Pow(1, y): ln x = 0 times any y, even one whose split overflows): the error is 0 (or an
        // underflowed product's, negligible here).
        Vector512<double> error = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
        return Vector512.ConditionalSelect(Vector512.Equals(p, Vector512<double>.Zero), Vector512<double>.Zero, error);
    }

    /// <summary><paramref name="x"/> raised to the power <paramref name="y"/>, lane by lane, as <see cref="MathF.Pow(float, float)"/>.</summary>
    /// <remarks>
    /// Max error 1 ulp against MathF.Pow (10^5+ random pairs per width): 2^(y log2 x) in double, rounded once to float,
    /// with polynomials sized for float (log2 x to 2^-40 relative, 2^r to 2^-28: y log2 x, at most 150 in magnitude
    /// where the result is a nonzero finite float, is off by far less than a float ulp's worth). Special values as
    /// <see cref="Pow(Vector512{double}, Vector512{double})"/>.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<float> Pow(Vector512<float> x, Vector512<float> y)
    {
        // x = 2^e m, m in [sqrt(1/2), sqrt(2)), split in float (16 lanes at a time): each double half then gets
        // f = m - 1 and e by one widening each, both exact.
        Vector512<uint> bits = x.AsUInt32();
        Vector512<int> exponent = (bits - Vector512.Create(SqrtHalfBitsF)).AsInt32() >> 23;
        Vector512<float> f = (bits - (exponent.AsUInt32() << 23)).AsSingle() - Vector512<float>.One; // exact (Sterbenz)
        (Vector512<double> fLower, Vector512<double> fUpper) = Vector512.Widen(f);
        (Vector512<double> eLower, Vector512<double> eUpper) = Vector512.Widen(Vector512.ConvertToSingle(exponent));
        (Vector512<double> yLower, Vector512<double> yUpper) = Vector512.Widen(y);
        Vector512<double> lower = yLower * (eLower + PowFloatLog2(fLower)), upper = yUpper * (eUpper + PowFloatLog2(fUpper));
        // Every base a positive normal float, every |y log2 x| <= 1020 (NaN fails): 2^n stays a normal double.
        if (Vector512.GreaterThanOrEqualAny(bits - Vector512.Create(0x00800000u), Vector512.Create(0x7F000000u))
            || !Vector512.LessThanOrEqualAll(Vector512.Abs(lower), Vector512.Create(PowFloatLimitD))
            || !Vector512.LessThanOrEqualAll(Vector512.Abs(upper), Vector512.Create(PowFloatLimitD)))
        {
            return PowSpecial(x, y);
        }

        return Vector512.Narrow(PowFloatExp2(lower), PowFloatExp2(upper));
    }

    /// <summary>Float Pow's special lanes: double Pow's slow path on the widened values (exact), rounded to float.</summary>
    [MethodImpl(Cold)]
    private static Vector512<float> PowSpecial(Vector512<float> x, Vector512<float> y)
    {
        (Vector512<double> xLower, Vector512<double> xUpper) = Vector512.Widen(x);
        (Vector512<double> yLower, Vector512<double> yUpper) = Vector512.Widen(y);
        Vector512<float> result = Vector512.Narrow(PowSpecial(xLower, yLower), PowSpecial(xUpper, yUpper));
        // Widening quiets a signaling NaN, which MathF.Pow (C's powf) answers with NaN even for Pow(sNaN, 0), Pow(1, sNaN).
        return Vector512.ConditionalSelect(SignalingNaN(x) | SignalingNaN(y), Vector512.Create(float.NaN), result);
    }

    /// <summary>log2(1 + f) for f in [sqrt(1/2) - 1, sqrt(2) - 1): s (2/ln2 + s^2 R(s^2)) with s = f / (2 + f),
    /// relative error 2^-40 (the division's and the polynomial's roundings in double are far below).</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> PowFloatLog2(Vector512<double> f)
    {
        Vector512<double> s = f / (Vector512.Create(2.0) + f);
        Vector512<double> z = s * s;
        Vector512<double> q = Vector512.MultiplyAddEstimate(Vector512.Create(PowFloatLogD4), z, Vector512.Create(PowFloatLogD3));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(PowFloatLogD2));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(PowFloatLogD1));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(PowFloatLogD0));
        return s * Vector512.MultiplyAddEstimate(q, z, Vector512.Create(TwoOverLn2D));
    }

    /// <summary>2^w for |w| &lt;= 1020: 2^n 2^r with n the nearest integer, r = w - n in [-1/2, 1/2] (exact), 2^r by a
    /// degree-6 polynomial (relative error 2^-28, 1/16 of a float ulp).</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> PowFloatExp2(Vector512<double> w)
    {
        Vector512<double> k = w + Vector512.Create(ShifterD);
        Vector512<double> r = w - (k - Vector512.Create(ShifterD));
        Vector512<double> p = Vector512.MultiplyAddEstimate(Vector512.Create(PowFloatExp2D6), r, Vector512.Create(PowFloatExp2D5));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(PowFloatExp2D4));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(PowFloatExp2D3));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(PowFloatExp2D2));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(PowFloatExp2D1));
        // The constant term is 1: Pow(x, 0) and Pow(1, y) come out exactly 1 here.
        p = Vector512.MultiplyAddEstimate(p, r, Vector512<double>.One);
        return p * ((k.AsUInt64() + Vector512.Create(1023UL)) << 52).AsDouble();
    }

    // ---- Cbrt ---------------------------------------------------------------------------------------------------

    /// <summary>The cube root of each lane of <paramref name="x"/>, as <see cref="Math.Cbrt(double)"/>.</summary>
    /// <remarks>
    /// Max error 4 ulp against Math.Cbrt (10^5+ random inputs per width, 10^8 in the long run); the C library's cbrt
    /// behind Math.Cbrt is itself off by up to 3.4 ulp (at the worst input found, this result is 0.6 ulp from the exact
    /// cube root, checked in 50-digit arithmetic): musl's final Halley step, error below 0.67 ulp. Cbrt(NaN) = NaN, Cbrt(±0) = ±0,
    /// Cbrt(±∞) = ±∞, Cbrt(−x) = −Cbrt(x); subnormal inputs as accurate as normal ones (a slower path, taken only
    /// when some lane is zero, subnormal, infinite or NaN).
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<double> Cbrt(Vector512<double> x)
    {
        Vector512<ulong> magnitude = x.AsUInt64() & Vector512.Create(0x7FFFFFFFFFFFFFFFUL);
        if (Vector512.GreaterThanOrEqualAny(magnitude - Vector512.Create(0x0010000000000000UL), Vector512.Create(0x7FE0000000000000UL)))
        {
            return CbrtSpecial(x);
        }

        return (CbrtReduced(magnitude, Vector512<double>.Zero).AsUInt64() | (x.AsUInt64() & Vector512.Create(0x8000000000000000UL))).AsDouble();
    }

    /// <summary>Cbrt where some lane is zero, subnormal (scaled by 2^54 first), infinite or NaN (returned as is).</summary>
    [MethodImpl(Cold)]
    private static Vector512<double> CbrtSpecial(Vector512<double> x)
    {
        Vector512<double> a = Vector512.Abs(x);
        Vector512<double> subnormal = Vector512.LessThan(a, Vector512.Create(2.2250738585072014E-308));
        Vector512<double> scaled = Vector512.ConditionalSelect(subnormal, a * Vector512.Create(18014398509481984.0), a);
        Vector512<double> result = CbrtReduced(scaled.AsUInt64(), subnormal & Vector512.Create(18.0));
        result = (result.AsUInt64() | (x.AsUInt64() & Vector512.Create(0x8000000000000000UL))).AsDouble();
        Vector512<double> passThrough = Vector512.Equals(a, Vector512<double>.Zero) | ~Vector512.LessThan(a, Vector512.Create(double.PositiveInfinity));
        return Vector512.ConditionalSelect(passThrough, x, result);
    }

    /// <summary>
    /// cbrt of a positive normal double 2^e m (m in [1, 2)), divided by 2^<paramref name="exponentOffset"/>: e = 3q +
    /// j, cbrt = 2^q cbrt(2^j m), a polynomial start rounded up to 23 bits (so its square is exact) and one Halley
    /// step (error below 2^-60 before the last roundings), as musl's cbrt.
    /// </summary>
    [MethodImpl(Inline)]
    private static Vector512<double> CbrtReduced(Vector512<ulong> bits, Vector512<double> exponentOffset)
    {
        Vector512<double> e = ((bits >>> 52) | Vector512.Create(0x4330000000000000UL)).AsDouble() - Vector512.Create(4503599627370496.0 + 1023.0);
        Vector512<double> m = ((bits & Vector512.Create(0x000FFFFFFFFFFFFFUL)) | Vector512.Create(0x3FF0000000000000UL)).AsDouble();
        Vector512<double> q = Vector512.Floor((e + Vector512.Create(0.5)) * Vector512.Create(1.0 / 3.0));
        Vector512<double> j = e - Vector512.Create(3.0) * q;
        Vector512<double> one = Vector512.Equals(j, Vector512<double>.One), two = Vector512.Equals(j, Vector512.Create(2.0));
        Vector512<double> v = m * Vector512.ConditionalSelect(one, Vector512.Create(2.0), Vector512.ConditionalSelect(two, Vector512.Create(4.0), Vector512<double>.One));
        Vector512<double> y = Vector512.MultiplyAddEstimate(Vector512.Create(CbrtD6), m, Vector512.Create(CbrtD5));
        y = Vector512.MultiplyAddEstimate(y, m, Vector512.Create(CbrtD4));
        y = Vector512.MultiplyAddEstimate(y, m, Vector512.Create(CbrtD3));
        y = Vector512.MultiplyAddEstimate(y, m, Vector512.Create(CbrtD2));
        y = Vector512.MultiplyAddEstimate(y, m, Vector512.Create(CbrtD1));
        y = Vector512.MultiplyAddEstimate(y, m, Vector512.Create(CbrtD0));
        y *= Vector512.ConditionalSelect(one, Vector512.Create(Cbrt2D), Vector512.ConditionalSelect(two, Vector512.Create(Cbrt4D), Vector512<double>.One));
        // Round up to 23 significant bits: t * t is exact and t >= cbrt(v), which keeps the step's error small.
        Vector512<double> t = ((y.AsUInt64() + Vector512.Create(0x80000000UL)) & Vector512.Create(0xFFFFFFFFC0000000UL)).AsDouble();
        Vector512<double> r = v / (t * t);
        r = (r - t) / (t + t + r);
        t = Vector512.MultiplyAddEstimate(t, r, t);
        // 2^(q - offset): normal for q in [-341, 341].
        return t * ((q - exponentOffset + Vector512.Create(ShifterD + 1023.0)).AsUInt64() << 52).AsDouble();
    }

    /// <summary>The cube root of each lane of <paramref name="x"/>, as <see cref="MathF.Cbrt(float)"/>, computed in float.</summary>
    /// <remarks>
    /// Max error 1 ulp against MathF.Cbrt (every float checked). Special values as <see cref="Cbrt(Vector512{double})"/>.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<float> Cbrt(Vector512<float> x)
    {
        Vector512<uint> magnitude = x.AsUInt32() & Vector512.Create(0x7FFFFFFFu);
        if (Vector512.GreaterThanOrEqualAny(magnitude - Vector512.Create(0x00800000u), Vector512.Create(0x7F000000u)))
        {
            return CbrtSpecial(x);
        }

        return (CbrtReduced(magnitude, Vector512<float>.Zero).AsUInt32() | (x.AsUInt32() & Vector512.Create(0x80000000u))).AsSingle();
    }

    [MethodImpl(Cold)]
    private static Vector512<float> CbrtSpecial(Vector512<float> x)
    {
        Vector512<float> a = Vector512.Abs(x);
        Vector512<float> subnormal = Vector512.LessThan(a, Vector512.Create(1.17549435E-38f));
        Vector512<float> scaled = Vector512.ConditionalSelect(subnormal, a * Vector512.Create(16777216.0f), a);
        Vector512<float> result = CbrtReduced(scaled.AsUInt32(), subnormal & Vector512.Create(8.0f));
        result = (result.AsUInt32() | (x.AsUInt32() & Vector512.Create(0x80000000u))).AsSingle();
        Vector512<float> passThrough = Vector512.Equals(a, Vector512<float>.Zero) | ~Vector512.LessThan(a, Vector512.Create(float.PositiveInfinity));
        return Vector512.ConditionalSelect(passThrough, x, result);
    }

    [MethodImpl(Inline)]
    private static Vector512<float> CbrtReduced(Vector512<uint> bits, Vector512<float> exponentOffset)
    {
        Vector512<float> e = ((bits >>> 23) | Vector512.Create(0x4B000000u)).AsSingle() - Vector512.Create(8388608.0f + 127.0f);
        Vector512<float> m = ((bits & Vector512.Create(0x007FFFFFu)) | Vector512.Create(0x3F800000u)).AsSingle();
        Vector512<float> q = Vector512.Floor((e + Vector512.Create(0.5f)) * Vector512.Create(1.0f / 3.0f));
        Vector512<float> j = e - Vector512.Create(3.0f) * q;
        Vector512<float> one = Vector512.Equals(j, Vector512<float>.One), two = Vector512.Equals(j, Vector512.Create(2.0f));
        Vector512<float> v = m * Vector512.ConditionalSelect(one, Vector512.Create(2.0f), Vector512.ConditionalSelect(two, Vector512.Create(4.0f), Vector512<float>.One));
        Vector512<float> y = Vector512.MultiplyAddEstimate(Vector512.Create(CbrtF4), m, Vector512.Create(CbrtF3));
        y = Vector512.MultiplyAddEstimate(y, m, Vector512.Create(CbrtF2));
        y = Vector512.MultiplyAddEstimate(y, m, Vector512.Create(CbrtF1));
        y = Vector512.MultiplyAddEstimate(y, m, Vector512.Create(CbrtF0));
        y *= Vector512.ConditionalSelect(one, Vector512.Create(Cbrt2F), Vector512.ConditionalSelect(two, Vector512.Create(Cbrt4F), Vector512<float>.One));
        // Round up to 12 significant bits (t * t exact in float), then one Halley step.
        Vector512<float> t = ((y.AsUInt32() + Vector512.Create(0x2000u)) & Vector512.Create(0xFFFFF000u)).AsSingle();
        Vector512<float> r = v / (t * t);
        r = (r - t) / (t + t + r);
        t = Vector512.MultiplyAddEstimate(t, r, t);
        return t * ((q - exponentOffset + Vector512.Create(ShifterF + 127.0f)).AsUInt32() << 23).AsSingle();
    }

    // ---- Hypot --------------------------------------------------------------------------------------------------

    /// <summary>sqrt(x^2 + y^2) for each pair of lanes, without overflow or underflow, as <see cref="double.Hypot(double, double)"/>.</summary>
    /// <remarks>
    /// Max error 1 ulp against double.Hypot (10^5+ random pairs per width). Hypot(±∞, y) = Hypot(x, ±∞) = +∞ even
    /// with a NaN; otherwise NaN in either gives NaN; Hypot(±0, ±0) = +0. Inputs beyond 2^500 or both below 2^-500
    /// are scaled by 2^∓600 first (exact), so huge and tiny inputs neither overflow nor lose bits. Branch-free.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<double> Hypot(Vector512<double> x, Vector512<double> y)
    {
        Vector512<double> ax = Vector512.Abs(x), ay = Vector512.Abs(y);
        Vector512<double> big = Vector512.GreaterThan(ax, Vector512.Create(3.273390607896142E+150)) | Vector512.GreaterThan(ay, Vector512.Create(3.273390607896142E+150));
        Vector512<double> tiny = Vector512.LessThan(ax, Vector512.Create(3.054936363499605E-151)) & Vector512.LessThan(ay, Vector512.Create(3.054936363499605E-151));
        // 2^-600 / 2^600, and back.
        Vector512<double> scale = Vector512.ConditionalSelect(big, Vector512.Create(2.4099198651028841E-181), Vector512.ConditionalSelect(tiny, Vector512.Create(4.149515568880993E+180), Vector512<double>.One));
        Vector512<double> unscale = Vector512.ConditionalSelect(big, Vector512.Create(4.149515568880993E+180), Vector512.ConditionalSelect(tiny, Vector512.Create(2.4099198651028841E-181), Vector512<double>.One));
        ax *= scale;
        ay *= scale;
        Vector512<double> result = Vector512.Sqrt(Vector512.MultiplyAddEstimate(ax, ax, ay * ay)) * unscale;
        Vector512<double> infinity = Vector512.Create(double.PositiveInfinity);
        return Vector512.ConditionalSelect(Vector512.Equals(ax, infinity) | Vector512.Equals(ay, infinity), infinity, result);
    }

    /// <summary>sqrt(x^2 + y^2) for each pair of lanes, without overflow or underflow, as <see cref="float.Hypot(float, float)"/>, computed in float.</summary>
    /// <remarks>
    /// Max error 1 ulp against float.Hypot (10^5+ random pairs per width). Special values as
    /// <see cref="Hypot(Vector512{double}, Vector512{double})"/>; inputs beyond 2^50 or both below 2^-50 scaled by
    /// 2^-80 / 2^100 first. Branch-free.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<float> Hypot(Vector512<float> x, Vector512<float> y)
    {
        Vector512<float> ax = Vector512.Abs(x), ay = Vector512.Abs(y);
        Vector512<float> big = Vector512.GreaterThan(ax, Vector512.Create(1.12589991E+15f)) | Vector512.GreaterThan(ay, Vector512.Create(1.12589991E+15f));
        Vector512<float> tiny = Vector512.LessThan(ax, Vector512.Create(8.8817842E-16f)) & Vector512.LessThan(ay, Vector512.Create(8.8817842E-16f));
        // 2^-80 / 2^100, and back.
        Vector512<float> scale = Vector512.ConditionalSelect(big, Vector512.Create(8.27180613E-25f), Vector512.ConditionalSelect(tiny, Vector512.Create(1.2676506E+30f), Vector512<float>.One));
        Vector512<float> unscale = Vector512.ConditionalSelect(big, Vector512.Create(1.20892582E+24f), Vector512.ConditionalSelect(tiny, Vector512.Create(7.88860905E-31f), Vector512<float>.One));
        ax *= scale;
        ay *= scale;
        Vector512<float> result = Vector512.Sqrt(Vector512.MultiplyAddEstimate(ax, ax, ay * ay)) * unscale;
        Vector512<float> infinity = Vector512.Create(float.PositiveInfinity);
        return Vector512.ConditionalSelect(Vector512.Equals(ax, infinity) | Vector512.Equals(ay, infinity), infinity, result);
    }
}
