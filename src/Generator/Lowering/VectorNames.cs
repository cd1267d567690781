using System.Globalization;

namespace SourceGen.Generator.Lowering;

/// <summary>How the generated code names System.Runtime.Intrinsics' vector types (see <c>GeneratedNames.ShortVectorNames</c>).</summary>
internal static class VectorNames
{
    public const string Qualifier = "global::System.Runtime.Intrinsics.";

    /// <summary><c>Vector512</c> where that name provably binds to System.Runtime.Intrinsics (the file imports it), else qualified.</summary>
    public static string Of(int width, bool shortNames) =>
        (shortNames ? "" : Qualifier) + "Vector" + width.ToString(CultureInfo.InvariantCulture);
}
