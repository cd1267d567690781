using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SourceGen.Generator.Emitting;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// The body of a loop vectorized across its iterations (a <c>[Parallel]</c> kernel's innermost unit-stride loop):
/// lane <c>k</c> of a step runs iteration <c>x + k</c>. Its control flow is uniform, so it is written as C# control
/// flow around vector statements, with no lane masks: a nested loop's counter is a scalar, a local that differs
/// per lane lives in registers. Elements are read and written with one vector load or store per register when
/// the step's elements are all inside the buffer (and a clamped index clamps none of them); otherwise lane by lane,
/// as the kernel indexes, so borders stay exact and an index out of range throws as in the kernel.
/// </summary>
internal sealed partial class SimdStepWriter
{
    private const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    /// <summary>The step's code, to run with the loop variable at the step's first iteration.</summary>
    public static SimdStepWriter WriteLoopBody(KernelBody body, LoweringAnalysis analysis, int width, IEnumerable<string> namesInScope)
    {
        var parameters = new List<EntryParameter>();
        int lanes = LanesFor(width, body, analysis, parameters, out _);
        var writer = new SimdStepWriter(body, analysis, parameters, width, lanes, TypeSizes(body, analysis, parameters).Smallest);
        writer._names.UnionWith(namesInScope);
        writer.DeclareLoopLocals();
        writer.WriteLoopStatements(body.Statements);
        return writer;
    }

    /// <summary>Every name the step declares or avoids.</summary>
    public IEnumerable<string> UsedNames => _names;

    /// <summary>Stack buffers of the per-lane paths, declared once before the loop.</summary>
    public IReadOnlyList<string> StackBuffers => _stackBuffers;

    /// <summary>The loop variable, as the generated code names it (the kernel's name).</summary>
    private string LaneVariable => KernelBody.AllStatements(_body.Statements).SelectMany(KernelBody.OwnExpressions).SelectMany(Descendants)
        .OfType<LaneIndexExpr>().Select(lane => lane.Name).FirstOrDefault() ?? "x";

    /// <summary>Every local of the body: a scalar when it is the same in all lanes, registers otherwise.</summary>
    private void DeclareLoopLocals()
    {
        foreach (LocalExpr local in KernelBody.AllStatements(_body.Statements).OfType<AssignStmt>().Select(a => a.Target).GroupBy(l => l.LocalId).Select(g => g.First()))
        {
            string name = NewName(local.Name);
            if (_analysis.IsUniformLocal(local.LocalId))
            {
                _inStepNames.Add(name);
                Lines.Add($"{local.Type.Keyword()} {name} = default;");
                _locals[local.LocalId] = Value.UniformInStep(local.Type, name);
                continue;
            }

            ElementType laneType = local.Type == ElementType.Bool ? MaskLane : local.Type;
            string[] registers = Enumerable.Range(0, RegisterCount(laneType)).Select(k => NewName($"{name}_{k}")).ToArray();
            foreach (string register in registers)
            {
                Lines.Add($"{VectorType(laneType)} {register} = default;");
            }

            _locals[local.LocalId] = local.Type == ElementType.Bool ? Value.Mask(_smallestSize, registers) : Value.Varying(local.Type, registers);
        }
    }

    private void WriteLoopStatements(IReadOnlyList<Stmt> statements)
    {
        foreach (Stmt statement in statements)
        {
            Lines.Add($"// kernel line {statement.Source.Line}: {statement.Source.Text}");
            switch (statement)
            {
                case AssignStmt assign:
                {
                    Value target = _locals[assign.Target.LocalId];
                    Value value = Eval(assign.Value);
                    if (target.IsUniform)
                    {
                        Lines.Add($"{target.Scalar} = {ScalarOf(value, assign.Value.Type, assign.Target.Name)};");
                    }
                    else
                    {
                        Assign(target, value, unmasked: true);
                    }

                    ForgetCommon(assign.Target.LocalId);
                    break;
                }

                case StoreStmt store:
                    StoreElements(store, Eval(store.Value));
                    ForgetCommonBuffer(store.Buffer);
                    break;
                case IfStmt branch:
                {
                    Lines.Add($"if ({ScalarOf(Eval(branch.Condition), ElementType.Bool, "condition")})");
                    WriteLoopBlock(branch.Then);
                    if (branch.Else.Count > 0)
                    {
                        Lines.Add("else");
                        WriteLoopBlock(branch.Else);
                    }

                    break;
                }

                case LoopStmt loop:
                {
                    Stmt[] inLoop = loop.Body.Concat(loop.Increment).ToArray();
                    LeaveCommonScope(_common, inLoop);
                    var outside = EnterCommonScope();
                    Lines.Add("while (true)");
                    Lines.Add("{");
                    if (loop.TestFirst)
                    {
                        LoopTest(loop);
                    }

                    WriteLoopStatements(loop.Body);
                    WriteLoopStatements(loop.Increment);
                    if (!loop.TestFirst)
                    {
                        LoopTest(loop);
                    }

                    Lines.Add("}");
                    LeaveCommonScope(outside, inLoop);
                    break;
                }

                case BreakStmt:
                    Lines.Add("break;");
                    break;
                default:
                    throw new System.InvalidOperationException("Unexpected statement in a vectorized loop: " + statement.GetType().Name);
            }
        }
    }

