using System.Linq;
using System.Reflection;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>
/// Generated hot code is compiled optimized on its first call (MethodImplOptions.AggressiveOptimization), not as
/// tier-0 code: checked on every entry point this assembly's kernels generate. bench/ColdStart measures what it buys.
/// </summary>
public sealed class OptimizedFromFirstCallTests
{
    private static bool Optimized(MethodInfo method) =>
        (method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0;

    [Fact]
    public void VectorizeRunsAndPartialStepsAreOptimized()
    {
        MethodInfo[] drivers = typeof(OptimizedFromFirstCallTests).Assembly.GetTypes()
            .Where(t => t.Name.Contains("_Simd_"))
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(m => m.Name.StartsWith("Run") || m.Name.StartsWith("PartialStep"))
            .ToArray();
        // Only entry points with more varying inputs than SimdLoop takes still have their loops written out.
        Assert.True(drivers.Length > 0, $"only {drivers.Length} generated drivers found");
        Assert.All(drivers, m => Assert.True(Optimized(m), $"{m.DeclaringType!.FullName}.{m.Name} starts as tier-0 code"));
    }

    /// <summary>SimdLoop runs every [Vectorize] entry point's steps: its loops and partial steps must be optimized too.</summary>
    [Fact]
    public void SimdLoopDriversAreOptimized()
    {
        MethodInfo[] drivers = typeof(SourceGen.Internal.SimdLoop)
            .GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(m => m.Name is "Run" or "Partial")
            .ToArray();
        Assert.True(drivers.Length >= 18, $"only {drivers.Length} SimdLoop drivers found");
        Assert.All(drivers, m => Assert.True(Optimized(m), $"SimdLoop.{m.Name} with {m.GetParameters().Length} parameters starts as tier-0 code"));
    }

    /// <summary>A step with per-lane code is not inlined into SimdLoop's loop: it must be optimized on its own.</summary>
    [Fact]
    public void NotInlinedStepsAreOptimized()
    {
        MethodInfo[] steps = typeof(OptimizedFromFirstCallTests).Assembly.GetTypes()
            .Where(t => t.IsValueType && t.DeclaringType is { } lowered && lowered.Name.Contains("_Simd_"))
            .SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly))
            .Where(m => m.Name == "Step")
            .ToArray();
        Assert.True(steps.Length > 100, $"only {steps.Length} generated step structs found");
        Assert.All(steps.Where(m => (m.MethodImplementationFlags & MethodImplAttributes.NoInlining) != 0),
            m => Assert.True(Optimized(m), $"{m.DeclaringType!.FullName}.{m.Name} starts as tier-0 code"));
        Assert.Contains(steps, m => (m.MethodImplementationFlags & MethodImplAttributes.NoInlining) != 0);
    }

    [Fact]
    public void PrangeChunksAreOptimized()
    {
        MethodInfo[] chunks = typeof(OptimizedFromFirstCallTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(m => m.Name.Contains("_Prange") && m.ReturnType == typeof(void) && m.GetParameters().Any(p => p.Name == "sourceGenFrom"))
            .ToArray();
        Assert.True(chunks.Length > 10, $"only {chunks.Length} generated Prange chunk methods found");
        Assert.All(chunks, m => Assert.True(Optimized(m), $"{m.DeclaringType!.FullName}.{m.Name} starts as tier-0 code"));
    }

    /// <summary>
    /// The SIMD steps of a vector loop inside a [Parallel] or [GuVectorize] kernel, one method per width; a versioned
    /// one is generic in its TRanges (both copies, ranges tested once or per step, are compiled from the definition's flags).
    /// </summary>
    [Fact]
    public void LoopStepMethodsAreOptimized()
    {
        MethodInfo[] steps = typeof(OptimizedFromFirstCallTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(m => m.Name.Contains("_Loop") && m.GetParameters().FirstOrDefault()?.Name == "sourceGenNext")
            .ToArray();
        Assert.True(steps.Length > 10, $"only {steps.Length} generated loop-step methods found");
        Assert.Contains(steps, m => m.IsGenericMethodDefinition);
        Assert.All(steps, m => Assert.True(Optimized(m), $"{m.DeclaringType!.FullName}.{m.Name} starts as tier-0 code"));
    }
}
