using System;
using SourceGen;

namespace SourceGen.Differential.Tests.Kernels;

/// <summary>
/// Kernels of the earlier differential tests again with Target.Gpu: every element type, bool in and out,
/// branches, loops, conversions and the Math functions ILGPU maps. Run on ILGPU's CPU accelerator and compiled
/// to PTX in CI.
/// </summary>
public static partial class Arithmetic
{
    [Vectorize(nameof(Sigmoid), Target = Target.Gpu)] public static partial void SigmoidGpu(ReadOnlySpan<float> x, Span<float> destination);
    [Vectorize(nameof(Softplus), Target = Target.Gpu)] public static partial void SoftplusGpu(ReadOnlySpan<double> x, Span<double> destination);
    [Vectorize(nameof(Polynomial), Target = Target.Gpu)] public static partial void PolynomialGpu(ReadOnlySpan<float> x, Span<float> destination);
    [Vectorize(nameof(IntArithmetic), Target = Target.Gpu)] public static partial void IntArithmeticGpu(ReadOnlySpan<int> x, ReadOnlySpan<int> y, Span<int> destination);
    [Vectorize(nameof(LongArithmetic), Target = Target.Gpu)] public static partial void LongArithmeticGpu(ReadOnlySpan<long> x, ReadOnlySpan<long> y, Span<long> destination);
    [Vectorize(nameof(UIntBits), Target = Target.Gpu)] public static partial void UIntBitsGpu(ReadOnlySpan<uint> x, ReadOnlySpan<uint> y, Span<uint> destination);
    [Vectorize(nameof(ULongShifts), Target = Target.Gpu)] public static partial void ULongShiftsGpu(ReadOnlySpan<ulong> x, Span<ulong> destination);
    [Vectorize(nameof(ByteAverage), Target = Target.Gpu)] public static partial void ByteAverageGpu(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, Span<byte> destination);
    [Vectorize(nameof(ShortMix), Target = Target.Gpu)] public static partial void ShortMixGpu(ReadOnlySpan<short> x, ReadOnlySpan<sbyte> y, Span<short> destination);
    [Vectorize(nameof(Greater), Target = Target.Gpu)] public static partial void GreaterGpu(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<bool> destination);
    [Vectorize(nameof(BoolLogic), Target = Target.Gpu)] public static partial void BoolLogicGpu(ReadOnlySpan<bool> a, ReadOnlySpan<bool> b, Span<bool> destination);
    [Vectorize(nameof(UniformSelect), Target = Target.Gpu)] public static partial void UniformSelectGpu(ReadOnlySpan<double> x, bool flag, Span<double> destination);
    [Vectorize(nameof(MinMax), Target = Target.Gpu)] public static partial void MinMaxGpu(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);
    [Vectorize(nameof(SqrtAbs), Target = Target.Gpu)] public static partial void SqrtAbsGpu(ReadOnlySpan<double> x, Span<double> destination);
    [Vectorize(nameof(CopySignF), Target = Target.Gpu)] public static partial void CopySignFGpu(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination);
    [Vectorize(nameof(Log), Target = Target.Gpu)] public static partial void LogGpu(ReadOnlySpan<double> x, Span<double> destination);
    [Vectorize(nameof(CosF), Target = Target.Gpu)] public static partial void CosFGpu(ReadOnlySpan<float> x, Span<float> destination);
    [Vectorize(nameof(Roundings), Target = Target.Gpu)] public static partial void RoundingsGpu(ReadOnlySpan<double> x, Span<double> destination);
    [Vectorize(nameof(RoundingsF), Target = Target.Gpu)] public static partial void RoundingsFGpu(ReadOnlySpan<float> x, Span<float> destination);
}

public static partial class ControlFlow
{
    [Vectorize(nameof(Piecewise), Target = Target.Gpu)] public static partial void PiecewiseGpu(ReadOnlySpan<double> x, Span<double> destination);
    [Vectorize(nameof(Classify), Target = Target.Gpu)] public static partial void ClassifyGpu(ReadOnlySpan<float> x, Span<int> destination);
    [Vectorize(nameof(CountBits), Target = Target.Gpu)] public static partial void CountBitsGpu(ReadOnlySpan<uint> x, Span<int> destination);
    [Vectorize(nameof(SkipAndStop), Target = Target.Gpu)] public static partial void SkipAndStopGpu(ReadOnlySpan<int> x, Span<int> destination);
}

public static partial class Conversions
{
    [Vectorize(nameof(SingleToUInt16), Target = Target.Gpu)] public static partial void SingleToUInt16Gpu(ReadOnlySpan<float> x, Span<ushort> destination);
    [Vectorize(nameof(UInt64ToSingle), Target = Target.Gpu)] public static partial void UInt64ToSingleGpu(ReadOnlySpan<ulong> x, Span<float> destination);
    [Vectorize(nameof(SByteToUInt64), Target = Target.Gpu)] public static partial void SByteToUInt64Gpu(ReadOnlySpan<sbyte> x, Span<ulong> destination);
}
