using SourceGen.Differential.Tests.Harness;
using SourceGen.Differential.Tests.Kernels;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>Generated entry points against their kernels, on the vector width this process selects.</summary>
public sealed class ArithmeticTests
{
    // Vector math functions differ from the C runtime's by rounding only; the bound is stated in the README.
    private const int TranscendentalUlps = 4;

    /// <summary>
    /// Vector128.Log2(double) without AVX2 (no FMA) reaches 5 ulps: 20M random inputs, worst 5 near x = 1.35
    /// (4 with AVX2 or AVX-512). Seen in CI as a 5-ulp miss at x = 1.4055976062320497.
    /// </summary>
    private const int Log2Ulps = 5;

    // log(1 + exp(x)) amplifies a last-bit difference of exp where 1 + exp(x) is close to 1: the kernel's own
    // conditioning, not the lowering's. Bound: a few ulps of 1 + exp(x), i.e. 1e-15 absolute near zero.
    private const double SoftplusAbsolute = 1e-15;

    [Fact] public void Rel() => Check.Binary<double, double, double>(nameof(Rel), Arithmetic.Rel, Arithmetic.Rel);
    [Fact] public void RelUniform() => Check.VaryingUniform<double, double, double>(nameof(RelUniform), Arithmetic.Rel, Arithmetic.Rel);
    [Fact] public void Sigmoid() => Check.Unary<float, float>(nameof(Sigmoid), Arithmetic.Sigmoid, Arithmetic.Sigmoid, TranscendentalUlps);
    [Fact] public void Softplus() => Check.Unary<double, double>(nameof(Softplus), Arithmetic.Softplus, Arithmetic.Softplus, TranscendentalUlps, SoftplusAbsolute);
    [Fact] public void Polynomial() => Check.Unary<float, float>(nameof(Polynomial), Arithmetic.Polynomial, Arithmetic.Polynomial);
    [Fact] public void MultiplyAdd() => Check.Ternary<double, double, double, double>(nameof(MultiplyAdd), Arithmetic.MultiplyAdd, Arithmetic.MultiplyAdd);
    [Fact] public void Locals() => Check.Binary<double, double, double>(nameof(Locals), Arithmetic.Locals, Arithmetic.Locals);
    [Fact] public void ReassignParameters() => Check.VaryingVaryingUniform<double, double, double, double>(nameof(ReassignParameters), Arithmetic.ReassignParametersEntry, Arithmetic.ReassignParameters);
    [Fact] public void FloatWithDoubleLiteral() => Check.Unary<float, float>(nameof(FloatWithDoubleLiteral), Arithmetic.FloatWithDoubleLiteral, Arithmetic.FloatWithDoubleLiteral);
    [Fact] public void IntArithmetic() => Check.Binary<int, int, int>(nameof(IntArithmetic), Arithmetic.IntArithmetic, Arithmetic.IntArithmetic);
    [Fact] public void LongArithmetic() => Check.Binary<long, long, long>(nameof(LongArithmetic), Arithmetic.LongArithmetic, Arithmetic.LongArithmetic);
    [Fact] public void UIntBits() => Check.Binary<uint, uint, uint>(nameof(UIntBits), Arithmetic.UIntBits, Arithmetic.UIntBits);
    [Fact] public void SignedShifts() => Check.Unary<int, int>(nameof(SignedShifts), Arithmetic.SignedShifts, Arithmetic.SignedShifts);
    [Fact] public void ULongShifts() => Check.Unary<ulong, ulong>(nameof(ULongShifts), Arithmetic.ULongShifts, Arithmetic.ULongShifts);
    [Fact] public void ByteAverage() => Check.Binary<byte, byte, byte>(nameof(ByteAverage), Arithmetic.ByteAverage, Arithmetic.ByteAverage);
    [Fact] public void ShortMix() => Check.Binary<short, sbyte, short>(nameof(ShortMix), Arithmetic.ShortMix, Arithmetic.ShortMix);
    [Fact] public void UShortCompound() => Check.Unary<ushort, ushort>(nameof(UShortCompound), Arithmetic.UShortCompound, Arithmetic.UShortCompound);
    [Fact] public void MixedWidth() => Check.Ternary<byte, int, float, double>(nameof(MixedWidth), Arithmetic.MixedWidth, Arithmetic.MixedWidth);
    [Fact] public void ByteToFloatScale() => Check.Unary<byte, float>(nameof(ByteToFloatScale), Arithmetic.ByteToFloatScale, Arithmetic.ByteToFloatScale);
    [Fact] public void DoubleToIntRound() => Check.Unary<double, int>(nameof(DoubleToIntRound), Arithmetic.DoubleToIntRound, Arithmetic.DoubleToIntRound);
    [Fact] public void Greater() => Check.Binary<double, double, bool>(nameof(Greater), Arithmetic.Greater, Arithmetic.Greater);
    [Fact] public void InRange() => Check.Unary<float, bool>(nameof(InRange), Arithmetic.InRange, Arithmetic.InRange);
    [Fact] public void IntPredicates() => Check.Binary<int, int, bool>(nameof(IntPredicates), Arithmetic.IntPredicates, Arithmetic.IntPredicates);
    [Fact] public void SelectByBool() => Check.Binary<bool, double, double>(nameof(SelectByBool), Arithmetic.SelectByBool, Arithmetic.SelectByBool);
    [Fact] public void BoolLogic() => Check.Binary<bool, bool, bool>(nameof(BoolLogic), Arithmetic.BoolLogic, Arithmetic.BoolLogic);
    [Fact] public void SelectFloat() => Check.Binary<float, float, float>(nameof(SelectFloat), Arithmetic.SelectFloat, Arithmetic.SelectFloat);
    [Fact] public void SelectByDoubleCompare() => Check.Binary<double, long, long>(nameof(SelectByDoubleCompare), Arithmetic.SelectByDoubleCompare, Arithmetic.SelectByDoubleCompare);
    [Fact] public void SelectBytes() => Check.Binary<byte, byte, byte>(nameof(SelectBytes), Arithmetic.SelectBytes, Arithmetic.SelectBytes);
    [Fact] public void UniformExpressions() => Check.VaryingUniform<float, float, float>(nameof(UniformExpressions), Arithmetic.UniformExpressionsEntry, Arithmetic.UniformExpressions);
    [Fact] public void UniformExp() => Check.VaryingUniform<float, float, float>(nameof(UniformExp), Arithmetic.UniformExpEntry, Arithmetic.UniformExp, TranscendentalUlps);
    [Fact] public void UniformIntegers() => Check.VaryingUniform<long, int, long>(nameof(UniformIntegers), Arithmetic.UniformIntegersEntry, Arithmetic.UniformIntegers);
    [Fact] public void UniformSelect() => Check.VaryingUniform<double, bool, double>(nameof(UniformSelect), Arithmetic.UniformSelectEntry, Arithmetic.UniformSelect);
    [Fact] public void UniformShift() => Check.VaryingUniform<int, int, int>(nameof(UniformShift), Arithmetic.UniformShiftEntry, Arithmetic.UniformShift);
    [Fact] public void MinMax() => Check.Binary<double, double, double>(nameof(MinMax), Arithmetic.MinMax, Arithmetic.MinMax);
    [Fact] public void MinMaxF() => Check.Binary<float, float, float>(nameof(MinMaxF), Arithmetic.MinMaxF, Arithmetic.MinMaxF);
    [Fact] public void IntMinMax() => Check.Binary<int, int, int>(nameof(IntMinMax), Arithmetic.IntMinMax, Arithmetic.IntMinMax);
    [Fact] public void ClampDouble() => Check.Unary<double, double>(nameof(ClampDouble), Arithmetic.ClampDouble, Arithmetic.ClampDouble);
    [Fact] public void ClampVarying() => Check.Ternary<double, double, double, double>(nameof(ClampVarying), Arithmetic.ClampVarying, Arithmetic.ClampVarying);
    [Fact] public void ClampInt() => Check.Unary<int, int>(nameof(ClampInt), Arithmetic.ClampInt, Arithmetic.ClampInt);
    [Fact] public void Roundings() => Check.Unary<double, double>(nameof(Roundings), Arithmetic.Roundings, Arithmetic.Roundings);
    [Fact] public void RoundingsF() => Check.Unary<float, float>(nameof(RoundingsF), Arithmetic.RoundingsF, Arithmetic.RoundingsF);
    [Fact] public void SqrtAbs() => Check.Unary<double, double>(nameof(SqrtAbs), Arithmetic.SqrtAbs, Arithmetic.SqrtAbs);
    [Fact] public void SqrtF() => Check.Unary<float, float>(nameof(SqrtF), Arithmetic.SqrtF, Arithmetic.SqrtF);
    [Fact] public void Fma() => Check.Ternary<double, double, double, double>(nameof(Fma), Arithmetic.Fma, Arithmetic.Fma);
    [Fact] public void CopySignF() => Check.Binary<float, float, float>(nameof(CopySignF), Arithmetic.CopySignF, Arithmetic.CopySignF);
    [Fact] public void ElementStatics() => Check.Binary<double, double, double>(nameof(ElementStatics), Arithmetic.ElementStatics, Arithmetic.ElementStatics);
    [Fact] public void ElementStaticsF() => Check.Binary<float, float, float>(nameof(ElementStaticsF), Arithmetic.ElementStaticsF, Arithmetic.ElementStaticsF);
    [Fact] public void ElementStaticsInt() => Check.Binary<int, int, int>(nameof(ElementStaticsInt), Arithmetic.ElementStaticsInt, Arithmetic.ElementStaticsInt);
    [Fact] public void AbsInt() => Check.Unary<int, int>(nameof(AbsInt), Arithmetic.AbsInt, Arithmetic.AbsInt);
    [Fact] public void AbsSByte() => Check.Unary<sbyte, sbyte>(nameof(AbsSByte), Arithmetic.AbsSByte, Arithmetic.AbsSByte);
    [Fact] public void Classify() => Check.Unary<double, bool>(nameof(Classify), Arithmetic.Classify, Arithmetic.Classify);
    [Fact] public void Exp() => Check.Unary<double, double>(nameof(Exp), Arithmetic.Exp, Arithmetic.Exp, TranscendentalUlps);
    [Fact] public void ExpF() => Check.Unary<float, float>(nameof(ExpF), Arithmetic.ExpF, Arithmetic.ExpF, TranscendentalUlps);
    [Fact] public void Log() => Check.Unary<double, double>(nameof(Log), Arithmetic.Log, Arithmetic.Log, TranscendentalUlps);
    [Fact] public void LogF() => Check.Unary<float, float>(nameof(LogF), Arithmetic.LogF, Arithmetic.LogF, TranscendentalUlps);
    [Fact] public void Log2() => Check.Unary<double, double>(nameof(Log2), Arithmetic.Log2, Arithmetic.Log2, Log2Ulps);
    [Fact] public void Sin() => Check.Unary<double, double>(nameof(Sin), Arithmetic.Sin, Arithmetic.Sin, TranscendentalUlps);
    [Fact] public void CosF() => Check.Unary<float, float>(nameof(CosF), Arithmetic.CosF, Arithmetic.CosF, TranscendentalUlps);
}

