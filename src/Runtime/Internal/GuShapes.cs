using System;
using System.ComponentModel;

namespace SourceGen.Internal;

/// <summary>
/// Shape checks of <c>[GuVectorize]</c> entry points, made before anything is written, with NumPy's rules: a core
/// dimension has one size in every argument that has it; outer (loop) dimensions are aligned on the right and
/// broadcast where an argument has size 1 or lacks the dimension; outputs have the full loop shape. Public for
/// generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GuShapes
{
    /// <summary>Throws when a core dimension's size in <paramref name="parameter"/> differs from the one found first.</summary>
    public static void CoreDimension(string symbol, string firstParameter, int firstSize, string parameter, int size)
    {
        if (size != firstSize)
        {
            throw new ArgumentException(
                $"Core dimension '{symbol}' of the gufunc signature is {firstSize} in '{firstParameter}' but {size} in '{parameter}'; every argument with dimension '{symbol}' must have the same size.",
                parameter);
        }
    }

    /// <summary>
    /// One loop dimension: the broadcast of the sizes the arguments give it (<c>-1</c> where an argument lacks
    /// it). Throws when two sizes other than 1 differ.
    /// </summary>
    public static int Broadcast(int dimension, string[] parameters, int[] sizes)
    {
        int result = 1;
        string? from = null;
        for (int i = 0; i < sizes.Length; i++)
        {
            if (sizes[i] < 0 || sizes[i] == 1)
            {
                continue;
            }

            if (from is not null && sizes[i] != result)
            {
                throw new ArgumentException(
                    $"Outer dimension {dimension} (counted from the right) is {result} in '{from}' but {sizes[i]} in '{parameters[i]}'; outer dimensions must be equal or 1 (NumPy broadcasting).",
                    parameters[i]);
            }

            result = sizes[i];
            from = parameters[i];
        }

        return result;
    }

    /// <summary>Throws when an output's outer dimension is not the loop's (outputs are not broadcast).</summary>
    public static void Output(int dimension, string parameter, int size, int loopSize)
    {
        if ((size < 0 ? 1 : size) != loopSize)
        {
            throw new ArgumentException(
                $"Output '{parameter}' has {size} in outer dimension {dimension} (counted from the right) but the inputs broadcast to {loopSize}; an output has the full loop shape.",
                parameter);
        }
    }

    /// <summary>Throws when an output shares memory with another argument.</summary>
    public static void Disjoint<TOutput, TOther>(string output, ReadOnlySpan<TOutput> outputElements, string other, ReadOnlySpan<TOther> otherElements)
        where TOutput : unmanaged
        where TOther : unmanaged
    {
        if (!LoopBuffers.Disjoint(outputElements, otherElements))
        {
            throw new ArgumentException($"Output '{output}' overlaps '{other}'; a gufunc's outputs must not share memory with its other arguments.", output);
        }
    }

    /// <summary>
    /// The number of outer dimensions of a view argument (its rank less its core dimensions); throws when it lacks
    /// core dimensions or has more outer ones than the generated loop allows.
    /// </summary>
    public static int ViewOuterRank(string parameter, int rank, int coreRank, int maxOuterRank)
    {
        if (rank < coreRank)
        {
            throw new ArgumentException($"'{parameter}' has {rank} dimension(s) but its core dimensions need {coreRank}.", parameter);
        }

        if (rank - coreRank > maxOuterRank)
        {
            throw new ArgumentException($"'{parameter}' has {rank - coreRank} outer dimensions; at most {maxOuterRank} are supported.", parameter);
        }

        return rank - coreRank;
    }

    /// <summary>A view's size in loop dimension <paramref name="dimension"/> (counted from the right), -1 when it lacks it.</summary>
    public static int OuterLength(ReadOnlySpan<nint> lengths, int outerRank, int dimension) =>
        dimension < outerRank ? checked((int)lengths[outerRank - 1 - dimension]) : -1;

    /// <summary>A view's step in loop dimension <paramref name="dimension"/> (counted from the right): 0 where it lacks the dimension or broadcasts it.</summary>
    public static long OuterStride(ReadOnlySpan<nint> lengths, ReadOnlySpan<nint> strides, int outerRank, int dimension) =>
        dimension < outerRank && lengths[outerRank - 1 - dimension] != 1 ? strides[outerRank - 1 - dimension] : 0;

    /// <summary>How many elements from the first a view reaches: 0 when it is empty.</summary>
    public static int Extent(ReadOnlySpan<nint> lengths, ReadOnlySpan<nint> strides)
    {
        long last = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            if (lengths[i] == 0)
            {
                return 0;
            }

            last += (lengths[i] - 1) * (long)strides[i];
        }

        return checked((int)(last + 1));
    }

    /// <summary>Copies the <paramref name="into"/>.Length elements <paramref name="stride"/> apart from <paramref name="first"/> (a strided core dimension) into a contiguous buffer.</summary>
    public static Span<T> Gather<T>(ref T first, long stride, Span<T> into)
    {
        for (int i = 0; i < into.Length; i++)
        {
            into[i] = System.Runtime.CompilerServices.Unsafe.Add(ref first, (nint)(i * stride));
        }

        return into;
    }

    /// <summary>Writes a contiguous buffer back to the elements <paramref name="stride"/> apart from <paramref name="first"/>.</summary>
    public static void Scatter<T>(ReadOnlySpan<T> from, ref T first, long stride)
    {
        for (int i = 0; i < from.Length; i++)
        {
            System.Runtime.CompilerServices.Unsafe.Add(ref first, (nint)(i * stride)) = from[i];
        }
    }
}
