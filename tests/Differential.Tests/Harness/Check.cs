using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Xunit;

namespace SourceGen.Differential.Tests.Harness;

internal delegate void Entry1<T1, TR>(ReadOnlySpan<T1> x, Span<TR> destination);

internal delegate void Entry2<T1, T2, TR>(ReadOnlySpan<T1> x, ReadOnlySpan<T2> y, Span<TR> destination);

internal delegate void Entry3<T1, T2, T3, TR>(ReadOnlySpan<T1> x, ReadOnlySpan<T2> y, ReadOnlySpan<T3> z, Span<TR> destination);

internal delegate void EntryVU<T1, T2, TR>(ReadOnlySpan<T1> x, T2 y, Span<TR> destination);

internal delegate void EntryVVUUU<T1, T2, T3, T4, T5, TR>(ReadOnlySpan<T1> x, ReadOnlySpan<T2> y, T3 a, T4 b, T5 c, Span<TR> destination);

internal delegate void EntryVVU<T1, T2, T3, TR>(ReadOnlySpan<T1> x, ReadOnlySpan<T2> y, T3 z, Span<TR> destination);

/// <summary>
/// Differential checks: a generated entry point against its kernel applied per element, at every length from 0
/// to a few steps plus one and a few large ones, on random and edge-case inputs, in place where types allow,
/// with a longer destination whose extra elements must stay untouched. Floating-point results must be
/// bit-identical (any NaN equals any NaN) unless <c>ulps</c> allows a rounding difference (vector math functions).
/// </summary>
internal static class Check
{
    /// <summary>Lengths tested one by one: three 512-bit steps of the narrowest kernels (256 lanes) plus one.</summary>
    public const int MaxExhaustiveLength = 3 * 256 + 1;

    public static void Unary<T1, TR>(string name, Entry1<T1, TR> entry, Func<T1, TR> kernel, int ulps = 0, double absolute = 0)
        where T1 : struct where TR : struct
    {
        var random = new Inputs.SplitMix64(Inputs.Seed ^ Hash(name));
        foreach (int length in Inputs.Lengths(MaxExhaustiveLength))
        {
            T1[] x = Inputs.Make<T1>(length, random);
            Run(name, length, i => $"x = {Show(x[i])}", i => kernel(x[i]), d => entry(x, d), ulps, absolute);
            if (typeof(T1) == typeof(TR) && length > 0 && !x.Any(v => Throws(() => kernel(v))))
            {
                // In place: the destination is the input itself.
                TR[] expected = x.Select(kernel).ToArray();
                T1[] copy = (T1[])x.Clone();
                TR[] sameArray = Unsafe.As<T1[], TR[]>(ref copy);
                entry(copy, sameArray);
                Compare($"{name} in place", length, expected, sameArray, ulps, absolute);
            }
        }
    }

    public static void Binary<T1, T2, TR>(string name, Entry2<T1, T2, TR> entry, Func<T1, T2, TR> kernel, int ulps = 0)
        where T1 : struct where T2 : struct where TR : struct
    {
        var random = new Inputs.SplitMix64(Inputs.Seed ^ Hash(name));
        foreach (int length in Inputs.Lengths(MaxExhaustiveLength))
        {
            T1[] x = Inputs.Make<T1>(length, random);
            T2[] y = Inputs.Make<T2>(length, random);
            Run(name, length, i => $"x = {Show(x[i])}, y = {Show(y[i])}", i => kernel(x[i], y[i]), d => entry(x, y, d), ulps);
        }
    }

    public static void Ternary<T1, T2, T3, TR>(string name, Entry3<T1, T2, T3, TR> entry, Func<T1, T2, T3, TR> kernel, int ulps = 0)
        where T1 : struct where T2 : struct where T3 : struct where TR : struct
    {
        var random = new Inputs.SplitMix64(Inputs.Seed ^ Hash(name));
        foreach (int length in Inputs.Lengths(MaxExhaustiveLength))
        {
            T1[] x = Inputs.Make<T1>(length, random);
            T2[] y = Inputs.Make<T2>(length, random);
            T3[] z = Inputs.Make<T3>(length, random);
            Run(name, length, i => $"x = {Show(x[i])}, y = {Show(y[i])}, z = {Show(z[i])}", i => kernel(x[i], y[i], z[i]), d => entry(x, y, z, d), ulps);
        }
    }

