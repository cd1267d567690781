using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace SourceGen.Kernels.Cli;

/// <summary>
/// Numeric options read the same on every machine: a point is the decimal separator whatever the culture, and a value
/// must parse whole (System.CommandLine's own parsing follows the current culture, where "0,5" is 5 with a thousands
/// comma in English, 0.5 in German). "0,5", "1,000", "12abc", "1e3" for a count, NaN and infinities are errors.
/// </summary>
internal static class Numbers
{
    public static Option<float> Float(string name, string description, float defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse(result, name, defaultValue, text =>
            float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) && float.IsFinite(value) ? value : null, "a number (with a point as decimal separator)"),
    };

    public static Option<double> Double(string name, string description, double defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse(result, name, defaultValue, text =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) ? value : null, "a number (with a point as decimal separator)"),
    };

    public static Option<int> Int(string name, string description, int defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse(result, name, defaultValue, text =>
            int.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out int value) ? value : null,
            $"a whole number from {int.MinValue} to {int.MaxValue}"),
    };

    private static T Parse<T>(ArgumentResult result, string name, T defaultValue, Func<string, T?> parse, string expected)
        where T : struct
    {
        if (result.Tokens.Count == 0)
        {
            return defaultValue;
        }

        string text = result.Tokens[0].Value;
        if (parse(text) is T value)
        {
            return value;
        }

        result.AddError($"{name} must be {expected}, got '{text}'");
        return defaultValue;
    }
}
