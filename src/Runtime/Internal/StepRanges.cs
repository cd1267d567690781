using System.ComponentModel;

namespace SourceGen.Internal;

/// <summary>
/// Type argument of a generated loop-step method: the steps test each access's range (the method's entry; it runs
/// the <see cref="StepRangesTested"/> copy when one test before the steps covers them all). The JIT folds
/// <c>typeof(T) == typeof(StepRangesTested)</c> in each copy, so the steps are written once and compiled twice, as
/// the two versions of the loop were before. Public for generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct StepRangesUntested
{
}

/// <summary>Type argument of a generated loop-step method: every step's accesses were tested in range before the steps (see <see cref="StepRangesUntested"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct StepRangesTested
{
}
