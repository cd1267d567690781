using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SourceGen.Differential.Tests.Harness;

namespace SourceGen.Generator.Tests.RandomKernels;

/// <summary>
/// What the random kernel writers share: a scope of typed variables (and read-only element reads), well-typed
/// random expressions over every element type with C#'s promotions and explicit conversions, and the text.
/// </summary>
internal abstract class RandomCodeWriter
{
    protected static readonly string[] Numeric = { "sbyte", "byte", "short", "ushort", "int", "uint", "long", "ulong", "float", "double" };
    protected static readonly string[] Types = Numeric.Append("bool").ToArray();

    protected readonly Inputs.SplitMix64 Random;
    protected readonly StringBuilder Text = new();
    protected List<Variable> Scope = new();
    protected int Locals;
    protected int Indentation;

    protected RandomCodeWriter(ulong seed) => Random = new Inputs.SplitMix64(seed);

    /// <summary>
    /// No operation that throws for some inputs: integer division and remainder by a divisor kept in 1..63, Math.Abs
    /// of an integer halved first. A [Parallel] or gufunc kernel that throws would leave which exception surfaces to
    /// the order of the threads; the [Vectorize] writer keeps them, its checker knows every element's exception.
    /// </summary>
    protected bool Safe { get; init; }

    /// <summary>A name in scope: a local or parameter (assignable), or a read-only value such as a loop counter or an element read.</summary>
    protected sealed record Variable(string Name, string Type, bool Assignable = true);

    protected static bool IsFloat(string type) => type is "float" or "double";

    protected static bool IsInteger(string type) => type is not ("float" or "double" or "bool");

    /// <summary>An expression of exactly <paramref name="type"/>.</summary>
    protected string Expression(string type, int depth)
    {
        if (depth <= 0 || Random.Below(4) == 0)
        {
            return Leaf(type);
        }

        if (type == "bool")
        {
            string operand = Pick(Numeric);
            return Random.Below(7) switch
            {
                0 => $"({Expression(operand, depth - 1)} < {Expression(operand, depth - 1)})",
                1 => $"({Expression(operand, depth - 1)} >= {Expression(operand, depth - 1)})",
                2 => $"({Expression(operand, depth - 1)} == {Expression(operand, depth - 1)})",
                3 => $"({Expression("bool", depth - 1)} && {Expression("bool", depth - 1)})",
                4 => $"({Expression("bool", depth - 1)} || {Expression("bool", depth - 1)})",
                5 => $"!{Expression("bool", depth - 1)}",
                _ => $"({Expression("bool", depth - 1)} ^ {Expression("bool", depth - 1)})",
            };
        }

        bool isFloat = IsFloat(type);
        bool isSigned = type is "sbyte" or "short" or "int" or "long" or "float" or "double";
        string math = type == "float" ? "MathF" : "Math";
        int choice = Random.Below(12);
        string a = Expression(type, depth - 1), b = Expression(type, depth - 1);
        string result = choice switch
        {
            0 => $"({a} + {b})",
            1 => $"({a} - {b})",
            2 => $"({a} * {b})",
            3 when Safe && !isFloat => $"({a} / ({type})(({b} & 63) | 1))",
            3 => $"({a} / {b})",
            4 when Safe && !isFloat => $"({a} % ({type})(({b} & 63) | 1))",
            4 when !isFloat => $"({a} % {b})",
            4 => $"({a} * 0.5{(type == "float" ? "f" : "")})",
            5 => $"({Expression("bool", depth - 1)} ? {a} : {b})",
            6 => $"Math.Max({a}, {b})",
            7 => $"Math.Min({a}, {b})",
            8 when isFloat => Random.Below(3) switch
            {
                0 => $"{math}.Floor({a})",
                1 => $"{math}.Sqrt({a})",
                _ => $"{math}.Round({a})",
            },
            8 when isSigned && Safe => $"Math.Abs(({type})({a} >> 1))",
            8 when isSigned => $"Math.Abs({a})",
            9 when !isFloat => $"({a} & {b})",
            10 when !isFloat => $"({a} ^ {b})",
            11 when type is "int" or "uint" or "long" or "ulong" => $"({a} << {Random.Below(40)})",
            11 when type is "int" or "long" => $"({a} >> {Random.Below(40)})",
            _ => $"Helper({Expression("double", depth - 1)})",
        };

        // C# promotes the small types (and some mixes) to int or wider: convert back explicitly.
        return $"(({type}){result})";
    }

    protected string Leaf(string type)
    {
        var candidates = Scope.Where(s => s.Type == type).ToList();
        int choice = Random.Below(4);
        if (choice < 2 && candidates.Count > 0)
        {
            return candidates[Random.Below(candidates.Count)].Name;
        }

        if (choice == 2 && type != "bool")
        {
            // A conversion from another variable.
            var others = Scope.Where(s => s.Type != "bool").ToList();
            if (others.Count > 0)
            {
                return $"(({type}){others[Random.Below(others.Count)].Name})";
            }
        }

        return Constant(type);
    }

    protected string Constant(string type)
    {
        if (type == "bool")
        {
            return Random.Below(2) == 0 ? "true" : "false";
        }

        if (IsFloat(type))
        {
            // No -0.0 constant: .NET 10's JIT computes Math.Min(x, -0d) as +0 for x = +0 (Math.Min documents -0),
            // so the kernel as written is wrong there. Negative zeros still come from the inputs.
            double[] values = { 0, 1, -1, 0.5, 2.5, -3.75, 1e10, -1e-5, 255.5, 3e9 };
            double value = values[Random.Below(values.Length)];
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return type == "float" ? $"({text}f)" : $"({text}d)";
        }

        long[] integers = { 0, 1, -1, 2, 3, 7, 100, 255, -128, 65535, int.MaxValue, int.MinValue };
        return $"unchecked(({type}){integers[Random.Below(integers.Length)]}L)";
    }

    /// <summary>Runs <paramref name="body"/> with the scope restored afterwards (a block's locals go out of scope).</summary>
    protected void Scoped(Action body)
    {
        int size = Scope.Count;
        body();
        Scope.RemoveRange(size, Scope.Count - size);
    }

    protected string Pick(string[] options) => options[Random.Below(options.Length)];

    protected T Pick<T>(IReadOnlyList<T> options) => options[Random.Below(options.Count)];

    protected void Line(string text) => Text.Append(' ', 4 * Indentation).Append(text).Append('\n');

    protected void Open()
    {
        Line("{");
        Indentation++;
    }

    protected void Close()
    {
        Indentation--;
        Line("}");
    }
}
