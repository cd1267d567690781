using System;
using System.Collections.Concurrent;
using System.Linq;
using SourceGen.Differential.Tests.Harness;
using SourceGen.Differential.Tests.Kernels;
using SourceGen.Gpu;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>
/// The earlier [Vectorize] differential kernels with Target.Gpu on ILGPU's CPU accelerator: a thread per element
/// runs the kernel as written, so results are bit-identical on random and edge-case inputs, every element type,
/// bool in and out. (On a GPU, see README's tolerance: FMA contraction and the device's math functions.)
/// </summary>
[Collection(nameof(GpuTests))]
public sealed class GpuVectorizeTests
{
    private static readonly int[] Lengths = { 0, 1, 2, 3, 17, 64, 65, 1000, 4099 };

    private static void Unary<T, TR>(string name, Entry1<T, TR> entry, Func<T, TR> kernel)
        where T : struct where TR : struct
    {
        var random = new Inputs.SplitMix64(Inputs.Seed ^ (ulong)name.Length * 0x9E3779B97F4A7C15UL);
        foreach (int length in Lengths)
        {
            T[] x = Inputs.Make<T>(length, random);
            TR[] actual = new TR[length];
            entry(x, actual);
            for (int i = 0; i < length; i++)
            {
                Assert.True(Check.Same(kernel(x[i]), actual[i], 0), $"{name}, length {length}, element {i}, seed {Inputs.Seed}, x = {Check.Show(x[i])}: kernel {Check.Show(kernel(x[i]))}, GPU {Check.Show(actual[i])}");
            }
        }
    }

    private static void Binary<T1, T2, TR>(string name, Entry2<T1, T2, TR> entry, Func<T1, T2, TR> kernel)
        where T1 : struct where T2 : struct where TR : struct
    {
        var random = new Inputs.SplitMix64(Inputs.Seed ^ (ulong)name.Length * 0xD1B54A32D192ED03UL);
        foreach (int length in Lengths)
        {
            T1[] x = Inputs.Make<T1>(length, random);
            T2[] y = Inputs.Make<T2>(length, random);
            TR[] actual = new TR[length];
            entry(x, y, actual);
            for (int i = 0; i < length; i++)
            {
                Assert.True(Check.Same(kernel(x[i], y[i]), actual[i], 0), $"{name}, length {length}, element {i}, seed {Inputs.Seed}, x = {Check.Show(x[i])}, y = {Check.Show(y[i])}: kernel {Check.Show(kernel(x[i], y[i]))}, GPU {Check.Show(actual[i])}");
            }
        }
    }

    [Fact]
    public void EarlierKernels_OnTheCpuAccelerator_EqualTheKernels()
    {
        GpuRuntime.Preference = GpuPreference.Cpu;
        try
        {
            Unary<float, float>("sigmoid", Arithmetic.SigmoidGpu, Arithmetic.Sigmoid);
            Unary<double, double>("softplus", Arithmetic.SoftplusGpu, Arithmetic.Softplus);
            Unary<float, float>("polynomial", Arithmetic.PolynomialGpu, Arithmetic.Polynomial);
            Binary<int, int, int>("int arithmetic", Arithmetic.IntArithmeticGpu, Arithmetic.IntArithmetic);
            Binary<long, long, long>("long arithmetic", Arithmetic.LongArithmeticGpu, Arithmetic.LongArithmetic);
            Binary<uint, uint, uint>("uint bits", Arithmetic.UIntBitsGpu, Arithmetic.UIntBits);
            Unary<ulong, ulong>("ulong shifts", Arithmetic.ULongShiftsGpu, Arithmetic.ULongShifts);
            Binary<byte, byte, byte>("byte average", Arithmetic.ByteAverageGpu, Arithmetic.ByteAverage);
            Binary<short, sbyte, short>("short mix", Arithmetic.ShortMixGpu, Arithmetic.ShortMix);
            Binary<double, double, bool>("greater", Arithmetic.GreaterGpu, Arithmetic.Greater);
            Binary<bool, bool, bool>("bool logic", Arithmetic.BoolLogicGpu, Arithmetic.BoolLogic);
            foreach (bool flag in new[] { false, true })
            {
                Unary<double, double>($"uniform select {flag}", (x, d) => Arithmetic.UniformSelectGpu(x, flag, d), x => Arithmetic.UniformSelect(x, flag));
            }

            Binary<double, double, double>("min max", Arithmetic.MinMaxGpu, Arithmetic.MinMax);
            Unary<double, double>("sqrt abs", Arithmetic.SqrtAbsGpu, Arithmetic.SqrtAbs);
            Binary<float, float, float>("copy sign", Arithmetic.CopySignFGpu, Arithmetic.CopySignF);
            Unary<double, double>("log", Arithmetic.LogGpu, Arithmetic.Log);
            Unary<float, float>("cos", Arithmetic.CosFGpu, Arithmetic.CosF);
            Unary<double, double>("roundings", Arithmetic.RoundingsGpu, Arithmetic.Roundings);
            Unary<float, float>("roundings (float)", Arithmetic.RoundingsFGpu, Arithmetic.RoundingsF);
            Unary<double, double>("piecewise", ControlFlow.PiecewiseGpu, ControlFlow.Piecewise);
            Unary<float, int>("classify", ControlFlow.ClassifyGpu, ControlFlow.Classify);
            Unary<uint, int>("count bits", ControlFlow.CountBitsGpu, ControlFlow.CountBits);
            Unary<int, int>("skip and stop", ControlFlow.SkipAndStopGpu, ControlFlow.SkipAndStop);
            Unary<float, ushort>("float to ushort", Conversions.SingleToUInt16Gpu, Conversions.SingleToUInt16);
            Unary<ulong, float>("ulong to float", Conversions.UInt64ToSingleGpu, Conversions.UInt64ToSingle);
            Unary<sbyte, ulong>("sbyte to ulong", Conversions.SByteToUInt64Gpu, Conversions.SByteToUInt64);
        }
        finally
        {
            GpuRuntime.Preference = GpuPreference.Auto;
        }
    }

