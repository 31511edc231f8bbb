using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Activities;
using CredentialConnect.Workflows.Activities.Flow;
using CredentialConnect.Workflows.Activities.Triggers;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Expressions;
using Quartz;

namespace CredentialConnect.Workflows.Validation;

/// <summary>
/// What a well-formed flow can still get wrong, each found before it runs: a port left open, a duration, cron, event
/// or role the runtime would not understand, an input the activity does not have, and a name an expression reads that
/// is not in its scope.
/// </summary>
internal sealed class SemanticChecks(ActivityRegistry registry, WorkflowVocabulary vocabulary)
{
    public IEnumerable<WorkflowProblem> Check(WorkflowDefinition definition)
    {
        var flowchart = definition.Root;
        var variableNames = VariableNames(definition);
        foreach (var node in flowchart.Activities)
        {
            if (registry.Find(node.Type) is not { } descriptor) continue;
            foreach (var problem in UnknownInputs(node, descriptor)) yield return problem;
            foreach (var input in descriptor.Inputs)
            {
                var value = node.Inputs[input.Name];
                var problems = InputReader.CodeOf(value, input.UIHint) is null && input.UIHint != UIHints.Cases
                    ? Literal(node, input, value)
                    : ExpressionNamesIn(node, input, value, variableNames);
                foreach (var problem in problems) yield return problem;
            }
        }
        foreach (var (eventType, i) in definition.CancelOn.Select((e, i) => (e, i)))
            if (UnknownEvent(eventType) is { } message) yield return new(null, $"cancelOn[{i}]", $"Cancel-on: {message}");
        foreach (var problem in OpenPorts(flowchart)) yield return problem;
    }

