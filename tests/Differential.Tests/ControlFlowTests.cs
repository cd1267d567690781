using SourceGen.Differential.Tests.Harness;
using SourceGen.Differential.Tests.Kernels;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>Masked control flow against the kernels as written.</summary>
public sealed class ControlFlowTests
{
    [Fact] public void Escape() => Check.VaryingVaryingUniform3<double, double, double, double, int, int>(nameof(Escape), ControlFlow.EscapeEntry, ControlFlow.Escape);
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
}
