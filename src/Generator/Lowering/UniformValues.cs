using System;
using System.Collections.Generic;
using System.Linq;
using SourceGen.Generator.Emitting;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// Values the same in every lane (uniform, as <see cref="LoweringAnalysis"/> decides), as scalar C#: computed once
/// before the loop by the step's caller (<see cref="Hoisted"/>) and passed in, or computed in the step where the kernel
/// computes them when they may throw or read a scalar of the step; and broadcast where a vector operation reads them.
/// Apart from the vector lowering: it writes scalar code and what runs before the loop, and reads no vector value.
/// </summary>
internal sealed class UniformValues(SimdStepContext step) : SimdStepPart(step)
{
    private readonly Dictionary<string, string> _hoistedByCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _stepScalars = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inStepNames = new(StringComparer.Ordinal);

    /// <summary>Values computed once per call before the loop: scalars and broadcast vectors, in dependency order.</summary>
    public List<HoistedValue> Hoisted { get; } = new();

    /// <summary>A scalar the step declares itself (a counter's copy, an index): read as it is, never passed in.</summary>
    public void DeclaredInStep(string name) => _inStepNames.Add(name);

    /// <summary>The value of a uniform expression: a scalar local of the step, one computed in the step, or scalar C#.</summary>
    public SimdValue Of(Expr expression)
    {
        if (expression is LocalExpr local && Locals.TryGetValue(local.LocalId, out SimdValue? inStep) && inStep.InStep)
        {
            // A scalar local of the step (a loop-body counter): itself, not a copy.
            return inStep;
        }

        return NeedsInStep(expression) ? InStep(expression, "uniform") : SimdValue.Uniform(expression.Type, Code(expression));
    }

    /// <summary>Scalar C# for a uniform expression, in terms of kernel parameters and hoisted names.</summary>
    public string Code(Expr expression) =>
        ScalarExpressionPrinter.Print(expression, node => node switch
        {
            LocalExpr local when Locals.TryGetValue(local.LocalId, out SimdValue? value) && value.IsUniform => value.Scalar,
            ParameterExpr parameter => Body.Parameters[parameter.Index].Name,
            _ => null,
        });

    /// <summary>
    /// A uniform expression that may throw (an integer division, Math.Abs of a minimum value...) is computed
    /// where the kernel computes it, in scalar, so exceptions keep the kernel's order; so is anything using it.
    /// </summary>
    public bool NeedsInStep(Expr expression) =>
        ExprFacts.MayThrow(expression)
        || ExprFacts.Descendants(expression).OfType<LocalExpr>().Any(local => Locals.TryGetValue(local.LocalId, out SimdValue? value) && value.InStep);

    /// <summary>Computes a uniform expression in the step, where the kernel computes it, into a scalar named after <paramref name="hint"/>.</summary>
    public SimdValue InStep(Expr expression, string hint)
    {
        string code = InStepCode(expression);
        string name = NewName(hint);
        _inStepNames.Add(name);
        Lines.Add($"{expression.Type.Keyword()} {name} = unchecked({code});");
        return SimdValue.UniformInStep(expression.Type, name);
    }

    /// <summary>Scalar C# computing a uniform expression where the kernel computes it (in the step).</summary>
    public string InStepCode(Expr expression) =>
        ScalarExpressionPrinter.Print(expression, node => node switch
        {
            LocalExpr local when Locals.TryGetValue(local.LocalId, out SimdValue? value) && value.IsUniform =>
                value.InStep ? value.Scalar : StepScalar(value.Scalar!, local.Type, local.Name),
            ParameterExpr parameter => StepScalar(Body.Parameters[parameter.Index].Name, parameter.Type, parameter.Name),
            _ => null,
        });

    /// <summary>Computes a uniform scalar once before the loop; returns its name (or the literal itself).</summary>
    /// <remarks>
    /// A local keeps a variable even for a constant (<paramref name="asVariable"/>): substituting the literal would let
    /// the C# compiler fold a conversion such as (short)1E+10f at compile time, where the kernel converts at run time.
    /// </remarks>
    public string HoistScalar(string code, ElementType type, string hint, bool asVariable = false)
    {
        if (IsIdentifier(code) || (IsLiteral(code) && !asVariable))
        {
            return code;
        }

        if (_hoistedByCode.TryGetValue(code, out string? existing))
        {
            return existing;
        }

        // unchecked: C# folds constant operands at compile time in checked mode; the kernel's arithmetic wraps.
        string name = NewName(hint);
        Hoisted.Add(new HoistedValue(name, type.Keyword(), $"unchecked({code})"));
        _hoistedByCode[code] = name;
        return name;
    }

    /// <summary>A value of type <paramref name="type"/> computed once before the loop by <paramref name="initializer"/>; its name.</summary>
    public string Hoist(string initializer, string type, string hint, bool passToStep)
    {
        if (_hoistedByCode.TryGetValue(initializer, out string? existing))
        {
            return existing;
        }

        string name = NewName(hint);
        Hoisted.Add(new HoistedValue(name, type, initializer) { PassToStep = passToStep });
        _hoistedByCode[initializer] = name;
        return name;
    }

