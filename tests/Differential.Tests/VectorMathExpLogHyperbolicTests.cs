using System;
using System.Collections.Generic;
using System.Runtime.Intrinsics;
using SourceGen.Differential.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace SourceGen.Differential.Tests;

/// <summary>
/// SourceGen.VectorMath's Exp2, Exp10, ExpM1, Log10, LogP1, Sinh, Cosh, Tanh, Asinh, Acosh and Atanh against
/// System.Math/MathF (double.Exp2 etc.), as <see cref="VectorMathTests"/> does for Exp/Log/Sin/Cos: at most 4 ulp
/// on random inputs over each function's whole domain and on a sweep of every 97th float (every float, and
/// 100,663,296 random inputs per double function, with SOURCEGEN_EXHAUSTIVE=1), identical special values. ExpM1 and LogP1 are the accurate functions (C's expm1/log1p),
/// not .NET's Exp(x) − 1 and Log(x + 1): they are checked against accurate references (<see cref="ExpM1Reference"/>,
/// <see cref="LogP1Reference"/>). Every width the run's CPU accelerates is checked (run with DOTNET_EnableAVX512=0
/// and DOTNET_EnableAVX2=0 for the 256- and 128-bit code, the latter without FMA).
/// </summary>
public sealed class VectorMathExpLogHyperbolicTests(ITestOutputHelper output)
{
    /// <summary>One function: its references, its six vector forms, and where it does its work (random inputs of the
    /// domain beside the log-uniform ones over every finite value).</summary>
    private sealed record Function(
        Func<double, double> ReferenceD, Func<float, float> ReferenceF,
        Func<Vector512<double>, Vector512<double>> D512, Func<Vector256<double>, Vector256<double>> D256, Func<Vector128<double>, Vector128<double>> D128,
        Func<Vector512<float>, Vector512<float>> F512, Func<Vector256<float>, Vector256<float>> F256, Func<Vector128<float>, Vector128<float>> F128,
        Func<Inputs.SplitMix64, int, double> Domain, double FloatScale);

    private static double Signed(Inputs.SplitMix64 r, double magnitude) => r.Below(2) == 0 ? magnitude : -magnitude;

    // A magnitude log-uniform over [2^lo, 2^hi).
    private static double LogUniform(Inputs.SplitMix64 r, int lo, int hi) => (1 + r.Unit()) * Math.Pow(2, lo + r.Below(hi - lo));

    private static readonly Dictionary<string, Function> All = new()
    {
        ["Exp2"] = new(double.Exp2, float.Exp2, VectorMath.Exp2, VectorMath.Exp2, VectorMath.Exp2, VectorMath.Exp2, VectorMath.Exp2, VectorMath.Exp2,
            (r, i) => i % 8 == 2 ? Signed(r, LogUniform(r, -60, 1)) : (r.Unit() * 2 - 1) * 1100, 160.0 / 1100),
        ["Exp10"] = new(double.Exp10, float.Exp10, VectorMath.Exp10, VectorMath.Exp10, VectorMath.Exp10, VectorMath.Exp10, VectorMath.Exp10, VectorMath.Exp10,
            (r, i) => i % 8 == 2 ? Signed(r, LogUniform(r, -60, 1)) : (r.Unit() * 2 - 1) * 330, 48.0 / 330),
        ["ExpM1"] = new(ExpM1Reference, x => (float)ExpM1Reference(x), VectorMath.ExpM1, VectorMath.ExpM1, VectorMath.ExpM1, VectorMath.ExpM1, VectorMath.ExpM1, VectorMath.ExpM1,
            (r, i) => i % 8 == 2 ? Signed(r, LogUniform(r, -60, 2)) : (r.Unit() * 2 - 1) * 720, 100.0 / 720),
        ["Log10"] = new(Math.Log10, MathF.Log10, VectorMath.Log10, VectorMath.Log10, VectorMath.Log10, VectorMath.Log10, VectorMath.Log10, VectorMath.Log10,
            (r, i) => i % 8 == 2 ? 1 + (r.Unit() - 0.5) * Math.Pow(2, -r.Below(50)) : LogUniform(r, -40, 40), 1),
        ["LogP1"] = new(LogP1Reference, x => (float)LogP1Reference(x), VectorMath.LogP1, VectorMath.LogP1, VectorMath.LogP1, VectorMath.LogP1, VectorMath.LogP1, VectorMath.LogP1,
            (r, i) => i % 8 == 2 ? Signed(r, LogUniform(r, -60, 0)) : -1 + LogUniform(r, -55, 40), 1),
        ["Sinh"] = new(Math.Sinh, MathF.Sinh, VectorMath.Sinh, VectorMath.Sinh, VectorMath.Sinh, VectorMath.Sinh, VectorMath.Sinh, VectorMath.Sinh,
            (r, i) => i % 8 == 2 ? Signed(r, LogUniform(r, -60, 2)) : (r.Unit() * 2 - 1) * 715, 92.0 / 715),
        ["Cosh"] = new(Math.Cosh, MathF.Cosh, VectorMath.Cosh, VectorMath.Cosh, VectorMath.Cosh, VectorMath.Cosh, VectorMath.Cosh, VectorMath.Cosh,
            (r, i) => i % 8 == 2 ? Signed(r, LogUniform(r, -60, 2)) : (r.Unit() * 2 - 1) * 715, 92.0 / 715),
        ["Tanh"] = new(Math.Tanh, MathF.Tanh, VectorMath.Tanh, VectorMath.Tanh, VectorMath.Tanh, VectorMath.Tanh, VectorMath.Tanh, VectorMath.Tanh,
            (r, i) => i % 8 == 2 ? Signed(r, LogUniform(r, -60, 1)) : (r.Unit() * 2 - 1) * 25, 0.5),
        ["Asinh"] = new(Math.Asinh, MathF.Asinh, VectorMath.Asinh, VectorMath.Asinh, VectorMath.Asinh, VectorMath.Asinh, VectorMath.Asinh, VectorMath.Asinh,
            (r, i) => Signed(r, i % 8 == 2 ? LogUniform(r, -30, 3) : LogUniform(r, -40, 60)), 1),
        ["Acosh"] = new(Math.Acosh, MathF.Acosh, VectorMath.Acosh, VectorMath.Acosh, VectorMath.Acosh, VectorMath.Acosh, VectorMath.Acosh, VectorMath.Acosh,
            (r, i) => 1 + LogUniform(r, i % 8 == 2 ? -55 : -20, i % 8 == 2 ? 2 : 60), 1),
        ["Atanh"] = new(Math.Atanh, MathF.Atanh, VectorMath.Atanh, VectorMath.Atanh, VectorMath.Atanh, VectorMath.Atanh, VectorMath.Atanh, VectorMath.Atanh,
            (r, i) => Signed(r, i % 8 == 2 ? 1 - LogUniform(r, -55, -1) : LogUniform(r, -40, 0) * 0.5), 1),
    };

