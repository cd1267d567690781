namespace SourceGen;

// Constants of Exp2, Exp10, ExpM1, Log10 and LogP1 (VectorMath.ExpLog.Vector512.cs and its twins). Their polynomials
// are Exp's and Log's (VectorMath.cs): each function here is a different reduction onto the same kernels.
public static partial class VectorMath
{
    // ---- double -------------------------------------------------------------------------------------------------

    private const double Ln2D = 0.6931471805599453;

    // Exp10: x = n log10(2) + r. log10(2) = Log10Of2HiD + Log10Of2LoD, the high part with 42 significant bits, so
    // n * Log10Of2HiD is exact for |n| < 2^11; then 10^r = e^(r ln 10).
    private const double Log2Of10D = 3.321928094887362;
    private const double Log10Of2HiD = 0.30102999566395283, Log10Of2LoD = 2.8363394551044964e-14;
    private const double Ln10D = 2.302585092994046;

    // Log10: log10(x) = e log10(2) + log(m) / ln 10.
    private const double InvLn10D = 0.4342944819032518;

    // Exp2 and Exp10 fast paths: n stays in [-1021, 1021], so 2^n and 2^n (1 + p) are normal doubles.
    private const double Exp2FastLimitD = 1020.0, Exp10FastLimitD = 307.0;

    // ---- float --------------------------------------------------------------------------------------------------

    private const float Ln2F = 0.6931472f;

    // log10(2) = Log10Of2HiF + Log10Of2LoF, the high part with 16 significant bits: n * Log10Of2HiF exact for |n| < 2^8.
    private const float Log2Of10F = 3.321928f;
    private const float Log10Of2HiF = 0.30103302001953125f, Log10Of2LoF = -3.0243555500547862e-06f;
    private const float Ln10F = 2.3025851f;
    // 1/ln 10 = InvLn10HiF + InvLn10LoF. Float Log10's G(f) = (log1p(f) - f) / (f^2 ln 10), a Chebyshev fit on
    // [sqrt(1/2) - 1, sqrt(2) - 1] (mpmath), divided by ln 10 and rounded: relative error of log1p(f) / ln 10 2^-26.6.
    private const float InvLn10HiF = 0.4342944920063019f, InvLn10LoF = -1.0103049952192578e-08f;
    private const float Log10G0 = -0.21714723110198975f, Log10G1 = 0.14476481080055237f, Log10G2 = -0.10857701301574707f,
        Log10G3 = 0.08686425536870956f, Log10G4 = -0.07220860570669174f, Log10G5 = 0.06169090420007706f,
        Log10G6 = -0.057012248784303665f, Log10G7 = 0.05525386705994606f, Log10G8 = -0.033326201140880585f;

    // n stays in [-125, 125].
    private const float Exp2FastLimitF = 124.0f, Exp10FastLimitF = 37.0f;
}
