using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// Values a kernel computes more than once, computed once. The Julia loop tests <c>zr * zr + zi * zi &lt; 4</c>
/// and then computes <c>zr * zr - zi * zi</c>: the JIT does not share vector products across the loop test's
/// branch, so the generator names the first <c>zr * zr</c> and reuses it while neither <c>zr</c> is assigned
/// nor the C# block that declared the name has closed. The expression lowering asks here first; the statement
/// writers say when locals are assigned, buffers written and blocks entered or left.
/// </summary>
internal sealed class CommonValues(SimdStepContext step) : SimdStepPart(step)
{
    internal sealed record CommonValue(SimdValue Value, HashSet<int> Locals, HashSet<int> Buffers);

    /// <summary>Keys (<see cref="CommonKey"/>) of the expressions that appear more than once in the kernel.</summary>
    private HashSet<string>? _repeated;

    /// <summary>Computed repeated expressions still valid here, by key.</summary>
    private Dictionary<string, CommonValue> _common = new(System.StringComparer.Ordinal);

    private HashSet<string> Repeated()
    {
        if (_repeated is null)
        {
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            _repeated = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (Expr expression in KernelBody.AllStatements(Body.Statements).SelectMany(KernelBody.OwnExpressions).SelectMany(ExprFacts.Descendants))
            {
                if (IsShareable(expression) && CommonKey(expression) is var key && !seen.Add(key))
                {
                    _repeated.Add(key);
                }
            }
        }

        return _repeated;
    }

    /// <summary>
    /// An operation whose value depends only on its operands' values: no leaf (nothing to save), nothing uniform
    /// (computed once before the loop anyway), nothing that may throw or runs per lane (those depend on which
    /// lanes execute, and a per-lane call may have effects).
    /// </summary>
    /// <remarks>
    /// In a vectorized loop's body every lane runs every statement, so a value that may throw has thrown (or not) at its
    /// first computation, and an element read is shared until its buffer is written.
    /// </remarks>
    private bool IsShareable(Expr expression) =>
        expression is UnaryExpr or BinaryExpr or ConversionExpr or ConditionalExpr or CallExpr or LoadExpr
        && !Analysis.IsUniform(expression)
        && (Body.IsLoopBody || !ExprFacts.MayThrow(expression))
        && !Analysis.RunsPerLane(expression);

    /// <summary>Keys of the nodes seen so far, by reference (see <see cref="CommonKey"/>).</summary>
    private readonly Dictionary<Expr, string> _keys = new(ExprReferenceComparer.Instance);

    /// <summary>The number of each distinct operation (its own part and its operands' numbers), as a key.</summary>
    private readonly Dictionary<string, string> _numbers = new(System.StringComparer.Ordinal);

