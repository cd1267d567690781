using System;
using SourceGen;

namespace SourceGen.Differential.Tests.Kernels;

/// <summary>Straight-line kernels covering the operators, locals, uniforms and Math functions of the README.</summary>
public static partial class Arithmetic
{
    // The README's Rel, with a varying and with a uniform y.
    public static double Rel(double x, double y) => Math.Abs(x - y) / (Math.Abs(x) + Math.Abs(y) + 1e-12);

    [Vectorize]
    public static partial void Rel(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);

    [Vectorize]
    public static partial void Rel(ReadOnlySpan<double> x, double y, Span<double> destination);

    [Vectorize]
    public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    [Vectorize]
    public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

    [Vectorize]
    public static float Polynomial(float x) => ((((0.5f * x + 1.25f) * x - 2f) * x + 0.75f) * x - 3f) * x + 1f;

    [Vectorize]
    public static double MultiplyAdd(double x, double y, double z) => x * y + z;

    /// <summary>Locals, reassignment, compound assignment, increment, unary minus.</summary>
    [Vectorize]
    public static double Locals(double x, double y)
    {
        double a = x * 2.5 - y;
        double b = -a;
        a = a * a + b;
        a += 1;
        a *= y;
        b -= x / 3;
        b++;
        return a - b;
    }

    /// <summary>Parameters reassigned in the body, as the README's escape-time kernel does.</summary>
    public static double ReassignParameters(double zr, double zi, double cr)
    {
        double t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + cr;
        zr = t;
        zr += zi;
        cr++;
        return zr * cr - zi;
    }

    [Vectorize(nameof(ReassignParameters))]
    public static partial void ReassignParametersEntry(ReadOnlySpan<double> zr, ReadOnlySpan<double> zi, double cr, Span<double> destination);

    /// <summary>float arithmetic with a double literal: widened to double and narrowed back, as C# does.</summary>
    [Vectorize]
    public static float FloatWithDoubleLiteral(float x) => (float)(x * 0.1 + 1);

    [Vectorize]
    public static int IntArithmetic(int x, int y) => x * y + (x - y) * 3 - -x + ~y;

    [Vectorize]
    public static long LongArithmetic(long x, long y) => x * y + (x ^ y) - (x & 255) + (y | 1);

    [Vectorize]
    public static uint UIntBits(uint x, uint y) => (x << 3) ^ (y >> 5) ^ (x >>> 1) + (y << 35);

    [Vectorize]
    public static int SignedShifts(int x) => (x >> 7) + (x << 2) + (x >>> 28);

    [Vectorize]
    public static ulong ULongShifts(ulong x) => (x >> 13) ^ (x << 51);

    /// <summary>Small integer types promote to int; the result narrows back.</summary>
    [Vectorize]
    public static byte ByteAverage(byte x, byte y) => (byte)((x + y + 1) >> 1);

    [Vectorize]
    public static short ShortMix(short x, sbyte y) => (short)(x * y - (x >> 2));

    [Vectorize]
    public static ushort UShortCompound(ushort x)
    {
        ushort a = x;
        a += 1000;
        a <<= 3;
        a ^= 0x5555;
        return a;
    }

    /// <summary>Mixed widths: int and byte into double.</summary>
    [Vectorize]
    public static double MixedWidth(byte a, int b, float c) => a * 0.5 + b - c;

    [Vectorize]
    public static float ByteToFloatScale(byte x) => x / 255f;

    [Vectorize]
    public static int DoubleToIntRound(double x) => (int)Math.Round(x);

    // Comparisons, bool results, bool inputs, select.
    [Vectorize]
    public static bool Greater(double x, double y) => x > y;

    [Vectorize]
    public static bool InRange(float x) => x >= -1f && x <= 1f || float.IsNaN(x);

    [Vectorize]
    public static bool IntPredicates(int x, int y) => (x == y) | (x != 0) & !(y < -5) ^ (x <= y);

    [Vectorize]
    public static double SelectByBool(bool b, double x) => b ? x : -x;

    [Vectorize]
    public static bool BoolLogic(bool a, bool b) => a ^ b || a == b && !a;

    [Vectorize]
    public static float SelectFloat(float x, float y) => x < y ? y - x : x * 0.5f;

