using System;
using System.Collections.Generic;
using System.Linq;

namespace SourceGen.Generator.Tests.RandomKernels;

/// <summary>
/// Writes random [Parallel] kernels: a <c>Prange</c> over rows with a row loop over <c>x</c> (or a flat
/// <c>Prange</c> over the elements), buffers as <c>ReadOnlySpan&lt;T&gt;</c>/<c>Span&lt;T&gt;</c>, <c>T[]</c> and
/// <c>T[,]</c>, neighbours read clamped (<c>Math.Clamp(x + dx, 0, width - 1)</c>, <c>Math.Min</c>/<c>Max</c>) or
/// behind border tests (<c>x &gt; 0 ? src[i - 1] : c</c>, <c>if (x &gt; 0) …</c>), uniform window loops, branches
/// that differ per element, in-place updates, reads of what the row's previous iteration wrote, and reductions into locals returned or passed out. Each kernel
/// comes with its entry point, a twin that tallies the magnitude of its float sums' terms (the tolerance of a
/// reassociated sum) and a checker that runs both on the same inputs and reports the first difference.
/// </summary>
internal sealed class ParallelKernelWriter : RandomCodeWriter
{
    private enum Storage { Span, Array, Array2D }

    private sealed record Buffer(string Name, string Type, Storage Storage, bool Output);

    private sealed record Reduction(string Name, string Type, string Operator, string Initial)
    {
        /// <summary>A float sum: its order changes its rounding, so the checker compares it within a tolerance.</summary>
        public bool Rounds => IsFloat(Type) && Operator == "+=";
    }

    private List<Buffer> _buffers = new();
    private List<Reduction> _reductions = new();
    private bool _flat;
    private bool _withRow;
    private bool _withIndex;
    private int _firstX;
    private bool _shortRow;

    public ParallelKernelWriter(ulong seed)
        : base(seed) => Safe = true;

    public RandomKernel Next(string name)
    {
        Text.Clear();
        Locals = 0;
        Scope = new List<Variable>();
        _flat = Random.Below(4) == 0;
        _withRow = !_flat && Random.Below(2) == 0;
        _withIndex = !_flat && Random.Below(3) == 0;

        // Rows from 1 to width - 1: neighbours at x ± 1 need no clamp there.
        _firstX = !_flat && Random.Below(5) == 0 ? 1 : 0;
        _shortRow = _firstX == 1 || (!_flat && Random.Below(6) == 0);

        _buffers = new List<Buffer>();
        int inputs = 1 + Random.Below(3), outputs = 1 + Random.Below(2);
        for (int k = 0; k < inputs + outputs; k++)
        {
            bool output = k >= inputs;
            Storage storage = _flat ? (Storage)Random.Below(2) : (Storage)Random.Below(3);
            _buffers.Add(new Buffer(output ? $"out{k - inputs}" : $"in{k}", Pick(Numeric), storage, output));
        }

        var uniforms = Enumerable.Range(0, Random.Below(3)).Select(k => new Variable($"u{k}", Pick(Types), Assignable: false)).ToList();
        _reductions = Enumerable.Range(0, Random.Below(4)).Select(k => NewReduction($"r{k}")).ToList();

        string resultType = _reductions.Count > 0 ? _reductions[0].Type : "void";
        var parameters = _buffers.Select(b => $"{Declared(b)} {b.Name}")
            .Concat(_flat ? new[] { "int n" } : new[] { "int width", "int height" })
            .Concat(uniforms.Select(u => $"{u.Type} {u.Name}"))
            .Concat(_reductions.Skip(1).Select(r => $"out {r.Type} {r.Name}Out"))
            .ToList();

        Line($"public static {resultType} {name}({string.Join(", ", parameters)})");
        Open();
        foreach (Reduction reduction in _reductions)
        {
            Line($"{reduction.Type} {reduction.Name} = {reduction.Initial};");
        }

        Scope.AddRange(uniforms);
        if (_flat)
        {
            Line("foreach (int i in Prange(n))");
            Open();
            Scope.Add(new Variable("i", "int", Assignable: false));
            ElementBody();
            Close();
        }
        else
        {
            Line("foreach (int y in Prange(height))");
            Open();
            Scope.Add(new Variable("y", "int", Assignable: false));
            if (_withRow)
            {
                Line("int row = y * width;");
            }

            if (Random.Below(3) == 0)
            {
                // A value per row: uniform across the row loop's lanes.
                string type = Pick(Numeric);
                string local = $"v{Locals++}";
                Line($"{type} {local} = {Expression(type, 2)};");
                Scope.Add(new Variable(local, type, Assignable: false));
            }

            if (_reductions.Count > 0 && Random.Below(4) == 0)
            {
                Reduce(Pick(_reductions));
            }

            Line($"for (int x = {_firstX}; x < {(_shortRow ? "width - 1" : "width")}; x++)");
            Open();
            Scope.Add(new Variable("x", "int", Assignable: false));
            if (_withIndex)
            {
                Line($"int i = {(_withRow ? "row" : "y * width")} + x;");
            }

            ElementBody();
            Close();
            Close();
        }

        foreach (Reduction reduction in _reductions.Skip(1))
        {
            Line($"{reduction.Name}Out = {reduction.Name};");
        }

        if (_reductions.Count > 0)
        {
            Line($"return {_reductions[0].Name};");
        }

        Close();
        string body = Text.ToString();
        Text.Clear();

        // The kernel, its entry point, the twin that tallies float sums' terms, the checker.
        string options = (Random.Below(3) == 0 ? ", FastMath = true" : "") + (Random.Below(5) == 0 ? ", Target = Target.Cpu" : "");
        Text.Append(Strip(body));
        Line("");
        Line($"[Parallel(nameof({name}){options})]");
        Line($"public static partial {resultType} {name}_Entry({string.Join(", ", parameters)});");
        Line("");
        if (_reductions.Any(r => r.Rounds))
        {
            Text.Append(Tally(body.Replace($"public static {resultType} {name}(", $"public static {resultType} {name}_Twin(", StringComparison.Ordinal)));
            Line("");
        }

        WriteChecker(name, resultType, uniforms);
        return new RandomKernel(name, Text.ToString());
    }

