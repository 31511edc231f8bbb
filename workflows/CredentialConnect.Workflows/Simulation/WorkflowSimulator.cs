using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;

namespace CredentialConnect.Workflows.Simulation;

/// <summary>
/// "What would this flow do to these members?" Each member's history is replayed through the real engine against a
/// simulated clock and a private in-memory store: events at their times, timers when they fall due. Nothing is
/// written to the host's store and no effect leaves the simulation.
/// </summary>
public sealed class WorkflowSimulator(IWorkflowRunner runner)
{
    public async Task<SimulationResult> RunAsync(WorkflowDefinition definition, IEnumerable<MemberHistory> histories,
        DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var members = new List<MemberSimulation>();
        foreach (var history in histories)
            members.Add(await SimulateAsync(definition, history, from, until, cancellationToken));
        return new SimulationResult(members);
    }

    private async Task<MemberSimulation> SimulateAsync(WorkflowDefinition definition, MemberHistory history,
        DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        // A draft is simulated as if it were published, alone in its own store.
        var store = new InMemoryWorkflowStore();
        store.Add(definition with { IsPublished = true });
        var engine = new WorkflowEngine(store, runner);
        var events = new Queue<WorkflowTrigger>(history.Events
            .Where(e => e.At >= from && e.At <= until)
            .Select(e => e with { MemberId = history.MemberId })
            .OrderBy(e => e.At));

        while (true)
        {
            var timer = store.DueBookmarks(until).FirstOrDefault();
            var nextEvent = events.Count > 0 ? events.Peek() : null;
            if (nextEvent is null && timer.Bookmark is null) break;

            // An event and a timer at the same moment: the event first, as a member's action may make the timer moot.
            if (nextEvent is not null && (timer.Bookmark is null || nextEvent.At <= timer.Bookmark.ResumeAt))
                await engine.HandleEventAsync(events.Dequeue(), cancellationToken);
            else
                await engine.ResumeAsync(timer.InstanceId, timer.Bookmark!.Id, null, timer.Bookmark.ResumeAt!.Value, cancellationToken);
        }

        var instances = store.Instances.Where(i => i.DefinitionId == definition.DefinitionId).OrderBy(i => i.CreatedAt).ToList();
        var startedAt = instances.Select(i => (DateTimeOffset?)i.CreatedAt).FirstOrDefault() ?? from;
        var effects = store.Outbox
            .Select(e => new SimulatedEffect(e.At, (int)(e.At - startedAt).TotalDays, e.Kind, Summarize(e), e.Payload))
            .OrderBy(e => e.At)
            .ToList();
        var journal = instances.SelectMany(i => store.JournalOf(i.InstanceId)).ToList();
        return new MemberSimulation(history.MemberId, effects, instances.LastOrDefault()?.Status, journal);
    }

    private static string Summarize(Effect effect)
    {
        string? Field(string name) => effect.Payload[name]?.ToString();
        return Field("subject") ?? Field("title") ?? Field("badge") ?? Field("status") ?? Field("tag") ?? Field("url") ?? effect.Kind;
    }
}
