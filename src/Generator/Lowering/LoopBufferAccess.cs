using System.Collections.Generic;
using System.Linq;
using SourceGen.Generator.Emitting;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// A vectorized loop body's element reads and writes (<c>buffer[index]</c> with a unit-stride index): one vector load or
/// store per register when the step's elements are all inside the buffer (and a clamped index clamps none of them),
/// otherwise lane by lane, as the kernel indexes, so borders stay exact and an index out of range throws as in the kernel.
/// It also says which of those range checks the caller can make once before the steps (<see cref="RangeTests"/>).
/// </summary>
internal sealed class LoopBufferAccess(
    SimdStepContext step, UniformValues uniforms, VectorConversions conversions, ExecutingLanes executingLanes)
    : SimdStepPart(step)
{
    private const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    /// <summary>The loop variable, as the generated code names it (the kernel's name); found once.</summary>
    private string LaneVariable => _laneVariable ??= KernelBody.AllStatements(Body.Statements).SelectMany(KernelBody.OwnExpressions)
        .SelectMany(ExprFacts.Descendants).OfType<LaneIndexExpr>().Select(lane => lane.Name).FirstOrDefault() ?? "x";

    private string? _laneVariable;

    /// <summary>Scalar C# for <c>terms</c> added up (0 when there are none), wrapping as the kernel's int arithmetic does.</summary>
    private string Sum(IEnumerable<SignedTerm> terms, string? last = null)
    {
        string code = "";
        foreach (SignedTerm term in terms)
        {
            string scalar = uniforms.Scalar(term.Term, "offset");
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

        return uniforms.Hoist("ref " + Reference(buffer), "ref " + buffer.ElementType.Keyword(), buffer.Name + "Data", passToStep: false);
    }

    /// <summary>
    /// The element offset of a step's first element from the buffer's start, as <c>nuint</c> C#: the column
    /// <paramref name="at"/>, plus <c>row * columns</c> for a two-dimensional array.
    /// </summary>
    private string ElementOffset(LoopBuffer buffer, string at, string? row) => row is null
        ? $"(nuint)(uint){at}"
        : $"(nuint)(uint){row} * (nuint)(uint){uniforms.HoistScalar($"{buffer.Name}.GetLength(1)", ElementType.Int32, buffer.Name + "Columns")} + (nuint)(uint){at}";

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
            uniforms.DeclaredInStep(first);
            Lines.Add($"int {first} = {Sum(pattern.Shift, lane)};");
            if (pattern.Lows.Count == 1 && pattern.Highs.Count == 1 && IsStepInvariant(pattern.Lows[0]) && IsStepInvariant(pattern.Highs[0]))
            {
                // low <= first && first + lanes - 1 <= high as one unsigned test against a width computed once
                // (0 when the step's lanes cannot fit between the bounds, so that no step passes).
                string low = uniforms.Scalar(pattern.Lows[0], "low"), high = uniforms.Scalar(pattern.Highs[0], "high");
                string fromLow = low == "0" ? "" : $" - {low}";
                string fit = uniforms.HoistScalar($"global::System.Math.Max(0L, (long){high}{fromLow} - {Lanes - 2})", ElementType.Int64, hint + "Fit");
                conditions.Add($"(ulong){(fromLow.Length == 0 ? $"(long){first}" : $"((long){first}{fromLow})")} < (ulong){fit}");
            }
            else
            {
                foreach (Expr low in pattern.Lows)
                {
                    conditions.Add($"{uniforms.Scalar(low, "low")} <= {first}");
                }

                foreach (Expr high in pattern.Highs)
                {
                    conditions.Add($"(long){first} + {Lanes - 1} <= {uniforms.Scalar(high, "high")}");
                }
            }
        }

        string at = NewName(hint + "At");
        uniforms.DeclaredInStep(at);
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
            string rows = uniforms.HoistScalar($"{buffer.Name}.GetLength(0)", ElementType.Int32, buffer.Name + "Rows");
            length = uniforms.HoistScalar($"{buffer.Name}.GetLength(1)", ElementType.Int32, buffer.Name + "Columns");
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
            low = uniforms.Scalar(pattern.Lows[0], "low");
            high = uniforms.Scalar(pattern.Highs[0], "high");
        }
        else
        {
            return null;
        }

        var tests = new List<string>();
        if (row is not null)
        {
            tests.Add($"(uint){row} < (uint){uniforms.HoistScalar($"{buffer.Name}.GetLength(0)", ElementType.Int32, buffer.Name + "Rows")}");
        }

        string from = offset == "0" ? "(long)" : $"(long){offset} + ";
        tests.Add($"{from}{low} >= 0");
        tests.Add($"{from}{high} < {length}");
        return tests;
    }

    /// <summary>A uniform value computed once before the steps (not in them): the same in every step.</summary>
    private bool IsStepInvariant(Expr expression) =>
        Analysis.IsUniform(expression) && !uniforms.NeedsInStep(expression);

    /// <summary>The index printed for one lane (<c>lane</c>), as the kernel computes it.</summary>
    private string IndexForLane(Expr index) =>
        ScalarExpressionPrinter.Print(index, node => node switch
        {
            LaneIndexExpr lane => $"unchecked({lane.Name} + lane)",
            _ when Analysis.IsUniform(node) => uniforms.ScalarOf(uniforms.Of(node), node.Type, "offset"),
            _ => null,
        });

    /// <summary>The elements <c>buffer[index]</c> of the step's lanes.</summary>
    public SimdValue LoadElements(LoadExpr load)
    {
        LoopBuffer buffer = Body.Buffers[load.Buffer];
        if (UnitStrideIndex.Of(load.Index, Analysis.IsUniform) is not { } pattern)
        {
            throw new System.InvalidOperationException("gathers run per lane (LoweringAnalysis)");
        }

        Lines.Add($"// {load.Source.Text}: {Lanes} consecutive elements");
        string? row = load.Row is null ? null : uniforms.Scalar(load.Row, "row");
        (string at, string fast) = Contiguous(pattern, buffer, buffer.Name, row, load.Row);
        int perRegister = LanesPerRegister(load.Type);
        string name = NewName(buffer.Name);
        string[] registers = Enumerable.Range(0, RegisterCount(load.Type)).Select(k => NewName($"{name}_{k}")).ToArray();
        Lines.Add($"{VectorType(load.Type)} {string.Join(", ", registers)};");
        Lines.Add($"if ({fast})");
        Lines.Add("{");
        for (int k = 0; k < registers.Length; k++)
        {
            Lines.Add($"{registers[k]} = {V}.LoadUnsafe(ref {DataReference(buffer)}, {ElementOffset(buffer, at, row)}{(k == 0 ? "" : $" + {k * perRegister}")});");
        }

        Lines.Add("}");
        Lines.Add("else");
        Lines.Add("{");
        string lanes = NewName(name + "Lanes");
        DeclareStackBuffer(load.Type.Keyword(), lanes);
        Lines.Add($"// at a border or an end of '{buffer.Name}': lane by lane, as the kernel indexes");
        string index = (row is null ? "" : row + ", ") + IndexForLane(load.Index);
        executingLanes.SpillReadGuards();
        Lines.Add($"for (int lane = 0; lane < {Lanes}; lane++)");
        Lines.Add("{");
        Lines.Add(executingLanes.HasReadGuards
            ? $"{lanes}[lane] = {executingLanes.ReadGuardTest()} ? {buffer.Name}[{index}] : default;"
            : $"{lanes}[lane] = {buffer.Name}[{index}];");
        Lines.Add("}");
        for (int k = 0; k < registers.Length; k++)
        {
            Lines.Add($"{registers[k]} = {V}.Create<{load.Type.Keyword()}>({lanes}{(k == 0 ? "" : $".Slice({k * perRegister})")});");
        }

        Lines.Add("}");
        return SimdValue.Varying(load.Type, registers);
    }

    /// <summary>Stores the step's values to <c>buffer[index]</c> (an unclamped unit-stride index).</summary>
    public void StoreElements(StoreStmt store, SimdValue value)
    {
        LoopBuffer buffer = Body.Buffers[store.Buffer];
        UnitStrideIndex pattern = UnitStrideIndex.Of(store.Index, Analysis.IsUniform) is { IsClamped: false } plain
            ? plain
            : throw new System.InvalidOperationException("stores are unit stride, unclamped (ParallelParser)");
        string[] registers = conversions.Registers(Materialize(SimdValue.Varying(buffer.ElementType, conversions.Registers(value))));
        string? row = store.Row is null ? null : uniforms.Scalar(store.Row, "row");
        (string at, string fast) = Contiguous(pattern, buffer, buffer.Name, row, store.Row);
        int perRegister = LanesPerRegister(buffer.ElementType);
        string[]? executing = executingLanes.As(buffer.ElementType);
        Lines.Add($"if ({fast})");
        Lines.Add("{");
        for (int k = 0; k < registers.Length; k++)
        {
            string address = $"ref {DataReference(buffer)}, {ElementOffset(buffer, at, row)}{(k == 0 ? "" : $" + {k * perRegister}")}";
            Lines.Add(executing is null
                ? $"{V}.StoreUnsafe({registers[k]}, {address});"
                : $"{V}.StoreUnsafe({V}.ConditionalSelect({executing[k]}, {registers[k]}, {V}.LoadUnsafe({address})), {address});");
        }

        Lines.Add("}");
        Lines.Add("else");
        Lines.Add("{");
        string lanes = NewName(buffer.Name + "Results");
        DeclareStackBuffer(buffer.ElementType.Keyword(), lanes);
        Lines.Add($"// at an end of '{buffer.Name}': lane by lane, in order, as the kernel writes");
        for (int k = 0; k < registers.Length; k++)
        {
            Lines.Add($"{V}.CopyTo({registers[k]}, {lanes}{(k == 0 ? "" : $".Slice({k * perRegister})")});");
        }

        executingLanes.SpillReadGuards();
        string only = !executingLanes.HasReadGuards ? "" : $"if ({executingLanes.ReadGuardTest()}) ";
        Lines.Add($"for (int lane = 0; lane < {Lanes}; lane++)");
        Lines.Add("{");
        Lines.Add($"{only}{buffer.Name}[{(row is null ? "" : row + ", ")}unchecked({at} + lane)] = {lanes}[lane];");
        Lines.Add("}");
        Lines.Add("}");
    }
}
