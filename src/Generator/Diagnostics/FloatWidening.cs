using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGen.Generator.Lowering;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Diagnostics;

/// <summary>
/// SG0104: in a float kernel (float elements, no double ones), a double literal beside a float value
/// (<c>x * 0.5</c>) or a <c>Math</c> call on floats (<c>Math.Exp(x)</c>) makes the float widen to double: half the
/// lanes per vector. Each finding names the construct and the replacement a code fix can make.
/// </summary>
internal static class FloatWidening
{
    /// <summary>One widening: where (the literal, or the call's 'Math'), what it is, why, and what to write instead.</summary>
    internal sealed record Finding(Location Location, string Construct, string Why, string Suggestion);

    /// <param name="perElement">Whether a float operand is computed for every element (a value computed once costs nothing to widen).</param>
    public static IEnumerable<Finding> Find(IMethodSymbol kernel, SyntaxNode body, SemanticModel model, System.Func<ExpressionSyntax, bool> perElement, CancellationToken cancellationToken)
    {
        if (!IsFloatKernel(kernel))
        {
            yield break;
        }

        foreach (SyntaxNode node in body.DescendantNodes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (node is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } literal
                && model.GetTypeInfo(literal, cancellationToken).Type?.SpecialType == SpecialType.System_Double
                && FloatPartner(literal, model, cancellationToken) is { } partner
                && perElement(partner.Operand))
            {
                yield return new Finding(
                    literal.GetLocation(),
                    $"The double literal '{literal.Token.Text}' in '{partner.Parent}'",
                    $"'{partner.Operand}' is converted to double and the operation computed in double",
                    $"'{FloatLiteral(literal.Token.Text)}'");
            }
            else if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation
                && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { ContainingType: { Name: "Math", ContainingNamespace.Name: "System" } } method
                && HasMathFOverload(method, model.Compilation)
                && invocation.ArgumentList.Arguments.Any(argument => WidensFloat(argument.Expression, model, cancellationToken) && perElement(argument.Expression)))
            {
                yield return new Finding(
                    access.Expression.GetLocation(),
                    $"'{invocation}'",
                    $"Math.{method.Name} takes and returns double, so its float argument is converted and the call computed in double",
                    $"'MathF.{method.Name}'");
            }
        }
    }

    /// <summary>
    /// Per element when some entry point of the kernel computes it per element, as its lowering decides
    /// (<see cref="ElementWork"/>: what the emitters read): a value the SIMD code lifts out of its loop is not.
    /// </summary>
    public static System.Func<ExpressionSyntax, bool> PerElement(IReadOnlyList<ElementWork> entries, SyntaxNode body) =>
        operand => entries.Any(entry => entry.PerElement(operand.SpanStart, operand.Span.End, InsideLoop(operand, body)));

    private static bool InsideLoop(ExpressionSyntax operand, SyntaxNode body) =>
        operand.Ancestors().TakeWhile(a => a != body).Any(a => a is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax);

    /// <summary>The message of a finding, as SG0104 says it.</summary>
    public static string Message(Finding finding) => string.Format(
        System.Globalization.CultureInfo.InvariantCulture,
        DiagnosticDescriptors.DoubleInFloatKernel.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture),
        finding.Construct, finding.Why, finding.Suggestion);

    /// <summary>A kernel whose parameters and result hold float elements and none double.</summary>
    private static bool IsFloatKernel(IMethodSymbol kernel)
    {
        IEnumerable<ITypeSymbol> types = kernel.Parameters.Select(p => p.Type).Append(kernel.ReturnType).Select(Element);
        var specials = types.Select(t => t.SpecialType).ToList();
        return specials.Contains(SpecialType.System_Single) && !specials.Contains(SpecialType.System_Double);
    }

    /// <summary>The element of a span, array or tensor span; the type itself otherwise.</summary>
    private static ITypeSymbol Element(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => array.ElementType,
        INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named => named.TypeArguments[0],
        _ => type,
    };

    /// <summary>The float operand a double literal makes widen (in a binary operation or a compound assignment), if any.</summary>
    private static (SyntaxNode Parent, ExpressionSyntax Operand)? FloatPartner(LiteralExpressionSyntax literal, SemanticModel model, CancellationToken cancellationToken)
    {
        SyntaxNode operand = literal;
        while (operand.Parent is ParenthesizedExpressionSyntax or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression })
        {
            operand = operand.Parent;
        }

        ExpressionSyntax? other = operand.Parent switch
        {
            BinaryExpressionSyntax binary when binary.Left == operand => binary.Right,
            BinaryExpressionSyntax binary when binary.Right == operand => binary.Left,
            AssignmentExpressionSyntax assignment when assignment.Right == operand && !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) => assignment.Left,
            _ => null,
        };
        return other is not null && model.GetTypeInfo(other, cancellationToken).Type?.SpecialType == SpecialType.System_Single
            ? (operand.Parent!, other)
            : null;
    }

    private static bool WidensFloat(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        TypeInfo info = model.GetTypeInfo(expression, cancellationToken);
        return info.Type?.SpecialType == SpecialType.System_Single && info.ConvertedType?.SpecialType == SpecialType.System_Double;
    }

    private static bool HasMathFOverload(IMethodSymbol method, Compilation compilation) =>
        compilation.GetTypeByMetadataName("System.MathF")?.GetMembers(method.Name).OfType<IMethodSymbol>()
            .Any(m => m.Parameters.Length == method.Parameters.Length && m.Parameters.All(p => p.Type.SpecialType is SpecialType.System_Single or SpecialType.System_Int32)) == true;

    /// <summary>The literal as a float: a 'd'/'D' suffix replaced, an 'f' added otherwise.</summary>
    private static string FloatLiteral(string text) =>
        (text.EndsWith("d", System.StringComparison.OrdinalIgnoreCase) ? text.Substring(0, text.Length - 1) : text) + "f";
}
