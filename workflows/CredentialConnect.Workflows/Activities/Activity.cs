using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Runtime;

namespace CredentialConnect.Workflows.Activities;

/// <summary>
/// One step of a flowchart. A fresh instance runs each time, with its <see cref="InputAttribute"/> properties
/// already bound from the definition. It never performs I/O: it asks for effects and bookmarks through the context.
/// </summary>
public abstract class Activity
{
    public abstract ActivityOutcome Execute(ActivityContext context);

    /// <summary>Called when one of this activity's bookmarks is resumed; by default it leaves through <c>Done</c>.</summary>
    public virtual ActivityOutcome Resume(ActivityContext context, Bookmark bookmark, JsonObject? payload) => ActivityOutcome.Done;
}

/// <summary>A trigger decides whether an event, a schedule or a person starts its flow.</summary>
public interface ITriggerActivity
{
    bool Accepts(WorkflowTrigger trigger);
}

/// <summary>An activity whose ports depend on its inputs (Switch) or its connections (Fork).</summary>
public interface IDynamicPorts
{
    /// <summary>The ports this node can leave through; null when any port is allowed.</summary>
    IReadOnlyList<string>? PortsOf(JsonObject inputs);
}
