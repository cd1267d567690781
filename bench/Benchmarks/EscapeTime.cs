using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using SourceGen.Kernels;

namespace SourceGen.Bench;

/// <summary>
/// Issue 18, "masked loops at hand-written speed": the Mandelbrot escape-time loop written three ways (the test in
/// the loop condition, an if-break inside <c>while (n &lt; maxIter)</c>, an early <c>return n</c> in a counted loop;
/// kernels in src/Kernels/Fractals.cs) × float/double, 1000×1000 points over [-2, 0.5] × [-1.25, 1.25], maxIter 256.
/// Columns: the kernel as written in a loop, the generated Cpu and Parallel entry points, and an expert's
/// hand-written <c>Vector512</c> masked loop (four registers in flight, per-lane exit mask, leaves when every lane
/// has escaped, no FMA contraction) on one thread and under <c>Parallel.For</c>. All five give the same counts
/// (checked in setup). Target: generated ≥ 0.8× hand-written, Cpu against one thread, Parallel against Parallel.For.
/// </summary>
public class EscapeTime
{
    public enum Form { Condition, Break, Return }

    private const int Size = 1000, MaxIter = 256, Block = 8192;

    [Params(Form.Condition, Form.Break, Form.Return)]
    public Form Written { get; set; }

    [Params(false, true)]
    public bool Double { get; set; }

    private float[] _crF = null!, _ciF = null!;
    private double[] _cr = null!, _ci = null!;
    private int[] _counts = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cr = new double[Size * Size];
        _ci = new double[Size * Size];
        for (int row = 0; row < Size; row++)
        {
            for (int column = 0; column < Size; column++)
            {
                _cr[row * Size + column] = -2.0 + 2.5 * column / Size;
                _ci[row * Size + column] = 1.25 - 2.5 * row / Size;
            }
        }

