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
        Assert.True(drivers.Length > 100, $"only {drivers.Length} generated drivers found");
        Assert.All(drivers, m => Assert.True(Optimized(m), $"{m.DeclaringType!.FullName}.{m.Name} starts as tier-0 code"));
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
}
