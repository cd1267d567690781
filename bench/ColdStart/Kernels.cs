using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SourceGen;

namespace SourceGen.ColdStart;

/// <summary>
/// The kernels the cold-start cases time, written as a user writes them, and the hand-written SIMD each is
/// compared with. The generated entry points come from this project's own build, as in a user's app.
/// </summary>
public static partial class ColdKernels
{
    public static double Softplus(double x) => Math.Log(1.0 + Math.Exp(x));

    [Vectorize(nameof(Softplus))]
    public static partial void SoftplusCpu(ReadOnlySpan<double> x, Span<double> destination);

    [Vectorize(nameof(Softplus), Target = Target.Parallel)]
    public static partial void SoftplusParallel(ReadOnlySpan<double> x, Span<double> destination);

    public static float Hypot3(float x, float y, float z) => MathF.Sqrt(x * x + y * y + z * z);

    [Vectorize(nameof(Hypot3))]
    public static partial void Hypot3Cpu(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z, Span<float> destination);

    public static float ExpF(float x) => MathF.Exp(x);

    [Vectorize(nameof(ExpF))]
    public static partial void ExpFCpu(ReadOnlySpan<float> x, Span<float> destination);

    /// <summary>The scalar loop as written: what the user had before annotating.</summary>
    public static void SoftplusLoop(ReadOnlySpan<double> x, Span<double> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = Softplus(x[i]);
        }
    }

    public static void Hypot3Loop(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = Hypot3(x[i], y[i], z[i]);
        }
    }

    public static void ExpFLoop(ReadOnlySpan<float> x, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = ExpF(x[i]);
        }
    }

    /// <summary>
    /// What an expert writes by hand: one Vector512 loop in a plain method (no attributes, as most hand-written
    /// SIMD is), the tail by an overlapping last vector. Bit-identical to the kernel (no FMA contraction).
    /// </summary>
    public static void Hypot3Vector512(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z, Span<float> destination)
    {
        int n = x.Length;
        const int Lanes = 16;
        if (!Vector512.IsHardwareAccelerated || n < Lanes || y.Length != n || z.Length != n || destination.Length < n)
        {
            Hypot3Loop(x, y, z, destination);
            return;
        }

        ref float xs = ref MemoryMarshal.GetReference(x), ys = ref MemoryMarshal.GetReference(y), zs = ref MemoryMarshal.GetReference(z);
        ref float ds = ref MemoryMarshal.GetReference(destination);
        for (int i = 0; ; i += Lanes)
        {
            int at = Math.Min(i, n - Lanes);
            Vector512<float> vx = Vector512.LoadUnsafe(ref xs, (nuint)at);
            Vector512<float> vy = Vector512.LoadUnsafe(ref ys, (nuint)at);
            Vector512<float> vz = Vector512.LoadUnsafe(ref zs, (nuint)at);
            Vector512.Sqrt(vx * vx + vy * vy + vz * vz).StoreUnsafe(ref ds, (nuint)at);
            if (at == n - Lanes)
            {
                break;
            }
        }
    }
}
