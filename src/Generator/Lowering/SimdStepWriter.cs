using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SourceGen.Generator.Emitting;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Lowering;

/// <summary>
/// Lowers a straight-line kernel to the body of one SIMD step for one vector width: <see cref="Lanes"/>
/// consecutive elements at once, each value held in as many registers as its type needs (a double kernel at
/// 512 bits unrolled four times holds each value in four <c>Vector512&lt;double&gt;</c>; a byte-to-float
/// kernel holds a byte value in one register and a float value in four). Uniform values are computed once by
/// the caller (<see cref="Hoisted"/>) and passed in; operations with no SIMD form run per lane, as the
/// <see cref="LoweringAnalysis"/> decided.
/// </summary>
internal sealed partial class SimdStepWriter
{
    private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    private const string ThrowHelper = "global::SourceGen.Internal.KernelThrowHelper";

    private readonly KernelBody _body;
    private readonly LoweringAnalysis _analysis;
    private readonly IReadOnlyList<EntryParameter> _parameters;
    private readonly int _bytesPerRegister;
    private readonly string _v;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Value> _locals = new();
    private readonly Dictionary<int, Value> _loadedParameters = new();
    private readonly Dictionary<string, string> _hoistedByCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _stepScalars = new(StringComparer.Ordinal);
    private readonly int _smallestSize;
    private int _temporaries;

