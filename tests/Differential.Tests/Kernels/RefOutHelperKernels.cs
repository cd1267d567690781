using System;
using SourceGen;
using SourceGen.Differential.Tests.Kernels.Library;
using static SourceGen.Loops;

namespace SourceGen.Differential.Tests.Kernels;

/// <summary>
/// Kernels calling helpers with ref, out and in parameters as users write them: inlined with the kernel's locals as the
/// parameters (C#'s aliasing), so every write is seen by the kernel at once. The entry points must equal the kernels as
/// written, exceptions included.
/// </summary>
public static partial class RefOutHelperKernels
{
    static void SinCos(double x, out double s, out double c)
    {
        s = Math.Sin(x);
        c = Math.Cos(x);
    }

    static void RootAndSquare(double x, out double root, out double square)
    {
        root = Math.Sqrt(x);
        square = x * x;
    }

    /// <summary>Out parameters declared at the call ('out double', 'out var') and a discard.</summary>
    [Vectorize]
    public static double OutOnAllPaths(double x, double y)
    {
        RootAndSquare(x, out double r, out var sq);
        RootAndSquare(y, out _, out double ysq);
        return r * 3 + sq - ysq;
    }

    [Vectorize]
    public static double SinOfSinCos(double x)
    {
        SinCos(x, out var s, out _);
        return s;
    }

    [Vectorize]
    public static double CosOfSinCos(double x)
    {
        SinCos(x, out _, out double c);
        return c;
    }

    // A void helper that returns early, and writes its outs under branches.
    static void Split(double x, out double whole, out double fraction)
    {
        if (x < 0)
        {
            whole = Math.Ceiling(x);
            fraction = x - whole;
            return;
        }

        whole = Math.Floor(x);
        if (whole == x)
        {
            fraction = 0;
            return;
        }

        fraction = x - whole;
    }

    [Vectorize]
    public static double SplitParts(double x)
    {
        Split(x, out double w, out double f);
        return w * 0.5 + f;
    }

    // The Try pattern: an early return with the out written first.
    static bool TrySolve(double a, double b, out double root)
    {
        if (a == 0)
        {
            root = double.NaN;
            return false;
        }

        root = -b / a;
        return true;
    }

    [Vectorize]
    public static double Try(double a, double b) => TrySolve(a, b, out double root) ? root : -1;

    /// <summary>'out r' into a local the kernel assigned before; the kernel reads it after either outcome.</summary>
    [Vectorize]
    public static double TryExisting(double a, double b)
    {
        double r = 5;
        bool solved = TrySolve(a, b, out r);
        return solved ? r + 1 : r * 2;
    }

    /// <summary>Under &amp;&amp; and ?:: the helper runs (and writes the kernel's locals) only where C# calls it.</summary>
    [Vectorize]
    public static double TryMasked(double a, double b)
    {
        double r = 7;
        if (a > 0 && TrySolve(a, b, out r))
        {
            r += 100;
        }

        double q = b < 0 ? (TrySolve(b, a, out var s) ? s : -2) : 3;
        double first = r;
        double last = a < 1 || TrySolve(a - 1, b, out r) ? r : -r;
        return first + q * 1000 + last * 1e6 + r;
    }

    // A ref accumulated in the kernel's loop, through a branch.
    static void Accumulate(ref double sum, double x)
    {
        if (x > 0)
        {
            sum += x;
        }
        else
        {
            sum -= x * 0.5;
        }
    }

    [Vectorize]
    public static double AccumulateLoop(double x, double y)
    {
        double sum = 0;
        for (int i = 0; i < 9; i++)
        {
            Accumulate(ref sum, x * i + y);
            if (sum > 1e300)
            {
                break;
            }
        }

        return sum;
    }

    // Swap as users write it: a tuple and a temporary; and passed the same local twice (the parameters alias each other).
    static void Swap(ref double a, ref double b) => (a, b) = (b, a);

    static void SwapTemp(ref double a, ref double b)
    {
        double t = a;
        a = b;
        b = t;
    }

    [Vectorize]
    public static double SwapSort(double x, double y)
    {
        double a = x, b = y;
        if (a > b)
        {
            Swap(ref a, ref b);
        }

        double c = a * 2, d = b;
        SwapTemp(ref c, ref d);
        SwapTemp(ref c, ref c);
        Swap(ref d, ref d);
        return a + b * 10 + c * 100 + d * 1000;
    }

    // A helper in another file with out parameters.
    [Vectorize]
    public static double OtherFileOut(double x, double y)
    {
        HelperOut.MinMax(x, y, out double lo, out double hi);
        return hi - lo * 0.5;
    }

    // Integer division in helpers with outs: it throws exactly where the kernel makes the call with a bad divisor.
    static bool TryDivide(int a, int b, out int quotient)
    {
        if (b == 0)
        {
            quotient = 0;
            return false;
        }

        quotient = a / b;
        return true;
    }

