using System.Collections.Generic;
using System.Linq;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// NumPy's gufunc signature grammar: <c>(dims),(dims)->(dims)</c>, where <c>dims</c> is a comma-separated list of
/// dimension names (identifiers) or empty for a scalar. Whitespace is allowed between tokens. Each output
/// dimension must be defined by an input.
/// </summary>
internal static class GuSignatureParser
{
    /// <summary>The signature, or null with the error, its position (0-based, in the string) and the fix.</summary>
    public static GuSignature? Parse(string text, out string? error, out int position, out string? fix)
    {
        error = null;
        fix = null;
        int at = 0, problemAt = 0;

        void Skip()
        {
            while (at < text.Length && char.IsWhiteSpace(text[at]))
            {
                at++;
            }
        }

        List<EquatableArray<string>>? Side(out string? problem)
        {
            problem = null;
            var side = new List<EquatableArray<string>>();
            while (true)
            {
                Skip();
                if (at >= text.Length || text[at] != '(')
                {
                    problem = at >= text.Length ? "a '(' is missing at the end" : $"'{text[at]}' where a '(' should open an argument's dimensions";
                    return null;
                }

                at++;
                var dims = new List<string>();
                Skip();
                if (at < text.Length && text[at] == ')')
                {
                    at++;
                }
                else
                {
                    while (true)
                    {
                        Skip();
                        int start = at;
                        while (at < text.Length && (char.IsLetterOrDigit(text[at]) || text[at] == '_'))
                        {
                            at++;
                        }

                        if (at == start || char.IsDigit(text[start]))
                        {
                            problemAt = start;
                            problem = at >= text.Length ? "the dimensions are not closed with ')'" : at == start ? $"'{text[at]}' where a dimension name should be" : $"'{text.Substring(start, at - start)}' is not a dimension name (names start with a letter)";
                            return null;
                        }

                        dims.Add(text.Substring(start, at - start));
                        Skip();
                        if (at < text.Length && text[at] == ',')
                        {
                            at++;
                            continue;
                        }

                        if (at < text.Length && text[at] == ')')
                        {
                            at++;
                            break;
                        }

                        problem = at >= text.Length ? "the dimensions are not closed with ')'" : $"'{text[at]}' where ',' or ')' should be";
                        return null;
                    }
                }

                side.Add(dims.ToEquatableArray());
                Skip();
                if (at < text.Length && text[at] == ',')
                {
                    at++;
                    continue;
                }

                return side;
            }
        }

        List<EquatableArray<string>>? inputs = Side(out string? inputProblem);
        if (inputs is null)
        {
            position = problemAt == 0 ? at : problemAt;
            error = inputProblem;
            fix = "write the core dimensions of each argument in parentheses, e.g. \"(n),()->(n)\"";
            return null;
        }

        position = 0;
        Skip();
        if (at + 1 >= text.Length || text[at] != '-' || text[at + 1] != '>')
        {
            position = at;
            error = at >= text.Length ? "'->' and the outputs are missing" : $"'{text[at]}' where '->' should separate inputs from outputs";
            fix = "separate the inputs from the outputs with '->', e.g. \"(n),(n)->()\"";
            return null;
        }

        at += 2;
        problemAt = 0;
        List<EquatableArray<string>>? outputs = Side(out string? outputProblem);
        if (outputs is null)
        {
            position = problemAt == 0 ? at : problemAt;
            error = outputProblem;
            fix = "write each output's core dimensions in parentheses, e.g. \"->(n)\" or \"->()\"";
            return null;
        }

        Skip();
        if (at < text.Length)
        {
            position = at;
            error = $"'{text.Substring(at)}' after the outputs";
            fix = "end the signature after the last output's ')'";
            return null;
        }

        var defined = new HashSet<string>(inputs.SelectMany(d => d));
        foreach (string dimension in outputs.SelectMany(d => d))
        {
            if (!defined.Contains(dimension))
            {
                position = text.IndexOf(dimension, text.IndexOf("->", System.StringComparison.Ordinal), System.StringComparison.Ordinal);
                error = $"output dimension '{dimension}' is not a dimension of any input, so its size is unknown";
                fix = $"give '{dimension}' to an input, or use an input's dimension";
                return null;
            }
        }

        return new GuSignature(text, inputs.ToEquatableArray(), outputs.ToEquatableArray());
    }
}
