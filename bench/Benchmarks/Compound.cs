using BenchmarkDotNet.Attributes;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace SourceGen.Bench;

// Compound kernels: one fused [Vectorize] kernel (every intermediate stays in registers, one pass over memory)
// against the chain of TensorPrimitives calls a user would write (one pass over memory per call, in place in
// the destination where possible). Target: Generated >= 1.5x the chain's throughput ("vs TP" >= 1.50x).

/// <summary>Sigmoid <c>1 / (1 + e^-x)</c> on float, x in [-10, 10].</summary>
public class SigmoidFloat : SizedBenchmark
{
    private float[] _x = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Data.Floats(N, seed: 1, -10f, 10f);
        _d = new float[N];
        Verify.Agree(_d, 1e-5, Scalar, Generated, TensorPrimitives, TensorPrimitivesSigmoid);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        float[] x = _x, d = _d;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = BenchKernels.SigmoidF(x[i]);
        }
    }

    [Benchmark]
    public void Generated() => BenchKernels.SigmoidF(_x, _d);

    /// <summary>The chain: -x, e^, +1, 1/ — four passes.</summary>
    [Benchmark]
    public void TensorPrimitives()
    {
        TP.Negate(_x, _d);
        TP.Exp(_d, _d);
        TP.Add(_d, 1f, _d);
        TP.Reciprocal(_d, _d);
    }

    /// <summary>TensorPrimitives' own fused Sigmoid.</summary>
    [Benchmark]
    public void TensorPrimitivesSigmoid() => TP.Sigmoid(_x, _d);
}

/// <summary>Sigmoid <c>1 / (1 + e^-x)</c> on double, x in [-10, 10].</summary>
public class SigmoidDouble : SizedBenchmark
{
    private double[] _x = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Data.Doubles(N, seed: 1, -10.0, 10.0);
        _d = new double[N];
        Verify.Agree(_d, 1e-12, Scalar, Generated, TensorPrimitives, TensorPrimitivesSigmoid);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        double[] x = _x, d = _d;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = BenchKernels.SigmoidD(x[i]);
        }
    }

    [Benchmark]
    public void Generated() => BenchKernels.SigmoidD(_x, _d);

    /// <summary>The chain: -x, e^, +1, 1/ — four passes.</summary>
    [Benchmark]
    public void TensorPrimitives()
    {
        TP.Negate(_x, _d);
        TP.Exp(_d, _d);
        TP.Add(_d, 1.0, _d);
        TP.Reciprocal(_d, _d);
    }

    /// <summary>TensorPrimitives' own fused Sigmoid.</summary>
    [Benchmark]
    public void TensorPrimitivesSigmoid() => TP.Sigmoid(_x, _d);
}

/// <summary>Softplus <c>log(1 + e^x)</c> on float, x in [-10, 10].</summary>
public class SoftplusFloat : SizedBenchmark
{
    private float[] _x = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Data.Floats(N, seed: 1, -10f, 10f);
        _d = new float[N];
        Verify.Agree(_d, 1e-5, Scalar, Generated, TensorPrimitives);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        float[] x = _x, d = _d;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = BenchKernels.SoftplusF(x[i]);
        }
    }

    [Benchmark]
    public void Generated() => BenchKernels.SoftplusF(_x, _d);

    /// <summary>The chain: e^, +1, log — three passes.</summary>
    [Benchmark]
    public void TensorPrimitives()
    {
        TP.Exp(_x, _d);
        TP.Add(_d, 1f, _d);
        TP.Log(_d, _d);
    }
}

/// <summary>Softplus <c>log(1 + e^x)</c> on double, x in [-10, 10].</summary>
public class SoftplusDouble : SizedBenchmark
{
    private double[] _x = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Data.Doubles(N, seed: 1, -10.0, 10.0);
        _d = new double[N];
        Verify.Agree(_d, 1e-12, Scalar, Generated, TensorPrimitives);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        double[] x = _x, d = _d;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = BenchKernels.SoftplusD(x[i]);
        }
    }

    [Benchmark]
    public void Generated() => BenchKernels.SoftplusD(_x, _d);

    /// <summary>The chain: e^, +1, log — three passes.</summary>
    [Benchmark]
    public void TensorPrimitives()
    {
        TP.Exp(_x, _d);
        TP.Add(_d, 1.0, _d);
        TP.Log(_d, _d);
    }
}

