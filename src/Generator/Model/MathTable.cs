using System.Collections.Generic;
using System.Linq;

namespace SourceGen.Generator.Model;

/// <summary>The math functions the generator knows by name: one <see cref="MathTable"/> row each.</summary>
internal enum MathFunction
{
    /// <summary>Not a known math function: some other static method.</summary>
    None,
    Abs,
    Min,
    Max,
    Clamp,
    Sqrt,
    Cbrt,
    Hypot,
    Exp,
    Exp2,
    Exp10,
    ExpM1,
    Log,
    Log2,
    Log10,
    LogP1,
    Pow,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Atan2,
    Sinh,
    Cosh,
    Tanh,
    Asinh,
    Acosh,
    Atanh,
    Floor,
    Ceiling,
    Truncate,
    Round,
    FusedMultiplyAdd,
    CopySign,
    Sign,
    ReciprocalEstimate,
    ReciprocalSqrtEstimate,
    IsNaN,
    IsInfinity,
    IsFinite,
    IsNegative,
}

/// <summary>Where a function is declared, as a kernel calls it.</summary>
[System.Flags]
internal enum MathHome
{
    /// <summary><c>System.Math</c> and <c>System.MathF</c>.</summary>
    Math = 1,

    /// <summary>The element types' own statics (<c>double.Sqrt</c>, <c>float.IsNaN</c>, <c>int.Abs</c>): what a generic-math
    /// kernel's <c>T.Sqrt</c> calls once T is an element type.</summary>
    ElementType = 2,

    Both = Math | ElementType,
}

/// <summary>How SIMD code computes a function.</summary>
internal enum SimdForm
{
    /// <summary>No SIMD form: one lane at a time (SG0101), with the row's fix text.</summary>
    PerLane,

    /// <summary><c>Vector128/256/512.Name(…)</c> of .NET, exact (the same result as the scalar function).</summary>
    Vector,

    /// <summary><c>SourceGen.VectorMath.Name(…)</c>: SourceGen's own vector math, within the row's documented ulp bound.</summary>
    VectorMath,

    /// <summary>Lowered by the SIMD writer itself (a check that throws, a select, a mask).</summary>
    Written,
}

/// <summary>The element types a row's SIMD form covers.</summary>
internal enum MathOperands
{
    FloatingPoint,
    FloatingPointOrSignedInteger,
    Numeric,
}

/// <summary>When a call may throw (which keeps it out of code only some lanes run, and out of hoisting).</summary>
internal enum MathThrows
{
    Never,
    ForSignedInteger,
    ForFloatingPoint,
    Always,
}

/// <summary>
/// One math function: how the parser recognizes it, how SIMD code computes it and how accurately, whether a GPU
/// device has it, what it costs and what to write instead when it runs one lane at a time.
/// </summary>
/// <param name="FloatUlps">The worst error of the SIMD form for float against MathF, in ulps (0: the same result; the
/// README's accuracy table and the VectorMath docs state it, MathTableDocsTests checks they agree).</param>
/// <param name="DoubleUlps">The same for double against Math.</param>
/// <param name="Device">ILGPU (with ILGPU.Algorithms) compiles the <c>Math</c>/<c>MathF</c> method for a device
/// (checked by compiling kernels to PTX: PtxCompilationTests).</param>
/// <param name="DeviceFix">What to write on a device when <paramref name="Device"/> is false.</param>
/// <param name="PerLaneFix">SG0101's fix when there is no SIMD form; {M} stands for Math or MathF, {f} for a float
/// literal's suffix.</param>
internal sealed record MathRow(
    MathFunction Function,
    int Arity,
    MathHome Home,
    SimdForm Simd,
    MathOperands Operands,
    MathThrows Throws,
    int FloatUlps,
    int DoubleUlps,
    bool Device,
    string? DeviceFix = null,
    string? PerLaneFix = null)
{
    public string Name => Function.ToString();

    /// <summary>SIMD code inlines a polynomial for it (tens of instructions per vector): loops calling it unroll less.</summary>
    public bool Heavy => Simd == SimdForm.VectorMath || Function is MathFunction.ExpM1 or MathFunction.LogP1;

    /// <summary>Whether SIMD code computes this function for operands of <paramref name="type"/>.</summary>
    public bool HasSimdForm(ElementType type) => Simd != SimdForm.PerLane && Operands switch
    {
        MathOperands.FloatingPoint => type.IsFloatingPoint(),
        MathOperands.FloatingPointOrSignedInteger => type.IsFloatingPoint() || type.IsSignedInteger(),
        _ => type != ElementType.Bool,
    };

    public bool MayThrowFor(ElementType type) => Throws switch
    {
        MathThrows.Always => true,
        MathThrows.ForSignedInteger => type.IsSignedInteger(),
        MathThrows.ForFloatingPoint => type.IsFloatingPoint(),
        _ => false,
    };
}

