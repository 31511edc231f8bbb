using System.Text.Json;
using System.Text.Json.Nodes;

namespace CredentialConnect.Workflows.Runtime;

/// <summary>A token on its way to an activity; <see cref="From"/> is the activity it left (null for a trigger).</summary>
internal sealed record Token(string Activity, string? From);

/// <summary>
/// The interpreter's bookkeeping kept in <see cref="WorkflowInstanceState.Execution"/>: visit counts, tokens
/// waiting at joins, and, while faulted, the failed token and the tokens queued behind it.
/// </summary>
internal sealed class ExecutionState
{
    public Dictionary<string, int> Visits { get; init; } = [];
    public Dictionary<string, HashSet<string>> Arrivals { get; init; } = [];
    public List<Token> Pending { get; init; } = [];
    public Token? Faulted { get; set; }

    public ISet<string> ArrivalsAt(string activityId) =>
        Arrivals.TryGetValue(activityId, out var set) ? set : Arrivals[activityId] = [];

    public static ExecutionState Read(JsonObject json) =>
        json.Deserialize<ExecutionState>(JsonSerializerOptions.Web) ?? new ExecutionState();

    public JsonObject Write()
    {
        foreach (var empty in Arrivals.Where(a => a.Value.Count == 0).Select(a => a.Key).ToList()) Arrivals.Remove(empty);
        return JsonSerializer.SerializeToNode(this, JsonSerializerOptions.Web)!.AsObject();
    }
}
