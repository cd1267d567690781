using System;
using SourceGen;
using static SourceGen.Loops;

namespace KernelLibrary;

/// <summary>Neural-network activation functions, as a user would write them for a float inference loop.</summary>
public static partial class Activations
{
    [Vectorize]
    public static float Relu(float x) => MathF.Max(x, 0f);

    static float LeakyRelu(float x, float slope) => x > 0f ? x : slope * x;

    [Vectorize(nameof(LeakyRelu))]
    public static partial void LeakyRelu(ReadOnlySpan<float> x, float slope, Span<float> destination);

    /// <summary>ELU: smooth for negative inputs, identity above zero.</summary>
    static double Elu(double x, double alpha)
    {
        if (x > 0)
            return x;
        return alpha * (Math.Exp(x) - 1);
    }

    [Vectorize(nameof(Elu))]
    public static partial void Elu(ReadOnlySpan<double> x, double alpha, Span<double> destination);

    /// <summary>Softplus, log(1 + e^x), with the usual guard against overflow for large x.</summary>
    [Vectorize]
    public static float Softplus(float x) => x > 20f ? x : MathF.Log(1f + MathF.Exp(x));

    /// <summary>GELU, the tanh approximation used by BERT and GPT-2.</summary>
    [Vectorize]
    public static float Gelu(float x) => 0.5f * x * (1f + MathF.Tanh(0.7978845608f * (x + 0.044715f * x * x * x)));

    static float Swish(float x, float beta) => x / (1f + MathF.Exp(-beta * x));

    /// <summary>Swish over large activations: split across threads.</summary>
    [Vectorize(nameof(Swish), Target = Target.Parallel)]
    public static partial void Swish(ReadOnlySpan<float> x, float beta, Span<float> destination);

    [Vectorize]
    public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    /// <summary>Hard sigmoid (MobileNetV3): a cheap piecewise-linear sigmoid.</summary>
    [Vectorize]
    public static float HardSigmoid(float x) => Math.Clamp(x / 6f + 0.5f, 0f, 1f);

    /// <summary>Hard swish: x * relu6(x + 3) / 6.</summary>
    [Vectorize]
    public static float HardSwish(float x) => x * MathF.Min(MathF.Max(x + 3f, 0f), 6f) / 6f;
}
