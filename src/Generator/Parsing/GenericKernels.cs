using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// Generic-math kernels (<c>static T Rel&lt;T&gt;(T x, T y) where T : IFloatingPointIeee754&lt;T&gt;</c>): each entry point
/// gets the kernel as if it had been written for its element type.
/// <para>
/// The type arguments are inferred from the entry point's parameter types (a span's element type against <c>T</c>), checked
/// against the kernel's constraints, and the kernel is then rewritten for them in a copy of its file — <c>T</c> becomes
/// the keyword (<c>T.Sqrt</c> is <c>double.Sqrt</c>, which the Math table knows), <c>T.Zero</c>/<c>T.One</c> literals,
/// <c>T.CreateTruncating(v)</c> a cast where the two agree, the type parameters and constraints blanks — in a
/// compilation where that file replaces the original. Every parser then reads a concrete kernel, so the generated code is
/// the code of the hand-written kernel of that type, by construction, whatever the form.
/// </para>
/// <para>
/// The copy keeps every line where it was (only text within lines changes), so kernel lines, comments and generated
/// positions are the original's; diagnostics found in the copy are mapped back to the original file before they are
/// reported, so the parse reads no file but the ones <see cref="ParseReuse"/> already tracks.
/// </para>
/// </summary>
internal static class GenericKernels
{
    /// <summary>An entry point of a generic kernel, in the compilation where its kernel is concrete.</summary>
    internal sealed class Specialization
    {
        public Specialization(IMethodSymbol entry, AttributeData attribute, Compilation compilation, DiagnosticSink? report, string call, string cref, MethodDeclarationSyntax? kernel, Func<Location, Location> toOriginal)
        {
            Kernel = kernel;
            ToOriginal = toOriginal;
            Entry = entry;
            Attribute = attribute;
            Compilation = compilation;
            Report = report;
            Call = call;
            Cref = cref;
        }

        /// <summary>The rewritten kernel's declaration, in <see cref="Compilation"/>.</summary>
        public MethodDeclarationSyntax? Kernel { get; }

        /// <summary>A location in the rewritten file, in the original one.</summary>
        public Func<Location, Location> ToOriginal { get; }

        /// <summary>The entry point, in <see cref="Compilation"/>.</summary>
        public IMethodSymbol Entry { get; }

        public AttributeData Attribute { get; }

        /// <summary>The user's compilation with the kernel's file rewritten for the type arguments.</summary>
        public Compilation Compilation { get; }

        /// <summary>Reports to the caller's sink at the original file's positions.</summary>
        public DiagnosticSink? Report { get; }

        /// <summary>How generated code calls the user's kernel: <c>Rel&lt;double&gt;</c>.</summary>
        public string Call { get; }

        /// <summary>The kernel as a doc-comment reference: <c>Rel{T}(T, T)</c>.</summary>
        public string Cref { get; }
    }

    /// <summary>
    /// The entry point in a compilation where its (generic) kernel is written for the inferred types; null when the kernel
    /// is not generic (<paramref name="failed"/> false: parse as usual) or when it cannot be (<paramref name="failed"/>
    /// true, after an SG0003 that names the reason).
    /// </summary>
    public static Specialization? Specialize(IMethodSymbol entry, AttributeData attribute, EntryForm form, Compilation compilation, DiagnosticSink? report, CancellationToken cancellationToken, out bool failed)
    {
        failed = false;
        string kernelName = EntryPointParser.KernelNameArgument(attribute, form) ?? entry.Name;
        List<IMethodSymbol> candidates = EntryPointParser.KernelCandidates(entry, kernelName, cancellationToken);
        int arity = form == EntryForm.Vectorize ? entry.Parameters.Length - 1 : entry.Parameters.Length;
        List<IMethodSymbol> generic = candidates.Where(m => m.IsGenericMethod && m.Parameters.Length == arity).ToList();
        // A concrete overload of the right arity is the kernel as usual (its own checks say whether it fits).
        if (generic.Count == 0 || candidates.Any(m => !m.IsGenericMethod && m.Parameters.Length == arity) || entry.IsGenericMethod)
        {
            return null;
        }

        Location location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? entry.Locations.FirstOrDefault() ?? Location.None;
        if (form == EntryForm.Vectorize && EntryPointParser.TargetOf(attribute, form) == KernelTarget.Gpu)
        {
            // [Vectorize]'s Target.Gpu runs the kernel method itself on the device, and ILGPU cannot compile generic-math
            // calls (T.CreateTruncating, T.Sqrt through the interface): refuse here rather than fail at run time.
            failed = true;
            report?.Invoke(DiagnosticDescriptors.NotSupportedYet, location, "[Vectorize] with Target.Gpu and a generic kernel",
                "write the kernel for its element type, or use Target.Cpu or Target.Parallel");
            return null;
        }

        string? firstReason = null;
        foreach (IMethodSymbol kernel in generic)
        {
            string? reason = Infer(entry, kernel, form, out ITypeSymbol[] arguments);
            if (reason is null)
            {
                reason = CheckConstraints(kernel, arguments);
            }

            if (reason is not null)
            {
                firstReason ??= reason;
                continue;
            }

            Specialization? specialization = Rewrite(entry, attribute, form, kernel, arguments, compilation, report, cancellationToken);
            if (specialization is not null)
            {
                return specialization;
            }

            firstReason ??= "the kernel could not be rewritten for its type arguments";
        }

        failed = true;
        report?.Invoke(DiagnosticDescriptors.EntryPointMismatch, location, entry.Name, EntryPointParser.Signature(generic[0]), firstReason);
        return null;
    }

