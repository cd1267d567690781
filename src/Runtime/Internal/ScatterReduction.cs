using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace SourceGen.Internal;

/// <summary>How a <c>[Parallel]</c> kernel's scatter reductions run (see <see cref="ScatterReduction"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum ScatterStrategy
{
    /// <summary>Private copies when they are small beside the loop's work, atomic updates otherwise (integers).</summary>
    Measured,

    /// <summary>Always private copies.</summary>
    PrivateCopies,

    /// <summary>Atomic updates wherever the loop has them (integer elements); private copies elsewhere.</summary>
    Atomics,
}

/// <summary>
/// Scatter reductions of <c>[Parallel]</c> kernels: <c>histogram[bins[i]]++</c> (or <c>+=</c>, <c>-=</c>,
/// <c>&amp;=</c>, <c>|=</c>, <c>^=</c>, <c>a[k] = Math.Max(a[k], v)</c>, <c>Math.Min</c>) in a <c>Prange</c> loop,
/// at an index read from data, so two iterations may update the same element. Two ways to run them without a race:
/// private copies (each chunk, one per thread, updates its own copy, and the copies are combined into the array
/// after the loop in chunk order: the same result on every run with the same thread count, float sums included),
/// or atomic updates of the array itself (integer elements only; exact in any order). Public for generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ScatterReduction
{
    /// <summary>
    /// Private copies are used while copies × elements ≤ iterations × this ratio. Measured with bench/ScatterHistogram
    /// on 2 cores (README): into 256 bins copies are 14× faster than atomics (every update a contended line), into
    /// 1M bins 4.6×; at 2 copy elements per iteration (16M values into 16M bins) the two tie; at 8 and 32 atomics win
    /// (1.2×, 2×): allocating, zeroing and combining the copies then costs more than the atomic updates.
    /// </summary>
    public const long PrivateCopyRatio = 2;

    /// <summary>SOURCEGEN_SCATTER=private or atomic forces a strategy (to measure, and to test both); set by tests.</summary>
    public static ScatterStrategy Strategy { get; set; } = Environment.GetEnvironmentVariable("SOURCEGEN_SCATTER") switch
    {
        "private" => ScatterStrategy.PrivateCopies,
        "atomic" => ScatterStrategy.Atomics,
        _ => ScatterStrategy.Measured,
    };

    /// <summary>Chunks of a loop with private copies: one per thread (each holds a copy), none for an empty range.</summary>
    public static int ChunkCount(int start, int end)
    {
        long iterations = (long)end - start;
        return iterations <= 0 ? 0 : (int)Math.Min(iterations, Math.Max(1, Environment.ProcessorCount));
    }

    /// <summary>Whether a loop over <c>[start, end)</c> that updates <paramref name="elements"/> elements in all runs with private copies (else atomics).</summary>
    public static bool UsePrivateCopies(int start, int end, long elements) => Strategy switch
    {
        ScatterStrategy.PrivateCopies => true,
        ScatterStrategy.Atomics => false,
        _ => elements * ChunkCount(start, end) <= ((long)end - start) * PrivateCopyRatio,
    };

    /// <summary>A private copy of a one-dimensional target: <paramref name="length"/> elements set to the operator's identity.</summary>
    public static T[] Copy<T>(int length, T identity)
    {
        T[] copy = new T[length];
        if (!EqualityComparer<T>.Default.Equals(identity, default!))
        {
            copy.AsSpan().Fill(identity);
        }

        return copy;
    }

    /// <summary>A private copy of a two-dimensional target.</summary>
    public static T[,] Copy<T>(int rows, int columns, T identity)
    {
        var copy = new T[rows, columns];
        if (!EqualityComparer<T>.Default.Equals(identity, default!))
        {
            Elements(copy).Fill(identity);
        }

        return copy;
    }

    /// <summary>The elements of a two-dimensional array in row-major order.</summary>
    public static Span<T> Elements<T>(T[,] array) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(array)), array.Length);

    /// <summary><c>total[k] += copy[k]</c> for every element (SIMD; each element's sum is the scalar one).</summary>
    public static void Add<T>(Span<T> total, ReadOnlySpan<T> copy) where T : struct, IAdditionOperators<T, T, T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            ref T t = ref MemoryMarshal.GetReference(total);
            ref T c = ref MemoryMarshal.GetReference(copy);
            for (; i <= total.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                (Vector.LoadUnsafe(ref t, (nuint)i) + Vector.LoadUnsafe(ref c, (nuint)i)).StoreUnsafe(ref t, (nuint)i);
            }
        }

        for (; i < total.Length; i++)
        {
            total[i] += copy[i];
        }
    }

    /// <summary><c>total[k] &amp;= copy[k]</c>.</summary>
    public static void And<T>(Span<T> total, ReadOnlySpan<T> copy) where T : struct, IBitwiseOperators<T, T, T>
    {
        for (int i = 0; i < total.Length; i++)
        {
            total[i] &= copy[i];
        }
    }

    /// <summary><c>total[k] |= copy[k]</c>.</summary>
    public static void Or<T>(Span<T> total, ReadOnlySpan<T> copy) where T : struct, IBitwiseOperators<T, T, T>
    {
        for (int i = 0; i < total.Length; i++)
        {
            total[i] |= copy[i];
        }
    }

    /// <summary><c>total[k] ^= copy[k]</c>.</summary>
    public static void Xor<T>(Span<T> total, ReadOnlySpan<T> copy) where T : struct, IBitwiseOperators<T, T, T>
    {
        for (int i = 0; i < total.Length; i++)
        {
            total[i] ^= copy[i];
        }
    }

    /// <summary><c>total[k] = Math.Max(total[k], copy[k])</c> (NaN and signed zeros as Math.Max).</summary>
    public static void Max<T>(Span<T> total, ReadOnlySpan<T> copy) where T : struct, INumber<T>
    {
        for (int i = 0; i < total.Length; i++)
        {
            total[i] = T.Max(total[i], copy[i]);
        }
    }

    /// <summary><c>total[k] = Math.Min(total[k], copy[k])</c>.</summary>
    public static void Min<T>(Span<T> total, ReadOnlySpan<T> copy) where T : struct, INumber<T>
    {
        for (int i = 0; i < total.Length; i++)
        {
            total[i] = T.Min(total[i], copy[i]);
        }
    }

    // Atomic updates Interlocked has no method for: compare-and-swap loops.

    /// <summary>Atomically <c>location ^= value</c>.</summary>
    public static void Xor(ref int location, int value)
    {
        for (int seen = Volatile.Read(ref location), previous; (previous = Interlocked.CompareExchange(ref location, seen ^ value, seen)) != seen; seen = previous)
        {
        }
    }

    /// <summary>Atomically <c>location ^= value</c>.</summary>
    public static void Xor(ref uint location, uint value)
    {
        for (uint seen = Volatile.Read(ref location), previous; (previous = Interlocked.CompareExchange(ref location, seen ^ value, seen)) != seen; seen = previous)
        {
        }
    }

    /// <summary>Atomically <c>location ^= value</c>.</summary>
    public static void Xor(ref long location, long value)
    {
        for (long seen = Volatile.Read(ref location), previous; (previous = Interlocked.CompareExchange(ref location, seen ^ value, seen)) != seen; seen = previous)
        {
        }
    }

    /// <summary>Atomically <c>location ^= value</c>.</summary>
    public static void Xor(ref ulong location, ulong value)
    {
        for (ulong seen = Volatile.Read(ref location), previous; (previous = Interlocked.CompareExchange(ref location, seen ^ value, seen)) != seen; seen = previous)
        {
        }
    }

    /// <summary>Atomically <c>location = Math.Max(location, value)</c>.</summary>
    public static void Max(ref int location, int value)
    {
        for (int seen = Volatile.Read(ref location), previous; value > seen && (previous = Interlocked.CompareExchange(ref location, value, seen)) != seen; seen = previous)
        {
        }
    }

    /// <summary>Atomically <c>location = Math.Max(location, value)</c>.</summary>
    public static void Max(ref uint location, uint value)
    {
        for (uint seen = Volatile.Read(ref location), previous; value > seen && (previous = Interlocked.CompareExchange(ref location, value, seen)) != seen; seen = previous)
        {
        }
    }

    /// <summary>Atomically <c>location = Math.Max(location, value)</c>.</summary>
    public static void Max(ref long location, long value)
    {
        for (long seen = Volatile.Read(ref location), previous; value > seen && (previous = Interlocked.CompareExchange(ref location, value, seen)) != seen; seen = previous)
        {
        }
    }

    /// <summary>Atomically <c>location = Math.Max(location, value)</c>.</summary>
    public static void Max(ref ulong location, ulong value)
    {
        for (ulong seen = Volatile.Read(ref location), previous; value > seen && (previous = Interlocked.CompareExchange(ref location, value, seen)) != seen; seen = previous)
        {
        }
    }

    /// <summary>Atomically <c>location = Math.Min(location, value)</c>.</summary>
    public static void Min(ref int location, int value)
    {
        for (int seen = Volatile.Read(ref location), previous; value < seen && (previous = Interlocked.CompareExchange(ref location, value, seen)) != seen; seen = previous)
        {
        }
    }

    /// <summary>Atomically <c>location = Math.Min(location, value)</c>.</summary>
    public static void Min(ref uint location, uint value)
    {
        for (uint seen = Volatile.Read(ref location), previous; value < seen && (previous = Interlocked.CompareExchange(ref location, value, seen)) != seen; seen = previous)
        {
        }
    }

    /// <summary>Atomically <c>location = Math.Min(location, value)</c>.</summary>
    public static void Min(ref long location, long value)
    {
        for (long seen = Volatile.Read(ref location), previous; value < seen && (previous = Interlocked.CompareExchange(ref location, value, seen)) != seen; seen = previous)
        {
        }
    }

    /// <summary>Atomically <c>location = Math.Min(location, value)</c>.</summary>
    public static void Min(ref ulong location, ulong value)
    {
        for (ulong seen = Volatile.Read(ref location), previous; value < seen && (previous = Interlocked.CompareExchange(ref location, value, seen)) != seen; seen = previous)
        {
        }
    }
}
