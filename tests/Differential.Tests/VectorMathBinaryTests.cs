using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.Intrinsics;
using SourceGen.Differential.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace SourceGen.Differential.Tests;

/// <summary>
/// SourceGen.VectorMath's two-argument Atan2, Pow and Hypot against Math.Atan2, Math.Pow, double.Hypot (and their
/// float forms): at most 4 ulp on 131072 random pairs per function and width (log-uniform magnitudes over every
/// double, both signs, plus each function's working range: Pow with integer exponents on negative bases and results
/// up to the overflow and underflow edges), and every pair of a list of special values (NaN, ±0, ±∞, ±1, subnormals,
/// odd and even integers, ±MaxValue) giving Math's own result (zeros, infinities and NaN exactly). Every width the
/// run's CPU accelerates is checked (see VectorMathTests for the DOTNET_EnableAVX512=0 / DOTNET_EnableAVX2=0 runs).
/// SOURCEGEN_EXHAUSTIVE=1 (the long run) checks 100,663,296 random pairs per function and type on the widest path.
/// </summary>
public sealed class VectorMathBinaryTests(ITestOutputHelper output)
{
    private const int MaxUlps = VectorMathHarness.MaxUlps;

    public static TheoryData<string> Functions => new() { "Atan2", "Pow", "Hypot" };

    [Theory]
    [MemberData(nameof(Functions))]
    public void Double_RandomPairs_WithinFourUlpsOfMath(string function) => VectorMathHarness.CheckRandomPairs(output, (random, count) =>
    {
        var x = new double[count];
        var y = new double[count];
        for (int i = 0; i < count; i++)
        {
            (x[i], y[i]) = DoublePair(function, i, random);
        }

        return (x, y);
    }, (x, y, what, longRun) => Check(function, x, y, what, longRun));

