namespace SourceGen.Generator.Model;

/// <summary>A kernel's text as written: its file, the line and offset of its first line, and its lines.</summary>
internal sealed record KernelSource(string FilePath, int FirstLine, int Start, EquatableArray<string> Lines);
