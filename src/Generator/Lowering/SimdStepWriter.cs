using System.Collections.Generic;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// Lowers a kernel to the body of one SIMD step for one vector width: <see cref="Lanes"/> consecutive elements at once,
/// each value held in as many registers as its type needs (a double kernel at 512 bits unrolled four times holds each
/// value in four <c>Vector512&lt;double&gt;</c>; a byte-to-float kernel holds a byte value in one register and a float
/// value in four). Uniform values are computed once by the caller (<see cref="Hoisted"/>) and passed in; operations
/// with no SIMD form run per lane, as the <see cref="LoweringAnalysis"/> decided.
/// </summary>
/// <remarks>
/// The entry point: it makes one <see cref="SimdStepContext"/> and the parts that share it, and runs the statement
/// writer the kernel needs. Where each construct is lowered:
/// <list type="bullet">
/// <item>statements: <see cref="StraightLineKernel"/>, <see cref="MaskedControlFlow"/> (if, loops, break, continue and
/// return under lane masks), <see cref="LoopBodyWriter"/> (a <c>[Parallel]</c> loop body), with
/// <see cref="InductionCounters"/> and <see cref="LoopReductions"/>;</item>
/// <item>expressions: <see cref="ExpressionLowerer"/>, with <see cref="MathCalls"/>, <see cref="VectorConversions"/>,
/// <see cref="UniformValues"/>, <see cref="CommonValues"/> and <see cref="PerLaneFallback"/>;</item>
/// <item>memory: <see cref="VectorizeOperands"/> (a <c>[Vectorize]</c> step's spans), <see cref="LoopBufferAccess"/>
/// (a loop body's buffers);</item>
/// <item>which lanes run: <see cref="ExecutingLanes"/>; how many lanes a step has: <see cref="LanesPerStep"/>.</item>
/// </list>
/// Dependencies run one way, statements → expressions → values → context; the per-lane fallback computes its operands
/// through the evaluator the expression lowering hands it.
/// </remarks>
internal sealed class SimdStepWriter
{
    private readonly SimdStepContext _step;
    private readonly UniformValues _uniforms;
    private readonly VectorConversions _conversions;
    private readonly ExecutingLanes _executing;
    private readonly CommonValues _common;
    private readonly InductionCounters _induction;
    private readonly VectorizeOperands _operands;
    private readonly LoopBufferAccess _buffers;
    private readonly LoopReductions _reductions;
    private readonly ExpressionLowerer _expressions;

    private SimdStepWriter(KernelBody body, LoweringAnalysis analysis, IReadOnlyList<EntryParameter> parameters, int width, int lanes, bool shortVectorNames, IEnumerable<string> namesInScope)
    {
        _step = new SimdStepContext(body, analysis, parameters, width, lanes, LanesPerStep.TypeSizes(body, analysis, parameters).Smallest, shortVectorNames);
        _step.Avoid(namesInScope);
        _uniforms = new UniformValues(_step);
        _conversions = new VectorConversions(_step, _uniforms);
        _executing = new ExecutingLanes(_step, _conversions);
        _common = new CommonValues(_step);
        _induction = new InductionCounters(_step, _uniforms);
        _operands = new VectorizeOperands(_step, _conversions);
        _buffers = new LoopBufferAccess(_step, _uniforms, _conversions, _executing);
        _reductions = new LoopReductions(_step, _conversions);
        _expressions = new ExpressionLowerer(
            _step, _uniforms, _conversions, _executing, _common, _induction,
            new PerLaneFallback(_step, _uniforms, _conversions, _executing), new MathCalls(_step, _conversions, _executing), _operands, _buffers);
    }

    /// <summary>The step of a <c>[Vectorize]</c> kernel: reads its inputs' spans, computes, stores to the destination's.</summary>
    public static SimdStepWriter Write(KernelBody body, LoweringAnalysis analysis, IReadOnlyList<EntryParameter> parameters, int width, bool shortVectorNames = false)
    {
        int lanes = LanesPerStep.For(width, body, analysis, parameters, out _);
        var writer = new SimdStepWriter(body, analysis, parameters, width, lanes, shortVectorNames, System.Array.Empty<string>());
        if (body.HasControlFlow)
        {
            new MaskedControlFlow(writer._step, writer._expressions, writer._conversions, writer._executing, writer._common, writer._induction, writer._operands).Write();
        }
        else
        {
            new StraightLineKernel(writer._step, writer._expressions, writer._uniforms, writer._common, writer._operands).Write();
        }

        writer.Lines.InsertRange(0, writer._step.StackBuffers);
        return writer;
    }

    /// <summary>The step's code, to run with the loop variable at the step's first iteration.</summary>
    public static SimdStepWriter WriteLoopBody(KernelBody body, LoweringAnalysis analysis, int width, IEnumerable<string> namesInScope, bool shortVectorNames = false)
    {
        var parameters = new List<EntryParameter>();
        int lanes = LanesPerStep.For(width, body, analysis, parameters, out _) * LanesPerStep.LoopBodyUnroll(body, analysis);
        var writer = new SimdStepWriter(body, analysis, parameters, width, lanes, shortVectorNames, namesInScope);
        new LoopBodyWriter(writer._step, writer._expressions, writer._uniforms, writer._conversions, writer._executing, writer._common, writer._buffers, writer._reductions).Write();
        return writer;
    }

    public int Width => _step.Width;

    /// <summary>The vector type's name as this step writes it (<c>Vector512</c> or its qualified form).</summary>
    public string Vector => _step.Vector;

    /// <summary>Elements computed per step.</summary>
    public int Lanes => _step.Lanes;

    public string DestinationName => _step.DestinationName;

    /// <summary>Statements of the step, in order.</summary>
    public List<string> Lines => _step.Lines;

    /// <summary>Values computed once per call before the loop: scalars and broadcast vectors, in dependency order.</summary>
    public List<HoistedValue> Hoisted => _uniforms.Hoisted;

    /// <summary>True when some operation runs per lane (the step then uses stack buffers and is not inlined).</summary>
    public bool HasPerLaneCode => _step.HasPerLaneCode;

    /// <summary>Every name the step declares or avoids.</summary>
    public IEnumerable<string> UsedNames => _step.Names;

    /// <summary>Lines before the loop of steps: the SIMD accumulators' starting values.</summary>
    public List<string> Prologue => _reductions.Prologue;

    /// <summary>Lines after the loop of steps: the SIMD accumulators' lanes added into the kernel's variables.</summary>
    public List<string> Epilogue => _reductions.Epilogue;

    /// <summary>Stack buffers of the per-lane paths, declared once before the loop.</summary>
    public IReadOnlyList<string> StackBuffers => _step.StackBuffers;

    /// <inheritdoc cref="LoopBufferAccess.RangeTests"/>
    public IReadOnlyList<string> RangeTests => _buffers.RangeTests;

    /// <inheritdoc cref="LoopBufferAccess.RangeFreeConditions"/>
    public IReadOnlyDictionary<string, string> RangeFreeConditions => _buffers.RangeFreeConditions;
}
