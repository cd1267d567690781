using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceGen.Generator.Model;

namespace SourceGen.Generator.Parsing;

/// <summary>
/// Element writes in a <c>Prange</c> loop that other iterations may touch. Iterations run at once on different
/// threads, so each should write its own elements, indexed by the loop variable. A write whose index does not
/// depend on the loop variable at all, and that every iteration makes (no test of the loop variable guards it),
/// is a certain race (SG0304, an error); an index that depends on the loop variable only through data read from
/// memory (<c>histogram[bins[i]]++</c>) or a write guarded by a test of the loop variable may collide (SG0303).
/// Writes to a scatter reduction's target (see <see cref="ScatterParser"/>) are not races: the generated code gives
/// each chunk its own copy, or updates atomically.
/// </summary>
internal static class RaceCheck
{
    public static void Report(ForEachStatementSyntax loop, ILocalSymbol variable, SemanticModel model, IReadOnlyCollection<string> scatterTargets, DiagnosticSink report, CancellationToken cancellationToken)
    {
        foreach (ExpressionSyntax target in WrittenElements(loop.Statement))
        {
            if (target is not ElementAccessExpressionSyntax access
                || model.GetSymbolInfo(access.Expression, cancellationToken).Symbol is not { } buffer
                || buffer is not (ILocalSymbol or IParameterSymbol)
                || IsDeclaredIn(buffer, loop)
                || scatterTargets.Contains(buffer.Name))
            {
                continue;
            }

            Dependence dependence = Dependence.None;
            foreach (ArgumentSyntax argument in access.ArgumentList.Arguments)
            {
                dependence = Max(dependence, DependenceOf(argument.Expression, variable, loop, model, new HashSet<ISymbol>(SymbolEqualityComparer.Default), cancellationToken));
            }

            if (dependence == Dependence.Direct)
            {
                continue;
            }

            string index = string.Join(", ", access.ArgumentList.Arguments.Select(a => a.Expression.ToString()));
            if (dependence == Dependence.None && !IsGuardedByLoopVariable(access, variable, loop, model, cancellationToken))
            {
                report(DiagnosticDescriptors.CertainRace, access.GetLocation(), buffer.Name, index, variable.Name);
            }
            else
            {
                report(DiagnosticDescriptors.PossibleRace, access.GetLocation(), buffer.Name, index, variable.Name,
                    dependence == Dependence.None ? "only some iterations write it, but two of them may" : "it is computed from data read in the loop, and two iterations may compute the same index");
            }
        }
    }

    /// <summary>Whether <paramref name="index"/> depends on the loop variable only through data read in the loop (<c>bins[i]</c>).</summary>
    public static bool IsDataDependent(ExpressionSyntax index, ILocalSymbol variable, ForEachStatementSyntax loop, SemanticModel model, CancellationToken cancellationToken) =>
        DependenceOf(index, variable, loop, model, new HashSet<ISymbol>(SymbolEqualityComparer.Default), cancellationToken) == Dependence.Indirect;

    private enum Dependence
    {
        /// <summary>The index does not change with the loop variable.</summary>
        None,

        /// <summary>It depends on the loop variable through a value read from memory or a call.</summary>
        Indirect,

        /// <summary>It is computed from the loop variable.</summary>
        Direct,
    }

    private static Dependence Max(Dependence a, Dependence b) => a > b ? a : b;

    /// <summary>The targets of assignments, compound assignments, increments and decrements in <paramref name="body"/>.</summary>
    private static IEnumerable<ExpressionSyntax> WrittenElements(SyntaxNode body) =>
        body.DescendantNodes(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .Select(node => node switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left,
                PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } postfix => postfix.Operand,
                PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } prefix => prefix.Operand,
                _ => null,
            })
            .Where(target => target is not null)
            .Select(target => target!);

    private static bool IsDeclaredIn(ISymbol symbol, SyntaxNode node) =>
        symbol.DeclaringSyntaxReferences.Any(reference => reference.SyntaxTree == node.SyntaxTree && node.Span.Contains(reference.Span));

    /// <summary>How <paramref name="expression"/> depends on the loop variable, following locals of the loop to what is assigned to them.</summary>
    private static Dependence DependenceOf(ExpressionSyntax expression, ILocalSymbol variable, ForEachStatementSyntax loop, SemanticModel model, HashSet<ISymbol> visited, CancellationToken cancellationToken)
    {
        Dependence result = Dependence.None;
        foreach (IdentifierNameSyntax identifier in expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            ISymbol? symbol = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
            bool throughMemory = identifier.Ancestors().TakeWhile(a => a != expression.Parent)
                .Any(a => a is ElementAccessExpressionSyntax element && element.ArgumentList.Span.Contains(identifier.Span) || a is InvocationExpressionSyntax);
            Dependence found = Dependence.None;
            if (SymbolEqualityComparer.Default.Equals(symbol, variable))
            {
                found = Dependence.Direct;
            }
            else if (symbol is ILocalSymbol local && IsDeclaredIn(local, loop.Statement) && visited.Add(local))
            {
                foreach (ExpressionSyntax value in ValuesAssigned(local, loop.Statement, model, cancellationToken))
                {
                    found = Max(found, DependenceOf(value, variable, loop, model, visited, cancellationToken));
                }
            }

            result = Max(result, throughMemory && found == Dependence.Direct ? Dependence.Indirect : found);
        }

        return result;
    }

    /// <summary>Every value assigned to <paramref name="local"/> in <paramref name="body"/> (its initializer, assignments, a for or foreach's range).</summary>
    private static IEnumerable<ExpressionSyntax> ValuesAssigned(ILocalSymbol local, SyntaxNode body, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (SyntaxNode node in body.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case VariableDeclaratorSyntax { Initializer: { } initializer } declarator
                    when SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(declarator, cancellationToken), local):
                    yield return initializer.Value;
                    break;
                case AssignmentExpressionSyntax assignment
                    when SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol, local):
                    yield return assignment.Right;
                    break;
                case ForEachStatementSyntax forEach
                    when SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(forEach, cancellationToken), local):
                    yield return forEach.Expression;
                    break;
            }
        }
    }

    /// <summary>Whether a test that depends on the loop variable decides if the write runs (so not every iteration makes it).</summary>
    private static bool IsGuardedByLoopVariable(SyntaxNode write, ILocalSymbol variable, ForEachStatementSyntax loop, SemanticModel model, CancellationToken cancellationToken)
    {
        for (SyntaxNode? node = write.Parent; node is not null && node != loop; node = node.Parent)
        {
            ExpressionSyntax? condition = node switch
            {
                IfStatementSyntax branch => branch.Condition,
                WhileStatementSyntax loopStatement => loopStatement.Condition,
                ForStatementSyntax forStatement => forStatement.Condition,
                ConditionalExpressionSyntax conditional => conditional.Condition,
                SwitchStatementSyntax switchStatement => switchStatement.Expression,
                _ => null,
            };
            if (condition is not null && DependenceOf(condition, variable, loop, model, new HashSet<ISymbol>(SymbolEqualityComparer.Default), cancellationToken) != Dependence.None)
            {
                return true;
            }
        }

        return false;
    }
}
