using CredentialConnect.Workflows.Activities;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Expressions;

namespace CredentialConnect.Workflows.Simulation;

/// <summary>
/// What a simulation reports about the flow itself rather than one member: every variable a Liquid template reads that
/// nothing provides. The run renders those as nothing ("Dear , …"), so the timeline alone would look fine.
/// </summary>
public static class SimulationFindings
{
    public static IReadOnlyList<SimulationFinding> Of(WorkflowDefinition definition, ActivityRegistry registry)
    {
        var findings = new List<SimulationFinding>();
        foreach (var node in definition.Root.Activities)
        {
            if (registry.Find(node.Type) is not { } descriptor) continue;
            foreach (var input in descriptor.Inputs)
            {
                if (InputReader.CodeOf(node.Inputs[input.Name], input.UIHint) is not (ExpressionLanguages.Liquid, var template)) continue;
                foreach (var unknown in TemplateVariables.Unknown(template))
                    findings.Add(new(node.Id, input.Name,
                        $"Activity '{node.Id}' input '{input.Name}' reads '{unknown}', which nothing provides: every member would see it rendered as nothing."));
            }
        }
        return findings;
    }
}
