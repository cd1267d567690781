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
internal sealed class KernelSourceGenerator : RandomCodeWriter
{
    private int _loopDepth;

    public KernelSourceGenerator(ulong seed)
        : base(seed)
    {
    }

    /// <summary>One random kernel: its parameter types, result type and source (kernel plus checker).</summary>
    public sealed record Kernel(string Name, string[] ParameterTypes, string ResultType, string Source);

    public Kernel Next(string name)
    {
        Text.Clear();
        Locals = 0;
        _loopDepth = 0;
        int arity = 1 + Random.Below(3);
        string[] parameterTypes = Enumerable.Range(0, arity).Select(_ => Pick(Types)).ToArray();
        if (parameterTypes.All(t => t == "bool"))
        {
            parameterTypes[0] = Pick(Numeric);
        }

        string resultType = Pick(Types);
        Scope = parameterTypes.Select((type, i) => new Variable($"p{i}", type)).ToList();

        Line("[Vectorize]");
        Line($"public static {resultType} {name}({string.Join(", ", parameterTypes.Select((t, i) => $"{t} p{i}"))})");
        Line("{");
        Indentation++;
        int statements = 1 + Random.Below(5);
        for (int i = 0; i < statements; i++)
        {
            Statement(resultType, depth: 0);
        }

        Line($"return {Expression(resultType, 3)};");
        Indentation--;
        Line("}");
        Line("");
        WriteChecker(name, parameterTypes, resultType);
        return new Kernel(name, parameterTypes, resultType, Text.ToString());
    }

    private void Statement(string resultType, int depth)
    {
        int choice = Random.Below(depth >= 2 ? 3 : 7);
        switch (choice)
        {
            case 0:
            case 1:
            {
                string type = Pick(Types);
                string local = $"v{Locals++}";
                Line($"{type} {local} = {Expression(type, 3)};");
                Scope.Add(new Variable(local, type));
                break;
            }

            case 2:
            {
                // Loop counters (c0, c1, ...) are never assigned: every loop must end.
                var assignable = Scope.Where(s => s.Assignable).ToList();
                (string name, string type, _) = assignable[Random.Below(assignable.Count)];
                Line($"{name} = {Expression(type, 3)};");
                break;
            }

            case 3:
            case 4:
            {
                Line($"if ({Expression("bool", 2)})");
                Block(resultType, depth);
                if (Random.Below(2) == 0)
                {
                    Line("else");
                    Block(resultType, depth);
                }

                break;
            }

            case 5:
            {
                // A loop that always ends: a counter bounds it.
                string counter = $"c{Locals++}";
                Line($"int {counter} = 0;");
                Line($"while ({counter} < {1 + Random.Below(6)} && {Expression("bool", 1)})");
                Line("{");
                Indentation++;
                Line($"{counter}++;");
                int scopeSize = Scope.Count;
                _loopDepth++;
                LoopBody(resultType, depth);
                _loopDepth--;
                Scope.RemoveRange(scopeSize, Scope.Count - scopeSize);
                Indentation--;
                Line("}");
                break;
            }

            default:
            {
                string counter = $"c{Locals++}";
                Line($"for (int {counter} = 0; {counter} < {1 + Random.Below(5)}; {counter}++)");
                Line("{");
                Indentation++;
                int scopeSize = Scope.Count;
                Scope.Add(new Variable(counter, "int", Assignable: false));
                _loopDepth++;
                LoopBody(resultType, depth);
                _loopDepth--;
                Scope.RemoveRange(scopeSize, Scope.Count - scopeSize);
                Indentation--;
                Line("}");
                break;
            }
        }
    }

    private void LoopBody(string resultType, int depth)
    {
        int statements = 1 + Random.Below(3);
        for (int i = 0; i < statements; i++)
        {
            int choice = Random.Below(6);
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
        Indentation++;
        int scopeSize = Scope.Count;
        int statements = Random.Below(3);
        for (int i = 0; i < statements; i++)
        {
            Statement(resultType, depth + 1);
        }

        if (Random.Below(3) == 0)
        {
            Line($"return {Expression(resultType, 2)};");
        }

        Scope.RemoveRange(scopeSize, Scope.Count - scopeSize);
        Indentation--;
        Line("}");
    }

    private void WriteChecker(string name, string[] parameterTypes, string resultType)
    {
        string parameters = string.Join(", ", parameterTypes.Select((t, i) => $"{t}[] a{i}"));
        string elements = string.Join(", ", parameterTypes.Select((_, i) => $"a{i}[i]"));
        string spans = string.Join(", ", parameterTypes.Select((_, i) => $"a{i}"));
        Line($"public static string? Check_{name}({parameters})");
        Line("{");
        Indentation++;
        Line("int n = a0.Length;");
        Line($"var expected = new {resultType}[n];");
        // The README: the entry point throws what the kernel throws for some element.
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
        Indentation--;
        Line("}");
        Line("");
    }

}