    private SimdStepWriter(KernelBody body, LoweringAnalysis analysis, IReadOnlyList<EntryParameter> parameters, int width, int lanes, int smallestSize, bool shortVectorNames)
    {
        _smallestSize = smallestSize;
        _body = body;
        _analysis = analysis;
        _parameters = parameters;
        Width = width;
        Lanes = lanes;
        _bytesPerRegister = width / 8;
        _v = VectorNames.Of(width, shortVectorNames); // qualified unless the short name provably binds: a user type or member may be named Vector512
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

    public int Width { get; }

    /// <summary>The vector type's name as this step writes it (<c>Vector512</c> or its qualified form).</summary>
    public string Vector => _v;

    /// <summary>Elements computed per step.</summary>
    public int Lanes { get; }

    public string DestinationName { get; }

    /// <summary>Statements of the step, in order.</summary>
    public List<string> Lines { get; } = new();

    /// <summary>Values computed once per call before the loop: scalars and broadcast vectors, in dependency order.</summary>
    public List<HoistedValue> Hoisted { get; } = new();

    /// <summary>True when some operation runs per lane (the step then uses stack buffers and is not inlined).</summary>
    public bool HasPerLaneCode { get; private set; }

    /// <summary>A value computed before the loop; <see cref="PassToStep"/> when the step reads it.</summary>
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


    /// <summary>The lane count for a width: enough registers of the widest type in flight to hide latency.</summary>
    public static int LanesFor(int width, KernelBody body, LoweringAnalysis analysis, IReadOnlyList<EntryParameter> parameters, out int unroll)
    {
        (int smallest, int largest) = TypeSizes(body, analysis, parameters);
        int ratio = largest / smallest;

        // Measured on the Julia set: unrolling loop kernels too (more lanes in flight) beats one register each.
        int widest = body.IsLoopBody ? 1 : analysis.HasHeavyMath ? 2 : 4;
        if (!body.IsLoopBody && body.HasControlFlow)
        {
            // A masked loop keeps its values, inputs and masks in registers through every iteration; with too many
            // registers in flight they spill on every iteration. Measured (2026-12, AVX-512 machine): the escape-time
            // loops carry about 8 vectors per register in flight and run best with 4 in flight, on the 512- and the
            // 256-bit path alike (inputs that spill are read back as memory operands); a loop carrying 16 runs
            // 15-25 % faster with 2 than with 4.
            double perRegister = LoopVectors(body, analysis, smallest, largest);
            const int RegisterFile = 32;
            while (widest > 1 && perRegister * widest > RegisterFile)
            {
                widest /= 2;
            }
        }

        unroll = Math.Max(1, widest / ratio);
        return unroll * (width / 8) / smallest;
    }

    /// <summary>
    /// The most vectors an outermost loop of a masked kernel holds per register of the widest type (it holds what its
    /// inner loops hold): the locals it touches (a counter nothing reads after the loop counts nothing: it is a scalar
    /// there), the varying inputs it reads, its lane mask, and the result when it returns. Each counts its size
    /// relative to the widest type.
    /// </summary>
    internal static double LoopVectors(KernelBody body, LoweringAnalysis analysis, int smallest, int largest)
    {
        double Weight(ElementType type) => (double)(type == ElementType.Bool ? smallest : type.Size()) / largest;
        Dictionary<int, int> readsInKernel = Reads(body.Statements);
        double most = 0;
        foreach (LoopStmt loop in LoopLevel(body.Statements).OfType<LoopStmt>())
        {
            List<Stmt> statements = KernelBody.AllStatements(new Stmt[] { loop }).ToList();
            Dictionary<int, int> readsInside = Reads(new Stmt[] { loop });
            var locals = new Dictionary<int, ElementType>();
            foreach (LocalExpr local in statements.SelectMany(KernelBody.OwnExpressions).SelectMany(ExprFacts.Descendants).OfType<LocalExpr>()
                         .Concat(statements.OfType<AssignStmt>().Select(a => a.Target)))
            {
                locals[local.LocalId] = local.Type;
            }

            foreach (AssignStmt increment in statements.OfType<AssignStmt>().Where(IsIncrementByOne))
            {
                int id = increment.Target.LocalId;
                if ((readsInKernel.TryGetValue(id, out int total) ? total : 0) == (readsInside.TryGetValue(id, out int inside) ? inside : 0))
                {
                    locals.Remove(id);
                }
            }

            var inputs = new HashSet<int>();
            double vectors = locals.Values.Sum(Weight) + Weight(ElementType.Bool)
                + (statements.Any(st => st is ReturnStmt) ? Weight(body.ReturnType) : 0);
            foreach (ParameterExpr parameter in statements.SelectMany(KernelBody.OwnExpressions).SelectMany(ExprFacts.Descendants).OfType<ParameterExpr>())
            {
                if (!analysis.IsUniform(parameter) && inputs.Add(parameter.Index))
                {
                    vectors += Weight(parameter.Type);
                }
            }

            most = Math.Max(most, vectors);
        }

        return most;
    }

    /// <summary>Sizes of the smallest and largest element types the SIMD code holds in registers.</summary>
    internal static (int Smallest, int Largest) TypeSizes(KernelBody body, LoweringAnalysis analysis, IReadOnlyList<EntryParameter> parameters)
    {
        int smallest = 8, largest = 1;
        void Note(ElementType type)
        {
            smallest = Math.Min(smallest, type.Size());
            largest = Math.Max(largest, type.Size());
        }

        foreach (EntryParameter parameter in parameters)
        {
            if (parameter.Role != ParameterRole.Uniform)
            {
                Note(parameter.ElementType);
            }
        }

        void Walk(Expr expression)
        {
            if (analysis.IsUniform(expression))
            {
                return;
            }

            if (expression.Type != ElementType.Bool)
            {
                Note(expression.Type);
            }

            if (expression is BinaryExpr binary && binary.OperandType != ElementType.Bool)
            {
                Note(binary.OperandType);
            }

            if (expression is LoadExpr load && UnitStrideIndex.Of(load.Index, analysis.IsUniform) is not null)
            {
                // A unit-stride index is one scalar per step (and per lane on the slow path), never a vector.
                return;
            }

            foreach (Expr operand in ExprFacts.Operands(expression))
            {
                Walk(operand);
            }
        }

        foreach (Stmt statement in KernelBody.AllStatements(body.Statements))
        {
            if (statement is AssignStmt assign
                && (body.IsLoopBody ? !analysis.IsUniformLocal(assign.Target.LocalId) : !analysis.IsUniform(assign.Value) || body.HasControlFlow))
            {
                // With control flow every local lives in registers of its type.
                if (((AssignStmt)statement).Target.Type != ElementType.Bool)
                {
                    Note(((AssignStmt)statement).Target.Type);
                }
            }

            if (statement is ReduceStmt reduce && reduce.Value.Type != ElementType.Bool)
            {
                // A reduction keeps partials in registers of its type even when what it adds is uniform ('r &= 7u').
                Note(reduce.Value.Type);
            }

            foreach (Expr expression in KernelBody.OwnExpressions(statement))
            {
                if (statement is StoreStmt store && ReferenceEquals(expression, store.Index))
                {
                    continue;
                }

                Walk(expression);
            }
        }

        if (body.IsLoopBody)
        {
            foreach (LoopBuffer buffer in body.Buffers)
            {
                Note(buffer.ElementType);
            }

            return (smallest, largest);
        }

        if (body.HasControlFlow && body.ReturnType != ElementType.Bool)
        {
            Note(body.ReturnType);
        }

        return (smallest, largest);
    }

    public static SimdStepWriter Write(KernelBody body, LoweringAnalysis analysis, IReadOnlyList<EntryParameter> parameters, int width, bool shortVectorNames = false)
    {
        int lanes = LanesFor(width, body, analysis, parameters, out _);
        var writer = new SimdStepWriter(body, analysis, parameters, width, lanes, TypeSizes(body, analysis, parameters).Smallest, shortVectorNames);
        writer.WriteBody();
        return writer;
    }

    private void WriteBody()
    {
        WriteKernel();
        Lines.InsertRange(0, _stackBuffers);
    }

    private void WriteKernel()
    {
        if (_body.HasControlFlow)
        {
            WriteMaskedBody();
            return;
        }

        foreach (Stmt statement in _body.Statements)
        {
            Lines.Add($"// kernel, line {statement.Source.Line}: {statement.Source.Text}");
            switch (statement)
            {
                case AssignStmt assign:
                    _locals[assign.Target.LocalId] = !_analysis.IsUniform(assign.Value)
                        ? Materialize(Eval(assign.Value), assign.Target.Name, force: assign.Value is not (ParameterExpr or LocalExpr))
                        : NeedsInStep(assign.Value)
                            ? InStepUniform(assign.Value, assign.Target.Name)
                            : Value.Uniform(assign.Value.Type, HoistScalar(UniformCode(assign.Value), assign.Value.Type, assign.Target.Name, asVariable: true));
                    ForgetCommon(assign.Target.LocalId);
                    break;
                case ReturnStmt ret:
                    Store(Eval(ret.Value), ret.Value.Type);
                    break;
            }
        }
    }

    // ---- values -------------------------------------------------------------------------------------------

    /// <summary>
    /// A value of the kernel: uniform (one scalar C# expression) or varying (one C# expression per register).
    /// A bool value is a mask: lanes all ones or all zeros, held as signed integers of <see cref="MaskSize"/> bytes.
    /// </summary>
    private sealed class Value
    {
        private Value(ElementType type, string? scalar, string[]? registers, int maskSize, bool inStep = false)
        {
            Type = type;
            Scalar = scalar;
            Registers = registers;
            MaskSize = maskSize;
            InStep = inStep;
        }

        /// <summary>A uniform computed where the kernel computes it (it may throw), not before the loop.</summary>
        public bool InStep { get; }

        public ElementType Type { get; }

        public string? Scalar { get; }

        public string[]? Registers { get; }

        public int MaskSize { get; }

        public bool IsUniform => Registers is null;

        /// <summary>The lane type of the registers: the element type, or the mask's signed integer type.</summary>
        public ElementType LaneType => Type == ElementType.Bool ? ElementTypeFacts.SignedIntegerOfSize(MaskSize) : Type;

        public static Value Uniform(ElementType type, string scalar) => new(type, scalar, null, 0);

        public static Value UniformInStep(ElementType type, string name) => new(type, name, null, 0, inStep: true);

        public static Value Varying(ElementType type, string[] registers) => new(type, null, registers, 0);

        public static Value Mask(int maskSize, string[] registers) => new(ElementType.Bool, null, registers, maskSize);
    }

    private int LanesPerRegister(ElementType laneType) => _bytesPerRegister / laneType.Size();

    private int RegisterCount(ElementType laneType) => Lanes / LanesPerRegister(laneType);

    private string VectorType(ElementType laneType) => $"{_v}<{laneType.Keyword()}>";

    private string NewName(string hint)
    {
        string name = hint;
        for (int suffix = 2; _names.Contains(name); suffix++)
        {
            name = hint + suffix.ToString(CultureInfo.InvariantCulture);
        }

        _names.Add(name);
        return name;
    }

    private string Temporary() => NewName("t" + (++_temporaries).ToString(CultureInfo.InvariantCulture));

    /// <summary>An expression's length as a reader counts it: the framework namespaces written out for safety do not count.</summary>
    // The qualifier does not count, so short and qualified names materialize the same values.
    private static int ReadLength(string code) => code.Length - CountOf(code, VectorNames.Qualifier) * VectorNames.Qualifier.Length;

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static bool IsIdentifier(string code) => code.Length > 0 && (char.IsLetter(code[0]) || code[0] == '_') && code.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static string Offset(int elements) => elements == 0 ? "" : ", " + elements.ToString(CultureInfo.InvariantCulture);

    /// <summary>Gives every register a name so the value can be used more than once.</summary>
    private Value Materialize(Value value, string? hint = null, bool force = false)
    {
        if (value.IsUniform || (!force && value.Registers!.All(IsIdentifier)))
        {
            return value;
        }

        string name = NewName(hint ?? "t" + (++_temporaries).ToString(CultureInfo.InvariantCulture));
        string[] registers = new string[value.Registers!.Length];
        for (int k = 0; k < registers.Length; k++)
        {
            registers[k] = $"{name}_{k}";
            _names.Add(registers[k]);
            Lines.Add($"var {registers[k]} = {value.Registers[k]};");
        }

        return value.Type == ElementType.Bool ? Value.Mask(value.MaskSize, registers) : Value.Varying(value.Type, registers);
    }

    /// <summary>Keeps generated lines short: long register expressions get a name.</summary>
    private Value Tidy(Value value) =>
        !value.IsUniform && value.Registers!.Any(code => ReadLength(code) > 110) ? Materialize(value) : value;

    private static Value Map(Value value, Func<string, string> register) =>
        value.Type == ElementType.Bool
            ? Value.Mask(value.MaskSize, value.Registers!.Select(register).ToArray())
            : Value.Varying(value.Type, value.Registers!.Select(register).ToArray());

    // ---- uniform values --------------------------------------------------------------------------------------

    /// <summary>Scalar C# for a uniform expression, in terms of kernel parameters and hoisted names.</summary>
    private string UniformCode(Expr expression) =>
        ScalarExpressionPrinter.Print(expression, node => node switch
        {
            LocalExpr local when _locals.TryGetValue(local.LocalId, out Value? value) && value.IsUniform => value.Scalar,
            ParameterExpr parameter => _body.Parameters[parameter.Index].Name,
            _ => null,
        });

    private readonly HashSet<string> _inStepNames = new(StringComparer.Ordinal);

    /// <summary>
    /// A uniform expression that may throw (an integer division, Math.Abs of a minimum value...) is computed
    /// where the kernel computes it, in scalar, so exceptions keep the kernel's order; so is anything using it.
    /// </summary>
    private bool NeedsInStep(Expr expression) =>
        ExprFacts.MayThrow(expression)
        || ExprFacts.Descendants(expression).OfType<LocalExpr>().Any(local => _locals.TryGetValue(local.LocalId, out Value? value) && value.InStep);

    private Value InStepUniform(Expr expression, string hint)
    {
        string code = InStepCode(expression);
        string name = NewName(hint);
        _inStepNames.Add(name);
        Lines.Add($"{expression.Type.Keyword()} {name} = unchecked({code});");
        return Value.UniformInStep(expression.Type, name);
    }

    /// <summary>Scalar C# computing a uniform expression where the kernel computes it (in the step).</summary>
    private string InStepCode(Expr expression) =>
        ScalarExpressionPrinter.Print(expression, node => node switch
        {
            LocalExpr local when _locals.TryGetValue(local.LocalId, out Value? value) && value.IsUniform =>
                value.InStep ? value.Scalar : StepScalar(value.Scalar!, local.Type, local.Name),
            ParameterExpr parameter => StepScalar(_body.Parameters[parameter.Index].Name, parameter.Type, parameter.Name),
            _ => null,
        });

    /// <summary>Computes a uniform scalar once before the loop; returns its name (or the literal itself).</summary>
    /// <remarks>
    /// A local keeps a variable even for a constant (<paramref name="asVariable"/>): substituting the literal would let
    /// the C# compiler fold a conversion such as (short)1E+10f at compile time, where the kernel converts at run time.
    /// </remarks>
    private string HoistScalar(string code, ElementType type, string hint, bool asVariable = false)
    {
        if (IsIdentifier(code) || (IsLiteral(code) && !asVariable))
        {
            return code;
        }

        if (_hoistedByCode.TryGetValue(code, out string? existing))
        {
            return existing;
        }

        // unchecked: C# folds constant operands at compile time in checked mode; the kernel's arithmetic wraps.
        string name = NewName(hint);
        Hoisted.Add(new HoistedValue(name, type.Keyword(), $"unchecked({code})"));
        _hoistedByCode[code] = name;
        return name;
    }

    /// <summary>Whether <paramref name="code"/> is a constant as <see cref="Parsing.ConstantLiteral"/> prints it.</summary>
    private static bool IsLiteral(string code)
    {
        string text = code;
        while (text.StartsWith("(", StringComparison.Ordinal) && text.EndsWith(")", StringComparison.Ordinal))
        {
            text = text.Substring(1, text.Length - 2);
        }

        // A cast to a small integer type: "(byte)5".
        int cast = text.IndexOf(')');
        if (text.StartsWith("(", StringComparison.Ordinal) && cast > 0)
        {
            text = text.Substring(cast + 1);
        }

        if (text.StartsWith("-", StringComparison.Ordinal))
        {
            text = text.Substring(1);
        }

        if (text is "true" or "false" or "double.NaN" or "double.PositiveInfinity" or "double.NegativeInfinity" or "float.NaN"
            or "float.PositiveInfinity" or "float.NegativeInfinity" or "int.MinValue" or "long.MinValue")
        {
            return true;
        }

        return text.Length > 0 && char.IsDigit(text[0]) && text.All(c => char.IsDigit(c) || c is '.' or 'E' or 'e' or '+' or '-' or 'd' or 'f' or 'L' or 'U');
    }

    /// <summary>A uniform scalar the step reads: passed in as a parameter unless it is a literal.</summary>
    private string StepScalar(string code, ElementType type, string hint)
    {
        if (_inStepNames.Contains(code))
        {
            return code;
        }

        string hoisted = HoistScalar(code, type, hint);
        if (IsLiteral(hoisted))
        {
            return hoisted;
        }

        if (!_stepScalars.ContainsKey(hoisted))
        {
            HoistedValue? existing = Hoisted.FirstOrDefault(h => h.Name == hoisted);
            if (existing is null)
            {
                // A kernel parameter: the step receives it under the same name.
                existing = new HoistedValue(hoisted, type.Keyword(), null!);
                Hoisted.Add(existing);
            }

            existing.PassToStep = true;
            _stepScalars[hoisted] = hoisted;
        }

        return hoisted;
    }

    /// <summary>A uniform value as a vector of <paramref name="laneType"/>: a constant inline, anything else broadcast once.</summary>
    private string Broadcast(Value value, ElementType laneType)
    {
        string code = value.Scalar!;
        if (value.InStep)
        {
            return value.Type == ElementType.Bool
                ? Materialize(Value.Mask(laneType.Size(), new[] { $"({code} ? {VectorType(laneType)}.AllBitsSet : {VectorType(laneType)}.Zero)" }), code + "Mask").Registers![0]
                : $"{_v}.Create({code})";
        }

        if (value.Type == ElementType.Bool)
        {
            string allSet = $"{VectorType(laneType)}.AllBitsSet", zero = $"{VectorType(laneType)}.Zero";
            if (code == "true") return allSet;
            if (code == "false") return zero;
            string condition = HoistScalar(code, ElementType.Bool, "condition");
            return BroadcastHoisted($"({condition} ? {allSet} : {zero})", laneType, condition + "Mask");
        }

        string scalar = HoistScalar(code, value.Type, "uniform");
        if (IsLiteral(scalar))
        {
            return $"{_v}.Create({scalar})";
        }

        return BroadcastHoisted($"{_v}.Create({scalar})", laneType, scalar + "Vector");
    }

    private string BroadcastHoisted(string initializer, ElementType laneType, string hint)
    {
        if (_hoistedByCode.TryGetValue(initializer, out string? existing))
        {
            return existing;
        }

        string name = NewName(hint.Replace("(", "").Replace(")", "").Replace(" ", ""));
        Hoisted.Add(new HoistedValue(name, VectorType(laneType), initializer) { PassToStep = true });
        _hoistedByCode[initializer] = name;
        return name;
    }

    /// <summary>The registers of a value as vectors of its type (a uniform is broadcast; a mask resized to <paramref name="maskSize"/>).</summary>
    private string[] Registers(Value value, int maskSize = 0)
    {
        if (value.Type == ElementType.Bool)
        {
            int size = maskSize != 0 ? maskSize : value.IsUniform ? MaskSizeDefault : value.MaskSize;
            if (value.IsUniform)
            {
                ElementType laneType = ElementTypeFacts.SignedIntegerOfSize(size);
                return Enumerable.Repeat(Broadcast(value, laneType), RegisterCount(laneType)).ToArray();
            }

            return ResizeMask(value, size).Registers!;
        }

        return value.IsUniform
            ? Enumerable.Repeat(Broadcast(value, value.Type), RegisterCount(value.Type)).ToArray()
            : value.Registers!;
    }

    /// <summary>The mask size for a bool that has none yet: the smallest lane type in the step.</summary>
    private int MaskSizeDefault => _smallestSize;

    // ---- expressions -----------------------------------------------------------------------------------------

    private Value Eval(Expr expression)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (_analysis.IsUniform(expression))
        {
            return EvalUniform(expression);
        }

        if (_analysis.PerLane(expression) is { } reason)
        {
            return PerLane(expression, reason);
        }

        if (ReuseCommon(expression, out string? commonKey) is { } reused)
        {
            return reused;
        }

        Value result = Compute(expression);
        return commonKey is not null ? RememberCommon(expression, commonKey, result) : Tidy(result);
    }

