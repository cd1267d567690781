using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// What the lanes of a <c>[Parallel]</c> loop's body see, the lanes being the loop's iterations: the loop variable
/// (<see cref="Model.LaneIndexExpr"/>), values from outside the loop (parameters of the loop body, the same in every
/// iteration: the loop may not assign them), and the spans and arrays whose elements it reads and writes (its
/// <see cref="Buffers"/>). The expression parser and <see cref="LoopBodyStatements"/> ask it what a name is; it
/// parses nothing itself.
/// </summary>
internal sealed class LoopBodyScope(KernelBodyParser parse, ILocalSymbol laneVariable, TextSpan loopSpan)
{
    private readonly Dictionary<ISymbol, int> _outerValues = new(SymbolEqualityComparer.Default);
    private readonly List<KernelParameter> _outerParameters = new();
    private readonly Dictionary<ISymbol, int> _bufferIndexes = new(SymbolEqualityComparer.Default);
    private readonly List<LoopBuffer> _buffers = new();

    /// <summary>The values from outside the loop it reads, in order of first use: the loop body's parameters.</summary>
    public IReadOnlyList<KernelParameter> OuterParameters => _outerParameters;

    /// <summary>The spans and arrays it reads and writes, in order of first use.</summary>
    public IReadOnlyList<LoopBuffer> Buffers => _buffers;

    public bool IsLaneVariable(ILocalSymbol local) => SymbolEqualityComparer.Default.Equals(local, laneVariable);

    private bool IsDeclaredInLoop(ISymbol symbol) =>
        symbol.DeclaringSyntaxReferences.Any(reference => reference.SyntaxTree == parse.Tree && loopSpan.Contains(reference.Span));

    /// <summary>A variable the loop reads but does not declare: a parameter of the loop body (uniform).</summary>
    public bool IsOuterVariable(IOperation operation, out ISymbol symbol)
    {
        symbol = operation switch
        {
            ILocalReferenceOperation local when !IsLaneVariable(local.Local) && !IsDeclaredInLoop(local.Local)
                && !parse.HelpersBeingInlined.Contains(local.Local.ContainingSymbol, SymbolEqualityComparer.Default) => local.Local,
            IParameterReferenceOperation parameter when !parse.Substitutions.ContainsKey(parameter.Parameter) => parameter.Parameter,
            _ => null!,
        };
        return symbol is not null;
    }

    /// <summary>The index of the loop body's parameter that holds <paramref name="outer"/>, added on first use.</summary>
    public int OuterValue(ISymbol outer, ElementType type)
    {
        if (!_outerValues.TryGetValue(outer, out int index))
        {
            index = _outerParameters.Count;
            _outerValues[outer] = index;
            _outerParameters.Add(new KernelParameter(CSharpName.Escape(outer.Name), type));
        }

        return index;
    }

    /// <summary>The buffer a span or array variable from outside the loop is (<paramref name="stored"/>: written); null (and a problem) otherwise.</summary>
    public int? Buffer(IOperation reference, ElementType elementType, bool stored)
    {
        ISymbol? symbol = reference switch
        {
            ILocalReferenceOperation local when !IsDeclaredInLoop(local.Local) => local.Local,
            IParameterReferenceOperation parameter when !parse.Substitutions.ContainsKey(parameter.Parameter) => parameter.Parameter,
            _ => null,
        };
        BufferKind? kind = reference.Type switch
        {
            IArrayTypeSymbol { Rank: 1 } => BufferKind.Array,
            IArrayTypeSymbol { Rank: 2 } => BufferKind.Array2D,
            INamedTypeSymbol { Name: "Span" } => BufferKind.Span,
            INamedTypeSymbol { Name: "ReadOnlySpan" } => BufferKind.ReadOnlySpan,
            _ => null,
        };
        if (symbol is null || kind is null || symbol is ILocalSymbol { IsRef: true } || symbol is IParameterSymbol { RefKind: not RefKind.None })
        {
            parse.Problem(reference.Syntax, $"the element access on '{reference.Syntax}'", isError: false,
                why: "only spans and one-dimensional arrays declared outside the loop (and not passed by reference) are read and written in SIMD");
            return null;
        }

        if (!_bufferIndexes.TryGetValue(symbol, out int index))
        {
            index = _buffers.Count;
            _bufferIndexes[symbol] = index;
            _buffers.Add(new LoopBuffer(CSharpName.Escape(symbol.Name), elementType, kind.Value, IsStored: false));
        }

        if (stored)
        {
            _buffers[index] = _buffers[index] with { IsStored = true };
        }

        return index;
    }
}
