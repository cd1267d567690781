using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SourceGen.Differential.Tests.Harness;

namespace SourceGen.Generator.Tests.RandomKernels;

/// <summary>
/// Writes random, well-typed [Vectorize] kernels: expressions over every element type with C#'s promotions and
/// explicit conversions, comparisons and logic, ?:, Math functions, calls to a helper, locals, nested if/else,
/// bounded loops with break and continue, and early returns. Each kernel comes with a checker method (in the
/// same source) that runs the generated entry point and the kernel per element on arrays and reports the first
/// difference, so the test can drive everything through reflection.
/// </summary>
internal sealed class KernelSourceGenerator
{
    private static readonly string[] Numeric = { "sbyte", "byte", "short", "ushort", "int", "uint", "long", "ulong", "float", "double" };
    private static readonly string[] Types = Numeric.Append("bool").ToArray();

    private readonly Inputs.SplitMix64 _random;
    private readonly StringBuilder _text = new();
    private List<(string Name, string Type)> _scope = new();
    private int _locals;
    private int _indent;
    private int _loopDepth;

    public KernelSourceGenerator(ulong seed) => _random = new Inputs.SplitMix64(seed);

    /// <summary>One random kernel: its parameter types, result type and source (kernel plus checker).</summary>
    public sealed record Kernel(string Name, string[] ParameterTypes, string ResultType, string Source);

    public Kernel Next(string name)
    {
        _text.Clear();
        _locals = 0;
        _loopDepth = 0;
        int arity = 1 + _random.Below(3);
        string[] parameterTypes = Enumerable.Range(0, arity).Select(_ => Pick(Types)).ToArray();
        if (parameterTypes.All(t => t == "bool"))
        {
            parameterTypes[0] = Pick(Numeric);
        }

        string resultType = Pick(Types);
        _scope = parameterTypes.Select((type, i) => ($"p{i}", type)).ToList();

        Line("[Vectorize]");
        Line($"public static {resultType} {name}({string.Join(", ", parameterTypes.Select((t, i) => $"{t} p{i}"))})");
        Line("{");
        _indent++;
        int statements = 1 + _random.Below(5);
        for (int i = 0; i < statements; i++)
        {
            Statement(resultType, depth: 0);
        }

        Line($"return {Expression(resultType, 3)};");
        _indent--;
        Line("}");
        Line("");
        WriteChecker(name, parameterTypes, resultType);
        return new Kernel(name, parameterTypes, resultType, _text.ToString());
    }

    private void Statement(string resultType, int depth)
    {
        int choice = _random.Below(depth >= 2 ? 3 : 7);
        switch (choice)
        {
            case 0:
            case 1:
            {
                string type = Pick(Types);
                string local = $"v{_locals++}";
                Line($"{type} {local} = {Expression(type, 3)};");
                _scope.Add((local, type));
                break;
            }

            case 2:
            {
                // Loop counters (c0, c1, ...) are never assigned: every loop must end.
                var assignable = _scope.Where(s => !s.Name.StartsWith("c", StringComparison.Ordinal)).ToList();
                (string name, string type) = assignable[_random.Below(assignable.Count)];
                Line($"{name} = {Expression(type, 3)};");
                break;
            }

            case 3:
            case 4:
            {
                Line($"if ({Expression("bool", 2)})");
                Block(resultType, depth);
                if (_random.Below(2) == 0)
                {
                    Line("else");
                    Block(resultType, depth);
                }

                break;
            }

            case 5:
            {
                // A loop that always ends: a counter bounds it.
                string counter = $"c{_locals++}";
                Line($"int {counter} = 0;");
                Line($"while ({counter} < {1 + _random.Below(6)} && {Expression("bool", 1)})");
                Line("{");
                _indent++;
                Line($"{counter}++;");
                int scopeSize = _scope.Count;
                _loopDepth++;
                LoopBody(resultType, depth);
                _loopDepth--;
                _scope.RemoveRange(scopeSize, _scope.Count - scopeSize);
                _indent--;
                Line("}");
                break;
            }

            default:
            {
                string counter = $"c{_locals++}";
                Line($"for (int {counter} = 0; {counter} < {1 + _random.Below(5)}; {counter}++)");
                Line("{");
                _indent++;
                int scopeSize = _scope.Count;
                _scope.Add((counter, "int"));
                _loopDepth++;
                LoopBody(resultType, depth);
                _loopDepth--;
                _scope.RemoveRange(scopeSize, _scope.Count - scopeSize);
                _indent--;
                Line("}");
                break;
            }
        }
    }

    private void LoopBody(string resultType, int depth)
    {
        int statements = 1 + _random.Below(3);
        for (int i = 0; i < statements; i++)
        {
            int choice = _random.Below(6);
            if (choice == 0)
            {
                Line($"if ({Expression("bool", 1)}) break;");
            }
            else if (choice == 1)
            {
                Line($"if ({Expression("bool", 1)}) continue;");
            }
            else
            {
                Statement(resultType, depth + 1);
            }
        }
    }

    private void Block(string resultType, int depth)
    {
        Line("{");
        _indent++;
        int scopeSize = _scope.Count;
        int statements = _random.Below(3);
        for (int i = 0; i < statements; i++)
        {
            Statement(resultType, depth + 1);
        }

        if (_random.Below(3) == 0)
        {
            Line($"return {Expression(resultType, 2)};");
        }

        _scope.RemoveRange(scopeSize, _scope.Count - scopeSize);
        _indent--;
        Line("}");
    }