    private void LoopTest(LoopStmt loop)
    {
        var scope = EnterCommonScope();
        Lines.Add($"if (!{ScalarOf(Eval(loop.Condition), ElementType.Bool, "condition")})");
        Lines.Add("{");
        Lines.Add("break;");
        Lines.Add("}");
        _common = scope;
    }

    private void WriteLoopBlock(IReadOnlyList<Stmt> statements)
    {
        Lines.Add("{");
        var outside = EnterCommonScope();
        WriteLoopStatements(statements);
        LeaveCommonScope(outside, statements);
        Lines.Add("}");
    }

    /// <summary>A uniform value as scalar C# usable in the step: a name computed in it, a hoisted name, or a literal.</summary>
    private string ScalarOf(Value value, ElementType type, string hint)
    {
        if (!value.IsUniform)
        {
            throw new System.InvalidOperationException("a vectorized loop's control flow must be uniform");
        }

        return value.InStep ? value.Scalar! : StepScalar(value.Scalar!, type, hint);
    }

    /// <summary>The loop variable in each lane: its value at the step plus 0, 1, 2… .</summary>
    private Value LaneIndex(LaneIndexExpr lane)
    {
        int perRegister = LanesPerRegister(lane.Type);
        string[] registers = Enumerable.Range(0, RegisterCount(lane.Type))
            .Select(k => $"({_v}.Create({(k == 0 ? lane.Name : $"unchecked({lane.Name} + {k * perRegister})")}) + {VectorType(lane.Type)}.Indices)")
            .ToArray();
        return Materialize(Value.Varying(lane.Type, registers), lane.Name + "Lanes", force: true);
    }

    /// <summary>Scalar C# for <c>terms</c> added up (0 when there are none), wrapping as the kernel's int arithmetic does.</summary>
    private string Sum(IEnumerable<SignedTerm> terms, string? last = null)
    {
        string code = "";
        foreach (SignedTerm term in terms)
        {
            string scalar = ScalarOf(Eval(term.Term), ElementType.Int32, "offset");
            code = code.Length == 0 ? (term.Negative ? "-" + scalar : scalar) : $"{code} {(term.Negative ? "-" : "+")} {scalar}";
        }

        if (last is not null)
        {
            code = code.Length == 0 ? last : $"{code} + {last}";
        }

        return code.Length == 0 ? "0" : code.Contains(" ") || code.StartsWith("-", System.StringComparison.Ordinal) ? $"unchecked({code})" : code;
    }

    private static string Reference(LoopBuffer buffer) => buffer.Kind == BufferKind.Array
        ? $"{MemoryMarshal}.GetArrayDataReference({buffer.Name})"
        : $"{MemoryMarshal}.GetReference({buffer.Name})";

    /// <summary>
    /// The index of the step's first element and the test that all its elements are in the buffer (and, for a
    /// clamped index, that the clamp changes none of them), both as C#.
    /// </summary>
    private (string At, string Fast) Contiguous(UnitStrideIndex pattern, LoopBuffer buffer, string hint)
    {
        string lane = LaneVariable;
        var conditions = new List<string>();
        string first = lane;
        if (pattern.IsClamped)
        {
            first = NewName(hint + "Inner");
            _inStepNames.Add(first);
            Lines.Add($"int {first} = {Sum(pattern.Shift, lane)};");
            if (pattern.Low is not null)
            {
                conditions.Add($"{ScalarOf(Eval(pattern.Low), ElementType.Int32, "low")} <= {first}");
            }

            if (pattern.High is not null)
            {
                conditions.Add($"(long){first} + {Lanes - 1} <= {ScalarOf(Eval(pattern.High), ElementType.Int32, "high")}");
            }
        }

        string at = NewName(hint + "At");
        _inStepNames.Add(at);
        Lines.Add($"int {at} = {Sum(pattern.Offset, first)};");
        conditions.Add($"(uint){at} + (ulong){Lanes} <= (uint){buffer.Name}.Length");
        return (at, string.Join(" && ", conditions));
    }

