using System;
using System.Runtime.InteropServices;
using SourceGen.Differential.Tests.Kernels;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>The README's call-time errors: thrown before anything is written, naming the parameters and lengths.</summary>
public sealed class ArgumentTests
{
    [Fact]
    public void InputsOfDifferentLengths_Throw_NamingBoth()
    {
        double[] destination = Filled(10);
        var exception = Assert.Throws<ArgumentException>(() => Arithmetic.Rel(new double[10], new double[9], destination));
        Assert.Contains("'x' has 10", exception.Message);
        Assert.Contains("'y' has 9", exception.Message);
        Assert.Equal("y", exception.ParamName);
        Assert.All(destination, value => Assert.Equal(-7.0, value));
    }

    [Fact]
    public void ShortDestination_Throws_NamingBoth()
    {
        double[] destination = Filled(9);
        var exception = Assert.Throws<ArgumentException>(() => Arithmetic.Rel(new double[10], 1.0, destination));
        Assert.Contains("'x' has 10", exception.Message);
        Assert.Contains("'destination' has only 9", exception.Message);
        Assert.Equal("destination", exception.ParamName);
        Assert.All(destination, value => Assert.Equal(-7.0, value));
    }

    [Fact]
    public void LongerDestination_WritesOnlyTheInputsLength()
    {
        double[] destination = Filled(12);
        Arithmetic.Rel(new double[] { 1, 2, 3 }, 1.0, destination);
        Assert.Equal(Arithmetic.Rel(2.0, 1.0), destination[1]);
        Assert.Equal(-7.0, destination[3]);
    }

    [Fact]
    public void PartialOverlap_Throws_BeforeWriting()
    {
        double[] buffer = Filled(40);
        Assert.Throws<ArgumentException>(() => Arithmetic.Rel(buffer.AsSpan(0, 20), 1.0, buffer.AsSpan(5, 20)));
        Assert.Throws<ArgumentException>(() => Arithmetic.Rel(buffer.AsSpan(5, 20), 1.0, buffer.AsSpan(0, 20)));
        Assert.All(buffer, value => Assert.Equal(-7.0, value));
    }

    [Fact]
    public void InPlace_IsAllowed()
    {
        double[] buffer = { 1, -2, 3, double.NaN, 5 };
        double[] expected = Array.ConvertAll(buffer, v => Arithmetic.Rel(v, 2.0));
        Arithmetic.Rel(buffer, 2.0, buffer);
        Assert.Equal(expected, buffer);
    }

    [Fact]
    public void OverlapOfDifferentElementSizes_Throws()
    {
        var memory = new int[64];
        Assert.Throws<ArgumentException>(() => Conversions.Int32ToDouble(memory.AsSpan(0, 32), MemoryMarshal.Cast<int, double>(memory.AsSpan())));
    }

    [Fact]
    public void EmptyInputs_DoNothing()
    {
        Arithmetic.Rel(ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty, Span<double>.Empty);
        Fallbacks.IntDivide(ReadOnlySpan<int>.Empty, ReadOnlySpan<int>.Empty, Span<int>.Empty);
    }

    [Fact]
    public void KernelExceptions_AreThrownByTheEntryPoint()
    {
        var result = new int[5];
        Assert.Throws<DivideByZeroException>(() => Fallbacks.IntDivide(new[] { 1, 2, 3, 4, 5 }, new[] { 1, 1, 0, 1, 1 }, result));
        Assert.Throws<OverflowException>(() => Arithmetic.AbsInt(new[] { 1, int.MinValue }, result));
        Assert.Throws<ArgumentException>(() => Arithmetic.ClampVarying(new[] { 1.0 }, new[] { 2.0 }, new[] { 1.0 }, new double[1]));
    }

    private static double[] Filled(int length)
    {
        var values = new double[length];
        Array.Fill(values, -7.0);
        return values;
    }
}
