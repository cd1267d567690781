using System.Collections.Generic;
using System.Globalization;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// A <c>[Vectorize]</c> step's memory: each varying input read once, <see cref="SimdStepContext.Lanes"/> consecutive
/// elements from the step's reference into its span, and the results stored to the destination's. (A loop body reads
/// and writes its buffers through <see cref="LoopBufferAccess"/>, which checks every step's range.)
/// </summary>
internal sealed class VectorizeOperands(SimdStepContext step, VectorConversions conversions) : SimdStepPart(step)
{
    private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";

    private readonly Dictionary<int, SimdValue> _loadedParameters = new();

    private static string Offset(int elements) => elements == 0 ? "" : ", " + elements.ToString(CultureInfo.InvariantCulture);

    /// <summary>The step's elements of a varying input, loaded at its first read.</summary>
    public SimdValue Load(ParameterExpr parameter)
    {
        if (_loadedParameters.TryGetValue(parameter.Index, out SimdValue? loaded))
        {
            return loaded;
        }

        string name = Body.Parameters[parameter.Index].Name;
        ElementType type = parameter.Type;
        ElementType laneType = type == ElementType.Bool ? ElementType.SByte : type;
        int perRegister = LanesPerRegister(laneType);
        var registers = new string[RegisterCount(laneType)];
        for (int k = 0; k < registers.Length; k++)
        {
            registers[k] = NewName($"{name}_{k}");
            string load = type == ElementType.Bool
                ? $"{V}.AsSByte(~{V}.Equals({V}.LoadUnsafe(ref {Unsafe}.As<bool, byte>(ref {name}){Offset(k * perRegister)}), {V}<byte>.Zero))"
                : $"{V}.LoadUnsafe(ref {name}{Offset(k * perRegister)})";
            Lines.Add($"var {registers[k]} = {load};");
        }

        SimdValue value = type == ElementType.Bool ? SimdValue.Mask(1, registers) : SimdValue.Varying(type, registers);
        _loadedParameters[parameter.Index] = value;
        return value;
    }

    /// <summary>Stores the step's results to the destination (a bool as 0 or 1).</summary>
    public void Store(SimdValue value, ElementType type)
    {
        ElementType laneType = type == ElementType.Bool ? ElementType.SByte : type;
        string[] registers = conversions.Registers(value, maskSize: 1);
        int perRegister = LanesPerRegister(laneType);
        Lines.Add($"// store {Lanes} results");
        for (int k = 0; k < registers.Length; k++)
        {
            Lines.Add(type == ElementType.Bool
                ? $"{V}.StoreUnsafe({V}.AsByte({registers[k]}) & {V}<byte>.One, ref {Unsafe}.As<bool, byte>(ref {Step.DestinationName}){Offset(k * perRegister)});"
                : $"{V}.StoreUnsafe({registers[k]}, ref {Step.DestinationName}{Offset(k * perRegister)});");
        }
    }
}