    /// <summary>Whether <paramref name="code"/> is a constant as <see cref="Parsing.ConstantLiteral"/> prints it.</summary>
    public static bool IsLiteral(string code)
    {
        string text = code;
        while (text.StartsWith("(", StringComparison.Ordinal) && text.EndsWith(")", StringComparison.Ordinal))
        {
            text = text.Substring(1, text.Length - 2);
        }

        // A cast to a small integer type: "(byte)5".
        int cast = text.IndexOf(')');
        if (text.StartsWith("(", StringComparison.Ordinal) && cast > 0)
        {
            text = text.Substring(cast + 1);
        }

        if (text.StartsWith("-", StringComparison.Ordinal))
        {
            text = text.Substring(1);
        }

        if (text is "true" or "false" or "double.NaN" or "double.PositiveInfinity" or "double.NegativeInfinity" or "float.NaN"
            or "float.PositiveInfinity" or "float.NegativeInfinity" or "int.MinValue" or "long.MinValue")
        {
            return true;
        }

        return text.Length > 0 && char.IsDigit(text[0]) && text.All(c => char.IsDigit(c) || c is '.' or 'E' or 'e' or '+' or '-' or 'd' or 'f' or 'L' or 'U');
    }

    /// <summary>A uniform scalar the step reads: passed in as a parameter unless it is a literal.</summary>
    public string StepScalar(string code, ElementType type, string hint)
    {
        if (_inStepNames.Contains(code))
        {
            return code;
        }

        string hoisted = HoistScalar(code, type, hint);
        if (IsLiteral(hoisted))
        {
            return hoisted;
        }

        if (!_stepScalars.ContainsKey(hoisted))
        {
            HoistedValue? existing = Hoisted.FirstOrDefault(h => h.Name == hoisted);
            if (existing is null)
            {
                // A kernel parameter: the step receives it under the same name.
                existing = new HoistedValue(hoisted, type.Keyword(), null!);
                Hoisted.Add(existing);
            }

            existing.PassToStep = true;
            _stepScalars[hoisted] = hoisted;
        }

        return hoisted;
    }

    /// <summary>
    /// A uniform expression as scalar C# for a loop body's step: computed where the kernel computes it when it may throw
    /// or reads the step's scalar locals (written inline, not copied into a temporary), else hoisted before the steps.
    /// </summary>
    public string Scalar(Expr expression, string hint)
    {
        if (!Analysis.IsUniform(expression))
        {
            throw new InvalidOperationException("a vectorized loop's control flow and offsets must be uniform");
        }

        if (expression is LocalExpr local && Locals.TryGetValue(local.LocalId, out SimdValue? value) && value.InStep)
        {
            return value.Scalar!;
        }

        if (NeedsInStep(expression))
        {
            string code = InStepCode(expression);
            return IsIdentifier(code) ? code : $"unchecked({code})";
        }

        return StepScalar(Code(expression), expression.Type, hint);
    }

    /// <summary>A uniform value as scalar C# usable in the step: a name computed in it, a hoisted name, or a literal.</summary>
    public string ScalarOf(SimdValue value, ElementType type, string hint)
    {
        if (!value.IsUniform)
        {
            throw new InvalidOperationException("a vectorized loop's control flow must be uniform");
        }

        return value.InStep ? value.Scalar! : StepScalar(value.Scalar!, type, hint);
    }

    /// <summary>A uniform value as a vector of <paramref name="laneType"/>: a constant inline, anything else broadcast once.</summary>
    public string Broadcast(SimdValue value, ElementType laneType)
    {
        string code = value.Scalar!;
        if (value.InStep)
        {
            return value.Type == ElementType.Bool
                ? Materialize(SimdValue.Mask(laneType.Size(), new[] { $"({code} ? {VectorType(laneType)}.AllBitsSet : {VectorType(laneType)}.Zero)" }), code + "Mask").Registers![0]
                : $"{V}.Create({code})";
        }

        if (value.Type == ElementType.Bool)
        {
            string allSet = $"{VectorType(laneType)}.AllBitsSet", zero = $"{VectorType(laneType)}.Zero";
            if (code == "true") return allSet;
            if (code == "false") return zero;
            string condition = HoistScalar(code, ElementType.Bool, "condition");
            return BroadcastHoisted($"({condition} ? {allSet} : {zero})", laneType, condition + "Mask");
        }

        string scalar = HoistScalar(code, value.Type, "uniform");
        if (IsLiteral(scalar))
        {
            return $"{V}.Create({scalar})";
        }

        return BroadcastHoisted($"{V}.Create({scalar})", laneType, scalar + "Vector");
    }

    private string BroadcastHoisted(string initializer, ElementType laneType, string hint) =>
        Hoist(initializer, VectorType(laneType), hint.Replace("(", "").Replace(")", "").Replace(" ", ""), passToStep: true);
}
