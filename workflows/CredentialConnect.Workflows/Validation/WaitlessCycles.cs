using CredentialConnect.Workflows.Definitions;

namespace CredentialConnect.Workflows.Validation;

/// <summary>
/// Loops that never wait would spin the interpreter for ever. Taking the waiting activities out of the graph,
/// any cycle left is one without a wait.
/// </summary>
internal static class WaitlessCycles
{
    /// <summary>Each cycle as the activity ids along it, starting and ending with the same id.</summary>
    public static IEnumerable<IReadOnlyList<string>> Find(Flowchart flowchart, Func<ActivityNode, bool> waits)
    {
        var looping = flowchart.Activities.Where(a => !waits(a)).Select(a => a.Id).ToHashSet();
        var next = flowchart.Connections
            .Where(c => looping.Contains(c.Source.Activity) && looping.Contains(c.Target.Activity))
            .ToLookup(c => c.Source.Activity, c => c.Target.Activity);
        var done = new HashSet<string>();
        var path = new List<string>();
        var onPath = new HashSet<string>();
        var cycles = new List<IReadOnlyList<string>>();

        void Visit(string id)
        {
            path.Add(id);
            onPath.Add(id);
            foreach (var target in next[id].Distinct())
            {
                if (onPath.Contains(target)) cycles.Add([.. path.Skip(path.IndexOf(target)), target]);
                else if (!done.Contains(target)) Visit(target);
            }
            onPath.Remove(id);
            path.RemoveAt(path.Count - 1);
            done.Add(id);
        }

        foreach (var id in looping.Where(id => !done.Contains(id))) Visit(id);
        return cycles;
    }
}