    /// <summary>The value of a varying expression, not computed before.</summary>
    private Value Compute(Expr expression)
    {
        return expression switch
        {
            ParameterExpr parameter => Load(parameter),
            LaneIndexExpr lane => LaneIndex(lane),
            LoadExpr load => LoadElements(load),
            LocalExpr local => InductionRead(local) ?? _locals[local.LocalId],
            UnaryExpr unary => Unary(unary),
            BinaryExpr binary => Binary(binary),
            ConversionExpr conversion => Convert(Eval(conversion.Operand), conversion.Type),
            ConditionalExpr conditional when _body.IsLoopBody && (ExprFacts.MayThrow(conditional.WhenTrue) || ExprFacts.MayThrow(conditional.WhenFalse)) => GuardedSelect(conditional),
            ConditionalExpr conditional => Select(Eval(conditional.Condition), Eval(conditional.WhenTrue), Eval(conditional.WhenFalse), conditional.Type),
            CallExpr call => Call(call),
            _ => throw new InvalidOperationException("Unexpected expression " + expression.GetType().Name),
        };
    }

    private Value EvalUniform(Expr expression)
    {
        if (expression is LocalExpr local && _locals.TryGetValue(local.LocalId, out Value? inStep) && inStep.InStep)
        {
            // A scalar local of the step (a loop-body counter): itself, not a copy.
            return inStep;
        }

        return NeedsInStep(expression) ? InStepUniform(expression, "uniform") : Value.Uniform(expression.Type, UniformCode(expression));
    }

