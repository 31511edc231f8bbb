using System.Text.RegularExpressions;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Workflows.Activities.Flow;
using CredentialConnect.Workflows.Activities.Triggers;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Validation;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// The shape a definition needs before it can be stored: ids, a name, a flowchart whose parts are all there.
/// Whether the flow can run (types, connections, loops, scripts) is the validator's question, and a draft may
/// fail it; only publishing requires a valid flow.
/// </summary>
public static partial class WorkflowDefinitionRules
{
    public const int MaxActivities = 500;

    /// <summary>Field errors keyed by JSON path; <paramref name="prefix"/> places the definition inside a larger body.</summary>
    public static Dictionary<string, string[]> Check(WorkflowDefinition definition, string prefix = "")
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[prefix + field] = [message];

        if (!IsDefinitionId(definition.DefinitionId))
            Fail("definitionId", "The id must be 1–100 letters, digits, '-', '_' or '.', starting with a letter or digit, e.g. 'failed-exam-nurture', " +
                $"and not one of the API's own words ({string.Join(", ", ReservedIds)}).");
        if (string.IsNullOrWhiteSpace(definition.Name) || definition.Name.Length > 200) Fail("name", "A name of 1–200 characters is required.");
        if (definition.Program is { } program && (string.IsNullOrWhiteSpace(program) || program.Length > 32))
            Fail("program", "The program is a program's code (up to 32 characters), or left out for every program.");
        if (definition.Version < 1) Fail("version", "The version is a whole number from 1.");
        if (definition.Variables is null) Fail("variables", "Variables must be a list; leave it out for none.");
        if (definition.CancelOn is null) Fail("cancelOn", "Cancel-on events must be a list; leave it out for none.");

        if (definition.Root is null) Fail("root", "The flowchart (root) is required.");
        else CheckFlowchart(definition.Root, prefix + "root.", errors);
        return errors;
    }

    private static void CheckFlowchart(Flowchart root, string prefix, Dictionary<string, string[]> errors)
    {
        void Fail(string field, string message) => errors[prefix + field] = [message];

        if (root.Activities is null) Fail("activities", "Activities must be a list.");
        else if (root.Activities.Count > MaxActivities) Fail("activities", $"A workflow can have at most {MaxActivities} activities.");
        else
            foreach (var (activity, i) in root.Activities.Select((a, i) => (a, i)))
            {
                if (activity is null) Fail($"activities[{i}]", "An activity is required, not null.");
                else if (string.IsNullOrWhiteSpace(activity.Id) || activity.Id.Length > 100) Fail($"activities[{i}].id", "An id of 1–100 characters is required.");
                else if (string.IsNullOrWhiteSpace(activity.Type)) Fail($"activities[{i}].type", $"Activity '{activity.Id}' needs a type.");
                else if (activity.Inputs is null) Fail($"activities[{i}].inputs", $"Activity '{activity.Id}': inputs must be an object; leave it out for none.");
            }

        if (root.Connections is null) Fail("connections", "Connections must be a list.");
        else
            foreach (var (connection, i) in root.Connections.Select((c, i) => (c, i)))
            {
                if (string.IsNullOrWhiteSpace(connection?.Source?.Activity)) Fail($"connections[{i}].source.activity", "A connection needs the activity it leaves.");
                if (string.IsNullOrWhiteSpace(connection?.Target?.Activity)) Fail($"connections[{i}].target.activity", "A connection needs the activity it enters.");
            }
    }

    /// <summary>Events that only a program with an exam raises.</summary>
    public static readonly IReadOnlySet<string> ExamEvents = new HashSet<string>
    {
        DomainEventTypes.ExamPassed, DomainEventTypes.ExamFailed, DomainEventTypes.ExamRegistered, DomainEventTypes.ExamAttemptVoided,
    };

    /// <summary>Events that only a program whose credential expires raises.</summary>
    public static readonly IReadOnlySet<string> ExpiryEvents = new HashSet<string>
    {
        DomainEventTypes.CredentialExpiring, DomainEventTypes.CredentialRenewed, DomainEventTypes.CredentialLapsed,
    };

    /// <summary>The validator's problems and the program's: what the host knows that the runtime does not.</summary>
    public static async Task<WorkflowValidation> ValidateAsync(WorkflowValidator validator, AppDbContext db, WorkflowDefinition definition, CancellationToken ct)
    {
        var validation = validator.Validate(definition);
        var fit = await ProgramFitAsync(db, definition, ct);
        return fit.Count == 0 ? validation : new WorkflowValidation([.. validation.Problems, .. fit]);
    }

    /// <summary>
    /// Triggers and waits for events the flow's program never raises: an exam event for a program with no exam, an
    /// expiry event for a credential that never expires. Such a flow would publish and then never run.
    /// </summary>
    public static async Task<IReadOnlyList<WorkflowProblem>> ProgramFitAsync(AppDbContext db, WorkflowDefinition definition, CancellationToken ct)
    {
        var listening = definition.Root.Activities
            .Where(a => a.Type is nameof(OnEvent) or nameof(WaitForEvent))
            .Select(a => (Node: a, Event: Text(a.Inputs["eventType"]), Program: a.Type == nameof(OnEvent) ? Text(a.Inputs["program"]) ?? definition.Program : definition.Program))
            .Where(a => a.Event is not null && a.Program is not null && (ExamEvents.Contains(a.Event) || ExpiryEvents.Contains(a.Event)))
            .ToList();
        if (listening.Count == 0) return [];

        var codes = listening.Select(a => a.Program!).Distinct().ToList();
        var programs = await db.Programs.AsNoTracking().Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, ct);
        var problems = new List<WorkflowProblem>();
        foreach (var (node, eventType, code) in listening)
        {
            if (!programs.TryGetValue(code!, out var program)) continue;
            if (ExamEvents.Contains(eventType!) && !HasExam(program))
                problems.Add(new(node.Id, "eventType",
                    $"Activity '{node.Id}' listens for {eventType}, but program {code} has no exam, so it never happens. Use an event the program raises, or give the program an exam."));
            if (ExpiryEvents.Contains(eventType!) && program.ValidityPeriod is null)
                problems.Add(new(node.Id, "eventType",
                    $"Activity '{node.Id}' listens for {eventType}, but program {code}'s credential never expires, so it never happens."));
        }
        return problems;
    }

    private static bool HasExam(CredentialProgram program) => program.ExamRequired || program.Learning.Exams.Count > 0;

    private static string? Text(System.Text.Json.Nodes.JsonNode? value) =>
        value is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;

    /// <summary>The literal segments beside <c>/{definitionId}</c> in the API; a definition cannot take one as its id.</summary>
    public static readonly string[] ReservedIds = ["import", "validate"];

    public static bool IsDefinitionId(string? id) =>
        id is not null && DefinitionIdPattern().IsMatch(id) && !ReservedIds.Contains(id, StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex DefinitionIdPattern();
}
