using System;
using System.Linq;
using System.Runtime.Intrinsics;
using System.Threading;
using System.Threading.Tasks;
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
/// checks every float input instead of every 97th, on the widest path of the run (minutes per function).
/// </summary>
public sealed class VectorMathTests(ITestOutputHelper output)
{
    private const int MaxUlps = 4;

    public static TheoryData<string> Functions => new() { "Exp", "Log", "Log2", "Sin", "Cos" };

    private static readonly bool Exhaustive = Environment.GetEnvironmentVariable("SOURCEGEN_EXHAUSTIVE") == "1";

    [Theory]
    [MemberData(nameof(Functions))]
    public void Double_WithinFourUlpsOfMath_AndSameSpecialValues(string function)
    {
        Func<double, double> reference = DoubleReference(function);
        double[] inputs = DoubleInputs(function, new Inputs.SplitMix64(Inputs.Seed));
        foreach ((string width, Action<double[], double[]> apply) in DoubleWidths(function))
        {
            var actual = new double[inputs.Length];
            apply(inputs, actual);
            Worst worst = default;
            for (int i = 0; i < inputs.Length; i++)
            {
                worst.Add(inputs[i], UlpDistance(reference(inputs[i]), actual[i]));
            }

            output.WriteLine($"double {function}, {width}: {inputs.Length} inputs, worst {worst.Describe(reference)}");
            Assert.True(worst.Ulps <= MaxUlps, $"double {function}, {width}, SOURCEGEN_SEED={Inputs.Seed}: {worst.Describe(reference)} (actual {Show(Apply(apply, worst.Input))})");
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Float_WithinFourUlpsOfMathF_AndSameSpecialValues(string function)
    {
        Func<float, float> reference = FloatReference(function);
        float[] inputs = FloatInputs(function, new Inputs.SplitMix64(Inputs.Seed));
        foreach ((string width, Action<float[], float[]> apply) in FloatWidths(function))
        {
            var actual = new float[inputs.Length];
            apply(inputs, actual);
            Worst worst = default;
            for (int i = 0; i < inputs.Length; i++)
            {
                worst.Add(inputs[i], UlpDistance(reference(inputs[i]), actual[i]));
            }

            output.WriteLine($"float {function}, {width}: {inputs.Length} inputs, worst {worst.Describe(x => reference((float)x))}");
            Assert.True(worst.Ulps <= MaxUlps, $"float {function}, {width}, SOURCEGEN_SEED={Inputs.Seed}: {worst.Describe(x => reference((float)x))}");
        }
    }

    /// <summary>Every 97th float bit pattern (44 million, both signs, NaNs and subnormals), or every float with
    /// SOURCEGEN_EXHAUSTIVE=1.</summary>
    [Theory]
    [MemberData(nameof(Functions))]
    public void Float_SweptBitPatterns_WithinFourUlpsOfMathF(string function)
    {
        Func<float, float> reference = FloatReference(function);
        long step = Exhaustive ? 1 : 97;
        const long chunk = 1 << 20;
        long chunks = ((1L << 32) + chunk * step - 1) / (chunk * step);
        // Exhaustive: the widest path only (minutes each); the three widths run the same code, and the run with
        // DOTNET_EnableAVX2=0 checks the 128-bit one without FMA.
        foreach ((string width, Action<float[], float[]> apply) in FloatWidths(function).Take(Exhaustive ? 1 : 3))
        {
            Worst total = default;
            var gate = new object();
            Parallel.For(0, chunks, () => (x: new float[chunk], y: new float[chunk], worst: default(Worst)), (c, _, local) =>
            {
                for (long j = 0; j < chunk; j++)
                {
                    local.x[j] = BitConverter.Int32BitsToSingle((int)(uint)((c * chunk + j) * step));
                }

                apply(local.x, local.y);
                for (long j = 0; j < chunk; j++)
                {
                    local.worst.Add(local.x[j], UlpDistance(reference(local.x[j]), local.y[j]));
                }

                return local;
            }, local => { lock (gate) { total.Add(local.worst); } });

            output.WriteLine($"float {function}, {width}: every {(step == 1 ? "" : $"{step}th ")}float, worst {total.Describe(x => reference((float)x))}");
            Assert.True(total.Ulps <= MaxUlps, $"float {function}, {width}: {total.Describe(x => reference((float)x))}");
        }
    }

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

    private static double[] DoubleInputs(string function, Inputs.SplitMix64 random)
    {
        var values = new double[131072];
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

    private static float[] FloatInputs(string function, Inputs.SplitMix64 random)
    {
        var values = new float[131072];
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

    /// <summary>The widths this CPU accelerates (the others would run .NET's software fallback of Vector512 etc.).</summary>
    private static (string Width, Action<double[], double[]> Apply)[] DoubleWidths(string function)
    {
        var widths = new System.Collections.Generic.List<(string, Action<double[], double[]>)>();
        if (Vector512.IsHardwareAccelerated)
        {
            Func<Vector512<double>, Vector512<double>> f = function switch
            {
                "Exp" => VectorMath.Exp, "Log" => VectorMath.Log, "Log2" => VectorMath.Log2, "Sin" => VectorMath.Sin, _ => VectorMath.Cos,
            };
            widths.Add(("Vector512", (x, y) => { for (int i = 0; i < x.Length; i += 8) { f(Vector512.Create(x.AsSpan(i, 8))).CopyTo(y.AsSpan(i)); } }));
        }

        if (Vector256.IsHardwareAccelerated)
        {
            Func<Vector256<double>, Vector256<double>> f = function switch
            {
                "Exp" => VectorMath.Exp, "Log" => VectorMath.Log, "Log2" => VectorMath.Log2, "Sin" => VectorMath.Sin, _ => VectorMath.Cos,
            };
            widths.Add(("Vector256", (x, y) => { for (int i = 0; i < x.Length; i += 4) { f(Vector256.Create(x.AsSpan(i, 4))).CopyTo(y.AsSpan(i)); } }));
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Func<Vector128<double>, Vector128<double>> f = function switch
            {
                "Exp" => VectorMath.Exp, "Log" => VectorMath.Log, "Log2" => VectorMath.Log2, "Sin" => VectorMath.Sin, _ => VectorMath.Cos,
            };
            widths.Add(("Vector128", (x, y) => { for (int i = 0; i < x.Length; i += 2) { f(Vector128.Create(x.AsSpan(i, 2))).CopyTo(y.AsSpan(i)); } }));
        }

        return widths.ToArray();
    }

    private static (string Width, Action<float[], float[]> Apply)[] FloatWidths(string function)
    {
        var widths = new System.Collections.Generic.List<(string, Action<float[], float[]>)>();
        if (Vector512.IsHardwareAccelerated)
        {
            Func<Vector512<float>, Vector512<float>> f = function switch
            {
                "Exp" => VectorMath.Exp, "Log" => VectorMath.Log, "Log2" => VectorMath.Log2, "Sin" => VectorMath.Sin, _ => VectorMath.Cos,
            };
            widths.Add(("Vector512", (x, y) => { for (int i = 0; i < x.Length; i += 16) { f(Vector512.Create(x.AsSpan(i, 16))).CopyTo(y.AsSpan(i)); } }));
        }

        if (Vector256.IsHardwareAccelerated)
        {
            Func<Vector256<float>, Vector256<float>> f = function switch
            {
                "Exp" => VectorMath.Exp, "Log" => VectorMath.Log, "Log2" => VectorMath.Log2, "Sin" => VectorMath.Sin, _ => VectorMath.Cos,
            };
            widths.Add(("Vector256", (x, y) => { for (int i = 0; i < x.Length; i += 8) { f(Vector256.Create(x.AsSpan(i, 8))).CopyTo(y.AsSpan(i)); } }));
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Func<Vector128<float>, Vector128<float>> f = function switch
            {
                "Exp" => VectorMath.Exp, "Log" => VectorMath.Log, "Log2" => VectorMath.Log2, "Sin" => VectorMath.Sin, _ => VectorMath.Cos,
            };
            widths.Add(("Vector128", (x, y) => { for (int i = 0; i < x.Length; i += 4) { f(Vector128.Create(x.AsSpan(i, 4))).CopyTo(y.AsSpan(i)); } }));
        }

        return widths.ToArray();
    }

    /// <summary>One value through the vector code, in every lane of a whole vector.</summary>
    private static double Apply(Action<double[], double[]> apply, double x)
    {
        double[] input = Enumerable.Repeat(x, 8).ToArray(), result = new double[8];
        apply(input, result);
        return result[0];
    }

    private static float Apply(Action<float[], float[]> apply, float x)
    {
        float[] input = Enumerable.Repeat(x, 16).ToArray(), result = new float[16];
        apply(input, result);
        return result[0];
    }

    // ---- ulps ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// Units in the last place between two results (subnormals count their own spacing); NaN against NaN is 0, and
    /// an infinity, a NaN or a zero must match exactly (sign of zero included) or the distance is int.MaxValue.
    /// </summary>
    internal static long UlpDistance(double expected, double actual)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual) ? 0 : int.MaxValue;
        }

        if (!double.IsFinite(expected) || !double.IsFinite(actual) || expected == 0 || actual == 0)
        {
            return BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) ? 0 : int.MaxValue;
        }

        if (Math.Sign(expected) != Math.Sign(actual))
        {
            return int.MaxValue;
        }

        long a = BitConverter.DoubleToInt64Bits(Math.Abs(expected)), b = BitConverter.DoubleToInt64Bits(Math.Abs(actual));
        return Math.Abs(a - b);
    }