/// <summary>
/// Every math function the generator knows, one row each: the recognizer, the lowering analysis, the SIMD writer,
/// the GPU device check and the documentation tests read this table and nothing else. Adding a function is a row
/// here, its runtime implementation (src/Runtime/VectorMath for <see cref="SimdForm.VectorMath"/>) and its tests.
/// </summary>
internal static class MathTable
{
    public static readonly IReadOnlyList<MathRow> Rows = new MathRow[]
    {
        // Exact SIMD forms of .NET's Vector128/256/512.
        new(MathFunction.Abs, 1, MathHome.Both, SimdForm.Vector, MathOperands.FloatingPointOrSignedInteger, MathThrows.ForSignedInteger, 0, 0, Device: true),
        new(MathFunction.Min, 2, MathHome.Both, SimdForm.Vector, MathOperands.Numeric, MathThrows.Never, 0, 0, Device: true),
        new(MathFunction.Max, 2, MathHome.Both, SimdForm.Vector, MathOperands.Numeric, MathThrows.Never, 0, 0, Device: true),
        new(MathFunction.Clamp, 3, MathHome.Both, SimdForm.Written, MathOperands.Numeric, MathThrows.Always, 0, 0, Device: false,
            DeviceFix: "write Math.Min(Math.Max(x, low), high) (Math.Clamp throws when low > high, and a GPU thread cannot throw)"),
        new(MathFunction.Sqrt, 1, MathHome.Both, SimdForm.Vector, MathOperands.FloatingPoint, MathThrows.Never, 0, 0, Device: true),
        new(MathFunction.Floor, 1, MathHome.Both, SimdForm.Vector, MathOperands.FloatingPoint, MathThrows.Never, 0, 0, Device: true),
        new(MathFunction.Ceiling, 1, MathHome.Both, SimdForm.Vector, MathOperands.FloatingPoint, MathThrows.Never, 0, 0, Device: true),
        new(MathFunction.Truncate, 1, MathHome.Both, SimdForm.Vector, MathOperands.FloatingPoint, MathThrows.Never, 0, 0, Device: true),
        new(MathFunction.Round, 1, MathHome.Both, SimdForm.Vector, MathOperands.FloatingPoint, MathThrows.Never, 0, 0, Device: true),
        new(MathFunction.FusedMultiplyAdd, 3, MathHome.Both, SimdForm.Vector, MathOperands.FloatingPoint, MathThrows.Never, 0, 0, Device: false,
            DeviceFix: "write a * b + c (the device compiler fuses it into one FMA where it can)"),
        new(MathFunction.CopySign, 2, MathHome.Both, SimdForm.Vector, MathOperands.FloatingPoint, MathThrows.Never, 0, 0, Device: true),
        new(MathFunction.IsNaN, 1, MathHome.ElementType, SimdForm.Written, MathOperands.FloatingPoint, MathThrows.Never, 0, 0, Device: true),
        new(MathFunction.IsInfinity, 1, MathHome.ElementType, SimdForm.Written, MathOperands.FloatingPoint, MathThrows.Never, 0, 0, Device: true),
        new(MathFunction.IsFinite, 1, MathHome.ElementType, SimdForm.Written, MathOperands.FloatingPoint, MathThrows.Never, 0, 0, Device: true),
        new(MathFunction.IsNegative, 1, MathHome.ElementType, SimdForm.Written, MathOperands.FloatingPoint, MathThrows.Never, 0, 0, Device: false),

        // SourceGen.VectorMath (src/Runtime/VectorMath): the worst error measured against Math/MathF.
        new(MathFunction.Exp, 1, MathHome.Both, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 1, 1, Device: true),
        new(MathFunction.Log, 1, MathHome.Both, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 1, 1, Device: true),
        new(MathFunction.Log2, 1, MathHome.Both, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 2, 2, Device: false,
            DeviceFix: "write Math.Log(x) / Math.Log(2) (or MathF)"),
        new(MathFunction.Sin, 1, MathHome.Both, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 2, 2, Device: true),
        new(MathFunction.Cos, 1, MathHome.Both, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 2, 2, Device: true),

        new(MathFunction.Exp2, 1, MathHome.ElementType, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 1, 1, Device: false,
            DeviceFix: "write Math.Pow(2, x)"),
        new(MathFunction.Exp10, 1, MathHome.ElementType, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 1, 1, Device: false),
        new(MathFunction.Log10, 1, MathHome.Both, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 2, 2, Device: true),
        new(MathFunction.Sinh, 1, MathHome.Both, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 2, 2, Device: true),
        new(MathFunction.Cosh, 1, MathHome.Both, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 2, 2, Device: true),
        new(MathFunction.Tanh, 1, MathHome.Both, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 2, 2, Device: true),
        new(MathFunction.Asinh, 1, MathHome.Both, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 2, 1, Device: false),
        new(MathFunction.Acosh, 1, MathHome.Both, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 3, 3, Device: false),
        new(MathFunction.Atanh, 1, MathHome.Both, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 2, 2, Device: false),

        new(MathFunction.Tan, 1, MathHome.Both, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 2, 4, Device: true),
        new(MathFunction.Asin, 1, MathHome.Both, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 1, 1, Device: true),
        new(MathFunction.Acos, 1, MathHome.Both, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 1, 1, Device: true),
        new(MathFunction.Atan, 1, MathHome.Both, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 2, 2, Device: true),
        new(MathFunction.Atan2, 2, MathHome.Both, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 3, 2, Device: true),
        new(MathFunction.Cbrt, 1, MathHome.Both, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 1, 4, Device: false,
            DeviceFix: "write Math.Pow(x, 1.0 / 3) for x >= 0, and -Math.Pow(-x, 1.0 / 3) below"),
        new(MathFunction.Pow, 2, MathHome.Both, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 1, 2, Device: true),
        new(MathFunction.Hypot, 2, MathHome.ElementType, SimdForm.VectorMath, MathOperands.FloatingPoint, MathThrows.Never, 1, 1, Device: false),

        // As .NET defines them (Exp(x) - 1 and Log(x + 1)), with Exp's and Log's bounds: not C's expm1/log1p, which
        // VectorMath.ExpM1/LogP1 are (more accurate near 0, so a different result from the kernel as written).
        new(MathFunction.ExpM1, 1, MathHome.ElementType, SimdForm.Written, MathOperands.FloatingPoint, MathThrows.Never, 1, 1, Device: false),
        new(MathFunction.LogP1, 1, MathHome.ElementType, SimdForm.Written, MathOperands.FloatingPoint, MathThrows.Never, 1, 1, Device: false),

        // One lane at a time.
        new(MathFunction.Sign, 1, MathHome.Both, SimdForm.PerLane, MathOperands.Numeric, MathThrows.ForFloatingPoint, 0, 0, Device: false,
            DeviceFix: "write x > 0 ? 1 : x < 0 ? -1 : 0"),
        new(MathFunction.ReciprocalEstimate, 1, MathHome.Both, SimdForm.PerLane, MathOperands.FloatingPoint, MathThrows.Never, 0, 0, Device: false,
            DeviceFix: "write 1 / x"),
        new(MathFunction.ReciprocalSqrtEstimate, 1, MathHome.Both, SimdForm.PerLane, MathOperands.FloatingPoint, MathThrows.Never, 0, 0, Device: false,
            DeviceFix: "write 1 / Math.Sqrt(x)"),
    };

