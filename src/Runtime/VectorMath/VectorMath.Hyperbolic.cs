namespace SourceGen;

// Constants of Sinh, Cosh, Tanh, Asinh, Acosh and Atanh (VectorMath.Hyperbolic.Vector512.cs and its twins). They are
// computed through ExpM1, Exp and LogP1's kernels: no polynomials of their own but float Tanh's below 0.55.
public static partial class VectorMath
{
    // Sinh and Cosh: |x| <= 708 keeps e^|x| finite; beyond, lanes go to Math.Sinh/Cosh (the result overflows from 710.48).
    private const double SinhFastLimitD = 708.0;
    private const float SinhFastLimitF = 87.0f;

    // Tanh: from here on tanh(|x|) rounds to 1 (1 - 2e^-2|x| is within half an ulp of 1), so |x| is clamped to it.
    private const double TanhOneD = 20.0;
    private const float TanhOneF = 10.0f;

    // Float Tanh below TanhSmallF (where tanh < 1/2 and 1 - 2/(e^2a + 1) would cancel): a + a^3 P(a^2), P a Chebyshev
    // fit on [0, 0.55^2] (mpmath), relative error of the result 2^-27.9.
    private const float TanhSmallF = 0.55f;
    private const float TanhF0 = -0.3333333200797698f, TanhF1 = 0.1333311372902087f, TanhF2 = -0.05390942882746055f,
        TanhF3 = 0.021309388664443474f, TanhF4 = -0.006610227831114734f;

    // Asinh and Acosh: from here on x^2 + 1 (x^2 - 1) rounds to x^2, and the result is log(2|x|) to within far less
    // than an ulp; below it, x^2 cannot overflow.
    private const double HugeHyperbolicD = 268435456.0; // 2^28
    private const float HugeHyperbolicF = 4096.0f; // 2^12
}
