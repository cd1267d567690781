using System;
using SourceGen;

namespace SourceGen.Differential.Tests.Kernels;

/// <summary>
/// The escape-time loop written three ways (the test in the loop condition, an if-break inside
/// <c>while (n &lt; limit)</c>, an early <c>return n</c> from a counted loop) in float and double, on one thread and
/// with Target.Parallel; and loops that mix the ways out (break and return, continue and return, returns from nested
/// and do-while loops, counters read inside and after their loop), which decide which lane masks the generator keeps.
/// The iteration bound is masked so random inputs stay quick.
/// </summary>
public static partial class EscapeTime
{
    public static int ConditionF(float cr, float ci, int maxIter)
    {
        float zr = 0f, zi = 0f;
        int n = 0;
        while (zr * zr + zi * zi < 4f && n < (maxIter & 255))
        {
            float t = zr * zr - zi * zi + cr;
            zi = 2f * zr * zi + ci;
            zr = t;
            n++;
        }

        return n;
    }

    public static int BreakF(float cr, float ci, int maxIter)
    {
        float zr = 0f, zi = 0f;
        int n = 0;
        while (n < (maxIter & 255))
        {
            float zr2 = zr * zr;
            float zi2 = zi * zi;
            if (zr2 + zi2 > 4f)
            {
                break;
            }

            zi = 2f * zr * zi + ci;
            zr = zr2 - zi2 + cr;
            n++;
        }

        return n;
    }

    public static int ReturnF(float cr, float ci, int maxIter)
    {
        float zr = 0f, zi = 0f;
        for (int n = 0; n < (maxIter & 255); n++)
        {
            float zr2 = zr * zr;
            float zi2 = zi * zi;
            if (zr2 + zi2 > 4f)
            {
                return n;
            }

            zi = 2f * zr * zi + ci;
            zr = zr2 - zi2 + cr;
        }

        return maxIter & 255;
    }

    public static int Condition(double cr, double ci, int maxIter)
    {
        double zr = 0, zi = 0;
        int n = 0;
        while (zr * zr + zi * zi < 4 && n < (maxIter & 255))
        {
            double t = zr * zr - zi * zi + cr;
            zi = 2 * zr * zi + ci;
            zr = t;
            n++;
        }

        return n;
    }

    public static int Break(double cr, double ci, int maxIter)
    {
        double zr = 0, zi = 0;
        int n = 0;
        while (n < (maxIter & 255))
        {
            double zr2 = zr * zr;
            double zi2 = zi * zi;
            if (zr2 + zi2 > 4)
            {
                break;
            }

            zi = 2 * zr * zi + ci;
            zr = zr2 - zi2 + cr;
            n++;
        }

        return n;
    }

    public static int Return(double cr, double ci, int maxIter)
    {
        double zr = 0, zi = 0;
        for (int n = 0; n < (maxIter & 255); n++)
        {
            double zr2 = zr * zr;
            double zi2 = zi * zi;
            if (zr2 + zi2 > 4)
            {
                return n;
            }

            zi = 2 * zr * zi + ci;
            zr = zr2 - zi2 + cr;
        }

        return maxIter & 255;
    }

    /// <summary>The return form returning |z|² where it escaped (a float result; NaN lanes run to the end).</summary>
    public static float ReturnModulusF(float cr, float ci, int maxIter)
    {
        float zr = cr, zi = ci;
        for (int n = 0; n < (maxIter & 127); n++)
        {
            float m = zr * zr + zi * zi;
            if (m > 4f)
            {
                return m;
            }

            float t = zr * zr - zi * zi + cr;
            zi = 2f * zr * zi + ci;
            zr = t;
        }

        return -(zr * zr + zi * zi);
    }

    /// <summary>Both a break and a return in one counted loop, and the counter read after it.</summary>
    public static int BreakAndReturn(double x, int limit)
    {
        int n = 0;
        while (n < (limit & 63))
        {
            x = x * 1.5 - 1;
            if (x > 100)
            {
                return n;
            }

            if (x < -100)
            {
                break;
            }

            n++;
        }

        return n + 1000;
    }

    /// <summary>A continue and a return: lanes that continue stay in the loop; the counter is read inside it.</summary>
    public static float ContinueAndReturn(float x, int limit)
    {
        float sum = 0f;
        for (int n = 0; n < (limit & 63); n++)
        {
            x = x * 0.75f + n;
            if (x < 3f)
            {
                continue;
            }

            sum += x;
            if (sum > 500f)
            {
                return sum + n;
            }
        }

        return -sum;
    }

    /// <summary>A return from an inner loop: it leaves both loops; both counters are read in the inner one.</summary>
    public static int NestedReturn(int x, int limit)
    {
        for (int i = 0; i < (limit & 15); i++)
        {
            for (int j = 0; j < 8; j++)
            {
                if (((x >> i) ^ j) % 7 == 5)
                {
                    return i * 8 + j;
                }
            }
        }

        return -1;
    }

