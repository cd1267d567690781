using System;
using System.Collections.Generic;
using System.Linq;
using SourceGen.Generator.Lowering;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Emitting;

/// <summary>
/// Writes a <see cref="VectorLoop"/>: the loop in SIMD steps of the widest vectors the machine accelerates (512,
/// 256 or 128 bits) while a whole step's iterations are in range, then the rest of its iterations as written.
/// </summary>
internal static class VectorLoopEmitter
{
    private static readonly int[] Widths = { 512, 256, 128 };

    /// <summary>A loop's steps for each width, or none when the lowering could not write it (it then runs as written).</summary>
    internal sealed class Lowered
    {
        public Lowered(VectorLoop loop, IReadOnlyList<SimdStepWriter> steps, string methodName)
        {
            Loop = loop;
            Steps = steps;
            MethodName = methodName;
        }

        public VectorLoop Loop { get; }

        /// <summary>The step methods' name, before the width.</summary>
        public string MethodName { get; }

        public IReadOnlyList<SimdStepWriter> Steps { get; }
    }

    /// <summary>Lowers the loop for each width; names stay distinct from the kernel's and from each other's.</summary>
    public static Lowered Lower(VectorLoop loop, HashSet<string> names, string methodName, bool shortVectorNames)
    {
        var steps = new List<SimdStepWriter>();
        try
        {
            LoweringAnalysis analysis = LoweringAnalysis.OfLoop(loop);
            foreach (int width in Widths)
            {
                SimdStepWriter step = SimdStepWriter.WriteLoopBody(loop.Body, analysis, width, names, shortVectorNames);
                names.UnionWith(step.UsedNames);
                steps.Add(step);
            }
        }
        catch (InvalidOperationException)
        {
            // The parser accepted something the lowering cannot write: the loop runs as written (never a wrong result).
            steps.Clear();
        }

        return new Lowered(loop, steps, methodName);
    }

    /// <summary>Lowers each loop of one body, the step methods named <c>{methodPrefix}_Loop{k}_{width}</c>.</summary>
    public static List<Lowered> LowerAll(IReadOnlyList<VectorLoop> loops, string methodPrefix, bool shortVectorNames)
    {
        var names = new HashSet<string>(loops.SelectMany(v => v.NamesInScope), StringComparer.Ordinal);
        return loops.Select((v, k) => Lower(v, names, $"{methodPrefix}_Loop{k}", shortVectorNames)).ToList();
    }

    /// <summary>A body cut at its vector loops: its text as written (less <paramref name="column"/> spaces), each loop in SIMD steps.</summary>
    public static void WriteSegments(IndentedWriter w, IReadOnlyList<BodySegment> segments, IReadOnlyList<Lowered> lowered, int column)
    {
        foreach (BodySegment segment in segments)
        {
            if (segment.Text is not null)
            {
                ParallelEmitter.WriteText(w, segment.Text, column, skipBlankEnds: true);
                continue;
            }

            int outer = w.Indent;
            Lowered loop = lowered[segment.LoopIndex];
            w.Indent += Math.Max(0, loop.Loop.Column - column) / 4;
            Write(w, loop);
            w.Indent = outer;
        }
    }

    public static void Write(IndentedWriter w, Lowered lowered)
    {
        VectorLoop loop = lowered.Loop;
        string x = loop.VariableName;
        w.Line("{");
        w.Indent++;
        if (lowered.Steps.Count == 0)
        {
            w.Line($"// kernel, line {loop.Line}: {loop.Header} runs as written");
        }
        else
        {
            w.Line($"// kernel, line {loop.Line}: {loop.Header} runs in SIMD steps while a whole step is in range, then as written");
        }

        w.Line($"int {x} = {loop.Start};");
        if (lowered.Steps.Count > 0)
        {
            List<string> disjoint = Disjoint(loop.Body).ToList();
            string count = $"(long)({loop.Bound}) - {x}{(loop.Inclusive ? " + 1" : "")}";
            disjoint.AddRange(loop.Overlaps.Select(pair =>
                $"({pair.Written} == {pair.Read} || global::System.Math.Abs({pair.Written} - {pair.Read}) >= {count})"));
            if (disjoint.Count > 0)
            {
                w.Line("// a buffer written here must not overlap one read here: a step would read what it was meant to have written");
                w.Open($"if ({string.Join(" && ", disjoint)})");
            }

            // Widest first; each narrower width takes what is left of the end, so the scalar rest is short. Each
            // width's steps are a method of their own: a small loop the JIT keeps in registers.
            w.Line($"long sourceGenEnd = (long)({loop.Bound}){(loop.Inclusive ? " + 1" : "")};");
            string arguments = string.Join(", ", Parameters(lowered).Select(p => p.Argument));
            foreach (SimdStepWriter step in lowered.Steps)
            {
                w.Open($"if ({step.Vector}.IsHardwareAccelerated && sourceGenEnd - {x} >= {step.Lanes})");
                w.Line($"{lowered.MethodName}_{step.Width}{(IsVersioned(step) ? $"<{Untested}>" : "")}({arguments});");
                w.Close();
            }

            if (disjoint.Count > 0)
            {
                w.Close();
            }

            w.Line();
        }

        w.Line($"for (; {loop.Condition}; {loop.Increment})");
        ParallelEmitter.WriteText(w, loop.Statement, loop.Column, skipBlankEnds: false);
        w.Close();
    }

