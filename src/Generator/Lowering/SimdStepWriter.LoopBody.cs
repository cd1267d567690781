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
    public static SimdStepWriter WriteLoopBody(KernelBody body, LoweringAnalysis analysis, int width, IEnumerable<string> namesInScope, bool shortVectorNames = false)
    {
        var parameters = new List<EntryParameter>();
        int lanes = LanesFor(width, body, analysis, parameters, out _) * LoopBodyUnroll(body, analysis);
        var writer = new SimdStepWriter(body, analysis, parameters, width, lanes, TypeSizes(body, analysis, parameters).Smallest, shortVectorNames);
        writer._names.UnionWith(namesInScope);
        writer.DeclareLoopLocals();
        writer.WriteLoopStatements(body.Statements);
        return writer;
    }

    /// <summary>
    /// How many registers of each value a loop body's step holds: one, except for a short straight-line body
    /// that accumulates in any order (Max, Min, integers, FastMath sums) and calls no transcendental function,
    /// such as a max or a dot product: there the accumulator's latency bounds the loop, so four registers of
    /// partials are in flight (fewer when narrow and wide types mix, as for the unrolled [Vectorize] kernels).
    /// </summary>
    internal static int LoopBodyUnroll(KernelBody body, LoweringAnalysis analysis)
    {
        List<ReduceStmt> reductions = body.Statements.OfType<ReduceStmt>().ToList();
        if (!body.IsLoopBody || body.HasControlFlow || analysis.HasHeavyMath || body.Statements.Count > 4
            || reductions.Count == 0 || reductions.Any(r => ExprFacts.IsOrdered(r, body.FastMath)))
        {
            return 1;
        }

        (int smallest, int largest) = TypeSizes(body, analysis, new List<EntryParameter>());
        return System.Math.Max(1, 4 / (largest / smallest));
    }

    /// <inheritdoc cref="LoopBodyUnroll(KernelBody, LoweringAnalysis)"/>
    internal static int LoopBodyUnroll(KernelBody body)
    {
        try
        {
            return LoopBodyUnroll(body, LoweringAnalysis.Analyze(body, System.Array.Empty<bool>()));
        }
        catch (System.InvalidOperationException)
        {
            return 1;
        }
    }

    /// <summary>Every name the step declares or avoids.</summary>
    public IEnumerable<string> UsedNames => _names;

    /// <summary>Lines before the loop of steps: the SIMD accumulators' starting values.</summary>
    public List<string> Prologue { get; } = new();

    /// <summary>Lines after the loop of steps: the SIMD accumulators' lanes added into the kernel's variables.</summary>
    public List<string> Epilogue { get; } = new();

    private readonly Dictionary<string, string[]> _accumulators = new(System.StringComparer.Ordinal);

    /// <summary>The labels before the increments of the uniform inner loops being written, innermost last ('continue' jumps there).</summary>
    private readonly List<string> _continueLabels = new();

    /// <summary>
    /// Whether an accumulation keeps the kernel's order, lane by lane: a floating-point sum or product without
    /// FastMath (reassociating it would round differently). Integer arithmetic wraps and Max/Min pick a value, so
    /// those are exact in any order and keep one SIMD accumulator per register.
    /// </summary>
    private void Accumulate(ReduceStmt reduce, Value value)
    {
        ElementType type = reduce.Value.Type;
        string[] registers = Registers(Materialize(Value.Varying(type, Registers(value))));
        int perRegister = LanesPerRegister(type);
        if (ExprFacts.IsOrdered(reduce, _body.FastMath))
        {
            string lanes = NewName(reduce.Name + "Lanes");
            DeclareStackBuffer(type.Keyword(), lanes);
            Lines.Add($"// in the kernel's order, lane by lane: reassociating a floating-point {(reduce.Operator == ReductionOperator.Add ? "sum" : "product")} would round differently (FastMath = true allows it)");
            for (int k = 0; k < registers.Length; k++)
            {
                Lines.Add($"{_v}.CopyTo({registers[k]}, {lanes}{(k == 0 ? "" : $".Slice({k * perRegister})")});");
            }

            string token = reduce.Operator == ReductionOperator.Multiply ? "*=" : reduce.Subtract ? "-=" : "+=";
            for (int lane = 0; lane < Lanes; lane++)
            {
                Lines.Add($"{reduce.Name} {token} {lanes}[{lane}];");
            }

            return;
        }

        if (!_accumulators.TryGetValue(reduce.Name, out string[]? accumulator))
        {
            string name = NewName(reduce.Name + "Partial");
            accumulator = Enumerable.Range(0, registers.Length).Select(k => NewName($"{name}_{k}")).ToArray();
            _accumulators[reduce.Name] = accumulator;
            string identity = $"{_v}.Create({Identity(reduce.Operator, type)})";
            Prologue.Add($"// {reduce.Name}: one partial {reduce.Operator.ToString().ToLowerInvariant()} per lane, combined after the steps");
            Prologue.AddRange(accumulator.Select(register => $"var {register} = {identity};"));
            WriteCombine(reduce, type, accumulator);
        }

        for (int k = 0; k < registers.Length; k++)
        {
            Lines.Add(reduce.Operator switch
            {
                ReductionOperator.Max => $"{accumulator[k]} = {_v}.Max({accumulator[k]}, {registers[k]});",
                ReductionOperator.Min => $"{accumulator[k]} = {_v}.Min({accumulator[k]}, {registers[k]});",
                ReductionOperator.Multiply => $"{accumulator[k]} *= {registers[k]};",
                ReductionOperator.And => $"{accumulator[k]} &= {registers[k]};",
                ReductionOperator.Or => $"{accumulator[k]} |= {registers[k]};",
                ReductionOperator.Xor => $"{accumulator[k]} ^= {registers[k]};",
                _ => reduce.Subtract ? $"{accumulator[k]} -= {registers[k]};" : $"{accumulator[k]} += {registers[k]};",
            });
        }
    }

    private static string Identity(ReductionOperator op, ElementType type) => op switch
    {
        ReductionOperator.Add or ReductionOperator.Or or ReductionOperator.Xor => $"({type.Keyword()})0",
        ReductionOperator.Multiply => $"({type.Keyword()})1",
        ReductionOperator.And => $"unchecked(({type.Keyword()})~({type.Keyword()})0)",
        ReductionOperator.Max => type.IsFloatingPoint() ? $"{type.Keyword()}.NegativeInfinity" : $"{type.Keyword()}.MinValue",
        _ => type.IsFloatingPoint() ? $"{type.Keyword()}.PositiveInfinity" : $"{type.Keyword()}.MaxValue",
    };

    /// <summary>After the steps: the partials' registers, then their lanes, into the kernel's variable.</summary>
    private void WriteCombine(ReduceStmt reduce, ElementType type, string[] accumulator)
    {
        string combined = accumulator[0];
        for (int k = 1; k < accumulator.Length; k++)
        {
            combined = reduce.Operator switch
            {
                ReductionOperator.Max => $"{_v}.Max({combined}, {accumulator[k]})",
                ReductionOperator.Min => $"{_v}.Min({combined}, {accumulator[k]})",
                ReductionOperator.Multiply => $"{combined} * {accumulator[k]}",
                ReductionOperator.And => $"{combined} & {accumulator[k]}",
                ReductionOperator.Or => $"{combined} | {accumulator[k]}",
                ReductionOperator.Xor => $"{combined} ^ {accumulator[k]}",
                _ => $"{combined} + {accumulator[k]}",
            };
        }

        string unchecked_ = type.IsInteger() ? "unchecked" : "";
        if (reduce.Operator == ReductionOperator.Add)
        {
            // The partials hold what the statements added, a '-=' already subtracted: added, whichever the operator.
            Epilogue.Add($"{reduce.Name} = {unchecked_}({reduce.Name} + {_v}.Sum({combined}));");
            return;
        }

        string lanes = NewName(reduce.Name + "Combined");
        Epilogue.Add($"var {lanes} = {combined};");
        Epilogue.Add($"for (int lane = 0; lane < {_v}<{type.Keyword()}>.Count; lane++)");
        Epilogue.Add("{");
        Epilogue.Add(reduce.Operator switch
        {
            ReductionOperator.Max => $"    {reduce.Name} = global::System.Math.Max({reduce.Name}, {lanes}.GetElement(lane));",
            ReductionOperator.Min => $"    {reduce.Name} = global::System.Math.Min({reduce.Name}, {lanes}.GetElement(lane));",
            ReductionOperator.Multiply => $"    {reduce.Name} = {unchecked_}({reduce.Name} * {lanes}.GetElement(lane));",
            ReductionOperator.And => $"    {reduce.Name} &= {lanes}.GetElement(lane);",
            ReductionOperator.Or => $"    {reduce.Name} |= {lanes}.GetElement(lane);",
            _ => $"    {reduce.Name} ^= {lanes}.GetElement(lane);",
        });
        Epilogue.Add("}");
    }

    /// <summary>Stack buffers of the per-lane paths, declared once before the loop.</summary>
    public IReadOnlyList<string> StackBuffers => _stackBuffers;

    /// <summary>The loop variable, as the generated code names it (the kernel's name); found once.</summary>
    private string LaneVariable => _laneVariable ??= KernelBody.AllStatements(_body.Statements).SelectMany(KernelBody.OwnExpressions)
        .SelectMany(ExprFacts.Descendants).OfType<LaneIndexExpr>().Select(lane => lane.Name).FirstOrDefault() ?? "x";

    private string? _laneVariable;

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
            Lines.Add($"// kernel, line {statement.Source.Line}: {statement.Source.Text}");
            switch (statement)
            {
                case AssignStmt assign:
                {
                    Value target = _locals[assign.Target.LocalId];
                    if (target.IsUniform)
                    {
                        Lines.Add($"{target.Scalar} = {Scalar(assign.Value, assign.Target.Name)};");
                    }
                    else
                    {
                        // Under a branch that differs per lane only the lanes that take it change (a select).
                        Assign(target, Eval(assign.Value));
                    }

                    ForgetCommon(assign.Target.LocalId);
                    break;
                }

                case StoreStmt store:
                    StoreElements(store, Eval(store.Value));
                    ForgetCommonBuffer(store.Buffer);
                    break;
                case ReduceStmt reduce:
                    Accumulate(reduce, Eval(reduce.Value));
                    break;
                case IfStmt branch when !_analysis.IsUniform(branch.Condition):
                    PredicatedIf(branch);
                    break;
                case IfStmt branch:
                {
                    Lines.Add($"if ({Scalar(branch.Condition, "condition")})");
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
                    var masks = EnterMaskScope();
                    Lines.Add("while (true)");
                    Lines.Add("{");
                    if (loop.TestFirst)
                    {
                        LoopTest(loop);
                    }

                    // 'continue' in the body goes to the increment (a while loop's own 'continue' would skip it).
                    bool continues = ContinuesAtThisLevel(loop.Body);
                    string label = $"sourceGenContinue{_continueLabels.Count}_{Lines.Count}";
                    _continueLabels.Add(label);
                    WriteLoopStatements(loop.Body);
                    _continueLabels.RemoveAt(_continueLabels.Count - 1);
                    if (continues)
                    {
                        Lines.Add($"{label}: ;");
                    }

                    WriteLoopStatements(loop.Increment);
                    if (!loop.TestFirst)
                    {
                        LoopTest(loop);
                    }

                    Lines.Add("}");
                    LeaveCommonScope(outside, inLoop);
                    LeaveMaskScope(masks);
                    break;
                }

                case BreakStmt:
                    Lines.Add("break;");
                    break;
                case ContinueStmt when _continueLabels.Count > 0:
                    Lines.Add($"goto {_continueLabels[_continueLabels.Count - 1]};");
                    break;
                default:
                    throw new System.InvalidOperationException("Unexpected statement in a vectorized loop: " + statement.GetType().Name);
            }
        }
    }

    /// <summary>Whether a loop body has a 'continue' of its own (in its ifs, not in loops nested in it).</summary>
    private static bool ContinuesAtThisLevel(IEnumerable<Stmt> statements) => statements.Any(statement => statement switch
    {
        ContinueStmt => true,
        IfStmt branch => ContinuesAtThisLevel(branch.Then) || ContinuesAtThisLevel(branch.Else),
        _ => false,
    });

    /// <summary>
    /// An <c>if</c> whose condition differs per lane: both sides run, each under its lanes' mask (assignments are
    /// selects, stores write only those lanes, reads on a slow path read only for them), as ISPC does.
    /// </summary>
    private void PredicatedIf(IfStmt branch)
    {
        string[]? outer = _executing;
        string[] condition = Materialize(Value.Mask(_smallestSize, Registers(Eval(branch.Condition), _smallestSize)), "condition", force: true).Registers!;
        Lines.Add($"// {branch.Source.Text}: both sides, each for the lanes that take it");
        PredicatedSide(branch.Then, outer, condition, negate: false);
        if (branch.Else.Count > 0)
        {
            Lines.Add("// else");
            PredicatedSide(branch.Else, outer, condition, negate: true);
        }

        _executing = outer;
        _executingVersion++;
    }

    private void PredicatedSide(IReadOnlyList<Stmt> statements, string[]? outer, string[] condition, bool negate)
    {
        string[] side = DeclareRegisters(negate ? "elseLanes" : "thenLanes", MaskType, condition.Length, "default");
        for (int k = 0; k < side.Length; k++)
        {
            string test = negate ? $"~{condition[k]}" : condition[k];
            Lines.Add($"{side[k]} = {(outer is null ? test : $"{outer[k]} & {test}")};");
        }

        _executing = side;
        _executingVersion++;
        string guard = NewName(negate ? "elseLaneFlags" : "thenLaneFlags");
        DeclareStackBuffer(MaskLane.Keyword(), guard);
        _readGuards.Add((guard, false, side));
        Lines.Add("{");
        var scope = EnterCommonScope();
        WriteLoopStatements(statements);
        LeaveCommonScope(scope, statements);
        Lines.Add("}");
        _readGuards.RemoveAt(_readGuards.Count - 1);
    }

    private void LoopTest(LoopStmt loop)
    {
        var scope = EnterCommonScope();
        Lines.Add($"if (!({Scalar(loop.Condition, "condition")}))");
        Lines.Add("{");
        Lines.Add("break;");
        Lines.Add("}");
        _common = scope;
    }

    private void WriteLoopBlock(IReadOnlyList<Stmt> statements)
    {
        Lines.Add("{");
        var outside = EnterCommonScope();
        var masks = EnterMaskScope();
        WriteLoopStatements(statements);
        LeaveCommonScope(outside, statements);
        LeaveMaskScope(masks);
        Lines.Add("}");
    }

    /// <summary>
    /// A uniform expression as scalar C# for the step: computed where the kernel computes it when it may throw or
    /// reads the step's scalar locals (written inline, not copied into a temporary), else hoisted before the steps.
    /// </summary>
    private string Scalar(Expr expression, string hint)
    {
        if (!_analysis.IsUniform(expression))
        {
            throw new System.InvalidOperationException("a vectorized loop's control flow and offsets must be uniform");
        }

        if (expression is LocalExpr local && _locals.TryGetValue(local.LocalId, out Value? value) && value.InStep)
        {
            return value.Scalar!;
        }

        if (NeedsInStep(expression))
        {
            string code = InStepCode(expression);
            return IsIdentifier(code) ? code : $"unchecked({code})";
        }

        return StepScalar(UniformCode(expression), expression.Type, hint);
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
            string scalar = Scalar(term.Term, "offset");
            code = code.Length == 0 ? (term.Negative ? "-" + scalar : scalar) : $"{code} {(term.Negative ? "-" : "+")} {scalar}";
        }

        if (last is not null)
        {
            code = code.Length == 0 ? last : $"{code} + {last}";
        }

        return code.Length == 0 ? "0" : code.Contains(" ") || code.StartsWith("-", System.StringComparison.Ordinal) ? $"unchecked({code})" : code;
    }

    /// <summary>A span's first element by reference, in generated code (the runtime's always-inlined MemoryMarshal.GetReference).</summary>
    internal static string SpanReference(string span) => $"global::SourceGen.Internal.SpanRef.Of({span})";

    private static string Reference(LoopBuffer buffer) => buffer.Kind switch
    {
        BufferKind.Array => $"{MemoryMarshal}.GetArrayDataReference({buffer.Name})",
        BufferKind.Array2D => $"global::System.Runtime.CompilerServices.Unsafe.As<byte, {buffer.ElementType.Keyword()}>(ref {MemoryMarshal}.GetArrayDataReference((global::System.Array){buffer.Name}))",
        _ => SpanReference(buffer.Name),
    };

    /// <summary>
    /// The buffer's first element as C# for the steps: a two-dimensional array's is found through its type's
    /// layout, so it is computed once before the loop into a <c>ref</c> local.
    /// </summary>
    private string DataReference(LoopBuffer buffer)
    {
        if (buffer.Kind != BufferKind.Array2D)
        {
            return Reference(buffer);
        }

        string initializer = "ref " + Reference(buffer);
        if (!_hoistedByCode.TryGetValue(initializer, out string? name))
        {
            name = NewName(buffer.Name + "Data");
            Hoisted.Add(new HoistedValue(name, "ref " + buffer.ElementType.Keyword(), initializer));
            _hoistedByCode[initializer] = name;
        }

        return name;
    }

    /// <summary>
    /// The element offset of a step's first element from the buffer's start, as <c>nuint</c> C#: the column
    /// <paramref name="at"/>, plus <c>row * columns</c> for a two-dimensional array.
    /// </summary>
    private string ElementOffset(LoopBuffer buffer, string at, string? row) => row is null
        ? $"(nuint)(uint){at}"
        : $"(nuint)(uint){row} * (nuint)(uint){HoistScalar($"{buffer.Name}.GetLength(1)", ElementType.Int32, buffer.Name + "Columns")} + (nuint)(uint){at}";

    /// <summary>
    /// The index of the step's first element and the test that all its elements are in the buffer (and, for a
    /// clamped index, that the clamp changes none of them), both as C#.
    /// </summary>
    private (string At, string Fast) Contiguous(UnitStrideIndex pattern, LoopBuffer buffer, string hint, string? row = null, Expr? rowExpression = null)
    {
        string lane = LaneVariable;
        var conditions = new List<string>();
        string first = lane;
        if (pattern.IsClamped)
        {
            first = NewName(hint + "Inner");
            _inStepNames.Add(first);
            Lines.Add($"int {first} = {Sum(pattern.Shift, lane)};");
            if (pattern.Lows.Count == 1 && pattern.Highs.Count == 1 && IsStepInvariant(pattern.Lows[0]) && IsStepInvariant(pattern.Highs[0]))
            {
                // low <= first && first + lanes - 1 <= high as one unsigned test against a width computed once
                // (0 when the step's lanes cannot fit between the bounds, so that no step passes).
                string low = Scalar(pattern.Lows[0], "low"), high = Scalar(pattern.Highs[0], "high");
                string fromLow = low == "0" ? "" : $" - {low}";
                string fit = HoistScalar($"global::System.Math.Max(0L, (long){high}{fromLow} - {Lanes - 2})", ElementType.Int64, hint + "Fit");
                conditions.Add($"(ulong){(fromLow.Length == 0 ? $"(long){first}" : $"((long){first}{fromLow})")} < (ulong){fit}");
            }
            else
            {
                foreach (Expr low in pattern.Lows)
                {
                    conditions.Add($"{Scalar(low, "low")} <= {first}");
                }

                foreach (Expr high in pattern.Highs)
                {
                    conditions.Add($"(long){first} + {Lanes - 1} <= {Scalar(high, "high")}");
                }
            }
        }

        string at = NewName(hint + "At");
        _inStepNames.Add(at);
        Lines.Add($"int {at} = {Sum(pattern.Offset, first)};");
        int clampConditions = conditions.Count;
        string length;
        if (row is null)
        {
            length = $"{buffer.Name}.Length";
            conditions.Add($"(uint){at} + (ulong){Lanes} <= (uint){length}");
        }
        else
        {
            string rows = HoistScalar($"{buffer.Name}.GetLength(0)", ElementType.Int32, buffer.Name + "Rows");
            length = HoistScalar($"{buffer.Name}.GetLength(1)", ElementType.Int32, buffer.Name + "Columns");
            conditions.Add($"(uint){row} < (uint){rows}");
            conditions.Add($"(uint){at} + (ulong){Lanes} <= (uint){length}");
        }

        string fast = string.Join(" && ", conditions);
        if (RangeTest(pattern, buffer, row, rowExpression, length) is { } test)
        {
            // Tested once before the steps: in the loop that runs when it holds, only the clamp's tests are left.
            _rangeTests.AddRange(test);
            _rangeFree[fast] = clampConditions == 0 ? "true" : string.Join(" && ", conditions.Take(clampConditions));
        }

        return (at, fast);
    }

    /// <summary>
    /// The name of the last step's loop variable in the step method (a <c>long</c> the emitter computes before the
    /// steps), for the tests of <see cref="RangeTests"/>.
    /// </summary>
    public const string LastStepName = "sourceGenLast";

    private readonly List<string> _rangeTests = new();
    private readonly Dictionary<string, string> _rangeFree = new(System.StringComparer.Ordinal);

    /// <summary>
    /// Tests (C#, before the steps, in terms of the loop variable's first value and <see cref="LastStepName"/>)
    /// that together prove every step's access of some buffer in range, whatever the step: the offsets do not
    /// change from step to step, so the first and last steps (or the clamp's bounds) bound them all.
    /// </summary>
    public IReadOnlyList<string> RangeTests => _rangeTests.Distinct(System.StringComparer.Ordinal).ToList();

    /// <summary>
    /// Each fast-path test of an access covered by <see cref="RangeTests"/> (as written in <see cref="Lines"/>, in
    /// <c>if (…)</c>) and what is left of it when they hold: "true", or a clamped index's tests of its bounds.
    /// </summary>
    public IReadOnlyDictionary<string, string> RangeFreeConditions => _rangeFree;

    /// <summary>
    /// A test, before the steps, that every element a step can touch through this access is in the buffer: the
    /// offset (and row) must be the same in every step. Unclamped, the lanes run from the first step's first to the
    /// last step's last; clamped to [low, high] (both known), the fast path's lanes are inside the clamp's bounds,
    /// whatever the shift. In 64-bit arithmetic: when it holds, the kernel's 32-bit index does not wrap either.
    /// Null when the access cannot be tested once; else the tests, all of which must hold.
    /// </summary>
    private List<string>? RangeTest(UnitStrideIndex pattern, LoopBuffer buffer, string? row, Expr? rowExpression, string length)
    {
        if (!pattern.Offset.All(term => IsStepInvariant(term.Term)) || (rowExpression is not null && !IsStepInvariant(rowExpression)))
        {
            return null;
        }

        string offset = Sum(pattern.Offset);
        string low, high;
        if (!pattern.IsClamped)
        {
            low = LaneVariable;
            high = $"{LastStepName} + {Lanes - 1}";
        }
        else if (pattern.Lows.Count > 0 && pattern.Highs.Count > 0 && IsStepInvariant(pattern.Lows[0]) && IsStepInvariant(pattern.Highs[0]))
        {
            low = Scalar(pattern.Lows[0], "low");
            high = Scalar(pattern.Highs[0], "high");
        }
        else
        {
            return null;
        }

        var tests = new List<string>();
        if (row is not null)
        {
            tests.Add($"(uint){row} < (uint){HoistScalar($"{buffer.Name}.GetLength(0)", ElementType.Int32, buffer.Name + "Rows")}");
        }

        string from = offset == "0" ? "(long)" : $"(long){offset} + ";
        tests.Add($"{from}{low} >= 0");
        tests.Add($"{from}{high} < {length}");
        return tests;
    }

    /// <summary>A uniform value computed once before the steps (not in them): the same in every step.</summary>
    private bool IsStepInvariant(Expr expression) =>
        _analysis.IsUniform(expression) && !NeedsInStep(expression);

    /// <summary>The index printed for one lane (<c>lane</c>), as the kernel computes it.</summary>
    private string IndexForLane(Expr index) =>
        ScalarExpressionPrinter.Print(index, node => node switch
        {
            LaneIndexExpr lane => $"unchecked({lane.Name} + lane)",
            _ when _analysis.IsUniform(node) => ScalarOf(Eval(node), node.Type, "offset"),
            _ => null,
        });

    /// <summary>The lanes whose reads count (a mask stack buffer and whether it is negated), inside a guarded ?: branch.</summary>
    private readonly List<(string Buffer, bool Negate, string[] Mask)> _readGuards = new();

    /// <summary>The per-lane test of the read guards (C#, for a loop over <c>lane</c>): every guard lets the lane through.</summary>
    private string ReadGuardTest() =>
        string.Join(" && ", _readGuards.Select(g => $"{g.Buffer}[lane] {(g.Negate ? "==" : "!=")} 0"));

    /// <summary>Spills the guards' masks to their lane buffers: on slow paths only, where lanes are read one by one.</summary>
    private void SpillReadGuards()
    {
        foreach ((string buffer, _, string[] mask) in _readGuards)
        {
            for (int k = 0; k < mask.Length; k++)
            {
                Lines.Add($"{_v}.CopyTo({mask[k]}, {buffer}{(k == 0 ? "" : $".Slice({k * LanesPerRegister(MaskLane)})")});");
            }
        }
    }

    /// <summary>
    /// <c>c ? a : b</c> where a branch reads elements that may not exist for the lanes that do not take it (a border
    /// test). With a uniform condition only the chosen branch runs. Otherwise both run, each reading, on its slow
    /// path, only for the lanes that take it (a step whose reads are all in range reads every lane: that cannot
    /// fail, and the select drops the others).
    /// </summary>
    private Value GuardedSelect(ConditionalExpr conditional)
    {
        Value condition = Eval(conditional.Condition);
        ElementType type = conditional.Type;
        ElementType laneType = type == ElementType.Bool ? MaskLane : type;
        if (condition.IsUniform)
        {
            string[] result = Enumerable.Range(0, RegisterCount(laneType)).Select(k => NewName($"selected_{k}")).ToArray();
            Lines.Add($"{VectorType(laneType)} {string.Join(", ", result)};");
            Lines.Add($"if ({ScalarOf(condition, ElementType.Bool, "condition")})");
            WriteBranch(conditional.WhenTrue, result, laneType);
            Lines.Add("else");
            WriteBranch(conditional.WhenFalse, result, laneType);
            return type == ElementType.Bool ? Value.Mask(_smallestSize, result) : Value.Varying(type, result);
        }

        if (AllLanesTake(conditional.Condition) is { } allTake)
        {
            // Border peeling: a test of the loop variable against a bound holds for every lane of most steps.
            string[] result = Enumerable.Range(0, RegisterCount(laneType)).Select(k => NewName($"selected_{k}")).ToArray();
            Lines.Add($"{VectorType(laneType)} {string.Join(", ", result)};");
            Lines.Add($"if ({allTake})");
            WriteBranch(conditional.WhenTrue, result, laneType);
            Lines.Add("else");
            Lines.Add("{");
            var saved = EnterCommonScope();
            var masks = EnterMaskScope();
            Value selected = MaskedSelect(conditional, condition);
            string[] masked = type == ElementType.Bool ? Registers(selected, _smallestSize) : Registers(selected);
            for (int k = 0; k < result.Length; k++)
            {
                Lines.Add($"{result[k]} = {masked[k]};");
            }

            _common = saved;
            LeaveMaskScope(masks);
            Lines.Add("}");
            return type == ElementType.Bool ? Value.Mask(_smallestSize, result) : Value.Varying(type, result);
        }

        return MaskedSelect(conditional, condition);

        void WriteBranch(Expr branch, string[] result, ElementType lane)
        {
            Lines.Add("{");
            var saved = EnterCommonScope();
            var masks = EnterMaskScope();
            string[] registers = type == ElementType.Bool ? Registers(Eval(branch), _smallestSize) : Registers(Eval(branch));
            for (int k = 0; k < result.Length; k++)
            {
                Lines.Add($"{result[k]} = {registers[k]};");
            }

            _common = saved;
            LeaveMaskScope(masks);
            Lines.Add("}");
        }
    }

    /// <summary>
    /// For <c>x &lt; bound</c>, <c>x &lt;= bound</c>, <c>x &gt; bound</c>, <c>x &gt;= bound</c> (or the bound first), with
    /// <c>x</c> the loop variable: a scalar test that every lane of the step passes (lanes hold x, x + 1, …). Null
    /// for any other condition.
    /// </summary>
    private string? AllLanesTake(Expr condition)
    {
        if (condition is not BinaryExpr { Op: BinaryOp.LessThan or BinaryOp.LessThanOrEqual or BinaryOp.GreaterThan or BinaryOp.GreaterThanOrEqual } comparison)
        {
            return null;
        }

        bool laneLeft = comparison.Left is LaneIndexExpr && _analysis.IsUniform(comparison.Right);
        bool laneRight = comparison.Right is LaneIndexExpr && _analysis.IsUniform(comparison.Left);
        if (!laneLeft && !laneRight)
        {
            return null;
        }

        string x = ((LaneIndexExpr)(laneLeft ? comparison.Left : comparison.Right)).Name;
        string bound = Scalar(laneLeft ? comparison.Right : comparison.Left, "bound");
        string last = $"(long){x} + {Lanes - 1}";
        BinaryOp op = laneLeft ? comparison.Op : comparison.Op switch
        {
            BinaryOp.LessThan => BinaryOp.GreaterThan,
            BinaryOp.LessThanOrEqual => BinaryOp.GreaterThanOrEqual,
            BinaryOp.GreaterThan => BinaryOp.LessThan,
            _ => BinaryOp.LessThanOrEqual,
        };
        return op switch
        {
            BinaryOp.LessThan => $"{last} < {bound}",
            BinaryOp.LessThanOrEqual => $"{last} <= {bound}",
            BinaryOp.GreaterThan => $"{x} > {bound}",
            _ => $"{x} >= {bound}",
        };
    }

    /// <summary>Both branches, each reading only for the lanes that take it, then a select.</summary>
    private Value MaskedSelect(ConditionalExpr conditional, Value condition)
    {
        ElementType type = conditional.Type;
        Value mask = Materialize(Value.Mask(_smallestSize, Registers(condition, _smallestSize)), "taken", force: true);
        string guard = NewName("takenLanes");
        DeclareStackBuffer(MaskLane.Keyword(), guard);
        var scope = EnterCommonScope();
        _readGuards.Add((guard, false, mask.Registers!));
        Value whenTrue = Materialize(Eval(conditional.WhenTrue), force: true);
        _common = scope;
        scope = EnterCommonScope();
        _readGuards[_readGuards.Count - 1] = (guard, true, mask.Registers!);
        Value whenFalse = Materialize(Eval(conditional.WhenFalse), force: true);
        _common = scope;
        _readGuards.RemoveAt(_readGuards.Count - 1);
        return Select(mask, whenTrue, whenFalse, type);
    }

    /// <summary>The elements <c>buffer[index]</c> of the step's lanes.</summary>
    private Value LoadElements(LoadExpr load)
    {
        LoopBuffer buffer = _body.Buffers[load.Buffer];
        if (UnitStrideIndex.Of(load.Index, _analysis.IsUniform) is not { } pattern)
        {
            throw new System.InvalidOperationException("gathers run per lane (LoweringAnalysis)");
        }

        Lines.Add($"// {load.Source.Text}: {Lanes} consecutive elements");
        string? row = load.Row is null ? null : Scalar(load.Row, "row");
        (string at, string fast) = Contiguous(pattern, buffer, buffer.Name, row, load.Row);
        int perRegister = LanesPerRegister(load.Type);
        string name = NewName(buffer.Name);
        string[] registers = Enumerable.Range(0, RegisterCount(load.Type)).Select(k => NewName($"{name}_{k}")).ToArray();
        Lines.Add($"{VectorType(load.Type)} {string.Join(", ", registers)};");
        Lines.Add($"if ({fast})");
        Lines.Add("{");
        for (int k = 0; k < registers.Length; k++)
        {
            Lines.Add($"{registers[k]} = {_v}.LoadUnsafe(ref {DataReference(buffer)}, {ElementOffset(buffer, at, row)}{(k == 0 ? "" : $" + {k * perRegister}")});");
        }

        Lines.Add("}");
        Lines.Add("else");
        Lines.Add("{");
        string lanes = NewName(name + "Lanes");
        DeclareStackBuffer(load.Type.Keyword(), lanes);
        Lines.Add($"// at a border or an end of '{buffer.Name}': lane by lane, as the kernel indexes");
        string index = (row is null ? "" : row + ", ") + IndexForLane(load.Index);
        SpillReadGuards();
        Lines.Add($"for (int lane = 0; lane < {Lanes}; lane++)");
        Lines.Add("{");
        Lines.Add(_readGuards.Count > 0
            ? $"{lanes}[lane] = {ReadGuardTest()} ? {buffer.Name}[{index}] : default;"
            : $"{lanes}[lane] = {buffer.Name}[{index}];");
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
        string? row = store.Row is null ? null : Scalar(store.Row, "row");
        (string at, string fast) = Contiguous(pattern, buffer, buffer.Name, row, store.Row);
        int perRegister = LanesPerRegister(buffer.ElementType);
        string[]? executing = ExecutionMaskAs(buffer.ElementType);
        Lines.Add($"if ({fast})");
        Lines.Add("{");
        for (int k = 0; k < registers.Length; k++)
        {
            string address = $"ref {DataReference(buffer)}, {ElementOffset(buffer, at, row)}{(k == 0 ? "" : $" + {k * perRegister}")}";
            Lines.Add(executing is null
                ? $"{_v}.StoreUnsafe({registers[k]}, {address});"
                : $"{_v}.StoreUnsafe({_v}.ConditionalSelect({executing[k]}, {registers[k]}, {_v}.LoadUnsafe({address})), {address});");
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

        SpillReadGuards();
        string only = _readGuards.Count == 0 ? "" : $"if ({ReadGuardTest()}) ";
        Lines.Add($"for (int lane = 0; lane < {Lanes}; lane++)");
        Lines.Add("{");
        Lines.Add($"{only}{buffer.Name}[{(row is null ? "" : row + ", ")}unchecked({at} + lane)] = {lanes}[lane];");
        Lines.Add("}");
        Lines.Add("}");
    }
}
