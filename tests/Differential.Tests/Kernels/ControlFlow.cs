using System;
using SourceGen;

namespace SourceGen.Differential.Tests.Kernels;

/// <summary>Kernels with branches, loops with per-lane exits, break/continue and early returns (lane masks).</summary>
public static partial class ControlFlow
{
    /// <summary>The README's escape-time kernel; the iteration bound is masked so random inputs stay quick.</summary>
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

    // ---- loop counters: every lane still in the loop holds the same count, so its tests run in scalar ----------

    /// <summary>The counter on the right of the test, against a uniform bound.</summary>
    public static int CountedHalvings(int x, int limit)
    {
        int n = 0;
        while ((limit & 63) > n && x > 1)
        {
            x = x / 2 + (x & 1);
            n++;
        }

        return n * 1000 + x;
    }

    [Vectorize(nameof(CountedHalvings))]
    public static partial void CountedHalvingsEntry(ReadOnlySpan<int> x, int limit, Span<int> destination);

    /// <summary>A for-loop counter tested in the body too: against a uniform (scalar) and a varying value (vector).</summary>
    public static int CounterInBody(int x, int k)
    {
        int acc = 0;
        for (int i = 0; i < 30; i++)
        {
            if (i >= (k & 31))
            {
                break;
            }

            acc += x & 15;
            if (i == (x & 7))
            {
                acc *= 2;
            }
        }

        return acc;
    }

    [Vectorize(nameof(CounterInBody))]
    public static partial void CounterInBodyEntry(ReadOnlySpan<int> x, int k, Span<int> destination);

    /// <summary>A continue before the increment: lanes disagree on n, which must stay a vector.</summary>
    [Vectorize]
    public static int ContinueBeforeIncrement(int x)
    {
        int n = 0;
        int s = 0;
        while (n < 20)
        {
            s++;
            if (((x >> (s & 15)) & 1) == 0)
            {
                if (s > 60)
                {
                    break;
                }

                continue;
            }

            n++;
        }

        return n * 100 + s;
    }

    /// <summary>n counts under a branch (a vector); i counts every iteration (a scalar).</summary>
    [Vectorize]
    public static int IncrementInBranch(int x)
    {
        int n = 0;
        int i = 0;
        while (n < 5 && i < 40)
        {
            if (((x >> (i & 31)) & 1) != 0)
            {
                n++;
            }

            i++;
        }

        return n * 100 + i;
    }

    /// <summary>The counter wraps past int.MaxValue as C# does (unchecked) and the loop ends there.</summary>
    [Vectorize]
    public static int WrappingCounter(int x)
    {
        int n = 2147483607;
        while (n > 0 && (x & 1) == 0)
        {
            x >>= 1;
            n++;
        }

        return n;
    }

    /// <summary>A long counter against a uniform long bound.</summary>
    public static long LongCounter(long x, long limit)
    {
        long n = 0;
        while (n < (limit & 31) && x != 0)
        {
            x &= x - 1;
            n++;
        }

        return n;
    }

    [Vectorize(nameof(LongCounter))]
    public static partial void LongCounterEntry(ReadOnlySpan<long> x, long limit, Span<long> destination);

    /// <summary>The counter is also reset in the loop: not a counter the lanes agree on.</summary>
    [Vectorize]
    public static int ResetCounter(int x)
    {
        x &= 1023;
        int n = 0;
        while (n < 10 && x > 0)
        {
            x -= 3;
            n++;
            if (x % 5 == 0)
            {
                n = 0;
            }
        }

        return n * 1000 + (x & 255);
    }

    /// <summary>A uniform division by zero in the ?: branch never taken (found by the random kernels): must not throw.</summary>
    public static long LazyUniformDivision(float x, long v) => (v & 0) == 1 ? v % (v & 0) : (x > 0 ? 1 : 2) * v;

    [Vectorize(nameof(LazyUniformDivision))]
    public static partial void LazyUniformDivisionEntry(ReadOnlySpan<float> x, long v, Span<long> destination);
}