    /// <summary>A varying first input and a uniform second one (a new random uniform value per length).</summary>
    public static void VaryingUniform<T1, T2, TR>(string name, EntryVU<T1, T2, TR> entry, Func<T1, T2, TR> kernel, int ulps = 0)
        where T1 : struct where T2 : struct where TR : struct
    {
        var random = new Inputs.SplitMix64(Inputs.Seed ^ Hash(name));
        foreach (int length in Inputs.Lengths(MaxExhaustiveLength))
        {
            T1[] x = Inputs.Make<T1>(length, random);
            T2 y = Inputs.One<T2>(random);
            Run(name, length, i => $"x = {Show(x[i])}, y = {Show(y)} (uniform)", i => kernel(x[i], y), d => entry(x, y, d), ulps);
        }
    }

    /// <summary>Two varying inputs and a uniform third one.</summary>
    public static void VaryingVaryingUniform<T1, T2, T3, TR>(string name, EntryVVU<T1, T2, T3, TR> entry, Func<T1, T2, T3, TR> kernel, int ulps = 0)
        where T1 : struct where T2 : struct where T3 : struct where TR : struct
    {
        var random = new Inputs.SplitMix64(Inputs.Seed ^ Hash(name));
        foreach (int length in Inputs.Lengths(MaxExhaustiveLength))
        {
            T1[] x = Inputs.Make<T1>(length, random);
            T2[] y = Inputs.Make<T2>(length, random);
            T3 z = Inputs.One<T3>(random);
            Run(name, length, i => $"x = {Show(x[i])}, y = {Show(y[i])}, z = {Show(z)} (uniform)", i => kernel(x[i], y[i], z), d => entry(x, y, z, d), ulps);
        }
    }

    /// <summary>Two varying inputs and three uniform ones (a new random set per length).</summary>
    public static void VaryingVaryingUniform3<T1, T2, T3, T4, T5, TR>(string name, EntryVVUUU<T1, T2, T3, T4, T5, TR> entry, Func<T1, T2, T3, T4, T5, TR> kernel)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where TR : struct
    {
        var random = new Inputs.SplitMix64(Inputs.Seed ^ Hash(name));
        foreach (int length in Inputs.Lengths(MaxExhaustiveLength))
        {
            T1[] x = Inputs.Make<T1>(length, random);
            T2[] y = Inputs.Make<T2>(length, random);
            T3 a = Inputs.One<T3>(random);
            T4 b = Inputs.One<T4>(random);
            T5 c = Inputs.One<T5>(random);
            Run(name, length, i => $"x = {Show(x[i])}, y = {Show(y[i])}, uniform {Show(a)}, {Show(b)}, {Show(c)}", i => kernel(x[i], y[i], a, b, c), d => entry(x, y, a, b, c, d), 0);
        }
    }

    private static void Run<TR>(string name, int length, Func<int, string> describe, Func<int, TR> kernel, Action<TR[]> entry, int ulps, double absolute = 0)
        where TR : struct
    {
        // The kernel as written, element by element: the reference (and the exceptions it throws).
        var expected = new TR[length];
        var thrown = new HashSet<Type>();
        for (int i = 0; i < length; i++)
        {
            (TR value, Exception? exception) = Safe(() => kernel(i));
            expected[i] = value;
            if (exception is not null)
            {
                thrown.Add(exception.GetType());
            }
        }

        // A longer destination: the extra elements must not be written.
        const int Extra = 3;
        var destination = new TR[length + Extra];
        TR sentinel = Sentinel<TR>();
        destination.AsSpan().Fill(sentinel);
        Exception? actualException = null;
        try
        {
            entry(destination);
        }
        catch (Exception exception)
        {
            actualException = exception;
        }

        string context = $"{name}, length {length}, SOURCEGEN_SEED={Inputs.Seed}, {Width()}";
        if (thrown.Count > 0)
        {
            Assert.True(actualException is not null && thrown.Contains(actualException.GetType()),
                $"{context}: the kernel throws {string.Join("/", thrown.Select(t => t.Name))} for some element, the entry point threw {actualException?.GetType().Name ?? "nothing"}");
            return;
        }

        if (actualException is not null)
        {
            Assert.Fail($"{context}: the entry point threw {actualException} but the kernel throws for no element");
        }

        for (int i = 0; i < length; i++)
        {
            if (!Same(expected[i], destination[i], ulps, absolute))
            {
                Assert.Fail($"{context}, element {i} ({describe(i)}): kernel {Show(expected[i])}, generated {Show(destination[i])}");
            }
        }

        for (int i = length; i < destination.Length; i++)
        {
            Assert.True(Same(sentinel, destination[i], 0), $"{context}: element {i} past the inputs was written");
        }
    }