    /// <summary>A do-while loop whose only per-lane way out is a return.</summary>
    public static int DoWhileReturn(double x, int limit)
    {
        int n = 0;
        do
        {
            x = x * x - 2;
            n++;
            if (Math.Abs(x) > 1e6)
            {
                return n;
            }
        }
        while (n < (limit & 63));

        return -n;
    }

    /// <summary>
    /// Branch temporaries read only after their assignment in the same block (assigned without a select) beside a
    /// local the next iteration reads (with one), with continue and return between them.
    /// </summary>
    public static double BranchTemporaries(double x, int limit)
    {
        double carried = 1;
        for (int n = 0; n < (limit & 31); n++)
        {
            if (x > carried)
            {
                double t = x - carried;
                if (t > 10)
                {
                    x = x * 0.5;
                    continue;
                }

                double u = t * t;
                carried += u * 0.5;
            }
            else
            {
                double t2 = carried - x;
                if (t2 > 1e6)
                {
                    return t2;
                }

                carried = carried * 0.5 + t2;
            }
        }

        double last = carried - x;
        return last * 2;
    }

    [Vectorize(nameof(ConditionF))] public static partial void ConditionFCpu(ReadOnlySpan<float> cr, ReadOnlySpan<float> ci, int maxIter, Span<int> destination);
    [Vectorize(nameof(ConditionF), Target = Target.Parallel)] public static partial void ConditionFParallel(ReadOnlySpan<float> cr, ReadOnlySpan<float> ci, int maxIter, Span<int> destination);
    [Vectorize(nameof(BreakF))] public static partial void BreakFCpu(ReadOnlySpan<float> cr, ReadOnlySpan<float> ci, int maxIter, Span<int> destination);
    [Vectorize(nameof(BreakF), Target = Target.Parallel)] public static partial void BreakFParallel(ReadOnlySpan<float> cr, ReadOnlySpan<float> ci, int maxIter, Span<int> destination);
    [Vectorize(nameof(ReturnF))] public static partial void ReturnFCpu(ReadOnlySpan<float> cr, ReadOnlySpan<float> ci, int maxIter, Span<int> destination);
    [Vectorize(nameof(ReturnF), Target = Target.Parallel)] public static partial void ReturnFParallel(ReadOnlySpan<float> cr, ReadOnlySpan<float> ci, int maxIter, Span<int> destination);
    [Vectorize(nameof(Condition))] public static partial void ConditionCpu(ReadOnlySpan<double> cr, ReadOnlySpan<double> ci, int maxIter, Span<int> destination);
    [Vectorize(nameof(Condition), Target = Target.Parallel)] public static partial void ConditionParallel(ReadOnlySpan<double> cr, ReadOnlySpan<double> ci, int maxIter, Span<int> destination);
    [Vectorize(nameof(Break))] public static partial void BreakCpu(ReadOnlySpan<double> cr, ReadOnlySpan<double> ci, int maxIter, Span<int> destination);
    [Vectorize(nameof(Break), Target = Target.Parallel)] public static partial void BreakParallel(ReadOnlySpan<double> cr, ReadOnlySpan<double> ci, int maxIter, Span<int> destination);
    [Vectorize(nameof(Return))] public static partial void ReturnCpu(ReadOnlySpan<double> cr, ReadOnlySpan<double> ci, int maxIter, Span<int> destination);
    [Vectorize(nameof(Return), Target = Target.Parallel)] public static partial void ReturnParallel(ReadOnlySpan<double> cr, ReadOnlySpan<double> ci, int maxIter, Span<int> destination);
    [Vectorize(nameof(ReturnModulusF))] public static partial void ReturnModulusFCpu(ReadOnlySpan<float> cr, ReadOnlySpan<float> ci, int maxIter, Span<float> destination);
    [Vectorize(nameof(BreakAndReturn))] public static partial void BreakAndReturnCpu(ReadOnlySpan<double> x, int limit, Span<int> destination);
    [Vectorize(nameof(ContinueAndReturn))] public static partial void ContinueAndReturnCpu(ReadOnlySpan<float> x, int limit, Span<float> destination);
    [Vectorize(nameof(NestedReturn))] public static partial void NestedReturnCpu(ReadOnlySpan<int> x, int limit, Span<int> destination);
    [Vectorize(nameof(BranchTemporaries))] public static partial void BranchTemporariesCpu(ReadOnlySpan<double> x, int limit, Span<double> destination);
    [Vectorize(nameof(DoWhileReturn))] public static partial void DoWhileReturnCpu(ReadOnlySpan<double> x, int limit, Span<int> destination);
}