    /// <summary>The type arguments of <paramref name="kernel"/> that make it fit <paramref name="entry"/>, or why there are none.</summary>
    internal static string? Infer(IMethodSymbol entry, IMethodSymbol kernel, EntryForm form, out ITypeSymbol[] arguments)
    {
        arguments = new ITypeSymbol[kernel.TypeParameters.Length];
        var from = new string[kernel.TypeParameters.Length];
        var pairs = new List<(ITypeSymbol Kernel, ITypeSymbol Entry, string Where)>();
        for (int i = 0; i < kernel.Parameters.Length && i < entry.Parameters.Length; i++)
        {
            pairs.Add((kernel.Parameters[i].Type, entry.Parameters[i].Type, $"parameter '{entry.Parameters[i].Name}'"));
        }

        if (form == EntryForm.Vectorize && entry.Parameters.Length > 0)
        {
            pairs.Add((kernel.ReturnType, entry.Parameters[entry.Parameters.Length - 1].Type, $"parameter '{entry.Parameters[entry.Parameters.Length - 1].Name}'"));
        }
        else if (form == EntryForm.Parallel)
        {
            pairs.Add((kernel.ReturnType, entry.ReturnType, "the return type"));
        }

        foreach ((ITypeSymbol kernelType, ITypeSymbol entryType, string where) in pairs)
        {
            var bound = new List<(ITypeParameterSymbol Parameter, ITypeSymbol Type)>();
            Bind(kernel, kernelType, entryType, bound);
            foreach ((ITypeParameterSymbol parameter, ITypeSymbol type) in bound)
            {
                int ordinal = parameter.Ordinal;
                if (arguments[ordinal] is null)
                {
                    arguments[ordinal] = type;
                    from[ordinal] = where;
                }
                else if (!SymbolEqualityComparer.Default.Equals(arguments[ordinal], type))
                {
                    return $"its type parameter '{parameter.Name}' would be '{arguments[ordinal].ToDisplayString()}' (from {from[ordinal]}) and '{type.ToDisplayString()}' (from {where}); one entry point has one element type per type parameter";
                }
            }
        }

        for (int i = 0; i < arguments.Length; i++)
        {
            ITypeParameterSymbol parameter = kernel.TypeParameters[i];
            if (arguments[i] is null)
            {
                return $"its type parameter '{parameter.Name}' cannot be inferred from the entry point's parameters (it is no parameter's or the result's element type)";
            }

            if (!ElementTypeFacts.TryFromSpecialType(arguments[i].SpecialType, out _) || arguments[i].SpecialType == SpecialType.System_Boolean)
            {
                return $"its type parameter '{parameter.Name}' would be '{arguments[i].ToDisplayString()}' (from {from[i]}), which is not a numeric element type (double, float, or an integer type)";
            }
        }

        return null;
    }

