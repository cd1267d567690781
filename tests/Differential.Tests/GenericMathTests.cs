using System;
using System.Linq;
using System.Numerics;
using SourceGen.Differential.Tests.Harness;
using SourceGen.Differential.Tests.Kernels;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>Each entry point of a generic kernel against the generic kernel called for its element type.</summary>
public sealed class GenericMathTests
{
    [Fact] public void Rel_Float() => Check.Binary<float, float, float>("Rel<float>", GenericMath.Rel, GenericMath.Rel<float>);
    [Fact] public void Rel_Double() => Check.Binary<double, double, double>("Rel<double>", GenericMath.Rel, GenericMath.Rel<double>);
    [Fact] public void Rel_DoubleUniform() => Check.VaryingUniform<double, double, double>("Rel<double> uniform", GenericMath.Rel, GenericMath.Rel<double>);
    [Fact] public void Shape_Float() => Check.Binary<float, float, float>("Shape<float>", GenericMath.Shape, GenericMath.Shape<float>);
    [Fact] public void Shape_Double() => Check.Binary<double, double, double>("Shape<double>", GenericMath.Shape, GenericMath.Shape<double>);
    [Fact] public void Horner_Int() => Check.VaryingUniform<int, int, int>("Horner<int>", GenericMath.Horner, GenericMath.Horner<int>);
    [Fact] public void Horner_Long() => Check.VaryingUniform<long, int, long>("Horner<long>", GenericMath.Horner, GenericMath.Horner<long>);
    [Fact] public void Horner_Double() => Check.VaryingUniform<double, int, double>("Horner<double>", GenericMath.Horner, GenericMath.Horner<double>);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(100_003)]
    public void Parallel_EachElementType_EqualsTheGenericKernel(int length)
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        int[] ints = Inputs.Make<int>(length, random);
        long[] longs = Inputs.Make<long>(length, random);
        float[] floats = Inputs.Make<float>(length, random);
        double[] doubles = Inputs.Make<double>(length, random);

        int[] intExpected = new int[length], intActual = new int[length];
        Assert.Equal(GenericMath.ScaleSum<int>(ints, intExpected, 3), GenericMath.ScaleSum(ints, intActual, 3));
        Assert.Equal(intExpected, intActual);

        long[] longExpected = new long[length], longActual = new long[length], longCpu = new long[length];
        Assert.Equal(GenericMath.ScaleSum<long>(longs, longExpected, -5), GenericMath.ScaleSum(longs, longActual, -5));
        Assert.Equal(GenericMath.ScaleSum<long>(longs, longExpected, -5), GenericMath.ScaleSumCpu(longs, longCpu, -5));
        Assert.Equal(longExpected, longActual);
        Assert.Equal(longExpected, longCpu);

        float[] floatExpected = new float[length], floatActual = new float[length];
        GenericMath.Map<float>(floats, floatExpected, 0.25f);
        GenericMath.Map(floats, floatActual, 0.25f);
        Assert.True(floatExpected.Zip(floatActual).All(p => Check.Same(p.First, p.Second, 0)), "Map<float>");

        double[] doubleExpected = new double[length], doubleActual = new double[length];
        GenericMath.Map<double>(doubles, doubleExpected, 0.25);
        GenericMath.Map(doubles, doubleActual, 0.25);
        Assert.True(doubleExpected.Zip(doubleActual).All(p => Check.Same(p.First, p.Second, 0)), "Map<double>");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 33)]
    [InlineData(3, 0)]
    [InlineData(20, 517)]
    public void GuVectorize_EachElementType_EqualsTheGenericKernelLoopedByHand(int rows, int columns)
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        Compare<float>(rows, columns, random, 1.5f, GenericMath.AddScaled);
        Compare<double>(rows, columns, random, -2.25, GenericMath.AddScaled);
        Compare<int>(rows, columns, random, 7, GenericMath.AddScaledParallel);
    }

    private static void Compare<T>(int rows, int columns, Inputs.SplitMix64 random, T factor, Action<T[,], T, T[,]> entry)
        where T : struct, INumber<T>
    {
        T[] flat = Inputs.Make<T>(rows * columns, random);
        var a = new T[rows, columns];
        for (int i = 0; i < flat.Length; i++)
        {
            a[i / columns, i % columns] = flat[i];
        }

        var actual = new T[rows, columns];
        entry(a, factor, actual);
        for (int r = 0; r < rows; r++)
        {
            T[] row = Enumerable.Range(0, columns).Select(c => a[r, c]).ToArray();
            T[] expected = new T[columns];
            GenericMath.AddScaled<T>(row, factor, expected);
            for (int c = 0; c < columns; c++)
            {
                Assert.True(Check.Same(expected[c], actual[r, c], 0), $"{typeof(T).Name} [{r},{c}]: kernel {Check.Show(expected[c])}, generated {Check.Show(actual[r, c])}");
            }
        }
    }
}
