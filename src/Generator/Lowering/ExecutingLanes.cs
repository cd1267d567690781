using System.Collections.Generic;
using System.Linq;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// Which lanes run the code being written: the executing mask (under a masked kernel's branches and loops, or a loop
/// body's predicated <c>if</c>) and the read guards (inside a guarded <c>?:</c> branch of a loop body, only the lanes that
/// take it read elements). The statement writers set them; expressions read them, so that only those lanes may
/// throw, store or read, and assignments under them are selects.
/// </summary>
internal sealed class ExecutingLanes(SimdStepContext step, VectorConversions conversions) : SimdStepPart(step)
{
    /// <summary>The registers of the executing mask, or null while every lane executes (before any branch).</summary>
    private string[]? _executing;
    private int _executingVersion;
    /// <summary>The executing mask as lanes of a type, named, for <see cref="_executingAsVersion"/> of the mask.</summary>
    private Dictionary<ElementType, string[]> _executingAs = new();
    private int _executingAsVersion;

    /// <summary>The lanes whose reads count (a mask stack buffer and whether it is negated), inside a guarded ?: branch.</summary>
    private readonly List<(string Buffer, bool Negate, string[] Mask)> _readGuards = new();

    /// <summary>The registers of the executing mask, or null while every lane executes.</summary>
    public string[]? Registers => _executing;

    /// <summary>The executing mask is now <paramref name="registers"/> (null: every lane).</summary>
    public void Set(string[]? registers)
    {
        _executing = registers;
        _executingVersion++;
    }

    /// <summary>The code just written changed the executing mask's registers: its resized copies are stale.</summary>
    public void Changed() => _executingVersion++;

    /// <summary>The executing mask as a value, or null when every lane executes.</summary>
    public SimdValue? AsValue() => _executing is null ? null : SimdValue.Mask(SmallestSize, _executing);

    /// <summary>The executing mask as lanes of <paramref name="laneType"/> (all ones or zeros), or null when all execute.</summary>
    public string[]? As(ElementType laneType)
    {
        if (_executing is null)
        {
            return null;
        }

        ElementType type = laneType == ElementType.Bool ? MaskLane : laneType;
        if (_executingAsVersion != _executingVersion)
        {
            // The mask changed since: the names of the old one are of no use (and the cache stays small).
            _executingAs.Clear();
            _executingAsVersion = _executingVersion;
        }

        if (!_executingAs.TryGetValue(type, out string[]? registers))
        {
            SimdValue resized = conversions.ResizeMask(SimdValue.Mask(SmallestSize, _executing), type.Size());
            SimdValue named = Materialize(SimdValue.Mask(type.Size(), resized.Registers!.Select(r => Reinterpret(r, ElementTypeFacts.SignedIntegerOfSize(type.Size()), type)).ToArray()), "executingAs" + type.BclName());
            registers = named.Registers!;
            _executingAs[type] = registers;
        }

        return registers;
    }

    /// <summary>Entering a C# block: the executing mask's names declared inside it are out of scope after it.</summary>
    public Dictionary<ElementType, string[]> EnterScope() => new(_executingAs);

    /// <summary>Leaving a C# block entered with <see cref="EnterScope"/>.</summary>
    public void LeaveScope(Dictionary<ElementType, string[]> saved) => _executingAs = saved;

    /// <summary>A masked assignment: executing lanes take the new value, the others keep theirs.</summary>
    public void Assign(SimdValue target, SimdValue value, bool unmasked = false)
    {
        string[] registers = target.Registers!;
        // Named first, so no register of the target is overwritten before the others are computed from it.
        string[] values = Materialize(
            target.Type == ElementType.Bool
                ? SimdValue.Mask(target.MaskSize, conversions.Registers(value, target.MaskSize))
                : SimdValue.Varying(target.Type, conversions.Registers(value))).Registers!;
        string[]? mask = unmasked ? null : As(target.Type);
        for (int k = 0; k < registers.Length; k++)
        {
            Lines.Add(mask is null
                ? $"{registers[k]} = {values[k]};"
                : $"{registers[k]} = {V}.ConditionalSelect({mask[k]}, {values[k]}, {registers[k]});");
        }
    }

    /// <summary>True inside a guarded branch: only the lanes that take it may read.</summary>
    public bool HasReadGuards => _readGuards.Count > 0;

    /// <summary>Entering a guarded branch: reads count only where <paramref name="mask"/> (spilled to <paramref name="buffer"/>) is set.</summary>
    public void PushReadGuard(string buffer, string[] mask) => _readGuards.Add((buffer, false, mask));

    /// <summary>The innermost guard now lets through the lanes its mask does not hold (the other branch of a ?:).</summary>
    public void NegateInnermostReadGuard()
    {
        (string buffer, _, string[] mask) = _readGuards[_readGuards.Count - 1];
        _readGuards[_readGuards.Count - 1] = (buffer, true, mask);
    }

    public void PopReadGuard() => _readGuards.RemoveAt(_readGuards.Count - 1);

    /// <summary>The per-lane test of the read guards (C#, for a loop over <c>lane</c>): every guard lets the lane through.</summary>
    public string ReadGuardTest() =>
        string.Join(" && ", _readGuards.Select(g => $"{g.Buffer}[lane] {(g.Negate ? "==" : "!=")} 0"));

    /// <summary>Spills the guards' masks to their lane buffers: on slow paths only, where lanes are read one by one.</summary>
    public void SpillReadGuards()
    {
        foreach ((string buffer, _, string[] mask) in _readGuards)
        {
            for (int k = 0; k < mask.Length; k++)
            {
                Lines.Add($"{V}.CopyTo({mask[k]}, {buffer}{(k == 0 ? "" : $".Slice({k * LanesPerRegister(MaskLane)})")});");
            }
        }
    }
}
