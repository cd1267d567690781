using System;
using SourceGen;
using SourceGen.Differential.Tests.Kernels.Library;
using static SourceGen.Loops;

namespace SourceGen.Differential.Tests.Kernels;

/// <summary>
/// Kernels calling helpers as users write them (statements, early returns, loops, another file), inlined into the SIMD
/// code: the entry points must equal the kernels as written, exceptions included.
/// </summary>
public static partial class HelperKernels
{
    // Early returns at two depths and a fall-through that both sides share (lane masks, not selects).
    static double Piecewise(double x)
    {
        double y = x * x;
        if (x < -1)
        {
            if (x < -10)
            {
                return -10;
            }

            y = -y;
        }
        else if (x > 1)
        {
            return Math.Sqrt(x) + y;
        }

        y += 0.5;
        return y * x;
    }

    static float PiecewiseF(float x)
    {
        float y = x * x;
        if (x < -1f)
        {
            if (x < -10f)
                return -10f;
            y = -y;
        }
        else if (x > 1f)
        {
            return MathF.Sqrt(x) + y;
        }

        y += 0.5f;
        return y * x;
    }

    [Vectorize]
    public static double EarlyReturn(double x) => Piecewise(x) - 1;

    [Vectorize]
    public static float EarlyReturnF(float x) => PiecewiseF(x) * 2f;

    // A counted loop with continue and a data-dependent break.
    static double Series(double x)
    {
        double sum = 0, term = 1;
        for (int n = 1; n < 40; n++)
        {
            term *= x / n;
            if (n % 3 == 0)
            {
                continue;
            }

            sum += term;
            if (Math.Abs(term) < 1e-12)
            {
                break;
            }
        }

        return sum;
    }

    // A while loop that reassigns its parameter (the kernel's own n must not change).
    static int Steps(int n)
    {
        int steps = 0;
        while (n > 1 && steps < 50)
        {
            n = (n & 1) == 0 ? n >> 1 : 3 * n + 1;
            steps++;
        }

        return steps;
    }

    [Vectorize]
    public static double Loop(double x) => Series(x) + 1;

    [Vectorize]
    public static int Collatz(int n) => Steps(n) * 2 + (n & 1);

    // Another file, another type.
    [Vectorize]
    public static double OtherFile(double x, double y) => HelperMath.Smooth(x) * y + HelperMath.Smooth(y);

    [Vectorize]
    public static int OtherFileLoop(int n) => HelperMath.Isqrt(n) - n % 7;

    // The same helper three times in one expression: fresh locals for each call.
    [Vectorize]
    public static double Twice(double x, double y) => Piecewise(x) * Piecewise(y) + Piecewise(x + y);

    // In a ?: branch, right of && and right of ||, with a loop helper in a branch (run only where C# runs it).
    [Vectorize]
    public static double Lazy(double x, double y) =>
        x > 0 ? Piecewise(x) : (y < 0 && Piecewise(y) > 2 ? 1.0 : (x < -3 || Series(y) > 1 ? Series(x) : y));

    // Integer division in a helper: it throws only where the kernel evaluates it.
    static int Ratio(int a, int b)
    {
        int q = a / b;
        if (q < 0)
        {
            return -q;
        }

        return q + a % b;
    }

    /// <summary>Never throws: the division runs only where b is neither 0 nor -1.</summary>
    [Vectorize]
    public static int SafeRatio(int a, int b) => b != 0 && b != -1 ? Ratio(a, b) : a;

    /// <summary>Throws DivideByZeroException where a &gt; 0 and b is 0 (a &gt; 0 cannot overflow), and nowhere else.</summary>
    [Vectorize]
    public static int RatioWherePositive(int a, int b) => a > 0 ? Ratio(a, b) : 0;

    /// <summary>Throws where b is 0 or (a, b) = (int.MinValue, -1), as the kernel does.</summary>
    [Vectorize]
    public static int RatioAlways(int a, int b) => Ratio(a, b) + 1;

    // bool and byte results: selects of masks and of narrow lanes.
    static bool InUnit(double x)
    {
        if (x != x)
        {
            return false;
        }

        return x >= 0 && x < 1;
    }

    static byte Clip(int v)
    {
        if (v < 0)
        {
            return 0;
        }

        if (v > 255)
        {
            return 255;
        }

        return (byte)v;
    }

    [Vectorize]
    public static int BoolByte(double x, int v) => (InUnit(x) ? 1 : 0) + Clip(v) * 3;

    // A [Parallel] row loop and a [GuVectorize] core loop that call statement helpers.
    public static void Rows(ReadOnlySpan<double> x, Span<double> y, int width, int height)
    {
        foreach (int r in Prange(height))
        {
            for (int c = 0; c < width; c++)
            {
                double v = x[r * width + c];
                y[r * width + c] = Piecewise(v) + HelperMath.Smooth(v);
            }
        }
    }

