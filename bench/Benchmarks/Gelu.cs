using BenchmarkDotNet.Attributes;
using SourceGen.Kernels;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace SourceGen.Bench;

// GELU, tanh form (src/Kernels/Activations.cs, one generic kernel): the kernel as written in a loop, the generated
// entry point on one thread and across threads, and the TensorPrimitives chain a user would write (8 passes, in place).

/// <summary>GELU on float, x in [-6, 6].</summary>
public class GeluFloat
{
    [Params(1_000, 64_000, 1_000_000)]
    public int N;

    private float[] _x = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Data.Floats(N, seed: 1, -6f, 6f);
        _d = new float[N];
        Verify.Agree(_d, 1e-5, Scalar, Generated, GeneratedParallel, TensorPrimitives);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        float[] x = _x, d = _d;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = Activations.Gelu(x[i]);
        }
    }

    [Benchmark]
    public void Generated() => Activations.Gelu(_x, _d);

    [Benchmark]
    public void GeneratedParallel() => Activations.GeluParallel(_x, _d);

    /// <summary>x³, x + 0.044715·x³, ·√(2/π), tanh, +1, ·x, ·0.5.</summary>
    [Benchmark]
    public void TensorPrimitives()
    {
        TP.Multiply(_x, _x, _d);
        TP.Multiply(_d, _x, _d);
        TP.MultiplyAdd(_d, 0.044715f, _x, _d);
        TP.Multiply(_d, 0.7978845608028654f, _d);
        TP.Tanh(_d, _d);
        TP.Add(_d, 1f, _d);
        TP.Multiply(_d, _x, _d);
        TP.Multiply(_d, 0.5f, _d);
    }
}

/// <summary>GELU on double, x in [-6, 6].</summary>
public class GeluDouble
{
    [Params(1_000, 64_000, 1_000_000)]
    public int N;

    private double[] _x = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Data.Doubles(N, seed: 1, -6, 6);
        _d = new double[N];
        Verify.Agree(_d, 1e-12, Scalar, Generated, GeneratedParallel, TensorPrimitives);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        double[] x = _x, d = _d;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = Activations.Gelu(x[i]);
        }
    }

    [Benchmark]
    public void Generated() => Activations.Gelu(_x, _d);

    [Benchmark]
    public void GeneratedParallel() => Activations.GeluParallel(_x, _d);

    [Benchmark]
    public void TensorPrimitives()
    {
        TP.Multiply(_x, _x, _d);
        TP.Multiply(_d, _x, _d);
        TP.MultiplyAdd(_d, 0.044715, _x, _d);
        TP.Multiply(_d, 0.7978845608028654, _d);
        TP.Tanh(_d, _d);
        TP.Add(_d, 1.0, _d);
        TP.Multiply(_d, _x, _d);
        TP.Multiply(_d, 0.5, _d);
    }
}

/// <summary>The seed's log10 of 10^7 doubles in (0, 1]: generated Target.Parallel and Target.Cpu against TensorPrimitives.Log10 (one thread).</summary>
public class Log10Seed
{
    private double[] _x = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Data.Doubles(10_000_000, seed: 1, 1e-9, 1);
        _d = new double[_x.Length];
        Verify.Agree(_d, 1e-14, Scalar, GeneratedParallel, GeneratedCpu, TensorPrimitives);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        double[] x = _x, d = _d;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = System.Math.Log10(x[i]);
        }
    }

    [Benchmark]
    public void GeneratedParallel() => Activations.Log10Parallel(_x, _d);

    [Benchmark]
    public void GeneratedCpu() => Activations.Log10Cpu(_x, _d);

    [Benchmark]
    public void TensorPrimitives() => TP.Log10(_x, _d);
}
