using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>Recognizes calls to <c>Math</c>, <c>MathF</c> and the <c>double</c>/<c>float</c> classification methods.</summary>
internal static class MathFunctions
{
    public static MathFunction Recognize(string containingType, string name, int argumentCount)
    {
        if (containingType is "double" or "float")
        {
            return (name, argumentCount) switch
            {
                ("IsNaN", 1) => MathFunction.IsNaN,
                ("IsInfinity", 1) => MathFunction.IsInfinity,
                ("IsFinite", 1) => MathFunction.IsFinite,
                ("IsNegative", 1) => MathFunction.IsNegative,
                _ => MathFunction.None,
            };
        }

        if (containingType is not ("System.Math" or "System.MathF"))
        {
            return MathFunction.None;
        }

        return (name, argumentCount) switch
        {
            ("Abs", 1) => MathFunction.Abs,
            ("Min", 2) => MathFunction.Min,
            ("Max", 2) => MathFunction.Max,
            ("Clamp", 3) => MathFunction.Clamp,
            ("Sqrt", 1) => MathFunction.Sqrt,
            ("Exp", 1) => MathFunction.Exp,
            ("Log", 1) => MathFunction.Log,
            ("Log2", 1) => MathFunction.Log2,
            ("Log10", 1) => MathFunction.Log10,
            ("Pow", 2) => MathFunction.Pow,
            ("Sin", 1) => MathFunction.Sin,
            ("Cos", 1) => MathFunction.Cos,
            ("Tan", 1) => MathFunction.Tan,
            ("Tanh", 1) => MathFunction.Tanh,
            ("Sinh", 1) => MathFunction.Sinh,
            ("Cosh", 1) => MathFunction.Cosh,
            ("Asin", 1) => MathFunction.Asin,
            ("Acos", 1) => MathFunction.Acos,
            ("Atan", 1) => MathFunction.Atan,
            ("Atan2", 2) => MathFunction.Atan2,
            ("Cbrt", 1) => MathFunction.Cbrt,
            ("Floor", 1) => MathFunction.Floor,
            ("Ceiling", 1) => MathFunction.Ceiling,
            ("Truncate", 1) => MathFunction.Truncate,
            ("Round", 1) => MathFunction.Round,
            ("FusedMultiplyAdd", 3) => MathFunction.FusedMultiplyAdd,
            ("CopySign", 2) => MathFunction.CopySign,
            ("Sign", 1) => MathFunction.Sign,
            _ => MathFunction.None,
        };
    }
}