    /// <summary>Binds the kernel's type parameters in <paramref name="kernelType"/> to the element types in the same places of <paramref name="entryType"/>.</summary>
    private static void Bind(IMethodSymbol kernel, ITypeSymbol kernelType, ITypeSymbol entryType, List<(ITypeParameterSymbol, ITypeSymbol)> bound)
    {
        switch (kernelType)
        {
            case ITypeParameterSymbol parameter when SymbolEqualityComparer.Default.Equals(parameter.DeclaringMethod?.OriginalDefinition, kernel.OriginalDefinition):
                // T against a span, an array or a value: the innermost element type ([Vectorize] and [GuVectorize] entry
                // points take spans and arrays where the kernel takes one element).
                bound.Add((parameter, Innermost(entryType)));
                return;
            case IArrayTypeSymbol array:
                Bind(kernel, array.ElementType, entryType is IArrayTypeSymbol other && other.Rank == array.Rank ? other.ElementType : Innermost(entryType), bound);
                return;
            case INamedTypeSymbol { IsGenericType: true } named:
                if (entryType is INamedTypeSymbol { IsGenericType: true } same && SymbolEqualityComparer.Default.Equals(same.OriginalDefinition, named.OriginalDefinition))
                {
                    for (int i = 0; i < named.TypeArguments.Length; i++)
                    {
                        Bind(kernel, named.TypeArguments[i], same.TypeArguments[i], bound);
                    }
                }
                else if (named.TypeArguments.Length == 1)
                {
                    // ReadOnlySpan<T> in a [GuVectorize] kernel against T[,] or a tensor view in its entry point.
                    Bind(kernel, named.TypeArguments[0], Innermost(entryType), bound);
                }

                return;
        }
    }

    /// <summary>The element type inside arrays and one-argument generic structs (spans, tensor spans).</summary>
    private static ITypeSymbol Innermost(ITypeSymbol type)
    {
        while (true)
        {
            if (type is IArrayTypeSymbol array)
            {
                type = array.ElementType;
            }
            else if (type is INamedTypeSymbol { IsGenericType: true, IsValueType: true, TypeArguments.Length: 1 } named && named.SpecialType == SpecialType.None
                     && named.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T)
            {
                type = named.TypeArguments[0];
            }
            else
            {
                return type;
            }
        }
    }

