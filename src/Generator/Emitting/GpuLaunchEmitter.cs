using System;
using System.Collections.Generic;
using System.Linq;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Emitting;

/// <summary>
/// Writes Target.Gpu for a <c>[Parallel]</c> entry point: a class holding the kernel's host code (its body as
/// written, each Prange loop replaced by an ILGPU launch), the device buffers of one call (each array or span
/// uploaded before the first launch that reads it, downloaded when the call returns if written), and one ILGPU
/// kernel per Prange loop: a thread per iteration, or per (inner, outer) pair when the loop's body is one more
/// loop over a rectangular range. Reductions go through <c>GpuPartials</c>: atomics into 256 slots, combined on the
/// host in slot order.
/// </summary>
internal static class GpuLaunchEmitter
{
    private const string Ilgpu = "global::ILGPU";
    private const string Runtime = "global::SourceGen.Gpu.GpuRuntime";

    public static string ClassName(ParallelModel model) => model.Name + "_Gpu_" + model.Names.Suffix;

    /// <summary>The lowering header's lines for the launches.</summary>
    public static IEnumerable<string> Summary(ParallelModel model, GpuLowering gpu)
    {
        for (int index = 0; index < gpu.Launches.Count; index++)
        {
            PrangeLoop loop = model.Loops[index];
            GpuLaunch launch = gpu.Launches[index];
            string threads = launch.Inner is { } inner ? $"a GPU thread per ({inner.VariableName}, {loop.VariableName})" : $"a GPU thread per {loop.VariableName}";
            string reductions = loop.Reductions.Count == 0 ? "" : $", reductions {string.Join(", ", loop.Reductions.Select(r => $"'{r.Name}' ({r.Operator.ToString().ToLowerInvariant()})"))} through atomics";
            yield return $"Lowering (Target.Gpu): Prange loop, kernel line {loop.Line}: {threads}{reductions};";
        }

        yield return $"  buffers {string.Join(", ", gpu.Buffers.Select(b => "'" + b.Name + "'"))} uploaded once, kept on the device for the call{(gpu.Buffers.Any(b => b.Downloaded) ? $"; {string.Join(", ", gpu.Buffers.Where(b => b.Downloaded).Select(b => "'" + b.Name + "'"))} downloaded at its end" : "")};";
        yield return "  without a GPU: the Target.Parallel code below.";
    }

    /// <summary>The entry point's first lines: on the chosen accelerator when there is one.</summary>
    public static void WriteDispatch(IndentedWriter w, ParallelModel model, string arguments)
    {
        w.Line("// Target.Gpu: on the accelerator SourceGen's runtime chose; with none, the CPU code below (said once).");
        GpuValues.OpenLease(w);
        if (model.ReturnType == "void")
        {
            w.Line($"{ClassName(model)}.SourceGenRun({GpuValues.LeasedAccelerator}, {arguments});");
            w.Close();
            w.Line("return;");
        }
        else
        {
            w.Line($"return {ClassName(model)}.SourceGenRun({GpuValues.LeasedAccelerator}, {arguments});");
            w.Close();
        }

        w.Close();
        w.Line();
    }

    public static void WriteClass(IndentedWriter w, ParallelModel model, GpuLowering gpu)
    {
        string parameters = string.Join(", ", model.KernelParameters.Select(p => p.Declaration));
        string arguments = string.Join(", ", model.KernelParameters.Select(p => (p.Modifier.Length > 0 ? p.Modifier + " " : "") + p.Name));
        bool returns = model.ReturnType != "void";

        w.Line();
        w.Line($"/// <summary>Target.Gpu for <c>{VectorizeEmitter.Xml(model.Name)}</c>: the kernel's host code, its {gpu.Launches.Count} Prange loop{(gpu.Launches.Count == 1 ? "" : "s")} launched on an ILGPU accelerator, the data on the device for the whole call.</summary>");
        w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"SourceGen\", \"{VectorizeEmitter.ToolVersion}\")]");
        w.Open($"private static class {ClassName(model)}");

        WriteRun(w, model, gpu, parameters, arguments, returns);
        WriteDevice(w, model, gpu);

        w.Line();
        w.Line($"// The kernel's body as written, on the host, except for its Prange loops: each is a launch.");
        w.Line($"private static {model.ReturnType} SourceGenHost(SourceGenDevice sourceGenDevice, {parameters})");
        foreach (BodySegment segment in model.Segments)
        {
            if (segment.Text is not null)
            {
                ParallelEmitter.WriteText(w, segment.Text, model.BodyColumn, skipBlankEnds: true);
            }
            else
            {
                WriteLaunch(w, model, gpu, segment.LoopIndex);
            }
        }

