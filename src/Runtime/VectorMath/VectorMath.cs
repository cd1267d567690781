using System.Runtime.CompilerServices;

namespace SourceGen;

/// <summary>
/// The transcendental functions of <see cref="System.Math"/> and <see cref="System.MathF"/> on
/// <see cref="System.Runtime.Intrinsics.Vector128{T}"/>, <see cref="System.Runtime.Intrinsics.Vector256{T}"/> and
/// <see cref="System.Runtime.Intrinsics.Vector512{T}"/> of <see cref="float"/> and <see cref="double"/>: Exp, Exp2, Exp10,
/// ExpM1, Log, Log2, Log10, LogP1, Pow, Cbrt, Hypot, Sin, Cos, Tan, Asin, Acos, Atan, Atan2, Sinh, Cosh, Tanh, Asinh,
/// Acosh, Atanh — what generated SIMD code calls for <c>Math.Exp</c>, <c>MathF.Tanh</c> and the others, and what
/// hand-written SIMD code may call too. Each method's documentation gives its measured worst error.
/// </summary>
/// <remarks>
/// <para>
/// Why not <c>Vector512.Exp</c>: .NET's vector math is generic code in CoreLib that is not precompiled for every
/// width, so a program's first calls run it as unoptimized tier-0 code (a 4M-element softplus took 5× its steady time
/// for several calls), and it computes float Exp in double (half the lanes). Every method here is compiled fully
/// optimized on its first call (<see cref="MethodImplOptions.AggressiveOptimization"/>) and inlined into the
/// generated loops, which are too; float is computed in float.
/// </para>
/// <para>
/// Each function is a range reduction (Cody–Waite, products exact without FMA) and a polynomial fitted for it
/// (Chebyshev fits computed for this library), branch-free except for a slow path taken only when some lane needs
/// it (subnormal or non-positive Log input, |x| &gt; 708 (87 for float) in Exp, huge Sin/Cos arguments). Polynomials use
/// <c>MultiplyAddEstimate</c> (fused where the hardware fuses), and a few reductions take an exact fused form where
/// the hardware fuses (Tan, float Log10, Pow): results may differ in the last bit between machines with and
/// without FMA, and every error bound holds on both (tested with and without FMA).
/// </para>
/// <para>
/// Accuracy: the documented bound of each function is the largest error measured against <see cref="System.Math"/>
/// (double: 10^5+ random inputs per function and width, log-uniform over the domain) and <see cref="System.MathF"/>
/// (float: every float input, tests/Differential.Tests/VectorMathTests.cs with SOURCEGEN_EXHAUSTIVE=1). Special
/// values (NaN, ±∞, ±0, subnormals, overflow and underflow edges) give the same results as Math/MathF.
/// </para>
/// <para>
/// VectorMath.Vector512.cs is the source; VectorMath.Vector256.cs and VectorMath.Vector128.cs are generated from it
/// by generate.sh (a width rename), so the three widths run the same algorithm.
/// </para>
/// </remarks>
public static partial class VectorMath
{
    // Every public method: compiled optimized on its first call, and inlined into the caller (the generated loops).
    private const MethodImplOptions Hot = MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization;

    // Helpers of the public methods: always inlined, so no helper runs as tier-0 code.
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    // Rare paths (some lane out of the fast path's range): a call, compiled optimized.
    private const MethodImplOptions Cold = MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization;

    // ---- double constants ---------------------------------------------------------------------------------------

    // Adding 1.5 * 2^52 rounds a double of magnitude < 2^51 to an integer (ties to even), left in the low bits.
    private const double ShifterD = 6755399441055744.0;
    private const double Log2ED = 1.4426950408889634;
    private const double InvLn2D = 1.4426950408889634;

    // ln 2 = Ln2HiD + Ln2LoD; Ln2HiD has 42 significant bits, so n * Ln2HiD is exact for |n| < 2^11.
    private const double Ln2HiD = 0.6931471805598903;
    private const double Ln2LoD = 5.497923018708371e-14;

    // Exp's fast path: |x| <= 708 keeps 2^n a normal double (n in [-1022, 1022]).
    private const double ExpFastLimitD = 708.0;

    // exp(r) = 1 + r + r^2 P(r) on |r| <= ln2/2: Chebyshev fit, relative error 2^-55.8.
    private const double ExpD0 = 0.5000000000000001, ExpD1 = 0.16666666666666669, ExpD2 = 0.04166666666662399,
        ExpD3 = 0.008333333333330051, ExpD4 = 0.0013888888917281794, ExpD5 = 0.00019841269863105968,
        ExpD6 = 2.480152119021773e-05, ExpD7 = 2.7557268378684192e-06, ExpD8 = 2.7620138719733994e-07,
        ExpD9 = 2.5100424157005067e-08;