    /// <summary>Null when the type arguments satisfy the kernel's constraints; otherwise which constraint they do not.</summary>
    internal static string? CheckConstraints(IMethodSymbol kernel, ITypeSymbol[] arguments)
    {
        for (int i = 0; i < kernel.TypeParameters.Length; i++)
        {
            ITypeParameterSymbol parameter = kernel.TypeParameters[i];
            ITypeSymbol argument = arguments[i];
            if (parameter.HasReferenceTypeConstraint)
            {
                return $"its type parameter '{parameter.Name}' has the constraint 'class', which the element type '{argument.ToDisplayString()}' does not satisfy; a kernel's element types are numbers (e.g. 'where {parameter.Name} : INumber<{parameter.Name}>')";
            }

            foreach (ITypeSymbol constraint in parameter.ConstraintTypes)
            {
                ITypeSymbol concrete = Substitute(constraint, kernel, arguments);
                bool satisfied = SymbolEqualityComparer.Default.Equals(concrete, argument)
                    || argument.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, concrete))
                    || (concrete.SpecialType is SpecialType.System_ValueType or SpecialType.System_Object);
                if (!satisfied)
                {
                    return $"its type parameter '{parameter.Name}' is '{argument.ToDisplayString()}' here, which does not satisfy the constraint '{constraint.ToDisplayString()}'";
                }
            }
        }

        return null;
    }

    private static ITypeSymbol Substitute(ITypeSymbol type, IMethodSymbol kernel, ITypeSymbol[] arguments) => type switch
    {
        ITypeParameterSymbol parameter when SymbolEqualityComparer.Default.Equals(parameter.DeclaringMethod?.OriginalDefinition, kernel.OriginalDefinition) => arguments[parameter.Ordinal],
        INamedTypeSymbol { IsGenericType: true } named => named.OriginalDefinition.Construct(named.TypeArguments.Select(t => Substitute(t, kernel, arguments)).ToArray()),
        _ => type,
    };

    /// <summary>The static members of the generic-math interfaces that the element types implement explicitly: their values.</summary>
    private static object? IdentityValue(string member) => member switch
    {
        "Zero" or "AdditiveIdentity" => 0,
        "One" or "MultiplicativeIdentity" => 1,
        "NegativeOne" => -1,
        _ => null,
    };

    private static Specialization? Rewrite(IMethodSymbol entry, AttributeData attribute, EntryForm form, IMethodSymbol kernel, ITypeSymbol[] arguments, Compilation compilation, DiagnosticSink? report, CancellationToken cancellationToken)
    {
        MethodDeclarationSyntax? declaration = EntryPointParser.Declaration(kernel, cancellationToken);
        if (declaration is null)
        {
            return null;
        }

        SyntaxTree tree = declaration.SyntaxTree;
        SemanticModel model = compilation.GetSemanticModel(tree);
        var edits = new List<TextChange>();

        // The type parameters and constraints become blanks of the same shape: every line stays where it was.
        if (declaration.TypeParameterList is { } typeParameters)
        {
            edits.Add(Blank(tree, typeParameters.Span, cancellationToken));
        }

        foreach (TypeParameterConstraintClauseSyntax clause in declaration.ConstraintClauses)
        {
            edits.Add(Blank(tree, clause.Span, cancellationToken));
        }

        ITypeSymbol? TypeArgumentOf(ExpressionSyntax expression) =>
            expression is IdentifierNameSyntax && model.GetSymbolInfo(expression, cancellationToken).Symbol is ITypeParameterSymbol parameter
            && SymbolEqualityComparer.Default.Equals(parameter.DeclaringMethod?.OriginalDefinition, kernel.OriginalDefinition)
                ? arguments[parameter.Ordinal]
                : null;

        var consumed = new HashSet<SyntaxNode>();
        SyntaxNode body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody!;
        var scanned = new List<SyntaxNode> { declaration.ReturnType, declaration.ParameterList, body };
        foreach (SyntaxNode node in scanned.SelectMany(n => n.DescendantNodesAndSelf()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (consumed.Contains(node))
            {
                continue;
            }

            switch (node)
            {
                // T.CreateTruncating(v), T.CreateChecked(v), T.CreateSaturating(v): a cast where C#'s conversion gives the same value.
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CreateTruncating" or "CreateChecked" or "CreateSaturating" } access, ArgumentList.Arguments: { Count: 1 } args }
                    when args[0].RefKindKeyword.IsKind(SyntaxKind.None) && args[0].NameColon is null
                    && (TypeArgumentOf(access.Expression) ?? (access.Expression is PredefinedTypeSyntax ? model.GetTypeInfo(access.Expression, cancellationToken).Type : null)) is { } target
                    && SourceOf(model.GetTypeInfo(args[0].Expression, cancellationToken).Type, kernel, arguments) is { } source
                    && CreateIsCast(access.Name.Identifier.ValueText, source, target, model.GetConstantValue(args[0].Expression, cancellationToken)):
                    edits.Add(new TextChange(TextSpan.FromBounds(node.SpanStart, args[0].Expression.SpanStart), $"(({Keyword(target)})("));
                    edits.Add(new TextChange(TextSpan.FromBounds(args[0].Expression.Span.End, node.Span.End), "))"));
                    consumed.Add(access.Expression);
                    break;

                // T.Sqrt(x), T.Max(x, y), …: Math's or MathF's function where it has one for the type (the same function:
                // double.Sqrt is Math.Sqrt), so every form reads the kernel as written with Math (a GPU's device functions too).
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation
                    when TypeArgumentOf(access.Expression) is { } type && MathClassFor(compilation, model, invocation.SpanStart, type, access.Name.Identifier.ValueText, invocation.ArgumentList.Arguments.Count) is { } math:
                    edits.Add(new TextChange(access.Expression.Span, math));
                    consumed.Add(access.Expression);
                    break;

                // T.Zero, T.One, …: explicit interface members on the element types; their values as literals.
                case MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } access
                    when IdentityValue(access.Name.Identifier.ValueText) is { } value && TypeArgumentOf(access.Expression) is { } type
                    && ElementTypeFacts.TryFromSpecialType(type.SpecialType, out ElementType element)
                    && !(value is -1 && element.IsUnsignedInteger()):
                    string literal = ConstantLiteral.Format(value, element);
                    edits.Add(new TextChange(access.Span, literal.StartsWith("(", StringComparison.Ordinal) || literal.StartsWith("-", StringComparison.Ordinal) ? "(" + literal + ")" : literal));
                    consumed.Add(access.Expression);
                    break;

                case IdentifierNameSyntax identifier when TypeArgumentOf(identifier) is { } type:
                    edits.Add(new TextChange(identifier.Span, Keyword(type)));
                    break;
            }
        }

        edits.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        SourceText text = tree.GetText(cancellationToken);
        SyntaxTree specialized = tree.WithChangedText(text.WithChanges(edits));
        Compilation rewritten = compilation.ReplaceSyntaxTree(tree, specialized);
        var map = new PositionMap(edits);

        // The entry point in the new compilation: at its mapped position when it is in the kernel's file.
        SyntaxReference? reference = entry.DeclaringSyntaxReferences.FirstOrDefault(r => r.GetSyntax(cancellationToken) is MethodDeclarationSyntax);
        if (reference is null)
        {
            return null;
        }

        bool sameFile = reference.SyntaxTree == tree;
        SyntaxTree entryTree = sameFile ? specialized : reference.SyntaxTree;
        int position = sameFile ? map.ToNew(reference.Span.Start) : reference.Span.Start;
        MethodDeclarationSyntax? entryDeclaration = entryTree.GetRoot(cancellationToken).FindToken(position).Parent?.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault();
        if (entryDeclaration is null || rewritten.GetSemanticModel(entryTree).GetDeclaredSymbol(entryDeclaration, cancellationToken) is not IMethodSymbol newEntry)
        {
            return null;
        }

        int attributeIndex = entry.GetAttributes().Where(a => EntryPointParser.FormOf(a) is not null).ToList().IndexOf(attribute);
        AttributeData? newAttribute = newEntry.GetAttributes().Where(a => EntryPointParser.FormOf(a) is not null).ElementAtOrDefault(attributeIndex);
        if (newAttribute is null || EntryPointParser.FormOf(newAttribute) != form)
        {
            return null;
        }

        Location ToOriginal(Location at) => at.SourceTree == specialized ? Location.Create(tree, map.ToOld(at.SourceSpan)) : at;
        DiagnosticSink? mapped = report is null ? null : (descriptor, at, args) => report(descriptor, ToOriginal(at), args);
        MethodDeclarationSyntax? kernelDeclaration = specialized.GetRoot(cancellationToken).FindToken(map.ToNew(declaration.Identifier.SpanStart)).Parent?.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault();
        string call = CSharpName.Escape(kernel.Name) + "<" + string.Join(", ", arguments.Select(Keyword)) + ">";
        string cref = CSharpName.Escape(kernel.Name) + "{" + string.Join(", ", kernel.TypeParameters.Select(t => t.Name)) + "}("
            + string.Join(", ", kernel.Parameters.Select(p => (p.RefKind == RefKind.None ? "" : p.RefKind == RefKind.In ? "in " : p.RefKind.ToString().ToLowerInvariant() + " ")
                + p.Type.ToDisplayString(CrefFormat).Replace('<', '{').Replace('>', '}'))) + ")";
        return new Specialization(newEntry, newAttribute, rewritten, mapped, call, cref, kernelDeclaration, ToOriginal);
    }

    private static readonly SymbolDisplayFormat CrefFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>
    /// <c>MathF</c> (for float) or <c>Math</c> when it declares <paramref name="name"/> with <paramref name="arity"/>
    /// parameters of <paramref name="type"/> returning <paramref name="type"/> (or int, for Sign) and the Math table knows it;
    /// the name as written at <paramref name="position"/> (<c>Math</c> where that binds to System.Math), else null.
    /// </summary>
    private static string? MathClassFor(Compilation compilation, SemanticModel model, int position, ITypeSymbol type, string name, int arity)
    {
        foreach (string candidate in type.SpecialType == SpecialType.System_Single ? new[] { "MathF", "Math" } : new[] { "Math" })
        {
            if (MathTable.Recognize("System." + candidate, name, arity) is null
                || compilation.GetTypeByMetadataName("System." + candidate) is not { } math
                || !math.GetMembers(name).OfType<IMethodSymbol>().Any(m => m.IsStatic && !m.IsGenericMethod && m.Parameters.Length == arity
                    && m.Parameters.All(p => SymbolEqualityComparer.Default.Equals(p.Type, type) && p.RefKind == RefKind.None)
                    && (SymbolEqualityComparer.Default.Equals(m.ReturnType, type) || name == "Sign")))
            {
                continue;
            }

            bool bindsHere = model.LookupNamespacesAndTypes(position, name: candidate).Any(symbol => SymbolEqualityComparer.Default.Equals(symbol, math));
            return bindsHere ? candidate : "global::System." + candidate;
        }

        return null;
    }

    /// <summary>The type of a conversion's source as the concrete kernel sees it.</summary>
    private static ITypeSymbol? SourceOf(ITypeSymbol? type, IMethodSymbol kernel, ITypeSymbol[] arguments) =>
        type is null ? null : Substitute(type, kernel, arguments);

    /// <summary>
    /// Whether <c>target.Create…(value)</c> is C#'s unchecked cast <c>(target)value</c>: always into double and float
    /// (no overflow, the same rounding); into an integer type from an integer type when truncating (both wrap), or when
    /// the value always fits (a widening, or a constant in range); never otherwise (the call stays, per lane).
    /// </summary>
    private static bool CreateIsCast(string method, ITypeSymbol source, ITypeSymbol target, Optional<object?> constant)
    {
        if (!ElementTypeFacts.TryFromSpecialType(source.SpecialType, out ElementType from) || !ElementTypeFacts.TryFromSpecialType(target.SpecialType, out ElementType to)
            || from == ElementType.Bool || to == ElementType.Bool)
        {
            return false;
        }

        if (to.IsFloatingPoint() || from == to)
        {
            return true;
        }

        if (from.IsFloatingPoint())
        {
            return false;
        }

        if (method == "CreateTruncating")
        {
            return true;
        }

        if (constant.HasValue && constant.Value is not null)
        {
            try
            {
                decimal value = System.Convert.ToDecimal(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
                return value >= Min(to) && value <= Max(to);
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        bool fits = from.IsUnsignedInteger() && to.IsSignedInteger() ? to.Size() > from.Size()
            : from.IsSignedInteger() && to.IsUnsignedInteger() ? false
            : to.Size() >= from.Size();
        return fits;
    }

    private static decimal Min(ElementType type) => type switch
    {
        ElementType.SByte => sbyte.MinValue,
        ElementType.Int16 => short.MinValue,
        ElementType.Int32 => int.MinValue,
        ElementType.Int64 => long.MinValue,
        _ => 0,
    };

    private static decimal Max(ElementType type) => type switch
    {
        ElementType.SByte => sbyte.MaxValue,
        ElementType.Byte => byte.MaxValue,
        ElementType.Int16 => short.MaxValue,
        ElementType.UInt16 => ushort.MaxValue,
        ElementType.Int32 => int.MaxValue,
        ElementType.UInt32 => uint.MaxValue,
        ElementType.Int64 => long.MaxValue,
        _ => ulong.MaxValue,
    };

    private static string Keyword(ITypeSymbol type) =>
        ElementTypeFacts.TryFromSpecialType(type.SpecialType, out ElementType element) ? element.Keyword() : type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary>Spaces in place of <paramref name="span"/>'s text, its line breaks kept.</summary>
    private static TextChange Blank(SyntaxTree tree, TextSpan span, CancellationToken cancellationToken)
    {
        string original = tree.GetText(cancellationToken).ToString(span);
        var blank = new System.Text.StringBuilder(original.Length);
        foreach (char c in original)
        {
            blank.Append(c is '\r' or '\n' ? c : ' ');
        }

        return new TextChange(span, blank.ToString());
    }

    /// <summary>Positions between the original file and its rewritten copy (the edits are sorted and disjoint).</summary>
    private sealed class PositionMap
    {
        private readonly List<(int OldStart, int OldEnd, int NewStart, int NewEnd)> _edits = new();

        public PositionMap(List<TextChange> edits)
        {
            int delta = 0;
            foreach (TextChange edit in edits)
            {
                int newStart = edit.Span.Start + delta;
                _edits.Add((edit.Span.Start, edit.Span.End, newStart, newStart + edit.NewText!.Length));
                delta += edit.NewText!.Length - edit.Span.Length;
            }
        }

        public int ToNew(int position)
        {
            int delta = 0;
            foreach ((int oldStart, int oldEnd, int newStart, int newEnd) in _edits)
            {
                if (position < oldStart)
                {
                    break;
                }

                if (position < oldEnd)
                {
                    return newStart;
                }

                delta = newEnd - oldEnd;
            }

            return position + delta;
        }

        /// <summary>The original position of <paramref name="position"/>; inside an edit, its start (or its end, for an end).</summary>
        public int ToOld(int position, bool isEnd = false)
        {
            int delta = 0;
            foreach ((int oldStart, int oldEnd, int newStart, int newEnd) in _edits)
            {
                if (position < newStart || (isEnd && position == newStart))
                {
                    break;
                }

                if (position < newEnd || (isEnd && position == newEnd))
                {
                    return isEnd ? oldEnd : oldStart;
                }

                delta = oldEnd - newEnd;
            }

            return position + delta;
        }

        public TextSpan ToOld(TextSpan span)
        {
            int start = ToOld(span.Start);
            return TextSpan.FromBounds(start, Math.Max(start, ToOld(span.End, isEnd: true)));
        }
    }
}