    private Value Load(ParameterExpr parameter)
    {
        if (_loadedParameters.TryGetValue(parameter.Index, out Value? loaded))
        {
            return loaded;
        }

        string name = _body.Parameters[parameter.Index].Name;
        ElementType type = parameter.Type;
        ElementType laneType = type == ElementType.Bool ? ElementType.SByte : type;
        int perRegister = LanesPerRegister(laneType);
        var registers = new string[RegisterCount(laneType)];
        for (int k = 0; k < registers.Length; k++)
        {
            registers[k] = NewName($"{name}_{k}");
            string load = type == ElementType.Bool
                ? $"{_v}.AsSByte(~{_v}.Equals({_v}.LoadUnsafe(ref {Unsafe}.As<bool, byte>(ref {name}){Offset(k * perRegister)}), {_v}<byte>.Zero))"
                : $"{_v}.LoadUnsafe(ref {name}{Offset(k * perRegister)})";
            Lines.Add($"var {registers[k]} = {load};");
        }

        Value value = type == ElementType.Bool ? Value.Mask(1, registers) : Value.Varying(type, registers);
        _loadedParameters[parameter.Index] = value;
        return value;
    }

    private void Store(Value value, ElementType type)
    {
        ElementType laneType = type == ElementType.Bool ? ElementType.SByte : type;
        string[] registers = Registers(value, maskSize: 1);
        int perRegister = LanesPerRegister(laneType);
        Lines.Add($"// store {Lanes} results");
        for (int k = 0; k < registers.Length; k++)
        {
            Lines.Add(type == ElementType.Bool
                ? $"{_v}.StoreUnsafe({_v}.AsByte({registers[k]}) & {_v}<byte>.One, ref {Unsafe}.As<bool, byte>(ref {DestinationName}){Offset(k * perRegister)});"
                : $"{_v}.StoreUnsafe({registers[k]}, ref {DestinationName}{Offset(k * perRegister)});");
        }
    }