    [Fact]
    public void CallsFromSeveralThreads_OnOneAccelerator_EachGetTheirOwnResults()
    {
        // Each thread's call holds the accelerator for its upload, launch and download (GpuLease): interleaved on
        // ILGPU's default stream, calls once lost results. Every wrong call is reported with how many of its elements
        // differ (a lost call differs nearly everywhere, an arithmetic difference in a few) and the device then in use.
        GpuRuntime.Preference = GpuPreference.Cpu;
        var failures = new ConcurrentQueue<string>();
        try
        {
            System.Threading.Tasks.Parallel.For(0, 8, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 4 }, thread =>
            {
                var random = new Inputs.SplitMix64(Inputs.Seed + (ulong)thread);
                for (int call = 0; call < 6; call++)
                {
                    float[] x = Inputs.Make<float>(4099, random);
                    float[] actual = new float[x.Length];
                    Arithmetic.PolynomialGpu(x, actual);
                    string device = GpuRuntime.Description;
                    int differ = 0, first = -1;
                    for (int i = 0; i < x.Length; i++)
                    {
                        if (!Check.Same(Arithmetic.Polynomial(x[i]), actual[i], 0))
                        {
                            differ++;
                            first = first < 0 ? i : first;
                        }
                    }

                    if (differ > 0)
                    {
                        failures.Enqueue(
                            $"thread {thread}, call {call}: {differ} of {x.Length} elements differ on {device} (preference {GpuRuntime.Preference}); first, element {first}: " +
                            $"x = {Check.Show(x[first])}, kernel {Check.Show(Arithmetic.Polynomial(x[first]))}, GPU {Check.Show(actual[first])}");
                    }
                }
            });

            Assert.True(failures.IsEmpty, $"seed {Inputs.Seed}:\n{string.Join("\n", failures)}");
            Assert.Equal("CPU CPUAccelerator", GpuRuntime.Description);
        }
        finally
        {
            GpuRuntime.Preference = GpuPreference.Auto;
        }
    }

    /// <summary>
    /// <see cref="UserNames.AffineGpu"/> (uniforms named like the generated code's own names) on ILGPU's CPU accelerator
    /// and on the CPU path. Here, not in <see cref="UserNameTests"/>: which one a Target.Gpu call takes is the process-wide
    /// <see cref="GpuRuntime.Preference"/> that this collection's tests set, so every test that calls a Target.Gpu entry
    /// point belongs to this collection (a call from another collection could run on either, or throw while a test
    /// asks for a missing CUDA device).
    /// </summary>
    [Theory]
    [InlineData(GpuPreference.Cpu)]
    [InlineData(GpuPreference.None)]
    public void UniformsNamedStartAndCount_AreTheUsersValues(GpuPreference preference)
    {
        GpuRuntime.Preference = preference;
        try
        {
            foreach (int length in new[] { 0, 1, 37, 100_003 })
            {
                var random = new Random(length);
                float[] x = Enumerable.Range(0, length).Select(_ => (float)random.NextDouble()).ToArray();
                float[] xRef = Enumerable.Range(0, length).Select(_ => (float)random.NextDouble()).ToArray();
                float[] expected = x.Select((v, i) => UserNames.Affine(v, xRef[i], 3f, 5f, 7f, 11f, 13f)).ToArray();
                float[] gpu = new float[length];
                UserNames.AffineGpu(x, xRef, 3f, 5f, 7f, 11f, 13f, gpu);
                Assert.Equal(expected, gpu);
            }

            Assert.Equal(preference == GpuPreference.Cpu ? "CPU CPUAccelerator" : "CPU path", GpuRuntime.Description);
        }
        finally
        {
            GpuRuntime.Preference = GpuPreference.Auto;
        }
    }
}
