using System;
using SourceGen;

namespace SourceGen.Differential.Tests.Kernels;

/// <summary>Kernels with branches, loops with per-lane exits, break/continue and early returns (lane masks).</summary>
public static partial class ControlFlow
{
    /// <summary>DESIGN.md's escape-time kernel; the iteration bound is masked so random inputs stay quick.</summary>
    public static int Escape(double zr, double zi, double cr, double ci, int maxIter)
    {
        int n = 0;
        while (zr * zr + zi * zi < 4 && n < (maxIter & 511))
        {
            double t = zr * zr - zi * zi + cr;
            zi = 2 * zr * zi + ci;
            zr = t;
            n++;
        }

        return n;
    }

    [Vectorize(nameof(Escape), Target = Target.Parallel)]
    public static partial void EscapeParallel(ReadOnlySpan<double> zr, ReadOnlySpan<double> zi, double cr, double ci, int maxIter, Span<int> destination);

    public static float SigmoidKernel(float x) => 1f / (1f + MathF.Exp(-x));

    [Vectorize(nameof(SigmoidKernel), Target = Target.Parallel)]
    public static partial void SigmoidParallel(ReadOnlySpan<float> x, Span<float> destination);

    public static int DivideKernel(int x, int y) => x / y;

    [Vectorize(nameof(DivideKernel), Target = Target.Parallel)]
    public static partial void DivideParallel(ReadOnlySpan<int> x, ReadOnlySpan<int> y, Span<int> destination);

    [Vectorize(nameof(Escape))]
    public static partial void EscapeEntry(ReadOnlySpan<double> zr, ReadOnlySpan<double> zi, double cr, double ci, int maxIter, Span<int> destination);

    [Vectorize]
    public static double Piecewise(double x)
    {
        double y;
        if (x < 0)
        {
            y = -x;
        }
        else if (x < 1)
        {
            y = x * x;
        }
        else
        {
            y = Math.Sqrt(x) + 1;
        }

        return y * 0.5;
    }

    [Vectorize]
    public static int Classify(float x)
    {
        if (float.IsNaN(x))
        {
            return -1;
        }

        if (x < 0)
        {
            return 0;
        }

        if (x > 100)
        {
            return 2;
        }

        return 1;
    }

    [Vectorize]
    public static int CountBits(uint x)
    {
        int n = 0;
        while (x != 0)
        {
            n += (int)(x & 1);
            x >>= 1;
        }

        return n;
    }

    /// <summary>for with continue and break.</summary>
    [Vectorize]
    public static int SkipAndStop(int x)
    {
        int total = 0;
        for (int i = 0; i < 40; i++)
        {
            if (((x >> (i & 7)) & 1) == 0)
            {
                continue;
            }

            total += i;
            if (total > 300)
            {
                break;
            }
        }

        return total;
    }

    /// <summary>do/while; the division runs per lane, only on the lanes that execute it.</summary>
    [Vectorize]
    public static int Collatz(int x)
    {
        if (x <= 0)
        {
            return 0;
        }

        int steps = 0;
        do
        {
            x = (x & 1) == 0 ? x / 2 : 3 * x + 1;
            steps++;
        }
        while (x != 1 && steps < 300);
        return steps;
    }

    /// <summary>A lane with y == 0 never divides: the masked per-lane division must not throw for it.</summary>
    [Vectorize]
    public static int SafeDivide(int x, int y)
    {
        if (y == 0)
        {
            return 0;
        }

        return x / y;
    }

    [Vectorize]
    public static int NestedLoops(int n)
    {
        int s = 0;
        for (int i = 0; i < (n & 15); i++)
        {
            for (int j = 0; j < i; j++)
            {
                s += i * j - (n & 3);
            }
        }

        return s;
    }

    /// <summary>Return from inside a loop.</summary>
    [Vectorize]
    public static double FirstAbove(double x, double threshold)
    {
        for (int i = 0; i < 12; i++)
        {
            x = x * 1.5 + 0.25;
            if (x > threshold)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>bool locals under masks.</summary>
    [Vectorize]
    public static bool Alternates(long x)
    {
        bool flag = false;
        int i = 0;
        while (i < 8 && x != 0)
        {
            flag = !flag ^ ((x & 1) == 1);
            x >>= 2;
            i++;
        }

        return flag;
    }

    /// <summary>Math.Abs under a mask: only executing lanes may throw for int.MinValue.</summary>
    [Vectorize]
    public static int GuardedAbs(int x) => x == int.MinValue ? 0 : Math.Abs(x);

    [Vectorize]
    public static int GuardedAbsStatement(int x)
    {
        if (x != int.MinValue)
        {
            return Math.Abs(x);
        }

        return -1;
    }
}
