using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Activities;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;

namespace CredentialConnect.Workflows.Simulation;

/// <summary>
/// "What would this flow do to these members?" Each member's history is replayed through the real engine against a
/// simulated clock and a private in-memory store: events at their times (recorded ones and those the hub's schedule
/// will raise), timers when they fall due, and reviewers' decisions as the options choose. Nothing is written to the
/// host's store and no effect leaves the simulation. Every member's result says why it is what it is, and the result
/// lists what would go wrong for everyone (<see cref="SimulationResult.Findings"/>).
/// </summary>
public sealed class WorkflowSimulator(IWorkflowRunner runner, ActivityRegistry? registry = null)
{
    public Task<SimulationResult> RunAsync(WorkflowDefinition definition, IEnumerable<MemberHistory> histories,
        DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        RunAsync(definition, histories, from, until, new SimulationOptions(), cancellationToken);

    public async Task<SimulationResult> RunAsync(WorkflowDefinition definition, IEnumerable<MemberHistory> histories,
        DateTimeOffset from, DateTimeOffset until, SimulationOptions options, CancellationToken cancellationToken = default)
    {
        var members = new List<MemberSimulation>();
        foreach (var history in histories)
            members.Add(await SimulateAsync(definition, history, from, until, options, cancellationToken));
        return new SimulationResult(members) { Findings = SimulationFindings.Of(definition, registry ?? ActivityRegistry.Default) };
    }

    private async Task<MemberSimulation> SimulateAsync(WorkflowDefinition definition, MemberHistory history,
        DateTimeOffset from, DateTimeOffset until, SimulationOptions options, CancellationToken cancellationToken)
    {
        // A draft is simulated as if it were published, alone in its own store.
        var store = new InMemoryWorkflowStore();
        store.Add(definition with { IsPublished = true });
        var engine = new WorkflowEngine(store, runner);
        var replayed = history.Events.Select(e => (Trigger: e, Projected: false))
            .Concat(history.Projected.Select(e => (Trigger: e, Projected: true)))
            .Where(e => e.Trigger.At >= from && e.Trigger.At <= until)
            .Select(e => (Trigger: e.Trigger with { MemberId = history.MemberId }, e.Projected))
            .OrderBy(e => e.Trigger.At)
            .ToList();
        var events = new Queue<WorkflowTrigger>(replayed.Select(e => e.Trigger));
        var decisions = new ReviewerDecisions(options);

        while (true)
        {
            var timer = store.DueBookmarks(until).FirstOrDefault();
            var nextEvent = events.Count > 0 ? events.Peek() : null;
            var decision = decisions.Next(until);
            var next = new[] { nextEvent?.At, timer.Bookmark?.ResumeAt, decision?.At }.Where(t => t is not null).Min();
            if (next is not { } at) break;

            // An event and a timer at the same moment: the event first, as a member's action may make the timer moot.
            if (nextEvent is not null && nextEvent.At == at)
            {
                await engine.HandleEventAsync(events.Dequeue(), cancellationToken);
                decisions.Open(store, at);
            }
            else if (decision is not null && decision.At == at)
            {
                decisions.Take(decision);
                await engine.ResumeAsync(decision.InstanceId, decision.BookmarkId, decision.Payload, at, cancellationToken);
                decisions.Open(store, at);
            }
            else
            {
                await engine.ResumeAsync(timer.InstanceId, timer.Bookmark!.Id, null, timer.Bookmark.ResumeAt!.Value, cancellationToken);
                decisions.Open(store, at);
            }
        }

        var instances = store.Instances.Where(i => i.DefinitionId == definition.DefinitionId).OrderBy(i => i.CreatedAt).ToList();
        var startedAt = instances.Select(i => (DateTimeOffset?)i.CreatedAt).FirstOrDefault() ?? from;
        var effects = store.Outbox
            .Select(e => new SimulatedEffect(e.At, (int)(e.At - startedAt).TotalDays, e.Kind, Summarize(e), e.Payload))
            .OrderBy(e => e.At)
            .ToList();
        var journals = instances.ToDictionary(i => i.InstanceId, i => store.JournalOf(i.InstanceId));
        var explanation = SimulationExplanation.Explain(definition, [.. replayed.Select(e => e.Trigger)], instances, journals, from, until, options);
        return new MemberSimulation(history.MemberId, effects, instances.LastOrDefault()?.Status, [.. journals.Values.SelectMany(j => j)])
        {
            Explanation = explanation,
            Events = [.. replayed.Select(e => new SimulatedEvent(e.Trigger.At, e.Trigger.Type, e.Projected))],
        };
    }

    private static string Summarize(Effect effect)
    {
        string? Field(string name) => effect.Payload[name]?.ToString();
        return Field("subject") ?? Field("title") ?? Field("badge") ?? Field("status") ?? Field("tag") ?? Field("url") ?? effect.Kind;
    }

    /// <summary>The approval tasks opened so far, each decided once, at its opening plus the reviewer's delay.</summary>
    private sealed class ReviewerDecisions(SimulationOptions options)
    {
        private readonly HashSet<Guid> _seen = [];
        private readonly List<Decision> _pending = [];

        public void Open(InMemoryWorkflowStore store, DateTimeOffset at)
        {
            if (options.ReviewerOutcome is not (ReviewerOutcome.Approved or ReviewerOutcome.Rejected) || options.ReviewerOutcome is not { } outcome) return;
            foreach (var instance in store.Instances)
                foreach (var bookmark in instance.Bookmarks.Where(b => b.Kind == BookmarkKind.Approval && _seen.Add(b.Id)))
                    _pending.Add(new Decision(instance.InstanceId, bookmark.Id, at + (options.ReviewerDecidesAfter ?? SimulationOptions.DefaultReviewerDelay),
                        new JsonObject { ["decision"] = outcome.ToString(), ["comment"] = "Decided in a simulation." }));
        }

        public Decision? Next(DateTimeOffset until) => _pending.Where(d => d.At <= until).MinBy(d => d.At);

        public void Take(Decision decision) => _pending.Remove(decision);
    }

    private sealed record Decision(Guid InstanceId, Guid BookmarkId, DateTimeOffset At, JsonObject Payload);
}
