using System;
using System.Runtime.Intrinsics;
using SourceGen.Differential.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace SourceGen.Differential.Tests;

/// <summary>
/// SourceGen.VectorMath (what generated SIMD code calls for Math.Exp/Log/Log2/Sin/Cos) against System.Math and
/// System.MathF: at most 4 ulp on random inputs over each function's whole domain (log-uniform magnitudes, both
/// signs, subnormals included) and, for float, a sweep of every 97th float; identical special values (NaN, ±∞, ±0,
/// overflow and underflow edges). Every width the run's CPU accelerates is checked, so the runs with
/// DOTNET_EnableAVX512=0 and DOTNET_EnableAVX2=0 (no FMA) check the 256- and 128-bit code. SOURCEGEN_EXHAUSTIVE=1
/// (the long run) checks every float input instead of every 97th and 100,663,296 random inputs per function instead
/// of 131,072, on the widest path of the run (minutes per function). The checks are <see cref="VectorMathHarness"/>'s.
/// </summary>
public sealed class VectorMathTests(ITestOutputHelper output)
{
    public static TheoryData<string> Functions => new() { "Exp", "Log", "Log2", "Sin", "Cos" };

    [Theory]
    [MemberData(nameof(Functions))]
    public void Double_WithinFourUlpsOfMath_AndSameSpecialValues(string function) =>
        VectorMathHarness.CheckRandom(output, $"double {function}", DoubleReference(function), DoubleWidths(function), (random, count) => DoubleInputs(function, random, count));

    [Theory]
    [MemberData(nameof(Functions))]
    public void Float_WithinFourUlpsOfMathF_AndSameSpecialValues(string function) =>
        VectorMathHarness.CheckRandom(output, $"float {function}", FloatReference(function), FloatWidths(function), (random, count) => FloatInputs(function, random, count));

    /// <summary>Every 97th float bit pattern, or every float with SOURCEGEN_EXHAUSTIVE=1 (<see cref="VectorMathHarness.SweepFloats"/>).</summary>
    [Theory]
    [MemberData(nameof(Functions))]
    public void Float_SweptBitPatterns_WithinFourUlpsOfMathF(string function) =>
        VectorMathHarness.SweepFloats(output, $"float {function}", FloatReference(function), FloatWidths(function));

