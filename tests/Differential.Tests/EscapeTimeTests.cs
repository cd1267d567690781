using SourceGen.Differential.Tests.Harness;
using SourceGen.Differential.Tests.Kernels;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>
/// Escape-time loops written three ways, float and double, Cpu and Parallel, against the kernels as written (random
/// inputs with NaN, ±Inf, ±0 and subnormals, every length to three steps plus one and a few long ones); and loops
/// mixing break, continue and return, nested and do-while, whose lane masks the generator simplifies.
/// </summary>
public sealed class EscapeTimeTests
{
    [Fact] public void ConditionF() => Check.VaryingVaryingUniform<float, float, int, int>(nameof(ConditionF), EscapeTime.ConditionFCpu, EscapeTime.ConditionF);
    [Fact] public void ConditionFParallel() => Check.VaryingVaryingUniform<float, float, int, int>(nameof(ConditionFParallel), EscapeTime.ConditionFParallel, EscapeTime.ConditionF);
    [Fact] public void BreakF() => Check.VaryingVaryingUniform<float, float, int, int>(nameof(BreakF), EscapeTime.BreakFCpu, EscapeTime.BreakF);
    [Fact] public void BreakFParallel() => Check.VaryingVaryingUniform<float, float, int, int>(nameof(BreakFParallel), EscapeTime.BreakFParallel, EscapeTime.BreakF);
    [Fact] public void ReturnF() => Check.VaryingVaryingUniform<float, float, int, int>(nameof(ReturnF), EscapeTime.ReturnFCpu, EscapeTime.ReturnF);
    [Fact] public void ReturnFParallel() => Check.VaryingVaryingUniform<float, float, int, int>(nameof(ReturnFParallel), EscapeTime.ReturnFParallel, EscapeTime.ReturnF);
    [Fact] public void Condition() => Check.VaryingVaryingUniform<double, double, int, int>(nameof(Condition), EscapeTime.ConditionCpu, EscapeTime.Condition);
    [Fact] public void ConditionParallel() => Check.VaryingVaryingUniform<double, double, int, int>(nameof(ConditionParallel), EscapeTime.ConditionParallel, EscapeTime.Condition);
    [Fact] public void Break() => Check.VaryingVaryingUniform<double, double, int, int>(nameof(Break), EscapeTime.BreakCpu, EscapeTime.Break);
    [Fact] public void BreakParallel() => Check.VaryingVaryingUniform<double, double, int, int>(nameof(BreakParallel), EscapeTime.BreakParallel, EscapeTime.Break);
    [Fact] public void Return() => Check.VaryingVaryingUniform<double, double, int, int>(nameof(Return), EscapeTime.ReturnCpu, EscapeTime.Return);
    [Fact] public void ReturnParallel() => Check.VaryingVaryingUniform<double, double, int, int>(nameof(ReturnParallel), EscapeTime.ReturnParallel, EscapeTime.Return);
    [Fact] public void ReturnModulusF() => Check.VaryingVaryingUniform<float, float, int, float>(nameof(ReturnModulusF), EscapeTime.ReturnModulusFCpu, EscapeTime.ReturnModulusF);
    [Fact] public void BreakAndReturn() => Check.VaryingUniform<double, int, int>(nameof(BreakAndReturn), EscapeTime.BreakAndReturnCpu, EscapeTime.BreakAndReturn);
    [Fact] public void ContinueAndReturn() => Check.VaryingUniform<float, int, float>(nameof(ContinueAndReturn), EscapeTime.ContinueAndReturnCpu, EscapeTime.ContinueAndReturn);
    [Fact] public void NestedReturn() => Check.VaryingUniform<int, int, int>(nameof(NestedReturn), EscapeTime.NestedReturnCpu, EscapeTime.NestedReturn);
    [Fact] public void BranchTemporaries() => Check.VaryingUniform<double, int, double>(nameof(BranchTemporaries), EscapeTime.BranchTemporariesCpu, EscapeTime.BranchTemporaries);
    [Fact] public void DoWhileReturn() => Check.VaryingUniform<double, int, int>(nameof(DoWhileReturn), EscapeTime.DoWhileReturnCpu, EscapeTime.DoWhileReturn);

    /// <summary>Long inputs where the Parallel entry points split the work: the same counts as one thread.</summary>
    [Fact]
    public void Parallel_GivesTheSameCountsAsCpu()
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        float[] crF = Inputs.Make<float>(200_003, random), ciF = Inputs.Make<float>(200_003, random);
        double[] cr = Inputs.Make<double>(200_003, random), ci = Inputs.Make<double>(200_003, random);
        int[] serial = new int[crF.Length], parallel = new int[crF.Length];
        void Same(System.Action<int[]> cpu, System.Action<int[]> threads)
        {
            cpu(serial);
            threads(parallel);
            Assert.Equal(serial, parallel);
        }

        Same(d => EscapeTime.ConditionFCpu(crF, ciF, 200, d), d => EscapeTime.ConditionFParallel(crF, ciF, 200, d));
        Same(d => EscapeTime.BreakFCpu(crF, ciF, 200, d), d => EscapeTime.BreakFParallel(crF, ciF, 200, d));
        Same(d => EscapeTime.ReturnFCpu(crF, ciF, 200, d), d => EscapeTime.ReturnFParallel(crF, ciF, 200, d));
        Same(d => EscapeTime.ConditionCpu(cr, ci, 200, d), d => EscapeTime.ConditionParallel(cr, ci, 200, d));
        Same(d => EscapeTime.BreakCpu(cr, ci, 200, d), d => EscapeTime.BreakParallel(cr, ci, 200, d));
        Same(d => EscapeTime.ReturnCpu(cr, ci, 200, d), d => EscapeTime.ReturnParallel(cr, ci, 200, d));
    }
}
