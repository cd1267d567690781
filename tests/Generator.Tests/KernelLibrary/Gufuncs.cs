using System;
using SourceGen;
using static SourceGen.Loops;

namespace KernelLibrary;

/// <summary>Row-wise operations as generalized ufuncs over stacks of vectors.</summary>
public static partial class Gufuncs
{
    /// <summary>Euclidean norm of a vector.</summary>
    static void L2Norm(ReadOnlySpan<float> x, Span<float> result)
    {
        float sum = 0f;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i] * x[i];
        }

        result[0] = MathF.Sqrt(sum);
    }

    [GuVectorize(nameof(L2Norm), "(n)->()", FastMath = true)]
    public static partial void RowNorms(float[,] x, float[] result);

    /// <summary>Scales a vector to unit length (zero stays zero).</summary>
    static void Normalize(ReadOnlySpan<double> x, Span<double> result)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i] * x[i];
        }

        double scale = sum > 0 ? 1 / Math.Sqrt(sum) : 0;
        for (int i = 0; i < x.Length; i++)
        {
            result[i] = x[i] * scale;
        }
    }

    [GuVectorize(nameof(Normalize), "(n)->(n)", Target = Target.Parallel)]
    public static partial void NormalizeRows(double[,] x, double[,] result);

    /// <summary>Trailing moving average with a window of w samples.</summary>
    static void MovingAverage(ReadOnlySpan<float> x, int window, Span<float> result)
    {
        float sum = 0f;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i];
            if (i >= window)
                sum -= x[i - window];
            result[i] = sum / Math.Min(i + 1, window);
        }
    }

    [GuVectorize(nameof(MovingAverage), "(n),()->(n)")]
    public static partial void MovingAverageRows(float[,] x, int window, float[,] result);

    /// <summary>Pearson correlation of two samples.</summary>
    static void Correlation(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> result)
    {
        int n = x.Length;
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < n; i++)
        {
            sx += x[i];
            sy += y[i];
            sxx += x[i] * x[i];
            syy += y[i] * y[i];
            sxy += x[i] * y[i];
        }

        double cov = sxy - sx * sy / n;
        result[0] = cov / Math.Sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
    }

    [GuVectorize(nameof(Correlation), "(n),(n)->()", FastMath = true)]
    public static partial void Correlations(double[,] x, double[,] y, double[] result);

    /// <summary>Cosine similarity of two embeddings.</summary>
    static void CosineSimilarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result)
    {
        float dot = 0f, na = 0f, nb = 0f;
        for (int i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        result[0] = dot / (MathF.Sqrt(na) * MathF.Sqrt(nb));
    }

    /// <summary>Each embedding of a batch against one query vector.</summary>
    [GuVectorize(nameof(CosineSimilarity), "(n),(n)->()", Target = Target.Parallel, FastMath = true)]
    public static partial void CosineSimilarities(float[,] a, float[] b, float[] result);

    /// <summary>Running total.</summary>
    static void CumulativeSum(ReadOnlySpan<long> x, Span<long> result)
    {
        long total = 0;
        for (int i = 0; i < x.Length; i++)
        {
            total += x[i];
            result[i] = total;
        }
    }

    [GuVectorize(nameof(CumulativeSum), "(n)->(n)")]
    public static partial void CumulativeSums(long[,] x, long[,] result);

    /// <summary>Evaluates a polynomial (coefficients from the highest degree) at x by Horner's rule.</summary>
    static void Horner(ReadOnlySpan<double> coefficients, double x, Span<double> result)
    {
        double value = 0;
        for (int i = 0; i < coefficients.Length; i++)
        {
            value = value * x + coefficients[i];
        }

        result[0] = value;
    }

    [GuVectorize(nameof(Horner), "(n),()->()")]
    public static partial void EvaluatePolynomials(double[,] coefficients, double[] x, double[] result);

    /// <summary>Softmax of a vector, stable (the maximum subtracted first).</summary>
    static void Softmax(ReadOnlySpan<float> x, Span<float> result)
    {
        float max = float.NegativeInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            max = MathF.Max(max, x[i]);
        }

        float sum = 0f;
        for (int i = 0; i < x.Length; i++)
        {
            result[i] = MathF.Exp(x[i] - max);
            sum += result[i];
        }

        for (int i = 0; i < x.Length; i++)
        {
            result[i] /= sum;
        }
    }

    [GuVectorize(nameof(Softmax), "(n)->(n)", Target = Target.Parallel, FastMath = true)]
    public static partial void SoftmaxRows(float[,] x, float[,] result);
}
