using CredentialConnect.Workflows.Definitions;

namespace CredentialConnect.Workflows.Runtime;

public sealed record MigrationCheck(bool Allowed, IReadOnlyList<string> Problems);

/// <summary>
/// Moves a running instance to another version of its definition. It is allowed only when every activity the
/// instance waits on exists in the target with the same type; completed activities never run again.
/// </summary>
public static class WorkflowMigration
{
    public static MigrationCheck Check(WorkflowInstanceState state, WorkflowDefinition from, WorkflowDefinition to)
    {
        var problems = new List<string>();
        if (from.DefinitionId != to.DefinitionId) problems.Add($"Version {to.Version} belongs to '{to.DefinitionId}', not '{from.DefinitionId}'.");
        if (state.Status is not (WorkflowStatus.Running or WorkflowStatus.Suspended)) problems.Add($"The instance is {state.Status}; only running or suspended instances move.");

        var waitingOn = state.Bookmarks.Select(b => b.ActivityId)
            .Concat(ExecutionState.Read(state.Execution).Arrivals.Where(a => a.Value.Count > 0).Select(a => a.Key))
            .Distinct();
        foreach (var activityId in waitingOn)
        {
            var was = from.Root.Activities.FirstOrDefault(a => a.Id == activityId)?.Type;
            var now = to.Root.Activities.FirstOrDefault(a => a.Id == activityId)?.Type;
            if (now is null) problems.Add($"Activity '{activityId}' is waiting but is not in version {to.Version}.");
            else if (now != was) problems.Add($"Activity '{activityId}' is waiting as a {was} but is a {now} in version {to.Version}.");
        }
        return new MigrationCheck(problems.Count == 0, problems);
    }

    /// <summary>The same instance, pinned to <paramref name="to"/>: its bookmarks, variables and visit counts are kept.</summary>
    public static WorkflowInstanceState Migrate(WorkflowInstanceState state, WorkflowDefinition from, WorkflowDefinition to, DateTimeOffset at)
    {
        var check = Check(state, from, to);
        if (!check.Allowed) throw new InvalidOperationException($"Cannot move the instance to version {to.Version}: {string.Join(" ", check.Problems)}");
        return state with { DefinitionVersion = to.Version, UpdatedAt = at };
    }
}
