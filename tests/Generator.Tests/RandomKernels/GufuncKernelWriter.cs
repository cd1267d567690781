using System;
using System.Collections.Generic;
using System.Linq;

namespace SourceGen.Generator.Tests.RandomKernels;

/// <summary>
/// Writes random [GuVectorize] kernels and entry points: one-dimensional cores (<c>"(n),(n),()-&gt;(n),()"</c>: a loop
/// over <c>i</c> with neighbours clamped or behind border tests, branches, windows, and reductions written to a
/// <c>()</c> output) and two-dimensional ones (<c>"(m,n),(n)-&gt;(m)"</c> row reductions, <c>"(m,n)-&gt;(m,n)"</c>
/// maps over tensor spans). The entry point's arguments are <c>T</c>, <c>T[]</c>, <c>T[,]</c> or <c>T[,,]</c> with
/// up to two loop dimensions, inputs with fewer (or of length 1: broadcast). The checker builds the arguments for a
/// loop shape and core sizes, runs the entry point, and calls the kernel on copies of each outer index's core
/// slices, as NumPy would.
/// </summary>
internal sealed class GufuncKernelWriter : RandomCodeWriter
{
    private sealed record Argument(string Name, string Type, int CoreRank, bool Output, int OuterRank)
    {
        public bool IsScalar => !Output && CoreRank == 0 && OuterRank == 0;

        public int Rank => OuterRank + CoreRank;

        public string Core => CoreRank switch { 0 => "()", 1 => "(n)", _ => "(m,n)" };
    }

    private sealed record Reduction(string Name, string Type, string Operator, string Initial, string Output)
    {
        public bool Rounds => IsFloat(Type) && Operator == "+=";
    }

    private List<Argument> _arguments = new();
    private List<Reduction> _reductions = new();
    private bool _fastMath;

    public GufuncKernelWriter(ulong seed)
        : base(seed) => Safe = true;

    public RandomKernel Next(string name)
    {
        Text.Clear();
        Locals = 0;
        Scope = new List<Variable>();
        _reductions = new List<Reduction>();
        bool matrix = Random.Below(3) == 0;
        int loopRank = matrix ? Random.Below(2) : Random.Below(3);
        _arguments = new List<Argument>();

        // Inputs: the first has the core dimension(s) every output uses, and the whole loop shape (the loop shape is
        // the inputs' broadcast: an output may not add dimensions, README); a () input is a kernel scalar.
        if (matrix)
        {
            _arguments.Add(new Argument("a0", Pick(Numeric), 2, false, loopRank));
            if (Random.Below(2) == 0)
            {
                _arguments.Add(new Argument("a1", Pick(Numeric), 1, false, Random.Below(Math.Min(loopRank, 2) + 1)));
            }
        }
        else
        {
            for (int k = 0, inputs = 1 + Random.Below(2); k < inputs; k++)
            {
                _arguments.Add(new Argument($"a{k}", Pick(Numeric), 1, false, k == 0 ? loopRank : Random.Below(loopRank + 1)));
            }
        }

        if (Random.Below(2) == 0)
        {
            _arguments.Add(new Argument($"a{_arguments.Count}", Pick(Numeric), 0, false, Random.Below(loopRank + 1)));
        }

        // Outputs: a () output needs a loop dimension (an array of rank 0 does not exist).
        bool rowReduction = matrix && Random.Below(2) == 0;
        int outputs = matrix ? 1 : 1 + Random.Below(2);
        for (int k = 0; k < outputs; k++)
        {
            int core = matrix ? (rowReduction ? 1 : 2) : loopRank > 0 && Random.Below(2) == 0 ? 0 : 1;
            _arguments.Add(new Argument($"o{k}", Pick(Numeric), core, true, loopRank));
        }

        _fastMath = !matrix && Random.Below(3) == 0;
        string signature = string.Join(",", _arguments.Where(a => !a.Output).Select(a => a.Core)) + "->" + string.Join(",", _arguments.Where(a => a.Output).Select(a => a.Core));
        string parameters = string.Join(", ", _arguments.Select(a => $"{KernelType(a)} {a.Name}"));
        Line($"public static void {name}({parameters})");
        Open();
        Scope.AddRange(_arguments.Where(a => !a.Output && a.CoreRank == 0).Select(a => new Variable(a.Name, a.Type, Assignable: false)));
        if (matrix)
        {
            MatrixBody(rowReduction);
        }
        else
        {
            VectorBody();
        }

        Close();
        string body = Text.ToString();
        Text.Clear();
        string options = (_fastMath ? ", FastMath = true" : "") + (Random.Below(3) == 0 ? ", Target = Target.Parallel" : "");
        Text.Append(System.Text.RegularExpressions.Regex.Replace(body, @"TERM(\d+)\(", "("));
        Line("");
        Line($"[GuVectorize(nameof({name}), \"{signature}\"{options})]");
        Line($"public static partial void {name}_Entry({string.Join(", ", _arguments.Select(a => $"{EntryType(a)} {a.Name}"))});");
        Line("");
        bool tolerance = _fastMath && _reductions.Any(r => r.Rounds);
        if (tolerance)
        {
            Text.Append(System.Text.RegularExpressions.Regex.Replace(body, @"TERM(\d+)\(", "Tally.Term($1, ")
                .Replace($"public static void {name}(", $"public static void {name}_Twin(", StringComparison.Ordinal));
            Line("");
        }

        WriteChecker(name, loopRank, tolerance);
        return new RandomKernel(name, Text.ToString());
    }

