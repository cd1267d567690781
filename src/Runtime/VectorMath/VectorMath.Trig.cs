namespace SourceGen;

// Constants of Tan, Asin, Acos, Atan and Atan2 (VectorMath.Trig.Vector512.cs and its generated twins). Tan reuses Sin
// and Cos's reduction constants and polynomials (VectorMath.cs). Polynomials: Chebyshev-node fits computed for this
// library (mpmath, 60 digits), relative errors measured after rounding the coefficients.
public static partial class VectorMath
{
    // ---- double -------------------------------------------------------------------------------------------------

    // pi/4 = PiO4HiD + PiO4LoD; PiO4HiD has 48 significant bits, so k * PiO4HiD is exact for k = 0..4.
    private const double PiO4HiD = 0.7853981633974492, PiO4LoD = -8.575622497214414e-16;

    // pi/2 = PiO2HiD + PiO2LoD (PiO2HiD is pi/2 rounded).
    private const double PiO2HiD = 1.5707963267948966, PiO2LoD = 6.123233995736766e-17;

    // Double Tan's fused reduction: pi/2 = PiO2HiD + TanPiO2C2D + TanPiO2C3D + TanPiO2C4D, TanPiO2C2D with 32
    // significant bits (n * TanPiO2C2D exact for |n| < 2^20, a multiple of 2^-85).
    private const double TanPiO2C2D = 6.12323399667708e-17, TanPiO2C3D = -9.403137205957857e-27, TanPiO2C4D = 2.0670321098263988e-43;

    // atan(u) = u + u z P(z), z = u^2 <= 1/4 (|u| <= 1/2 after the reduction): relative error 2^-57.6.
    private const double AtanD0 = -0.3333333333333333, AtanD1 = 0.19999999999999488, AtanD2 = -0.14285714285599188,
        AtanD3 = 0.11111111100917376, AtanD4 = -0.09090908620322523, AtanD5 = 0.07692294712540285,
        AtanD6 = -0.06666435677235948, AtanD7 = 0.05879578429582425, AtanD8 = -0.05240099507994713,
        AtanD9 = 0.04628024868570153, AtanD10 = -0.03806653672057366, AtanD11 = 0.025006503566489507,
        AtanD12 = -0.009215792047089858;

    // asin(s) = s + s z P(z), z = s^2 <= 1/4: relative error 2^-57.4.
    private const double AsinD0 = 0.16666666666666669, AsinD1 = 0.07499999999998433, AsinD2 = 0.04464285714635543,
        AsinD3 = 0.030381944138531247, AsinD4 = 0.02237217294214989, AsinD5 = 0.017352392720869973,
        AsinD6 = 0.013971212973552933, AsinD7 = 0.011479177415184906, AsinD8 = 0.01032281435018578,
        AsinD9 = 0.005457506718640358, AsinD10 = 0.01740087944269402, AsinD11 = -0.014851887071247204,
        AsinD12 = 0.028757851367421566;

    // ---- float --------------------------------------------------------------------------------------------------

    // pi/4 = PiO4HiF + PiO4LoF; PiO4HiF has 20 significant bits (k * PiO4HiF exact for k = 0..4).
    private const float PiO4HiF = 0.7853984832763672f, PiO4LoF = -3.1987892157303577e-07f;

    private const float PiO2HiF = 1.5707963705062866f, PiO2LoF = -4.371138828673793e-08f;

    // Float Tan's fused reduction: pi/2 = PiO2HiF + TanPiO2C2F + TanPiO2C3F + TanPiO2C4F, TanPiO2C2F with 11
    // significant bits (n * TanPiO2C2F exact for |n| < 2^12, a multiple of 2^-35).
    private const float TanPiO2C2F = -4.371395334601402e-08f, TanPiO2C3F = 2.5633440682570896e-12f, TanPiO2C4F = 8.333743212599745e-20f;

    // tan(r) = r + r z P(z), z = r^2 <= (pi/4)^2 (a little beyond): relative error 2^-27.2. (Double Tan divides
    // Sin/Cos's polynomials instead; float's quotient of two float polynomials measured 4 ulp.)
    private const float TanF0 = 0.3333333432674408f, TanF1 = 0.13333231210708618f, TanF2 = 0.053994495421648026f,
        TanF3 = 0.02162087708711624f, TanF4 = 0.009963025338947773f, TanF5 = 0.0011839185608550906f,
        TanF6 = 0.0038439722266048193f;

    // atan(u) = u + u z P(z), z = u^2 <= 1/4: relative error 2^-27.7.
    private const float AtanF0 = -0.3333333432674408f, AtanF1 = 0.19999875128269196f, AtanF2 = -0.14279800653457642f,
        AtanF3 = 0.11006880551576614f, AtanF4 = -0.0823550596833229f, AtanF5 = 0.042256858199834824f;

    // asin(s) = s + s z P(z), z = s^2 <= 1/4: relative error 2^-28.4.
    private const float AsinF0 = 0.1666666567325592f, AsinF1 = 0.07500094175338745f, AsinF2 = 0.04459940269589424f,
        AsinF3 = 0.031100662425160408f, AsinF4 = 0.017149237915873528f, AsinF5 = 0.03369084745645523f;
}
