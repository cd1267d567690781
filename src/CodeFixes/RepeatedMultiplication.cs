using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGen.Generator.Model;

namespace SourceGen.CodeFixes;

/// <summary>
/// <c>Math.Pow(x, n)</c> for n = 2, 3 or 4 written as <c>x * x</c>, <c>x * x * x</c>, <c>x * x * x * x</c>:
/// multiplication has a SIMD form, Pow does not. The base is written n times, so it must be free of side effects,
/// and it keeps the type Pow computed in (no float base widened by Math.Pow).
/// </summary>
internal static class RepeatedMultiplication
{
    /// <summary>The product that replaces <paramref name="invocation"/>, or null when the rewrite would change what the code does.</summary>
    public static ExpressionSyntax? For(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (invocation is not { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Pow" }, ArgumentList.Arguments: { Count: 2 } arguments }
            || arguments.Any(argument => argument.NameColon is not null || !argument.RefKindKeyword.IsKind(SyntaxKind.None))
            || SmallIntegerExponent(arguments[1].Expression) is not int exponent)
        {
            return null;
        }

        ExpressionSyntax @base = arguments[0].Expression;
        if (HasSideEffects(@base) || !ComputesInBaseType(invocation, @base, model, cancellationToken))
        {
            return null;
        }

        ExpressionSyntax factor = IsPrimary(@base) ? @base.WithoutTrivia() : Parenthesize(@base.WithoutTrivia());
        ExpressionSyntax product = factor;
        for (int i = 1; i < exponent; i++)
        {
            product = SyntaxFactory.BinaryExpression(SyntaxKind.MultiplyExpression, product, SpacedToken(SyntaxKind.AsteriskToken), factor);
        }

        return (NeedsParentheses(invocation) ? Parenthesize(product) : product).WithTriviaFrom(invocation);
    }

    /// <summary>
    /// 2, 3 or 4 when the exponent is that numeric literal (<c>2</c>, <c>2.0</c>, <c>3f</c>, in parentheses or not):
    /// the exponents SG0105 reports (<see cref="SmallPowExponent"/>, shared with the generator).
    /// </summary>
    private static int? SmallIntegerExponent(ExpressionSyntax exponent)
    {
        while (exponent is ParenthesizedExpressionSyntax parenthesized)
        {
            exponent = parenthesized.Expression;
        }

        return exponent is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } literal ? SmallPowExponent.Of(literal.Token.Value) : null;
    }

    /// <summary>A call, an assignment, an increment or a <c>new</c> would run once per factor instead of once.</summary>
    private static bool HasSideEffects(ExpressionSyntax expression) =>
        expression.DescendantNodesAndSelf().Any(node => node
            is InvocationExpressionSyntax
            or AssignmentExpressionSyntax
            or BaseObjectCreationExpressionSyntax
            or ArrayCreationExpressionSyntax
            or ImplicitArrayCreationExpressionSyntax
            or AnonymousObjectCreationExpressionSyntax
            or StackAllocArrayCreationExpressionSyntax
            or ImplicitStackAllocArrayCreationExpressionSyntax
            || node.IsKind(SyntaxKind.PreIncrementExpression)
            || node.IsKind(SyntaxKind.PreDecrementExpression)
            || node.IsKind(SyntaxKind.PostIncrementExpression)
            || node.IsKind(SyntaxKind.PostDecrementExpression));

    /// <summary>
    /// Whether the base already has the type of Pow's parameter (double for Math, float for MathF): a float passed
    /// to Math.Pow is raised in double, and <c>x * x</c> would compute in float instead.
    /// </summary>
    private static bool ComputesInBaseType(InvocationExpressionSyntax invocation, ExpressionSyntax @base, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol
            {
                Name: "Pow",
                ContainingType: { Name: "Math" or "MathF", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } },
                Parameters.Length: 2,
            } pow)
        {
            return false;
        }

        SpecialType parameter = pow.Parameters[0].Type.SpecialType;
        TypeInfo type = model.GetTypeInfo(@base, cancellationToken);
        return parameter is SpecialType.System_Double or SpecialType.System_Single
            && type.Type?.SpecialType == parameter
            && type.ConvertedType?.SpecialType == parameter;
    }

    /// <summary>A base that reads as one operand without parentheses: a name, a literal, a member or an element.</summary>
    private static bool IsPrimary(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax or LiteralExpressionSyntax or MemberAccessExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax;

    /// <summary>
    /// Whether the product needs parentheses where the call was. Multiplication binds tighter than every other binary
    /// operator and associates to the left, so only the right operand of <c>*</c>, <c>/</c> or <c>%</c> needs them
    /// (<c>0.5 * m * (v * v)</c> keeps the order the call rounded in); a whole-expression position needs none;
    /// anything else (a cast, a unary operator, a member access, a switch) gets them to be safe.
    /// </summary>
    private static bool NeedsParentheses(InvocationExpressionSyntax invocation) => invocation.Parent switch
    {
        BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.MultiplyExpression) || binary.IsKind(SyntaxKind.DivideExpression) || binary.IsKind(SyntaxKind.ModuloExpression)
            => binary.Right == invocation,
        BinaryExpressionSyntax => false,
        ParenthesizedExpressionSyntax or ArgumentSyntax or EqualsValueClauseSyntax or ArrowExpressionClauseSyntax or ReturnStatementSyntax
            or ExpressionStatementSyntax or InitializerExpressionSyntax or LambdaExpressionSyntax => false,
        AssignmentExpressionSyntax assignment => assignment.Left == invocation,
        ConditionalExpressionSyntax conditional => conditional.Condition == invocation,
        _ => true,
    };

    private static ParenthesizedExpressionSyntax Parenthesize(ExpressionSyntax expression) =>
        SyntaxFactory.ParenthesizedExpression(BareToken(SyntaxKind.OpenParenToken), expression, BareToken(SyntaxKind.CloseParenToken));

    /// <summary>Tokens with fixed trivia, not the elastic trivia the code action's cleanup would reformat.</summary>
    private static SyntaxToken BareToken(SyntaxKind kind) => SyntaxFactory.Token(SyntaxFactory.TriviaList(), kind, SyntaxFactory.TriviaList());

    private static SyntaxToken SpacedToken(SyntaxKind kind) =>
        SyntaxFactory.Token(SyntaxFactory.TriviaList(SyntaxFactory.Space), kind, SyntaxFactory.TriviaList(SyntaxFactory.Space));
}