    private static string KernelType(Argument a) => (a.Output, a.CoreRank) switch
    {
        (false, 0) => a.Type,
        (false, 1) => $"ReadOnlySpan<{a.Type}>",
        (false, _) => $"ReadOnlyTensorSpan<{a.Type}>",
        (true, 2) => $"TensorSpan<{a.Type}>",
        _ => $"Span<{a.Type}>",
    };

    private static string EntryType(Argument a) => a.IsScalar ? a.Type : $"{a.Type}[{new string(',', a.Rank - 1)}]";

    private Reduction NewReduction(string name, string type, string output)
    {
        if (IsFloat(type))
        {
            string op = Pick(new[] { "+=", "+=", "max", "min" });
            return new Reduction(name, type, op, op == "+=" ? Constant(type) : Pick(new[] { Constant(type), $"{type}.NegativeInfinity", $"{type}.PositiveInfinity" }), output);
        }

        string integerOp = Pick(new[] { "+=", "-=", "*=", "&=", "|=", "^=", "max", "min" });
        return new Reduction(name, type, integerOp, integerOp switch
        {
            "*=" => $"({type})1",
            "max" => $"{type}.MinValue",
            "min" => $"{type}.MaxValue",
            _ => Constant(type),
        }, output);
    }

    private void Reduce(Reduction reduction, int depth)
    {
        string term = Expression(reduction.Type, depth);
        string math = reduction.Type == "float" ? "MathF" : "Math";
        Line(reduction.Operator switch
        {
            "max" => $"{reduction.Name} = {math}.Max({reduction.Name}, {term});",
            "min" => Random.Below(2) == 0 ? $"{reduction.Name} = {math}.Min({term}, {reduction.Name});" : $"{reduction.Name} = {math}.Min({reduction.Name}, {term});",
            "+=" when reduction.Rounds => $"{reduction.Name} += TERM{_reductions.IndexOf(reduction)}({term});",
            _ => $"{reduction.Name} {reduction.Operator} {term};",
        });
    }

    /// <summary>A loop over the (n) core: map outputs written per element, () outputs reduced and written after it.</summary>
    private void VectorBody()
    {
        var vectors = _arguments.Where(a => !a.Output && a.CoreRank == 1).ToList();
        foreach (Argument output in _arguments.Where(a => a.Output && a.CoreRank == 0))
        {
            Reduction reduction = NewReduction($"r{_reductions.Count}", output.Type, output.Name);
            _reductions.Add(reduction);
            Line($"{reduction.Type} {reduction.Name} = {reduction.Initial};");
        }

        // The last index of each core, computed before the loop ('a.Length' inside it keeps the loop as written: SG0103).
        foreach (Argument a in vectors)
        {
            Line($"int {a.Name}Last = {a.Name}.Length - 1;");
        }

        Argument bound = Random.Below(2) == 0 ? vectors[0] : _arguments.FirstOrDefault(a => a.Output && a.CoreRank == 1) ?? vectors[0];
        Line($"for (int i = 0; i < {bound.Name}.Length; i++)");
        Open();
        Scope.Add(new Variable("i", "int", Assignable: false));
        foreach (Argument a in _arguments.Where(a => a.CoreRank == 1))
        {
            Scope.Add(new Variable($"{a.Name}[i]", a.Type, Assignable: false));
        }

        for (int k = 1 + Random.Below(5); k > 0; k--)
        {
            Statement(vectors, 0);
        }

        foreach (Reduction reduction in _reductions)
        {
            Reduce(reduction, 3);
        }

        foreach (Argument output in _arguments.Where(a => a.Output && a.CoreRank == 1))
        {
            Line($"{output.Name}[i] = {Expression(output.Type, 3)};");
        }

        Close();
        foreach (Reduction reduction in _reductions)
        {
            Line($"{reduction.Output}[0] = {reduction.Name};");
        }
    }