    public static TheoryData<string> Functions => new(All.Keys);

    [Theory]
    [MemberData(nameof(Functions))]
    public void Double_WithinFourUlpsOfMath_AndSameSpecialValues(string name) =>
        VectorMathHarness.CheckRandom(output, $"double {name}", All[name].ReferenceD, DoubleWidths(All[name]), (random, count) => DoubleInputs(All[name], random, count));

    [Theory]
    [MemberData(nameof(Functions))]
    public void Float_WithinFourUlpsOfMathF_AndSameSpecialValues(string name) =>
        VectorMathHarness.CheckRandom(output, $"float {name}", All[name].ReferenceF, FloatWidths(All[name]), (random, count) => FloatInputs(All[name], random, count));

    /// <summary>Every 97th float bit pattern, or every float with SOURCEGEN_EXHAUSTIVE=1 (<see cref="VectorMathHarness.SweepFloats"/>);
    /// also measured, for the record, against the double function rounded to float (nearly the correctly rounded
    /// result: MathF's own functions are not all correctly rounded).</summary>
    [Theory]
    [MemberData(nameof(Functions))]
    public void Float_SweptBitPatterns_WithinFourUlpsOfMathF(string name) =>
        VectorMathHarness.SweepFloats(output, $"float {name}", All[name].ReferenceF, FloatWidths(All[name]), x => (float)All[name].ReferenceD(x));

    /// <summary>The domain edges and the places where these functions differ from .NET's on purpose.</summary>
    [Fact]
    public void SpecialValues_AndDomainEdges()
    {
        foreach ((string width, Action<double[], double[]> apply) in DoubleWidths(All["Acosh"]))
        {
            Assert.Equal(0L, BitConverter.DoubleToInt64Bits(Apply(apply, 1.0)));
            Assert.True(double.IsNaN(Apply(apply, 0.9999999999999999)), width);
            Assert.Equal(double.PositiveInfinity, Apply(apply, double.PositiveInfinity));
        }

        foreach ((string width, Action<double[], double[]> apply) in DoubleWidths(All["Atanh"]))
        {
            Assert.Equal(double.PositiveInfinity, Apply(apply, 1.0));
            Assert.Equal(double.NegativeInfinity, Apply(apply, -1.0));
            Assert.True(double.IsNaN(Apply(apply, 1.0000000000000002)), width);
            Assert.True(double.IsNaN(Apply(apply, double.NegativeInfinity)), width);
        }

        foreach ((string width, Action<float[], float[]> apply) in FloatWidths(All["Atanh"]))
        {
            Assert.Equal(float.PositiveInfinity, Apply(apply, 1.0f));
            Assert.Equal(float.NegativeInfinity, Apply(apply, -1.0f));
            Assert.True(float.IsNaN(Apply(apply, 1.0000001f)), width);
        }

        // ExpM1 and LogP1 are C's: ±0 keeps its sign (.NET's Exp(x) - 1 and Log(x + 1) give +0), tiny x gives x.
        foreach ((string width, Action<double[], double[]> apply) in DoubleWidths(All["LogP1"]))
        {
            Assert.Equal(double.NegativeInfinity, Apply(apply, -1.0));
            Assert.True(double.IsNaN(Apply(apply, -1.0000000000000002)), width);
            Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(Apply(apply, -0.0)));
            Assert.Equal(1e-20, Apply(apply, 1e-20));
            Assert.Equal(0.0, double.LogP1(1e-20));
        }

