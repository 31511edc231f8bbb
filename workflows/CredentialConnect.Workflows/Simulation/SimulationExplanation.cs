using System.Globalization;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;

namespace CredentialConnect.Workflows.Simulation;

/// <summary>
/// Says in words why a member's simulated timeline is what it is: no event to start it, what cancelled it, what it
/// still waits on when the simulated clock stops, or that it ran to its end.
/// </summary>
internal static class SimulationExplanation
{
    public static string Explain(WorkflowDefinition definition, IReadOnlyList<WorkflowTrigger> events,
        IReadOnlyList<WorkflowInstanceState> instances, IReadOnlyDictionary<Guid, IReadOnlyList<JournalEntry>> journals,
        DateTimeOffset from, DateTimeOffset until, SimulationOptions options)
    {
        if (instances.Count == 0) return NotStarted(definition, events, from, until);
        var lines = instances.Select(i => Of(i, journals[i.InstanceId], until, options)).ToList();
        return lines.Count == 1 ? lines[0] : $"{lines.Count} instances started. " + string.Join(" ", lines.Select((l, i) => $"{i + 1}: {l}"));
    }

    private static string NotStarted(WorkflowDefinition definition, IReadOnlyList<WorkflowTrigger> events, DateTimeOffset from, DateTimeOffset until)
    {
        var period = $"between {Day(from)} and {Day(until)}";
        var starts = TriggerIndex.TriggerTypes(definition);
        var wanted = starts.Count > 0 ? string.Join(" or ", starts) : "no trigger";
        if (events.Count == 0) return $"The flow never started: the member had no event {period}; it starts on {wanted}.";

        var matching = events.Where(e => starts.Contains(e.Type)).ToList();
        if (matching.Count == 0)
        {
            var had = string.Join(", ", events.GroupBy(e => e.Type).Select(g => g.Count() > 1 ? $"{g.Key} ×{g.Count()}" : g.Key));
            return $"The flow never started: no {wanted} {period}. The member's events were {had}.";
        }
        var first = matching[0];
        var program = definition.Program is { } code && matching.All(e => e.Program != code)
            ? $" they were for program {string.Join(", ", matching.Select(e => e.Program ?? "none").Distinct())}, and the flow is for {code}."
            : " the trigger's program or filter did not accept them.";
        return $"The flow never started: the member had {matching.Count} {first.Type} event(s) {period} (first on {Day(first.At)}), but{program}";
    }

    private static string Of(WorkflowInstanceState instance, IReadOnlyList<JournalEntry> journal, DateTimeOffset until, SimulationOptions options)
    {
        var started = $"Started on {Day(instance.CreatedAt)}";
        switch (instance.Status)
        {
            case WorkflowStatus.Finished:
                var end = journal.LastOrDefault(j => j.Event == "Finished");
                return $"{started}; finished on {Day(end?.At ?? instance.UpdatedAt)}{(end?.Message is { } m ? $" ({m})" : "")}.";
            case WorkflowStatus.Cancelled:
                var cancel = journal.LastOrDefault(j => j.Event == "Cancelled");
                return $"{started}; cancelled on {Day(cancel?.At ?? instance.UpdatedAt)}: {cancel?.Message ?? "cancelled."}";
            case WorkflowStatus.Faulted:
                var incident = instance.Incidents.LastOrDefault(i => !i.Resolved);
                return $"{started}; stopped on an incident at '{incident?.ActivityId}': {incident?.Message}";
            default:
                var waits = instance.Bookmarks.Select(b => Waiting(b, until, options)).ToList();
                return waits.Count == 0
                    ? $"{started}; still running when the simulation ended on {Day(until)}."
                    : $"{started}; when the simulation ended on {Day(until)} it was {string.Join("; and ", waits)}.";
        }
    }

    private static string Waiting(Bookmark bookmark, DateTimeOffset until, SimulationOptions options) => bookmark.Kind switch
    {
        BookmarkKind.Timer => $"waiting at '{bookmark.ActivityId}' until {Day(bookmark.ResumeAt ?? until)}, beyond the simulated period",
        BookmarkKind.Event => $"waiting at '{bookmark.ActivityId}' for {bookmark.Stimulus?.Split(':')[0]}"
            + (bookmark.ResumeAt is { } timeout ? $" (it times out on {Day(timeout)}, beyond the simulated period)" : ", which did not arrive"),
        _ => $"waiting at '{bookmark.ActivityId}' for a reviewer's decision"
            + (options.ReviewerOutcome is null ? " (choose a reviewer outcome to play one)" : "")
            + (bookmark.ResumeAt is { } due ? $", due on {Day(due)}" : ""),
    };

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
