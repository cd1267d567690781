using System;
using System.Runtime.Intrinsics;
using SourceGen.Differential.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace SourceGen.Differential.Tests;

/// <summary>
/// SourceGen.VectorMath's one-argument Tan, Asin, Acos, Atan and Cbrt against System.Math and System.MathF, as
/// VectorMathTests does for Exp/Log/Sin/Cos: at most 4 ulp on 131072 random inputs per function and width (log-uniform
/// over every double, both signs, subnormals, plus each function's working range and edges) and, for float, every 97th
/// float (every float, and 100,663,296 random inputs per double function, with SOURCEGEN_EXHAUSTIVE=1); identical
/// special values. Every width the run's CPU accelerates
/// is checked: the runs with DOTNET_EnableAVX512=0 and DOTNET_EnableAVX2=0 (no FMA) check the 256- and 128-bit code.
/// </summary>
public sealed class VectorMathTrigTests(ITestOutputHelper output)
{
    private const int MaxUlps = VectorMathHarness.MaxUlps;

    public static TheoryData<string> Functions => new() { "Tan", "Asin", "Acos", "Atan", "Cbrt" };

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
        // Zeros, infinities and NaN exactly (UlpDistance demands it, sign of zero included), the rest within the bound;
        // subnormals where the function is x to first order: exactly x.
        foreach (string function in new[] { "Tan", "Asin", "Acos", "Atan", "Cbrt" })
        {
            Func<double, double> reference = DoubleReference(function);
            Func<float, float> referenceF = FloatReference(function);
            foreach ((string width, Action<double[], double[]> apply) in DoubleWidths(function))
            {
                foreach (double x in new[] { 0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-310, -1e-310, 1.0, -1.0, 1.0000000000000002, -1.0000000000000002, 2.0, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.MaxValue })
                {
                    double expected = reference(x), actual = Apply(apply, x);
                    Assert.True(VectorMathHarness.UlpDistance(expected, actual) <= MaxUlps, $"double {function}({x:R}), {width}: {actual:R}, Math {expected:R}");
                }

                Assert.True(double.IsNaN(Apply(apply, double.NaN)), $"{function}(NaN), {width}");
                if (function is "Tan" or "Asin" or "Atan")
                {
                    Assert.Equal(-double.Epsilon, Apply(apply, -double.Epsilon));
                    Assert.Equal(1e-310, Apply(apply, 1e-310));
                }
            }

            foreach ((string width, Action<float[], float[]> apply) in FloatWidths(function))
            {
                foreach (float x in new[] { 0f, -0f, float.Epsilon, -float.Epsilon, 1e-40f, 1f, -1f, 1.00000012f, -1.00000012f, 2f, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, -float.MaxValue })
                {
                    float expected = referenceF(x), actual = Apply(apply, x);
                    Assert.True(VectorMathHarness.UlpDistance(expected, actual) <= MaxUlps, $"float {function}({x:R}), {width}: {actual:R}, MathF {expected:R}");
                }

                Assert.True(float.IsNaN(Apply(apply, float.NaN)), $"{function}(NaN), {width}");
                if (function is "Tan" or "Asin" or "Atan")
                {
                    Assert.Equal(-float.Epsilon, Apply(apply, -float.Epsilon));
                    Assert.Equal(1e-40f, Apply(apply, 1e-40f));
                }
            }
        }
    }

    // ---- inputs -------------------------------------------------------------------------------------------------

    private static readonly double[] DoubleSpecials =
    {
        double.NaN, -double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.Epsilon, -double.Epsilon,
        2.2250738585072009E-308, 2.2250738585072014E-308, -2.2250738585072014E-308, 1e-310, double.MaxValue, double.MinValue,
        1, -1, 0.5, -0.5, 0.49999999999999994, 0.5000000000000001, 2, -2, 1.9999999999999998, 2.0000000000000004,
        1 + 1e-15, 1 - 1e-16, -1 + 1e-16, 0.975, Math.PI, -Math.PI, Math.PI / 2, -Math.PI / 2, Math.PI / 4, 1.5e6, -1.5e6,
        1.4999999999e6, 1e22, 1e300, 8, 27, -27, 1e-300, 3, 0.125,
    };

    private static readonly float[] FloatSpecials =
    {
        float.NaN, -float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.Epsilon, -float.Epsilon,
        1.17549421E-38f, 1.17549435E-38f, float.MaxValue, float.MinValue, 1f, -1f, 0.5f, -0.5f, 0.49999997f, 0.50000006f, 2f,
        1.0000001f, 0.99999994f, -0.99999994f, MathF.PI, -MathF.PI, MathF.PI / 2, -MathF.PI / 2, 6000f, -6000f, 5999.9995f,
        1e30f, 8f, -27f, 1e-30f,
    };

    private static double[] DoubleInputs(string function, Inputs.SplitMix64 random, int count)
    {
        var values = new double[count];
        for (int i = 0; i < values.Length; i++)
        {
            double sign = (random.Next() & 1) == 0 ? 1 : -1;
            values[i] = (i % 4) switch
            {
                0 or 1 => BitConverter.Int64BitsToDouble((long)((random.Next() & 0x800FFFFFFFFFFFFFUL) | ((ulong)random.Below(2047) << 52))),
                _ => function switch
                {
                    "Tan" => sign * random.Unit() * (i % 8 == 2 ? 10 : 2e6),
                    // Uniform on [-1, 1], and close to ±1 and to ±1/2 (the reduction's switch).
                    "Asin" or "Acos" => i % 8 == 2 ? sign * random.Unit() : sign * ((random.Next() & 1) == 0 ? 1 - random.Unit() * Math.Pow(2, -random.Below(52)) : 0.5 + (random.Unit() - 0.5) * Math.Pow(2, -random.Below(40))),
                    "Atan" => sign * random.Unit() * Math.Pow(2, random.Below(64) - 32),
                    _ => sign * random.Unit() * Math.Pow(2, random.Below(200) - 100),
                },
            };
        }

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
            double sign = (random.Next() & 1) == 0 ? 1 : -1;
            values[i] = (i % 4) switch
            {
                0 or 1 => BitConverter.Int32BitsToSingle((int)(((uint)random.Next() & 0x807FFFFFu) | ((uint)random.Below(255) << 23))),
                _ => (float)(function switch
                {
                    "Tan" => sign * random.Unit() * (i % 8 == 2 ? 10 : 10000),
                    "Asin" or "Acos" => i % 8 == 2 ? sign * random.Unit() : sign * (1 - random.Unit() * Math.Pow(2, -random.Below(23))),
                    "Atan" => sign * random.Unit() * Math.Pow(2, random.Below(64) - 32),
                    _ => sign * random.Unit() * Math.Pow(2, random.Below(120) - 60),
                }),
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
        "Tan" => Math.Tan, "Asin" => Math.Asin, "Acos" => Math.Acos, "Atan" => Math.Atan, "Cbrt" => Math.Cbrt,
        _ => throw new ArgumentException(function),
    };

    private static Func<float, float> FloatReference(string function) => function switch
    {
        "Tan" => MathF.Tan, "Asin" => MathF.Asin, "Acos" => MathF.Acos, "Atan" => MathF.Atan, "Cbrt" => MathF.Cbrt,
        _ => throw new ArgumentException(function),
    };

    private static Func<V, V> Pick<V>(string function, Func<V, V> tan, Func<V, V> asin, Func<V, V> acos, Func<V, V> atan, Func<V, V> cbrt) => function switch
    {
        "Tan" => tan, "Asin" => asin, "Acos" => acos, "Atan" => atan, "Cbrt" => cbrt, _ => throw new ArgumentException(function),
    };

    private static (string Width, Action<double[], double[]> Apply)[] DoubleWidths(string function) => VectorMathHarness.Widths(
        Pick<Vector512<double>>(function, VectorMath.Tan, VectorMath.Asin, VectorMath.Acos, VectorMath.Atan, VectorMath.Cbrt),
        Pick<Vector256<double>>(function, VectorMath.Tan, VectorMath.Asin, VectorMath.Acos, VectorMath.Atan, VectorMath.Cbrt),
        Pick<Vector128<double>>(function, VectorMath.Tan, VectorMath.Asin, VectorMath.Acos, VectorMath.Atan, VectorMath.Cbrt));

    private static (string Width, Action<float[], float[]> Apply)[] FloatWidths(string function) => VectorMathHarness.Widths(
        Pick<Vector512<float>>(function, VectorMath.Tan, VectorMath.Asin, VectorMath.Acos, VectorMath.Atan, VectorMath.Cbrt),
        Pick<Vector256<float>>(function, VectorMath.Tan, VectorMath.Asin, VectorMath.Acos, VectorMath.Atan, VectorMath.Cbrt),
        Pick<Vector128<float>>(function, VectorMath.Tan, VectorMath.Asin, VectorMath.Acos, VectorMath.Atan, VectorMath.Cbrt));

    private static double Apply(Action<double[], double[]> apply, double x) => VectorMathHarness.Apply(apply, x);

    private static float Apply(Action<float[], float[]> apply, float x) => VectorMathHarness.Apply(apply, x);
}