    /// <summary>An expression of exactly <paramref name="type"/>.</summary>
    private string Expression(string type, int depth)
    {
        if (depth <= 0 || _random.Below(4) == 0)
        {
            return Leaf(type);
        }

        if (type == "bool")
        {
            string operand = Pick(Numeric);
            return _random.Below(7) switch
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

        bool isFloat = type is "float" or "double";
        bool isSigned = type is "sbyte" or "short" or "int" or "long" or "float" or "double";
        string math = type == "float" ? "MathF" : "Math";
        int choice = _random.Below(12);
        string a = Expression(type, depth - 1), b = Expression(type, depth - 1);
        string result = choice switch
        {
            0 => $"({a} + {b})",
            1 => $"({a} - {b})",
            2 => $"({a} * {b})",
            3 => $"({a} / {b})",
            4 when !isFloat => $"({a} % {b})",
            4 => $"({a} * 0.5{(type == "float" ? "f" : "")})",
            5 => $"({Expression("bool", depth - 1)} ? {a} : {b})",
            6 => $"Math.Max({a}, {b})",
            7 => $"Math.Min({a}, {b})",
            8 when isFloat => _random.Below(3) switch
            {
                0 => $"{math}.Floor({a})",
                1 => $"{math}.Sqrt({a})",
                _ => $"{math}.Round({a})",
            },
            8 when isSigned => $"Math.Abs({a})",
            9 when !isFloat => $"({a} & {b})",
            10 when !isFloat => $"({a} ^ {b})",
            11 when type is "int" or "uint" or "long" or "ulong" => $"({a} << {_random.Below(40)})",
            11 when type is "int" or "long" => $"({a} >> {_random.Below(40)})",
            _ => $"Helper({Expression("double", depth - 1)})",
        };

        // C# promotes the small types (and some mixes) to int or wider: convert back explicitly.
        return $"(({type}){result})";
    }

    private string Leaf(string type)
    {
        var candidates = _scope.Where(s => s.Type == type).ToList();
        int choice = _random.Below(4);
        if (choice < 2 && candidates.Count > 0)
        {
            return candidates[_random.Below(candidates.Count)].Name;
        }

        if (choice == 2 && type != "bool")
        {
            // A conversion from another variable.
            var others = _scope.Where(s => s.Type != "bool").ToList();
            if (others.Count > 0)
            {
                return $"(({type}){others[_random.Below(others.Count)].Name})";
            }
        }

        return Constant(type);
    }

    private string Constant(string type)
    {
        if (type == "bool")
        {
            return _random.Below(2) == 0 ? "true" : "false";
        }

        if (type is "float" or "double")
        {
            // No -0.0 constant: .NET 10's JIT computes Math.Min(x, -0d) as +0 for x = +0 (Math.Min documents -0),
            // so the kernel as written is wrong there. Negative zeros still come from the inputs.
            double[] values = { 0, 1, -1, 0.5, 2.5, -3.75, 1e10, -1e-5, 255.5, 3e9 };
            double value = values[_random.Below(values.Length)];
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return type == "float" ? $"({text}f)" : $"({text}d)";
        }

        long[] integers = { 0, 1, -1, 2, 3, 7, 100, 255, -128, 65535, int.MaxValue, int.MinValue };
        return $"unchecked(({type}){integers[_random.Below(integers.Length)]}L)";
    }

    private void WriteChecker(string name, string[] parameterTypes, string resultType)
    {
        string parameters = string.Join(", ", parameterTypes.Select((t, i) => $"{t}[] a{i}"));
        string elements = string.Join(", ", parameterTypes.Select((_, i) => $"a{i}[i]"));
        string spans = string.Join(", ", parameterTypes.Select((_, i) => $"a{i}"));
        Line($"public static string? Check_{name}({parameters})");
        Line("{");
        _indent++;
        Line("int n = a0.Length;");
        Line($"var expected = new {resultType}[n];");
        // DESIGN.md: the entry point throws what the kernel throws for some element.
        Line("var thrown = new System.Collections.Generic.HashSet<System.Type>();");
        Line("for (int i = 0; i < n; i++)");
        Line("{");
        Line($"    try {{ expected[i] = {name}({elements}); }} catch (System.Exception e) {{ thrown.Add(e.GetType()); }}");
        Line("}");
        Line($"var actual = new {resultType}[n];");
        Line($"try {{ {name}({spans}, actual); }}");
        Line("catch (System.Exception e) { return thrown.Contains(e.GetType()) ? null : $\"generated threw {e.GetType().Name}, kernel threw {string.Join(\"/\", thrown)}\"; }");
        Line("if (thrown.Count > 0) return $\"kernel threw {string.Join(\"/\", thrown)}, generated did not\";");
        Line("for (int i = 0; i < n; i++)");
        Line("{");
        string equal = resultType switch
        {
            "double" => "System.BitConverter.DoubleToInt64Bits(expected[i]) == System.BitConverter.DoubleToInt64Bits(actual[i]) || (double.IsNaN(expected[i]) && double.IsNaN(actual[i]))",
            "float" => "System.BitConverter.SingleToInt32Bits(expected[i]) == System.BitConverter.SingleToInt32Bits(actual[i]) || (float.IsNaN(expected[i]) && float.IsNaN(actual[i]))",
            _ => "expected[i] == actual[i]",
        };
        string inputs = string.Join(" + \", \" + ", parameterTypes.Select((_, i) => $"a{i}[i]"));
        Line($"    if (!({equal})) return $\"element {{i}} of {{n}}: kernel {{expected[i]}}, generated {{actual[i]}}, inputs \" + {inputs};");
        Line("}");
        Line("return null;");
        _indent--;
        Line("}");
        Line("");
    }

    private string Pick(string[] options) => options[_random.Below(options.Length)];

    private void Line(string text) => _text.Append(' ', 4 * _indent).Append(text).Append('\n');
}