    static void DivMod(int a, int b, out int quotient, out int remainder)
    {
        quotient = a / b;
        remainder = a - quotient * b;
    }

    /// <summary>Throws OverflowException for (int.MinValue, -1) only (a zero divisor returns false).</summary>
    [Vectorize]
    public static int DivideTry(int a, int b) => TryDivide(a, b, out int q) ? q : -1;

    /// <summary>Throws where b is 0 or (a, b) is (int.MinValue, -1), as the kernel does.</summary>
    [Vectorize]
    public static int DivModAll(int a, int b)
    {
        DivMod(a, b, out int q, out int r);
        return q * 3 + r;
    }

    /// <summary>Never throws: the call runs only where b &gt; 0.</summary>
    [Vectorize]
    public static int DivModWherePositive(int a, int b)
    {
        int q = -1, r = -1;
        if (b > 0)
        {
            DivMod(a, b, out q, out r);
        }

        return q + r * 7;
    }

    static bool Positive(int a, int b, out int quotient)
    {
        quotient = a / b;
        return quotient > 0;
    }

    /// <summary>Under &amp;&amp;: never throws (the call runs only where b is neither 0 nor -1).</summary>
    [Vectorize]
    public static int DivideMaskedSafe(int a, int b) => b != 0 && b != -1 && Positive(a, b, out int q) ? q : 0;

    /// <summary>Under &amp;&amp;: throws DivideByZeroException only where a &gt; 0 and b is 0.</summary>
    [Vectorize]
    public static int DivideMasked(int a, int b) => a > 0 && Positive(a, b, out int q) ? q : -a;

    // A ref written in the helper's loop, which returns from inside the loop: the kernel sees the value at the exit.
    static bool Escapes(ref double z, double c)
    {
        for (int i = 0; i < 20; i++)
        {
            z = z * z + c;
            if (Math.Abs(z) > 2)
            {
                return true;
            }
        }

        return false;
    }

    [Vectorize]
    public static double EscapeValue(double c)
    {
        double z = 0;
        return Escapes(ref z, c) ? z : -z;
    }

    // Digits: outs counted in a loop; a by-value parameter the helper changes (the kernel's n must not change).
    static void Digits(int n, out int count, out int sum)
    {
        count = 0;
        sum = 0;
        while (n != 0)
        {
            sum += n % 10;
            n /= 10;
            count++;
        }
    }

    [Vectorize]
    public static int DigitStats(int n)
    {
        Digits(n, out int count, out int sum);
        return count * 1000 + sum + (n & 1);
    }

    // in, ref of a kernel parameter, nested helpers passing their refs on, a by-value parameter passed by ref, and the
    // same local by value and by ref in one call (the value is read before the helper changes the local).
    static double Scaled(in double x, double k) => x * k;

    static void Clamp01(ref double v)
    {
        if (v < 0)
        {
            v = 0;
        }
        else if (v > 1)
        {
            v = 1;
        }
    }

    static void AccumulateTwice(ref double sum, double x)
    {
        Accumulate(ref sum, x);
        Accumulate(ref sum, -x * 0.25);
    }

    static double Bumped(double v)
    {
        Accumulate(ref v, v);
        return v;
    }

    static double AddTo(double v, ref double acc)
    {
        acc += 1;
        return v + acc;
    }

    [Vectorize]
    public static double RefMix(double x, double y)
    {
        Clamp01(ref x);
        double s = y;
        AccumulateTwice(ref s, x + 0.5);
        double t = s;
        double u = Bumped(t);
        double w = AddTo(t, ref t);
        return Scaled(in x, 3) + Scaled(s, 2) + u * 5 + t * 7 + w * 11;
    }

    // A ref helper in a for increment, and a deconstruction in the kernel.
    static void Advance(ref int i, int step)
    {
        i += step;
        if ((i & 3) == 3)
        {
            i++;
        }
    }

    [Vectorize]
    public static int IncrementHelper(int n)
    {
        int s = 0, step = (n & 3) + 1;
        for (int i = 0; i < (n & 63); Advance(ref i, step))
        {
            s += i;
        }

        (int a, int b) = (s, n);
        (a, b) = (b ^ 5, a);
        return a + b * 3;
    }

    // A [Parallel] loop whose body passes its own locals by ref and out.
    public static void ClampRows(ReadOnlySpan<double> x, Span<double> y)
    {
        foreach (int i in Prange(x.Length))
        {
            double v = x[i];
            Clamp01(ref v);
            RootAndSquare(v, out double r, out _);
            y[i] = v + r;
        }
    }

    [Parallel(nameof(ClampRows))]
    public static partial void ClampRowsFast(ReadOnlySpan<double> x, Span<double> y);
}
