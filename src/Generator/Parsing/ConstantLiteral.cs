using System;
using System.Globalization;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>Formats constants as C# literals of their element type, culture-invariant and round-trippable.</summary>
internal static class ConstantLiteral
{
    public static string Format(object value, ElementType type)
    {
        IFormatProvider invariant = CultureInfo.InvariantCulture;
        switch (type)
        {
            case ElementType.Bool:
                return (bool)value ? "true" : "false";
            case ElementType.Double:
            {
                double d = System.Convert.ToDouble(value, invariant);
                if (double.IsNaN(d)) return "double.NaN";
                if (double.IsPositiveInfinity(d)) return "double.PositiveInfinity";
                if (double.IsNegativeInfinity(d)) return "double.NegativeInfinity";
                if (d == 0 && BitConverter.DoubleToInt64Bits(d) != 0) return "-0.0d";
                return d.ToString("R", invariant) + "d";
            }

            case ElementType.Single:
            {
                float f = System.Convert.ToSingle(value, invariant);
                if (float.IsNaN(f)) return "float.NaN";
                if (float.IsPositiveInfinity(f)) return "float.PositiveInfinity";
                if (float.IsNegativeInfinity(f)) return "float.NegativeInfinity";
                if (f == 0 && BitConverter.DoubleToInt64Bits(f) != 0) return "-0.0f";
                return f.ToString("R", invariant) + "f";
            }

            case ElementType.Int32:
            {
                int i = System.Convert.ToInt32(value, invariant);
                return i == int.MinValue ? "int.MinValue" : i.ToString(invariant);
            }

            case ElementType.UInt32:
                return System.Convert.ToUInt32(value, invariant).ToString(invariant) + "U";
            case ElementType.Int64:
            {
                long l = System.Convert.ToInt64(value, invariant);
                return l == long.MinValue ? "long.MinValue" : l.ToString(invariant) + "L";
            }

            case ElementType.UInt64:
                return System.Convert.ToUInt64(value, invariant).ToString(invariant) + "UL";
            default:
                return "(" + type.Keyword() + ")" + System.Convert.ToInt64(value, invariant).ToString(invariant);
        }
    }
}
