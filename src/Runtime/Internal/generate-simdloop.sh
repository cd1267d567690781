#!/usr/bin/env bash
# Writes SimdLoop.cs: ISimdStep and SimdLoop.Run/Partial for 0 to 8 varying inputs, the same code at every arity.
# Edit this script, not SimdLoop.cs, and run it (bash generate-simdloop.sh).
set -euo pipefail
cd "$(dirname "$0")"
max=8

# join SEPARATOR FORMAT: FORMAT (every %d the input's number) for inputs 0..n-1, joined by SEPARATOR.
join() {
  local separator=$1 format=$2 out="" k
  for ((k = 0; k < n; k++)); do
    out+="${out:+$separator}${format//%d/$k}"
  done
  printf '%s' "$out"
}

{
  echo "// Written by a script (one overload per number of varying inputs, 0 to ${max}): edit generate-simdloop.sh and run it."
  cat <<'EOF'
using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SourceGen.Internal;
EOF
  for ((n = 0; n <= max; n++)); do
    types=$(join ", " "T%d"); types=${types:+$types, }TD
    inputs=$([ "$n" = 1 ] && echo "input" || echo "inputs")
    refs=$(join ", " "ref T%d x%d"); refs=${refs:+$refs, }"ref TD destination"
    cat <<EOF

/// <summary>One step of a [Vectorize] kernel with $n varying $inputs: <see cref="Lanes"/> consecutive elements with one vector width.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISimdStep<$types>
{
    /// <summary>Elements per step (a constant: the JIT folds it in each struct's specialization).</summary>
    int Lanes { get; }

    /// <summary>The vector width in bytes: long destinations are first brought to such a boundary.</summary>
    int Bytes { get; }

    /// <summary>Computes the elements from the references on: reads <see cref="Lanes"/> of each input, writes as many.</summary>
    void Step($refs);
}
EOF
  done
  cat <<'EOF'

/// <summary>
/// The loop of a [Vectorize] entry point at one vector width, the same for every kernel: an aligning partial step
/// for long inputs, whole steps, then the end as one step that overlaps the one before it (or, in place or when
/// shorter than a step, as a partial step on padded copies). Generic over a struct step, so the JIT compiles one
/// copy per kernel and width and inlines its Step, exactly as the loop written out per kernel did.
/// Public for generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SimdLoop
{
    /// <summary>Whether an input's elements start where the destination's do (the in-place case): only same-size elements can.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Same<T, TD>(ref T input, ref TD destination) =>
        Unsafe.SizeOf<T>() == Unsafe.SizeOf<TD>() && Unsafe.AreSame(ref Unsafe.As<T, TD>(ref input), ref destination);
EOF
  for ((n = 0; n <= max; n++)); do
    types=$(join ", " "T%d"); types=${types:+$types, }TD
    spans=$(join ", " "ReadOnlySpan<T%d> x%d"); spans=${spans:+$spans, }
    constraints=$(join $'\n' "        where T%d : unmanaged"); constraints=${constraints:+$constraints$'\n'}"        where TD : unmanaged"
    getrefs=$(join $'\n' "        ref T%d r%d = ref MemoryMarshal.GetReference(x%d);"); getrefs=${getrefs:+$getrefs$'\n'}
    passrefs=$(join ", " "ref r%d"); passrefs=${passrefs:+$passrefs, }"ref rd"
    at_i=$(join ", " "ref Unsafe.Add(ref r%d, i)"); at_i=${at_i:+$at_i, }"ref Unsafe.Add(ref rd, i)"
    at_end=$(join ", " "ref Unsafe.Add(ref r%d, length - lanes)"); at_end=${at_end:+$at_end, }"ref Unsafe.Add(ref rd, length - lanes)"
    not_same=$(join " && " "!Same(ref r%d, ref rd)"); not_same=${not_same:+ && $not_same}
    partial_params=$(join ", " "ref T%d r%d"); partial_params=${partial_params:+$partial_params, }"ref TD rd"
    buffers=""
    for ((k = 0; k < n; k++)); do
      buffers+="        Span<T$k> l$k = stackalloc T$k[step.Lanes];"$'\n'
      buffers+="        LaneBuffer.FillPadded(ref Unsafe.Add(ref r$k, start), count, l$k);"$'\n'
    done
    locals=$(join ", " "ref MemoryMarshal.GetReference(l%d)"); locals=${locals:+$locals, }"ref MemoryMarshal.GetReference(ld)"
    cat <<EOF

    /// <summary>Computes the first <paramref name="length"/> elements with <paramref name="step"/> (arguments already checked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimized from the first call: tier-0 code would call every vector operation
    public static void Run<TStep, $types>(TStep step, ${spans}Span<TD> destination, int length)
        where TStep : struct, ISimdStep<$types>
$constraints
    {
${getrefs}        ref TD rd = ref MemoryMarshal.GetReference(destination);
        int lanes = step.Lanes;
        int i = 0;
        if (length >= 4 * lanes)
        {
            // Long inputs: a first partial step brings the destination to a vector boundary, so no store splits a cache line.
            i = LaneBuffer.ElementsToAlign(ref rd, step.Bytes);
            if (i > 0)
            {
                Partial(step, $passrefs, 0, i);
            }
        }

        for (; i <= length - lanes; i += lanes)
        {
            step.Step($at_i);
        }

        if (i < length)
        {
            // Inputs the destination does not alias can be read twice: the last step overlaps the one before it.
            // In place, the padded partial step keeps the elements already written out of the computation.
            if (length >= lanes$not_same)
            {
                step.Step($at_end);
            }
            else
            {
                Partial(step, $passrefs, i, length - i);
            }
        }
    }

    /// <summary>
    /// Computes the <paramref name="count"/> (fewer than a step) elements from <paramref name="start"/> on copies padded
    /// with the last element: in-place calls stay correct, and padding lanes compute (so could only fault on) a real element's values.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Partial<TStep, $types>(TStep step, $partial_params, int start, int count)
        where TStep : struct, ISimdStep<$types>
$constraints
    {
${buffers}        Span<TD> ld = stackalloc TD[step.Lanes];
        step.Step($locals);
        LaneBuffer.CopyOut(ld, count, ref Unsafe.Add(ref rd, start));
    }
EOF
  done
  echo "}"
} > SimdLoop.cs