        _crF = Array.ConvertAll(_cr, value => (float)value);
        _ciF = Array.ConvertAll(_ci, value => (float)value);
        _counts = new int[_cr.Length];
        AsWritten();
        int[] expected = (int[])_counts.Clone();
        foreach (Action method in new Action[] { GeneratedCpu, GeneratedParallel, HandWrittenVector512, HandWrittenVector512Parallel })
        {
            Array.Clear(_counts);
            method();
            if (!_counts.AsSpan().SequenceEqual(expected))
            {
                throw new InvalidOperationException($"{Written} {(Double ? "double" : "float")}: {method.Method.Name} computes different counts");
            }
        }
    }

    [Benchmark(Baseline = true)]
    public void AsWritten()
    {
        int[] counts = _counts;
        switch (Written, Double)
        {
            case (Form.Condition, false): for (int i = 0; i < counts.Length; i++) counts[i] = Fractals.MandelbrotF(_crF[i], _ciF[i], MaxIter); break;
            case (Form.Break, false): for (int i = 0; i < counts.Length; i++) counts[i] = Fractals.MandelbrotBreak(_crF[i], _ciF[i], MaxIter); break;
            case (Form.Return, false): for (int i = 0; i < counts.Length; i++) counts[i] = Fractals.MandelbrotReturn(_crF[i], _ciF[i], MaxIter); break;
            case (Form.Condition, true): for (int i = 0; i < counts.Length; i++) counts[i] = Fractals.Mandelbrot(_cr[i], _ci[i], MaxIter); break;
            case (Form.Break, true): for (int i = 0; i < counts.Length; i++) counts[i] = Fractals.MandelbrotBreak(_cr[i], _ci[i], MaxIter); break;
            case (Form.Return, true): for (int i = 0; i < counts.Length; i++) counts[i] = Fractals.MandelbrotReturn(_cr[i], _ci[i], MaxIter); break;
        }
    }

    [Benchmark]
    public void GeneratedCpu()
    {
        switch (Written, Double)
        {
            case (Form.Condition, false): Fractals.MandelbrotCountsF(_crF, _ciF, MaxIter, _counts); break;
            case (Form.Break, false): Fractals.MandelbrotBreakCountsF(_crF, _ciF, MaxIter, _counts); break;
            case (Form.Return, false): Fractals.MandelbrotReturnCountsF(_crF, _ciF, MaxIter, _counts); break;
            case (Form.Condition, true): Fractals.MandelbrotCounts(_cr, _ci, MaxIter, _counts); break;
            case (Form.Break, true): Fractals.MandelbrotBreakCounts(_cr, _ci, MaxIter, _counts); break;
            case (Form.Return, true): Fractals.MandelbrotReturnCounts(_cr, _ci, MaxIter, _counts); break;
        }
    }

    [Benchmark]
    public void GeneratedParallel()
    {
        switch (Written, Double)
        {
            case (Form.Condition, false): Fractals.MandelbrotCountsFParallel(_crF, _ciF, MaxIter, _counts); break;
            case (Form.Break, false): Fractals.MandelbrotBreakCountsFParallel(_crF, _ciF, MaxIter, _counts); break;
            case (Form.Return, false): Fractals.MandelbrotReturnCountsFParallel(_crF, _ciF, MaxIter, _counts); break;
            case (Form.Condition, true): Fractals.MandelbrotCountsParallel(_cr, _ci, MaxIter, _counts); break;
            case (Form.Break, true): Fractals.MandelbrotBreakCountsParallel(_cr, _ci, MaxIter, _counts); break;
            case (Form.Return, true): Fractals.MandelbrotReturnCountsParallel(_cr, _ci, MaxIter, _counts); break;
        }
    }

    [Benchmark]
    public void HandWrittenVector512() => HandWrittenRange(0, _counts.Length);

    [Benchmark]
    public void HandWrittenVector512Parallel() =>
        Parallel.For(0, (_counts.Length + Block - 1) / Block, block => HandWrittenRange(block * Block, Math.Min(_counts.Length, (block + 1) * Block)));

    private void HandWrittenRange(int start, int end)
    {
        // The break and return forms compute the same counts (both leave at |z|² > 4, both count to maxIter);
        // the condition form stays while |z|² < 4 (a NaN or |z|² = 4 leaves it at once).
        bool stayWhileBelow = Written == Form.Condition;
        int i = start;
        if (Double)
        {
            for (; i + 32 <= end; i += 32)
            {
                if (stayWhileBelow) Double32<Below>(i); else Double32<NotAbove>(i);
            }

            for (; i < end; i++)
            {
                _counts[i] = stayWhileBelow ? Fractals.Mandelbrot(_cr[i], _ci[i], MaxIter) : Fractals.MandelbrotBreak(_cr[i], _ci[i], MaxIter);
            }
        }
        else
        {
            for (; i + 64 <= end; i += 64)
            {
                if (stayWhileBelow) Float64<Below>(i); else Float64<NotAbove>(i);
            }

            for (; i < end; i++)
            {
                _counts[i] = stayWhileBelow ? Fractals.MandelbrotF(_crF[i], _ciF[i], MaxIter) : Fractals.MandelbrotBreak(_crF[i], _ciF[i], MaxIter);
            }
        }
    }

    /// <summary>Which lanes stay in the loop, given |z|² (a struct type argument: the JIT specializes each).</summary>
    private interface IStay
    {
        static abstract Vector512<float> Stay(Vector512<float> modulusSquared, Vector512<float> four);
        static abstract Vector512<double> Stay(Vector512<double> modulusSquared, Vector512<double> four);
    }

    private struct Below : IStay
    {
        public static Vector512<float> Stay(Vector512<float> m, Vector512<float> four) => Vector512.LessThan(m, four);
        public static Vector512<double> Stay(Vector512<double> m, Vector512<double> four) => Vector512.LessThan(m, four);
    }

    private struct NotAbove : IStay
    {
        public static Vector512<float> Stay(Vector512<float> m, Vector512<float> four) => ~Vector512.GreaterThan(m, four);
        public static Vector512<double> Stay(Vector512<double> m, Vector512<double> four) => ~Vector512.GreaterThan(m, four);
    }

    /// <summary>64 points: four Vector512&lt;float&gt; in flight.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Float64<TStay>(int i) where TStay : struct, IStay
    {
        ref float crRef = ref _crF[i], ciRef = ref _ciF[i];
        Vector512<float> cr0 = Vector512.LoadUnsafe(ref crRef), cr1 = Vector512.LoadUnsafe(ref crRef, 16), cr2 = Vector512.LoadUnsafe(ref crRef, 32), cr3 = Vector512.LoadUnsafe(ref crRef, 48);
        Vector512<float> ci0 = Vector512.LoadUnsafe(ref ciRef), ci1 = Vector512.LoadUnsafe(ref ciRef, 16), ci2 = Vector512.LoadUnsafe(ref ciRef, 32), ci3 = Vector512.LoadUnsafe(ref ciRef, 48);
        Vector512<float> zr0 = default, zr1 = default, zr2 = default, zr3 = default, zi0 = default, zi1 = default, zi2 = default, zi3 = default;
        Vector512<float> four = Vector512.Create(4f), two = Vector512.Create(2f);
        Vector512<int> n0 = default, n1 = default, n2 = default, n3 = default;
        Vector512<int> a0 = Vector512<int>.AllBitsSet, a1 = a0, a2 = a0, a3 = a0;
        for (int iteration = 0; iteration < MaxIter; iteration++)
        {
            Vector512<float> r0 = zr0 * zr0, r1 = zr1 * zr1, r2 = zr2 * zr2, r3 = zr3 * zr3;
            Vector512<float> s0 = zi0 * zi0, s1 = zi1 * zi1, s2 = zi2 * zi2, s3 = zi3 * zi3;
            a0 &= TStay.Stay(r0 + s0, four).AsInt32();
            a1 &= TStay.Stay(r1 + s1, four).AsInt32();
            a2 &= TStay.Stay(r2 + s2, four).AsInt32();
            a3 &= TStay.Stay(r3 + s3, four).AsInt32();
            if (((a0 | a1) | (a2 | a3)) == Vector512<int>.Zero)
            {
                break;
            }

            n0 -= a0;
            n1 -= a1;
            n2 -= a2;
            n3 -= a3;
            zi0 = two * zr0 * zi0 + ci0;
            zi1 = two * zr1 * zi1 + ci1;
            zi2 = two * zr2 * zi2 + ci2;
            zi3 = two * zr3 * zi3 + ci3;
            zr0 = r0 - s0 + cr0;
            zr1 = r1 - s1 + cr1;
            zr2 = r2 - s2 + cr2;
            zr3 = r3 - s3 + cr3;
        }

        ref int counts = ref _counts[i];
        n0.StoreUnsafe(ref counts);
        n1.StoreUnsafe(ref counts, 16);
        n2.StoreUnsafe(ref counts, 32);
        n3.StoreUnsafe(ref counts, 48);
    }

    /// <summary>32 points: four Vector512&lt;double&gt; in flight, 64-bit masks narrowed to the int counts at the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Double32<TStay>(int i) where TStay : struct, IStay
    {
        ref double crRef = ref _cr[i], ciRef = ref _ci[i];
        Vector512<double> cr0 = Vector512.LoadUnsafe(ref crRef), cr1 = Vector512.LoadUnsafe(ref crRef, 8), cr2 = Vector512.LoadUnsafe(ref crRef, 16), cr3 = Vector512.LoadUnsafe(ref crRef, 24);
        Vector512<double> ci0 = Vector512.LoadUnsafe(ref ciRef), ci1 = Vector512.LoadUnsafe(ref ciRef, 8), ci2 = Vector512.LoadUnsafe(ref ciRef, 16), ci3 = Vector512.LoadUnsafe(ref ciRef, 24);
        Vector512<double> zr0 = default, zr1 = default, zr2 = default, zr3 = default, zi0 = default, zi1 = default, zi2 = default, zi3 = default;
        Vector512<double> four = Vector512.Create(4.0), two = Vector512.Create(2.0);
        Vector512<long> n0 = default, n1 = default, n2 = default, n3 = default;
        Vector512<long> a0 = Vector512<long>.AllBitsSet, a1 = a0, a2 = a0, a3 = a0;
        for (int iteration = 0; iteration < MaxIter; iteration++)
        {
            Vector512<double> r0 = zr0 * zr0, r1 = zr1 * zr1, r2 = zr2 * zr2, r3 = zr3 * zr3;
            Vector512<double> s0 = zi0 * zi0, s1 = zi1 * zi1, s2 = zi2 * zi2, s3 = zi3 * zi3;
            a0 &= TStay.Stay(r0 + s0, four).AsInt64();
            a1 &= TStay.Stay(r1 + s1, four).AsInt64();
            a2 &= TStay.Stay(r2 + s2, four).AsInt64();
            a3 &= TStay.Stay(r3 + s3, four).AsInt64();
            if (((a0 | a1) | (a2 | a3)) == Vector512<long>.Zero)
            {
                break;
            }

            n0 -= a0;
            n1 -= a1;
            n2 -= a2;
            n3 -= a3;
            zi0 = two * zr0 * zi0 + ci0;
            zi1 = two * zr1 * zi1 + ci1;
            zi2 = two * zr2 * zi2 + ci2;
            zi3 = two * zr3 * zi3 + ci3;
            zr0 = r0 - s0 + cr0;
            zr1 = r1 - s1 + cr1;
            zr2 = r2 - s2 + cr2;
            zr3 = r3 - s3 + cr3;
        }

        ref int counts = ref _counts[i];
        Vector512.Narrow(n0, n1).StoreUnsafe(ref counts);
        Vector512.Narrow(n2, n3).StoreUnsafe(ref counts, 16);
    }
}
