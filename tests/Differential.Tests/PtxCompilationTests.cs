using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using SourceGen.Gpu;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>
/// Every generated GPU kernel compiled to PTX by ILGPU's CUDA backend, with no GPU present: ILGPU's CPU accelerator
/// runs a kernel's .NET code as it is, so only this shows that the code is also possible on a real device (no
/// allocation, no unsupported call, atomics and math functions ILGPU maps).
/// </summary>
public sealed class PtxCompilationTests
{
    /// <summary>The generated kernels in the test kernels and the kernel library (methods of the *_Gpu classes taking an ILGPU index first), and the hand-written baselines.</summary>
    public static IEnumerable<object[]> GeneratedKernels() =>
        new[] { typeof(Kernels.ParallelKernels).Assembly, typeof(SourceGen.Kernels.Denoising).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.Name.EndsWith("_Gpu", StringComparison.Ordinal) || type == typeof(SourceGen.Kernels.Baselines.IlgpuBaselines))
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
            .Where(method => IsImplicitlyGrouped(method) || ExplicitlyGrouped.Contains(method.Name))
            .Select(method => new object[] { method.DeclaringType!.FullName + "." + method.Name });

    /// <summary>The hand-written baseline's explicitly grouped kernels (shared memory and barriers).</summary>
    private static readonly string[] ExplicitlyGrouped = { "Divergence", "Project" };

    private static bool IsImplicitlyGrouped(MethodInfo method) =>
        method.GetParameters() is { Length: > 0 } parameters && parameters[0].ParameterType.Namespace == "ILGPU" && parameters[0].ParameterType.Name.StartsWith("Index", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(GeneratedKernels))]
    public void CompilesToPtx(string name)
    {
        int split = name.LastIndexOf('.');
        Type type = new[] { typeof(Kernels.ParallelKernels).Assembly, typeof(SourceGen.Kernels.Denoising).Assembly }
            .Select(assembly => assembly.GetType(name.Substring(0, split))).First(t => t is not null)!;
        MethodInfo method = type.GetMethod(name.Substring(split + 1), BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)!;

        using Context context = GpuRuntime.CreateContext();
        using var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_80), CudaArchitecture.SM_80, CudaInstructionSet.ISA_80, nvvmAPI: null);
        EntryPointDescription entry = IsImplicitlyGrouped(method)
            ? EntryPointDescription.FromImplicitlyGroupedKernel(method)
            : EntryPointDescription.FromExplicitlyGroupedKernel(method);
        CompiledKernel compiled = backend.Compile(entry, KernelSpecialization.Empty);
        string ptx = Assert.IsType<PTXCompiledKernel>(compiled).PTXAssembly;
        Assert.Contains(".entry", ptx);
        if (Environment.GetEnvironmentVariable("SOURCEGEN_PTX_DUMP") is { Length: > 0 } folder)
        {
            System.IO.File.WriteAllText(System.IO.Path.Combine(folder, name + ".ptx"), ptx);
        }
    }

    [Fact]
    public void FindsTheGeneratedKernels() => Assert.True(GeneratedKernels().Count() >= 10, string.Join(", ", GeneratedKernels().Select(k => k[0])));
}