    private static void Compare<TR>(string name, int length, TR[] expected, TR[] actual, int ulps, double absolute)
    {
        for (int i = 0; i < length; i++)
        {
            if (!Same(expected[i], actual[i], ulps, absolute))
            {
                Assert.Fail($"{name}, length {length}, SOURCEGEN_SEED={Inputs.Seed}, {Width()}, element {i}: kernel {Show(expected[i])}, generated {Show(actual[i])}");
            }
        }
    }

    /// <summary>
    /// Equal bits; any NaN equals any NaN; within <paramref name="ulps"/> units in the last place, or within
    /// <paramref name="absolute"/> for finite values, where allowed.
    /// </summary>
    public static bool Same<T>(T expected, T actual, int ulps, double absolute = 0)
    {
        if (absolute > 0 && expected is double de && actual is double da && double.IsFinite(de) && double.IsFinite(da) && Math.Abs(de - da) <= absolute)
        {
            return true;
        }

        if (absolute > 0 && expected is float fe && actual is float fa && float.IsFinite(fe) && float.IsFinite(fa) && Math.Abs(fe - fa) <= absolute)
        {
            return true;
        }

        if (expected is double e && actual is double a)
        {
            if (double.IsNaN(e) || double.IsNaN(a)) return double.IsNaN(e) && double.IsNaN(a);
            if (BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(a)) return true;
            return ulps > 0 && Math.Sign(e) == Math.Sign(a) && Math.Abs(BitConverter.DoubleToInt64Bits(e) - BitConverter.DoubleToInt64Bits(a)) <= ulps;
        }

        if (expected is float ef && actual is float af)
        {
            if (float.IsNaN(ef) || float.IsNaN(af)) return float.IsNaN(ef) && float.IsNaN(af);
            if (BitConverter.SingleToInt32Bits(ef) == BitConverter.SingleToInt32Bits(af)) return true;
            return ulps > 0 && MathF.Sign(ef) == MathF.Sign(af) && Math.Abs(BitConverter.SingleToInt32Bits(ef) - BitConverter.SingleToInt32Bits(af)) <= ulps;
        }

        return EqualityComparer<T>.Default.Equals(expected, actual);
    }

    private static (T Value, Exception? Exception) Safe<T>(Func<T> compute)
    {
        try
        {
            return (compute(), null);
        }
        catch (Exception exception)
        {
            return (default!, exception);
        }
    }

    private static bool Throws<T>(Func<T> compute) => Safe(compute).Exception is not null;

    private static T Sentinel<T>()
    {
        object value = typeof(T) == typeof(bool) ? true
            : typeof(T) == typeof(double) ? 12345.678
            : typeof(T) == typeof(float) ? 12345.678f
            : (object)Convert.ChangeType(99, typeof(T));
        return (T)value;
    }

    public static string Show<T>(T value) => value switch
    {
        double d => $"{d:R} (0x{BitConverter.DoubleToInt64Bits(d):X16})",
        float f => $"{f:R} (0x{BitConverter.SingleToInt32Bits(f):X8})",
        _ => value?.ToString() ?? "null",
    };

    public static string Width() =>
        System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "Vector512 path"
        : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "Vector256 path"
        : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? "Vector128 path"
        : "scalar path";

    private static ulong Hash(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