    /// <summary>The kernel: a float sum's term marker removed.</summary>
    private static string Strip(string body) => System.Text.RegularExpressions.Regex.Replace(body, @"TERM(\d+)\(", "(");

    /// <summary>The twin: each float sum's term passed through the tally.</summary>
    private static string Tally(string body) => System.Text.RegularExpressions.Regex.Replace(body, @"TERM(\d+)\(", "Tally.Term($1, ");

    private Reduction NewReduction(string name)
    {
        string type = Pick(Types);
        if (type == "bool")
        {
            string op = Pick(new[] { "|=", "&=", "^=" });
            return new Reduction(name, type, op, op == "&=" ? "true" : Constant("bool"));
        }

        if (IsFloat(type))
        {
            // Sums (within rounding), Max and Min (exact in any order); no float product (it overflows in other places).
            string op = Pick(new[] { "+=", "+=", "max", "min" });
            return new Reduction(name, type, op, op == "+=" ? Constant(type) : Pick(new[] { Constant(type), $"{type}.NegativeInfinity", $"{type}.PositiveInfinity" }));
        }

        string integerOp = Pick(new[] { "+=", "-=", "*=", "&=", "|=", "^=", "++", "max", "min" });
        return new Reduction(name, type, integerOp, integerOp switch
        {
            "*=" => $"({type})1",
            "max" => $"{type}.MinValue",
            "min" => $"{type}.MaxValue",
            "&=" => Random.Below(2) == 0 ? $"{type}.MaxValue" : Constant(type),
            _ => Constant(type),
        });
    }

    private void Reduce(Reduction reduction)
    {
        string term = Expression(reduction.Type, 2);
        string math = reduction.Type == "float" ? "MathF" : "Math";
        int index = _reductions.IndexOf(reduction);
        Line(reduction.Operator switch
        {
            "++" => $"{reduction.Name}++;",
            "max" => $"{reduction.Name} = {math}.Max({reduction.Name}, {term});",
            "min" => Random.Below(2) == 0 ? $"{reduction.Name} = {math}.Min({term}, {reduction.Name});" : $"{reduction.Name} = {math}.Min({reduction.Name}, {term});",
            "+=" when reduction.Rounds => $"{reduction.Name} += TERM{index}({term});",
            _ => $"{reduction.Name} {reduction.Operator} {term};",
        });
    }

    private static string Declared(Buffer buffer) => buffer.Storage switch
    {
        Storage.Span => buffer.Output ? $"Span<{buffer.Type}>" : $"ReadOnlySpan<{buffer.Type}>",
        Storage.Array => $"{buffer.Type}[]",
        _ => $"{buffer.Type}[,]",
    };

