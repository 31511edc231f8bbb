using System.Text.Json.Nodes;

namespace CredentialConnect.Workflows.Activities.Flow;

[Activity("Flow", "Fork", "Runs every outgoing branch at once; name each connection's port as you like.")]
public sealed class Fork : Activity, IDynamicPorts
{
    public override ActivityOutcome Execute(ActivityContext context) => ActivityOutcome.Continue([.. context.OutgoingPorts.Distinct()]);

    public IReadOnlyList<string>? PortsOf(JsonObject inputs) => null;
}