    private string Neighbour(Argument a) => Random.Below(4) switch
    {
        0 => $"{a.Name}[Math.Clamp(i + {Random.Below(5) - 2}, 0, {a.Name}Last)]",
        1 => $"(i > 0 ? {a.Name}[i - 1] : {Constant(a.Type)})",
        2 => $"(i < {a.Name}Last ? {a.Name}[i + 1] : {a.Name}[i])",
        _ => $"{a.Name}[Math.Min(i + 1, {a.Name}Last)]",
    };

    private void Statement(List<Argument> vectors, int depth)
    {
        switch (Random.Below(depth > 0 ? 4 : 7))
        {
            case 0:
            {
                string type = Pick(Types);
                string local = $"v{Locals++}";
                Line($"{type} {local} = {Expression(type, 3)};");
                Scope.Add(new Variable(local, type));
                break;
            }

            case 1:
            {
                Argument a = Pick(vectors);
                string local = $"v{Locals++}";
                Line($"{a.Type} {local} = {Neighbour(a)};");
                Scope.Add(new Variable(local, a.Type));
                break;
            }

            case 2:
            {
                var assignable = Scope.Where(s => s.Assignable).ToList();
                if (assignable.Count > 0)
                {
                    Variable target = Pick(assignable);
                    Line($"{target.Name} = {Expression(target.Type, 3)};");
                }

                break;
            }

            case 3:
            {
                Argument? output = _arguments.Where(a => a.Output && a.CoreRank == 1).ToList() is { Count: > 0 } maps ? Pick(maps) : null;
                if (output is not null)
                {
                    Line($"{output.Name}[i] = {Expression(output.Type, 3)};");
                }

                break;
            }

            case 4:
            case 5:
            {
                Line($"if ({Expression("bool", 2)})");
                Open();
                Scoped(() =>
                {
                    for (int k = 1 + Random.Below(2); k > 0; k--)
                    {
                        Statement(vectors, depth + 1);
                    }
                });
                Close();
                if (Random.Below(2) == 0)
                {
                    Line("else");
                    Open();
                    Scoped(() => Statement(vectors, depth + 1));
                    Close();
                }

                break;
            }

            default:
            {
                // A window summed in a uniform loop.
                Argument a = Pick(vectors);
                string local = $"v{Locals++}";
                Line($"{a.Type} {local} = {Constant(a.Type)};");
                Line($"for (int d = -{1 + Random.Below(2)}; d <= 1; d++)");
                Open();
                Line($"{local} = ({a.Type})({local} + {a.Name}[Math.Clamp(i + d, 0, {a.Name}Last)]);");
                Close();
                Scope.Add(new Variable(local, a.Type));
                break;
            }
        }
    }

    /// <summary>Rows of an (m,n) tensor span: each row reduced into an (m) output, or mapped into an (m,n) one.</summary>
    private void MatrixBody(bool rowReduction)
    {
        Argument a = _arguments[0];
        Argument? vector = _arguments.FirstOrDefault(x => !x.Output && x.CoreRank == 1);
        Argument output = _arguments.Single(x => x.Output);
        Line($"int m = (int){a.Name}.Lengths[0], n = (int){a.Name}.Lengths[1];");
        Line("for (int j = 0; j < m; j++)");
        Open();
        Scope.Add(new Variable("j", "int", Assignable: false));
        Reduction? reduction = null;
        if (rowReduction)
        {
            reduction = NewReduction("r0", output.Type, output.Name);
            _reductions.Add(reduction);
            Line($"{reduction.Type} r0 = {reduction.Initial};");
        }

        Line("for (int k = 0; k < n; k++)");
        Open();
        Scope.Add(new Variable("k", "int", Assignable: false));
        Scope.Add(new Variable($"{a.Name}[j, k]", a.Type, Assignable: false));
        if (vector is not null)
        {
            Scope.Add(new Variable($"{vector.Name}[k]", vector.Type, Assignable: false));
        }

        if (Random.Below(2) == 0)
        {
            string local = $"v{Locals++}";
            Line($"{a.Type} {local} = {a.Name}[j, Math.Clamp(k + {Random.Below(3) - 1}, 0, n - 1)];");
            Scope.Add(new Variable(local, a.Type));
        }

        for (int s = Random.Below(3); s > 0; s--)
        {
            string type = Pick(Types);
            string local = $"v{Locals++}";
            Line($"{type} {local} = {Expression(type, 3)};");
            Scope.Add(new Variable(local, type));
        }

        if (reduction is not null)
        {
            Reduce(reduction, 3);
        }
        else
        {
            Line($"{output.Name}[j, k] = {Expression(output.Type, 3)};");
        }

        Close();
        if (reduction is not null)
        {
            Line($"{output.Name}[j] = r0;");
        }

        Close();
    }

