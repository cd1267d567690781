using System.Collections.Generic;
using System.Linq;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Emitting;

/// <summary>
/// Target.Gpu for a <c>[GuVectorize]</c> entry point: after the CPU code's shape checks, the arrays are uploaded
/// once and a GPU thread per outer index computes its arguments' offsets from its index (broadcast dimensions
/// step 0) and calls the kernel's device copy, <c>{Entry}_Device</c>: the kernel as written, its core slices ILGPU
/// views; the outputs are downloaded. Without a GPU the entry point goes on to its CPU loop.
/// </summary>
internal static class GuGpuEmitter
{
    private const string Ilgpu = "global::ILGPU";
    private const string Runtime = "global::SourceGen.Gpu.GpuRuntime";
    private const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    private static string ClassName(GuModel model) => model.Name + "_Gpu_" + model.Names.Suffix;

    private static string ArgumentsName(GuModel model) => model.Name + "_GpuArguments_" + model.Names.Suffix;

    /// <summary>After the shape checks: on the chosen accelerator when there is one.</summary>
    public static void WriteDispatch(IndentedWriter w, GuModel model, int loopRank)
    {
        List<GuArgument> operands = model.Arguments.Where(a => a.HasElements).ToList();
        w.Line();
        w.Line("// Target.Gpu: a GPU thread per outer index, on the accelerator SourceGen's runtime chose; with none, the loop below (said once).");
        GpuValues.OpenLease(w);
        w.Line($"var sourceGenArguments = new {ArgumentsName(model)}");
        w.Line("{");
        w.Indent++;
        foreach ((string _, string name, string? value) in Fields(model, loopRank).Where(f => f.Value is not null))
        {
            w.Line($"{name} = {value},");
        }

        w.Indent--;
        w.Line("};");
        w.Line($"{ClassName(model)}.SourceGenRun({GpuValues.LeasedAccelerator}, sourceGenArguments, {string.Join(", ", operands.Select(a => a.Name))}, (int)sourceGenCount);");
        w.Close();
        w.Line("return;");
        w.Close();
        w.Line();
    }

    public static void WriteClass(IndentedWriter w, GuModel model, int loopRank)
    {
        List<GuArgument> operands = model.Arguments.Where(a => a.HasElements).ToList();
        w.Line();
        w.Line($"/// <summary>Target.Gpu for <c>{VectorizeEmitter.Xml(model.Name)}</c>: a GPU thread per outer index calling the kernel's device copy.</summary>");
        w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"SourceGen\", \"{VectorizeEmitter.ToolVersion}\")]");
        w.Open($"private static class {ClassName(model)}");

        // Run: one upload per array, the launch, one download per output.
        w.Line("/// <summary>Uploads the arrays (whole), runs a thread per outer index, downloads the outputs.</summary>");
        w.Open($"public static void SourceGenRun({Ilgpu}.Runtime.Accelerator sourceGenAccelerator, {ArgumentsName(model)} sourceGenArguments, {string.Join(", ", operands.Select(a => a.DeclaredType + " " + a.Name))}, int sourceGenCount)");
        string types = $"{Ilgpu}.Index1D, {ArgumentsName(model)}";
        w.Line($"var sourceGenLaunch = {Runtime}.Kernel(sourceGenAccelerator, (global::System.Action<{types}>)SourceGenKernel,");
        w.Line($"    static loaded => {Ilgpu}.Runtime.KernelLoaders.LoadAutoGroupedStreamKernel<{types}>(loaded, SourceGenKernel));");
        foreach (GuArgument operand in operands)
        {
            w.Line($"using var sourceGenDevice_{CSharpName.Bare(operand.Name)} = {Runtime}.Upload<{operand.ElementType}>(sourceGenAccelerator, {MemoryMarshal}.CreateReadOnlySpan(ref {GuEmitter.Data(operand)}, {operand.Name}.Length));");
            w.Line($"sourceGenArguments.{operand.Name} = sourceGenDevice_{CSharpName.Bare(operand.Name)}.View;");
        }

        w.Line("sourceGenLaunch(sourceGenCount, sourceGenArguments);");
        foreach (GuArgument output in operands.Where(a => a.IsOutput))
        {
            w.Line($"{Runtime}.Download<{output.ElementType}>(sourceGenAccelerator, sourceGenDevice_{CSharpName.Bare(output.Name)}, {MemoryMarshal}.CreateSpan(ref {GuEmitter.Data(output)}, {output.Name}.Length));");
        }

        w.Close();
        w.Line();

        // The kernel: this thread's outer index as one counter per loop dimension, each argument's offset, the call.
        w.Line("// one GPU thread per outer index: its core slices, then the kernel as written");
        w.Open($"private static void SourceGenKernel({Ilgpu}.Index1D sourceGenIndex, {ArgumentsName(model)} sourceGenArguments)");
        if (loopRank == 1)
        {
            w.Line("int sourceGenAt0 = sourceGenIndex;");
        }
        else if (loopRank > 1)
        {
            w.Line("int sourceGenRest = sourceGenIndex;");
            for (int d = 0; d < loopRank; d++)
            {
                w.Line($"int sourceGenAt{d} = sourceGenRest % sourceGenArguments.Loop{d};");
                if (d < loopRank - 1)
                {
                    w.Line($"sourceGenRest /= sourceGenArguments.Loop{d};");
                }
            }
        }

