using System.Text;

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

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
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

    public override string ToString() => _text.ToString();
}
