using System.Collections.Generic;
using System.Text;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Emitting;

/// <summary>A small indented text writer with '\n' line endings, so snapshots are identical on every OS.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>The indentation level (four spaces each).</summary>
    public int Indent
    {
        get => _indent;
        set => _indent = value;
    }

    /// <summary>
    /// Deeper levels are written at this one: a kernel nested hundreds deep (a generated decision tree) would
    /// otherwise get output quadratic in its size, most of it spaces. Ordinary code nests far less.
    /// </summary>
    public const int MaxIndent = 16;

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', System.Math.Min(_indent, MaxIndent) * 4);
        }

        _text.Append(line).Append('\n');
    }

    public void Open(string line)
    {
        Line(line);
        Line("{");
        _indent++;
    }

    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    /// <summary>Opens the namespace (when there is one) and the partial types the generated members join.</summary>
    public void OpenTypes(string ns, IEnumerable<ContainingType> types)
    {
        if (ns.Length > 0)
        {
            // File-scoped (C# 10): the file holds this one namespace, and every line is an indentation level shorter.
            Line("namespace " + ns + ";");
            Line();
        }

        foreach (ContainingType type in types)
        {
            Open("partial " + type.Keyword + " " + type.Name);
        }
    }

    /// <summary>Closes what <see cref="OpenTypes"/> opened (the file-scoped namespace needs no closing).</summary>
    public void CloseTypes(string ns, IEnumerable<ContainingType> types)
    {
        foreach (ContainingType _ in types)
        {
            Close();
        }
    }

    public override string ToString() => _text.ToString();
}