        foreach (GuArgument operand in operands)
        {
            string offset = string.Join(" + ", Enumerable.Range(0, System.Math.Min(loopRank, operand.OuterRank)).Select(d => $"sourceGenAt{d} * sourceGenArguments.Step_{CSharpName.Bare(operand.Name)}_{d}").DefaultIfEmpty("0L"));
            w.Line($"long sourceGenFirst_{CSharpName.Bare(operand.Name)} = {offset};");
        }

        var call = new List<string>();
        foreach (GuArgument argument in model.Arguments)
        {
            string field = $"sourceGenArguments.{argument.Name}";
            List<string> cores = argument.CoreDimensions.Select(symbol => "sourceGenArguments.Core_" + symbol).ToList();
            call.Add(!argument.HasElements
                ? GpuValues.FromDevice(argument.ElementType, field)
                : cores.Count switch
                {
                    0 when !argument.IsOutput => $"{field}[sourceGenFirst_{CSharpName.Bare(argument.Name)}]",
                    0 => $"{field}.SubView(sourceGenFirst_{CSharpName.Bare(argument.Name)}, 1)",
                    1 => $"{field}.SubView(sourceGenFirst_{CSharpName.Bare(argument.Name)}, {cores[0]})",
                    _ => $"new {Tensor(argument)}({field}.SubView(sourceGenFirst_{CSharpName.Bare(argument.Name)}, {string.Join(" * ", cores.Select(c => "(long)" + c))}), {string.Join(", ", cores)})",
                });
        }

        w.Line($"{DeviceName(model)}({string.Join(", ", call)});");
        w.Close();
        w.Line();

        // The kernel's device copy: its text as written, its span parameters ILGPU views.
        var parameters = model.KernelParameters.Select((p, i) => model.Arguments[i] switch
        {
            { CoreDimensions.Count: > 1 } tensor => $"{Tensor(tensor)} {p.Name}",
            { IsOutput: true } or { CoreDimensions.Count: 1 } => $"{Ilgpu}.ArrayView<{model.Arguments[i].ElementType}> {p.Name}",
            _ => $"{p.Type} {p.Name}",
        });
        w.Line($"/// <summary>The kernel <c>{VectorizeEmitter.Xml(model.KernelName)}</c> as written, its core slices as ILGPU views (<c>Length</c> read as <c>IntLength</c>) or device tensors.</summary>");
        w.Line($"private static void {DeviceName(model)}({string.Join(", ", parameters)})");
        ParallelEmitter.WriteText(w, model.DeviceBody!, model.BodyColumn, skipBlankEnds: false);
        w.Close();

        WriteArguments(w, model, loopRank);
    }

    private static string DeviceName(GuModel model) => model.Name + "_Device_" + model.Names.Suffix;

    /// <summary>A core slice of two or more dimensions on the device: a dense block with TensorSpan's members.</summary>
    private static string Tensor(GuArgument argument) => $"global::SourceGen.Gpu.DeviceTensor<{argument.ElementType}>";

    /// <summary>What the thread reads: the arrays' device views, the loop sizes and steps, the core sizes, the scalars.</summary>
    private static void WriteArguments(IndentedWriter w, GuModel model, int loopRank)
    {
        w.Line();
        w.Line($"/// <summary>What <c>{VectorizeEmitter.Xml(model.Name)}</c>'s GPU threads read (internal: ILGPU's launcher reads it).</summary>");
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.Open($"internal struct {ArgumentsName(model)}");
        foreach ((string type, string name, string? _) in Fields(model, loopRank))
        {
            w.Line($"public {type} {name};");
        }

        w.Close();
    }

    /// <summary>
    /// The argument struct's fields, and the host value each is set from before Run (null for the arrays' views,
    /// set in Run after the upload): the loop sizes, each argument's steps, the core sizes, the scalars (bool as byte).
    /// </summary>
    private static IEnumerable<(string Type, string Name, string? Value)> Fields(GuModel model, int loopRank)
    {
        List<GuArgument> operands = model.Arguments.Where(a => a.HasElements).ToList();
        foreach (GuArgument operand in operands)
        {
            yield return ($"{Ilgpu}.ArrayView<{operand.ElementType}>", operand.Name, null);
        }

        foreach (GuArgument scalar in model.Arguments.Where(a => !a.HasElements))
        {
            yield return (GpuValues.DeviceType(scalar.ElementType), scalar.Name, GpuValues.ToDevice(scalar.ElementType, scalar.Name));
        }

        for (int d = 0; d < loopRank; d++)
        {
            yield return ("int", $"Loop{d}", $"sourceGenLoop{d}");
        }

        foreach (GuArgument operand in operands)
        {
            for (int d = 0; d < System.Math.Min(loopRank, operand.OuterRank); d++)
            {
                yield return ("long", $"Step_{CSharpName.Bare(operand.Name)}_{d}", $"sourceGenStep_{CSharpName.Bare(operand.Name)}_{d}");
            }
        }

        foreach (string symbol in CoreSymbols(model))
        {
            yield return ("int", $"Core_{symbol}", $"sourceGenCore_{CSharpName.Bare(symbol)}");
        }
    }

    private static IEnumerable<string> CoreSymbols(GuModel model) => model.Arguments.SelectMany(a => a.CoreDimensions).Distinct();
}