    private Value Unary(UnaryExpr unary)
    {
        Value operand = Eval(unary.Operand);
        string[] registers = Registers(operand);
        Value shaped = operand.Type == ElementType.Bool ? Value.Mask(operand.IsUniform ? MaskSizeDefault : operand.MaskSize, registers) : Value.Varying(operand.Type, registers);
        return unary.Op switch
        {
            UnaryOp.Plus => shaped,
            UnaryOp.Negate => Map(shaped, r => $"-{r}"),
            _ => Map(shaped, r => $"~{r}"),
        };
    }

    private Value Binary(BinaryExpr binary)
    {
        if (InductionComparison(binary) is { } uniform)
        {
            return uniform;
        }

        Value left = Eval(binary.Left);
        Value right = Eval(binary.Right);
        return Binary(binary, left, right);
    }

    /// <summary>The operation itself, its operands computed (apart so that the recursion's frames stay small).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private Value Binary(BinaryExpr binary, Value left, Value right)
    {
        ElementType operandType = binary.OperandType;

        if (binary.Op is BinaryOp.Divide or BinaryOp.Remainder && operandType.IsInteger())
        {
            return DivideByUniform(binary, left, right);
        }

        if (binary.Op is BinaryOp.LeftShift or BinaryOp.RightShift or BinaryOp.UnsignedRightShift)
        {
            // C# masks the shift count to the operand's width; the vector shifts get the masked count.
            int mask = operandType.Size() * 8 - 1;
            string count = right.Scalar!;
            string masked = int.TryParse(count.Trim('(', ')'), NumberStyles.Integer, CultureInfo.InvariantCulture, out int constant)
                ? (constant & mask).ToString(CultureInfo.InvariantCulture)
                : StepScalar($"({count} & {mask})", ElementType.Int32, "shift");
            string function = binary.Op switch
            {
                BinaryOp.LeftShift => "ShiftLeft",
                BinaryOp.RightShift when operandType.IsSignedInteger() => "ShiftRightArithmetic",
                _ => "ShiftRightLogical",
            };
            return Value.Varying(operandType, Registers(left).Select(r => $"{_v}.{function}({r}, {masked})").ToArray());
        }

        if (operandType == ElementType.Bool)
        {
            int size = !left.IsUniform ? left.MaskSize : right.IsUniform ? MaskSizeDefault : right.MaskSize;
            string[] a = Registers(left, size), b = Registers(right, size);
            string op = binary.Op switch
            {
                BinaryOp.And or BinaryOp.ConditionalAnd => "&",
                BinaryOp.Or or BinaryOp.ConditionalOr => "|",
                _ => "^",
            };
            string[] combined = a.Zip(b, (x, y) => $"({x} {op} {y})").ToArray();
            return Value.Mask(size, binary.Op == BinaryOp.Equals ? combined.Select(r => "~" + r).ToArray() : combined);
        }

        string[] l = Registers(left), r = Registers(right);
        if (KernelComparison(binary.Op) is { } comparison)
        {
            ElementType maskType = ElementTypeFacts.SignedIntegerOfSize(operandType.Size());
            string prefix = binary.Op == BinaryOp.NotEquals ? "~" : "";
            return Value.Mask(operandType.Size(), l.Zip(r, (x, y) => prefix + Reinterpret($"{_v}.{comparison}({x}, {y})", operandType, maskType)).ToArray());
        }

        string token = ScalarExpressionPrinter.BinaryToken(binary.Op);
        return Value.Varying(binary.Type, l.Zip(r, (x, y) => $"({x} {token} {y})").ToArray());
    }

    /// <summary>
    /// A 32-bit integer divided by a uniform divisor, without integer division: both convert to double exactly,
    /// and the double quotient of two integers below 2^32 never rounds across an integer, so truncating it gives
    /// C#'s quotient; the remainder is x - q * divisor. C#'s exceptions are checked first, for executing lanes.
    /// </summary>
    private Value DivideByUniform(BinaryExpr binary, Value dividend, Value divisor)
    {
        ElementType type = binary.OperandType;
        string divisorScalar = divisor.InStep ? divisor.Scalar! : StepScalar(divisor.Scalar!, type, "divisor");
        Value x = Materialize(Value.Varying(type, Registers(dividend)));
        string[]? executing = ExecutionMaskAs(type);
        string anyExecuting = _executing is null ? "" : $" && ({string.Join(" | ", _executing)}) != {MaskType}.Zero";
        Lines.Add($"// {binary.Source.Text}: divided through double (exact for 32-bit integers), C#'s exceptions first");
        Lines.Add($"if ({divisorScalar} == 0{anyExecuting}) {ThrowHelper}.ThrowDivideByZero();");
        if (type == ElementType.Int32)
        {
            string minimum = $"{_v}.Create(int.MinValue)";
            string test = string.Join(" | ", Enumerable.Range(0, x.Registers!.Length).Select(k => executing is null
                ? $"{_v}.Equals({x.Registers[k]}, {minimum})"
                : $"({_v}.Equals({x.Registers[k]}, {minimum}) & {executing[k]})"));
            Lines.Add($"if ({divisorScalar} == -1 && ({test}) != {_v}<int>.Zero) {ThrowHelper}.ThrowDivisionOverflow();");
        }

        Value asDouble = Convert(x, ElementType.Double);
        string divisorVector = $"{_v}.Create((double){divisorScalar})";
        Value quotient = Materialize(Convert(Map(Materialize(asDouble), r => $"({r} / {divisorVector})"), type));
        if (binary.Op == BinaryOp.Divide)
        {
            return quotient;
        }

        string divisorLanes = $"{_v}.Create({divisorScalar})";
        return Value.Varying(type, Enumerable.Range(0, x.Registers!.Length).Select(k => $"({x.Registers[k]} - {quotient.Registers![k]} * {divisorLanes})").ToArray());
    }

