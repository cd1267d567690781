using BenchmarkDotNet.Attributes;
using SourceGen.Kernels;

namespace SourceGen.Bench;

// Black–Scholes call prices (src/Kernels/Finance.cs): Log, Exp, Sqrt and an inlined normal CDF with a branch
// (Abramowitz–Stegun 26.2.17). The kernel as written in a loop, the generated entry point on one thread and across
// threads; and the same with the CDF as a helper with statements (ScalarStatementCdf, GeneratedStatementCdf). No TensorPrimitives column: it has no per-element select for the CDF's `x < 0 ? 1 - p : p`.

/// <summary>Call prices for N options: spot and strike in [10, 200], time in [0.05, 3], rate 0.03, volatility 0.25.</summary>
public class BlackScholesDouble
{
    [Params(1_000, 64_000, 1_000_000)]
    public int N;

    private double[] _spot = null!, _strike = null!, _time = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _spot = Data.Doubles(N, seed: 1, 10, 200);
        _strike = Data.Doubles(N, seed: 2, 10, 200);
        _time = Data.Doubles(N, seed: 3, 0.05, 3);
        _d = new double[N];
        Verify.Agree(_d, 1e-12, Scalar, Generated, GeneratedParallel, ScalarStatementCdf, GeneratedStatementCdf);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        double[] s = _spot, k = _strike, t = _time, d = _d;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = Finance.BlackScholesCall(s[i], k[i], t[i], 0.03, 0.25);
        }
    }

    [Benchmark]
    public void Generated() => Finance.BlackScholesCall(_spot, _strike, _time, 0.03, 0.25, _d);

    [Benchmark]
    public void GeneratedParallel() => Finance.BlackScholesCallParallel(_spot, _strike, _time, 0.03, 0.25, _d);

    // The normal CDF as a helper with statements (locals, an early return), as written and generated (inlined).
    [Benchmark]
    public void ScalarStatementCdf()
    {
        double[] s = _spot, k = _strike, t = _time, d = _d;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = Finance.BlackScholesCallStatementCdf(s[i], k[i], t[i], 0.03, 0.25);
        }
    }

    [Benchmark]
    public void GeneratedStatementCdf() => Finance.BlackScholesCallStatementCdf(_spot, _strike, _time, 0.03, 0.25, _d);
}

/// <summary>The same in single precision.</summary>
public class BlackScholesFloat
{
    [Params(1_000, 64_000, 1_000_000)]
    public int N;

    private float[] _spot = null!, _strike = null!, _time = null!, _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _spot = Data.Floats(N, seed: 1, 10f, 200f);
        _strike = Data.Floats(N, seed: 2, 10f, 200f);
        _time = Data.Floats(N, seed: 3, 0.05f, 3f);
        _d = new float[N];
        Verify.Agree(_d, 1e-4, Scalar, Generated, GeneratedParallel);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        float[] s = _spot, k = _strike, t = _time, d = _d;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = Finance.BlackScholesCallF(s[i], k[i], t[i], 0.03f, 0.25f);
        }
    }

    [Benchmark]
    public void Generated() => Finance.BlackScholesCall(_spot, _strike, _time, 0.03f, 0.25f, _d);

    [Benchmark]
    public void GeneratedParallel() => Finance.BlackScholesCallParallel(_spot, _strike, _time, 0.03f, 0.25f, _d);
}
