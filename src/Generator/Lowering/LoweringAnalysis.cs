using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>Why one construct of a kernel runs per lane: what it is, why it has no SIMD form, what to write instead.</summary>
internal sealed record PerLaneReason(string Construct, string Why, string Fix)
{
    /// <summary>For <c>Math.Pow(x, 2|3|4)</c>: the multiplication that replaces it (SG0105 rather than SG0101).</summary>
    public string? Multiplication { get; init; }

    /// <summary>The diagnostic this reason is, for <paramref name="node"/>: SG0101, or SG0105 for Math.Pow with a small integer exponent.</summary>
    public (Microsoft.CodeAnalysis.DiagnosticDescriptor Descriptor, object?[] Arguments) Finding(Expr node) => Multiplication is { } multiplication
        ? (DiagnosticDescriptors.PowWithSmallIntegerExponent, new object?[] { node.Source.Text, multiplication })
        : (DiagnosticDescriptors.PerLaneFallback, new object?[] { Construct, Why, Fix });
}

/// <summary>
/// The one classification of a kernel's operations that both the emitter and the analyzer read, so a warning
/// always describes the code that was generated. For a given kernel and entry point (which parameters vary per
/// element) it knows which expressions are uniform (the same for every element: computed once, before the loop)
/// and which operations run per lane (no SIMD form) and why.
/// </summary>
internal sealed class LoweringAnalysis
{
    private readonly HashSet<Expr> _uniform = new(ExprReferenceComparer.Instance);
    private readonly Dictionary<Expr, PerLaneReason> _perLane = new(ExprReferenceComparer.Instance);
    private readonly List<(Expr Node, PerLaneReason Reason)> _findings = new();

    private LoweringAnalysis()
    {
    }

    /// <summary>Operations that run per lane, in source order: one warning each.</summary>
    public IReadOnlyList<(Expr Node, PerLaneReason Reason)> Findings => _findings;

    /// <summary>What the analyzer reports: <see cref="Findings"/> (SG0101) and the SIMD <c>Pow</c> calls with an exponent
    /// of 2, 3 or 4, which a multiplication computes several times faster (SG0105).</summary>
    public IEnumerable<(Expr Node, PerLaneReason Reason)> Reported => _findings.Concat(_hints);

    private readonly List<(Expr Node, PerLaneReason Reason)> _hints = new();

    /// <summary>For <c>Pow(x, 2)</c> (3, 4): the multiplication to write instead, as SG0105 suggests; otherwise null.</summary>
    private static PerLaneReason? MultiplyInstead(CallExpr pow)
    {
        if (SmallIntegerExponent(pow.Arguments[1]) is not int exponent)
        {
            return null;
        }

        Expr x = pow.Arguments[0];
        string text = x is ParameterExpr or LocalExpr or ConstantExpr ? x.Source.Text : $"({x.Source.Text})";
        return new PerLaneReason($"'{pow.Source.Text}'", "Pow computes a logarithm and an exponential per element", "multiply")
        {
            Multiplication = string.Join(" * ", Enumerable.Repeat(text, exponent)),
        };
    }

    public bool IsUniform(Expr expression) => _uniform.Contains(expression);

    /// <summary>The source spans (start, length) of the expressions computed once for all elements.</summary>
    public IEnumerable<(int Start, int Length)> UniformSpans => _uniform.Select(e => (e.Source.Start, e.Source.Length));

    /// <summary>The reason <paramref name="expression"/> is computed per lane, or null when it is SIMD (or uniform).</summary>
    public PerLaneReason? PerLane(Expr expression) => _perLane.TryGetValue(expression, out PerLaneReason? reason) ? reason : null;

    private readonly Dictionary<Expr, bool> _runsPerLane = new(ExprReferenceComparer.Instance);

