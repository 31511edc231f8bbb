using CredentialConnect.Workflows.Definitions;

namespace CredentialConnect.Workflows.Runtime;

/// <summary>A definition's flowchart indexed for walking: nodes by id, connections by source and by target.</summary>
public sealed class FlowGraph
{
    private readonly ILookup<string, Connection> _outgoing;
    private readonly ILookup<string, Connection> _incoming;

    public FlowGraph(Flowchart flowchart)
    {
        Nodes = flowchart.Activities.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First());
        _outgoing = flowchart.Connections.ToLookup(c => c.Source.Activity);
        _incoming = flowchart.Connections.ToLookup(c => c.Target.Activity);
    }

    public IReadOnlyDictionary<string, ActivityNode> Nodes { get; }

    public IEnumerable<Connection> Outgoing(string activityId) => _outgoing[activityId];

    public IReadOnlyList<string> OutgoingPorts(string activityId) => [.. _outgoing[activityId].Select(c => c.Source.Port)];

    public IReadOnlyList<string> InboundSources(string activityId) => [.. _incoming[activityId].Select(c => c.Source.Activity).Distinct()];

    /// <summary>Every activity from which <paramref name="activityId"/> can be reached.</summary>
    public IReadOnlySet<string> Ancestors(string activityId)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>([activityId]);
        while (queue.TryDequeue(out var current))
            foreach (var source in _incoming[current].Select(c => c.Source.Activity))
                if (seen.Add(source)) queue.Enqueue(source);
        return seen;
    }

    /// <summary>Every activity reachable from <paramref name="starts"/>, the starts included.</summary>
    public IReadOnlySet<string> Reachable(IEnumerable<string> starts)
    {
        var seen = new HashSet<string>(starts);
        var queue = new Queue<string>(seen);
        while (queue.TryDequeue(out var current))
            foreach (var target in _outgoing[current].Select(c => c.Target.Activity))
                if (seen.Add(target)) queue.Enqueue(target);
        return seen;
    }
}