/// <summary>Degree-5 polynomial in Horner form on float, x in [-2, 2].</summary>
public class PolyFloat : SizedBenchmark
{
    private float[] _x = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Data.Floats(N, seed: 1, -2f, 2f);
        _d = new float[N];
        Verify.Agree(_d, 1e-5, Scalar, Generated, TensorPrimitives);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        float[] x = _x, d = _d;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = BenchKernels.PolyF(x[i]);
        }
    }

    [Benchmark]
    public void Generated() => BenchKernels.PolyF(_x, _d);

    /// <summary>Horner as a chain: p5*x, +p4, then four (d*x + p) — six passes.</summary>
    [Benchmark]
    public void TensorPrimitives()
    {
        TP.Multiply(_x, BenchKernels.P5F, _d);
        TP.Add(_d, BenchKernels.P4F, _d);
        TP.MultiplyAdd(_d, _x, BenchKernels.P3F, _d);
        TP.MultiplyAdd(_d, _x, BenchKernels.P2F, _d);
        TP.MultiplyAdd(_d, _x, BenchKernels.P1F, _d);
        TP.MultiplyAdd(_d, _x, BenchKernels.P0F, _d);
    }
}

/// <summary>Degree-5 polynomial in Horner form on double, x in [-2, 2].</summary>
public class PolyDouble : SizedBenchmark
{
    private double[] _x = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Data.Doubles(N, seed: 1, -2.0, 2.0);
        _d = new double[N];
        Verify.Agree(_d, 1e-12, Scalar, Generated, TensorPrimitives);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        double[] x = _x, d = _d;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = BenchKernels.PolyD(x[i]);
        }
    }

    [Benchmark]
    public void Generated() => BenchKernels.PolyD(_x, _d);

    /// <summary>Horner as a chain: p5*x, +p4, then four (d*x + p) — six passes.</summary>
    [Benchmark]
    public void TensorPrimitives()
    {
        TP.Multiply(_x, BenchKernels.P5D, _d);
        TP.Add(_d, BenchKernels.P4D, _d);
        TP.MultiplyAdd(_d, _x, BenchKernels.P3D, _d);
        TP.MultiplyAdd(_d, _x, BenchKernels.P2D, _d);
        TP.MultiplyAdd(_d, _x, BenchKernels.P1D, _d);
        TP.MultiplyAdd(_d, _x, BenchKernels.P0D, _d);
    }
}

/// <summary>Relative difference <c>|x - y| / (|x| + |y| + 1e-12)</c> on float, x and y in [-1, 1].</summary>
public class RelFloat : SizedBenchmark
{
    private float[] _x = null!, _y = null!, _d = null!, _t = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Data.Floats(N, seed: 1, -1f, 1f);
        _y = Data.Floats(N, seed: 2, -1f, 1f);
        _d = new float[N];
        _t = new float[N];
        Verify.Agree(_d, 1e-6, Scalar, Generated, TensorPrimitives);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        float[] x = _x, y = _y, d = _d;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = BenchKernels.RelF(x[i], y[i]);
        }
    }

    [Benchmark]
    public void Generated() => BenchKernels.RelF(_x, _y, _d);

    /// <summary>The chain, with one temporary: |x|, |y|, +, +eps, x-y, ||, / — seven passes.</summary>
    [Benchmark]
    public void TensorPrimitives()
    {
        TP.Abs(_x, _d);
        TP.Abs(_y, _t);
        TP.Add(_d, _t, _d);
        TP.Add(_d, 1e-12f, _d);
        TP.Subtract(_x, _y, _t);
        TP.Abs(_t, _t);
        TP.Divide(_t, _d, _d);
    }
}

/// <summary>Relative difference <c>|x - y| / (|x| + |y| + 1e-12)</c> on double, x and y in [-1, 1].</summary>
public class RelDouble : SizedBenchmark
{
    private double[] _x = null!, _y = null!, _d = null!, _t = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Data.Doubles(N, seed: 1, -1.0, 1.0);
        _y = Data.Doubles(N, seed: 2, -1.0, 1.0);
        _d = new double[N];
        _t = new double[N];
        Verify.Agree(_d, 1e-14, Scalar, Generated, TensorPrimitives);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        double[] x = _x, y = _y, d = _d;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = BenchKernels.RelD(x[i], y[i]);
        }
    }

    [Benchmark]
    public void Generated() => BenchKernels.RelD(_x, _y, _d);

    /// <summary>The chain, with one temporary: |x|, |y|, +, +eps, x-y, ||, / — seven passes.</summary>
    [Benchmark]
    public void TensorPrimitives()
    {
        TP.Abs(_x, _d);
        TP.Abs(_y, _t);
        TP.Add(_d, _t, _d);
        TP.Add(_d, 1e-12, _d);
        TP.Subtract(_x, _y, _t);
        TP.Abs(_t, _t);
        TP.Divide(_t, _d, _d);
    }
}
