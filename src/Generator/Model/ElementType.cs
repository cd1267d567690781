namespace SourceGen.Generator.Model;

/// <summary>The element types a <c>[Vectorize]</c> kernel may use (the README's "What a kernel may contain"), and <c>bool</c> for comparisons.</summary>
internal enum ElementType
{
    Bool,
    SByte,
    Byte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
}

internal static class ElementTypeFacts
{
    /// <summary>Size in bytes of one element in memory (<c>bool</c> is one byte).</summary>
    public static int Size(this ElementType type) => type switch
    {
        ElementType.Bool or ElementType.SByte or ElementType.Byte => 1,
        ElementType.Int16 or ElementType.UInt16 => 2,
        ElementType.Int32 or ElementType.UInt32 or ElementType.Single => 4,
        _ => 8,
    };

    public static bool IsFloatingPoint(this ElementType type) => type is ElementType.Single or ElementType.Double;

    public static bool IsInteger(this ElementType type) => type is not (ElementType.Bool or ElementType.Single or ElementType.Double);

    public static bool IsSignedInteger(this ElementType type) =>
        type is ElementType.SByte or ElementType.Int16 or ElementType.Int32 or ElementType.Int64;

    public static bool IsUnsignedInteger(this ElementType type) =>
        type is ElementType.Byte or ElementType.UInt16 or ElementType.UInt32 or ElementType.UInt64;

    /// <summary>The C# keyword.</summary>
    public static string Keyword(this ElementType type) => type switch
    {
        ElementType.Bool => "bool",
        ElementType.SByte => "sbyte",
        ElementType.Byte => "byte",
        ElementType.Int16 => "short",
        ElementType.UInt16 => "ushort",
        ElementType.Int32 => "int",
        ElementType.UInt32 => "uint",
        ElementType.Int64 => "long",
        ElementType.UInt64 => "ulong",
        ElementType.Single => "float",
        _ => "double",
    };

    /// <summary>The BCL name as used in <c>Vector512.AsInt32()</c>-style reinterpretations.</summary>
    public static string BclName(this ElementType type) => type switch
    {
        ElementType.Bool => "Byte",
        ElementType.SByte => "SByte",
        ElementType.Byte => "Byte",
        ElementType.Int16 => "Int16",
        ElementType.UInt16 => "UInt16",
        ElementType.Int32 => "Int32",
        ElementType.UInt32 => "UInt32",
        ElementType.Int64 => "Int64",
        ElementType.UInt64 => "UInt64",
        ElementType.Single => "Single",
        _ => "Double",
    };

    /// <summary>The signed integer type of the same size: the lane type of a comparison mask.</summary>
    public static ElementType SignedIntegerOfSize(int size) => size switch
    {
        1 => ElementType.SByte,
        2 => ElementType.Int16,
        4 => ElementType.Int32,
        _ => ElementType.Int64,
    };

    /// <summary>The integer type of twice the size and the same signedness.</summary>
    public static ElementType WidenedInteger(this ElementType type) => type switch
    {
        ElementType.SByte => ElementType.Int16,
        ElementType.Byte => ElementType.UInt16,
        ElementType.Int16 => ElementType.Int32,
        ElementType.UInt16 => ElementType.UInt32,
        ElementType.Int32 => ElementType.Int64,
        _ => ElementType.UInt64,
    };

    /// <summary>The integer type of half the size and the same signedness.</summary>
    public static ElementType NarrowedInteger(this ElementType type) => type switch
    {
        ElementType.Int16 => ElementType.SByte,
        ElementType.UInt16 => ElementType.Byte,
        ElementType.Int32 => ElementType.Int16,
        ElementType.UInt32 => ElementType.UInt16,
        ElementType.Int64 => ElementType.Int32,
        _ => ElementType.UInt32,
    };

    /// <summary>The integer type of the given size with the signedness of <paramref name="type"/>.</summary>
    public static ElementType IntegerOfSizeLike(this ElementType type, int size)
    {
        ElementType signed = SignedIntegerOfSize(size);
        return type.IsUnsignedInteger() ? signed.AsUnsigned() : signed;
    }

    public static ElementType AsUnsigned(this ElementType type) => type switch
    {
        ElementType.SByte => ElementType.Byte,
        ElementType.Int16 => ElementType.UInt16,
        ElementType.Int32 => ElementType.UInt32,
        ElementType.Int64 => ElementType.UInt64,
        _ => type,
    };

    public static bool TryFromSpecialType(Microsoft.CodeAnalysis.SpecialType special, out ElementType type)
    {
        switch (special)
        {
            case Microsoft.CodeAnalysis.SpecialType.System_Boolean: type = ElementType.Bool; return true;
            case Microsoft.CodeAnalysis.SpecialType.System_SByte: type = ElementType.SByte; return true;
            case Microsoft.CodeAnalysis.SpecialType.System_Byte: type = ElementType.Byte; return true;
            case Microsoft.CodeAnalysis.SpecialType.System_Int16: type = ElementType.Int16; return true;
            case Microsoft.CodeAnalysis.SpecialType.System_UInt16: type = ElementType.UInt16; return true;
            case Microsoft.CodeAnalysis.SpecialType.System_Int32: type = ElementType.Int32; return true;
            case Microsoft.CodeAnalysis.SpecialType.System_UInt32: type = ElementType.UInt32; return true;
            case Microsoft.CodeAnalysis.SpecialType.System_Int64: type = ElementType.Int64; return true;
            case Microsoft.CodeAnalysis.SpecialType.System_UInt64: type = ElementType.UInt64; return true;
            case Microsoft.CodeAnalysis.SpecialType.System_Single: type = ElementType.Single; return true;
            case Microsoft.CodeAnalysis.SpecialType.System_Double: type = ElementType.Double; return true;
            default: type = default; return false;
        }
    }
}