    /// <summary>The methods of the loop's steps, one per width: <c>x</c> advances while a whole step is left before the end.</summary>
    public static void WriteMethods(IndentedWriter w, Lowered lowered)
    {
        VectorLoop loop = lowered.Loop;
        string x = loop.VariableName;
        string parameters = string.Join(", ", Parameters(lowered).Select(p => p.Declaration));
        SimdStepWriter? first = null;
        foreach (SimdStepWriter step in lowered.Steps)
        {
            // The narrower widths' steps are the first width's with another vector: only the first keeps the comments.
            string? commentedIn = first is null ? null : $"{lowered.MethodName}_{first.Width}";
            first ??= step;
            w.Line();
            if (commentedIn is null)
            {
                w.Line($"/// <summary>kernel, line {loop.Line}: <c>{VectorizeEmitter.Xml(loop.Header)}</c> with Vector{step.Width}, {step.Lanes} iterations per step, from <paramref name=\"sourceGenNext\"/> while a whole step is left.</summary>");
                w.Line(GeneratedFile.OptimizedNoInlining + " // a method of its own: its loop keeps its values in registers");
            }
            else
            {
                w.Line($"/// <summary>The same as <c>{commentedIn}</c> (its comments cite the kernel's lines) with Vector{step.Width}, {step.Lanes} iterations per step.</summary>");
                w.Line(GeneratedFile.OptimizedNoInlining);
            }

            w.Open(IsVersioned(step)
                ? $"private static void {lowered.MethodName}_{step.Width}<TRanges>({parameters}) where TRanges : struct"
                : $"private static void {lowered.MethodName}_{step.Width}({parameters})");
            List<HoistedValue> hoisted = step.Hoisted.Where(h => h.Initializer is not null).ToList();
            if (hoisted.Count > 0)
            {
                Comment(w, commentedIn, "// the same in every step: computed once");
                foreach (HoistedValue value in hoisted)
                {
                    w.Line($"{value.Type} {value.Name} = {value.Initializer};");
                }
            }

            w.Line($"int {x} = sourceGenNext;");
            IReadOnlyList<string> lines = commentedIn is null ? step.Lines : WithoutComments(step.Lines);
            if (IsVersioned(step))
            {
                // Loop versioning: the accesses whose offsets are the same in every step are tested once for all
                // steps; when they pass, the StepRangesTested copy runs the steps without their per-step tests (the
                // JIT does not hoist them). The steps are written once: each copy folds its typeof test.
                IReadOnlyList<string> rangeTests = step.RangeTests;
                if (rangeTests.Any(test => test.Contains(LoopBufferAccess.LastStepName)))
                {
                    w.Line($"long {LoopBufferAccess.LastStepName} = {x} + ((sourceGenEnd - {x}) / {step.Lanes} - 1) * {step.Lanes};{(commentedIn is null ? $" // the last step's {x}" : "")}");
                }

                w.Open($"if ({Copy} == typeof({Untested}) && {string.Join(" && ", rangeTests)})");
                Comment(w, commentedIn, "// every step's elements of these accesses are in range: the copy with no test per step");
                w.Line($"{lowered.MethodName}_{step.Width}<{Tested}>({string.Join(", ", Parameters(lowered).Select(p => PassedOn(p.Declaration)))});");
                w.Line("return;");
                w.Close();
                lines = GenericVersionedLines(lines, step.RangeFreeConditions);
            }

            if (step.StackBuffers.Count > 0)
            {
                Comment(w, commentedIn, "// lane buffers of the steps at a border or an end (read or written one lane at a time)");
                foreach (string buffer in step.StackBuffers)
                {
                    w.Line(buffer);
                }
            }

            // The loop variable and the accumulators live in locals (registers) while the steps run, and go back after.
            foreach (string name in Accumulators(loop.Body))
            {
                w.Line($"var {name} = {AccumulatorReference(name)};");
            }

            foreach (string line in commentedIn is null ? step.Prologue : WithoutComments(step.Prologue))
            {
                w.Line(line);
            }

            WriteSteps(w, step, x, lines, commentedIn);

            foreach (string line in commentedIn is null ? step.Epilogue : WithoutComments(step.Epilogue))
            {
                w.Line(line);
            }

            w.Line($"sourceGenNext = {x};");
            foreach (string name in Accumulators(loop.Body))
            {
                w.Line($"{AccumulatorReference(name)} = {name};");
            }

            w.Close();
        }
    }

    private static void WriteSteps(IndentedWriter w, SimdStepWriter step, string x, IEnumerable<string> lines, string? commentedIn)
    {
        Comment(w, commentedIn, $"// iterations {x} to {x} + {step.Lanes - 1} at once");
        w.Open("do");
        WriteLines(w, lines);
        w.Line($"{x} += {step.Lanes};");
        w.Close();
        w.Line($"while (sourceGenEnd - {x} >= {step.Lanes});");
    }

    private const string Untested = "global::SourceGen.Internal.StepRangesUntested";
    private const string Tested = "global::SourceGen.Internal.StepRangesTested";
    private const string Copy = "typeof(TRanges)";

    /// <summary>A parameter passed on as it came: <c>ref int sourceGenNext</c> → <c>ref sourceGenNext</c>.</summary>
    private static string PassedOn(string declaration) =>
        (declaration.StartsWith("ref ", StringComparison.Ordinal) ? "ref " : "") + declaration.Substring(declaration.LastIndexOf(' ') + 1);

    /// <summary>Whether the step's method is versioned: generic in <c>TRanges</c>, its accesses tested once for all steps when they can be.</summary>
    private static bool IsVersioned(SimdStepWriter step) =>
        step.RangeTests.Count > 0 && VersionedLines(step.Lines, step.RangeFreeConditions) is not null;

    /// <summary>
    /// The step's lines for both copies of a versioned method: each covered access's condition <c>C</c> becomes
    /// <c>typeof(TRanges) == typeof(StepRangesTested) || C</c> (or, for a clamped index, the tests of its bounds in
    /// that copy), which the JIT folds per copy into what <see cref="VersionedLines"/> writes out, or the lines as they are.
    /// </summary>
    internal static List<string> GenericVersionedLines(IReadOnlyList<string> lines, IReadOnlyDictionary<string, string> rangeFree)
    {
        var result = new List<string>(lines.Count);
        foreach (string line in lines)
        {
            if (line.StartsWith("if (", StringComparison.Ordinal) && line.EndsWith(")", StringComparison.Ordinal)
                && rangeFree.TryGetValue(line.Substring(4, line.Length - 5), out string? left))
            {
                string condition = line.Substring(4, line.Length - 5);
                result.Add(left == "true"
                    ? $"if ({Copy} == typeof({Tested}) || {condition})"
                    : $"if ({Copy} == typeof({Tested}) ? {left} : {condition})");
            }
            else
            {
                result.Add(line);
            }
        }

        return result;
    }

    /// <summary>
    /// The step's lines when the range tests hold: each covered access's <c>if (fast) { … } else { … }</c> becomes its
    /// fast block alone, or keeps only a clamped index's tests of its bounds. Null (no versioning) if the lines are
    /// not shaped as expected: the steps then run with their tests, never wrong.
    /// </summary>
    internal static List<string>? VersionedLines(IReadOnlyList<string> lines, IReadOnlyDictionary<string, string> rangeFree)
    {
        var result = new List<string>(lines.Count);
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i];
            if (!(line.StartsWith("if (", StringComparison.Ordinal) && line.EndsWith(")", StringComparison.Ordinal)
                && rangeFree.TryGetValue(line.Substring(4, line.Length - 5), out string? left)))
            {
                result.Add(line);
                continue;
            }

            if (left != "true")
            {
                result.Add($"if ({left})");
                continue;
            }

            // The fast block, kept as a block; then the else and its block, dropped.
            int end = BlockEnd(lines, i + 1);
            if (end < 0)
            {
                return null;
            }

            result.Add("// in range in every step (tested before the steps)");
            for (int k = i + 1; k <= end; k++)
            {
                result.Add(lines[k]);
            }

            i = end;
            if (i + 1 < lines.Count && lines[i + 1] == "else")
            {
                i = BlockEnd(lines, i + 2);
                if (i < 0)
                {
                    return null;
                }
            }
        }