    internal static long UlpDistance(float expected, float actual)
    {
        if (float.IsNaN(expected) || float.IsNaN(actual))
        {
            return float.IsNaN(expected) && float.IsNaN(actual) ? 0 : int.MaxValue;
        }

        if (!float.IsFinite(expected) || !float.IsFinite(actual) || expected == 0 || actual == 0)
        {
            return BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual) ? 0 : int.MaxValue;
        }

        if (MathF.Sign(expected) != MathF.Sign(actual))
        {
            return int.MaxValue;
        }

        int a = BitConverter.SingleToInt32Bits(MathF.Abs(expected)), b = BitConverter.SingleToInt32Bits(MathF.Abs(actual));
        return Math.Abs((long)a - b);
    }

    private static string Show(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The largest error seen and the input that gave it.</summary>
    private struct Worst
    {
        public long Ulps;
        public double Input;

        public void Add(double input, long ulps)
        {
            if (ulps > Ulps)
            {
                Ulps = ulps;
                Input = input;
            }
        }

        public void Add(Worst other) => Add(other.Input, other.Ulps);

        public readonly string Describe(Func<double, double> reference) =>
            Ulps == 0 ? "0 ulp" : $"{Ulps} ulp at x = {Show(Input)} (Math/MathF: {Show(reference(Input))})";
    }
}
