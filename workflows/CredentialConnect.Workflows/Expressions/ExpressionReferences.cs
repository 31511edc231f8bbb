using Acornima;
using Acornima.Ast;
using Fluid;
using L = Fluid.Ast;

namespace CredentialConnect.Workflows.Expressions;

/// <summary>What an expression reads: the free names it uses, and the first member it reads of <c>variables</c>.</summary>
/// <param name="Names">Names the expression reads but does not declare itself (a <c>let</c>, a parameter, a Liquid <c>assign</c>).</param>
/// <param name="VariableNames">The names read as <c>variables.name</c>: instance variables or activity ids.</param>
public sealed record ExpressionReferences(IReadOnlySet<string> Names, IReadOnlySet<string> VariableNames)
{
    private static readonly FluidParser Liquid = new();

    /// <summary>The names a script reads; null when it does not parse (its syntax error is reported on its own).</summary>
    public static ExpressionReferences? OfJavaScript(string script)
    {
        Script parsed;
        try
        {
            parsed = new Parser(new ParserOptions { AllowReturnOutsideFunction = true }).ParseScript(script, strict: true);
        }
        catch (ParseErrorException)
        {
            return null;
        }
        var walker = new ScriptWalker();
        walker.Walk(parsed, parent: null);
        walker.Used.ExceptWith(walker.Declared);
        return new ExpressionReferences(walker.Used, walker.VariableNames);
    }

    /// <summary>The names a template reads; null when it does not parse.</summary>
    public static ExpressionReferences? OfLiquid(string template)
    {
        if (!Liquid.TryParse(template, out var parsed, out _)) return null;
        var walker = new TemplateWalker();
        walker.VisitTemplate(parsed);
        walker.Used.ExceptWith(walker.Declared);
        return new ExpressionReferences(walker.Used, walker.VariableNames);
    }

    /// <summary>A walk over the syntax tree that tells a read name from a property key, a declaration or a label.</summary>
    private sealed class ScriptWalker
    {
        public HashSet<string> Used { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Declared { get; } = new(StringComparer.Ordinal);
        public HashSet<string> VariableNames { get; } = new(StringComparer.Ordinal);

        public void Walk(Node node, Node? parent)
        {
            if (node is Identifier identifier) Classify(identifier, parent);
            if (node is MemberExpression { Object: Identifier { Name: "variables" }, Computed: false, Property: Identifier property })
                VariableNames.Add(property.Name);
            foreach (var child in node.ChildNodes)
                if (child is not null) Walk(child, node);
        }

        private void Classify(Identifier identifier, Node? parent)
        {
            switch (parent)
            {
                case MemberExpression member when member.Property == identifier && !member.Computed:
                case Property property when property.Key == identifier && !property.Computed && !property.Shorthand:
                case MethodDefinition method when method.Key == identifier && !method.Computed:
                case PropertyDefinition field when field.Key == identifier && !field.Computed:
                case LabeledStatement or BreakStatement or ContinueStatement:
                case MetaProperty:
                    return;
                case VariableDeclarator declarator when declarator.Id == identifier:
                case IFunction function when function.Id == identifier || function.Params.Contains(identifier):
                case CatchClause clause when clause.Param == identifier:
                case ClassDeclaration declaration when declaration.Id == identifier:
                    Declared.Add(identifier.Name);
                    return;
                default:
                    Used.Add(identifier.Name);
                    return;
            }
        }
    }

    private sealed class TemplateWalker : L.AstVisitor
    {
        public HashSet<string> Used { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Declared { get; } = new(StringComparer.Ordinal);
        public HashSet<string> VariableNames { get; } = new(StringComparer.Ordinal);

        protected override L.Expression VisitMemberExpression(L.MemberExpression memberExpression)
        {
            if (memberExpression.Segments is [L.IdentifierSegment root, ..])
            {
                Used.Add(root.Identifier);
                if (root.Identifier == "variables" && memberExpression.Segments is [_, L.IdentifierSegment variable, ..]) VariableNames.Add(variable.Identifier);
            }
            return base.VisitMemberExpression(memberExpression);
        }

        protected override L.Statement VisitForStatement(L.ForStatement forStatement)
        {
            Declared.Add(forStatement.Identifier);
            return base.VisitForStatement(forStatement);
        }

        protected override L.Statement VisitAssignStatement(L.AssignStatement assignStatement)
        {
            Declared.Add(assignStatement.Identifier);
            return base.VisitAssignStatement(assignStatement);
        }

        protected override L.Statement VisitCaptureStatement(L.CaptureStatement captureStatement)
        {
            Declared.Add(captureStatement.Identifier);
            return base.VisitCaptureStatement(captureStatement);
        }
    }
}