    // log(1+f) = f - f^2/2 + s (f^2/2 + z R(z)), s = f / (2 + f), z = s^2 <= 0.0295 (f in [sqrt(1/2) - 1, sqrt(2) - 1]):
    // R(z) = sum 2 z^(k-1) / (2k+1), Chebyshev fit, relative error of log(1+f) 2^-57.6.
    private const double LogD0 = 0.666666666666667, LogD1 = 0.3999999999989889, LogD2 = 0.28571428626253836,
        LogD3 = 0.22222211089379496, LogD4 = 0.1818289243253687, LogD5 = 0.15331611722055008, LogD6 = 0.14617807153417325;

    // Bits of sqrt(1/2): Log's reduction takes the mantissa m into [sqrt(1/2), sqrt(2)).
    private const ulong SqrtHalfBitsD = 0x3FE6A09E667F3BCD;

    // Sin/Cos: x = n pi/2 + r. pi/2 = C1 + C2 + C3 + C4, C1..C3 with 33 significant bits: n * Ck exact for |n| < 2^20.
    private const double TwoOverPiD = 0.6366197723675814;
    private const double PiO2C1D = 1.5707963267341256, PiO2C2D = 6.077100506303966e-11, PiO2C3D = 2.0222662487111665e-21,
        PiO2C4D = 8.4784276603689e-32;

    // Beyond this |x| (n would reach 2^20) Sin/Cos lanes are computed by Math.Sin/Cos.
    private const double SinCosLimitD = 1.5e6;

    // sin(r) = r + r^3 S(r^2), cos(r) = 1 - r^2/2 + r^4 C(r^2) on |r| <= pi/4: Chebyshev fits, 2^-55.3 and 2^-59.4.
    private const double SinD0 = -0.16666666666666666, SinD1 = 0.008333333333330827, SinD2 = -0.0001984126983657571,
        SinD3 = 2.755731600817155e-06, SinD4 = -2.5051112272573243e-08, SinD5 = 1.5916726193889336e-10;
    private const double CosD0 = 0.041666666666666664, CosD1 = -0.0013888888888887322, CosD2 = 2.4801587298651292e-05,
        CosD3 = -2.755731721268659e-07, CosD4 = 2.0876134024090145e-09, CosD5 = -1.1381754653662937e-11;

    // ---- float constants ----------------------------------------------------------------------------------------

    // 1.5 * 2^23: rounds a float of magnitude < 2^22 to an integer, left in the low bits.
    private const float ShifterF = 12582912.0f;
    private const float Log2EF = 1.44269502f;
    private const float InvLn2F = 1.44269502f;

    // ln 2 = Ln2HiF + Ln2LoF; Ln2HiF has 16 significant bits: n * Ln2HiF exact for |n| < 2^8.
    private const float Ln2HiF = 0.693145751953125f;
    private const float Ln2LoF = 1.428606765330187e-06f;

    // Exp's fast path: |x| <= 87 keeps 2^n a normal float (n in [-126, 126]).
    private const float ExpFastLimitF = 87.0f;

    // exp(r) = 1 + r + r^2 P(r) on |r| <= ln2/2: Chebyshev fit, relative error 2^-26.5.
    private const float ExpF0 = 0.5f, ExpF1 = 0.16666576266288757f, ExpF2 = 0.041666556149721146f,
        ExpF3 = 0.008363203145563602f, ExpF4 = 0.0013926213141530752f;

    // log(1+f) = f - f^2/2 + f^3 Q(f) on f in [sqrt(1/2) - 1, sqrt(2) - 1]: Chebyshev fit, relative error 2^-28.2.
    private const float LogF0 = 0.3333333134651184f, LogF1 = -0.2499999701976776f, LogF2 = 0.20000720024108887f,
        LogF3 = -0.16667810082435608f, LogF4 = 0.1424887627363205f, LogF5 = -0.12425360083580017f,
        LogF6 = 0.11687024682760239f, LogF7 = -0.11483081430196762f, LogF8 = 0.06971346586942673f;

    private const uint SqrtHalfBitsF = 0x3F3504F3;

    // Sin/Cos: pi/2 = C1 + C2 + C3 + C4, C1..C3 with 12 significant bits: n * Ck exact for |n| < 2^12.
    private const float TwoOverPiF = 0.636619747f;
    private const float PiO2C1F = 1.5703125f, PiO2C2F = 0.0004837512969970703f, PiO2C3F = 7.549533620476723e-08f,
        PiO2C4F = 2.5633440682570896e-12f;

    // Beyond this |x| (n would reach 2^12) Sin/Cos lanes are computed by MathF.Sin/Cos.
    private const float SinCosLimitF = 6000.0f;

    // sin(r) = r + r^3 S(r^2), cos(r) = 1 - r^2/2 + r^4 C(r^2) on |r| <= pi/4: Chebyshev fits, 2^-28.1 and 2^-30.0.
    private const float SinF0 = -0.1666666716337204f, SinF1 = 0.008333331905305386f, SinF2 = -0.00019840063760057092f,
        SinF3 = 2.7246869649388827e-06f;
    private const float CosF0 = 0.0416666641831398f, CosF1 = -0.0013888290850445628f, CosF2 = 2.454541936458554e-05f;
}
