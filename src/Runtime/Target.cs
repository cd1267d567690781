namespace SourceGen;

/// <summary>Where a generated entry point runs.</summary>
public enum Target
{
    /// <summary>One thread, SIMD (<c>Vector512/256/128</c>, chosen at run time). The default.</summary>
    Cpu = 0,

    /// <summary>SIMD, and the elements (or the <c>Prange</c> iterations) split across threads.</summary>
    Parallel = 1,

    /// <summary>An ILGPU kernel on a GPU accelerator; the CPU path when no GPU exists.</summary>
    Gpu = 2,
}