    /// <summary>A key equal for two expressions that compute the same from the same inputs (source positions aside).</summary>
    /// <remarks>
    /// Value numbering: an operation's key is a number given to its operator, type and operands' keys, so every node's
    /// key is short and made once (the key of a whole subtree, spelled out at every level of a long sum, is quadratic).
    /// </remarks>
    private string CommonKey(Expr expression)
    {
        if (_keys.TryGetValue(expression, out string? known))
        {
            return known;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var key = new StringBuilder();
        switch (expression)
        {
            case ParameterExpr parameter:
                key.Append('p').Append(parameter.Index.ToString(CultureInfo.InvariantCulture));
                break;
            case LocalExpr local:
                key.Append('l').Append(local.LocalId.ToString(CultureInfo.InvariantCulture));
                break;
            case ConstantExpr constant:
                key.Append('c').Append(constant.Literal).Append(':').Append(constant.Type);
                break;
            case LaneIndexExpr:
                key.Append("lane:").Append(expression.Type);
                break;
            default:
                switch (expression)
                {
                    case LoadExpr load:
                        key.Append('b').Append(load.Buffer.ToString(CultureInfo.InvariantCulture)).Append('[');
                        break;
                    case UnaryExpr unary:
                        key.Append(unary.Op);
                        break;
                    case BinaryExpr binary:
                        key.Append(binary.Op);
                        break;
                    case ConversionExpr:
                        key.Append("conv");
                        break;
                    case ConditionalExpr:
                        key.Append('?');
                        break;
                    case CallExpr call:
                        key.Append(call.Function).Append(call.QualifiedName);
                        break;
                }

                key.Append(':').Append(expression.Type).Append('(');
                foreach (Expr operand in ExprFacts.Operands(expression))
                {
                    key.Append(CommonKey(operand)).Append(',');
                }

                key.Append(')');
                string spelled = key.ToString();
                if (!_numbers.TryGetValue(spelled, out string? number))
                {
                    number = "#" + _numbers.Count.ToString(CultureInfo.InvariantCulture);
                    _numbers[spelled] = number;
                }

                _keys[expression] = number;
                return number;
        }

        string leaf = key.ToString();
        _keys[expression] = leaf;
        return leaf;
    }

    /// <summary>The value of <paramref name="expression"/> if it was computed before and is still valid here.</summary>
    public SimdValue? Reuse(Expr expression, out string? key)
    {
        key = null;
        if (!IsShareable(expression))
        {
            return null;
        }

        string candidate = CommonKey(expression);
        if (!Repeated().Contains(candidate))
        {
            return null;
        }

        key = candidate;
        return _common.TryGetValue(candidate, out CommonValue? common) ? common.Value : null;
    }

    /// <summary>Names a repeated expression's value so later occurrences reuse it.</summary>
    public SimdValue Remember(Expr expression, string key, SimdValue value)
    {
        Lines.Add($"// {expression.Source.Text}: computed once, used again below");
        SimdValue named = Materialize(value, force: true);
        var locals = new HashSet<int>(ExprFacts.Descendants(expression).OfType<LocalExpr>().Select(local => local.LocalId));
        var buffers = new HashSet<int>(ExprFacts.Descendants(expression).OfType<LoadExpr>().Select(load => load.Buffer));
        _common[key] = new CommonValue(named, locals, buffers);
        return named;
    }

    /// <summary>A local was assigned: values computed from it are stale.</summary>
    public void Forget(int localId)
    {
        foreach (string key in _common.Where(pair => pair.Value.Locals.Contains(localId)).Select(pair => pair.Key).ToList())
        {
            _common.Remove(key);
        }
    }

    /// <summary>A buffer was written: element reads from it are stale.</summary>
    public void ForgetBuffer(int buffer)
    {
        foreach (string stale in _common.Where(pair => pair.Value.Buffers.Contains(buffer)).Select(pair => pair.Key).ToList())
        {
            _common.Remove(stale);
        }
    }

    /// <summary>Entering a C# block: names declared inside it are out of scope after it.</summary>
    public Dictionary<string, CommonValue> EnterScope() => new(_common, System.StringComparer.Ordinal);

    /// <summary>Leaving a C# block that assigned nothing the values before it read: only its names go.</summary>
    public void Restore(Dictionary<string, CommonValue> saved) => _common = saved;

    /// <summary>
    /// Entering a loop that runs <paramref name="statements"/>: values computed before it from what they assign are
    /// stale from the second iteration on.
    /// </summary>
    public void ForgetAssignedIn(IEnumerable<Stmt> statements) => LeaveScope(_common, statements);

    /// <summary>Leaving a C# block that ran <paramref name="statements"/>: its names go, and so does whatever they assigned.</summary>
    public void LeaveScope(Dictionary<string, CommonValue> saved, IEnumerable<Stmt> statements)
    {
        _common = saved;
        if (_common.Count == 0)
        {
            // Nothing to forget: no walk of the block (blocks nested hundreds deep would each walk all inside them).
            return;
        }

        var assigned = new HashSet<int>();
        var stored = new HashSet<int>();
        foreach (Stmt statement in KernelBody.AllStatements(statements))
        {
            if (statement is AssignStmt assign)
            {
                assigned.Add(assign.Target.LocalId);
            }
            else if (statement is StoreStmt store)
            {
                stored.Add(store.Buffer);
            }
        }

        foreach (string stale in _common.Where(pair => pair.Value.Locals.Overlaps(assigned) || pair.Value.Buffers.Overlaps(stored)).Select(pair => pair.Key).ToList())
        {
            _common.Remove(stale);
        }
    }
}
