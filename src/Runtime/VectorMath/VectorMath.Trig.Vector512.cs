using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace SourceGen;

// The source of VectorMath.Trig.Vector256.cs and VectorMath.Trig.Vector128.cs (generate.sh renames the width): edit this file.
public static partial class VectorMath
{
    // ---- Tan ----------------------------------------------------------------------------------------------------

    /// <summary>The tangent of each lane of <paramref name="x"/> (radians), as <see cref="Math.Tan(double)"/>.</summary>
    /// <remarks>
    /// Max error 4 ulp against Math.Tan (10^5+ random inputs per width, 10^8 in the long run; sin r / cos r with r's rounding error carried). Tan(NaN) = Tan(±∞) = NaN, Tan(±0) = ±0,
    /// Tan(subnormal) = x. Lanes with |x| &gt;= 1.5e6 are computed by Math.Tan (a slower path, taken only when some
    /// lane needs it).
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<double> Tan(Vector512<double> x)
    {
        // Tan(±0) = ±0 (sin's polynomial gives +0 for -0).
        Vector512<double> result = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<double>.Zero), x, TanReduced(x));
        return Vector512.GreaterThanOrEqualAny(Vector512.Abs(x), Vector512.Create(SinCosLimitD)) ? TanHuge(x, result) : result;
    }

    /// <summary>tan(x) for |x| &lt; 1.5e6: Sin/Cos's reduction x = n pi/2 + r and polynomials, then sin(r)/cos(r)
    /// (n even) or -cos(r)/sin(r) (n odd): one division either way.</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> TanReduced(Vector512<double> x)
    {
        Vector512<double> k = Vector512.MultiplyAddEstimate(x, Vector512.Create(TwoOverPiD), Vector512.Create(ShifterD));
        Vector512<double> n = k - Vector512.Create(ShifterD);
        // r + rl = x - n pi/2, rl r's rounding error: tan's slope (1 + tan^2, 2 at pi/4) doubles it, and near a
        // multiple of pi/2 (r tiny) every error counts relative to r.
        Vector512<double> r, rl;
        if (Fma.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            // Fused, as float Tan: x - n double(pi/2) is exact (|n| < 2^20, and the difference is a multiple of 2^-53
            // below 1), and so is n C2 (32 bits). Then rl = (r1 - r) - c2 is exact: a Fast2Sum where |r1| >= |c2|, and
            // otherwise r1 - c2 is itself exact (a multiple of 2^-85 below 2^-32), so rl is 0. C3, C4 follow in rl.
            Vector512<double> r1 = Vector512.FusedMultiplyAdd(n, Vector512.Create(-PiO2HiD), x);
            Vector512<double> c2 = n * Vector512.Create(TanPiO2C2D);
            r = r1 - c2;
            rl = Vector512.FusedMultiplyAdd(n, Vector512.Create(-TanPiO2C4D), Vector512.FusedMultiplyAdd(n, Vector512.Create(-TanPiO2C3D), (r1 - r) - c2));
        }
        else
        {
            Vector512<double> r1 = Vector512.MultiplyAddEstimate(n, Vector512.Create(-PiO2C1D), x); // exact
            Vector512<double> c2 = n * Vector512.Create(PiO2C2D); // exact
            Vector512<double> c3 = n * Vector512.Create(PiO2C3D); // exact
            Vector512<double> c4 = n * Vector512.Create(PiO2C4D);
            // As Sin/Cos's reduction. Each step's rounding error (a - b) - c is exact: |a| >= |c|, or the difference
            // itself was exact. Step by step, so every error is relative to r, even where r is tiny.
            Vector512<double> r2 = r1 - c2;
            Vector512<double> r3 = r2 - c3;
            r = r3 - c4;
            rl = (((r1 - r2) - c2) + ((r2 - r3) - c3)) + ((r3 - r) - c4);
        }

        Vector512<double> z = r * r;
        // sin(r) keeps r's sign (tan(-0) = -0).
        Vector512<double> s = Vector512.MultiplyAddEstimate(Vector512.Create(SinD5), z, Vector512.Create(SinD4));
        s = Vector512.MultiplyAddEstimate(s, z, Vector512.Create(SinD3));
        s = Vector512.MultiplyAddEstimate(s, z, Vector512.Create(SinD2));
        s = Vector512.MultiplyAddEstimate(s, z, Vector512.Create(SinD1));
        s = Vector512.MultiplyAddEstimate(s, z, Vector512.Create(SinD0));
        s = Vector512.MultiplyAddEstimate(r * z, s, r);
        Vector512<double> c = Vector512.MultiplyAddEstimate(Vector512.Create(CosD5), z, Vector512.Create(CosD4));
        c = Vector512.MultiplyAddEstimate(c, z, Vector512.Create(CosD3));
        c = Vector512.MultiplyAddEstimate(c, z, Vector512.Create(CosD2));
        c = Vector512.MultiplyAddEstimate(c, z, Vector512.Create(CosD1));
        c = Vector512.MultiplyAddEstimate(c, z, Vector512.Create(CosD0));
        c = Vector512.MultiplyAddEstimate(z * z, c, Vector512.MultiplyAddEstimate(z, Vector512.Create(-0.5), Vector512<double>.One));
        Vector512<double> odd = Vector512.Equals(k.AsUInt64() & Vector512<ulong>.One, Vector512<ulong>.One).AsDouble();
        // sin(r + rl) = s + rl c, cos(r + rl) = c - rl s to first order.
        Vector512<double> sine = Vector512.MultiplyAddEstimate(rl, c, s), cosine = Vector512.MultiplyAddEstimate(-rl, s, c);
        return Vector512.ConditionalSelect(odd, -cosine, sine) / Vector512.ConditionalSelect(odd, sine, cosine);
    }

    /// <summary>Tan where some lane has |x| &gt;= 1.5e6 (or is infinite): those lanes by Math.Tan.</summary>
    [MethodImpl(Cold)]
    private static Vector512<double> TanHuge(Vector512<double> x, Vector512<double> result)
    {
        Span<double> lanes = stackalloc double[Vector512<double>.Count];
        result.CopyTo(lanes);
        for (int i = 0; i < lanes.Length; i++)
        {
            double value = x.GetElement(i);
            if (Math.Abs(value) >= SinCosLimitD)
            {
                lanes[i] = Math.Tan(value);
            }
        }

        return Vector512.Create<double>(lanes);
    }

    /// <summary>The tangent of each lane of <paramref name="x"/> (radians), as <see cref="MathF.Tan(float)"/>, computed in float.</summary>
    /// <remarks>
    /// Max error 2 ulp against MathF.Tan (every float checked; a tan polynomial). Tan(NaN) = Tan(±∞) = NaN, Tan(±0) = ±0,
    /// Tan(subnormal) = x. Lanes with |x| &gt;= 6000 are computed by MathF.Tan (a slower path, taken only when some
    /// lane needs it).
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<float> Tan(Vector512<float> x)
    {
        // Tan(±0) = ±0 (sin's polynomial gives +0 for -0).
        Vector512<float> result = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<float>.Zero), x, TanReduced(x));
        return Vector512.GreaterThanOrEqualAny(Vector512.Abs(x), Vector512.Create(SinCosLimitF)) ? TanHuge(x, result) : result;
    }

    [MethodImpl(Inline)]
    private static Vector512<float> TanReduced(Vector512<float> x)
    {
        Vector512<float> k = Vector512.MultiplyAddEstimate(x, Vector512.Create(TwoOverPiF), Vector512.Create(ShifterF));
        Vector512<float> n = k - Vector512.Create(ShifterF);
        // r + rl = x - n pi/2, rl r's rounding error: tan's slope (1 + tan^2, 2 at pi/4) doubles it, and near a
        // multiple of pi/2 (r tiny) every error counts relative to r.
        Vector512<float> r, rl;
        if (Fma.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            // Fused: x - n float(pi/2) is exact (|n| < 2^12, and the difference is a multiple of 2^-24 below 1), and so
            // is n C2 (11 bits). Then rl = (r1 - r) - c2 is exact: a Fast2Sum where |r1| >= |c2|, and otherwise r1 - c2
            // is itself exact (a multiple of 2^-35 below 2^-11), so rl is 0. C3, C4 follow in rl.
            Vector512<float> r1 = Vector512.FusedMultiplyAdd(n, Vector512.Create(-PiO2HiF), x);
            Vector512<float> c2 = n * Vector512.Create(TanPiO2C2F);
            r = r1 - c2;
            rl = Vector512.FusedMultiplyAdd(n, Vector512.Create(-TanPiO2C4F), Vector512.FusedMultiplyAdd(n, Vector512.Create(-TanPiO2C3F), (r1 - r) - c2));
        }
        else
        {
            Vector512<float> r1 = Vector512.MultiplyAddEstimate(n, Vector512.Create(-PiO2C1F), x); // exact
            Vector512<float> c2 = n * Vector512.Create(PiO2C2F); // exact
            Vector512<float> c3 = n * Vector512.Create(PiO2C3F); // exact
            Vector512<float> c4 = n * Vector512.Create(PiO2C4F);
            // As Sin/Cos's reduction. Each step's rounding error (a - b) - c is exact: |a| >= |c|, or the difference
            // itself was exact. Step by step, so every error is relative to r, even where r is tiny.
            Vector512<float> r2 = r1 - c2;
            Vector512<float> r3 = r2 - c3;
            r = r3 - c4;
            rl = (((r1 - r2) - c2) + ((r2 - r3) - c3)) + ((r3 - r) - c4);
        }

        Vector512<float> z = r * r;
        Vector512<float> q = Vector512.MultiplyAddEstimate(Vector512.Create(TanF6), z, Vector512.Create(TanF5));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(TanF4));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(TanF3));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(TanF2));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(TanF1));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(TanF0));
        // tan(r + rl) = tan r + rl (1 + tan^2 r); 1 + r^2 stands in for the slope (rl is below half an ulp of r).
        Vector512<float> t = Vector512.MultiplyAddEstimate(r * z, q, Vector512.MultiplyAddEstimate(rl, z, rl)) + r;
        // n odd: tan(r + pi/2) = -1 / tan r.
        Vector512<float> odd = Vector512.Equals(k.AsUInt32() & Vector512<uint>.One, Vector512<uint>.One).AsSingle();
        return Vector512.ConditionalSelect(odd, Vector512.Create(-1.0f), t) / Vector512.ConditionalSelect(odd, t, Vector512<float>.One);
    }

    [MethodImpl(Cold)]
    private static Vector512<float> TanHuge(Vector512<float> x, Vector512<float> result)
    {
        Span<float> lanes = stackalloc float[Vector512<float>.Count];
        result.CopyTo(lanes);
        for (int i = 0; i < lanes.Length; i++)
        {
            float value = x.GetElement(i);
            if (MathF.Abs(value) >= SinCosLimitF)
            {
                lanes[i] = MathF.Tan(value);
            }
        }

        return Vector512.Create<float>(lanes);
    }

    // ---- Atan, Atan2 --------------------------------------------------------------------------------------------

    /// <summary>The angle (radians) whose tangent is each lane of <paramref name="x"/>, as <see cref="Math.Atan(double)"/>.</summary>
    /// <remarks>
    /// Max error 2 ulp against Math.Atan (10^5+ random inputs per width). Atan(NaN) = NaN, Atan(±0) = ±0,
    /// Atan(±∞) = ±pi/2, Atan(subnormal) = x. Branch-free.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<double> Atan(Vector512<double> x)
    {
        Vector512<double> a = Vector512.Abs(x);
        // |x| <= 1/2: u = |x|; 1/2 < |x| <= 2: atan|x| = pi/4 + atan((|x| - 1) / (|x| + 1)); |x| > 2 (∞ too):
        // pi/2 + atan(-1 / |x|). |u| <= 1/2 in each case, one division.
        Vector512<double> big = Vector512.GreaterThan(a, Vector512.Create(2.0));
        Vector512<double> mid = Vector512.AndNot(Vector512.GreaterThan(a, Vector512.Create(0.5)), big);
        Vector512<double> u = Vector512.ConditionalSelect(big, Vector512.Create(-1.0), Vector512.ConditionalSelect(mid, a - Vector512<double>.One, a))
            / Vector512.ConditionalSelect(big, a, Vector512.ConditionalSelect(mid, a + Vector512<double>.One, Vector512<double>.One));
        Vector512<double> k = Vector512.ConditionalSelect(big, Vector512.Create(2.0), mid & Vector512<double>.One);
        Vector512<double> result = Vector512.MultiplyAddEstimate(k, Vector512.Create(PiO4HiD), Vector512.MultiplyAddEstimate(k, Vector512.Create(PiO4LoD), AtanPolynomial(u)));
        return (result.AsUInt64() ^ (x.AsUInt64() & Vector512.Create(0x8000000000000000UL))).AsDouble();
    }

    /// <summary>The angle (radians) between the positive x axis and the point (<paramref name="x"/>, <paramref name="y"/>),
    /// lane by lane, as <see cref="Math.Atan2(double, double)"/>.</summary>
    /// <remarks>
    /// Max error 2 ulp against Math.Atan2 (10^5+ random pairs per width). Every signed-zero and infinity combination
    /// as Math.Atan2: Atan2(±0, +0) = ±0, Atan2(±0, −0) = ±pi, Atan2(±0, x &lt; 0) = ±pi, Atan2(±y, ±∞) for finite y
    /// = ±0 or ±pi, Atan2(±∞, ±∞) = ±pi/4 or ±3pi/4, Atan2(±∞, finite) = ±pi/2; NaN in either gives NaN. Branch-free.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<double> Atan2(Vector512<double> y, Vector512<double> x)
    {
        Vector512<double> ay = Vector512.Abs(y), ax = Vector512.Abs(x);
        // t = small / large in [0, 1]; swapped when |y| > |x| (angle pi/2 - atan t).
        Vector512<double> swap = Vector512.GreaterThan(ay, ax);
        Vector512<double> num = Vector512.ConditionalSelect(swap, ax, ay), den = Vector512.ConditionalSelect(swap, ay, ax);
        // t > 1/2: atan t = pi/4 + atan((num - den) / (num + den)), the difference exact; both halved when huge so the
        // sum cannot overflow. One division either way.
        // (2 num is exact, or ∞ where num > MaxValue / 2 and t > 1/2 anyway; 0/0 and finite/∞ are not.)
        Vector512<double> mid = Vector512.GreaterThanOrEqual(num + num, den) & ~Vector512.Equals(den, Vector512<double>.Zero)
            & (Vector512.Equals(num, den) | Vector512.LessThan(den, Vector512.Create(double.PositiveInfinity)));
        Vector512<double> half = Vector512.ConditionalSelect(Vector512.GreaterThan(den, Vector512.Create(1e300)), Vector512.Create(0.5), Vector512<double>.One);
        Vector512<double> u = Vector512.ConditionalSelect(mid, num * half - den * half, num) / Vector512.ConditionalSelect(mid, num * half + den * half, den);
        // 0/0 and ∞/∞ (and NaN inputs, fixed last): angle 0 before the quadrant steps, plus pi/4 for ∞/∞ (mid).
        u = Vector512.ConditionalSelect(Vector512.Equals(u, u), u, Vector512<double>.Zero);
        Vector512<double> p = AtanPolynomial(u);
        // angle = k pi/4 ± p: k = 0 or 1 (mid), then 2 - k if swapped, then 4 - k if x is negative (-0 too); each
        // step flips p's sign.
        Vector512<double> k = mid & Vector512<double>.One;
        k = Vector512.ConditionalSelect(swap, Vector512.Create(2.0) - k, k);
        Vector512<double> xNegative = Vector512.LessThan(x.AsInt64(), Vector512<long>.Zero).AsDouble();
        k = Vector512.ConditionalSelect(xNegative, Vector512.Create(4.0) - k, k);
        Vector512<ulong> flip = (swap ^ xNegative).AsUInt64() & Vector512.Create(0x8000000000000000UL);
        p = (p.AsUInt64() ^ flip).AsDouble();
        Vector512<double> result = Vector512.MultiplyAddEstimate(k, Vector512.Create(PiO4HiD), Vector512.MultiplyAddEstimate(k, Vector512.Create(PiO4LoD), p));
        result = (result.AsUInt64() ^ (y.AsUInt64() & Vector512.Create(0x8000000000000000UL))).AsDouble();
        Vector512<double> nan = ~(Vector512.Equals(x, x) & Vector512.Equals(y, y));
        return Vector512.ConditionalSelect(nan, x + y, result);
    }

    /// <summary>atan(u) for |u| &lt;= 1/2 (relative error 2^-57.6); atan(±0) = ±0, atan(subnormal) = u.</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> AtanPolynomial(Vector512<double> u)
    {
        Vector512<double> z = u * u;
        Vector512<double> q = Vector512.MultiplyAddEstimate(Vector512.Create(AtanD12), z, Vector512.Create(AtanD11));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AtanD10));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AtanD9));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AtanD8));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AtanD7));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AtanD6));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AtanD5));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AtanD4));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AtanD3));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AtanD2));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AtanD1));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AtanD0));
        return Vector512.MultiplyAddEstimate(u * z, q, u);
    }

    /// <summary>The angle (radians) whose tangent is each lane of <paramref name="x"/>, as <see cref="MathF.Atan(float)"/>, computed in float.</summary>
    /// <remarks>
    /// Max error 2 ulp against MathF.Atan (every float checked). Atan(NaN) = NaN, Atan(±0) = ±0, Atan(±∞) = ±pi/2,
    /// Atan(subnormal) = x. Branch-free.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<float> Atan(Vector512<float> x)
    {
        Vector512<float> a = Vector512.Abs(x);
        Vector512<float> big = Vector512.GreaterThan(a, Vector512.Create(2.0f));
        Vector512<float> mid = Vector512.AndNot(Vector512.GreaterThan(a, Vector512.Create(0.5f)), big);
        Vector512<float> u = Vector512.ConditionalSelect(big, Vector512.Create(-1.0f), Vector512.ConditionalSelect(mid, a - Vector512<float>.One, a))
            / Vector512.ConditionalSelect(big, a, Vector512.ConditionalSelect(mid, a + Vector512<float>.One, Vector512<float>.One));
        Vector512<float> k = Vector512.ConditionalSelect(big, Vector512.Create(2.0f), mid & Vector512<float>.One);
        Vector512<float> result = Vector512.MultiplyAddEstimate(k, Vector512.Create(PiO4HiF), Vector512.MultiplyAddEstimate(k, Vector512.Create(PiO4LoF), AtanPolynomial(u)));
        return (result.AsUInt32() ^ (x.AsUInt32() & Vector512.Create(0x80000000u))).AsSingle();
    }

    /// <summary>The angle (radians) between the positive x axis and the point (<paramref name="x"/>, <paramref name="y"/>),
    /// lane by lane, as <see cref="MathF.Atan2(float, float)"/>, computed in float.</summary>
    /// <remarks>
    /// Max error 3 ulp against MathF.Atan2 (10^5+ random pairs per width, 10^8 in the long run). Signed zeros, infinities and NaN as
    /// <see cref="Atan2(Vector512{double}, Vector512{double})"/>. Branch-free.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<float> Atan2(Vector512<float> y, Vector512<float> x)
    {
        Vector512<float> ay = Vector512.Abs(y), ax = Vector512.Abs(x);
        Vector512<float> swap = Vector512.GreaterThan(ay, ax);
        Vector512<float> num = Vector512.ConditionalSelect(swap, ax, ay), den = Vector512.ConditionalSelect(swap, ay, ax);
        Vector512<float> mid = Vector512.GreaterThanOrEqual(num + num, den) & ~Vector512.Equals(den, Vector512<float>.Zero)
            & (Vector512.Equals(num, den) | Vector512.LessThan(den, Vector512.Create(float.PositiveInfinity)));
        Vector512<float> half = Vector512.ConditionalSelect(Vector512.GreaterThan(den, Vector512.Create(1e37f)), Vector512.Create(0.5f), Vector512<float>.One);
        Vector512<float> u = Vector512.ConditionalSelect(mid, num * half - den * half, num) / Vector512.ConditionalSelect(mid, num * half + den * half, den);
        u = Vector512.ConditionalSelect(Vector512.Equals(u, u), u, Vector512<float>.Zero);
        Vector512<float> p = AtanPolynomial(u);
        Vector512<float> k = mid & Vector512<float>.One;
        k = Vector512.ConditionalSelect(swap, Vector512.Create(2.0f) - k, k);
        Vector512<float> xNegative = Vector512.LessThan(x.AsInt32(), Vector512<int>.Zero).AsSingle();
        k = Vector512.ConditionalSelect(xNegative, Vector512.Create(4.0f) - k, k);
        Vector512<uint> flip = (swap ^ xNegative).AsUInt32() & Vector512.Create(0x80000000u);
        p = (p.AsUInt32() ^ flip).AsSingle();
        Vector512<float> result = Vector512.MultiplyAddEstimate(k, Vector512.Create(PiO4HiF), Vector512.MultiplyAddEstimate(k, Vector512.Create(PiO4LoF), p));
        result = (result.AsUInt32() ^ (y.AsUInt32() & Vector512.Create(0x80000000u))).AsSingle();
        Vector512<float> nan = ~(Vector512.Equals(x, x) & Vector512.Equals(y, y));
        return Vector512.ConditionalSelect(nan, x + y, result);
    }

    [MethodImpl(Inline)]
    private static Vector512<float> AtanPolynomial(Vector512<float> u)
    {
        Vector512<float> z = u * u;
        Vector512<float> q = Vector512.MultiplyAddEstimate(Vector512.Create(AtanF5), z, Vector512.Create(AtanF4));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AtanF3));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AtanF2));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AtanF1));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AtanF0));
        return Vector512.MultiplyAddEstimate(u * z, q, u);
    }

    // ---- Asin, Acos ---------------------------------------------------------------------------------------------

    /// <summary>The angle (radians) whose sine is each lane of <paramref name="x"/>, as <see cref="Math.Asin(double)"/>.</summary>
    /// <remarks>
    /// Max error 1 ulp against Math.Asin (10^5+ random inputs per width). Asin(NaN) = NaN, Asin(x) = NaN outside
    /// [−1, 1] (±∞ too), Asin(±0) = ±0, Asin(±1) = ±pi/2, Asin(subnormal) = x. Branch-free.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<double> Asin(Vector512<double> x)
    {
        Vector512<double> big = AsinReduce(x, out Vector512<double> s, out Vector512<double> r, out Vector512<double> high, out Vector512<double> low);
        // |x| <= 1/2: s + s r. Else pi/2 - 2 asin(s), s = high + low, grouped so that pi/2 - 2 high (the large
        // part) is formed first, nearly exactly.
        Vector512<double> small = Vector512.MultiplyAddEstimate(s, r, s);
        Vector512<double> quarter = Vector512.Create(0.5 * PiO2HiD);
        Vector512<double> large = quarter - ((Vector512.Create(2.0) * s * r - (Vector512.Create(PiO2LoD) - Vector512.Create(2.0) * low)) - (quarter - Vector512.Create(2.0) * high));
        Vector512<double> result = Vector512.ConditionalSelect(big, large, small);
        return (result.AsUInt64() ^ (x.AsUInt64() & Vector512.Create(0x8000000000000000UL))).AsDouble();
    }

    /// <summary>The angle (radians) whose cosine is each lane of <paramref name="x"/>, as <see cref="Math.Acos(double)"/>.</summary>
    /// <remarks>
    /// Max error 1 ulp against Math.Acos (10^5+ random inputs per width). Acos(NaN) = NaN, Acos(x) = NaN outside
    /// [−1, 1] (±∞ too), Acos(±0) = pi/2, Acos(1) = +0, Acos(−1) = pi. Branch-free.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<double> Acos(Vector512<double> x)
    {
        Vector512<double> big = AsinReduce(x, out Vector512<double> s, out Vector512<double> r, out Vector512<double> high, out Vector512<double> low);
        // |x| <= 1/2: pi/2 - asin x. x > 1/2: 2 asin(s). x < -1/2: pi - 2 asin(s).
        Vector512<double> small = Vector512.Create(PiO2HiD) - (x - Vector512.MultiplyAddEstimate(-x, r, Vector512.Create(PiO2LoD)));
        Vector512<double> positive = Vector512.Create(2.0) * (high + Vector512.MultiplyAddEstimate(r, s, low));
        Vector512<double> negative = Vector512.Create(2.0) * (Vector512.Create(PiO2HiD) - (s + Vector512.MultiplyAddEstimate(r, s, Vector512.Create(-PiO2LoD))));
        return Vector512.ConditionalSelect(big, Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<double>.Zero), negative, positive), small);
    }

    /// <summary>
    /// Asin/Acos's reduction: |x| &lt;= 1/2: s = |x|; else s = sqrt((1 - |x|) / 2) (NaN beyond 1), asin|x| = pi/2 - 2 asin s.
    /// Returns whether the lane is the second kind; r with asin s = s + s r; high + low = s with high's low 32 bits
    /// cleared (high * high exact), so 2 s is carried with more than double precision where it matters.
    /// </summary>
    [MethodImpl(Inline)]
    private static Vector512<double> AsinReduce(Vector512<double> x, out Vector512<double> s, out Vector512<double> r,
        out Vector512<double> high, out Vector512<double> low)
    {
        Vector512<double> a = Vector512.Abs(x);
        Vector512<double> big = Vector512.GreaterThan(a, Vector512.Create(0.5));
        Vector512<double> z = Vector512.ConditionalSelect(big, (Vector512<double>.One - a) * Vector512.Create(0.5), a * a);
        s = Vector512.ConditionalSelect(big, Vector512.Sqrt(z), a);
        Vector512<double> q = Vector512.MultiplyAddEstimate(Vector512.Create(AsinD12), z, Vector512.Create(AsinD11));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AsinD10));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AsinD9));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AsinD8));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AsinD7));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AsinD6));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AsinD5));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AsinD4));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AsinD3));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AsinD2));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AsinD1));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AsinD0));
        r = z * q;
        high = (s.AsUInt64() & Vector512.Create(0xFFFFFFFF00000000UL)).AsDouble();
        // low = s - high = (z - high^2) / (s + high); 0 where s = 0 (x = ±1).
        low = (z - high * high) / (s + high);
        low = Vector512.ConditionalSelect(Vector512.Equals(z, Vector512<double>.Zero), Vector512<double>.Zero, low);
        return big;
    }

    /// <summary>The angle (radians) whose sine is each lane of <paramref name="x"/>, as <see cref="MathF.Asin(float)"/>, computed in float.</summary>
    /// <remarks>
    /// Max error 1 ulp against MathF.Asin (every float checked). Special values as <see cref="Asin(Vector512{double})"/>.
    /// Branch-free.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<float> Asin(Vector512<float> x)
    {
        Vector512<float> big = AsinReduce(x, out Vector512<float> s, out Vector512<float> r, out Vector512<float> high, out Vector512<float> low);
        Vector512<float> small = Vector512.MultiplyAddEstimate(s, r, s);
        Vector512<float> quarter = Vector512.Create(0.5f * PiO2HiF);
        Vector512<float> large = quarter - ((Vector512.Create(2.0f) * s * r - (Vector512.Create(PiO2LoF) - Vector512.Create(2.0f) * low)) - (quarter - Vector512.Create(2.0f) * high));
        Vector512<float> result = Vector512.ConditionalSelect(big, large, small);
        return (result.AsUInt32() ^ (x.AsUInt32() & Vector512.Create(0x80000000u))).AsSingle();
    }

    /// <summary>The angle (radians) whose cosine is each lane of <paramref name="x"/>, as <see cref="MathF.Acos(float)"/>, computed in float.</summary>
    /// <remarks>
    /// Max error 1 ulp against MathF.Acos (every float checked). Special values as <see cref="Acos(Vector512{double})"/>.
    /// Branch-free.
    /// </remarks>
    [MethodImpl(Hot)]
    public static Vector512<float> Acos(Vector512<float> x)
    {
        Vector512<float> big = AsinReduce(x, out Vector512<float> s, out Vector512<float> r, out Vector512<float> high, out Vector512<float> low);
        Vector512<float> small = Vector512.Create(PiO2HiF) - (x - Vector512.MultiplyAddEstimate(-x, r, Vector512.Create(PiO2LoF)));
        Vector512<float> positive = Vector512.Create(2.0f) * (high + Vector512.MultiplyAddEstimate(r, s, low));
        Vector512<float> negative = Vector512.Create(2.0f) * (Vector512.Create(PiO2HiF) - (s + Vector512.MultiplyAddEstimate(r, s, Vector512.Create(-PiO2LoF))));
        return Vector512.ConditionalSelect(big, Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), negative, positive), small);
    }

    [MethodImpl(Inline)]
    private static Vector512<float> AsinReduce(Vector512<float> x, out Vector512<float> s, out Vector512<float> r,
        out Vector512<float> high, out Vector512<float> low)
    {
        Vector512<float> a = Vector512.Abs(x);
        Vector512<float> big = Vector512.GreaterThan(a, Vector512.Create(0.5f));
        Vector512<float> z = Vector512.ConditionalSelect(big, (Vector512<float>.One - a) * Vector512.Create(0.5f), a * a);
        s = Vector512.ConditionalSelect(big, Vector512.Sqrt(z), a);
        Vector512<float> q = Vector512.MultiplyAddEstimate(Vector512.Create(AsinF5), z, Vector512.Create(AsinF4));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AsinF3));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AsinF2));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AsinF1));
        q = Vector512.MultiplyAddEstimate(q, z, Vector512.Create(AsinF0));
        r = z * q;
        // high: s with its low 12 bits cleared (12 significant bits: high * high exact in float).
        high = (s.AsUInt32() & Vector512.Create(0xFFFFF000u)).AsSingle();
        low = (z - high * high) / (s + high);
        low = Vector512.ConditionalSelect(Vector512.Equals(z, Vector512<float>.Zero), Vector512<float>.Zero, low);
        return big;
    }
}