    private static string? KernelComparison(BinaryOp op) => op switch
    {
        BinaryOp.Equals or BinaryOp.NotEquals => "Equals",
        BinaryOp.LessThan => "LessThan",
        BinaryOp.LessThanOrEqual => "LessThanOrEqual",
        BinaryOp.GreaterThan => "GreaterThan",
        BinaryOp.GreaterThanOrEqual => "GreaterThanOrEqual",
        _ => null,
    };

    private Value Select(Value condition, Value whenTrue, Value whenFalse, ElementType type)
    {
        if (type == ElementType.Bool)
        {
            int size = !condition.IsUniform ? condition.MaskSize : !whenTrue.IsUniform ? whenTrue.MaskSize : !whenFalse.IsUniform ? whenFalse.MaskSize : MaskSizeDefault;
            string[] c = Registers(condition, size), t = Registers(whenTrue, size), f = Registers(whenFalse, size);
            return Value.Mask(size, Enumerable.Range(0, c.Length).Select(k => $"{_v}.ConditionalSelect({c[k]}, {t[k]}, {f[k]})").ToArray());
        }

        string[] mask = Registers(condition, type.Size());
        ElementType maskType = ElementTypeFacts.SignedIntegerOfSize(type.Size());
        string[] a = Registers(whenTrue), b = Registers(whenFalse);
        return Value.Varying(type, Enumerable.Range(0, a.Length).Select(k => $"{_v}.ConditionalSelect({Reinterpret(mask[k], maskType, type)}, {a[k]}, {b[k]})").ToArray());
    }

    private Value Call(CallExpr call)
    {
        Value[] arguments = call.Arguments.Select(Eval).ToArray();
        ElementType type = call.Arguments[0].Type;
        switch (call.Function)
        {
            case MathFunction.Abs when type.IsSignedInteger():
            {
                // Math.Abs throws for the minimum value; Vector.Abs would return it unchanged.
                Value operand = Materialize(Value.Varying(type, Registers(arguments[0])));
                string minimum = $"{_v}.Create({type.Keyword()}.MinValue)";
                string[]? active = ExecutionMaskAs(type);
                for (int k = 0; k < operand.Registers!.Length; k++)
                {
                    string register = operand.Registers[k];
                    Lines.Add(active is null
                        ? $"if ({_v}.EqualsAny({register}, {minimum})) {ThrowHelper}.ThrowAbsOverflow();"
                        : $"if (({_v}.Equals({register}, {minimum}) & {active[k]}) != {_v}<{type.Keyword()}>.Zero) {ThrowHelper}.ThrowAbsOverflow();");
                }

                return Map(operand, r => $"{_v}.Abs({r})");
            }

            case MathFunction.Clamp:
            {
                // Math.Clamp: throws when min > max; otherwise value < min ? min : value > max ? max : value
                // (exactly, including NaN and signed zeros: not Vector.Clamp, which is Min(Max(...))).
                string[] value = Registers(Materialize(Value.Varying(type, Registers(arguments[0]))));
                string[] minimum = Registers(Materialize(Value.Varying(type, Registers(arguments[1]))));
                string[] maximum = Registers(Materialize(Value.Varying(type, Registers(arguments[2]))));
                string[]? active = ExecutionMaskAs(type);
                foreach (string check in Enumerable.Range(0, value.Length).Select(k => active is null
                    ? $"if ({_v}.GreaterThanAny({minimum[k]}, {maximum[k]})) {ThrowHelper}.ThrowClampMinGreaterThanMax();"
                    : $"if (({_v}.GreaterThan({minimum[k]}, {maximum[k]}) & {active[k]}) != {_v}<{type.Keyword()}>.Zero) {ThrowHelper}.ThrowClampMinGreaterThanMax();").Distinct())
                {
                    Lines.Add(check);
                }

                return Value.Varying(type, Enumerable.Range(0, value.Length).Select(k =>
                    $"{_v}.ConditionalSelect({_v}.LessThan({value[k]}, {minimum[k]}), {minimum[k]}, {_v}.ConditionalSelect({_v}.GreaterThan({value[k]}, {maximum[k]}), {maximum[k]}, {value[k]}))").ToArray());
            }

            case MathFunction.IsNaN or MathFunction.IsInfinity or MathFunction.IsFinite or MathFunction.IsNegative:
            {
                ElementType maskType = ElementTypeFacts.SignedIntegerOfSize(type.Size());
                return Value.Mask(type.Size(), Registers(arguments[0]).Select(r => Reinterpret($"{_v}.{call.Function}({r})", type, maskType)).ToArray());
            }

            case MathFunction.ExpM1 or MathFunction.LogP1:
            {
                // As .NET defines double.ExpM1 and LogP1 (and float's): Exp(x) - 1 and Log(x + 1), not C's expm1/log1p.
                string one = $"{_v}<{type.Keyword()}>.One";
                return Value.Varying(call.Type, Registers(arguments[0]).Select(r => call.Function == MathFunction.ExpM1
                    ? $"global::SourceGen.VectorMath.Exp({r}) - {one}"
                    : $"global::SourceGen.VectorMath.Log({r} + {one})").ToArray());
            }

            default:
            {
                // The Math table's form: .NET's Vector128/256/512.Name, or SourceGen's own vector math (compiled
                // optimized on the first call and inlined, where .NET's Vector512.Exp and the others start as tier-0
                // code and compute float Exp in double).
                MathRow row = MathTable.Row(call.Function);
                string function = row.Simd == SimdForm.VectorMath ? $"global::SourceGen.VectorMath.{row.Name}" : $"{_v}.{row.Name}";
                string[][] registers = arguments.Select(a => Registers(a)).ToArray();
                return Value.Varying(call.Type, Enumerable.Range(0, registers[0].Length)
                    .Select(k => $"{function}({string.Join(", ", registers.Select(r => r[k]))})").ToArray());
            }
        }
    }

