using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace SourceGen.Differential.Tests.Harness;

/// <summary>
/// What the VectorMath*Tests classes share: the widths the CPU accelerates, ulp distances, the random-input check
/// (131,072 inputs per function and width, or with SOURCEGEN_EXHAUSTIVE=1 the long run: 96 chunks of 2^20 fresh
/// random inputs, 100,663,296 per function, across threads on the widest path) and the float bit-pattern sweep
/// (every 97th float, or every float in the long run).
/// </summary>
internal static class VectorMathHarness
{
    /// <summary>The bound every test holds (the README's table documents each function's measured worst).</summary>
    public const int MaxUlps = 4;

    /// <summary>SOURCEGEN_EXHAUSTIVE=1: every float in the sweeps, 10^8+ random inputs per double (and binary) test.</summary>
    public static readonly bool Exhaustive = Environment.GetEnvironmentVariable("SOURCEGEN_EXHAUSTIVE") == "1";

    /// <summary>Random inputs per function and width in a CI run, and per chunk of the long run.</summary>
    public const int RandomCount = 131072;

    private const int LongRunChunk = 1 << 20;
    private const int LongRunChunks = 96;

    // ---- widths -------------------------------------------------------------------------------------------------

    /// <summary>The widths this CPU accelerates (the others would run .NET's software fallback of Vector512 etc.),
    /// each as an action over whole arrays (lengths a multiple of the vector's).</summary>
    public static (string Width, Action<T[], T[]> Apply)[] Widths<T>(Func<Vector512<T>, Vector512<T>> f512, Func<Vector256<T>, Vector256<T>> f256, Func<Vector128<T>, Vector128<T>> f128)
    {
        var widths = new List<(string, Action<T[], T[]>)>();
        if (Vector512.IsHardwareAccelerated)
        {
            int n = Vector512<T>.Count;
            widths.Add(("Vector512", (x, y) => { for (int i = 0; i < x.Length; i += n) { f512(Vector512.Create<T>(x.AsSpan(i, n))).CopyTo(y.AsSpan(i)); } }));
        }

        if (Vector256.IsHardwareAccelerated)
        {
            int n = Vector256<T>.Count;
            widths.Add(("Vector256", (x, y) => { for (int i = 0; i < x.Length; i += n) { f256(Vector256.Create<T>(x.AsSpan(i, n))).CopyTo(y.AsSpan(i)); } }));
        }

        if (Vector128.IsHardwareAccelerated)
        {
            int n = Vector128<T>.Count;
            widths.Add(("Vector128", (x, y) => { for (int i = 0; i < x.Length; i += n) { f128(Vector128.Create<T>(x.AsSpan(i, n))).CopyTo(y.AsSpan(i)); } }));
        }

        return widths.ToArray();
    }

    /// <summary>One value through the vector code, in every lane of a whole vector.</summary>
    public static double Apply(Action<double[], double[]> apply, double x)
    {
        double[] input = Enumerable.Repeat(x, 8).ToArray(), result = new double[8];
        apply(input, result);
        return result[0];
    }

    /// <inheritdoc cref="Apply(Action{double[], double[]}, double)"/>
    public static float Apply(Action<float[], float[]> apply, float x)
    {
        float[] input = Enumerable.Repeat(x, 16).ToArray(), result = new float[16];
        apply(input, result);
        return result[0];
    }

    /// <summary>One value through the vector code, in every lane of a whole Vector512 (or two or four narrower ones).</summary>
    private static T ApplyOne<T>(Action<T[], T[]> apply, T x)
    {
        var input = new T[64 / Unsafe.SizeOf<T>()];
        Array.Fill(input, x);
        var result = new T[input.Length];
        apply(input, result);
        return result[0];
    }

    // ---- checks -------------------------------------------------------------------------------------------------

    /// <summary>
    /// <paramref name="inputs"/> (from a generator seeded with SOURCEGEN_SEED, asked for <see cref="RandomCount"/>
    /// values) through every width against <paramref name="reference"/>; in the long run, 96 such arrays from
    /// generators seeded SOURCEGEN_SEED + 1, + 2, … on the widest width, across threads. At most <see cref="MaxUlps"/>.
    /// </summary>
    public static void CheckRandom<T>(ITestOutputHelper output, string what, Func<T, T> reference, (string Width, Action<T[], T[]> Apply)[] widths,
        Func<Inputs.SplitMix64, int, T[]> inputs)
        where T : struct
    {
        foreach ((string width, Action<T[], T[]> apply) in widths.Take(Exhaustive ? 1 : widths.Length))
        {
            int chunks = Exhaustive ? LongRunChunks : 1;
            Worst total = default;
            var gate = new object();
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Exhaustive ? -1 : 1 }, c =>
            {
                T[] x = inputs(new Inputs.SplitMix64(Inputs.Seed + (ulong)c), Exhaustive ? LongRunChunk : RandomCount);
                var y = new T[x.Length];
                apply(x, y);
                Worst local = default;
                for (int i = 0; i < x.Length; i++)
                {
                    local.Add(ToDouble(x[i]), UlpDistance(reference(x[i]), y[i]));
                }

                lock (gate)
                {
                    total.Add(local);
                }
            });