        return result;
    }

    /// <summary>The index of the lone "}" closing the block whose lone "{" is at <paramref name="open"/>; -1 if there is none.</summary>
    private static int BlockEnd(IReadOnlyList<string> lines, int open)
    {
        if (open >= lines.Count || lines[open] != "{")
        {
            return -1;
        }

        int depth = 0;
        for (int k = open; k < lines.Count; k++)
        {
            depth += lines[k] == "{" ? 1 : lines[k] == "}" ? -1 : 0;
            if (depth == 0)
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>The step method's parameter for an accumulator: a local of the kernel's name holds it while the steps run (in a register, not memory).</summary>
    private static string AccumulatorReference(string name) => "sourceGenTotal_" + name;

    private static IEnumerable<string> Accumulators(KernelBody body) =>
        KernelBody.AllStatements(body.Statements).OfType<ReduceStmt>().Select(r => r.Name).Distinct();

    /// <summary>What the step methods receive: the loop variable and end, the buffers, the values from outside, the accumulators.</summary>
    private static IEnumerable<(string Declaration, string Argument)> Parameters(Lowered lowered)
    {
        KernelBody body = lowered.Loop.Body;
        string x = lowered.Loop.VariableName;
        yield return ("ref int sourceGenNext", $"ref {x}");
        yield return ("long sourceGenEnd", "sourceGenEnd");
        foreach (LoopBuffer buffer in body.Buffers)
        {
            string element = buffer.ElementType.Keyword();
            string type = buffer.Kind switch
            {
                BufferKind.ReadOnlySpan => $"global::System.ReadOnlySpan<{element}>",
                BufferKind.Span => $"global::System.Span<{element}>",
                BufferKind.Array => $"{element}[]",
                _ => $"{element}[,]",
            };
            yield return ($"{type} {buffer.Name}", buffer.Name);
        }

        foreach (KernelParameter value in body.Parameters)
        {
            yield return ($"{value.Type.Keyword()} {value.Name}", value.Name);
        }

        foreach (ReduceStmt accumulator in KernelBody.AllStatements(body.Statements).OfType<ReduceStmt>().GroupBy(r => r.Name).Select(g => g.First()))
        {
            yield return ($"ref {accumulator.Value.Type.Keyword()} {AccumulatorReference(accumulator.Name)}", $"ref {accumulator.Name}");
        }
    }

    /// <summary>Disjointness tests: every written buffer against every other buffer the loop touches.</summary>
    private static IEnumerable<string> Disjoint(KernelBody body)
    {
        string AsReadOnly(LoopBuffer buffer) => buffer.Kind switch
        {
            BufferKind.Array => $"new global::System.ReadOnlySpan<{buffer.ElementType.Keyword()}>({buffer.Name})",
            BufferKind.Array2D => $"global::System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref global::System.Runtime.CompilerServices.Unsafe.As<byte, {buffer.ElementType.Keyword()}>(ref global::System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference((global::System.Array){buffer.Name})), {buffer.Name}.Length)",
            _ => buffer.Name,
        };

        for (int i = 0; i < body.Buffers.Count; i++)
        {
            for (int j = 0; j < body.Buffers.Count; j++)
            {
                LoopBuffer written = body.Buffers[i], other = body.Buffers[j];
                if (i != j && written.IsStored && (!other.IsStored || j > i))
                {
                    yield return $"global::SourceGen.Internal.LoopBuffers.Disjoint<{written.ElementType.Keyword()}, {other.ElementType.Keyword()}>({AsReadOnly(written)}, {AsReadOnly(other)})";
                }
            }
        }
    }

    /// <summary>Writes a comment line in the first width's method only (<paramref name="commentedIn"/> null); the others point at it.</summary>
    private static void Comment(IndentedWriter w, string? commentedIn, string line)
    {
        if (commentedIn is null)
        {
            w.Line(line);
        }
    }

    /// <summary>
    /// A narrower width's step lines without their comment lines: they repeat the first width's word for word, which
    /// keeps them (a pointer to it says so). Only whole-line comments go; the code is the same.
    /// </summary>
    internal static List<string> WithoutComments(IEnumerable<string> lines) =>
        lines.Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)).ToList();

    /// <summary>Step lines: lone "{" and "}" lines open and close blocks.</summary>
    private static void WriteLines(IndentedWriter w, IEnumerable<string> lines)
    {
        foreach (string line in lines)
        {
            if (line == "}")
            {
                w.Indent--;
            }

            w.Line(line);
            if (line == "{")
            {
                w.Indent++;
            }
        }
    }
}
