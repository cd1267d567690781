using System;
using System.Collections.Generic;
using System.Globalization;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// What the parts of one SIMD step's lowering share (<see cref="SimdStepPart"/>): the kernel and its analysis, the
/// step's width and lanes, the names it declares, the lines it writes, the values of the kernel's locals and the
/// lane buffers it allocates. State only: it calls no part, so the parts depend on it and never on each other through it.
/// </summary>
internal sealed class SimdStepContext
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _temporaries;

    public SimdStepContext(KernelBody body, LoweringAnalysis analysis, IReadOnlyList<EntryParameter> parameters, int width, int lanes, int smallestSize, bool shortVectorNames)
    {
        SmallestSize = smallestSize;
        Body = body;
        Analysis = analysis;
        Width = width;
        Lanes = lanes;
        BytesPerRegister = width / 8;
        Vector = VectorNames.Of(width, shortVectorNames); // qualified unless the short name provably binds: a user type or member may be named Vector512
        foreach (KernelParameter parameter in body.Parameters)
        {
            _names.Add(parameter.Name);
        }

        foreach (EntryParameter parameter in parameters)
        {
            _names.Add(parameter.Name);
        }

        _names.UnionWith(new[] { "lane", "length", "i", "rest" });
        DestinationName = parameters.Count > 0 ? parameters[parameters.Count - 1].Name : "";
    }

    public KernelBody Body { get; }

    public LoweringAnalysis Analysis { get; }

    /// <summary>Whether a vector math call of the kernel takes another's result (<see cref="LanesPerStep.ChainsHeavyMath"/>), computed once.</summary>
    public bool ChainsHeavyMath => _chainsHeavyMath ??= LanesPerStep.ChainsHeavyMath(Body);

    private bool? _chainsHeavyMath;

    public int Width { get; }

    /// <summary>Elements computed per step.</summary>
    public int Lanes { get; }

    public int BytesPerRegister { get; }

    /// <summary>The size of the smallest lane type the step holds in registers: a mask's lanes have it unless resized.</summary>
    public int SmallestSize { get; }

    /// <summary>The vector type's name as this step writes it (<c>Vector512</c> or its qualified form).</summary>
    public string Vector { get; }

    /// <summary>The <c>[Vectorize]</c> entry point's destination span (its last parameter); empty for a loop body.</summary>
    public string DestinationName { get; }

    /// <summary>Statements of the step, in order.</summary>
    public List<string> Lines { get; } = new();

    /// <summary>Lane buffers, declared once at the top of the step (or before a loop body's steps).</summary>
    public List<string> StackBuffers { get; } = new();

    /// <summary>The value of each local of the kernel, by local id.</summary>
    public Dictionary<int, SimdValue> Locals { get; } = new();

    /// <summary>True when some operation runs per lane (the step then uses stack buffers and is not inlined).</summary>
    public bool HasPerLaneCode { get; set; }

    /// <summary>Every name the step declares or avoids.</summary>
    public IEnumerable<string> Names => _names;

    /// <summary>Names the step must not declare (those in scope where it is written).</summary>
    public void Avoid(IEnumerable<string> names) => _names.UnionWith(names);

    /// <summary>Marks a name as declared (one made from a name <see cref="NewName"/> gave, such as its registers').</summary>
    public void Reserve(string name) => _names.Add(name);

    /// <summary>A name no other declaration of the step uses: the hint, or the hint with a number.</summary>
    public string NewName(string hint)
    {
        string name = hint;
        for (int suffix = 2; _names.Contains(name); suffix++)
        {
            name = hint + suffix.ToString(CultureInfo.InvariantCulture);
        }

        _names.Add(name);
        return name;
    }

    /// <summary>The hint for the next unnamed temporary: t1, t2, … .</summary>
    public string NextTemporary() => "t" + (++_temporaries).ToString(CultureInfo.InvariantCulture);
}
