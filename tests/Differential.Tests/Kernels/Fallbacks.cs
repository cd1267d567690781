using System;
using SourceGen;

namespace SourceGen.Differential.Tests.Kernels;

/// <summary>Kernels whose operations have no SIMD form: they run per lane (SG0101) and must still be exact.</summary>
public static partial class Fallbacks
{
    [Vectorize]
    public static int IntDivide(int x, int y) => x / y + x % (y | 1);

    /// <summary>By a uniform divisor: SIMD through double (exact for 32-bit integers), exceptions included.</summary>
    public static int DivideByUniform(int x, int d) => x / d + x % d;

    [Vectorize(nameof(DivideByUniform))]
    public static partial void DivideByUniformEntry(ReadOnlySpan<int> x, int d, Span<int> destination);

    public static uint UnsignedDivideByUniform(uint x, uint d) => x / d * 3 + x % d;

    [Vectorize(nameof(UnsignedDivideByUniform))]
    public static partial void UnsignedDivideByUniformEntry(ReadOnlySpan<uint> x, uint d, Span<uint> destination);

    /// <summary>Under a mask: only lanes with x &gt; 0 divide (a zero divisor throws only if one of them exists).</summary>
    public static int MaskedDivideByUniform(int x, int d)
    {
        if (x > 0)
        {
            return x / d;
        }

        return -1;
    }

    [Vectorize(nameof(MaskedDivideByUniform))]
    public static partial void MaskedDivideByUniformEntry(ReadOnlySpan<int> x, int d, Span<int> destination);

    [Vectorize]
    public static long LongRemainder(long x, long y) => x % y;

    [Vectorize]
    public static uint UIntDivideByConstant(uint x) => x / 7 + x % 10;

    [Vectorize]
    public static double DoubleRemainder(double x, double y) => x % y;

    /// <summary>The right side runs only where y != 0: no DivideByZeroException from other lanes.</summary>
    [Vectorize]
    public static bool GuardedDivide(int x, int y) => y != 0 && x / y > 1;

    [Vectorize]
    public static int GuardedSelect(int x, int y) => y == 0 ? -1 : x / y;

    [Vectorize]
    public static double Tan(double x) => Math.Tan(x) * 2;

    [Vectorize]
    public static double Pow(double x, double y) => Math.Pow(x, y);

    [Vectorize]
    public static float Log10F(float x) => MathF.Log10(x) * 2f;

    [Vectorize]
    public static int SignOf(double x) => Math.Sign(x);

    [Vectorize]
    public static int VaryingShift(int x, int y) => x << y;

    [Vectorize]
    public static float LongToFloat(long x) => x;

    static double Helper(double x) => x * x - 1;

    static double Twice(double x) => Helper(x) * 2 + Helper(-x);

    static double WithStatements(double x)
    {
        double y = x * 3;
        return y - 1;
    }

    static int Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    /// <summary>Helper, and a helper that calls it, are inlined; a helper with statements is called per lane.</summary>
    [Vectorize]
    public static double CallsHelper(double x, double y) => Helper(x) + Twice(y) + WithStatements(x);

    /// <summary>Recursion stays a call, per lane.</summary>
    [Vectorize]
    public static int CallsRecursive(int x) => Factorial(x & 7) + 1;
}
