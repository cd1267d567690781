// Written by a script (one overload per number of varying inputs, 0 to 8): edit generate-simdloop.sh and run it.
using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SourceGen.Internal;

/// <summary>One step of a [Vectorize] kernel with 0 varying inputs: <see cref="Lanes"/> consecutive elements with one vector width.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISimdStep<TD>
{
    /// <summary>Elements per step (a constant: the JIT folds it in each struct's specialization).</summary>
    int Lanes { get; }

    /// <summary>The vector width in bytes: long destinations are first brought to such a boundary.</summary>
    int Bytes { get; }

    /// <summary>Computes the elements from the references on: reads <see cref="Lanes"/> of each input, writes as many.</summary>
    void Step(ref TD destination);
}

/// <summary>One step of a [Vectorize] kernel with 1 varying input: <see cref="Lanes"/> consecutive elements with one vector width.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISimdStep<T0, TD>
{
    /// <summary>Elements per step (a constant: the JIT folds it in each struct's specialization).</summary>
    int Lanes { get; }

    /// <summary>The vector width in bytes: long destinations are first brought to such a boundary.</summary>
    int Bytes { get; }

    /// <summary>Computes the elements from the references on: reads <see cref="Lanes"/> of each input, writes as many.</summary>
    void Step(ref T0 x0, ref TD destination);
}

/// <summary>One step of a [Vectorize] kernel with 2 varying inputs: <see cref="Lanes"/> consecutive elements with one vector width.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISimdStep<T0, T1, TD>
{
    /// <summary>Elements per step (a constant: the JIT folds it in each struct's specialization).</summary>
    int Lanes { get; }

    /// <summary>The vector width in bytes: long destinations are first brought to such a boundary.</summary>
    int Bytes { get; }

    /// <summary>Computes the elements from the references on: reads <see cref="Lanes"/> of each input, writes as many.</summary>
    void Step(ref T0 x0, ref T1 x1, ref TD destination);
}

/// <summary>One step of a [Vectorize] kernel with 3 varying inputs: <see cref="Lanes"/> consecutive elements with one vector width.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISimdStep<T0, T1, T2, TD>
{
    /// <summary>Elements per step (a constant: the JIT folds it in each struct's specialization).</summary>
    int Lanes { get; }

    /// <summary>The vector width in bytes: long destinations are first brought to such a boundary.</summary>
    int Bytes { get; }

    /// <summary>Computes the elements from the references on: reads <see cref="Lanes"/> of each input, writes as many.</summary>
    void Step(ref T0 x0, ref T1 x1, ref T2 x2, ref TD destination);
}

/// <summary>One step of a [Vectorize] kernel with 4 varying inputs: <see cref="Lanes"/> consecutive elements with one vector width.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISimdStep<T0, T1, T2, T3, TD>
{
    /// <summary>Elements per step (a constant: the JIT folds it in each struct's specialization).</summary>
    int Lanes { get; }

    /// <summary>The vector width in bytes: long destinations are first brought to such a boundary.</summary>
    int Bytes { get; }

    /// <summary>Computes the elements from the references on: reads <see cref="Lanes"/> of each input, writes as many.</summary>
    void Step(ref T0 x0, ref T1 x1, ref T2 x2, ref T3 x3, ref TD destination);
}

/// <summary>One step of a [Vectorize] kernel with 5 varying inputs: <see cref="Lanes"/> consecutive elements with one vector width.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISimdStep<T0, T1, T2, T3, T4, TD>
{
    /// <summary>Elements per step (a constant: the JIT folds it in each struct's specialization).</summary>
    int Lanes { get; }

    /// <summary>The vector width in bytes: long destinations are first brought to such a boundary.</summary>
    int Bytes { get; }

    /// <summary>Computes the elements from the references on: reads <see cref="Lanes"/> of each input, writes as many.</summary>
    void Step(ref T0 x0, ref T1 x1, ref T2 x2, ref T3 x3, ref T4 x4, ref TD destination);
}

/// <summary>One step of a [Vectorize] kernel with 6 varying inputs: <see cref="Lanes"/> consecutive elements with one vector width.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISimdStep<T0, T1, T2, T3, T4, T5, TD>
{
    /// <summary>Elements per step (a constant: the JIT folds it in each struct's specialization).</summary>
    int Lanes { get; }

    /// <summary>The vector width in bytes: long destinations are first brought to such a boundary.</summary>
    int Bytes { get; }

    /// <summary>Computes the elements from the references on: reads <see cref="Lanes"/> of each input, writes as many.</summary>
    void Step(ref T0 x0, ref T1 x1, ref T2 x2, ref T3 x3, ref T4 x4, ref T5 x5, ref TD destination);
}

