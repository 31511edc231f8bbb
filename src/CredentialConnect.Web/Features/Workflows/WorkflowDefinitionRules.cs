using System.Text.RegularExpressions;
using CredentialConnect.Workflows.Definitions;

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

        if (!DefinitionIdPattern().IsMatch(definition.DefinitionId ?? ""))
            Fail("definitionId", "The id must be 1–100 letters, digits, '-', '_' or '.', starting with a letter or digit, e.g. 'failed-exam-nurture'.");
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

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex DefinitionIdPattern();
}
