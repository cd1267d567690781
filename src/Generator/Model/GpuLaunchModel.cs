namespace SourceGen.Generator.Model;

/// <summary>
/// An array or span a <c>[Parallel]</c> kernel's Prange loops read on the device: uploaded once, before the first
/// launch that reads it, kept on the device for the whole call; downloaded when the call returns if
/// <see cref="Downloaded"/> (a written span or array parameter).
/// </summary>
internal sealed record GpuBuffer(string Name, string ElementType, bool Downloaded);

/// <summary>
/// The <c>for</c> loop (or inner <c>Prange</c> loop) that is the whole rest of a Prange loop's body, its range
/// computed before the outer loop: with the outer loop it makes one 2-D launch, a GPU thread per (inner, outer)
/// pair. <see cref="Prologue"/> is the outer body's declarations before it (each thread computes them),
/// <see cref="Body"/> the inner loop's body; <see cref="End"/> is exclusive.
/// </summary>
internal sealed record GpuInnerLoop(string VariableType, string VariableName, string Start, string End, string Prologue, int PrologueColumn, string Body, int BodyColumn);

/// <summary>
/// One Prange loop as an ILGPU kernel: the buffers and values it reads, its body rewritten for the device
/// (spans and arrays as <c>ArrayView&lt;T&gt;</c>), and, when its body is a loop over a rectangular range, that loop.
/// Its reductions are <see cref="PrangeLoop.Reductions"/>, combined through per-slot atomics.
/// </summary>
internal sealed record GpuLaunch(
    EquatableArray<string> Buffers,
    EquatableArray<CapturedVariable> Values,
    string Body,
    GpuInnerLoop? Inner);

/// <summary>Target.Gpu for a <c>[Parallel]</c> entry point: the device buffers and one launch per Prange loop (same order as <see cref="ParallelModel.Loops"/>).</summary>
internal sealed record GpuLowering(EquatableArray<GpuBuffer> Buffers, EquatableArray<GpuLaunch> Launches);
