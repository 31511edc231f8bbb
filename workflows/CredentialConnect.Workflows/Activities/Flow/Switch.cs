using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Definitions;

namespace CredentialConnect.Workflows.Activities.Flow;

public sealed record SwitchCase(string Name, string Condition);

[Activity("Flow", "Switch", "Leaves through the first case whose condition is true, or Default.")]
[Ports(Ports.Default)]
public sealed class Switch : Activity, IDynamicPorts
{
    [Input(Description = "Cases in order, each a port name and a JavaScript condition.", UIHint = UIHints.Cases, Required = true)]
    public IReadOnlyList<SwitchCase> Cases { get; set; } = [];

    public override ActivityOutcome Execute(ActivityContext context) =>
        ActivityOutcome.Continue(Cases.FirstOrDefault(c => context.IsTrue(c.Condition))?.Name ?? Ports.Default);

    public IReadOnlyList<string>? PortsOf(JsonObject inputs) =>
        [.. (inputs["cases"] as JsonArray ?? []).Select(c => c?["name"]?.GetValue<string>()).OfType<string>(), Ports.Default];
}
