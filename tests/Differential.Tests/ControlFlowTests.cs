using SourceGen.Differential.Tests.Harness;
using SourceGen.Differential.Tests.Kernels;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>Masked control flow against the kernels as written.</summary>
public sealed class ControlFlowTests
{
    [Fact] public void Escape() => Check.VaryingVaryingUniform3<double, double, double, double, int, int>(nameof(Escape), ControlFlow.EscapeEntry, ControlFlow.Escape);
    [Fact] public void EscapeParallel() => Check.VaryingVaryingUniform3<double, double, double, double, int, int>(nameof(EscapeParallel), ControlFlow.EscapeParallel, ControlFlow.Escape);
    [Fact] public void SigmoidParallel() => Check.Unary<float, float>(nameof(SigmoidParallel), ControlFlow.SigmoidParallel, ControlFlow.SigmoidKernel, 4);
    [Fact] public void DivideParallel() => Check.Binary<int, int, int>(nameof(DivideParallel), ControlFlow.DivideParallel, ControlFlow.DivideKernel);

    [Fact]
    public void Parallel_GivesTheSameResultsAsCpu_AndThrowsUnwrapped()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        double[] zr = Inputs.Make<double>(300_001, random), zi = Inputs.Make<double>(300_001, random);
        int[] serial = new int[zr.Length], parallel = new int[zr.Length];
        ControlFlow.EscapeEntry(zr, zi, -0.62772, -0.42193, 300, serial);
        ControlFlow.EscapeParallel(zr, zi, -0.62772, -0.42193, 300, parallel);
        Assert.Equal(serial, parallel);

        int[] x = new int[600_000], y = new int[600_000];
        System.Array.Fill(y, 3);
        y[450_123] = 0;
        Assert.Throws<System.DivideByZeroException>(() => ControlFlow.DivideParallel(x, y, new int[x.Length]));
    }

    [Fact] public void Piecewise() => Check.Unary<double, double>(nameof(Piecewise), ControlFlow.Piecewise, ControlFlow.Piecewise);
    [Fact] public void Classify() => Check.Unary<float, int>(nameof(Classify), ControlFlow.Classify, ControlFlow.Classify);
    [Fact] public void CountBits() => Check.Unary<uint, int>(nameof(CountBits), ControlFlow.CountBits, ControlFlow.CountBits);
    [Fact] public void SkipAndStop() => Check.Unary<int, int>(nameof(SkipAndStop), ControlFlow.SkipAndStop, ControlFlow.SkipAndStop);
    [Fact] public void Collatz() => Check.Unary<int, int>(nameof(Collatz), ControlFlow.Collatz, ControlFlow.Collatz);
    [Fact] public void SafeDivide() => Check.Binary<int, int, int>(nameof(SafeDivide), ControlFlow.SafeDivide, ControlFlow.SafeDivide);
    [Fact] public void NestedLoops() => Check.Unary<int, int>(nameof(NestedLoops), ControlFlow.NestedLoops, ControlFlow.NestedLoops);
    [Fact] public void FirstAbove() => Check.Binary<double, double, double>(nameof(FirstAbove), ControlFlow.FirstAbove, ControlFlow.FirstAbove);
    [Fact] public void Alternates() => Check.Unary<long, bool>(nameof(Alternates), ControlFlow.Alternates, ControlFlow.Alternates);
    [Fact] public void GuardedAbs() => Check.Unary<int, int>(nameof(GuardedAbs), ControlFlow.GuardedAbs, ControlFlow.GuardedAbs);
    [Fact] public void GuardedAbsStatement() => Check.Unary<int, int>(nameof(GuardedAbsStatement), ControlFlow.GuardedAbsStatement, ControlFlow.GuardedAbsStatement);
    [Fact] public void CountedHalvings() => Check.VaryingUniform<int, int, int>(nameof(CountedHalvings), ControlFlow.CountedHalvingsEntry, ControlFlow.CountedHalvings);
    [Fact] public void CounterInBody() => Check.VaryingUniform<int, int, int>(nameof(CounterInBody), ControlFlow.CounterInBodyEntry, ControlFlow.CounterInBody);
    [Fact] public void ContinueBeforeIncrement() => Check.Unary<int, int>(nameof(ContinueBeforeIncrement), ControlFlow.ContinueBeforeIncrement, ControlFlow.ContinueBeforeIncrement);
    [Fact] public void IncrementInBranch() => Check.Unary<int, int>(nameof(IncrementInBranch), ControlFlow.IncrementInBranch, ControlFlow.IncrementInBranch);
    [Fact] public void WrappingCounter() => Check.Unary<int, int>(nameof(WrappingCounter), ControlFlow.WrappingCounter, ControlFlow.WrappingCounter);
    [Fact] public void LongCounter() => Check.VaryingUniform<long, long, long>(nameof(LongCounter), ControlFlow.LongCounterEntry, ControlFlow.LongCounter);
    [Fact] public void ResetCounter() => Check.Unary<int, int>(nameof(ResetCounter), ControlFlow.ResetCounter, ControlFlow.ResetCounter);
    [Fact] public void LazyUniformDivision() => Check.VaryingUniform<float, long, long>(nameof(LazyUniformDivision), ControlFlow.LazyUniformDivisionEntry, ControlFlow.LazyUniformDivision);
}
