using BenchmarkDotNet.Attributes;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace SourceGen.Bench;

// Single operations: one [Vectorize] kernel against the one TensorPrimitives call that does the same thing.
// Target: Generated >= 0.9x TensorPrimitives' throughput ("vs TP" >= 0.90x); for float arithmetic at 64K,
// Generated >= 4x the scalar loop (Ratio <= 0.25).

/// <summary><c>x * y + z</c> on float.</summary>
public class MulAddFloat : SizedBenchmark
{
    private float[] _x = null!, _y = null!, _z = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Data.Floats(N, seed: 1, -1f, 1f);
        _y = Data.Floats(N, seed: 2, -1f, 1f);
        _z = Data.Floats(N, seed: 3, -1f, 1f);
        _d = new float[N];
        Verify.Agree(_d, 1e-6, Scalar, Generated, TensorPrimitives);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        float[] x = _x, y = _y, z = _z, d = _d;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = BenchKernels.MulAddF(x[i], y[i], z[i]);
        }
    }

    [Benchmark]
    public void Generated() => BenchKernels.MulAddF(_x, _y, _z, _d);

    [Benchmark]
    public void TensorPrimitives() => TP.MultiplyAdd(_x, _y, _z, _d);
}

/// <summary><c>x * y + z</c> on double.</summary>
public class MulAddDouble : SizedBenchmark
{
    private double[] _x = null!, _y = null!, _z = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Data.Doubles(N, seed: 1, -1.0, 1.0);
        _y = Data.Doubles(N, seed: 2, -1.0, 1.0);
        _z = Data.Doubles(N, seed: 3, -1.0, 1.0);
        _d = new double[N];
        Verify.Agree(_d, 1e-14, Scalar, Generated, TensorPrimitives);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        double[] x = _x, y = _y, z = _z, d = _d;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = BenchKernels.MulAddD(x[i], y[i], z[i]);
        }
    }

    [Benchmark]
    public void Generated() => BenchKernels.MulAddD(_x, _y, _z, _d);

    [Benchmark]
    public void TensorPrimitives() => TP.MultiplyAdd(_x, _y, _z, _d);
}

/// <summary><c>MathF.Exp(x)</c>, x in [-10, 10].</summary>
public class ExpFloat : SizedBenchmark
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
            d[i] = BenchKernels.ExpF(x[i]);
        }
    }

    [Benchmark]
    public void Generated() => BenchKernels.ExpF(_x, _d);

    [Benchmark]
    public void TensorPrimitives() => TP.Exp(_x, _d);
}

/// <summary><c>Math.Exp(x)</c>, x in [-10, 10].</summary>
public class ExpDouble : SizedBenchmark
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
            d[i] = BenchKernels.ExpD(x[i]);
        }
    }

    [Benchmark]
    public void Generated() => BenchKernels.ExpD(_x, _d);

    [Benchmark]
    public void TensorPrimitives() => TP.Exp(_x, _d);
}

/// <summary><c>MathF.Sqrt(x)</c>, x in [0, 100].</summary>
public class SqrtFloat : SizedBenchmark
{
    private float[] _x = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Data.Floats(N, seed: 1, 0f, 100f);
        _d = new float[N];
        Verify.Agree(_d, 1e-6, Scalar, Generated, TensorPrimitives);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        float[] x = _x, d = _d;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = BenchKernels.SqrtF(x[i]);
        }
    }

    [Benchmark]
    public void Generated() => BenchKernels.SqrtF(_x, _d);

    [Benchmark]
    public void TensorPrimitives() => TP.Sqrt(_x, _d);
}

/// <summary><c>Math.Sqrt(x)</c>, x in [0, 100].</summary>
public class SqrtDouble : SizedBenchmark
{
    private double[] _x = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Data.Doubles(N, seed: 1, 0.0, 100.0);
        _d = new double[N];
        Verify.Agree(_d, 1e-14, Scalar, Generated, TensorPrimitives);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        double[] x = _x, d = _d;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = BenchKernels.SqrtD(x[i]);
        }
    }

    [Benchmark]
    public void Generated() => BenchKernels.SqrtD(_x, _d);

    [Benchmark]
    public void TensorPrimitives() => TP.Sqrt(_x, _d);
}