    /// <summary>The element this iteration owns.</summary>
    private string Centre(Buffer buffer) =>
        buffer.Storage == Storage.Array2D ? $"{buffer.Name}[y, x]"
        : _flat || _withIndex ? $"{buffer.Name}[i]"
        : $"{buffer.Name}[{RowStart} + x]";

    private string RowStart => _withRow ? "row" : "y * width";

    /// <summary>A neighbour of the element, clamped to the buffer or read behind a border test.</summary>
    private string Neighbour(Buffer b)
    {
        string fallback() => Random.Below(2) == 0 ? Constant(b.Type) : Centre(b);
        int dx = Random.Below(5) - 2;
        if (_flat)
        {
            return Random.Below(4) switch
            {
                0 => $"{b.Name}[Math.Clamp(i + {dx}, 0, n - 1)]",
                1 => $"(i > 0 ? {b.Name}[i - 1] : {fallback()})",
                2 => $"(i < n - 1 ? {b.Name}[i + 1] : {fallback()})",
                _ => $"{b.Name}[Math.Min(i + 1, n - 1)]",
            };
        }

        if (b.Storage == Storage.Array2D)
        {
            return Random.Below(7) switch
            {
                0 => $"{b.Name}[y, Math.Clamp(x + {dx}, 0, width - 1)]",
                1 => $"{b.Name}[Math.Clamp(y + {dx}, 0, height - 1), x]",
                2 => $"(x > 0 ? {b.Name}[y, x - 1] : {fallback()})",
                3 => $"(x < width - 1 ? {b.Name}[y, x + 1] : {fallback()})",
                4 => $"(y > 0 ? {b.Name}[y - 1, x] : {fallback()})",
                5 when _firstX == 1 => $"{b.Name}[y, x - 1]",
                _ => $"{b.Name}[y, Math.Max(x - 1, 0)]",
            };
        }

        string centre = _withIndex ? "i" : $"{RowStart} + x";
        return Random.Below(9) switch
        {
            0 or 1 => $"{b.Name}[{RowStart} + Math.Clamp(x + {dx}, 0, width - 1)]",
            2 => $"{b.Name}[Math.Clamp(y + {dx}, 0, height - 1) * width + x]",
            3 => $"(x > 0 ? {b.Name}[{centre} - 1] : {fallback()})",
            4 => $"(x < width - 1 ? {b.Name}[{centre} + 1] : {fallback()})",
            5 => $"(y > 0 ? {b.Name}[{centre} - width] : {fallback()})",
            6 => $"(y < height - 1 ? {b.Name}[{centre} + width] : {fallback()})",
            7 when _shortRow => $"{b.Name}[{centre} + 1]",
            _ => $"{b.Name}[{RowStart} + Math.Min(x + 1, width - 1)]",
        };
    }

    private void ElementBody()
    {
        // Every buffer's own element can be read (an output's too: an in-place update, read before or after a write).
        foreach (Buffer buffer in _buffers)
        {
            Scope.Add(new Variable(Centre(buffer), buffer.Type, Assignable: false));
        }

        int statements = 2 + Random.Below(5);
        for (int k = 0; k < statements; k++)
        {
            Statement(depth: 0);
        }

        foreach (Reduction reduction in _reductions)
        {
            if (Random.Below(3) != 0)
            {
                Reduce(reduction);
            }
        }

        foreach (Buffer output in _buffers.Where(b => b.Output))
        {
            Line($"{Centre(output)} = {Expression(output.Type, 3)};");
        }
    }

    private void Statement(int depth)
    {
        var inputs = _buffers.Where(b => !b.Output).ToList();
        switch (Random.Below(depth > 0 ? 5 : 9))
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
                // A neighbour into a local.
                Buffer buffer = Pick(inputs);
                string local = $"v{Locals++}";
                Line($"{buffer.Type} {local} = {Neighbour(buffer)};");
                Scope.Add(new Variable(local, buffer.Type));
                break;
            }

            case 3:
            {
                var assignable = Scope.Where(s => s.Assignable).ToList();
                if (assignable.Count == 0)
                {
                    goto case 4;
                }

                Variable target = Pick(assignable);
                Line($"{target.Name} = {Expression(target.Type, 3)};");
                break;
            }

            case 4:
            {
                Buffer output = Pick(_buffers.Where(b => b.Output).ToList());
                Line($"{Centre(output)} = {Expression(output.Type, 3)};");
                break;
            }