    [Parallel(nameof(Rows))]
    public static partial void RowsFast(ReadOnlySpan<double> x, Span<double> y, int width, int height);

    // A Prange loop in SIMD steps whose helper divides only where the ?: takes it (lanes with b 0 or -1 must not throw).
    public static void IntRows(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> y)
    {
        foreach (int i in Prange(a.Length))
        {
            y[i] = b[i] != 0 && b[i] != -1 ? Ratio(a[i], b[i]) : a[i];
        }
    }

    [Parallel(nameof(IntRows))]
    public static partial void IntRowsFast(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> y);

    public static void Row(ReadOnlySpan<double> a, Span<double> result)
    {
        for (int i = 0; i < a.Length; i++)
        {
            result[i] = a[i] > 0 ? Piecewise(a[i]) : HelperMath.Smooth(-a[i]);
        }
    }

    [GuVectorize(nameof(Row), "(n)->(n)")]
    public static partial void RowsGu(double[,] a, double[,] result);

    // Returns from inside loops: each lane leaves at its own iteration, and the rest of the helper runs only for the
    // lanes that did not return.

    [Vectorize]
    public static double Newton(double x) => HelperMath.NewtonSqrt(x) * 2 + 1;

    // A while loop with a return, a break, and a fall-through after the loop.
    static float FirstAbove(float x)
    {
        float v = x;
        int k = 0;
        while (k < 20)
        {
            v = v * 0.75f + 1f;
            if (v > 3.5f)
            {
                return v + k;
            }

            k++;
            if (v < -100f)
            {
                break;
            }
        }

        v -= 0.25f;
        return -v;
    }

    [Vectorize]
    public static float WhileReturn(float x) => FirstAbove(x) - 0.5f;

    // Nested loops: a return in the inner loop (leaving both), one after the inner loop, and lanes that never return.
    static int GridSearch(int n)
    {
        for (int i = 1; i < 8; i++)
        {
            int acc = 0;
            for (int j = 0; j < 8; j++)
            {
                acc += i * j + (n ^ (j * 7));
                if (((acc ^ n) & 31) == 0)
                {
                    return i * 100 + j;
                }

                if (j == i)
                {
                    continue;
                }

                acc ^= j;
            }

            if ((acc & 7) == (n & 7))
            {
                return -i;
            }
        }

        return n & 0xFF;
    }

    [Vectorize]
    public static int NestedReturn(int n) => GridSearch(n) + 3;

    // A loop that returns, in a ?: branch, right of && and in a loop's condition and increment of the kernel.
    [Vectorize]
    public static double LazyNewton(double x, double y) =>
        x > 0 ? HelperMath.NewtonSqrt(x) : (y < 0 && HelperMath.NewtonSqrt(-y) > 2 ? 1.0 : y);

    // Divides by b - i at iteration i: a lane whose q reaches 0 returns before it divides by zero (or overflows), and
    // must not throw for the iterations it skips.
    static int DivideDown(int a, int b)
    {
        int q = a;
        for (int i = 0; i < 6; i++)
        {
            if (q == 0)
            {
                return i;
            }

            q /= b - i;
        }

        return q;
    }

    /// <summary>Throws where the kernel does: DivideByZeroException where some b - i is 0 before q is, OverflowException for int.MinValue / -1.</summary>
    [Vectorize]
    public static int DivideDownAll(int a, int b) => DivideDown(a, b) + 1;

    /// <summary>Never throws: the call runs only where no b - i (i below 6) is 0 or -1.</summary>
    [Vectorize]
    public static int DivideDownSafe(int a, int b) => b > 5 || b < -1 ? DivideDown(a, b) : -7;

    // Helpers with statements in a loop's condition (while, do-while, with && guarding one) and in a for increment.
    static double Damp(double v)
    {
        if (v > 10)
        {
            return v * 0.5;
        }

        return v - 1;
    }

    static int Next(int v)
    {
        if ((v & 1) == 0)
        {
            return v >> 1;
        }

        return 3 * v + 1;
    }

    [Vectorize]
    public static double WhileHelper(double x)
    {
        double y = x;
        int k = 0;
        while (k < 40 && HelperMath.NewtonSqrt(y) > 2)
        {
            y *= 0.5;
            k++;
            if (y < 7)
            {
                continue;
            }

            y -= 1;
        }

        int n = 0;
        do
        {
            y = Damp(y);
            n++;
        }
        while (Damp(y) > 0 && n < 30);

        return y + k * 1000 + n;
    }

    [Vectorize]
    public static int ForHelper(int n)
    {
        int s = 0;
        for (int v = n; v > 1 && s < 200; v = Next(v))
        {
            s++;
            if ((v & 3) == 3)
            {
                continue;
            }

            s += 1000;
        }

        return s;
    }
}
