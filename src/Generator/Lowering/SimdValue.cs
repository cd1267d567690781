using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// A value of the kernel in one SIMD step: uniform (one scalar C# expression) or varying (one C# expression per register).
/// A bool value is a mask: lanes all ones or all zeros, held as signed integers of <see cref="MaskSize"/> bytes.
/// </summary>
internal sealed class SimdValue
{
    private SimdValue(ElementType type, string? scalar, string[]? registers, int maskSize, bool inStep = false)
    {
        Type = type;
        Scalar = scalar;
        Registers = registers;
        MaskSize = maskSize;
        InStep = inStep;
    }

    /// <summary>A uniform computed where the kernel computes it (it may throw), not before the loop.</summary>
    public bool InStep { get; }

    public ElementType Type { get; }

    public string? Scalar { get; }

    public string[]? Registers { get; }

    public int MaskSize { get; }

    public bool IsUniform => Registers is null;

    /// <summary>The lane type of the registers: the element type, or the mask's signed integer type.</summary>
    public ElementType LaneType => Type == ElementType.Bool ? ElementTypeFacts.SignedIntegerOfSize(MaskSize) : Type;

    public static SimdValue Uniform(ElementType type, string scalar) => new(type, scalar, null, 0);

    public static SimdValue UniformInStep(ElementType type, string name) => new(type, name, null, 0, inStep: true);

    public static SimdValue Varying(ElementType type, string[] registers) => new(type, null, registers, 0);

    public static SimdValue Mask(int maskSize, string[] registers) => new(ElementType.Bool, null, registers, maskSize);
}