    [Vectorize]
    public static long SelectByDoubleCompare(double x, long y) => x > 0 ? y : -y;

    [Vectorize]
    public static byte SelectBytes(byte x, byte y) => x > y ? x : y;

    /// <summary>Uniform sub-expressions (negated, combined, converted) hoisted out of the loop.</summary>
    public static float UniformExpressions(float x, float gain) => x * -gain + (gain * 2f - 1f) / (float)(gain + 0.5);

    public static float UniformExp(float x, float gain) => MathF.Exp(-gain * x);

    [Vectorize(nameof(UniformExp))]
    public static partial void UniformExpEntry(ReadOnlySpan<float> x, float gain, Span<float> destination);

    [Vectorize(nameof(UniformExpressions))]
    public static partial void UniformExpressionsEntry(ReadOnlySpan<float> x, float gain, Span<float> destination);

    public static long UniformIntegers(long x, int a) => x * -a + (a << 3) - (a >> 1) + (long)(a / 3);

    [Vectorize(nameof(UniformIntegers))]
    public static partial void UniformIntegersEntry(ReadOnlySpan<long> x, int a, Span<long> destination);

    public static double UniformSelect(double x, bool flag) => flag ? x * 2 : x;

    [Vectorize(nameof(UniformSelect))]
    public static partial void UniformSelectEntry(ReadOnlySpan<double> x, bool flag, Span<double> destination);

    public static int UniformShift(int x, int count) => x << count;

    [Vectorize(nameof(UniformShift))]
    public static partial void UniformShiftEntry(ReadOnlySpan<int> x, int count, Span<int> destination);

    // Math functions with a SIMD form.
    [Vectorize]
    public static double MinMax(double x, double y) => Math.Max(Math.Min(x, y), -1.5) + Math.Min(x, 0.0);

    [Vectorize]
    public static float MinMaxF(float x, float y) => MathF.Max(x, y) - MathF.Min(x, -0f);

    [Vectorize]
    public static int IntMinMax(int x, int y) => Math.Max(x, y) - Math.Min(x, y);

    [Vectorize]
    public static double ClampDouble(double x) => Math.Clamp(x, -2.0, 3.5);

    [Vectorize]
    public static double ClampVarying(double x, double y, double z) => Math.Clamp(x, y, z);

    [Vectorize]
    public static int ClampInt(int x) => Math.Clamp(x, -100, 100);

    [Vectorize]
    public static double Roundings(double x) => Math.Floor(x) + 2 * Math.Ceiling(x) + 4 * Math.Round(x) + 8 * Math.Truncate(x);

    [Vectorize]
    public static float RoundingsF(float x) => MathF.Floor(x) - MathF.Ceiling(x) + MathF.Round(x) * MathF.Truncate(x);

    [Vectorize]
    public static double SqrtAbs(double x) => Math.Sqrt(Math.Abs(x));

    [Vectorize]
    public static float SqrtF(float x) => MathF.Sqrt(x);

    [Vectorize]
    public static double Fma(double x, double y, double z) => Math.FusedMultiplyAdd(x, y, z);

    [Vectorize]
    public static float CopySignF(float x, float y) => MathF.CopySign(x, y);

    [Vectorize]
    public static int AbsInt(int x) => Math.Abs(x);

    [Vectorize]
    public static sbyte AbsSByte(sbyte x) => Math.Abs(x);

    // The element types' own statics (what a generic-math kernel's T.Sqrt becomes) lower exactly as Math's.
    [Vectorize]
    public static double ElementStatics(double x, double y) =>
        double.Sqrt(double.Abs(x)) + double.Max(x, y) * double.Round(y) + double.Clamp(x, -2.0, 3.5) + double.FusedMultiplyAdd(x, y, 1.0);

    [Vectorize]
    public static float ElementStaticsF(float x, float y) => (float.Min(x, y) + float.CopySign(x, y) * float.Floor(y)) * float.Sqrt(float.Abs(y)) + float.Truncate(x);

    [Vectorize]
    public static int ElementStaticsInt(int x, int y) => int.Abs(x) - int.Max(x, y) + int.Clamp(y, -100, 100);

