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
        if (size != loopSize)
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
}