/// <summary>One step of a [Vectorize] kernel with 7 varying inputs: <see cref="Lanes"/> consecutive elements with one vector width.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISimdStep<T0, T1, T2, T3, T4, T5, T6, TD>
{
    /// <summary>Elements per step (a constant: the JIT folds it in each struct's specialization).</summary>
    int Lanes { get; }

    /// <summary>The vector width in bytes: long destinations are first brought to such a boundary.</summary>
    int Bytes { get; }

    /// <summary>Computes the elements from the references on: reads <see cref="Lanes"/> of each input, writes as many.</summary>
    void Step(ref T0 x0, ref T1 x1, ref T2 x2, ref T3 x3, ref T4 x4, ref T5 x5, ref T6 x6, ref TD destination);
}

/// <summary>One step of a [Vectorize] kernel with 8 varying inputs: <see cref="Lanes"/> consecutive elements with one vector width.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISimdStep<T0, T1, T2, T3, T4, T5, T6, T7, TD>
{
    /// <summary>Elements per step (a constant: the JIT folds it in each struct's specialization).</summary>
    int Lanes { get; }

    /// <summary>The vector width in bytes: long destinations are first brought to such a boundary.</summary>
    int Bytes { get; }

    /// <summary>Computes the elements from the references on: reads <see cref="Lanes"/> of each input, writes as many.</summary>
    void Step(ref T0 x0, ref T1 x1, ref T2 x2, ref T3 x3, ref T4 x4, ref T5 x5, ref T6 x6, ref T7 x7, ref TD destination);
}

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

    /// <summary>Computes the first <paramref name="length"/> elements with <paramref name="step"/> (arguments already checked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimized from the first call: tier-0 code would call every vector operation
    public static void Run<TStep, TD>(TStep step, Span<TD> destination, int length)
        where TStep : struct, ISimdStep<TD>
        where TD : unmanaged
    {
        ref TD rd = ref MemoryMarshal.GetReference(destination);
        int lanes = step.Lanes;
        int i = 0;
        if (length >= 4 * lanes)
        {
            // Long inputs: a first partial step brings the destination to a vector boundary, so no store splits a cache line.
            i = LaneBuffer.ElementsToAlign(ref rd, step.Bytes);
            if (i > 0)
            {
                Partial(step, ref rd, 0, i);
            }
        }

        for (; i <= length - lanes; i += lanes)
        {
            step.Step(ref Unsafe.Add(ref rd, i));
        }

        if (i < length)
        {
            // Inputs the destination does not alias can be read twice: the last step overlaps the one before it.
            // In place, the padded partial step keeps the elements already written out of the computation.
            if (length >= lanes)
            {
                step.Step(ref Unsafe.Add(ref rd, length - lanes));
            }
            else
            {
                Partial(step, ref rd, i, length - i);
            }
        }
    }

    /// <summary>
    /// Computes the <paramref name="count"/> (fewer than a step) elements from <paramref name="start"/> on copies padded
    /// with the last element: in-place calls stay correct, and padding lanes compute (so could only fault on) a real element's values.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Partial<TStep, TD>(TStep step, ref TD rd, int start, int count)
        where TStep : struct, ISimdStep<TD>
        where TD : unmanaged
    {
        Span<TD> ld = stackalloc TD[step.Lanes];
        step.Step(ref MemoryMarshal.GetReference(ld));
        LaneBuffer.CopyOut(ld, count, ref Unsafe.Add(ref rd, start));
    }

    /// <summary>Computes the first <paramref name="length"/> elements with <paramref name="step"/> (arguments already checked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimized from the first call: tier-0 code would call every vector operation
    public static void Run<TStep, T0, TD>(TStep step, ReadOnlySpan<T0> x0, Span<TD> destination, int length)
        where TStep : struct, ISimdStep<T0, TD>
        where T0 : unmanaged
        where TD : unmanaged
    {
        ref T0 r0 = ref MemoryMarshal.GetReference(x0);
        ref TD rd = ref MemoryMarshal.GetReference(destination);
        int lanes = step.Lanes;
        int i = 0;
        if (length >= 4 * lanes)
        {
            // Long inputs: a first partial step brings the destination to a vector boundary, so no store splits a cache line.
            i = LaneBuffer.ElementsToAlign(ref rd, step.Bytes);
            if (i > 0)
            {
                Partial(step, ref r0, ref rd, 0, i);
            }
        }

        for (; i <= length - lanes; i += lanes)
        {
            step.Step(ref Unsafe.Add(ref r0, i), ref Unsafe.Add(ref rd, i));
        }

        if (i < length)
        {
            // Inputs the destination does not alias can be read twice: the last step overlaps the one before it.
            // In place, the padded partial step keeps the elements already written out of the computation.
            if (length >= lanes && !Same(ref r0, ref rd))
            {
                step.Step(ref Unsafe.Add(ref r0, length - lanes), ref Unsafe.Add(ref rd, length - lanes));
            }
            else
            {
                Partial(step, ref r0, ref rd, i, length - i);
            }
        }
    }

    /// <summary>
    /// Computes the <paramref name="count"/> (fewer than a step) elements from <paramref name="start"/> on copies padded
    /// with the last element: in-place calls stay correct, and padding lanes compute (so could only fault on) a real element's values.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Partial<TStep, T0, TD>(TStep step, ref T0 r0, ref TD rd, int start, int count)
        where TStep : struct, ISimdStep<T0, TD>
        where T0 : unmanaged
        where TD : unmanaged
    {
        Span<T0> l0 = stackalloc T0[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r0, start), count, l0);
        Span<TD> ld = stackalloc TD[step.Lanes];
        step.Step(ref MemoryMarshal.GetReference(l0), ref MemoryMarshal.GetReference(ld));
        LaneBuffer.CopyOut(ld, count, ref Unsafe.Add(ref rd, start));
    }

    /// <summary>Computes the first <paramref name="length"/> elements with <paramref name="step"/> (arguments already checked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimized from the first call: tier-0 code would call every vector operation
    public static void Run<TStep, T0, T1, TD>(TStep step, ReadOnlySpan<T0> x0, ReadOnlySpan<T1> x1, Span<TD> destination, int length)
        where TStep : struct, ISimdStep<T0, T1, TD>
        where T0 : unmanaged
        where T1 : unmanaged
        where TD : unmanaged
    {
        ref T0 r0 = ref MemoryMarshal.GetReference(x0);
        ref T1 r1 = ref MemoryMarshal.GetReference(x1);
        ref TD rd = ref MemoryMarshal.GetReference(destination);
        int lanes = step.Lanes;
        int i = 0;
        if (length >= 4 * lanes)
        {
            // Long inputs: a first partial step brings the destination to a vector boundary, so no store splits a cache line.
            i = LaneBuffer.ElementsToAlign(ref rd, step.Bytes);
            if (i > 0)
            {
                Partial(step, ref r0, ref r1, ref rd, 0, i);
            }
        }

        for (; i <= length - lanes; i += lanes)
        {
            step.Step(ref Unsafe.Add(ref r0, i), ref Unsafe.Add(ref r1, i), ref Unsafe.Add(ref rd, i));
        }

        if (i < length)
        {
            // Inputs the destination does not alias can be read twice: the last step overlaps the one before it.
            // In place, the padded partial step keeps the elements already written out of the computation.
            if (length >= lanes && !Same(ref r0, ref rd) && !Same(ref r1, ref rd))
            {
                step.Step(ref Unsafe.Add(ref r0, length - lanes), ref Unsafe.Add(ref r1, length - lanes), ref Unsafe.Add(ref rd, length - lanes));
            }
            else
            {
                Partial(step, ref r0, ref r1, ref rd, i, length - i);
            }
        }
    }

    /// <summary>
    /// Computes the <paramref name="count"/> (fewer than a step) elements from <paramref name="start"/> on copies padded
    /// with the last element: in-place calls stay correct, and padding lanes compute (so could only fault on) a real element's values.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Partial<TStep, T0, T1, TD>(TStep step, ref T0 r0, ref T1 r1, ref TD rd, int start, int count)
        where TStep : struct, ISimdStep<T0, T1, TD>
        where T0 : unmanaged
        where T1 : unmanaged
        where TD : unmanaged
    {
        Span<T0> l0 = stackalloc T0[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r0, start), count, l0);
        Span<T1> l1 = stackalloc T1[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r1, start), count, l1);
        Span<TD> ld = stackalloc TD[step.Lanes];
        step.Step(ref MemoryMarshal.GetReference(l0), ref MemoryMarshal.GetReference(l1), ref MemoryMarshal.GetReference(ld));
        LaneBuffer.CopyOut(ld, count, ref Unsafe.Add(ref rd, start));
    }

    /// <summary>Computes the first <paramref name="length"/> elements with <paramref name="step"/> (arguments already checked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimized from the first call: tier-0 code would call every vector operation
    public static void Run<TStep, T0, T1, T2, TD>(TStep step, ReadOnlySpan<T0> x0, ReadOnlySpan<T1> x1, ReadOnlySpan<T2> x2, Span<TD> destination, int length)
        where TStep : struct, ISimdStep<T0, T1, T2, TD>
        where T0 : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where TD : unmanaged
    {
        ref T0 r0 = ref MemoryMarshal.GetReference(x0);
        ref T1 r1 = ref MemoryMarshal.GetReference(x1);
        ref T2 r2 = ref MemoryMarshal.GetReference(x2);
        ref TD rd = ref MemoryMarshal.GetReference(destination);
        int lanes = step.Lanes;
        int i = 0;
        if (length >= 4 * lanes)
        {
            // Long inputs: a first partial step brings the destination to a vector boundary, so no store splits a cache line.
            i = LaneBuffer.ElementsToAlign(ref rd, step.Bytes);
            if (i > 0)
            {
                Partial(step, ref r0, ref r1, ref r2, ref rd, 0, i);
            }
        }

        for (; i <= length - lanes; i += lanes)
        {
            step.Step(ref Unsafe.Add(ref r0, i), ref Unsafe.Add(ref r1, i), ref Unsafe.Add(ref r2, i), ref Unsafe.Add(ref rd, i));
        }

        if (i < length)
        {
            // Inputs the destination does not alias can be read twice: the last step overlaps the one before it.
            // In place, the padded partial step keeps the elements already written out of the computation.
            if (length >= lanes && !Same(ref r0, ref rd) && !Same(ref r1, ref rd) && !Same(ref r2, ref rd))
            {
                step.Step(ref Unsafe.Add(ref r0, length - lanes), ref Unsafe.Add(ref r1, length - lanes), ref Unsafe.Add(ref r2, length - lanes), ref Unsafe.Add(ref rd, length - lanes));
            }
            else
            {
                Partial(step, ref r0, ref r1, ref r2, ref rd, i, length - i);
            }
        }
    }

    /// <summary>
    /// Computes the <paramref name="count"/> (fewer than a step) elements from <paramref name="start"/> on copies padded
    /// with the last element: in-place calls stay correct, and padding lanes compute (so could only fault on) a real element's values.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Partial<TStep, T0, T1, T2, TD>(TStep step, ref T0 r0, ref T1 r1, ref T2 r2, ref TD rd, int start, int count)
        where TStep : struct, ISimdStep<T0, T1, T2, TD>
        where T0 : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where TD : unmanaged
    {
        Span<T0> l0 = stackalloc T0[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r0, start), count, l0);
        Span<T1> l1 = stackalloc T1[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r1, start), count, l1);
        Span<T2> l2 = stackalloc T2[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r2, start), count, l2);
        Span<TD> ld = stackalloc TD[step.Lanes];
        step.Step(ref MemoryMarshal.GetReference(l0), ref MemoryMarshal.GetReference(l1), ref MemoryMarshal.GetReference(l2), ref MemoryMarshal.GetReference(ld));
        LaneBuffer.CopyOut(ld, count, ref Unsafe.Add(ref rd, start));
    }

    /// <summary>Computes the first <paramref name="length"/> elements with <paramref name="step"/> (arguments already checked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimized from the first call: tier-0 code would call every vector operation
    public static void Run<TStep, T0, T1, T2, T3, TD>(TStep step, ReadOnlySpan<T0> x0, ReadOnlySpan<T1> x1, ReadOnlySpan<T2> x2, ReadOnlySpan<T3> x3, Span<TD> destination, int length)
        where TStep : struct, ISimdStep<T0, T1, T2, T3, TD>
        where T0 : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where TD : unmanaged
    {
        ref T0 r0 = ref MemoryMarshal.GetReference(x0);
        ref T1 r1 = ref MemoryMarshal.GetReference(x1);
        ref T2 r2 = ref MemoryMarshal.GetReference(x2);
        ref T3 r3 = ref MemoryMarshal.GetReference(x3);
        ref TD rd = ref MemoryMarshal.GetReference(destination);
        int lanes = step.Lanes;
        int i = 0;
        if (length >= 4 * lanes)
        {
            // Long inputs: a first partial step brings the destination to a vector boundary, so no store splits a cache line.
            i = LaneBuffer.ElementsToAlign(ref rd, step.Bytes);
            if (i > 0)
            {
                Partial(step, ref r0, ref r1, ref r2, ref r3, ref rd, 0, i);
            }
        }

        for (; i <= length - lanes; i += lanes)
        {
            step.Step(ref Unsafe.Add(ref r0, i), ref Unsafe.Add(ref r1, i), ref Unsafe.Add(ref r2, i), ref Unsafe.Add(ref r3, i), ref Unsafe.Add(ref rd, i));
        }

        if (i < length)
        {
            // Inputs the destination does not alias can be read twice: the last step overlaps the one before it.
            // In place, the padded partial step keeps the elements already written out of the computation.
            if (length >= lanes && !Same(ref r0, ref rd) && !Same(ref r1, ref rd) && !Same(ref r2, ref rd) && !Same(ref r3, ref rd))
            {
                step.Step(ref Unsafe.Add(ref r0, length - lanes), ref Unsafe.Add(ref r1, length - lanes), ref Unsafe.Add(ref r2, length - lanes), ref Unsafe.Add(ref r3, length - lanes), ref Unsafe.Add(ref rd, length - lanes));
            }
            else
            {
                Partial(step, ref r0, ref r1, ref r2, ref r3, ref rd, i, length - i);
            }
        }
    }

    /// <summary>
    /// Computes the <paramref name="count"/> (fewer than a step) elements from <paramref name="start"/> on copies padded
    /// with the last element: in-place calls stay correct, and padding lanes compute (so could only fault on) a real element's values.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Partial<TStep, T0, T1, T2, T3, TD>(TStep step, ref T0 r0, ref T1 r1, ref T2 r2, ref T3 r3, ref TD rd, int start, int count)
        where TStep : struct, ISimdStep<T0, T1, T2, T3, TD>
        where T0 : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where TD : unmanaged
    {
        Span<T0> l0 = stackalloc T0[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r0, start), count, l0);
        Span<T1> l1 = stackalloc T1[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r1, start), count, l1);
        Span<T2> l2 = stackalloc T2[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r2, start), count, l2);
        Span<T3> l3 = stackalloc T3[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r3, start), count, l3);
        Span<TD> ld = stackalloc TD[step.Lanes];
        step.Step(ref MemoryMarshal.GetReference(l0), ref MemoryMarshal.GetReference(l1), ref MemoryMarshal.GetReference(l2), ref MemoryMarshal.GetReference(l3), ref MemoryMarshal.GetReference(ld));
        LaneBuffer.CopyOut(ld, count, ref Unsafe.Add(ref rd, start));
    }

    /// <summary>Computes the first <paramref name="length"/> elements with <paramref name="step"/> (arguments already checked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimized from the first call: tier-0 code would call every vector operation
    public static void Run<TStep, T0, T1, T2, T3, T4, TD>(TStep step, ReadOnlySpan<T0> x0, ReadOnlySpan<T1> x1, ReadOnlySpan<T2> x2, ReadOnlySpan<T3> x3, ReadOnlySpan<T4> x4, Span<TD> destination, int length)
        where TStep : struct, ISimdStep<T0, T1, T2, T3, T4, TD>
        where T0 : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where TD : unmanaged
    {
        ref T0 r0 = ref MemoryMarshal.GetReference(x0);
        ref T1 r1 = ref MemoryMarshal.GetReference(x1);
        ref T2 r2 = ref MemoryMarshal.GetReference(x2);
        ref T3 r3 = ref MemoryMarshal.GetReference(x3);
        ref T4 r4 = ref MemoryMarshal.GetReference(x4);
        ref TD rd = ref MemoryMarshal.GetReference(destination);
        int lanes = step.Lanes;
        int i = 0;
        if (length >= 4 * lanes)
        {
            // Long inputs: a first partial step brings the destination to a vector boundary, so no store splits a cache line.
            i = LaneBuffer.ElementsToAlign(ref rd, step.Bytes);
            if (i > 0)
            {
                Partial(step, ref r0, ref r1, ref r2, ref r3, ref r4, ref rd, 0, i);
            }
        }

        for (; i <= length - lanes; i += lanes)
        {
            step.Step(ref Unsafe.Add(ref r0, i), ref Unsafe.Add(ref r1, i), ref Unsafe.Add(ref r2, i), ref Unsafe.Add(ref r3, i), ref Unsafe.Add(ref r4, i), ref Unsafe.Add(ref rd, i));
        }

        if (i < length)
        {
            // Inputs the destination does not alias can be read twice: the last step overlaps the one before it.
            // In place, the padded partial step keeps the elements already written out of the computation.
            if (length >= lanes && !Same(ref r0, ref rd) && !Same(ref r1, ref rd) && !Same(ref r2, ref rd) && !Same(ref r3, ref rd) && !Same(ref r4, ref rd))
            {
                step.Step(ref Unsafe.Add(ref r0, length - lanes), ref Unsafe.Add(ref r1, length - lanes), ref Unsafe.Add(ref r2, length - lanes), ref Unsafe.Add(ref r3, length - lanes), ref Unsafe.Add(ref r4, length - lanes), ref Unsafe.Add(ref rd, length - lanes));
            }
            else
            {
                Partial(step, ref r0, ref r1, ref r2, ref r3, ref r4, ref rd, i, length - i);
            }
        }
    }

    /// <summary>
    /// Computes the <paramref name="count"/> (fewer than a step) elements from <paramref name="start"/> on copies padded
    /// with the last element: in-place calls stay correct, and padding lanes compute (so could only fault on) a real element's values.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Partial<TStep, T0, T1, T2, T3, T4, TD>(TStep step, ref T0 r0, ref T1 r1, ref T2 r2, ref T3 r3, ref T4 r4, ref TD rd, int start, int count)
        where TStep : struct, ISimdStep<T0, T1, T2, T3, T4, TD>
        where T0 : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where TD : unmanaged
    {
        Span<T0> l0 = stackalloc T0[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r0, start), count, l0);
        Span<T1> l1 = stackalloc T1[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r1, start), count, l1);
        Span<T2> l2 = stackalloc T2[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r2, start), count, l2);
        Span<T3> l3 = stackalloc T3[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r3, start), count, l3);
        Span<T4> l4 = stackalloc T4[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r4, start), count, l4);
        Span<TD> ld = stackalloc TD[step.Lanes];
        step.Step(ref MemoryMarshal.GetReference(l0), ref MemoryMarshal.GetReference(l1), ref MemoryMarshal.GetReference(l2), ref MemoryMarshal.GetReference(l3), ref MemoryMarshal.GetReference(l4), ref MemoryMarshal.GetReference(ld));
        LaneBuffer.CopyOut(ld, count, ref Unsafe.Add(ref rd, start));
    }

    /// <summary>Computes the first <paramref name="length"/> elements with <paramref name="step"/> (arguments already checked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimized from the first call: tier-0 code would call every vector operation
    public static void Run<TStep, T0, T1, T2, T3, T4, T5, TD>(TStep step, ReadOnlySpan<T0> x0, ReadOnlySpan<T1> x1, ReadOnlySpan<T2> x2, ReadOnlySpan<T3> x3, ReadOnlySpan<T4> x4, ReadOnlySpan<T5> x5, Span<TD> destination, int length)
        where TStep : struct, ISimdStep<T0, T1, T2, T3, T4, T5, TD>
        where T0 : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where TD : unmanaged
    {
        ref T0 r0 = ref MemoryMarshal.GetReference(x0);
        ref T1 r1 = ref MemoryMarshal.GetReference(x1);
        ref T2 r2 = ref MemoryMarshal.GetReference(x2);
        ref T3 r3 = ref MemoryMarshal.GetReference(x3);
        ref T4 r4 = ref MemoryMarshal.GetReference(x4);
        ref T5 r5 = ref MemoryMarshal.GetReference(x5);
        ref TD rd = ref MemoryMarshal.GetReference(destination);
        int lanes = step.Lanes;
        int i = 0;
        if (length >= 4 * lanes)
        {
            // Long inputs: a first partial step brings the destination to a vector boundary, so no store splits a cache line.
            i = LaneBuffer.ElementsToAlign(ref rd, step.Bytes);
            if (i > 0)
            {
                Partial(step, ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref rd, 0, i);
            }
        }

        for (; i <= length - lanes; i += lanes)
        {
            step.Step(ref Unsafe.Add(ref r0, i), ref Unsafe.Add(ref r1, i), ref Unsafe.Add(ref r2, i), ref Unsafe.Add(ref r3, i), ref Unsafe.Add(ref r4, i), ref Unsafe.Add(ref r5, i), ref Unsafe.Add(ref rd, i));
        }

        if (i < length)
        {
            // Inputs the destination does not alias can be read twice: the last step overlaps the one before it.
            // In place, the padded partial step keeps the elements already written out of the computation.
            if (length >= lanes && !Same(ref r0, ref rd) && !Same(ref r1, ref rd) && !Same(ref r2, ref rd) && !Same(ref r3, ref rd) && !Same(ref r4, ref rd) && !Same(ref r5, ref rd))
            {
                step.Step(ref Unsafe.Add(ref r0, length - lanes), ref Unsafe.Add(ref r1, length - lanes), ref Unsafe.Add(ref r2, length - lanes), ref Unsafe.Add(ref r3, length - lanes), ref Unsafe.Add(ref r4, length - lanes), ref Unsafe.Add(ref r5, length - lanes), ref Unsafe.Add(ref rd, length - lanes));
            }
            else
            {
                Partial(step, ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref rd, i, length - i);
            }
        }
    }

    /// <summary>
    /// Computes the <paramref name="count"/> (fewer than a step) elements from <paramref name="start"/> on copies padded
    /// with the last element: in-place calls stay correct, and padding lanes compute (so could only fault on) a real element's values.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Partial<TStep, T0, T1, T2, T3, T4, T5, TD>(TStep step, ref T0 r0, ref T1 r1, ref T2 r2, ref T3 r3, ref T4 r4, ref T5 r5, ref TD rd, int start, int count)
        where TStep : struct, ISimdStep<T0, T1, T2, T3, T4, T5, TD>
        where T0 : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where TD : unmanaged
    {
        Span<T0> l0 = stackalloc T0[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r0, start), count, l0);
        Span<T1> l1 = stackalloc T1[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r1, start), count, l1);
        Span<T2> l2 = stackalloc T2[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r2, start), count, l2);
        Span<T3> l3 = stackalloc T3[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r3, start), count, l3);
        Span<T4> l4 = stackalloc T4[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r4, start), count, l4);
        Span<T5> l5 = stackalloc T5[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r5, start), count, l5);
        Span<TD> ld = stackalloc TD[step.Lanes];
        step.Step(ref MemoryMarshal.GetReference(l0), ref MemoryMarshal.GetReference(l1), ref MemoryMarshal.GetReference(l2), ref MemoryMarshal.GetReference(l3), ref MemoryMarshal.GetReference(l4), ref MemoryMarshal.GetReference(l5), ref MemoryMarshal.GetReference(ld));
        LaneBuffer.CopyOut(ld, count, ref Unsafe.Add(ref rd, start));
    }

    /// <summary>Computes the first <paramref name="length"/> elements with <paramref name="step"/> (arguments already checked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimized from the first call: tier-0 code would call every vector operation
    public static void Run<TStep, T0, T1, T2, T3, T4, T5, T6, TD>(TStep step, ReadOnlySpan<T0> x0, ReadOnlySpan<T1> x1, ReadOnlySpan<T2> x2, ReadOnlySpan<T3> x3, ReadOnlySpan<T4> x4, ReadOnlySpan<T5> x5, ReadOnlySpan<T6> x6, Span<TD> destination, int length)
        where TStep : struct, ISimdStep<T0, T1, T2, T3, T4, T5, T6, TD>
        where T0 : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
        where TD : unmanaged
    {
        ref T0 r0 = ref MemoryMarshal.GetReference(x0);
        ref T1 r1 = ref MemoryMarshal.GetReference(x1);
        ref T2 r2 = ref MemoryMarshal.GetReference(x2);
        ref T3 r3 = ref MemoryMarshal.GetReference(x3);
        ref T4 r4 = ref MemoryMarshal.GetReference(x4);
        ref T5 r5 = ref MemoryMarshal.GetReference(x5);
        ref T6 r6 = ref MemoryMarshal.GetReference(x6);
        ref TD rd = ref MemoryMarshal.GetReference(destination);
        int lanes = step.Lanes;
        int i = 0;
        if (length >= 4 * lanes)
        {
            // Long inputs: a first partial step brings the destination to a vector boundary, so no store splits a cache line.
            i = LaneBuffer.ElementsToAlign(ref rd, step.Bytes);
            if (i > 0)
            {
                Partial(step, ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref rd, 0, i);
            }
        }

        for (; i <= length - lanes; i += lanes)
        {
            step.Step(ref Unsafe.Add(ref r0, i), ref Unsafe.Add(ref r1, i), ref Unsafe.Add(ref r2, i), ref Unsafe.Add(ref r3, i), ref Unsafe.Add(ref r4, i), ref Unsafe.Add(ref r5, i), ref Unsafe.Add(ref r6, i), ref Unsafe.Add(ref rd, i));
        }

        if (i < length)
        {
            // Inputs the destination does not alias can be read twice: the last step overlaps the one before it.
            // In place, the padded partial step keeps the elements already written out of the computation.
            if (length >= lanes && !Same(ref r0, ref rd) && !Same(ref r1, ref rd) && !Same(ref r2, ref rd) && !Same(ref r3, ref rd) && !Same(ref r4, ref rd) && !Same(ref r5, ref rd) && !Same(ref r6, ref rd))
            {
                step.Step(ref Unsafe.Add(ref r0, length - lanes), ref Unsafe.Add(ref r1, length - lanes), ref Unsafe.Add(ref r2, length - lanes), ref Unsafe.Add(ref r3, length - lanes), ref Unsafe.Add(ref r4, length - lanes), ref Unsafe.Add(ref r5, length - lanes), ref Unsafe.Add(ref r6, length - lanes), ref Unsafe.Add(ref rd, length - lanes));
            }
            else
            {
                Partial(step, ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref rd, i, length - i);
            }
        }
    }

    /// <summary>
    /// Computes the <paramref name="count"/> (fewer than a step) elements from <paramref name="start"/> on copies padded
    /// with the last element: in-place calls stay correct, and padding lanes compute (so could only fault on) a real element's values.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Partial<TStep, T0, T1, T2, T3, T4, T5, T6, TD>(TStep step, ref T0 r0, ref T1 r1, ref T2 r2, ref T3 r3, ref T4 r4, ref T5 r5, ref T6 r6, ref TD rd, int start, int count)
        where TStep : struct, ISimdStep<T0, T1, T2, T3, T4, T5, T6, TD>
        where T0 : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
        where TD : unmanaged
    {
        Span<T0> l0 = stackalloc T0[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r0, start), count, l0);
        Span<T1> l1 = stackalloc T1[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r1, start), count, l1);
        Span<T2> l2 = stackalloc T2[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r2, start), count, l2);
        Span<T3> l3 = stackalloc T3[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r3, start), count, l3);
        Span<T4> l4 = stackalloc T4[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r4, start), count, l4);
        Span<T5> l5 = stackalloc T5[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r5, start), count, l5);
        Span<T6> l6 = stackalloc T6[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r6, start), count, l6);
        Span<TD> ld = stackalloc TD[step.Lanes];
        step.Step(ref MemoryMarshal.GetReference(l0), ref MemoryMarshal.GetReference(l1), ref MemoryMarshal.GetReference(l2), ref MemoryMarshal.GetReference(l3), ref MemoryMarshal.GetReference(l4), ref MemoryMarshal.GetReference(l5), ref MemoryMarshal.GetReference(l6), ref MemoryMarshal.GetReference(ld));
        LaneBuffer.CopyOut(ld, count, ref Unsafe.Add(ref rd, start));
    }

    /// <summary>Computes the first <paramref name="length"/> elements with <paramref name="step"/> (arguments already checked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimized from the first call: tier-0 code would call every vector operation
    public static void Run<TStep, T0, T1, T2, T3, T4, T5, T6, T7, TD>(TStep step, ReadOnlySpan<T0> x0, ReadOnlySpan<T1> x1, ReadOnlySpan<T2> x2, ReadOnlySpan<T3> x3, ReadOnlySpan<T4> x4, ReadOnlySpan<T5> x5, ReadOnlySpan<T6> x6, ReadOnlySpan<T7> x7, Span<TD> destination, int length)
        where TStep : struct, ISimdStep<T0, T1, T2, T3, T4, T5, T6, T7, TD>
        where T0 : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
        where T7 : unmanaged
        where TD : unmanaged
    {
        ref T0 r0 = ref MemoryMarshal.GetReference(x0);
        ref T1 r1 = ref MemoryMarshal.GetReference(x1);
        ref T2 r2 = ref MemoryMarshal.GetReference(x2);
        ref T3 r3 = ref MemoryMarshal.GetReference(x3);
        ref T4 r4 = ref MemoryMarshal.GetReference(x4);
        ref T5 r5 = ref MemoryMarshal.GetReference(x5);
        ref T6 r6 = ref MemoryMarshal.GetReference(x6);
        ref T7 r7 = ref MemoryMarshal.GetReference(x7);
        ref TD rd = ref MemoryMarshal.GetReference(destination);
        int lanes = step.Lanes;
        int i = 0;
        if (length >= 4 * lanes)
        {
            // Long inputs: a first partial step brings the destination to a vector boundary, so no store splits a cache line.
            i = LaneBuffer.ElementsToAlign(ref rd, step.Bytes);
            if (i > 0)
            {
                Partial(step, ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, ref rd, 0, i);
            }
        }

        for (; i <= length - lanes; i += lanes)
        {
            step.Step(ref Unsafe.Add(ref r0, i), ref Unsafe.Add(ref r1, i), ref Unsafe.Add(ref r2, i), ref Unsafe.Add(ref r3, i), ref Unsafe.Add(ref r4, i), ref Unsafe.Add(ref r5, i), ref Unsafe.Add(ref r6, i), ref Unsafe.Add(ref r7, i), ref Unsafe.Add(ref rd, i));
        }

        if (i < length)
        {
            // Inputs the destination does not alias can be read twice: the last step overlaps the one before it.
            // In place, the padded partial step keeps the elements already written out of the computation.
            if (length >= lanes && !Same(ref r0, ref rd) && !Same(ref r1, ref rd) && !Same(ref r2, ref rd) && !Same(ref r3, ref rd) && !Same(ref r4, ref rd) && !Same(ref r5, ref rd) && !Same(ref r6, ref rd) && !Same(ref r7, ref rd))
            {
                step.Step(ref Unsafe.Add(ref r0, length - lanes), ref Unsafe.Add(ref r1, length - lanes), ref Unsafe.Add(ref r2, length - lanes), ref Unsafe.Add(ref r3, length - lanes), ref Unsafe.Add(ref r4, length - lanes), ref Unsafe.Add(ref r5, length - lanes), ref Unsafe.Add(ref r6, length - lanes), ref Unsafe.Add(ref r7, length - lanes), ref Unsafe.Add(ref rd, length - lanes));
            }
            else
            {
                Partial(step, ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, ref rd, i, length - i);
            }
        }
    }

    /// <summary>
    /// Computes the <paramref name="count"/> (fewer than a step) elements from <paramref name="start"/> on copies padded
    /// with the last element: in-place calls stay correct, and padding lanes compute (so could only fault on) a real element's values.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Partial<TStep, T0, T1, T2, T3, T4, T5, T6, T7, TD>(TStep step, ref T0 r0, ref T1 r1, ref T2 r2, ref T3 r3, ref T4 r4, ref T5 r5, ref T6 r6, ref T7 r7, ref TD rd, int start, int count)
        where TStep : struct, ISimdStep<T0, T1, T2, T3, T4, T5, T6, T7, TD>
        where T0 : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
        where T7 : unmanaged
        where TD : unmanaged
    {
        Span<T0> l0 = stackalloc T0[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r0, start), count, l0);
        Span<T1> l1 = stackalloc T1[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r1, start), count, l1);
        Span<T2> l2 = stackalloc T2[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r2, start), count, l2);
        Span<T3> l3 = stackalloc T3[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r3, start), count, l3);
        Span<T4> l4 = stackalloc T4[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r4, start), count, l4);
        Span<T5> l5 = stackalloc T5[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r5, start), count, l5);
        Span<T6> l6 = stackalloc T6[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r6, start), count, l6);
        Span<T7> l7 = stackalloc T7[step.Lanes];
        LaneBuffer.FillPadded(ref Unsafe.Add(ref r7, start), count, l7);
        Span<TD> ld = stackalloc TD[step.Lanes];
        step.Step(ref MemoryMarshal.GetReference(l0), ref MemoryMarshal.GetReference(l1), ref MemoryMarshal.GetReference(l2), ref MemoryMarshal.GetReference(l3), ref MemoryMarshal.GetReference(l4), ref MemoryMarshal.GetReference(l5), ref MemoryMarshal.GetReference(l6), ref MemoryMarshal.GetReference(l7), ref MemoryMarshal.GetReference(ld));
        LaneBuffer.CopyOut(ld, count, ref Unsafe.Add(ref rd, start));
    }
}
