using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SourceGen.Internal;

/// <summary>
/// Helpers for a <c>[GuVectorize]</c> kernel run across rows ("row lanes"): W outer indexes at once, one vector
/// lane each, for kernels whose core loop carries a dependence (a running sum) and so cannot run in lanes along its
/// own index. Each core slice of the W rows is interleaved into a per-thread buffer (element <c>j</c> of lane
/// <c>l</c> at <c>j * W + l</c>), so the kernel's <c>a[j]</c> is one vector load; outputs go back the same way.
/// Public for generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RowLanes
{
    /// <summary>
    /// Above this many elements per interleaved buffer the rows run one at a time as written: the buffers would
    /// leave the caches (and cost memory) for no gain.
    /// </summary>
    public const int MaxBufferElements = 1 << 20;

    /// <summary>Whether <paramref name="lanes"/> rows of <paramref name="length"/> elements fit in the buffers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Fits(int length, int lanes) => (long)length * lanes <= MaxBufferElements;

    /// <summary>
    /// A buffer of at least <paramref name="length"/> elements, one per <paramref name="slot"/> and thread, reused
    /// from call to call (its contents are whatever was left there).
    /// </summary>
    public static T[] Buffer<T>(int slot, int length)
    {
        T[]?[] slots = Buffers<T>.Slots ??= new T[]?[8];
        if (slot >= slots.Length)
        {
            Array.Resize(ref slots, slot + 8);
            Buffers<T>.Slots = slots;
        }

        // Room for the elements after Start's shift to a cache line (up to a line's worth): a reused buffer must
        // have it too, else the last elements of a slightly longer request land past its end.
        int needed = length + 64 / Unsafe.SizeOf<T>();
        T[]? buffer = slots[slot];
        if (buffer is null || buffer.Length < needed)
        {
            // Pinned, so that its start can be aligned to a cache line: a vector load or store never splits one.
            slots[slot] = buffer = GC.AllocateUninitializedArray<T>(Math.Max(needed, 128), pinned: true);
        }

        return buffer;
    }

    /// <summary>The first element of <paramref name="buffer"/> (from <see cref="Buffer{T}"/>) on a 64-byte boundary.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe ref T Start<T>(T[] buffer)
    {
        ref T first = ref MemoryMarshal.GetArrayDataReference(buffer);
        nuint misalignment = (nuint)Unsafe.AsPointer(ref first) & 63;
        return ref misalignment == 0 || misalignment % (nuint)Unsafe.SizeOf<T>() != 0 ? ref first : ref Unsafe.Add(ref first, (nint)((64 - misalignment) / (nuint)Unsafe.SizeOf<T>()));
    }

    private static class Buffers<T>
    {
        [ThreadStatic]
        public static T[]?[]? Slots;
    }

    /// <summary>
    /// The element offset of <c>[index]</c> in an interleaved buffer of <paramref name="lanes"/> rows of
    /// <paramref name="length"/> elements; an index outside the core slice throws as the kernel's span would.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nuint At(long index, int length, int lanes)
    {
        if ((ulong)index >= (ulong)length)
        {
            ThrowIndexOutOfRange();
        }

        return (nuint)index * (nuint)lanes;
    }

    // Not NoInlining: the JIT then sees that it always throws, keeps the call out of the loop and nothing live across it
    // (with NoInlining the vector loop spilled its running values to the stack around the call on every step).
    [DoesNotReturn]
    private static void ThrowIndexOutOfRange() => throw new IndexOutOfRangeException();

    /// <summary>
    /// Interleaves <paramref name="lanes"/> rows of <paramref name="length"/> elements, row <c>l</c> starting at
    /// <c>source + l * step</c> (step 0: a broadcast row), into <paramref name="destination"/>:
    /// <c>destination[j * lanes + l] = row l [j]</c>.
    /// </summary>
    public static void Interleave<T>(ref T source, long step, int length, int lanes, T[] destination)
    {
        ref T to = ref Start(destination);
        int j = 0;
        if (typeof(T) == typeof(double) && lanes == 8 && Avx512F.IsSupported)
        {
            for (; j <= length - 8; j += 8)
            {
                Transpose8(ref Unsafe.As<T, double>(ref Unsafe.Add(ref source, j)), (nint)step, ref Unsafe.As<T, double>(ref Unsafe.Add(ref to, j * 8)), 8);
            }
        }
        else if (typeof(T) == typeof(float) && lanes == 16 && Avx512F.IsSupported)
        {
            for (; j <= length - 16; j += 16)
            {
                Transpose16(ref Unsafe.As<T, float>(ref Unsafe.Add(ref source, j)), (nint)step, ref Unsafe.As<T, float>(ref Unsafe.Add(ref to, j * 16)), 16);
            }
        }

        for (int l = 0; l < lanes; l++)
        {
            ref T row = ref Unsafe.Add(ref source, (nint)(l * step));
            for (int k = j; k < length; k++)
            {
                Unsafe.Add(ref to, k * lanes + l) = Unsafe.Add(ref row, k);
            }
        }
    }

    /// <summary>The inverse of <see cref="Interleave{T}"/>: <c>row l [j] = source[j * lanes + l]</c>, rows <paramref name="step"/> apart.</summary>
    public static void Deinterleave<T>(T[] source, ref T destination, long step, int length, int lanes)
    {
        ref T from = ref Start(source);
        int j = 0;
        if (typeof(T) == typeof(double) && lanes == 8 && Avx512F.IsSupported)
        {
            for (; j <= length - 8; j += 8)
            {
                Transpose8(ref Unsafe.As<T, double>(ref Unsafe.Add(ref from, j * 8)), 8, ref Unsafe.As<T, double>(ref Unsafe.Add(ref destination, j)), (nint)step);
            }
        }
        else if (typeof(T) == typeof(float) && lanes == 16 && Avx512F.IsSupported)
        {
            for (; j <= length - 16; j += 16)
            {
                Transpose16(ref Unsafe.As<T, float>(ref Unsafe.Add(ref from, j * 16)), 16, ref Unsafe.As<T, float>(ref Unsafe.Add(ref destination, j)), (nint)step);
            }
        }

        for (int l = 0; l < lanes; l++)
        {
            ref T row = ref Unsafe.Add(ref destination, (nint)(l * step));
            for (int k = j; k < length; k++)
            {
                Unsafe.Add(ref row, k) = Unsafe.Add(ref from, k * lanes + l);
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="columns"/> columns of a ring of result vectors (column <c>c</c> of lane <c>l</c> at
    /// <c>ring[c * lanes + l]</c>) to <paramref name="lanes"/> rows, row <c>l</c> at <c>destination + l * step</c>:
    /// a full ring is one in-register transpose where there is one for the width, so results go back to the rows
    /// while they are in L1 instead of through a row-long buffer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteRing<T>(ref T ring, int lanes, ref T destination, long step, int columns)
    {
        if (typeof(T) == typeof(double) && lanes == 8 && columns == 8 && Avx512F.IsSupported)
        {
            Transpose8(ref Unsafe.As<T, double>(ref ring), 8, ref Unsafe.As<T, double>(ref destination), (nint)step);
        }
        else if (typeof(T) == typeof(float) && lanes == 16 && columns == 16 && Avx512F.IsSupported)
        {
            Transpose16(ref Unsafe.As<T, float>(ref ring), 16, ref Unsafe.As<T, float>(ref destination), (nint)step);
        }
        else if (typeof(T) == typeof(double) && lanes == 4 && columns == 4 && Avx.IsSupported)
        {
            Transpose4(ref Unsafe.As<T, double>(ref ring), ref Unsafe.As<T, double>(ref destination), (nint)step);
        }
        else
        {
            WriteRingElements(ref ring, lanes, ref destination, step, columns);
        }
    }

    /// <summary><see cref="WriteRing{T}"/> element by element (out of line: it runs at most once per W columns).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WriteRingElements<T>(ref T ring, int lanes, ref T destination, long step, int columns)
    {
        for (int l = 0; l < lanes; l++)
        {
            ref T row = ref Unsafe.Add(ref destination, (nint)(l * step));
            for (int c = 0; c < columns; c++)
            {
                Unsafe.Add(ref row, c) = Unsafe.Add(ref ring, c * lanes + l);
            }
        }
    }

    /// <summary>4×4 doubles (source rows 4 apart) to the destination's rows, <paramref name="destinationStride"/> apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4(ref double source, ref double destination, nint destinationStride)
    {
        Vector256<double> r0 = Vector256.LoadUnsafe(ref source), r1 = Vector256.LoadUnsafe(ref source, 4);
        Vector256<double> r2 = Vector256.LoadUnsafe(ref source, 8), r3 = Vector256.LoadUnsafe(ref source, 12);
        Vector256<double> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256.StoreUnsafe(Avx.Permute2x128(t0, t2, 0x20), ref destination);
        Vector256.StoreUnsafe(Avx.Permute2x128(t1, t3, 0x20), ref Unsafe.Add(ref destination, destinationStride));
        Vector256.StoreUnsafe(Avx.Permute2x128(t0, t2, 0x31), ref Unsafe.Add(ref destination, 2 * destinationStride));
        Vector256.StoreUnsafe(Avx.Permute2x128(t1, t3, 0x31), ref Unsafe.Add(ref destination, 3 * destinationStride));
    }

    /// <summary>
    /// Transposes an 8×8 block of doubles in registers: row <c>r</c> of the source (8 elements at
    /// <c>source + r * sourceStride</c>) becomes column <c>r</c> of the destination (rows <paramref name="destinationStride"/> apart).
    /// Three rounds of two-source permutes, each pairing rows 4, 2, then 1 apart.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8(ref double source, nint sourceStride, ref double destination, nint destinationStride)
    {
        Vector512<double> r0 = Vector512.LoadUnsafe(ref source);
        Vector512<double> r1 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, sourceStride));
        Vector512<double> r2 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 2 * sourceStride));
        Vector512<double> r3 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 3 * sourceStride));
        Vector512<double> r4 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 4 * sourceStride));
        Vector512<double> r5 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 5 * sourceStride));
        Vector512<double> r6 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 6 * sourceStride));
        Vector512<double> r7 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 7 * sourceStride));

        // Round 1: low/high 256-bit halves of rows 4 apart.
        Vector512<long> low4 = Vector512.Create(0L, 1, 2, 3, 8, 9, 10, 11), high4 = Vector512.Create(4L, 5, 6, 7, 12, 13, 14, 15);
        Vector512<double> a0 = Avx512F.PermuteVar8x64x2(r0, low4, r4), a4 = Avx512F.PermuteVar8x64x2(r0, high4, r4);
        Vector512<double> a1 = Avx512F.PermuteVar8x64x2(r1, low4, r5), a5 = Avx512F.PermuteVar8x64x2(r1, high4, r5);
        Vector512<double> a2 = Avx512F.PermuteVar8x64x2(r2, low4, r6), a6 = Avx512F.PermuteVar8x64x2(r2, high4, r6);
        Vector512<double> a3 = Avx512F.PermuteVar8x64x2(r3, low4, r7), a7 = Avx512F.PermuteVar8x64x2(r3, high4, r7);

        // Round 2: 128-bit pairs of rows 2 apart.
        Vector512<long> low2 = Vector512.Create(0L, 1, 8, 9, 4, 5, 12, 13), high2 = Vector512.Create(2L, 3, 10, 11, 6, 7, 14, 15);
        Vector512<double> b0 = Avx512F.PermuteVar8x64x2(a0, low2, a2), b2 = Avx512F.PermuteVar8x64x2(a0, high2, a2);
        Vector512<double> b1 = Avx512F.PermuteVar8x64x2(a1, low2, a3), b3 = Avx512F.PermuteVar8x64x2(a1, high2, a3);
        Vector512<double> b4 = Avx512F.PermuteVar8x64x2(a4, low2, a6), b6 = Avx512F.PermuteVar8x64x2(a4, high2, a6);
        Vector512<double> b5 = Avx512F.PermuteVar8x64x2(a5, low2, a7), b7 = Avx512F.PermuteVar8x64x2(a5, high2, a7);

        // Round 3: single elements of rows 1 apart.
        Vector512<long> low1 = Vector512.Create(0L, 8, 2, 10, 4, 12, 6, 14), high1 = Vector512.Create(1L, 9, 3, 11, 5, 13, 7, 15);
        Vector512.StoreUnsafe(Avx512F.PermuteVar8x64x2(b0, low1, b1), ref destination);
        Vector512.StoreUnsafe(Avx512F.PermuteVar8x64x2(b0, high1, b1), ref Unsafe.Add(ref destination, destinationStride));
        Vector512.StoreUnsafe(Avx512F.PermuteVar8x64x2(b2, low1, b3), ref Unsafe.Add(ref destination, 2 * destinationStride));
        Vector512.StoreUnsafe(Avx512F.PermuteVar8x64x2(b2, high1, b3), ref Unsafe.Add(ref destination, 3 * destinationStride));
        Vector512.StoreUnsafe(Avx512F.PermuteVar8x64x2(b4, low1, b5), ref Unsafe.Add(ref destination, 4 * destinationStride));
        Vector512.StoreUnsafe(Avx512F.PermuteVar8x64x2(b4, high1, b5), ref Unsafe.Add(ref destination, 5 * destinationStride));
        Vector512.StoreUnsafe(Avx512F.PermuteVar8x64x2(b6, low1, b7), ref Unsafe.Add(ref destination, 6 * destinationStride));
        Vector512.StoreUnsafe(Avx512F.PermuteVar8x64x2(b6, high1, b7), ref Unsafe.Add(ref destination, 7 * destinationStride));
    }

    /// <summary>The 16×16 float transpose, as <see cref="Transpose8"/> with four rounds (rows 8, 4, 2, 1 apart), through a stack block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose16(ref float source, nint sourceStride, ref float destination, nint destinationStride)
    {
        Block16 block = default;
        Span<Vector512<float>> rows = block;
        for (int r = 0; r < 16; r++)
        {
            rows[r] = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, r * sourceStride));
        }

        for (int distance = 8; distance >= 1; distance >>= 1)
        {
            // Element e of the pair's first output: row i's e where (e & distance) == 0, else row i+distance's e-distance;
            // the second output: row i's e+distance, else row i+distance's e.
            Vector512<int> low = Lows16(distance), high = low + Vector512.Create(distance);
            for (int i = 0; i < 16; i++)
            {
                if ((i & distance) == 0)
                {
                    Vector512<float> first = rows[i], second = rows[i + distance];
                    rows[i] = Avx512F.PermuteVar16x32x2(first, low, second);
                    rows[i + distance] = Avx512F.PermuteVar16x32x2(first, high, second);
                }
            }
        }

        for (int r = 0; r < 16; r++)
        {
            Vector512.StoreUnsafe(rows[r], ref Unsafe.Add(ref destination, r * destinationStride));
        }
    }

    /// <summary>The permute indexes of a round's first output: <c>e</c>, or <c>16 + e - distance</c> (the second operand) where <c>e &amp; distance</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> Lows16(int distance)
    {
        Vector512<int> e = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        Vector512<int> fromSecond = Vector512.Equals(e & Vector512.Create(distance), Vector512.Create(distance));
        return Vector512.ConditionalSelect(fromSecond, e + Vector512.Create(16 - distance), e);
    }

    [InlineArray(16)]
    private struct Block16
    {
        private Vector512<float> _element;
    }
}
