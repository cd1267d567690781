using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace SourceGen.Internal;

/// <summary>
/// Argument checks that generated entry points run before they write anything. Public for generated
/// code only; not part of the supported API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ArgumentGuard
{
    /// <summary>Throws unless two varying inputs have the same length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SameLength(int firstLength, int otherLength, string firstName, string otherName)
    {
        if (firstLength != otherLength)
        {
            ThrowLengthMismatch(firstLength, otherLength, firstName, otherName);
        }
    }

    /// <summary>Throws unless the destination holds at least <paramref name="length"/> elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DestinationLongEnough(int length, int destinationLength, string inputName, string destinationName)
    {
        if (destinationLength < length)
        {
            ThrowDestinationTooShort(length, destinationLength, inputName, destinationName);
        }
    }

    /// <summary>
    /// Throws when <paramref name="destination"/> overlaps <paramref name="input"/> other than exactly: an
    /// in-place call (same start, same element size) is allowed, any other overlap is not.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NoPartialOverlap<TInput, TDestination>(ReadOnlySpan<TInput> input, Span<TDestination> destination, string inputName, string destinationName)
        where TInput : struct
        where TDestination : struct
    {
        if (ByteRanges.Overlap(input, (ReadOnlySpan<TDestination>)destination, out nint byteOffset)
            && (byteOffset != 0 || Unsafe.SizeOf<TInput>() != Unsafe.SizeOf<TDestination>()))
        {
            ThrowPartialOverlap(inputName, destinationName);
        }
    }

    [DoesNotReturn]
    private static void ThrowLengthMismatch(int firstLength, int otherLength, string firstName, string otherName) =>
        throw new ArgumentException(
            $"The inputs must have the same length, but '{firstName}' has {firstLength} elements and '{otherName}' has {otherLength}.",
            otherName);

    [DoesNotReturn]
    private static void ThrowDestinationTooShort(int length, int destinationLength, string inputName, string destinationName) =>
        throw new ArgumentException(
            $"Destination is too short: '{inputName}' has {length} elements but '{destinationName}' has only {destinationLength}.",
            destinationName);

    [DoesNotReturn]
    private static void ThrowPartialOverlap(string inputName, string destinationName) =>
        throw new ArgumentException(
            $"'{destinationName}' overlaps '{inputName}' without starting at the same element. Pass the same span for an in-place call, or non-overlapping memory.",
            destinationName);
}
