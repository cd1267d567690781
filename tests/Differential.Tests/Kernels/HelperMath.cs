using System;

namespace SourceGen.Differential.Tests.Kernels.Library;

/// <summary>Helpers in another file and type (and namespace) than the kernels that call them: inlined all the same.</summary>
public static class HelperMath
{
    /// <summary>Smoothstep of x clamped to [0, 1], with an early return at 0.</summary>
    public static double Smooth(double x)
    {
        double t = Math.Clamp(x, 0.0, 1.0);
        if (t == 0)
        {
            return 0;
        }

        double s = t * t * (3 - 2 * t);
        return s;
    }

    /// <summary>The integer square root by Newton's method: a loop with a data-dependent exit.</summary>
    public static int Isqrt(int n)
    {
        if (n <= 0)
        {
            return 0;
        }

        int r = n;
        while (true)
        {
            int next = (int)(((long)r + n / r) / 2);
            if (next >= r)
            {
                break;
            }

            r = next;
        }

        return r;
    }

    /// <summary>
    /// Newton's square root that returns from inside its loop once it converges: lanes return at different iterations,
    /// and lanes that never converge (NaN, negative, infinite x) fall out of the loop and return -y.
    /// </summary>
    public static double NewtonSqrt(double x)
    {
        double y = x > 1 ? x : 1;
        for (int i = 0; i < 60; i++)
        {
            double next = 0.5 * (y + x / y);
            if (Math.Abs(next - y) <= 1e-12 * y)
            {
                return next;
            }

            y = next;
        }

        return -y;
    }
}

/// <summary>Helpers with out parameters in another file and type: inlined with the caller's locals as their parameters.</summary>
public static class HelperOut
{
    /// <summary>The smaller and the larger of a and b (NaN when either is), written on every path, with an early return.</summary>
    public static void MinMax(double a, double b, out double lo, out double hi)
    {
        if (double.IsNaN(a) || double.IsNaN(b))
        {
            lo = double.NaN;
            hi = double.NaN;
            return;
        }

        if (a <= b)
        {
            lo = a;
            hi = b;
        }
        else
        {
            lo = b;
            hi = a;
        }
    }
}