            case 5:
            case 6:
            {
                // A branch that differs per element (or, now and then, a border test guarding a neighbour read).
                bool border = Random.Below(3) == 0;
                Buffer buffer = Pick(inputs);
                string read = "";
                string condition = border ? BorderTest(buffer, out read) : Expression("bool", 2);
                Line($"if ({condition})");
                Open();
                Scoped(() =>
                {
                    if (border)
                    {
                        var assignable = Scope.Where(s => s.Assignable && s.Type == buffer.Type).ToList();
                        if (assignable.Count > 0)
                        {
                            Variable target = Pick(assignable);
                            Line($"{target.Name} = ({target.Type})({target.Name} + {Read(buffer, read)});");
                        }
                    }

                    for (int k = Random.Below(3); k > 0; k--)
                    {
                        Statement(depth + 1);
                    }
                });
                Close();
                if (Random.Below(2) == 0)
                {
                    Line("else");
                    Open();
                    Scoped(() =>
                    {
                        for (int k = 1 + Random.Below(2); k > 0; k--)
                        {
                            Statement(depth + 1);
                        }
                    });
                    Close();
                }

                break;
            }

            case 7 when !_flat && Random.Below(3) == 0:
            {
                // What the previous iteration of the row wrote: the loop must see the dependence and run as written.
                Buffer output = Pick(_buffers.Where(b => b.Output).ToList());
                string previous = output.Storage == Storage.Array2D ? $"{output.Name}[y, x - 1]" : $"{output.Name}[{(_withIndex ? "i" : $"{RowStart} + x")} - 1]";
                string local = $"v{Locals++}";
                Line($"{output.Type} {local} = x > {_firstX} ? {previous} : {Constant(output.Type)};");
                Scope.Add(new Variable(local, output.Type));
                break;
            }

            case 7:
                Window(Pick(inputs));
                break;

            default:
                // A reduction inside the row loop's body.
                if (_reductions.Count > 0)
                {
                    Reduce(Pick(_reductions));
                }