    // ---- conversions -----------------------------------------------------------------------------------------

    /// <summary>C# numeric conversion (unchecked; float to integer saturates, as .NET 9+ does).</summary>
    private Value Convert(Value value, ElementType target)
    {
        ElementType source = value.Type;
        if (source == target)
        {
            return value;
        }

        if (source.IsInteger() && target.IsInteger())
        {
            return IntegerToInteger(value, target);
        }

        if (source.IsInteger())
        {
            if (target == ElementType.Single)
            {
                // int and uint convert directly; smaller types are exact in int.
                if (source is ElementType.Int32 or ElementType.UInt32)
                {
                    return Value.Varying(target, value.Registers!.Select(r => $"{_v}.ConvertToSingle({r})").ToArray());
                }

                Value asInt = IntegerToInteger(value, source.IsUnsignedInteger() ? ElementType.UInt32 : ElementType.Int32);
                return Value.Varying(target, IntegerToInteger(asInt, ElementType.Int32).Registers!.Select(r => $"{_v}.ConvertToSingle({r})").ToArray());
            }

            // To double: through the 64-bit integer of the source's signedness (exact).
            Value wide = IntegerToInteger(value, source.IsUnsignedInteger() ? ElementType.UInt64 : ElementType.Int64);
            return Value.Varying(target, wide.Registers!.Select(r => $"{_v}.ConvertToDouble({r})").ToArray());
        }

        if (target.IsFloatingPoint())
        {
            return target == ElementType.Double ? Widen(value, ElementType.Double) : Narrow(value, ElementType.Single);
        }

        // Floating point to integer.
        if (source == ElementType.Single && target is ElementType.Int32 or ElementType.UInt32)
        {
            return Value.Varying(target, value.Registers!.Select(r => $"{_v}.ConvertTo{target.BclName()}({r})").ToArray());
        }

        if (source == ElementType.Single && target is ElementType.Int64 or ElementType.UInt64)
        {
            return Convert(Widen(value, ElementType.Double), target);
        }

        if (target is ElementType.Int64 or ElementType.UInt64)
        {
            return Value.Varying(target, value.Registers!.Select(r => $"{_v}.ConvertTo{target.BclName()}({r})").ToArray());
        }

        if (source == ElementType.Double && target == ElementType.UInt32)
        {
            // Saturate to uint's range in 64 bits, then narrow.
            Value wide = Value.Varying(ElementType.UInt64, value.Registers!.Select(r => $"{_v}.Min({_v}.ConvertToUInt64({r}), {_v}.Create((ulong)uint.MaxValue))").ToArray());
            return Narrow(wide, ElementType.UInt32);
        }

        Value asInt32;
        if (source == ElementType.Double)
        {
            // Saturate to int's range in 64 bits, then narrow: (int)d as .NET 9+ computes it.
            Value wide = Value.Varying(ElementType.Int64, value.Registers!.Select(r =>
                $"{_v}.Min({_v}.Max({_v}.ConvertToInt64({r}), {_v}.Create((long)int.MinValue)), {_v}.Create((long)int.MaxValue))").ToArray());
            asInt32 = Narrow(wide, ElementType.Int32);
        }
        else
        {
            asInt32 = Value.Varying(ElementType.Int32, value.Registers!.Select(r => $"{_v}.ConvertToInt32({r})").ToArray());
        }

        // (sbyte/byte/short/ushort)f is (T)(int)f in C#: truncate the saturated int.
        return IntegerToInteger(asInt32, target);
    }

    private Value IntegerToInteger(Value value, ElementType target)
    {
        Value current = value;
        while (current.Type.Size() < target.Size())
        {
            current = Widen(current, current.Type.WidenedInteger());
        }

        while (current.Type.Size() > target.Size())
        {
            current = Narrow(current, current.Type.NarrowedInteger());
        }

        return current.Type == target
            ? current
            : Value.Varying(target, current.Registers!.Select(r => Reinterpret(r, current.Type, target)).ToArray());
    }

    /// <summary>Each register becomes two of the twice-as-wide type (sign- or zero-extended, or float to double).</summary>
    private Value Widen(Value value, ElementType target)
    {
        Value named = Materialize(value);
        var registers = new List<string>();
        foreach (string register in named.Registers!)
        {
            registers.Add($"{_v}.WidenLower({register})");
            registers.Add($"{_v}.WidenUpper({register})");
        }

        return Value.Varying(target, registers.ToArray());
    }

    /// <summary>Each pair of registers becomes one of the half-as-wide type (integers truncate, double rounds to float).</summary>
    private Value Narrow(Value value, ElementType target)
    {
        string[] source = (value.Registers!.Any(code => ReadLength(code) > 60) ? Materialize(value) : value).Registers!;
        if (source.Length % 2 != 0)
        {
            // A value narrower than the step's smallest lane type cannot exist; the emitter falls back to scalar.
            throw new InvalidOperationException($"cannot narrow {source.Length} register(s) of {value.Type} to {target}");
        }

        var registers = new string[source.Length / 2];
        for (int k = 0; k < registers.Length; k++)
        {
            registers[k] = $"{_v}.Narrow({source[2 * k]}, {source[2 * k + 1]})";
        }

        return Value.Varying(target, registers);
    }

    /// <summary>Reinterprets the bits of a register as another lane type of the same size.</summary>
    private string Reinterpret(string register, ElementType from, ElementType to) =>
        from == to ? register : $"{_v}.As{to.BclName()}({register})";