    private static IEnumerable<WorkflowProblem> UnknownInputs(ActivityNode node, ActivityDescriptor descriptor)
    {
        var known = descriptor.Inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in node.Inputs.Select(p => p.Key).Where(n => !known.Contains(n)))
        {
            var hint = Suggestions.Closest(name, known) is { } closest ? $" Did you mean '{closest}'?" : "";
            var inputs = known.Count > 0 ? $"its inputs are {string.Join(", ", known)}" : "it has no inputs";
            yield return new(node.Id, name, $"Activity '{node.Id}' ({node.Type}) has no input '{name}'; {inputs}.{hint}");
        }
    }

    /// <summary>Checks a literal value the runtime will read as a duration, a cron expression, an event or a role.</summary>
    private IEnumerable<WorkflowProblem> Literal(ActivityNode node, InputDescriptor input, JsonNode? value)
    {
        if (input.Type == "Duration" && Text(value) is { } duration && !Durations.TryParse(duration, out _))
            yield return new(node.Id, input.Name, $"Activity '{node.Id}' input '{input.Name}': '{duration}' is not a duration; write it as {Durations.Formats}.");

        if (input.UIHint == UIHints.Escalation)
            if (value?["after"] is { } after && Text(after) is { } text && !Durations.TryParse(text, out _))
                yield return new(node.Id, input.Name, $"Activity '{node.Id}' input '{input.Name}': after '{text}' is not a duration; write it as {Durations.Formats}.");

        if (node.Type == nameof(OnSchedule) && input.Name == "cron" && Text(value) is { } cron)
        {
            string? error = null;
            try
            {
                _ = new CronExpression(cron);
            }
            catch (FormatException e)
            {
                error = e.Message;
            }
            if (error is not null)
                yield return new(node.Id, input.Name, $"Activity '{node.Id}' input 'cron': '{cron}' is not a valid cron expression ({error}). Quartz cron has seconds first, e.g. 0 0 9 * * ? for every day at 09:00.");
        }

        if (input.Name == "eventType" && node.Type is nameof(OnEvent) or nameof(WaitForEvent) && Text(value) is { } eventType && UnknownEvent(eventType) is { } unknown)
            yield return new(node.Id, input.Name, $"Activity '{node.Id}' input 'eventType': {unknown}");

        foreach (var (_, _, field) in WorkflowRoles.Inputs.Where(r => r.ActivityType == node.Type && r.Input == input.Name))
        {
            var role = Text(field is null ? value : value?[field]);
            if (role is not null && !vocabulary.Roles.Contains(role))
            {
                var hint = Suggestions.Closest(role, vocabulary.Roles) is { } closest ? $" Did you mean '{closest}'?" : "";
                var where = field is null ? input.Name : $"{input.Name}.{field}";
                yield return new(node.Id, input.Name, $"Activity '{node.Id}' input '{where}': there is no role '{role}'; the roles are {string.Join(", ", vocabulary.Roles)}.{hint}");
            }
        }
    }

    private string? UnknownEvent(string eventType)
    {
        if (vocabulary.EventTypes is not { } known || known.Contains(eventType)) return null;
        var hint = Suggestions.Closest(eventType, known) is { } closest ? $" Did you mean '{closest}'?" : " See GET /api/v1/workflow-events for the catalogue.";
        return $"there is no event '{eventType}'.{hint}";
    }

    /// <summary>Names an expression reads that nothing gives it: a warning, since it reads as empty rather than failing.</summary>
    private static IEnumerable<WorkflowProblem> ExpressionNamesIn(ActivityNode node, InputDescriptor input, JsonNode? value, IReadOnlySet<string> variableNames)
    {
        var scope = ExpressionNames.For(node.Type, input.Name);
        foreach (var (language, code) in CodeIn(value, input.UIHint))
        {
            var references = language == ExpressionLanguages.Liquid ? ExpressionReferences.OfLiquid(code) : ExpressionReferences.OfJavaScript(code);
            if (references is null) continue;
            var globals = language == ExpressionLanguages.Liquid ? ExpressionNames.LiquidGlobals : ExpressionNames.JavaScriptGlobals;
            foreach (var name in references.Names.Where(n => scope.All(v => v.Name != n) && !globals.Contains(n)).Order(StringComparer.Ordinal))
            {
                var hint = Suggestions.Closest(name, scope.Select(v => v.Name)) is { } closest ? $" Did you mean '{closest}'?" : "";
                yield return new(node.Id, input.Name,
                    $"Activity '{node.Id}' input '{input.Name}': the {language} reads '{name}', which is not in scope (it can read {string.Join(", ", scope.Select(v => v.Name))}).{hint}",
                    ProblemSeverity.Warning);
            }
            foreach (var name in references.VariableNames.Where(n => !variableNames.Contains(n)).Order(StringComparer.Ordinal))
            {
                var hint = Suggestions.Closest(name, variableNames) is { } closest ? $" Did you mean '{closest}'?" : "";
                yield return new(node.Id, input.Name,
                    $"Activity '{node.Id}' input '{input.Name}': the {language} reads 'variables.{name}', but the flow has no variable or activity '{name}'.{hint}",
                    ProblemSeverity.Warning);
            }
        }
    }

    /// <summary>
    /// A branching activity with some ports connected and others not: a token leaving by an open port ends that branch
    /// silently. An activity with no outgoing connection at all is an end of the flow, and is not reported.
    /// </summary>
    private IEnumerable<WorkflowProblem> OpenPorts(Flowchart flowchart)
    {
        var connected = flowchart.Connections.Where(c => c.Source is not null).ToLookup(c => c.Source.Activity, c => c.Source.Port);
        foreach (var node in flowchart.Activities)
        {
            if (registry.Find(node.Type) is not { IsTrigger: false } || registry.PortsOf(node) is not { Count: > 1 } ports) continue;
            var used = connected[node.Id].ToHashSet(StringComparer.Ordinal);
            if (used.Count == 0) continue;
            foreach (var port in ports.Where(p => !used.Contains(p)))
                yield return new(node.Id, null,
                    $"Activity '{node.Id}' ({node.Type}): its output '{port}' is not connected, so a member who leaves by it gets nothing more from this flow. Connect it, to End if that is meant.",
                    ProblemSeverity.Warning);
        }
    }

    /// <summary>What <c>variables.name</c> can read: declared variables, Set variable names, and activity ids (their outputs).</summary>
    private static IReadOnlySet<string> VariableNames(WorkflowDefinition definition)
    {
        var names = new HashSet<string>(definition.Variables.Select(v => v.Name), StringComparer.Ordinal);
        foreach (var node in definition.Root.Activities)
        {
            names.Add(node.Id);
            if (node.Type == "SetVariable" && Text(node.Inputs["name"]) is { } name) names.Add(name);
        }
        return names;
    }

    private static IEnumerable<(string Language, string Code)> CodeIn(JsonNode? value, string? uiHint)
    {
        if (uiHint == UIHints.Cases && value is JsonArray cases)
            return cases.Select(c => InputReader.CodeOf(c?["condition"], UIHints.JavaScript)).OfType<(string, string)>();
        return InputReader.CodeOf(value, uiHint) is { } code ? [code] : [];
    }

    private static string? Text(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;
}
