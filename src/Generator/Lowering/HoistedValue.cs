namespace SourceGen.Generator.Lowering;

/// <summary>A value a SIMD step's caller computes once before the loop; <see cref="PassToStep"/> when the step reads it.</summary>
internal sealed class HoistedValue
{
    public HoistedValue(string name, string type, string initializer)
    {
        Name = name;
        Type = type;
        Initializer = initializer;
    }

    public string Name { get; }

    public string Type { get; }

    /// <summary>The initializer, or null for a kernel parameter the step needs as is.</summary>
    public string Initializer { get; }

    public bool PassToStep { get; set; }
}