    private Value ResizeMask(Value mask, int size)
    {
        Value current = mask;
        while (current.MaskSize < size)
        {
            Value wide = Widen(Value.Varying(current.LaneType, current.Registers!), current.LaneType.WidenedInteger());
            current = Value.Mask(current.MaskSize * 2, wide.Registers!);
        }

        while (current.MaskSize > size)
        {
            Value narrow = Narrow(Value.Varying(current.LaneType, current.Registers!), current.LaneType.NarrowedInteger());
            current = Value.Mask(current.MaskSize / 2, narrow.Registers!);
        }

        return current;
    }

    // ---- per-lane fallback ---------------------------------------------------------------------------------

    private readonly List<string> _stackBuffers = new();

    /// <summary>
    /// Lane buffers are allocated once, at the top of the step: a stackalloc inside a masked loop would grow
    /// the stack on every iteration.
    /// </summary>
    private void DeclareStackBuffer(string elementType, string name) =>
        _stackBuffers.Add($"global::System.Span<{elementType}> {name} = stackalloc {elementType}[{Lanes}];");

    /// <summary>
    /// Computes <paramref name="root"/> one lane at a time with scalar C#: operands are spilled to stack
    /// buffers, the kernel's expression runs per lane, and the results are loaded back into registers.
    /// </summary>
    private Value PerLane(Expr root, PerLaneReason reason)
    {
        HasPerLaneCode = true;
        bool wholeSubtree = root is ConditionalExpr or BinaryExpr { Op: BinaryOp.ConditionalAnd or BinaryOp.ConditionalOr };
        var operands = new HashSet<Expr>(ExprFacts.Operands(root), ExprReferenceComparer.Instance);
        var spilled = new Dictionary<Value, string>();

        string LaneOf(Expr node)
        {
            Value value = Eval(node);
            if (!spilled.TryGetValue(value, out string? access))
            {
                // A bool spills as a mask of the smallest lane type here (bytes only exist when some value is a byte).
                ElementType laneType = value.Type == ElementType.Bool ? MaskLane : value.Type;
                string[] registers = Registers(value, maskSize: _smallestSize);
                string buffer = NewName(node switch
                {
                    ParameterExpr parameter => _body.Parameters[parameter.Index].Name + "Lanes",
                    LocalExpr local => local.Name + "Lanes",
                    _ => "operandLanes",
                });
                DeclareStackBuffer(laneType.Keyword(), buffer);
                int perRegister = LanesPerRegister(laneType);
                for (int k = 0; k < registers.Length; k++)
                {
                    Lines.Add($"{_v}.CopyTo({registers[k]}, {buffer}{(k == 0 ? "" : $".Slice({k * perRegister})")});");
                }

                access = value.Type == ElementType.Bool ? $"({buffer}[lane] != 0)" : $"{buffer}[lane]";
                spilled[value] = access;
            }

            return access;
        }

        Lines.Add($"// per lane: {reason.Construct} ({reason.Why})");
        string scalar = ScalarExpressionPrinter.Print(root, node =>
        {
            if (ReferenceEquals(node, root))
            {
                return null;
            }

            if (wholeSubtree && node is LaneIndexExpr lane)
            {
                // The row loop's counter inside a lazy ?: printed as the kernel's code: lane k's iteration is x + k
                // (printed bare, every lane would read and compute element x).
                return $"unchecked({lane.Name} + lane)";
            }

            if (wholeSubtree && ExprFacts.MayThrow(node))
            {
                // Inside a lazy ?: or && / ||: computed where C# computes it, per lane, even if uniform (a uniform
                // 'v % 0' in the branch not taken must not throw).
                return null;
            }

            if (_analysis.IsUniform(node))
            {
                return NeedsInStep(node) ? InStepUniform(node, "uniform").Scalar : StepScalar(UniformCode(node), node.Type, "uniform");
            }

            if (wholeSubtree ? node is ParameterExpr or LocalExpr : operands.Contains(node))
            {
                return LaneOf(node);
            }

            return null;
        });

        // Under control flow only the lanes executing this code may run it (they alone may fault).
        string? guard = null;
        if (ExecutionMask() is { } executing)
        {
            string[] masks = Registers(executing, maskSize: _smallestSize);
            string buffer = NewName("executingLanes");
            DeclareStackBuffer(MaskLane.Keyword(), buffer);
            for (int k = 0; k < masks.Length; k++)
            {
                Lines.Add($"{_v}.CopyTo({masks[k]}, {buffer}{(k == 0 ? "" : $".Slice({k * LanesPerRegister(MaskLane)})")});");
            }

            guard = $"{buffer}[lane] != 0";
        }

        if (_readGuards.Count > 0)
        {
            SpillReadGuards();

            // In a guarded ?: branch of a vectorized loop: only the lanes that take the branch evaluate it.
            guard = guard is null ? ReadGuardTest() : $"{ReadGuardTest()} && {guard}";
        }

        ElementType resultLane = root.Type == ElementType.Bool ? MaskLane : root.Type;
        string results = NewName("resultLanes");
        DeclareStackBuffer(resultLane.Keyword(), results);
        Lines.Add($"for (int lane = 0; lane < {Lanes}; lane++)");
        Lines.Add("{");
        if (guard is not null)
        {
            Lines.Add($"    if ({guard})");
        }

        string indent = guard is null ? "    " : "        ";
        scalar = $"unchecked({scalar})";
        Lines.Add(root.Type == ElementType.Bool
            ? $"{indent}{results}[lane] = {scalar} ? ({resultLane.Keyword()})-1 : ({resultLane.Keyword()})0;"
            : $"{indent}{results}[lane] = {scalar};");
        Lines.Add("}");

        int lanesPerRegister = LanesPerRegister(resultLane);
        string[] loaded = Enumerable.Range(0, RegisterCount(resultLane))
            .Select(k => $"{_v}.Create<{resultLane.Keyword()}>({results}{(k == 0 ? "" : $".Slice({k * lanesPerRegister})")})")
            .ToArray();
        Value value = root.Type == ElementType.Bool ? Value.Mask(_smallestSize, loaded) : Value.Varying(root.Type, loaded);
        return Materialize(value);
    }
}
