using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using SourceGen.Kernels;

namespace SourceGen.Bench;

/// <summary>
/// Grey dilation of a 1024×768 float image with a 7×7 square, borders clamped (the Parakeet seed): naive and
/// separable, as written and generated, against a hand-written separable Parallel.For + Vector512 version. All
/// give the same image (checked in setup).
/// </summary>
public class Dilation
{
    private const int Width = 1024, Height = 768, K = 7;
    private float[] _src = null!, _temp = null!, _dst = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _src = new float[Width * Height];
        for (int i = 0; i < _src.Length; i++)
        {
            _src[i] = (float)random.NextDouble();
        }

        _temp = new float[_src.Length];
        _dst = new float[_src.Length];
        NaiveAsWritten();
        float[] expected = (float[])_dst.Clone();
        foreach (Action method in new Action[] { NaiveGenerated, SeparableAsWritten, SeparableGenerated, HandWrittenSeparableVector512Parallel, HandWrittenSeparableVector512 })
        {
            Array.Clear(_dst);
            method();
            if (!_dst.AsSpan().SequenceEqual(expected))
            {
                throw new InvalidOperationException($"{method.Method.Name} computes a different image");
            }
        }
    }

    [Benchmark(Baseline = true)]
    public void NaiveAsWritten() => Morphology.Dilate(_src, _dst, Width, Height, K);

    [Benchmark]
    public void NaiveGenerated() => Morphology.DilateFast(_src, _dst, Width, Height, K);

    [Benchmark]
    public void SeparableAsWritten() => Morphology.DilateSeparable(_src, _temp, _dst, Width, Height, K);

    [Benchmark]
    public void SeparableGenerated() => Morphology.DilateSeparableFast(_src, _temp, _dst, Width, Height, K);

    /// <summary>What an expert writes by hand: the two passes, Parallel.For over rows, Vector512 in the interior, scalar borders.</summary>
    [Benchmark]
    public void HandWrittenSeparableVector512Parallel()
    {
        float[] src = _src, temp = _temp, dst = _dst;
        Parallel.For(0, Height, y => RowPass(src, temp, y));
        Parallel.For(0, Height, y => ColumnPass(temp, dst, y));
    }

    [Benchmark]
    public void HandWrittenSeparableVector512()
    {
        for (int y = 0; y < Height; y++)
        {
            RowPass(_src, _temp, y);
        }

        for (int y = 0; y < Height; y++)
        {
            ColumnPass(_temp, _dst, y);
        }
    }

    private static void RowPass(float[] src, float[] temp, int y)
    {
        const int R = K / 2;
        int row = y * Width;
        ref float srcRef = ref MemoryMarshal.GetArrayDataReference(src);
        int x = 0;
        for (; x < R; x++)
        {
            temp[row + x] = RowMax(src, row, x);
        }

        for (; x + Vector512<float>.Count <= Width - R; x += Vector512<float>.Count)
        {
            Vector512<float> m = Vector512.LoadUnsafe(ref srcRef, (nuint)(row + x - R));
            for (int dx = -R + 1; dx <= R; dx++)
            {
                m = Vector512.Max(m, Vector512.LoadUnsafe(ref srcRef, (nuint)(row + x + dx)));
            }

            m.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(temp), (nuint)(row + x));
        }

        for (; x < Width; x++)
        {
            temp[row + x] = RowMax(src, row, x);
        }
    }

    private static float RowMax(float[] src, int row, int x)
    {
        float m = float.MinValue;
        for (int dx = -K / 2; dx <= K / 2; dx++)
        {
            m = Math.Max(m, src[row + Math.Clamp(x + dx, 0, Width - 1)]);
        }

        return m;
    }

    private static void ColumnPass(float[] temp, float[] dst, int y)
    {
        const int R = K / 2;
        ref float tempRef = ref MemoryMarshal.GetArrayDataReference(temp);
        int x = 0;
        for (; x + Vector512<float>.Count <= Width; x += Vector512<float>.Count)
        {
            Vector512<float> m = Vector512.Create(float.MinValue);
            for (int dy = -R; dy <= R; dy++)
            {
                m = Vector512.Max(m, Vector512.LoadUnsafe(ref tempRef, (nuint)(Math.Clamp(y + dy, 0, Height - 1) * Width + x)));
            }

            m.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(dst), (nuint)(y * Width + x));
        }

        for (; x < Width; x++)
        {
            float m = float.MinValue;
            for (int dy = -R; dy <= R; dy++)
            {
                m = Math.Max(m, temp[Math.Clamp(y + dy, 0, Height - 1) * Width + x]);
            }

            dst[y * Width + x] = m;
        }
    }
}