    private static readonly Dictionary<MathFunction, MathRow> ByFunction = Rows.ToDictionary(r => r.Function);

    private static readonly Dictionary<string, MathRow> ByName = Rows.ToDictionary(r => r.Name);

    public static MathRow Row(MathFunction function) => ByFunction[function];

    /// <summary>The row for a call of <paramref name="name"/> with <paramref name="arity"/> arguments declared in
    /// <paramref name="containingType"/> (as <c>ToDisplayString</c> writes it), or null for any other method.</summary>
    public static MathRow? Recognize(string containingType, string name, int arity)
    {
        MathHome home = containingType switch
        {
            "System.Math" or "System.MathF" => MathHome.Math,
            "double" or "float" or "sbyte" or "byte" or "short" or "ushort" or "int" or "uint" or "long" or "ulong" => MathHome.ElementType,
            _ => 0,
        };

        return home != 0 && ByName.TryGetValue(name, out MathRow? row) && row.Arity == arity && (row.Home & home) != 0
            && (home == MathHome.Math || ElementTypeHas(containingType, row))
            ? row
            : null;
    }

    /// <summary>The row of a <c>Math</c>/<c>MathF</c> method named <paramref name="name"/> (any arity: the device
    /// check is by name, e.g. the two-argument <c>Math.Log</c>), or null.</summary>
    public static MathRow? MathMethod(string name) =>
        ByName.TryGetValue(name, out MathRow? row) && (row.Home & MathHome.Math) != 0 ? row : null;

    /// <summary>The functions a device has, by name, for documentation and messages.</summary>
    public static IEnumerable<string> DeviceFunctions => Rows.Where(r => r.Device && (r.Home & MathHome.Math) != 0).Select(r => r.Name);

    // Integer element types declare only the integer functions (int.Abs, int.Min, int.Clamp, int.Sign, …).
    private static bool ElementTypeHas(string type, MathRow row) =>
        type is "double" or "float" || row.Function is MathFunction.Abs or MathFunction.Min or MathFunction.Max or MathFunction.Clamp or MathFunction.Sign;
}