    [Vectorize]
    public static bool Classify(double x) => double.IsInfinity(x) || double.IsNegative(x) && double.IsFinite(x);

    // Transcendental functions: vector implementations, within a few ulps of the scalar ones.
    [Vectorize]
    public static double Exp(double x) => Math.Exp(x);

    [Vectorize]
    public static float ExpF(float x) => MathF.Exp(x);

    [Vectorize]
    public static double Log(double x) => Math.Log(x);

    [Vectorize]
    public static float LogF(float x) => MathF.Log(x);

    [Vectorize]
    public static double Log2(double x) => Math.Log2(x);

    [Vectorize]
    public static double Sin(double x) => Math.Sin(x);

    [Vectorize]
    public static float CosF(float x) => MathF.Cos(x);

    // Every Math function with a SourceGen.VectorMath form, for double and float (one function per kernel: no
    // cancellation that would amplify a last-bit difference).
    [Vectorize] public static double SimdLog10(double x) => Math.Log10(x);
    [Vectorize] public static float SimdLog10F(float x) => MathF.Log10(x);
    [Vectorize] public static double SimdSinh(double x) => Math.Sinh(x);
    [Vectorize] public static float SimdSinhF(float x) => MathF.Sinh(x);
    [Vectorize] public static double SimdCosh(double x) => Math.Cosh(x);
    [Vectorize] public static float SimdCoshF(float x) => MathF.Cosh(x);
    [Vectorize] public static double SimdTanh(double x) => Math.Tanh(x);
    [Vectorize] public static float SimdTanhF(float x) => MathF.Tanh(x);
    [Vectorize] public static double SimdAsinh(double x) => Math.Asinh(x);
    [Vectorize] public static float SimdAsinhF(float x) => MathF.Asinh(x);
    [Vectorize] public static double SimdAcosh(double x) => Math.Acosh(x);
    [Vectorize] public static float SimdAcoshF(float x) => MathF.Acosh(x);
    [Vectorize] public static double SimdAtanh(double x) => Math.Atanh(x);
    [Vectorize] public static float SimdAtanhF(float x) => MathF.Atanh(x);
    [Vectorize] public static double SimdAsin(double x) => Math.Asin(x);
    [Vectorize] public static float SimdAsinF(float x) => MathF.Asin(x);
    [Vectorize] public static double SimdAcos(double x) => Math.Acos(x);
    [Vectorize] public static float SimdAcosF(float x) => MathF.Acos(x);
    [Vectorize] public static double SimdAtan(double x) => Math.Atan(x);
    [Vectorize] public static float SimdAtanF(float x) => MathF.Atan(x);
    [Vectorize] public static double SimdCbrt(double x) => Math.Cbrt(x);
    [Vectorize] public static float SimdCbrtF(float x) => MathF.Cbrt(x);
    [Vectorize] public static double SimdTan(double x) => Math.Tan(x);
    [Vectorize] public static float SimdTanF(float x) => MathF.Tan(x);
    [Vectorize] public static double SimdExp2(double x) => double.Exp2(x);
    [Vectorize] public static float SimdExp2F(float x) => float.Exp2(x);
    [Vectorize] public static double SimdExp10(double x) => double.Exp10(x);
    [Vectorize] public static float SimdExp10F(float x) => float.Exp10(x);
    [Vectorize] public static double SimdExpM1(double x) => double.ExpM1(x);
    [Vectorize] public static float SimdExpM1F(float x) => float.ExpM1(x);
    [Vectorize] public static double SimdLogP1(double x) => double.LogP1(x);
    [Vectorize] public static float SimdLogP1F(float x) => float.LogP1(x);
    [Vectorize] public static double SimdAtan2(double x, double y) => Math.Atan2(y, x);
    [Vectorize] public static float SimdAtan2F(float x, float y) => MathF.Atan2(y, x);
    [Vectorize] public static double SimdPow(double x, double y) => Math.Pow(x, y);
    [Vectorize] public static float SimdPowF(float x, float y) => MathF.Pow(x, y);
    [Vectorize] public static double SimdHypot(double x, double y) => double.Hypot(x, y);
    [Vectorize] public static float SimdHypotF(float x, float y) => float.Hypot(x, y);
}
