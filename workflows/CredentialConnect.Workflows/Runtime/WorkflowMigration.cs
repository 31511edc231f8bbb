using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Definitions;

namespace CredentialConnect.Workflows.Runtime;

/// <summary>Why a move was refused: a request that makes no sense (the same or an older version) or one the instance cannot make.</summary>
public enum MigrationRefusal { None, NoOp, Downgrade, Incompatible }

public sealed record MigrationCheck(bool Allowed, IReadOnlyList<string> Problems)
{
    public MigrationRefusal Refusal { get; init; }
}

/// <summary>
/// Moves a running instance to a newer version of its definition. It is allowed only when every activity the
/// instance waits on exists in the target with the same type and the same inputs (a changed delay or due date would
/// leave a timer that no longer matches its step); completed activities never run again. Moving to the version the
/// instance is on, or back to an older one, is refused.
/// </summary>
public static class WorkflowMigration
{
    public static MigrationCheck Check(WorkflowInstanceState state, WorkflowDefinition from, WorkflowDefinition to)
    {
        if (to.Version == state.DefinitionVersion)
            return new MigrationCheck(false, [$"The instance is already on version {to.Version}; there is nothing to move."]) { Refusal = MigrationRefusal.NoOp };
        if (to.Version < state.DefinitionVersion)
            return new MigrationCheck(false, [$"Version {to.Version} is older than version {state.DefinitionVersion}, which the instance is on; instances only move forward."])
                { Refusal = MigrationRefusal.Downgrade };

        var problems = new List<string>();
        if (from.DefinitionId != to.DefinitionId) problems.Add($"Version {to.Version} belongs to '{to.DefinitionId}', not '{from.DefinitionId}'.");
        if (state.Status is not (WorkflowStatus.Running or WorkflowStatus.Suspended)) problems.Add($"The instance is {state.Status}; only running or suspended instances move.");

        var waitingOn = state.Bookmarks.Select(b => b.ActivityId)
            .Concat(ExecutionState.Read(state.Execution).Arrivals.Where(a => a.Value.Count > 0).Select(a => a.Key))
            .Distinct();
        foreach (var activityId in waitingOn)
        {
            var was = from.Root.Activities.FirstOrDefault(a => a.Id == activityId);
            var now = to.Root.Activities.FirstOrDefault(a => a.Id == activityId);
            if (now is null) problems.Add($"Activity '{activityId}' is waiting but is not in version {to.Version}.");
            else if (now.Type != was?.Type) problems.Add($"Activity '{activityId}' is waiting as a {was?.Type} but is a {now.Type} in version {to.Version}.");
            else if (ChangedInputs(was, now) is { Count: > 0 } changed)
                problems.Add($"Activity '{activityId}' is waiting, and its {string.Join(", ", changed.Select(c => $"'{c}'"))} changed in version {to.Version}; " +
                    "its timer or wait was set from the old values.");
        }
        return new MigrationCheck(problems.Count == 0, problems) { Refusal = problems.Count == 0 ? MigrationRefusal.None : MigrationRefusal.Incompatible };
    }

    private static List<string> ChangedInputs(ActivityNode was, ActivityNode now) =>
        [.. was.Inputs.Select(i => i.Key).Union(now.Inputs.Select(i => i.Key)).Order(StringComparer.Ordinal)
            .Where(name => !JsonNode.DeepEquals(was.Inputs[name], now.Inputs[name]))];

    /// <summary>The same instance, pinned to <paramref name="to"/>: its bookmarks, variables and visit counts are kept.</summary>
    public static WorkflowInstanceState Migrate(WorkflowInstanceState state, WorkflowDefinition from, WorkflowDefinition to, DateTimeOffset at)
    {
        var check = Check(state, from, to);
        if (!check.Allowed) throw new InvalidOperationException($"Cannot move the instance to version {to.Version}: {string.Join(" ", check.Problems)}");
        return state with { DefinitionVersion = to.Version, UpdatedAt = at };
    }
}
