using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Activities;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Expressions;
using CredentialConnect.Workflows.Runtime;

namespace CredentialConnect.Workflows.Validation;

/// <summary>
/// Checks a definition before it is published and lists every problem at once, each with its activity id and
/// input, so the designer can mark them all. Errors block publishing; warnings (an open port, a name an expression
/// reads that is not in scope, an unreachable activity) do not.
/// </summary>
/// <param name="vocabulary">The host's events and roles; without it events are not checked against a catalogue.</param>
public sealed class WorkflowValidator(ActivityRegistry registry, IScriptEvaluator scripts, ITemplateRenderer templates, WorkflowVocabulary? vocabulary = null)
{
    private readonly SemanticChecks _semantics = new(registry, vocabulary ?? WorkflowVocabulary.RolesOnly);

    public WorkflowValidation Validate(WorkflowDefinition definition)
    {
        var problems = new List<WorkflowProblem>();
        var activities = definition.Root.Activities;

        foreach (var duplicate in activities.GroupBy(a => a.Id).Where(g => g.Count() > 1))
            problems.Add(new(duplicate.Key, null, $"The id '{duplicate.Key}' is used by {duplicate.Count()} activities."));

        foreach (var node in activities)
        {
            if (registry.Find(node.Type) is { } descriptor) problems.AddRange(CheckInputs(node, descriptor));
            else problems.Add(new(node.Id, null, $"Unknown activity type '{node.Type}'."));
        }

        var triggers = activities.Where(a => registry.Find(a.Type)?.IsTrigger == true).Select(a => a.Id).ToList();
        if (triggers.Count == 0) problems.Add(new(null, null, "The workflow has no trigger: add On event, On schedule or Manual."));

        problems.AddRange(CheckConnections(definition.Root));
        problems.AddRange(_semantics.Check(definition));

        foreach (var cycle in WaitlessCycles.Find(definition.Root, a => registry.Find(a.Type)?.IsWaiting == true))
            problems.Add(new(cycle[0], null, $"The loop {string.Join(" → ", cycle)} has no waiting activity (Delay, Wait until, Wait for event or Approval task), so it would never stop."));

        if (triggers.Count > 0)
        {
            var reachable = new FlowGraph(definition.Root).Reachable(triggers);
            foreach (var node in activities.Where(a => !reachable.Contains(a.Id)))
                problems.Add(new(node.Id, null, $"Activity '{node.Id}' cannot be reached from a trigger.", ProblemSeverity.Warning));
        }
        return new WorkflowValidation(problems);
    }

    private IEnumerable<WorkflowProblem> CheckInputs(ActivityNode node, ActivityDescriptor descriptor)
    {
        foreach (var input in descriptor.Inputs)
        {
            var value = node.Inputs[input.Name];
            if (input.Required && input.DefaultValue is null && InputReader.IsEmpty(value))
                yield return new(node.Id, input.Name, $"Activity '{node.Id}' ({node.Type}) needs the input '{input.Name}'.");
            foreach (var (language, code) in CodeIn(value, input.UIHint))
                if (Check(language, code) is { } problem)
                    yield return new(node.Id, input.Name, $"Activity '{node.Id}' input '{input.Name}': {language} error{Where(problem)}: {problem.Message}");
            // A name outside the scope is the scope check's to report; this one catches a misspelled field of a name in it.
            foreach (var unknown in CodeIn(value, input.UIHint).Where(c => c.Language == ExpressionLanguages.Liquid).SelectMany(c => TemplateVariables.Unknown(c.Code))
                         .Where(path => ExpressionNames.InScope.Any(v => path.StartsWith(v.Name + ".", StringComparison.Ordinal))))
                yield return new(node.Id, input.Name, $"Activity '{node.Id}' input '{input.Name}' reads '{unknown}', which no template can see: it would render as nothing.", ProblemSeverity.Warning);
        }
    }

    private IEnumerable<WorkflowProblem> CheckConnections(Flowchart flowchart)
    {
        var nodes = flowchart.Activities.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var connection in flowchart.Connections)
        {
            var (source, target) = (connection.Source, connection.Target);
            if (!nodes.ContainsKey(target.Activity))
                yield return new(source.Activity, null, $"A connection from '{source.Activity}' goes to '{target.Activity}', which does not exist.");
            if (!nodes.TryGetValue(source.Activity, out var node))
            {
                yield return new(target.Activity, null, $"A connection into '{target.Activity}' comes from '{source.Activity}', which does not exist.");
                continue;
            }
            if (registry.PortsOf(node) is { } ports && registry.Find(node.Type) is not null && !ports.Contains(source.Port))
                yield return new(node.Id, null, $"Activity '{node.Id}' ({node.Type}) has no port '{source.Port}'; its ports are {string.Join(", ", ports)}.");
        }
    }

    /// <summary>The code an input holds: its expression or code literal, or each Switch case's condition.</summary>
    private static IEnumerable<(string Language, string Code)> CodeIn(JsonNode? value, string? uiHint)
    {
        if (uiHint == UIHints.Cases && value is JsonArray cases)
            return cases.Select(c => InputReader.CodeOf(c?["condition"], UIHints.JavaScript)).OfType<(string, string)>();
        return InputReader.CodeOf(value, uiHint) is { } code ? [code] : [];
    }

    private ExpressionProblem? Check(string language, string code) =>
        language == ExpressionLanguages.Liquid ? templates.Check(code) : scripts.Check(code);

    private static string Where(ExpressionProblem problem) =>
        problem.Line is { } line ? $" at line {line}, column {problem.Column}" : "";
}
