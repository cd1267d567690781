using System;
using System.Collections.Generic;
using System.Linq;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// A value's registers in the shape an operation needs: C#'s numeric conversions between element types (widening
/// and narrowing registers), masks resized to another lane size, and uniform values broadcast. Every operation on
/// vectors reads its operands through <see cref="Registers"/>; none of this depends on which construct is lowered.
/// </summary>
internal sealed class VectorConversions(SimdStepContext step, UniformValues uniforms) : SimdStepPart(step)
{
    /// <summary>The registers of a value as vectors of its type (a uniform is broadcast; a mask resized to <paramref name="maskSize"/>).</summary>
    public string[] Registers(SimdValue value, int maskSize = 0)
    {
        if (value.Type == ElementType.Bool)
        {
            int size = maskSize != 0 ? maskSize : value.IsUniform ? MaskSizeDefault : value.MaskSize;
            if (value.IsUniform)
            {
                ElementType laneType = ElementTypeFacts.SignedIntegerOfSize(size);
                return Enumerable.Repeat(uniforms.Broadcast(value, laneType), RegisterCount(laneType)).ToArray();
            }

            return ResizeMask(value, size).Registers!;
        }

        return value.IsUniform
            ? Enumerable.Repeat(uniforms.Broadcast(value, value.Type), RegisterCount(value.Type)).ToArray()
            : value.Registers!;
    }

    /// <summary>C# numeric conversion (unchecked; float to integer saturates, as .NET 9+ does).</summary>
    public SimdValue Convert(SimdValue value, ElementType target)
    {
        ElementType source = value.Type;
        if (source == target)
        {
            return value;
        }

        if (source.IsInteger() && target.IsInteger())
        {
            return IntegerToInteger(value, target);
        }

        if (source.IsInteger())
        {
            if (target == ElementType.Single)
            {
                // int and uint convert directly; smaller types are exact in int.
                if (source is ElementType.Int32 or ElementType.UInt32)
                {
                    return SimdValue.Varying(target, value.Registers!.Select(r => $"{V}.ConvertToSingle({r})").ToArray());
                }

                SimdValue asInt = IntegerToInteger(value, source.IsUnsignedInteger() ? ElementType.UInt32 : ElementType.Int32);
                return SimdValue.Varying(target, IntegerToInteger(asInt, ElementType.Int32).Registers!.Select(r => $"{V}.ConvertToSingle({r})").ToArray());
            }

            // To double: through the 64-bit integer of the source's signedness (exact).
            SimdValue wide = IntegerToInteger(value, source.IsUnsignedInteger() ? ElementType.UInt64 : ElementType.Int64);
            return SimdValue.Varying(target, wide.Registers!.Select(r => $"{V}.ConvertToDouble({r})").ToArray());
        }

        if (target.IsFloatingPoint())
        {
            return target == ElementType.Double ? Widen(value, ElementType.Double) : Narrow(value, ElementType.Single);
        }

        // Floating point to integer.
        if (source == ElementType.Single && target is ElementType.Int32 or ElementType.UInt32)
        {
            return SimdValue.Varying(target, value.Registers!.Select(r => $"{V}.ConvertTo{target.BclName()}({r})").ToArray());
        }

        if (source == ElementType.Single && target is ElementType.Int64 or ElementType.UInt64)
        {
            return Convert(Widen(value, ElementType.Double), target);
        }

        if (target is ElementType.Int64 or ElementType.UInt64)
        {
            return SimdValue.Varying(target, value.Registers!.Select(r => $"{V}.ConvertTo{target.BclName()}({r})").ToArray());
        }

        if (source == ElementType.Double && target == ElementType.UInt32)
        {
            // Saturate to uint's range in 64 bits, then narrow.
            SimdValue wide = SimdValue.Varying(ElementType.UInt64, value.Registers!.Select(r => $"{V}.Min({V}.ConvertToUInt64({r}), {V}.Create((ulong)uint.MaxValue))").ToArray());
            return Narrow(wide, ElementType.UInt32);
        }

        SimdValue asInt32;
        if (source == ElementType.Double)
        {
            // Saturate to int's range in 64 bits, then narrow: (int)d as .NET 9+ computes it.
            SimdValue wide = SimdValue.Varying(ElementType.Int64, value.Registers!.Select(r =>
                $"{V}.Min({V}.Max({V}.ConvertToInt64({r}), {V}.Create((long)int.MinValue)), {V}.Create((long)int.MaxValue))").ToArray());
            asInt32 = Narrow(wide, ElementType.Int32);
        }
        else
        {
            asInt32 = SimdValue.Varying(ElementType.Int32, value.Registers!.Select(r => $"{V}.ConvertToInt32({r})").ToArray());
        }

        // (sbyte/byte/short/ushort)f is (T)(int)f in C#: truncate the saturated int.
        return IntegerToInteger(asInt32, target);
    }

    private SimdValue IntegerToInteger(SimdValue value, ElementType target)
    {
        SimdValue current = value;
        while (current.Type.Size() < target.Size())
        {
            current = Widen(current, current.Type.WidenedInteger());
        }

        while (current.Type.Size() > target.Size())
        {
            current = Narrow(current, current.Type.NarrowedInteger());
        }

        return current.Type == target
            ? current
            : SimdValue.Varying(target, current.Registers!.Select(r => Reinterpret(r, current.Type, target)).ToArray());
    }

    /// <summary>Each register becomes two of the twice-as-wide type (sign- or zero-extended, or float to double).</summary>
    private SimdValue Widen(SimdValue value, ElementType target)
    {
        SimdValue named = Materialize(value);
        var registers = new List<string>();
        foreach (string register in named.Registers!)
        {
            registers.Add($"{V}.WidenLower({register})");
            registers.Add($"{V}.WidenUpper({register})");
        }

        return SimdValue.Varying(target, registers.ToArray());
    }

    /// <summary>Each pair of registers becomes one of the half-as-wide type (integers truncate, double rounds to float).</summary>
    private SimdValue Narrow(SimdValue value, ElementType target)
    {
        string[] source = (value.Registers!.Any(code => ReadLength(code) > 60) ? Materialize(value) : value).Registers!;
        if (source.Length % 2 != 0)
        {
            // A value narrower than the step's smallest lane type cannot exist; the emitter falls back to scalar.
            throw new InvalidOperationException($"cannot narrow {source.Length} register(s) of {value.Type} to {target}");
        }

        var registers = new string[source.Length / 2];
        for (int k = 0; k < registers.Length; k++)
        {
            registers[k] = $"{V}.Narrow({source[2 * k]}, {source[2 * k + 1]})";
        }

        return SimdValue.Varying(target, registers);
    }

    /// <summary>A mask with lanes of <paramref name="size"/> bytes: each widening doubles its registers, each narrowing halves them.</summary>
    public SimdValue ResizeMask(SimdValue mask, int size)
    {
        SimdValue current = mask;
        while (current.MaskSize < size)
        {
            SimdValue wide = Widen(SimdValue.Varying(current.LaneType, current.Registers!), current.LaneType.WidenedInteger());
            current = SimdValue.Mask(current.MaskSize * 2, wide.Registers!);
        }

        while (current.MaskSize > size)
        {
            SimdValue narrow = Narrow(SimdValue.Varying(current.LaneType, current.Registers!), current.LaneType.NarrowedInteger());
            current = SimdValue.Mask(current.MaskSize / 2, narrow.Registers!);
        }

        return current;
    }
}
