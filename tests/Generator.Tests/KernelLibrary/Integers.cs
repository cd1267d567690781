using System;
using SourceGen;
using static SourceGen.Loops;

namespace KernelLibrary;

/// <summary>Integer and bit-level kernels: saturating arithmetic, hashing, pixel packing.</summary>
public static partial class Integers
{
    /// <summary>Saturating 32-bit add, computed in 64 bits.</summary>
    static int SaturatingAdd(int a, int b) => (int)Math.Clamp((long)a + b, int.MinValue, int.MaxValue);

    [Vectorize(nameof(SaturatingAdd))]
    public static partial void SaturatingAdd(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> destination);

    /// <summary>Saturating 16-bit audio mix.</summary>
    static short MixSamples(short a, short b) => (short)Math.Clamp(a + b, short.MinValue, short.MaxValue);

    [Vectorize(nameof(MixSamples))]
    public static partial void MixSamples(ReadOnlySpan<short> a, ReadOnlySpan<short> b, Span<short> destination);

    /// <summary>MurmurHash3's 32-bit finalizer (fmix32).</summary>
    [Vectorize]
    public static uint Fmix32(uint h)
    {
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }

    /// <summary>One 8-bit channel of packed 0xAARRGGBB pixels.</summary>
    static byte Channel(uint argb, int shift) => (byte)((argb >> shift) & 0xFF);

    [Vectorize(nameof(Channel))]
    public static partial void ExtractChannel(ReadOnlySpan<uint> argb, int shift, Span<byte> destination);

    /// <summary>Packs three channels into opaque 0xAARRGGBB pixels.</summary>
    static uint Pack(byte r, byte g, byte b) => 0xFF000000u | ((uint)r << 16) | ((uint)g << 8) | b;

    [Vectorize(nameof(Pack))]
    public static partial void PackRgb(ReadOnlySpan<byte> r, ReadOnlySpan<byte> g, ReadOnlySpan<byte> b, Span<uint> destination);

    /// <summary>Rounding average of two bytes (as PAVGB).</summary>
    static byte Average(byte a, byte b) => (byte)((a + b + 1) >> 1);

    [Vectorize(nameof(Average))]
    public static partial void Average(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> destination);

    /// <summary>Bucket of a hash for a table of <paramref name="buckets"/> entries.</summary>
    static uint Bucket(uint hash, uint buckets) => hash % buckets;

    [Vectorize(nameof(Bucket))]
    public static partial void Buckets(ReadOnlySpan<uint> hash, uint buckets, Span<uint> destination);

    /// <summary>Q16.16 fixed-point multiply.</summary>
    static int FixedMul(int a, int b) => (int)(((long)a * b) >> 16);

    [Vectorize(nameof(FixedMul))]
    public static partial void FixedMul(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> destination);

    /// <summary>Greatest common divisor (Euclid) of pairs.</summary>
    static int Gcd(int a, int b)
    {
        a = Math.Abs(a);
        b = Math.Abs(b);
        while (b != 0)
        {
            int t = a % b;
            a = b;
            b = t;
        }

        return a;
    }

    [Vectorize(nameof(Gcd))]
    public static partial void Gcd(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> destination);

    /// <summary>Sum of a large int array in 64 bits, exact.</summary>
    public static long Sum(ReadOnlySpan<int> values)
    {
        long total = 0;
        foreach (int i in Prange(values.Length))
        {
            total += values[i];
        }

        return total;
    }

    [Parallel(nameof(Sum))]
    public static partial long SumParallel(ReadOnlySpan<int> values);

    /// <summary>XOR checksum of a buffer of words.</summary>
    public static uint XorChecksum(ReadOnlySpan<uint> words)
    {
        uint check = 0;
        foreach (int i in Prange(words.Length))
        {
            check ^= words[i];
        }

        return check;
    }

    [Parallel(nameof(XorChecksum))]
    public static partial uint XorChecksumParallel(ReadOnlySpan<uint> words);
}
