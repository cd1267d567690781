using System.Globalization;
using System.Text;

namespace SourceGen.Generator.Model;

/// <summary>
/// The names one entry point's generated code is known by: its file's hint name and the suffix of its private helper
/// members. Both come from the entry point's full identity (namespace, containing types with their type parameters,
/// name, form, every parameter's full type and modifiers), so any legal set of declarations — overloads, the same
/// type in two namespaces, names that differ only in case — gets distinct, stable names.
/// </summary>
internal sealed record GeneratedNames(string HintName, string Suffix)
{
    /// <summary>
    /// Whether the generated code writes <c>Vector512</c> … for <c>global::System.Runtime.Intrinsics.Vector512</c> …:
    /// true only where those names provably bind to System.Runtime.Intrinsics (<see cref="Parsing.VectorNameScope"/>).
    /// </summary>
    public bool ShortVectorNames { get; init; }

    /// <summary>The readable part of a hint name is cut here; the hash keeps it unique (paths stay short).</summary>
    private const int ReadableLength = 80;

    /// <param name="readable">"Outer.Inner.Name" as the user reads it.</param>
    /// <param name="form">Appended to the readable part ("Parallel", "GuVectorize"), or empty.</param>
    /// <param name="identity">The entry point's full identity; case matters, as it does to C#.</param>
    public static GeneratedNames For(string readable, string form, string identity)
    {
        ulong hash = Fnv1a64(identity);
        var name = new StringBuilder(readable.Length);
        foreach (char c in readable)
        {
            // Hint names are file names: keep letters, digits and the separators; generic brackets become braces.
            name.Append(c switch
            {
                '<' => '{',
                '>' => '}',
                _ when char.IsLetterOrDigit(c) || c is '_' or '.' or ',' => c,
                _ => '_',
            });
        }

        if (name.Length > ReadableLength)
        {
            name.Length = ReadableLength;
        }

        // The hash is of the case-sensitive identity: hint names are compared ignoring case, and 'Scale' and 'scale'
        // must still differ.
        string hint = name + (form.Length > 0 ? "." + form : "") + "." + (hash & 0xFFFFFFFFFFFF).ToString("X12", CultureInfo.InvariantCulture) + ".g.cs";
        string suffix = (hash & 0xFFFFFF).ToString("X6", CultureInfo.InvariantCulture);
        return new GeneratedNames(hint, suffix);
    }

    private static ulong Fnv1a64(string text)
    {
        ulong hash = 14695981039346656037;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211;
        }

        return hash;
    }
}