        foreach ((string width, Action<double[], double[]> apply) in DoubleWidths(All["ExpM1"]))
        {
            Assert.Equal(-1.0, Apply(apply, double.NegativeInfinity));
            Assert.Equal(-1.0, Apply(apply, -40.0));
            Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(Apply(apply, -0.0)));
            Assert.Equal(-1e-20, Apply(apply, -1e-20));
            Assert.Equal(double.PositiveInfinity, Apply(apply, 709.79));
            Assert.True(double.IsFinite(Apply(apply, 709.782712893384)), width);
        }

        foreach ((string width, Action<float[], float[]> apply) in FloatWidths(All["ExpM1"]))
        {
            Assert.Equal(-1.0f, Apply(apply, float.NegativeInfinity));
            Assert.Equal(-float.Epsilon, Apply(apply, -float.Epsilon));
            Assert.Equal(float.PositiveInfinity, Apply(apply, 88.7229f));
        }

        foreach ((string width, Action<double[], double[]> apply) in DoubleWidths(All["Exp2"]))
        {
            for (int n = -1074; n <= 1023; n += 7)
            {
                Assert.Equal(Math.ScaleB(1.0, n), Apply(apply, n));
            }

            Assert.Equal(double.PositiveInfinity, Apply(apply, 1024.0));
            Assert.Equal(0.0, Apply(apply, -1075.0));
        }

        foreach ((string width, Action<double[], double[]> apply) in DoubleWidths(All["Tanh"]))
        {
            Assert.Equal(-1.0, Apply(apply, double.NegativeInfinity));
            Assert.Equal(1.0, Apply(apply, 19.5));
            Assert.Equal(-double.Epsilon, Apply(apply, -double.Epsilon));
        }

        foreach ((string width, Action<double[], double[]> apply) in DoubleWidths(All["Sinh"]))
        {
            Assert.True(double.IsFinite(Apply(apply, -710.4758600739439)), width);
            Assert.Equal(double.NegativeInfinity, Apply(apply, -710.476));
        }
    }

    // ---- accurate references for ExpM1 and LogP1 ----------------------------------------------------------------

    /// <summary>e^x − 1 rounded once: the Taylor series in double-double arithmetic on (−4, 40) (about 100
    /// significant bits), Math.Exp(x) − 1 outside (there the subtraction is exact or rounds once, e^x near −1 or
    /// far above 1).</summary>
    internal static double ExpM1Reference(double x)
    {
        if (!(x > -4 && x < 40) || x == 0)
        {
            return x == 0 ? x : Math.Exp(x) - 1;
        }

        // sum = term = x; term *= x / k, in (hi, lo) pairs.
        (double hi, double lo) term = (x, 0), sum = (x, 0);
        for (int k = 2; k < 200; k++)
        {
            double p = term.hi * x;
            double e = Math.FusedMultiplyAdd(term.hi, x, -p) + term.lo * x;
            (double qh, double ql) = FastTwoSum(p, e);
            double q = qh / k;
            double rest = (Math.FusedMultiplyAdd(-q, k, qh) + ql) / k;
            term = FastTwoSum(q, rest);
            (double s, double se) = TwoSum(sum.hi, term.hi);
            sum = FastTwoSum(s, se + sum.lo + term.lo);
            if (Math.Abs(term.hi) < Math.Abs(sum.hi) * 1e-34)
            {
                break;
            }
        }

        return sum.hi + sum.lo;
    }

    /// <summary>log(1 + x): with u = 1 + x rounded, log(u) − ((u − 1) − x) / u (the first-order correction for
    /// u's rounding; x itself where u is 1).</summary>
    internal static double LogP1Reference(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : double.IsFinite(u) && u > 0 ? Math.Log(u) - ((u - 1) - x) / u : Math.Log(u);
    }

    private static (double, double) TwoSum(double a, double b)
    {
        double s = a + b, bb = s - a;
        return (s, (a - (s - bb)) + (b - bb));
    }

    private static (double, double) FastTwoSum(double a, double b)
    {
        double s = a + b;
        return (s, b - (s - a));
    }

    // ---- inputs -------------------------------------------------------------------------------------------------

    private static readonly double[] DoubleSpecials =
    {
        double.NaN, -double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.Epsilon,
        -double.Epsilon, 2.2250738585072009E-308, 2.2250738585072014E-308, -2.2250738585072014E-308, 1e-310, 1e-300,
        double.MaxValue, double.MinValue, 1, -1, 0.5, -0.5, 2, 10, 100, 1000, 1e22, 1 + 2.220446049250313e-16,
        1 - 1.1102230246251565e-16, -1 + 1.1102230246251565e-16, -1 - 2.220446049250313e-16, 1e-17, -1e-17,
        // Exp2, Exp10, ExpM1 edges.
        1020, 1020.5, 1023.9999999999999, 1024, -1022, -1074, -1074.5, -1075, -1075.0000000001, -1080, -1100,
        307, 308, 308.25471555991675, 308.2547155599168, -307.5, -323.3, -323.306, -324, -330, 707.9, 708, 708.5,
        709.782712893384, 709.7827128933841, -708, -708.5, -745.2, -37, -38, -40,
        // Sinh, Cosh, Tanh, Asinh, Acosh edges.
        710.4758600739439, 710.475860073944, -710.4758600739439, -710.476, 19, 20, 21, -20, 18.714973875118524,
        268435456, 268435457, -268435456, 268435455.99999997, 1e154, 1e155, 1.3407807929942596e154,
    };

    private static readonly float[] FloatSpecials =
    {
        float.NaN, -float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.Epsilon, -float.Epsilon,
        1.17549421E-38f, 1.17549435E-38f, float.MaxValue, float.MinValue, 1f, -1f, 0.5f, -0.5f, 2f, 10f, 100f,
        1.0000001f, 0.99999994f, -0.99999994f, -1.0000001f, 1e-10f, -1e-10f,
        124f, 124.5f, 127.99999f, 128f, -126f, -149f, -149.5f, -150f, -152f, -160f, 37f, 38f, 38.53184f, 38.531841f,
        -37.5f, -45f, -45.2f, -46f, -50f, 86.9f, 87f, 87.5f, 88.72283f, 88.7229f, -87f, -87.5f, -104f, -17f, -18f,
        89.41598f, 89.415985f, -89.41598f, -89.5f, 9f, 10f, 11f, -10f, 4096f, 4097f, -4096f, 1e19f, 1e20f,
    };

    private static double[] DoubleInputs(Function function, Inputs.SplitMix64 random, int count)
    {
        var values = new double[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (i % 4) switch
            {
                // Log-uniform over every finite double (exponent field 0 .. 2046: subnormals too), both signs.
                0 or 1 => BitConverter.Int64BitsToDouble((long)((random.Next() & 0x800FFFFFFFFFFFFFUL) | ((ulong)random.Below(2047) << 52))),
                _ => function.Domain(random, i),
            };
        }

        // Specials among random lanes, and a whole vector of each.
        for (int k = 0; k < DoubleSpecials.Length; k++)
        {
            values[random.Below(values.Length - 64)] = DoubleSpecials[k];
            values.AsSpan(values.Length - 64 - 8 * (k % 7), 8).Fill(DoubleSpecials[k]);
        }

        return values;
    }

    private static float[] FloatInputs(Function function, Inputs.SplitMix64 random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (i % 4) switch
            {
                0 or 1 => BitConverter.Int32BitsToSingle((int)(((uint)random.Next() & 0x807FFFFFu) | ((uint)random.Below(255) << 23))),
                // The double domain, scaled where it is one of exponents (Exp2's ±1100 becomes ±160).
                _ => (float)(function.Domain(random, i) is var x && Math.Abs(x) > 2 && function.FloatScale != 1 ? x * function.FloatScale : x),
            };
        }

        for (int k = 0; k < FloatSpecials.Length; k++)
        {
            values[random.Below(values.Length - 128)] = FloatSpecials[k];
            values.AsSpan(values.Length - 128 - 16 * (k % 7), 16).Fill(FloatSpecials[k]);
        }

        return values;
    }

    // ---- the widths ---------------------------------------------------------------------------------------------

    private static (string Width, Action<double[], double[]> Apply)[] DoubleWidths(Function f) => VectorMathHarness.Widths(f.D512, f.D256, f.D128);

    private static (string Width, Action<float[], float[]> Apply)[] FloatWidths(Function f) => VectorMathHarness.Widths(f.F512, f.F256, f.F128);

    private static double Apply(Action<double[], double[]> apply, double x) => VectorMathHarness.Apply(apply, x);

    private static float Apply(Action<float[], float[]> apply, float x) => VectorMathHarness.Apply(apply, x);
}