        for (int index = 0; index < gpu.Launches.Count; index++)
        {
            w.Line();
            WriteKernel(w, model, gpu, index);
        }

        w.Close();
        for (int index = 0; index < gpu.Launches.Count; index++)
        {
            w.Line();
            WriteArguments(w, model, gpu, index);
        }
    }

    /// <summary>A kernel's argument struct, beside the entry point and internal: ILGPU's launcher, built in its own assembly ("ILGPURuntime", let in by the attribute at the top of the file), reads it.</summary>
    private static string ArgumentsName(ParallelModel model, int index) => $"{model.Name}_Prange{index}Arguments_{model.Names.Suffix}";

    /// <summary>The call: arguments that share memory refused, the host code run, the written buffers downloaded.</summary>
    private static void WriteRun(IndentedWriter w, ParallelModel model, GpuLowering gpu, string parameters, string arguments, bool returns)
    {
        w.Line("/// <summary>Runs the kernel with its Prange loops on <paramref name=\"sourceGenAccelerator\"/>; written arrays and spans are copied back when it returns.</summary>");
        w.Open($"public static {model.ReturnType} SourceGenRun({Ilgpu}.Runtime.Accelerator sourceGenAccelerator, {parameters})");
        var parameterBuffers = gpu.Buffers.Where(b => model.KernelParameters.Any(p => p.Name == b.Name)).ToList();
        bool anyCheck = false;
        foreach (GpuBuffer array in parameterBuffers.Where(b => model.KernelParameters.First(p => p.Name == b.Name).Type.EndsWith("[]", StringComparison.Ordinal)))
        {
            // A null array would upload as empty: say so, as the kernel would fail on it.
            anyCheck = true;
            w.Line($"global::System.ArgumentNullException.ThrowIfNull({array.Name});");
        }

        for (int i = 0; i < parameterBuffers.Count; i++)
        {
            for (int j = i + 1; j < parameterBuffers.Count; j++)
            {
                GpuBuffer first = parameterBuffers[i], second = parameterBuffers[j];
                if (first.Downloaded || second.Downloaded)
                {
                    anyCheck = true;
                    w.Line($"{Runtime}.ThrowIfOverlapping<{first.ElementType}, {second.ElementType}>({first.Name}, \"{CSharpName.Bare(first.Name)}\", {second.Name}, \"{CSharpName.Bare(second.Name)}\");");
                }
            }
        }

        if (anyCheck)
        {
            w.Line();
        }

        w.Line("using var sourceGenDevice = new SourceGenDevice(sourceGenAccelerator);");
        w.Line($"{(returns ? "var sourceGenResult = " : "")}SourceGenHost(sourceGenDevice, {arguments});");
        foreach (GpuBuffer buffer in gpu.Buffers.Where(b => b.Downloaded))
        {
            w.Open($"if (sourceGenDevice.{buffer.Name} is not null)");
            w.Line($"{Runtime}.Download<{buffer.ElementType}>(sourceGenAccelerator, sourceGenDevice.{buffer.Name}, {buffer.Name});");
            w.Close();
        }

        if (returns)
        {
            w.Line("return sourceGenResult;");
        }

        w.Close();
    }

    /// <summary>The device memory of one call: a buffer per array or span (uploaded by the first launch that reads it) and the reductions' slots.</summary>
    private static void WriteDevice(IndentedWriter w, ParallelModel model, GpuLowering gpu)
    {
        w.Line();
        w.Line("/// <summary>The device memory of one call, freed when it returns.</summary>");
        w.Open("private sealed class SourceGenDevice : global::System.IDisposable");
        w.Line($"public readonly {Ilgpu}.Runtime.Accelerator SourceGenAccelerator;");
        var disposables = new List<string>();
        foreach (GpuBuffer buffer in gpu.Buffers)
        {
            w.Line($"public {Buffer(buffer.ElementType)}? {buffer.Name};");
            disposables.Add(buffer.Name);
        }

        for (int index = 0; index < gpu.Launches.Count; index++)
        {
            foreach (Reduction reduction in model.Loops[index].Reductions)
            {
                w.Line($"public global::SourceGen.Gpu.GpuPartials<{reduction.Type}>? {PartialsName(index, reduction)};");
                disposables.Add(PartialsName(index, reduction));
            }
        }

        w.Line();
        w.Line($"public SourceGenDevice({Ilgpu}.Runtime.Accelerator accelerator) => SourceGenAccelerator = accelerator;");
        w.Line();
        w.Open("public void Dispose()");
        foreach (string name in disposables)
        {
            w.Line($"{name}?.Dispose();");
        }

        w.Close();
        w.Close();
    }

    private static string Buffer(string elementType) => $"{Ilgpu}.Runtime.MemoryBuffer1D<{elementType}, {Ilgpu}.Stride1D.Dense>";

    private static string PartialsName(int index, Reduction reduction) => $"SourceGenPartials{index}_{reduction.Name}";

    private static string KernelName(int index) => $"SourceGenPrange{index}";

    private static string IndexType(GpuLaunch launch) => launch.Inner is null ? $"{Ilgpu}.Index1D" : $"{Ilgpu}.Index2D";

    /// <summary>The Prange loop replaced: its range evaluated once, the buffers uploaded if not yet, one launch, the reductions combined.</summary>
    private static void WriteLaunch(IndentedWriter w, ParallelModel model, GpuLowering gpu, int index)
    {
        PrangeLoop loop = model.Loops[index];
        GpuLaunch launch = gpu.Launches[index];
        int outer = w.Indent;
        w.Indent += Math.Max(0, loop.Column - model.BodyColumn) / 4;
        w.Line("{");
        w.Indent++;
        w.Line(launch.Inner is { } inner
            ? $"// kernel, line {loop.Line}: {loop.Header} and its loop over {inner.VariableName}: one GPU thread per ({inner.VariableName}, {loop.VariableName})"
            : $"// kernel, line {loop.Line}: {loop.Header}: one GPU thread per {loop.VariableName}");
        w.Line($"int sourceGenStart = {loop.Start}, sourceGenEnd = {loop.End};");
        string condition = "sourceGenStart < sourceGenEnd";
        string extent = "sourceGenEnd - sourceGenStart";
        if (launch.Inner is not null)
        {
            w.Line($"int sourceGenInnerStart = {launch.Inner.Start}, sourceGenInnerEnd = {launch.Inner.End};");
            condition += " && sourceGenInnerStart < sourceGenInnerEnd";
            extent = $"sourceGenInnerEnd - sourceGenInnerStart, {extent}";
        }

        w.Open($"if ({condition})");
        w.Line($"var sourceGenArguments = new {ArgumentsName(model, index)}");
        w.Line("{");
        w.Indent++;
        w.Line("SourceGenStart = sourceGenStart,");
        if (launch.Inner is not null)
        {
            w.Line("SourceGenInnerStart = sourceGenInnerStart,");
        }

        foreach (string name in launch.Buffers)
        {
            GpuBuffer buffer = gpu.Buffers.First(b => b.Name == name);
            w.Line($"{name} = (sourceGenDevice.{name} ??= {Runtime}.Upload<{buffer.ElementType}>(sourceGenDevice.SourceGenAccelerator, {name})).View,");
        }

        foreach (CapturedVariable value in launch.Values)
        {
            w.Line($"{value.Name} = {GpuValues.ToDevice(value.Type, value.Name)},");
        }

        foreach (Reduction reduction in loop.Reductions)
        {
            w.Line($"SourceGenPartials_{CSharpName.Bare(reduction.Name)} = (sourceGenDevice.{PartialsName(index, reduction)} ??= new global::SourceGen.Gpu.GpuPartials<{reduction.Type}>(sourceGenDevice.SourceGenAccelerator)).Reset({reduction.Identity}),");
        }

        w.Indent--;
        w.Line("};");
        string types = $"{IndexType(launch)}, {ArgumentsName(model, index)}";
        w.Line($"{Runtime}.Kernel(sourceGenDevice.SourceGenAccelerator, (global::System.Action<{types}>){KernelName(index)},");
        w.Line($"    static loaded => {Ilgpu}.Runtime.KernelLoaders.LoadAutoGroupedStreamKernel<{types}>(loaded, {KernelName(index)}))");
        w.Line($"    (new {IndexType(launch)}({extent}), sourceGenArguments);");
        foreach (Reduction reduction in loop.Reductions)
        {
            w.Line($"// {reduction.Name}: the threads' partials, combined in slot order");
            w.Open($"foreach ({reduction.Type} sourceGenPartial in sourceGenDevice.{PartialsName(index, reduction)}!.Read())");
            w.Line(ParallelEmitter.Combine(reduction, reduction.Name, "sourceGenPartial") + ";");
            w.Close();
        }

        w.Close();
        w.Close();
        w.Indent = outer;
    }

    /// <summary>One Prange loop's ILGPU kernel and its arguments: the loop's body as written, for this thread's iteration.</summary>
    private static void WriteKernel(IndentedWriter w, ParallelModel model, GpuLowering gpu, int index)
    {
        PrangeLoop loop = model.Loops[index];
        GpuLaunch launch = gpu.Launches[index];
        string name = KernelName(index);

        w.Line(launch.Inner is { } nest
            ? $"/// <summary>kernel, line {loop.Line}: <c>{VectorizeEmitter.Xml(loop.Header)}</c> and its loop over {nest.VariableName}, for one ({nest.VariableName}, {loop.VariableName}).</summary>"
            : $"/// <summary>kernel, line {loop.Line}: the body of <c>{VectorizeEmitter.Xml(loop.Header)}</c> for one {loop.VariableName}.</summary>");
        w.Open($"private static void {name}({IndexType(launch)} sourceGenIndex, {ArgumentsName(model, index)} sourceGenArguments)");
        foreach (string buffer in launch.Buffers)
        {
            w.Line($"{Ilgpu}.ArrayView<{gpu.Buffers.First(b => b.Name == buffer).ElementType}> {buffer} = sourceGenArguments.{buffer};");
        }

        foreach (CapturedVariable value in launch.Values)
        {
            w.Line($"{value.Type} {value.Name} = {GpuValues.FromDevice(value.Type, "sourceGenArguments." + value.Name)};");
        }

        foreach (Reduction reduction in loop.Reductions)
        {
            w.Line($"{reduction.Type} {reduction.Name} = {reduction.Identity}; // this thread's part of '{reduction.Name}'");
        }

        if (launch.Inner is { } inner)
        {
            w.Line($"{loop.VariableType} {loop.VariableName} = unchecked(({loop.VariableType})(sourceGenArguments.SourceGenStart + sourceGenIndex.Y));");
            if (inner.Prologue.Trim().Length > 0)
            {
                ParallelEmitter.WriteText(w, inner.Prologue, inner.PrologueColumn, skipBlankEnds: true);
            }

            w.Line($"{inner.VariableType} {inner.VariableName} = unchecked(({inner.VariableType})(sourceGenArguments.SourceGenInnerStart + sourceGenIndex.X));");
            w.Line("do // once: a 'continue' ends this thread's iteration");
            ParallelEmitter.WriteText(w, inner.Body, inner.BodyColumn, skipBlankEnds: false);
        }
        else
        {
            w.Line($"{loop.VariableType} {loop.VariableName} = unchecked(({loop.VariableType})(sourceGenArguments.SourceGenStart + sourceGenIndex.X));");
            w.Line("do // once: a 'continue' ends this thread's iteration");
            ParallelEmitter.WriteText(w, launch.Body, loop.Column, skipBlankEnds: false);
        }

        w.Line("while (false);");
        foreach (Reduction reduction in loop.Reductions)
        {
            w.Line($"{Ilgpu}.Atomic.{AtomicName(reduction.Operator)}(ref sourceGenArguments.SourceGenPartials_{CSharpName.Bare(reduction.Name)}[sourceGenIndex.X & (global::SourceGen.Gpu.GpuPartials<{reduction.Type}>.Slots - 1)], {reduction.Name});");
        }

        w.Close();
    }

    private static void WriteArguments(IndentedWriter w, ParallelModel model, GpuLowering gpu, int index)
    {
        PrangeLoop loop = model.Loops[index];
        GpuLaunch launch = gpu.Launches[index];
        w.Line($"/// <summary>What the kernel of line {loop.Line}'s Prange loop reads on the device.</summary>");
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.Open($"internal struct {ArgumentsName(model, index)}");
        w.Line($"public {loop.VariableType} SourceGenStart;");
        if (launch.Inner is not null)
        {
            w.Line($"public {launch.Inner.VariableType} SourceGenInnerStart;");
        }

        foreach (string buffer in launch.Buffers)
        {
            w.Line($"public {Ilgpu}.ArrayView<{gpu.Buffers.First(b => b.Name == buffer).ElementType}> {buffer};");
        }

        foreach (CapturedVariable value in launch.Values)
        {
            // A kernel's arguments are blittable: a bool crosses as a byte.
            w.Line($"public {GpuValues.DeviceType(value.Type)} {value.Name};");
        }

        foreach (Reduction reduction in loop.Reductions)
        {
            w.Line($"public {Ilgpu}.ArrayView<{reduction.Type}> SourceGenPartials_{CSharpName.Bare(reduction.Name)};");
        }

        w.Close();
    }

    private static string AtomicName(ReductionOperator op) => op switch
    {
        ReductionOperator.Add => "Add",
        ReductionOperator.And => "And",
        ReductionOperator.Or => "Or",
        ReductionOperator.Xor => "Xor",
        ReductionOperator.Max => "Max",
        _ => "Min",
    };
}