/// <summary>Per-lane fallbacks: exact results, and the exceptions the kernel throws.</summary>
public sealed class FallbackTests
{
    [Fact] public void IntDivide() => Check.Binary<int, int, int>(nameof(IntDivide), Fallbacks.IntDivide, Fallbacks.IntDivide);
    [Fact] public void DivideByUniform() => Check.VaryingUniform<int, int, int>(nameof(DivideByUniform), Fallbacks.DivideByUniformEntry, Fallbacks.DivideByUniform);
    [Fact] public void UnsignedDivideByUniform() => Check.VaryingUniform<uint, uint, uint>(nameof(UnsignedDivideByUniform), Fallbacks.UnsignedDivideByUniformEntry, Fallbacks.UnsignedDivideByUniform);
    [Fact] public void MaskedDivideByUniform() => Check.VaryingUniform<int, int, int>(nameof(MaskedDivideByUniform), Fallbacks.MaskedDivideByUniformEntry, Fallbacks.MaskedDivideByUniform);
    [Fact] public void LongRemainder() => Check.Binary<long, long, long>(nameof(LongRemainder), Fallbacks.LongRemainder, Fallbacks.LongRemainder);
    [Fact] public void UIntDivideByConstant() => Check.Unary<uint, uint>(nameof(UIntDivideByConstant), Fallbacks.UIntDivideByConstant, Fallbacks.UIntDivideByConstant);
    [Fact] public void DoubleRemainder() => Check.Binary<double, double, double>(nameof(DoubleRemainder), Fallbacks.DoubleRemainder, Fallbacks.DoubleRemainder);
    [Fact] public void GuardedDivide() => Check.Binary<int, int, bool>(nameof(GuardedDivide), Fallbacks.GuardedDivide, Fallbacks.GuardedDivide);
    [Fact] public void GuardedSelect() => Check.Binary<int, int, int>(nameof(GuardedSelect), Fallbacks.GuardedSelect, Fallbacks.GuardedSelect);
    [Fact] public void Tan() => Check.Unary<double, double>(nameof(Tan), Fallbacks.Tan, Fallbacks.Tan);
    [Fact] public void Pow() => Check.Binary<double, double, double>(nameof(Pow), Fallbacks.Pow, Fallbacks.Pow);
    [Fact] public void Log10F() => Check.Unary<float, float>(nameof(Log10F), Fallbacks.Log10F, Fallbacks.Log10F);
    [Fact] public void SignOf() => Check.Unary<double, int>(nameof(SignOf), Fallbacks.SignOf, Fallbacks.SignOf);
    [Fact] public void VaryingShift() => Check.Binary<int, int, int>(nameof(VaryingShift), Fallbacks.VaryingShift, Fallbacks.VaryingShift);
    [Fact] public void LongToFloat() => Check.Unary<long, float>(nameof(LongToFloat), Fallbacks.LongToFloat, Fallbacks.LongToFloat);
    [Fact] public void CallsRecursive() => Check.Unary<int, int>(nameof(CallsRecursive), Fallbacks.CallsRecursive, Fallbacks.CallsRecursive);
    [Fact] public void CallsHelper() => Check.Binary<double, double, double>(nameof(CallsHelper), Fallbacks.CallsHelper, Fallbacks.CallsHelper);
}