    [Fact]
    public void SpecialValues_AreMathsOwn()
    {
        foreach ((string width, Action<double[], double[]> apply) in DoubleWidths("Exp"))
        {
            Assert.Equal(double.PositiveInfinity, Apply(apply, double.PositiveInfinity));
            Assert.Equal(0.0, Apply(apply, double.NegativeInfinity));
            Assert.Equal(1.0, Apply(apply, -0.0));
            Assert.True(double.IsFinite(Apply(apply, 709.782712893384)), width);
            Assert.Equal(double.PositiveInfinity, Apply(apply, 709.79));
            Assert.True(Apply(apply, -745.13) > 0, width);
            Assert.Equal(0.0, Apply(apply, -745.14));
        }

        foreach ((string width, Action<float[], float[]> apply) in FloatWidths("Exp"))
        {
            Assert.True(float.IsFinite(Apply(apply, 88.72283f)), width);
            Assert.Equal(float.PositiveInfinity, Apply(apply, 88.7229f));
            Assert.True(Apply(apply, -103.97f) > 0, width);
            Assert.Equal(0.0f, Apply(apply, -104.0f));
        }

        foreach (string log in new[] { "Log", "Log2" })
        {
            foreach ((string width, Action<double[], double[]> apply) in DoubleWidths(log))
            {
                Assert.Equal(double.NegativeInfinity, Apply(apply, 0.0));
                Assert.Equal(double.NegativeInfinity, Apply(apply, -0.0));
                Assert.True(double.IsNaN(Apply(apply, -1.0)), width);
                Assert.True(double.IsNaN(Apply(apply, double.NegativeInfinity)), width);
                Assert.Equal(double.PositiveInfinity, Apply(apply, double.PositiveInfinity));
                Assert.Equal(0.0, Apply(apply, 1.0));
            }

            foreach ((string width, Action<float[], float[]> apply) in FloatWidths(log))
            {
                Assert.Equal(float.NegativeInfinity, Apply(apply, -0.0f));
                Assert.True(float.IsNaN(Apply(apply, -float.Epsilon)), width);
                Assert.Equal(float.PositiveInfinity, Apply(apply, float.PositiveInfinity));
            }
        }

        foreach ((string _, Action<double[], double[]> apply) in DoubleWidths("Sin"))
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(Apply(apply, -0.0)));
            Assert.Equal(-double.Epsilon, Apply(apply, -double.Epsilon));
        }

        foreach ((string _, Action<float[], float[]> apply) in FloatWidths("Cos"))
        {
            Assert.Equal(1.0f, Apply(apply, -0.0f));
            Assert.True(float.IsNaN(Apply(apply, float.NegativeInfinity)));
        }
    }

    // ---- inputs -------------------------------------------------------------------------------------------------

    private static readonly double[] DoubleSpecials =
    {
        double.NaN, -double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.Epsilon,
        -double.Epsilon, 2.2250738585072009E-308, 2.2250738585072014E-308, -2.2250738585072014E-308, 1e-310, double.MaxValue,
        double.MinValue, 1, -1, 0.5, 2, 1 + 1e-15, 1 - 1e-16, 709.782712893384, 709.7827128933841, 709.79, 708, 708.0001,
        -708.0001, -709.1, -744.44, -745.1332191019411, -745.1332191019412, -745.14, -746, -1000, 1000,
        Math.PI, -Math.PI, Math.PI / 2, Math.PI / 4, 1.5e6, -1.5e6, 1.4999999999e6, 1e22, 1e300, 6381956970095103.0 * Math.Pow(2, 797),
    };

    private static readonly float[] FloatSpecials =
    {
        float.NaN, -float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.Epsilon, -float.Epsilon,
        1.17549421E-38f, 1.17549435E-38f, float.MaxValue, float.MinValue, 1f, -1f, 0.5f, 2f, 1.0000001f, 0.99999994f,
        88.72283f, 88.722839f, 88.7229f, 87f, 87.00001f, -87.00001f, -87.5f, -103.97207f, -103.972084f, -104f, -200f,
        MathF.PI, -MathF.PI, MathF.PI / 2, 6000f, -6000f, 5999.9995f, 1e30f, 13176795f, 1.0e-20f,
    };

    private static double[] DoubleInputs(string function, Inputs.SplitMix64 random, int count)
    {
        var values = new double[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (i % 4) switch
            {
                // Log-uniform over every finite double (exponent field 0 .. 2046: subnormals too), both signs.
                0 or 1 => BitConverter.Int64BitsToDouble((long)((random.Next() & 0x800FFFFFFFFFFFFFUL) | ((ulong)random.Below(2047) << 52))),
                // Where the function does its work.
                _ => function switch
                {
                    "Exp" => (random.Unit() * 2 - 1) * 750,
                    "Log" or "Log2" => i % 8 == 2 ? 1 + (random.Unit() - 0.5) * Math.Pow(2, -random.Below(50)) : random.Unit() * Math.Pow(2, random.Below(64) - 32),
                    _ => (random.Unit() * 2 - 1) * (i % 8 == 2 ? 10 : 2e6),
                },
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

    private static float[] FloatInputs(string function, Inputs.SplitMix64 random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (i % 4) switch
            {
                0 or 1 => BitConverter.Int32BitsToSingle((int)(((uint)random.Next() & 0x807FFFFFu) | ((uint)random.Below(255) << 23))),
                _ => function switch
                {
                    "Exp" => (float)((random.Unit() * 2 - 1) * 110),
                    "Log" or "Log2" => i % 8 == 2 ? (float)(1 + (random.Unit() - 0.5) * Math.Pow(2, -random.Below(23))) : (float)(random.Unit() * Math.Pow(2, random.Below(64) - 32)),
                    _ => (float)((random.Unit() * 2 - 1) * (i % 8 == 2 ? 10 : 10000)),
                },
            };
        }

        for (int k = 0; k < FloatSpecials.Length; k++)
        {
            values[random.Below(values.Length - 128)] = FloatSpecials[k];
            values.AsSpan(values.Length - 128 - 16 * (k % 7), 16).Fill(FloatSpecials[k]);
        }

        return values;
    }

    // ---- the functions, per width -------------------------------------------------------------------------------

    private static Func<double, double> DoubleReference(string function) => function switch
    {
        "Exp" => Math.Exp, "Log" => Math.Log, "Log2" => Math.Log2, "Sin" => Math.Sin, "Cos" => Math.Cos,
        _ => throw new ArgumentException(function),
    };

    private static Func<float, float> FloatReference(string function) => function switch
    {
        "Exp" => MathF.Exp, "Log" => MathF.Log, "Log2" => MathF.Log2, "Sin" => MathF.Sin, "Cos" => MathF.Cos,
        _ => throw new ArgumentException(function),
    };

    private static Func<V, V> Pick<V>(string function, Func<V, V> exp, Func<V, V> log, Func<V, V> log2, Func<V, V> sin, Func<V, V> cos) => function switch
    {
        "Exp" => exp, "Log" => log, "Log2" => log2, "Sin" => sin, "Cos" => cos, _ => throw new ArgumentException(function),
    };

    private static (string Width, Action<double[], double[]> Apply)[] DoubleWidths(string function) => VectorMathHarness.Widths(
        Pick<Vector512<double>>(function, VectorMath.Exp, VectorMath.Log, VectorMath.Log2, VectorMath.Sin, VectorMath.Cos),
        Pick<Vector256<double>>(function, VectorMath.Exp, VectorMath.Log, VectorMath.Log2, VectorMath.Sin, VectorMath.Cos),
        Pick<Vector128<double>>(function, VectorMath.Exp, VectorMath.Log, VectorMath.Log2, VectorMath.Sin, VectorMath.Cos));

    private static (string Width, Action<float[], float[]> Apply)[] FloatWidths(string function) => VectorMathHarness.Widths(
        Pick<Vector512<float>>(function, VectorMath.Exp, VectorMath.Log, VectorMath.Log2, VectorMath.Sin, VectorMath.Cos),
        Pick<Vector256<float>>(function, VectorMath.Exp, VectorMath.Log, VectorMath.Log2, VectorMath.Sin, VectorMath.Cos),
        Pick<Vector128<float>>(function, VectorMath.Exp, VectorMath.Log, VectorMath.Log2, VectorMath.Sin, VectorMath.Cos));

    private static double Apply(Action<double[], double[]> apply, double x) => VectorMathHarness.Apply(apply, x);

    private static float Apply(Action<float[], float[]> apply, float x) => VectorMathHarness.Apply(apply, x);
}
