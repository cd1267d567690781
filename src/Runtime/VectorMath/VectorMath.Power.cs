namespace SourceGen;

// Constants of Pow, Cbrt and Hypot (VectorMath.Power.Vector512.cs and its generated twins). Polynomials:
// Chebyshev-node fits computed for this library (mpmath, 60 digits), errors measured after rounding the coefficients.
public static partial class VectorMath
{
    // ---- double -------------------------------------------------------------------------------------------------

    // Pow's log: ln(m) = 2s + (2/3) s^3 + s^5 T(s^2), s = (m - 1) / (m + 1), s^2 <= (3 - 2 sqrt 2)^2 = 0.0294:
    // relative error of ln(m) 2^-66.4 (the first two terms carried in double-double).
    private const double PowLogD0 = 0.4, PowLogD1 = 0.28571428571429364, PowLogD2 = 0.22222222221656232,
        PowLogD3 = 0.18181818335314404, PowLogD4 = 0.15384594970895457, PowLogD5 = 0.13334804238225345,
        PowLogD6 = 0.11706248540922386, PowLogD7 = 0.11723051028097753;

    // 2/3 = TwoThirdsHiD + TwoThirdsLoD.
    private const double TwoThirdsHiD = 0.6666666666666666, TwoThirdsLoD = 3.700743415417188e-17;

    // 2^27 + 1: Dekker's split of a double into two 26-bit halves (exact products without FMA).
    private const double SplitterD = 134217729.0;

    // cbrt(m) on [1, 2]: relative error 2^-21.9 (a start for one Halley step, which triples the bits).
    private const double CbrtD0 = 0.44864263080415745, CbrtD1 = 0.9437338117552575, CbrtD2 = -0.655068561722188,
        CbrtD3 = 0.3751475301420356, CbrtD4 = -0.13924853171031618, CbrtD5 = 0.029496704251914946,
        CbrtD6 = -0.002703333870412061;

    private const double Cbrt2D = 1.2599210498948732, Cbrt4D = 1.5874010519681996;

    // ---- float --------------------------------------------------------------------------------------------------

    // Float Pow, computed in double with polynomials sized for a float result (mpmath Chebyshev fits):
    // log2(1 + f) = s (2/ln2 + z R(z)), s = f / (2 + f), z = s^2 <= (3 - 2 sqrt 2)^2: R's error 2^-36.5, 2^-40 of log2;
    // 2^r on [-1/2, 1/2]: relative error 2^-28.9 (constant term 1).
    private const double TwoOverLn2D = 2.8853900817779268;
    private const double PowFloatLogD0 = 0.961796693936196, PowFloatLogD1 = 0.5770779990048344, PowFloatLogD2 = 0.4122032857846058,
        PowFloatLogD3 = 0.320154239282653, PowFloatLogD4 = 0.27934404491929504;
    private const double PowFloatExp2D1 = 0.6931472067028326, PowFloatExp2D2 = 0.24022650922288757, PowFloatExp2D3 = 0.05550327226670302,
        PowFloatExp2D4 = 0.009618056678524637, PowFloatExp2D5 = 0.0013400428177615838, PowFloatExp2D6 = 0.0001546144469856913;

    // Float Pow's fast path: |y log2 x| <= 1020 keeps 2^n a normal double (every finite nonzero float result is inside).
    private const double PowFloatLimitD = 1020.0;

    // cbrt(m) on [1, 2]: relative error 2^-16.2.
    private const float CbrtF0 = 0.5092481374740601f, CbrtF1 = 0.7117424011230469f, CbrtF2 = -0.29395410418510437f,
        CbrtF3 = 0.083079032599926f, CbrtF4 = -0.01010221242904663f;

    private const float Cbrt2F = 1.2599210739135742f, Cbrt4F = 1.587401032447815f;
}