    /// <summary>Whether any part of <paramref name="expression"/> runs per lane (remembered per node: asked of every node).</summary>
    public bool RunsPerLane(Expr expression)
    {
        if (_runsPerLane.TryGetValue(expression, out bool known))
        {
            return known;
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        bool perLane = _perLane.ContainsKey(expression);
        foreach (Expr operand in ExprFacts.Operands(expression))
        {
            perLane |= RunsPerLane(operand);
        }

        _runsPerLane[expression] = perLane;
        return perLane;
    }

    /// <summary>True when the expression uses a transcendental function: the unroll is smaller to spare registers.</summary>
    public bool HasHeavyMath { get; private set; }

    /// <summary>The analysis a loop that runs in SIMD steps is lowered with (its body's values uniform or per lane).</summary>
    public static LoweringAnalysis OfLoop(VectorLoop loop) => Analyze(loop.Body, System.Array.Empty<bool>());

    public static LoweringAnalysis Analyze(KernelBody body, IReadOnlyList<bool> varyingParameters)
    {
        if (body.IsLoopBody)
        {
            return AnalyzeLoopBody(body);
        }

        var analysis = new LoweringAnalysis { _hasControlFlow = body.HasControlFlow };
        analysis.VisitStatements(body.Statements, varyingParameters, new Dictionary<int, bool>(), conditional: false);
        return analysis;
    }

    /// <summary>
    /// A vectorized loop's body: its control flow is uniform (every lane runs every statement), so a local is uniform
    /// when every value assigned to it is, wherever the assignment is (a nested loop's counter). Assignments in
    /// nested loops feed values back, so the classification is repeated until no local changes.
    /// </summary>
    private static LoweringAnalysis AnalyzeLoopBody(KernelBody body)
    {
        var uniformLocals = new Dictionary<int, bool>();
        foreach (AssignStmt assign in KernelBody.AllStatements(body.Statements).OfType<AssignStmt>())
        {
            uniformLocals[assign.Target.LocalId] = true;
        }

        while (true)
        {
            var analysis = new LoweringAnalysis { _isLoopBody = true };
            var before = new Dictionary<int, bool>(uniformLocals);
            analysis.VisitStatements(body.Statements, System.Array.Empty<bool>(), uniformLocals, conditional: false);
            if (before.All(pair => uniformLocals[pair.Key] == pair.Value))
            {
                analysis._uniformLocals = uniformLocals;
                return analysis;
            }
        }
    }

    private bool _hasControlFlow;

    private Dictionary<int, bool> _uniformLocals = new();

    /// <summary>In a vectorized loop's body: whether the local holds the same value in every lane wherever it is assigned.</summary>
    public bool IsUniformLocal(int localId) => _uniformLocals.TryGetValue(localId, out bool uniform) && uniform;

    /// <summary>Analyzing a vectorized loop's body: see <see cref="AnalyzeLoopBody"/>.</summary>
    private bool _isLoopBody;

    /// <summary>How many enclosing <c>if</c>s of a vectorized loop's body have a condition that differs per lane.</summary>
    private int _varyingBranches;

    private void VisitStatements(IEnumerable<Stmt> statements, IReadOnlyList<bool> varying, Dictionary<int, bool> uniformLocals, bool conditional)
    {
        foreach (Stmt statement in statements)
        {
            bool varyingIf = false;
            foreach (Expr expression in KernelBody.OwnExpressions(statement))
            {
                bool uniform = Visit(expression, varying, uniformLocals, insideScalarIsland: false, !_isLoopBody && (conditional || statement is LoopStmt));
                if (_isLoopBody)
                {
                    // Under a branch that differs per lane, a local differs per lane whatever is assigned to it.
                    if (statement is AssignStmt target)
                    {
                        uniformLocals[target.Target.LocalId] &= uniform && _varyingBranches == 0;
                    }

                    if (statement is IfStmt && !uniform)
                    {
                        varyingIf = true;
                    }

                    continue;
                }

                // With control flow a local may differ per lane whatever its value here: locals live in registers.
                if (statement is AssignStmt assign)
                {
                    uniformLocals[assign.Target.LocalId] = uniform && !_hasControlFlow;
                }
            }

            switch (statement)
            {
                case IfStmt branch:
                    _varyingBranches += varyingIf ? 1 : 0;
                    VisitStatements(branch.Then, varying, uniformLocals, conditional: true);
                    VisitStatements(branch.Else, varying, uniformLocals, conditional: true);
                    _varyingBranches -= varyingIf ? 1 : 0;
                    break;
                case LoopStmt loop:
                    VisitStatements(loop.Body, varying, uniformLocals, conditional: true);
                    VisitStatements(loop.Increment, varying, uniformLocals, conditional: true);
                    break;
            }

            // After a branch or loop some lanes (or all) may have returned: what follows runs conditionally.
            conditional |= statement is IfStmt or LoopStmt;
        }
    }

    /// <summary>Classifies <paramref name="node"/> and its operands; returns whether it is uniform.</summary>
    private bool Visit(Expr node, IReadOnlyList<bool> varying, Dictionary<int, bool> uniformLocals, bool insideScalarIsland, bool conditional)
    {
        // The parser bounds the depth (NestingLimits.MaxExpressionDepth); should a deeper caller's stack run out,
        // this throws (the generator then emits nothing for the entry point) rather than taking the compiler down.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        bool uniform;
        switch (node)
        {
            case ConstantExpr:
                uniform = true;
                break;
            case ParameterExpr parameter:
                uniform = parameter.Index >= varying.Count || !varying[parameter.Index];
                break;
            case LaneIndexExpr:
                uniform = false;
                break;
            case LocalExpr local:
                uniform = uniformLocals.TryGetValue(local.LocalId, out bool isUniform) && isUniform;
                break;
            default:
            {
                // A short-circuit or a ?: whose lazily evaluated side may throw runs entirely per lane, so a
                // lane the kernel would not evaluate does not fault; its operands are not separate islands.
                bool wholeSubtreeScalar = !insideScalarIsland && IsLazyAndMayThrow(node) && !IsGuardedSelect(node);
                uniform = true;
                foreach (Expr operand in ExprFacts.Operands(node))
                {
                    uniform &= Visit(operand, varying, uniformLocals, insideScalarIsland || wholeSubtreeScalar, conditional);
                }

                // Hoisting a uniform value that may throw out of code only some lanes (or none) run would throw
                // where the kernel does not: there it runs per lane, under the lanes' mask.
                if (uniform && conditional && ExprFacts.MayThrowItself(node))
                {
                    uniform = false;
                }

                PerLaneReason? reason = insideScalarIsland ? null : Classify(node);

                if (node is CallExpr { Function: not MathFunction.None } call && MathTable.Row(call.Function).Heavy)
                {
                    HasHeavyMath = true;
                }

                if (!uniform && reason is not null)
                {
                    _perLane[node] = reason;
                    _findings.Add((node, reason));
                }
                else if (!uniform && !insideScalarIsland && node is CallExpr { Function: MathFunction.Pow } pow && MultiplyInstead(pow) is { } hint)
                {
                    _hints.Add((node, hint));
                }

                break;
            }
        }

        if (uniform)
        {
            _uniform.Add(node);
        }

        return uniform;
    }

    /// <summary>
    /// SG0107: conditions that differ per element, of an <c>if</c> (both sides run under lane masks) or of a <c>?:</c>
    /// with a call on a side (a select computes both sides; one without calls is cheap and not worth a hint).
    /// </summary>
    internal static IEnumerable<Expr> DivergentConditions(IEnumerable<Stmt> statements, LoweringAnalysis analysis)
    {
        foreach (Stmt statement in statements)
        {
            foreach (ConditionalExpr select in KernelBody.OwnExpressions(statement).SelectMany(ExprFacts.Descendants).OfType<ConditionalExpr>())
            {
                if (!analysis.IsUniform(select.Condition)
                    && ExprFacts.Descendants(select.WhenTrue).Concat(ExprFacts.Descendants(select.WhenFalse)).Any(e => e is CallExpr))
                {
                    yield return select.Condition;
                }
            }

            IEnumerable<Stmt> nested = statement switch
            {
                IfStmt branch => branch.Then.Concat(branch.Else),
                LoopStmt loop => loop.Body.Concat(loop.Increment),
                _ => Enumerable.Empty<Stmt>(),
            };
            if (statement is IfStmt { Condition: var condition } && !analysis.IsUniform(condition))
            {
                yield return condition;
            }

            foreach (Expr inner in DivergentConditions(nested, analysis))
            {
                yield return inner;
            }
        }
    }

    /// <summary>The SIMD-or-not decision for one operation, ignoring uniformity (the caller checks that).</summary>
    private PerLaneReason? Classify(Expr node)
    {
        switch (node)
        {
            case BinaryExpr { Op: BinaryOp.Divide or BinaryOp.Remainder } binary when binary.OperandType is ElementType.Int32 or ElementType.UInt32 && IsUniformOperand(binary.Right):
                // By a uniform divisor: exact through double (ExpressionLowerer.DivideByUniform).
                return null;
            case BinaryExpr { Op: BinaryOp.Divide or BinaryOp.Remainder } binary when binary.OperandType.IsInteger():
                return new PerLaneReason(
                    $"integer {(binary.Op == BinaryOp.Divide ? "division" : "remainder")} '{binary.Source.Text}'",
                    "x86 and Arm have no SIMD integer division, and C# division must throw on a zero divisor",
                    "divide by a uniform (scalar) divisor, which 32-bit integers do in SIMD, or in floating point where the values allow it");
            case BinaryExpr { Op: BinaryOp.Remainder } binary:
                return new PerLaneReason(
                    $"floating-point remainder '{binary.Source.Text}'",
                    ".NET has no SIMD form of the IEEE fmod that C# '%' computes",
                    "write 'x - Math.Truncate(x / y) * y' if a rounding difference is acceptable");
            case BinaryExpr { Op: BinaryOp.LeftShift or BinaryOp.RightShift or BinaryOp.UnsignedRightShift } shift when !IsUniformOperand(shift.Right):
                return new PerLaneReason(
                    $"shift by a per-element amount '{shift.Source.Text}'",
                    "Vector128/256/512 shift every lane by the same amount",
                    "shift by a uniform parameter or a constant");
            case BinaryExpr { Op: BinaryOp.ConditionalAnd or BinaryOp.ConditionalOr } logical when ExprFacts.MayThrow(logical.Right):
                return new PerLaneReason(
                    $"'{(logical.Op == BinaryOp.ConditionalAnd ? "&&" : "||")}' in '{logical.Source.Text}'",
                    "its right side may throw (for example on a zero divisor) and C# evaluates it only for some elements",
                    "use '&' or '|' if the right side is safe for every element, or make it unable to throw");
            case ConditionalExpr conditional when (ExprFacts.MayThrow(conditional.WhenTrue) || ExprFacts.MayThrow(conditional.WhenFalse)) && !IsGuardedSelect(conditional):
                return new PerLaneReason(
                    $"'?:' in '{conditional.Source.Text}'",
                    "a branch may throw (for example on a zero divisor) and C# evaluates only the chosen branch",
                    "compute both branches without throwing (e.g. divide by a safe divisor) and then select");
            case ConversionExpr conversion when conversion.Type == ElementType.Single && conversion.Operand.Type is ElementType.Int64 or ElementType.UInt64:
                return new PerLaneReason(
                    $"conversion of a 64-bit integer to float '{conversion.Source.Text}'",
                    ".NET has no SIMD long-to-float conversion that rounds once, as C# does",
                    "convert to double instead, or start from an int");
            case CallExpr call:
                return ClassifyCall(call);
            case LoadExpr load when (UnitStrideIndex.Of(load.Index, IsUniformOperand) is null || (load.Row is not null && !IsUniformOperand(load.Row)))
                && !(IsUniformOperand(load.Index) && (load.Row is null || IsUniformOperand(load.Row))):
                return new PerLaneReason(
                    $"the access '{load.Source.Text}'",
                    "its index does not move by one element per iteration of the vectorized loop, so the lanes' elements are gathered one by one",
                    "index with the loop variable plus an offset the same for every iteration (row * width + x + k), clamped with Math.Clamp at the borders if needed");
            default:
                return null;
        }
    }

    private static PerLaneReason? ClassifyCall(CallExpr call)
    {
        string name = call.QualifiedName.Replace("global::System.", "").Replace("global::", "");
        if (call.Function == MathFunction.None)
        {
            return call.NotInlined is { } why
                ? new PerLaneReason(
                    $"the call to '{name}'",
                    $"the helper is not inlined into SIMD code: {why}",
                    "change the helper as the reason says, or compute the value in the kernel")
                : new PerLaneReason(
                    $"the call to '{name}'",
                    "the method has no source in this project (a library's), so it cannot be inlined into SIMD code",
                    "compute the value in the kernel, or with a helper of your own");
        }

        if (HasVectorForm(call))
        {
            return null;
        }

        MathRow row = MathTable.Row(call.Function);
        ElementType operand = call.Arguments.Count > 0 ? call.Arguments[0].Type : call.Type;
        bool isFloat = operand == ElementType.Single;
        return new PerLaneReason(
            $"'{name}'",
            $".NET 10 has no SIMD {row.Name} for {operand.Keyword()}",
            row.PerLaneFix?.Replace("{M}", isFloat ? "MathF" : "Math").Replace("{f}", isFloat ? "f" : "")
                ?? "keep it out of hot kernels, or compute it once for a uniform argument");
    }

    /// <summary>2, 3 or 4 when the exponent is that constant (an int or a float literal, converted or not), else null.</summary>
    private static int? SmallIntegerExponent(Expr exponent)
    {
        while (exponent is ConversionExpr conversion)
        {
            exponent = conversion.Operand;
        }

        return exponent is ConstantExpr constant ? SmallPowExponent.OfLiteral(constant.Literal) : null;
    }

    /// <summary>Whether SIMD code computes this function for its operands' type (the Math table's row).</summary>
    internal static bool HasVectorForm(CallExpr call) =>
        MathTable.Row(call.Function).HasSimdForm(call.Arguments.Count > 0 ? call.Arguments[0].Type : call.Type);

    /// <summary>
    /// In a vectorized loop, a <c>?:</c> whose branches can only fail on element reads (a border test such as
    /// <c>x &gt; 0 ? p[i - 1] : 0</c>): its branches are computed for the lanes that take them (ExpressionLowerer's guarded
    /// reads), so it stays SIMD.
    /// </summary>
    private bool IsGuardedSelect(Expr node) =>
        _isLoopBody && node is ConditionalExpr conditional && !MayThrowBesidesLoads(conditional.WhenTrue) && !MayThrowBesidesLoads(conditional.WhenFalse);

    private static bool MayThrowBesidesLoads(Expr node)
    {
        if (node is not LoadExpr && ExprFacts.MayThrowItself(node))
        {
            return true;
        }

        foreach (Expr operand in ExprFacts.Operands(node))
        {
            if (MayThrowBesidesLoads(operand))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLazyAndMayThrow(Expr node) => node switch
    {
        BinaryExpr { Op: BinaryOp.ConditionalAnd or BinaryOp.ConditionalOr } logical => ExprFacts.MayThrow(logical.Right),
        ConditionalExpr conditional => ExprFacts.MayThrow(conditional.WhenTrue) || ExprFacts.MayThrow(conditional.WhenFalse),
        _ => false,
    };

    private bool IsUniformOperand(Expr operand) => _uniform.Contains(operand);
}
