namespace SourceGen.Generator.Model;

/// <summary>
/// Where an entry point runs: the values of the runtime's public <c>SourceGen.Target</c> (the attribute carries them as
/// integers; <see cref="Parsing.EntryPointParser.TargetOf"/> reads them, SG0009 refuses any other value).
/// </summary>
internal enum KernelTarget
{
    /// <summary>The calling thread, SIMD.</summary>
    Cpu = 0,

    /// <summary>Split across threads when the work outweighs starting them, SIMD in each.</summary>
    Parallel = 1,

    /// <summary>An ILGPU accelerator when one is there, else as <see cref="Parallel"/>.</summary>
    Gpu = 2,
}