            long count = (long)chunks * (Exhaustive ? LongRunChunk : RandomCount);
            string describe = total.Describe(v => ToDouble(reference(FromDouble<T>(v))), v => ToDouble(ApplyOne(apply, FromDouble<T>(v))));
            output.WriteLine($"{what}, {width}: {count} random inputs, worst {describe}");
            Assert.True(total.Ulps <= MaxUlps, $"{what}, {width}, SOURCEGEN_SEED={Inputs.Seed}: {describe}");
        }
    }

    /// <summary>
    /// Every 97th float bit pattern (44 million, both signs, NaNs and subnormals) through every width, or every float
    /// on the widest width with SOURCEGEN_EXHAUSTIVE=1 (the three widths run the same code, and the run with
    /// DOTNET_EnableAVX2=0 checks the 128-bit one without FMA). <paramref name="exact"/>, where given, is also measured
    /// for the record (the double function rounded to float: nearly the correctly rounded result).
    /// </summary>
    public static void SweepFloats(ITestOutputHelper output, string what, Func<float, float> reference, (string Width, Action<float[], float[]> Apply)[] widths,
        Func<float, float>? exact = null)
    {
        long step = Exhaustive ? 1 : 97;
        const long chunk = 1 << 20;
        long chunks = ((1L << 32) + chunk * step - 1) / (chunk * step);
        foreach ((string width, Action<float[], float[]> apply) in widths.Take(Exhaustive ? 1 : 3))
        {
            Worst total = default, totalExact = default;
            var gate = new object();
            Parallel.For(0, chunks, () => (x: new float[chunk], y: new float[chunk], worst: default(Worst), exact: default(Worst)), (c, _, local) =>
            {
                for (long j = 0; j < chunk; j++)
                {
                    local.x[j] = BitConverter.Int32BitsToSingle((int)(uint)((c * chunk + j) * step));
                }

                apply(local.x, local.y);
                for (long j = 0; j < chunk; j++)
                {
                    local.worst.Add(local.x[j], UlpDistance(reference(local.x[j]), local.y[j]));
                    if (exact is not null)
                    {
                        local.exact.Add(local.x[j], UlpDistance(exact(local.x[j]), local.y[j]));
                    }
                }

                return local;
            }, local =>
            {
                lock (gate)
                {
                    total.Add(local.worst);
                    totalExact.Add(local.exact);
                }
            });

            string describe = total.Describe(v => reference((float)v), v => Apply(apply, (float)v));
            string record = exact is null ? "" : $"; against the double function rounded to float: {totalExact.Ulps} ulp at x = {Show(totalExact.Input)}";
            output.WriteLine($"{what}, {width}: every {(step == 1 ? "" : $"{step}th ")}float, worst {describe}{record}");
            Assert.True(total.Ulps <= MaxUlps, $"{what}, {width}: {describe}");
        }
    }

    /// <summary>
    /// Random pairs for a two-argument function: as <see cref="CheckRandom{T}"/>, <paramref name="pairs"/> filling
    /// the two arrays, <paramref name="check"/> comparing every width on them (the widest only in the long run, and
    /// then quietly), asserting, and returning its worst width's ulps and description; the long run writes the worst
    /// of its chunks.
    /// </summary>
    public static void CheckRandomPairs<T>(ITestOutputHelper output, Func<Inputs.SplitMix64, int, (T[] X, T[] Y)> pairs,
        Func<T[], T[], string, bool, (long Ulps, string Message)> check)
    {
        if (!Exhaustive)
        {
            (T[] x, T[] y) = pairs(new Inputs.SplitMix64(Inputs.Seed), RandomCount);
            check(x, y, "random pairs", false);
            return;
        }

        // One chunk per task, each asserting on its own (a failure names its chunk's seed).
        (long Ulps, string Message) worst = (-1, "");
        var gate = new object();
        Parallel.For(0, LongRunChunks, c =>
        {
            (T[] x, T[] y) = pairs(new Inputs.SplitMix64(Inputs.Seed + (ulong)c), LongRunChunk);
            (long Ulps, string Message) result = check(x, y, $"random pairs, long-run chunk {c} (seed {Inputs.Seed + (ulong)c})", true);
            lock (gate)
            {
                worst = result.Ulps > worst.Ulps ? result : worst;
            }
        });

        output.WriteLine($"long run, {(long)LongRunChunks * LongRunChunk} random pairs in {LongRunChunks} chunks, the worst chunk: {worst.Message}");
    }

    // ---- ulps ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// Units in the last place between two results (subnormals count their own spacing); NaN against NaN is 0, and
    /// an infinity, a NaN or a zero must match exactly (sign of zero included) or the distance is int.MaxValue.
    /// </summary>
    public static long UlpDistance(double expected, double actual)
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

    /// <inheritdoc cref="UlpDistance(double, double)"/>
    public static long UlpDistance(float expected, float actual)
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

    // T is double or float: the JIT compiles each instantiation with only its own branch (no boxing).
    private static long UlpDistance<T>(T expected, T actual) => typeof(T) == typeof(double)
        ? UlpDistance(Unsafe.As<T, double>(ref expected), Unsafe.As<T, double>(ref actual))
        : UlpDistance(Unsafe.As<T, float>(ref expected), Unsafe.As<T, float>(ref actual));

    private static double ToDouble<T>(T value) => typeof(T) == typeof(double) ? Unsafe.As<T, double>(ref value) : Unsafe.As<T, float>(ref value);

    private static T FromDouble<T>(double value)
    {
        float single = (float)value;
        return typeof(T) == typeof(double) ? Unsafe.As<double, T>(ref value) : Unsafe.As<float, T>(ref single);
    }

    public static string Show(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The largest error seen and the input that gave it (the first such input: ties keep the earlier).</summary>
    public struct Worst
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

        public readonly string Describe(Func<double, double> reference, Func<double, double> actual) =>
            Ulps == 0 ? "0 ulp" : $"{Ulps} ulp at x = {Show(Input)} (reference {Show(reference(Input))}, got {Show(actual(Input))})";
    }
}
