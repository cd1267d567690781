namespace SourceGen.Generator.Model;

/// <summary>
/// Which exponents make <c>Math.Pow(x, n)</c> a short product (<c>x * x</c>, <c>x * x * x</c>, <c>x * x * x * x</c>):
/// the one answer SG0105 (the generator's lowering analysis) and its code fix (src/CodeFixes, which links this file:
/// it does not reference the generator) read, so the fix is offered where the diagnostic is reported.
/// </summary>
internal static class SmallPowExponent
{
    /// <summary>2, 3 or 4 when the exponent's constant value is that integer, else null.</summary>
    public static int? Of(object? constant) => constant switch
    {
        null or string or bool or char => null,
        _ => Of(System.Convert.ToDouble(constant, System.Globalization.CultureInfo.InvariantCulture)),
    };

    /// <summary>2, 3 or 4 when <paramref name="value"/> is that integer, else null.</summary>
    public static int? Of(double value) => value is 2 or 3 or 4 ? (int)value : null;

    /// <summary>The same for a constant kept as C# source text (<c>2</c>, <c>3.0</c>, <c>4f</c>, <c>2d</c>).</summary>
    public static int? OfLiteral(string literal) =>
        double.TryParse(literal.TrimEnd('f', 'F', 'd', 'D', 'm', 'M', 'L', 'l', 'u', 'U'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value)
            ? Of(value)
            : null;
}