    [Theory]
    [MemberData(nameof(Functions))]
    public void Double_SpecialValueCrossProduct_IsMathsOwn(string function)
    {
        double[] specials = function == "Pow" ? PowSpecials : Specials;
        double[] x = specials.SelectMany(a => specials.Select(_ => a)).ToArray();
        double[] y = specials.SelectMany(_ => specials).ToArray();
        Check(function, x, y, "special cross product");
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Float_RandomPairs_WithinFourUlpsOfMathF(string function) => VectorMathHarness.CheckRandomPairs(output, (random, count) =>
    {
        var x = new float[count];
        var y = new float[count];
        for (int i = 0; i < count; i++)
        {
            (double a, double b) = DoublePair(function, i, random, single: true);
            (x[i], y[i]) = ((float)a, (float)b);
        }

        return (x, y);
    }, (x, y, what, longRun) => CheckF(function, x, y, what, longRun));

    [Theory]
    [MemberData(nameof(Functions))]
    public void Float_SpecialValueCrossProduct_IsMathFsOwn(string function)
    {
        float[] specials = (function == "Pow" ? PowSpecials : Specials).Select(v => (float)v).Concat(new[] { 1e-40f, -1e-40f, float.MaxValue, 16777216f, 16777218f, 8388609f, 3.4e38f, SignalingNaNF, NegativeSignalingNaNF }).Distinct().ToArray();
        float[] x = specials.SelectMany(a => specials.Select(_ => a)).ToArray();
        float[] y = specials.SelectMany(_ => specials).ToArray();
        CheckF(function, x, y, "special cross product");
    }

    /// <summary>
    /// x near 1 with |y ln x| up to 709 (results up to the overflow edge and down to the subnormals): exp(y * log(x))
    /// in plain double is off by up to ~700 * 2^-53 relative, hundreds of ulp; Pow carries ln x in double-double.
    /// </summary>
    [Fact]
    public void Pow_LargeExponents_StayWithinFourUlps()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed + 7);
        var x = new double[65536];
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = 1 + (random.Unit() - 0.5) * Math.Pow(2, -random.Below(45));
            double limit = (i % 2 == 0 ? 709.78 : 744) / Math.Abs(Math.Log(x[i]));
            y[i] = Math.Sign(Math.Log(x[i])) * (i % 2 == 0 ? 1 : -1) * limit * (1 - random.Unit() * 0.01);
        }

        long naive = 0;
        for (int i = 0; i < x.Length; i++)
        {
            naive = Math.Max(naive, VectorMathHarness.UlpDistance(Math.Pow(x[i], y[i]), Math.Exp(y[i] * Math.Log(x[i]))));
        }

        output.WriteLine($"plain exp(y log x) on these inputs: worst {naive} ulp");
        Assert.True(naive > 16, "the inputs do not exercise the large-exponent precision");
        Check("Pow", x, y, "large exponents");
    }

    /// <summary>Every width (or the widest only, quietly: the long run's chunks) against Math on these pairs; the worst.</summary>
    private (long Ulps, string Message) Check(string function, double[] x, double[] y, string what, bool longRun = false)
    {
        (long Ulps, string Message) worst = (-1, "");
        Func<double, double, double> reference = DoubleReference(function);
        foreach ((string width, Action<double[], double[], double[]> apply) in DoubleWidths(function).Take(longRun ? 1 : 3))
        {
            var actual = new double[x.Length];
            apply(x, y, actual);
            (long ulps, int at) = (0, 0);
            for (int i = 0; i < x.Length; i++)
            {
                long d = VectorMathHarness.UlpDistance(reference(x[i], y[i]), actual[i]);
                if (d > ulps)
                {
                    (ulps, at) = (d, i);
                }
            }

            string message = $"double {function}, {width}, {what}, SOURCEGEN_SEED={Inputs.Seed}: {x.Length} pairs, worst {ulps} ulp at ({x[at]:R}, {y[at]:R}): {actual[at]:R}, Math {reference(x[at], y[at]):R}";
            if (!longRun)
            {
                output.WriteLine(message);
            }

            Assert.True(ulps <= MaxUlps, message);
            worst = ulps > worst.Ulps ? (ulps, message) : worst;
        }

        return worst;
    }

    private (long Ulps, string Message) CheckF(string function, float[] x, float[] y, string what, bool longRun = false)
    {
        (long Ulps, string Message) worst = (-1, "");
        Func<float, float, float> reference = FloatReference(function);
        foreach ((string width, Action<float[], float[], float[]> apply) in FloatWidths(function).Take(longRun ? 1 : 3))
        {
            var actual = new float[x.Length];
            apply(x, y, actual);
            (long ulps, int at) = (0, 0);
            for (int i = 0; i < x.Length; i++)
            {
                long d = VectorMathHarness.UlpDistance(reference(x[i], y[i]), actual[i]);
                if (d > ulps)
                {
                    (ulps, at) = (d, i);
                }
            }

            string message = $"float {function}, {width}, {what}, SOURCEGEN_SEED={Inputs.Seed}: {x.Length} pairs, worst {ulps} ulp at ({x[at]:R}, {y[at]:R}): {actual[at]:R}, MathF {reference(x[at], y[at]):R}";
            if (!longRun)
            {
                output.WriteLine(message);
            }

            Assert.True(ulps <= MaxUlps, message);
            worst = ulps > worst.Ulps ? (ulps, message) : worst;
        }

        return worst;
    }

    // ---- inputs -------------------------------------------------------------------------------------------------

    // A signaling NaN: C's pow (which Math.Pow calls) gives NaN for Pow(sNaN, 0) and Pow(1, sNaN), not 1.
    private static readonly double SignalingNaN = BitConverter.Int64BitsToDouble(0x7FF4000000000001);
    private static readonly float SignalingNaNF = BitConverter.Int32BitsToSingle(0x7F81ABDD);
    private static readonly double NegativeSignalingNaN = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF4000000000001));
    private static readonly float NegativeSignalingNaNF = BitConverter.Int32BitsToSingle(unchecked((int)0xFF81ABDD));

    // Declared before the arrays that use them: static fields initialize in text order.
    private static readonly double[] Specials =
    {
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-310,
        2.2250738585072014E-308, 1, -1, 0.5, -2, 3, 1e300, -1e300, double.MaxValue, -double.MaxValue, 1e-300, 1e150, 1e-160,
        SignalingNaN, NegativeSignalingNaN,
    };


    private static readonly double[] PowSpecials =
    {
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-310,
        1, -1, 0.5, -0.5, 2, -2, 3, -3, 2.5, -3.5, 0.3333, 1e300, -1e300, double.MaxValue, -double.MaxValue,
        1.0000000000000002, 0.9999999999999999, -1.0000000000000002, -0.9999999999999999, 9007199254740992.0,
        9007199254740994.0, 4503599627370497.0, -4503599627370497.0, 1e20, 1024, -1075, 1023.5, -1074.5, 10, -7, 1e-5,
        SignalingNaN, NegativeSignalingNaN,
    };

    /// <summary>A pair of inputs: a quarter log-uniform over every double (or float), the rest where the function works.</summary>
    private static (double X, double Y) DoublePair(string function, int i, Inputs.SplitMix64 random, bool single = false)
    {
        double Any() => single
            ? BitConverter.Int32BitsToSingle((int)(((uint)random.Next() & 0x807FFFFFu) | ((uint)random.Below(255) << 23)))
            : BitConverter.Int64BitsToDouble((long)((random.Next() & 0x800FFFFFFFFFFFFFUL) | ((ulong)random.Below(2047) << 52)));
        double Sign() => (random.Next() & 1) == 0 ? 1 : -1;
        double LogUniform(int range) => random.Unit() * Math.Pow(2, random.Below(2 * range) - range);
        double limit = single ? 88 : 709;
        if (i % 4 == 0)
        {
            return (Any(), Any());
        }

        switch (function)
        {
            case "Atan2":
                double a = Sign() * LogUniform(40);
                return i % 4 == 1 ? (a, Sign() * Math.Abs(a) * (1 + (random.Unit() - 0.5) * 0.2)) : (a, Sign() * LogUniform(40));
            case "Hypot":
                double h = Sign() * LogUniform(single ? 120 : 1000);
                return i % 4 == 1 ? (h, Sign() * Math.Abs(h) * random.Unit()) : (h, Sign() * LogUniform(single ? 120 : 1000));
            default:
                if (i % 4 == 1)
                {
                    // A negative base and an integer exponent, the result in range.
                    double b = -(0.5 + random.Unit() * 10);
                    double n = Math.Round((random.Unit() * 2 - 1) * limit / Math.Abs(Math.Log(-b)) * 0.99);
                    return (b, n);
                }

                // A positive base, |y ln x| up to just beyond the overflow and underflow edges.
                double x = i % 8 == 2 ? 1 + (random.Unit() - 0.5) * Math.Pow(2, -random.Below(single ? 20 : 40)) : LogUniform(single ? 60 : 500);
                double y = (random.Unit() * 2 - 1) * (limit + (single ? 16 : 40)) / Math.Abs(Math.Log(x));
                return (x, double.IsFinite(y) ? y : 3.0);
        }
    }

    // ---- the functions, per width -------------------------------------------------------------------------------

    private static Func<double, double, double> DoubleReference(string function) => function switch
    {
        "Atan2" => Math.Atan2, "Pow" => Math.Pow, "Hypot" => double.Hypot, _ => throw new ArgumentException(function),
    };

    private static Func<float, float, float> FloatReference(string function) => function switch
    {
        "Atan2" => MathF.Atan2, "Pow" => MathF.Pow, "Hypot" => float.Hypot, _ => throw new ArgumentException(function),
    };

    private static Func<V, V, V> Pick<V>(string function, Func<V, V, V> atan2, Func<V, V, V> pow, Func<V, V, V> hypot) => function switch
    {
        "Atan2" => atan2, "Pow" => pow, "Hypot" => hypot, _ => throw new ArgumentException(function),
    };

    // Atan2(x, y) here means the vector Atan2(y: x, x: y), as Math.Atan2(x, y) is called by the reference.
    private static (string Width, Action<double[], double[], double[]> Apply)[] DoubleWidths(string function)
    {
        var widths = new List<(string, Action<double[], double[], double[]>)>();
        if (Vector512.IsHardwareAccelerated)
        {
            Func<Vector512<double>, Vector512<double>, Vector512<double>> f = Pick<Vector512<double>>(function, VectorMath.Atan2, VectorMath.Pow, VectorMath.Hypot);
            widths.Add(("Vector512", (x, y, r) => { for (int i = 0; i + 8 <= x.Length; i += 8) { f(Vector512.Create(x.AsSpan(i, 8)), Vector512.Create(y.AsSpan(i, 8))).CopyTo(r.AsSpan(i)); } Tail(x, y, r, 8, f); }));
        }

        if (Vector256.IsHardwareAccelerated)
        {
            Func<Vector256<double>, Vector256<double>, Vector256<double>> f = Pick<Vector256<double>>(function, VectorMath.Atan2, VectorMath.Pow, VectorMath.Hypot);
            widths.Add(("Vector256", (x, y, r) => { for (int i = 0; i + 4 <= x.Length; i += 4) { f(Vector256.Create(x.AsSpan(i, 4)), Vector256.Create(y.AsSpan(i, 4))).CopyTo(r.AsSpan(i)); } Tail(x, y, r, 4, (a, b) => f(a.GetLower(), b.GetLower()).ToVector512()); }));
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Func<Vector128<double>, Vector128<double>, Vector128<double>> f = Pick<Vector128<double>>(function, VectorMath.Atan2, VectorMath.Pow, VectorMath.Hypot);
            widths.Add(("Vector128", (x, y, r) => { for (int i = 0; i + 2 <= x.Length; i += 2) { f(Vector128.Create(x.AsSpan(i, 2)), Vector128.Create(y.AsSpan(i, 2))).CopyTo(r.AsSpan(i)); } Tail(x, y, r, 2, (a, b) => f(a.GetLower().GetLower(), b.GetLower().GetLower()).ToVector256().ToVector512()); }));
        }

        return widths.ToArray();
    }

    private static (string Width, Action<float[], float[], float[]> Apply)[] FloatWidths(string function)
    {
        var widths = new List<(string, Action<float[], float[], float[]>)>();
        if (Vector512.IsHardwareAccelerated)
        {
            Func<Vector512<float>, Vector512<float>, Vector512<float>> f = Pick<Vector512<float>>(function, VectorMath.Atan2, VectorMath.Pow, VectorMath.Hypot);
            widths.Add(("Vector512", (x, y, r) => { for (int i = 0; i + 16 <= x.Length; i += 16) { f(Vector512.Create(x.AsSpan(i, 16)), Vector512.Create(y.AsSpan(i, 16))).CopyTo(r.AsSpan(i)); } TailF(x, y, r, 16, f); }));
        }

        if (Vector256.IsHardwareAccelerated)
        {
            Func<Vector256<float>, Vector256<float>, Vector256<float>> f = Pick<Vector256<float>>(function, VectorMath.Atan2, VectorMath.Pow, VectorMath.Hypot);
            widths.Add(("Vector256", (x, y, r) => { for (int i = 0; i + 8 <= x.Length; i += 8) { f(Vector256.Create(x.AsSpan(i, 8)), Vector256.Create(y.AsSpan(i, 8))).CopyTo(r.AsSpan(i)); } TailF(x, y, r, 8, (a, b) => f(a.GetLower(), b.GetLower()).ToVector512()); }));
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Func<Vector128<float>, Vector128<float>, Vector128<float>> f = Pick<Vector128<float>>(function, VectorMath.Atan2, VectorMath.Pow, VectorMath.Hypot);
            widths.Add(("Vector128", (x, y, r) => { for (int i = 0; i + 4 <= x.Length; i += 4) { f(Vector128.Create(x.AsSpan(i, 4)), Vector128.Create(y.AsSpan(i, 4))).CopyTo(r.AsSpan(i)); } TailF(x, y, r, 4, (a, b) => f(a.GetLower().GetLower(), b.GetLower().GetLower()).ToVector256().ToVector512()); }));
        }

        return widths.ToArray();
    }

    /// <summary>The last length % count pairs (cross products are not whole vectors): one vector padded with 1s.</summary>
    private static void Tail(double[] x, double[] y, double[] r, int count, Func<Vector512<double>, Vector512<double>, Vector512<double>> f)
    {
        int start = x.Length - x.Length % count;
        if (start == x.Length)
        {
            return;
        }

        double[] a = Enumerable.Repeat(1.0, 8).ToArray(), b = Enumerable.Repeat(1.0, 8).ToArray();
        x.AsSpan(start).CopyTo(a);
        y.AsSpan(start).CopyTo(b);
        Vector512<double> result = f(Vector512.Create(a), Vector512.Create(b));
        for (int i = start; i < x.Length; i++)
        {
            r[i] = result.GetElement(i - start);
        }
    }

    private static void TailF(float[] x, float[] y, float[] r, int count, Func<Vector512<float>, Vector512<float>, Vector512<float>> f)
    {
        int start = x.Length - x.Length % count;
        if (start == x.Length)
        {
            return;
        }

        float[] a = Enumerable.Repeat(1.0f, 16).ToArray(), b = Enumerable.Repeat(1.0f, 16).ToArray();
        x.AsSpan(start).CopyTo(a);
        y.AsSpan(start).CopyTo(b);
        Vector512<float> result = f(Vector512.Create(a), Vector512.Create(b));
        for (int i = start; i < x.Length; i++)
        {
            r[i] = result.GetElement(i - start);
        }
    }
}
