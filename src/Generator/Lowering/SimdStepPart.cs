using System;
using System.Collections.Generic;
using System.Linq;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// A part of a SIMD step's lowering. Every part reads and writes the step's <see cref="SimdStepContext"/> and uses the
/// helpers here, which need nothing else: register counts and types, names for a value's registers, mask types.
/// </summary>
internal abstract class SimdStepPart
{
    protected const string ThrowHelper = "global::SourceGen.Internal.KernelThrowHelper";

    protected SimdStepPart(SimdStepContext step)
    {
        Step = step;
        V = step.Vector;
    }

    protected SimdStepContext Step { get; }

    /// <summary>The vector type's name as the step writes it (<c>Vector512</c> or its qualified form).</summary>
    protected string V { get; }

    protected KernelBody Body => Step.Body;

    protected LoweringAnalysis Analysis => Step.Analysis;

    protected List<string> Lines => Step.Lines;

    protected int Lanes => Step.Lanes;

    protected int SmallestSize => Step.SmallestSize;

    protected Dictionary<int, SimdValue> Locals => Step.Locals;

    /// <summary>The lane type of a mask that was not resized: the signed integer of the smallest lane type's size.</summary>
    protected ElementType MaskLane => ElementTypeFacts.SignedIntegerOfSize(SmallestSize);

    protected string MaskType => VectorType(MaskLane);

    /// <summary>The mask size for a bool that has none yet: the smallest lane type in the step.</summary>
    protected int MaskSizeDefault => SmallestSize;

    protected int LanesPerRegister(ElementType laneType) => Step.BytesPerRegister / laneType.Size();

    protected int RegisterCount(ElementType laneType) => Lanes / LanesPerRegister(laneType);

    protected string VectorType(ElementType laneType) => $"{V}<{laneType.Keyword()}>";

    protected string NewName(string hint) => Step.NewName(hint);

    /// <summary>
    /// Lane buffers are allocated once, at the top of the step: a stackalloc inside a masked loop would grow
    /// the stack on every iteration.
    /// </summary>
    protected void DeclareStackBuffer(string elementType, string name) =>
        Step.StackBuffers.Add($"global::System.Span<{elementType}> {name} = stackalloc {elementType}[{Lanes}];");

    /// <summary>An expression's length as a reader counts it: the framework namespaces written out for safety do not count.</summary>
    // The qualifier does not count, so short and qualified names materialize the same values.
    protected static int ReadLength(string code) => code.Length - CountOf(code, VectorNames.Qualifier) * VectorNames.Qualifier.Length;

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    protected static bool IsIdentifier(string code) => code.Length > 0 && (char.IsLetter(code[0]) || code[0] == '_') && code.All(c => char.IsLetterOrDigit(c) || c == '_');

    /// <summary>Gives every register a name so the value can be used more than once.</summary>
    protected SimdValue Materialize(SimdValue value, string? hint = null, bool force = false)
    {
        if (value.IsUniform || (!force && value.Registers!.All(IsIdentifier)))
        {
            return value;
        }

        string name = NewName(hint ?? Step.NextTemporary());
        string[] registers = new string[value.Registers!.Length];
        for (int k = 0; k < registers.Length; k++)
        {
            registers[k] = $"{name}_{k}";
            Step.Reserve(registers[k]);
            Lines.Add($"var {registers[k]} = {value.Registers[k]};");
        }

        return value.Type == ElementType.Bool ? SimdValue.Mask(value.MaskSize, registers) : SimdValue.Varying(value.Type, registers);
    }

    /// <summary>Keeps generated lines short: long register expressions get a name.</summary>
    protected SimdValue Tidy(SimdValue value) =>
        !value.IsUniform && value.Registers!.Any(code => ReadLength(code) > 110) ? Materialize(value) : value;

    protected static SimdValue Map(SimdValue value, Func<string, string> register) =>
        value.Type == ElementType.Bool
            ? SimdValue.Mask(value.MaskSize, value.Registers!.Select(register).ToArray())
            : SimdValue.Varying(value.Type, value.Registers!.Select(register).ToArray());

    /// <summary>Reinterprets the bits of a register as another lane type of the same size.</summary>
    protected string Reinterpret(string register, ElementType from, ElementType to) =>
        from == to ? register : $"{V}.As{to.BclName()}({register})";

    /// <summary>The name of the <c>Vector</c> method that compares as the kernel's operator does, or null for another operator.</summary>
    protected static string? KernelComparison(BinaryOp op) => op switch
    {
        BinaryOp.Equals or BinaryOp.NotEquals => "Equals",
        BinaryOp.LessThan => "LessThan",
        BinaryOp.LessThanOrEqual => "LessThanOrEqual",
        BinaryOp.GreaterThan => "GreaterThan",
        BinaryOp.GreaterThanOrEqual => "GreaterThanOrEqual",
        _ => null,
    };

    /// <summary>Declares <paramref name="count"/> registers named after <paramref name="hint"/>, each set to <paramref name="initializer"/>.</summary>
    protected string[] DeclareRegisters(string hint, string type, int count, string initializer)
    {
        string name = NewName(hint);
        string[] registers = Enumerable.Range(0, count).Select(k => NewName($"{name}_{k}")).ToArray();
        foreach (string register in registers)
        {
            Lines.Add($"{type} {register} = {initializer};");
        }

        return registers;
    }

    /// <summary>A local that lives in registers for the whole step, declared under <paramref name="name"/>.</summary>
    protected void DeclareVaryingLocal(LocalExpr local, string name)
    {
        ElementType laneType = local.Type == ElementType.Bool ? MaskLane : local.Type;
        string[] registers = Enumerable.Range(0, RegisterCount(laneType)).Select(k => NewName($"{name}_{k}")).ToArray();
        foreach (string register in registers)
        {
            Lines.Add($"{VectorType(laneType)} {register} = default;");
        }

        Locals[local.LocalId] = local.Type == ElementType.Bool ? SimdValue.Mask(SmallestSize, registers) : SimdValue.Varying(local.Type, registers);
    }
}