    /// <summary>The index printed for one lane (<c>lane</c>), as the kernel computes it.</summary>
    private string IndexForLane(Expr index) =>
        ScalarExpressionPrinter.Print(index, node => node switch
        {
            LaneIndexExpr lane => $"unchecked({lane.Name} + lane)",
            _ when _analysis.IsUniform(node) => ScalarOf(Eval(node), node.Type, "offset"),
            _ => null,
        });

    /// <summary>The elements <c>buffer[index]</c> of the step's lanes.</summary>
    private Value LoadElements(LoadExpr load)
    {
        LoopBuffer buffer = _body.Buffers[load.Buffer];
        if (UnitStrideIndex.Of(load.Index, _analysis.IsUniform) is not { } pattern)
        {
            throw new System.InvalidOperationException("gathers run per lane (LoweringAnalysis)");
        }

        Lines.Add($"// {load.Source.Text}: {Lanes} consecutive elements");
        (string at, string fast) = Contiguous(pattern, buffer, buffer.Name);
        int perRegister = LanesPerRegister(load.Type);
        string name = NewName(buffer.Name);
        string[] registers = Enumerable.Range(0, RegisterCount(load.Type)).Select(k => NewName($"{name}_{k}")).ToArray();
        Lines.Add($"{VectorType(load.Type)} {string.Join(", ", registers)};");
        Lines.Add($"if ({fast})");
        Lines.Add("{");
        for (int k = 0; k < registers.Length; k++)
        {
            Lines.Add($"{registers[k]} = {_v}.LoadUnsafe(ref {Reference(buffer)}, (nuint)(uint){at}{(k == 0 ? "" : $" + {k * perRegister}")});");
        }

        Lines.Add("}");
        Lines.Add("else");
        Lines.Add("{");
        string lanes = NewName(name + "Lanes");
        DeclareStackBuffer(load.Type.Keyword(), lanes);
        Lines.Add($"// at a border or an end of '{buffer.Name}': lane by lane, as the kernel indexes");
        string index = IndexForLane(load.Index);
        Lines.Add($"for (int lane = 0; lane < {Lanes}; lane++)");
        Lines.Add("{");
        Lines.Add($"{lanes}[lane] = {buffer.Name}[{index}];");
        Lines.Add("}");
        for (int k = 0; k < registers.Length; k++)
        {
            Lines.Add($"{registers[k]} = {_v}.Create<{load.Type.Keyword()}>({lanes}{(k == 0 ? "" : $".Slice({k * perRegister})")});");
        }

        Lines.Add("}");
        return Value.Varying(load.Type, registers);
    }

    /// <summary>Stores the step's values to <c>buffer[index]</c> (an unclamped unit-stride index).</summary>
    private void StoreElements(StoreStmt store, Value value)
    {
        LoopBuffer buffer = _body.Buffers[store.Buffer];
        UnitStrideIndex pattern = UnitStrideIndex.Of(store.Index, _analysis.IsUniform) is { IsClamped: false } plain
            ? plain
            : throw new System.InvalidOperationException("stores are unit stride, unclamped (ParallelParser)");
        string[] registers = Registers(Materialize(Value.Varying(buffer.ElementType, Registers(value))));
        (string at, string fast) = Contiguous(pattern, buffer, buffer.Name);
        int perRegister = LanesPerRegister(buffer.ElementType);
        Lines.Add($"if ({fast})");
        Lines.Add("{");
        for (int k = 0; k < registers.Length; k++)
        {
            Lines.Add($"{_v}.StoreUnsafe({registers[k]}, ref {Reference(buffer)}, (nuint)(uint){at}{(k == 0 ? "" : $" + {k * perRegister}")});");
        }

        Lines.Add("}");
        Lines.Add("else");
        Lines.Add("{");
        string lanes = NewName(buffer.Name + "Results");
        DeclareStackBuffer(buffer.ElementType.Keyword(), lanes);
        Lines.Add($"// at an end of '{buffer.Name}': lane by lane, in order, as the kernel writes");
        for (int k = 0; k < registers.Length; k++)
        {
            Lines.Add($"{_v}.CopyTo({registers[k]}, {lanes}{(k == 0 ? "" : $".Slice({k * perRegister})")});");
        }

        Lines.Add($"for (int lane = 0; lane < {Lanes}; lane++)");
        Lines.Add("{");
        Lines.Add($"{buffer.Name}[unchecked({at} + lane)] = {lanes}[lane];");
        Lines.Add("}");
        Lines.Add("}");
    }
}
