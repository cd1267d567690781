namespace SourceGen;

// Constants of Sinh, Cosh, Tanh, Asinh, Acosh and Atanh (VectorMath.Hyperbolic.Vector512.cs and its twins). They are
// computed through Exp's and LogP1's kernels: no polynomials of their own but Sinh's and Tanh's near zero.
public static partial class VectorMath
{
    // Sinh and Cosh: |x| <= 708 keeps e^|x| finite; beyond, lanes go to Math.Sinh/Cosh (the result overflows from 710.48).
    private const double SinhFastLimitD = 708.0;
    private const float SinhFastLimitF = 87.0f;

    // Sinh below 1: a + a^3 P(a^2), P a Chebyshev fit of (sinh a - a) / a^3 on z = a^2 in [0, 1] (mpmath), relative
    // error of the result 2^-56.6 (double) and 2^-27.9 (float) with the coefficients rounded. From 1 on, e^a/2 - 1/(2e^a).
    private const double SinhP0 = 0.16666666666666666, SinhP1 = 0.008333333333333299, SinhP2 = 0.00019841269841324198,
        SinhP3 = 2.7557319191381816e-06, SinhP4 = 2.5052117695907823e-08, SinhP5 = 1.6057679623801638e-10, SinhP6 = 7.746178593018827e-13;
    private const float SinhF0 = 0.1666666716337204f, SinhF1 = 0.008333339355885983f, SinhF2 = 0.00019838102161884308f,
        SinhF3 = 2.806280235745362e-06f;

    // Float Tanh: from here on tanh(|x|) rounds to 1 (1 - 2e^-2|x| is within half an ulp of 1), so |x| is clamped to it.
    private const float TanhOneF = 10.0f;

    // Float Tanh below TanhSmallF (where tanh < 1/2 and 1 - 2/(e^2a + 1) would cancel): a + a^3 P(a^2), P a Chebyshev
    // fit on [0, 0.55^2] (mpmath), relative error of the result 2^-27.9.
    private const float TanhSmallF = 0.55f;
    private const float TanhF0 = -0.3333333200797698f, TanhF1 = 0.1333311372902087f, TanhF2 = -0.05390942882746055f,
        TanhF3 = 0.021309388664443474f, TanhF4 = -0.006610227831114734f;

    // Double Tanh below TanhSmallD: a + a^3 P(a^2) / Q(a^2), Q monic, the rational form and coefficients of Cephes'
    // tanh (S. L. Moshier; relative error 2.5e-16 there); from TanhSmallD on, 1 - 2 / (e^2a + 1) does not cancel.
    private const double TanhSmallD = 0.625;
    private const double TanhP0 = -9.64399179425052238628E-1, TanhP1 = -9.92877231001918586564E1, TanhP2 = -1.61468768441708447952E3;
    private const double TanhQ0 = 1.12811678491632931402E2, TanhQ1 = 2.23548839060100448583E3, TanhQ2 = 4.84406305325125486048E3;

    // Double Tanh's e^2|x|: 2|x| is clamped to this (tanh rounds to 1 from |x| = 19.06 on; e^40 is finite and its
    // 2^n, n = 58, normal).
    private const double TanhClampD = 40.0;

    // Asinh and Acosh: from here on x^2 + 1 (x^2 - 1) rounds to x^2, and the result is log(2|x|) to within far less
    // than an ulp; below it, x^2 cannot overflow.
    private const double HugeHyperbolicD = 268435456.0; // 2^28
    private const float HugeHyperbolicF = 4096.0f; // 2^12
}