    private void WriteChecker(string name, int loopRank, bool tolerance)
    {
        Line($"public static string? Check_{name}(System.Func<string, int[], System.Array> make, int[] loop, int m, int n, int broadcast)");
        Open();
        Line($"loop = loop.Take({loopRank}).ToArray();");
        string CoreShape(Argument a) => a.CoreRank switch { 0 => "", 1 => ", n", _ => ", m, n" };
        string CoreCount(Argument a) => a.CoreRank switch { 0 => "1", 1 => "n", _ => "m * n" };
        int salt = 0;
        foreach (Argument a in _arguments)
        {
            if (a.IsScalar)
            {
                Line($"var {a.Name} = (({a.Type}[])make(\"{a.Type}\", new[] {{ 1 }}))[0];");
                continue;
            }

            string array = EntryType(a);
            // Each outer dimension of an input is the loop's, or 1 (broadcast) where a bit of 'broadcast' says so.
            string outer = string.Join("", Enumerable.Range(0, a.OuterRank).Select(d =>
                a.Output || a.Name == "a0" ? $", loop[{loopRank - a.OuterRank + d}]" : $", ((broadcast >> {salt++ % 30}) & 3) == 0 ? 1 : loop[{loopRank - a.OuterRank + d}]"));
            Line($"var {a.Name} = ({array})make(\"{a.Type}\", new int[] {{ {(outer + CoreShape(a)).TrimStart(',', ' ')} }});");
            if (a.Output)
            {
                Line($"var {a.Name}Generated = ({array}){a.Name}.Clone();");
            }
        }

        Line("System.Exception? generatedError = null;");
        Line($"try {{ {name}_Entry({string.Join(", ", _arguments.Select(a => a.Output ? a.Name + "Generated" : a.Name))}); }} catch (System.Exception e) {{ generatedError = e; }}");
        foreach (Reduction reduction in _reductions.Where(r => tolerance && r.Rounds))
        {
            Line($"var {reduction.Name}Magnitude = new double[{reduction.Output}.Length];");
            Line($"var {reduction.Name}Terms = new long[{reduction.Output}.Length];");
        }

        // The kernel on copies of each outer index's core slices, the outputs' slices copied back.
        Line("try");
        Open();
        Line("foreach (int[] index in Support.Indexes(loop))");
        Open();
        foreach (Argument a in _arguments.Where(a => !a.IsScalar))
        {
            Line($"var {a.Name}Core = Support.Core<{a.Type}>({a.Name}, {a.OuterRank}, index, {CoreCount(a)});");
        }

        string Arguments(string suffix) => string.Join(", ", _arguments.Select(a => a.IsScalar ? a.Name
            : a.CoreRank == 0 && !a.Output ? $"{a.Name}Core[0]"
            : a.CoreRank == 2 ? $"new {(a.Output ? "TensorSpan" : "ReadOnlyTensorSpan")}<{a.Type}>({a.Name}Core{suffix}, [(nint)m, (nint)n])"
            : $"{a.Name}Core{suffix}"));
        if (tolerance)
        {
            foreach (Argument a in _arguments.Where(a => a.Output))
            {
                Line($"var {a.Name}CoreTwin = ({a.Type}[]){a.Name}Core.Clone();");
            }

            Line("Tally.Reset();");
            Line($"{name}_Twin({Arguments("Twin")});");
            foreach (Reduction reduction in _reductions.Where(r => r.Rounds))
            {
                int k = _reductions.IndexOf(reduction);
                Line($"{reduction.Name}Magnitude[Support.Offset({reduction.Output}, {loopRank}, index)] = Tally.Magnitude[{k}];");
                Line($"{reduction.Name}Terms[Support.Offset({reduction.Output}, {loopRank}, index)] = Tally.Count[{k}];");
            }
        }

        Line($"{name}({Arguments("")});");
        foreach (Argument a in _arguments.Where(a => a.Output))
        {
            Line($"Support.Store({a.Name}, {loopRank}, index, {a.Name}Core);");
        }

        Close();
        Close();
        Line("catch (System.Exception e)");
        Line("{");
        Line("    return generatedError?.GetType() == e.GetType() ? null : $\"kernel threw {e.GetType().Name}, generated {generatedError?.ToString() ?? \"nothing\"}\";");
        Line("}");
        Line("if (generatedError is not null) return $\"generated threw {generatedError}, the kernel nothing\";");
        Line("string? difference;");
        foreach (Argument a in _arguments.Where(a => a.Output))
        {
            Reduction? rounds = _reductions.FirstOrDefault(r => tolerance && r.Rounds && r.Output == a.Name);
            Line(rounds is null
                ? $"if ((difference = Support.Compare<{a.Type}>(\"{a.Name}\", {a.Name}, {a.Name}Generated)) is not null) return difference;"
                : $"if ((difference = Support.CompareClose(\"{a.Name}\", {a.Name}, {a.Name}Generated, {rounds.Initial}, {rounds.Name}Magnitude, {rounds.Name}Terms)) is not null) return difference;");
        }

        Line("return null;");
        Close();
        Line("");
    }
}
