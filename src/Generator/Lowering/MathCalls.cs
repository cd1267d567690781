using System.Linq;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// Calls of the <see cref="MathTable"/>'s functions on vectors, their arguments already computed: the table's SIMD form
/// (.NET's <c>Vector512.Name</c> or SourceGen's vector math), or the exact C# semantics where a vector method differs
/// (Math.Abs's and Math.Clamp's exceptions, Clamp's NaN and signed zeros, the IsNaN-style tests as masks). A new
/// function with a plain vector form needs only its table row; one that needs more is lowered here.
/// </summary>
internal sealed class MathCalls(SimdStepContext step, VectorConversions conversions, ExecutingLanes executingLanes) : SimdStepPart(step)
{
    /// <summary>The value of <paramref name="call"/>, given the values of its arguments.</summary>
    public SimdValue Lower(CallExpr call, SimdValue[] arguments)
    {
        ElementType type = call.Arguments[0].Type;
        switch (call.Function)
        {
            case MathFunction.Abs when type.IsSignedInteger():
            {
                // Math.Abs throws for the minimum value; Vector.Abs would return it unchanged.
                SimdValue operand = Materialize(SimdValue.Varying(type, conversions.Registers(arguments[0])));
                string minimum = $"{V}.Create({type.Keyword()}.MinValue)";
                string[]? active = executingLanes.As(type);
                for (int k = 0; k < operand.Registers!.Length; k++)
                {
                    string register = operand.Registers[k];
                    Lines.Add(active is null
                        ? $"if ({V}.EqualsAny({register}, {minimum})) {ThrowHelper}.ThrowAbsOverflow();"
                        : $"if (({V}.Equals({register}, {minimum}) & {active[k]}) != {V}<{type.Keyword()}>.Zero) {ThrowHelper}.ThrowAbsOverflow();");
                }

                return Map(operand, r => $"{V}.Abs({r})");
            }

            case MathFunction.Clamp:
            {
                // Math.Clamp: throws when min > max; otherwise value < min ? min : value > max ? max : value
                // (exactly, including NaN and signed zeros: not Vector.Clamp, which is Min(Max(...))).
                string[] value = conversions.Registers(Materialize(SimdValue.Varying(type, conversions.Registers(arguments[0]))));
                string[] minimum = conversions.Registers(Materialize(SimdValue.Varying(type, conversions.Registers(arguments[1]))));
                string[] maximum = conversions.Registers(Materialize(SimdValue.Varying(type, conversions.Registers(arguments[2]))));
                string[]? active = executingLanes.As(type);
                foreach (string check in Enumerable.Range(0, value.Length).Select(k => active is null
                    ? $"if ({V}.GreaterThanAny({minimum[k]}, {maximum[k]})) {ThrowHelper}.ThrowClampMinGreaterThanMax();"
                    : $"if (({V}.GreaterThan({minimum[k]}, {maximum[k]}) & {active[k]}) != {V}<{type.Keyword()}>.Zero) {ThrowHelper}.ThrowClampMinGreaterThanMax();").Distinct())
                {
                    Lines.Add(check);
                }

                return SimdValue.Varying(type, Enumerable.Range(0, value.Length).Select(k =>
                    $"{V}.ConditionalSelect({V}.LessThan({value[k]}, {minimum[k]}), {minimum[k]}, {V}.ConditionalSelect({V}.GreaterThan({value[k]}, {maximum[k]}), {maximum[k]}, {value[k]}))").ToArray());
            }

            case MathFunction.IsNaN or MathFunction.IsInfinity or MathFunction.IsFinite or MathFunction.IsNegative:
            {
                ElementType maskType = ElementTypeFacts.SignedIntegerOfSize(type.Size());
                return SimdValue.Mask(type.Size(), conversions.Registers(arguments[0]).Select(r => Reinterpret($"{V}.{call.Function}({r})", type, maskType)).ToArray());
            }

            case MathFunction.ExpM1 or MathFunction.LogP1:
            {
                // As .NET defines double.ExpM1 and LogP1 (and float's): Exp(x) - 1 and Log(x + 1), not C's expm1/log1p.
                string one = $"{V}<{type.Keyword()}>.One";
                return SimdValue.Varying(call.Type, conversions.Registers(arguments[0]).Select(r => call.Function == MathFunction.ExpM1
                    ? $"global::SourceGen.VectorMath.Exp({r}) - {one}"
                    : $"global::SourceGen.VectorMath.Log({r} + {one})").ToArray());
            }

            default:
            {
                // The Math table's form: .NET's Vector128/256/512.Name, or SourceGen's own vector math (compiled
                // optimized on the first call and inlined, where .NET's Vector512.Exp and the others start as tier-0
                // code and compute float Exp in double).
                MathRow row = MathTable.Row(call.Function);
                string function = row.Simd == SimdForm.VectorMath ? $"global::SourceGen.VectorMath.{row.Name}" : $"{V}.{row.Name}";
                string[][] registers = arguments.Select(a => conversions.Registers(a)).ToArray();
                SimdValue value = SimdValue.Varying(call.Type, Enumerable.Range(0, registers[0].Length)
                    .Select(k => $"{function}({string.Join(", ", registers.Select(r => r[k]))})").ToArray());

                // A vector math function is a long chain of dependent operations. Where one call takes another's
                // result, each is named once per register, a statement of its own written before anything uses it:
                // the step computes a call for all its registers side by side, then the next. Nested in one
                // expression per register (Log(1 + Exp(x)) in turn for each), softplus ran 1.4x slower (measured
                // 2026-12-07, four Vector512 of doubles a step). A single call per register is left in its expression
                // (GELU's Tanh measured no faster named).
                bool sideBySide = row.Simd == SimdForm.VectorMath && registers[0].Length > 1 && Step.ChainsHeavyMath;
                return sideBySide ? Materialize(value, row.Name.ToLowerInvariant(), force: true) : value;
            }
        }
    }
}