                break;
        }
    }

    /// <summary>A test that keeps a neighbour in range, and that neighbour's index.</summary>
    private string BorderTest(Buffer buffer, out string read)
    {
        if (_flat)
        {
            (string test, read) = Random.Below(2) == 0 ? ("i > 0", "i - 1") : ("i < n - 1", "i + 1");
            return test;
        }

        string centre = buffer.Storage == Storage.Array2D ? "" : _withIndex ? "i" : $"{RowStart} + x";
        switch (Random.Below(3))
        {
            case 0:
                read = buffer.Storage == Storage.Array2D ? "y, x - 1" : $"{centre} - 1";
                return "x > 0";
            case 1:
                read = buffer.Storage == Storage.Array2D ? "y, x + 1" : $"{centre} + 1";
                return "x < width - 1";
            default:
                read = buffer.Storage == Storage.Array2D ? "y - 1, x" : $"{centre} - width";
                return "y > 0";
        }
    }

    private static string Read(Buffer buffer, string index) => $"{buffer.Name}[{index}]";

    /// <summary>A window of neighbours summed in uniform loops (the same trip count in every lane), the centre skipped now and then.</summary>
    private void Window(Buffer buffer)
    {
        int radius = 1 + Random.Below(2);
        bool twoD = !_flat && Random.Below(2) == 0;
        string type = buffer.Type;
        string local = $"v{Locals++}";
        Line($"{type} {local} = {Constant(type)};");
        if (twoD)
        {
            Line($"for (int dy = -{radius}; dy <= {radius}; dy++)");
            Open();
        }

        Line($"for (int dx = -{radius}; dx <= {radius}; dx++)");
        Open();
        if (Random.Below(2) == 0)
        {
            Line(twoD ? "if (dx == 0 && dy == 0) continue;" : "if (dx == 0) continue;");
        }

        string read = _flat ? $"{buffer.Name}[Math.Clamp(i + dx, 0, n - 1)]"
            : buffer.Storage == Storage.Array2D ? $"{buffer.Name}[{(twoD ? "Math.Clamp(y + dy, 0, height - 1)" : "y")}, Math.Clamp(x + dx, 0, width - 1)]"
            : $"{buffer.Name}[{(twoD ? "Math.Clamp(y + dy, 0, height - 1) * width" : RowStart)} + Math.Clamp(x + dx, 0, width - 1)]";
        Line(type is "float" or "double" or "int" or "long" or "uint" or "ulong"
            ? $"{local} += {read};"
            : $"{local} = ({type})({local} + {read});");
        Close();
        if (twoD)
        {
            Close();
        }

        Scope.Add(new Variable(local, type));
    }

    private void WriteChecker(string name, string resultType, List<Variable> uniforms)
    {
        Line($"public static string? Check_{name}(System.Func<string, int[], System.Array> make, int width, int height)");
        Open();
        if (_flat)
        {
            Line("int n = width * height;");
        }

        foreach (Buffer buffer in _buffers)
        {
            string shape = buffer.Storage == Storage.Array2D ? "new[] { height, width }" : _flat ? "new[] { n }" : "new[] { width * height }";
            string array = buffer.Storage == Storage.Array2D ? $"{buffer.Type}[,]" : $"{buffer.Type}[]";
            Line($"var {buffer.Name} = ({array})make(\"{buffer.Type}\", {shape});");
            if (buffer.Output)
            {
                Line($"var {buffer.Name}Generated = ({array}){buffer.Name}.Clone();");
                Line($"var {buffer.Name}Twin = ({array}){buffer.Name}.Clone();");
            }
        }

        foreach (Variable uniform in uniforms)
        {
            Line($"var {uniform.Name} = (({uniform.Type}[])make(\"{uniform.Type}\", new[] {{ 1 }}))[0];");
        }

        string Arguments(string suffix, string prefix) => string.Join(", ", _buffers.Select(b => b.Output ? b.Name + suffix : b.Name)
            .Concat(_flat ? new[] { "n" } : new[] { "width", "height" })
            .Concat(uniforms.Select(u => u.Name))
            .Concat(_reductions.Skip(1).Select(r => $"out var {prefix}{r.Name}")));

        string call(string method, string suffix, string prefix) => resultType == "void" ? $"{method}({Arguments(suffix, prefix)});" : $"{prefix}r0 = {method}({Arguments(suffix, prefix)});";
        if (resultType != "void")
        {
            Line($"{resultType} expected_r0 = default, generated_r0 = default;");
        }

        foreach (Reduction reduction in _reductions.Skip(1))
        {
            Line($"{reduction.Type} expected_{reduction.Name} = default, generated_{reduction.Name} = default;");
        }

        Line("System.Exception? expectedError = null, generatedError = null;");
        // Out variables are declared by the calls: assign them through locals declared above instead.
        string expectedCall = call(name, "", "expected_").Replace("out var expected_", "out expected_", StringComparison.Ordinal);
        string generatedCall = call(name + "_Entry", "Generated", "generated_").Replace("out var generated_", "out generated_", StringComparison.Ordinal);
        Line($"try {{ {expectedCall} }} catch (System.Exception e) {{ expectedError = e; }}");
        Line($"try {{ {generatedCall} }} catch (System.Exception e) {{ generatedError = e; }}");
        Line("if (expectedError is not null || generatedError is not null)");
        Line("    return expectedError?.GetType() == generatedError?.GetType() ? null : $\"kernel threw {expectedError?.GetType().Name ?? \"nothing\"}, generated {generatedError?.ToString() ?? \"nothing\"}\";");
        Line("string? difference;");
        foreach (Buffer output in _buffers.Where(b => b.Output))
        {
            Line($"if ((difference = Support.Compare<{output.Type}>(\"{output.Name}\", {output.Name}, {output.Name}Generated)) is not null) return difference;");
        }

        if (_reductions.Any(r => r.Rounds))
        {
            Line("Tally.Reset();");
            string twinCall = call(name + "_Twin", "Twin", "twin_").Replace("out var twin_", "out var twin_", StringComparison.Ordinal);
            Line(resultType == "void" ? twinCall : $"var {twinCall}");
        }

        for (int k = 0; k < _reductions.Count; k++)
        {
            Reduction reduction = _reductions[k];
            string expected = $"expected_{reduction.Name}", generated = $"generated_{reduction.Name}";
            Line(reduction.Rounds
                ? $"if (!Support.Close({expected}, {generated}, {reduction.Initial}, Tally.Magnitude[{k}], Tally.Count[{k}])) return $\"reduction {reduction.Name} ({reduction.Operator}): kernel {{Support.Show({expected})}}, generated {{Support.Show({generated})}}, beyond rounding (terms {{Tally.Count[{k}]}}, magnitude {{Tally.Magnitude[{k}]}})\";"
                : $"if (!Support.Same({expected}, {generated})) return $\"reduction {reduction.Name} ({reduction.Operator}): kernel {{Support.Show({expected})}}, generated {{Support.Show({generated})}}\";");
        }

        Line("return null;");
        Close();
        Line("");
    }
}
