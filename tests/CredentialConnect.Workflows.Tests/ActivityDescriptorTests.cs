using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Activities;
using CredentialConnect.Workflows.Definitions;

namespace CredentialConnect.Workflows.Tests;

/// <summary>The descriptors are enough for a designer to draw every node, its ports and its property form.</summary>
public sealed class ActivityDescriptorTests
{
    private static readonly IReadOnlyList<ActivityDescriptor> Descriptors = ActivityRegistry.Default.Descriptors;

    private static ActivityDescriptor Of(string type) => Descriptors.Single(d => d.TypeName == type);

    [Fact]
    public void EveryActivity_HasAnInPortWithADescription_UnlessItIsATrigger()
    {
        Assert.All(Descriptors, d =>
        {
            if (d.IsTrigger) Assert.Null(d.InPort);
            else Assert.False(string.IsNullOrWhiteSpace(Assert.IsType<PortDescriptor>(d.InPort).Description), d.TypeName);
        });
        Assert.Equal(3, Descriptors.Count(d => d.InPort is null));
    }

    [Fact]
    public void EveryOutPort_IsListedWithItsOwnDescription()
    {
        Assert.All(Descriptors, d =>
        {
            Assert.Equal(d.Ports, d.OutPorts.Select(p => p.Name));
            Assert.All(d.OutPorts, p => Assert.False(string.IsNullOrWhiteSpace(p.Description) || p.Description.StartsWith("When the activity leaves by"), $"{d.TypeName}.{p.Name}"));
        });
        Assert.Equal("When the task is still undecided at its due date.", Of("ApprovalTask").OutPorts.Single(p => p.Name == Ports.TimedOut).Description);
        Assert.Empty(Of("End").OutPorts);
    }

    [Fact]
    public void ActivitiesWithPortsFromInputsOrConnections_SayHowTheyAreNamed()
    {
        Assert.All(Descriptors.Where(d => d.HasDynamicPorts), d => Assert.False(string.IsNullOrWhiteSpace(d.DynamicPorts), d.TypeName));
        Assert.All(Descriptors.Where(d => !d.HasDynamicPorts), d => Assert.Null(d.DynamicPorts));
    }

    [Fact]
    public void EveryCompositeInput_HasAJsonSchema_AndPlainInputsHaveNone()
    {
        var inputs = Descriptors.SelectMany(d => d.Inputs.Select(i => (Activity: d.TypeName, Input: i))).ToList();

        Assert.All(inputs.Where(i => i.Input.Type is "Object" or "Array"), i => Assert.NotNull(i.Input.Schema));
        Assert.All(inputs.Where(i => i.Input.Type is not ("Object" or "Array")), i => Assert.Null(i.Input.Schema));
    }

    [Fact]
    public void SwitchCasesSchema_IsAListOfNamedJavaScriptConditions()
    {
        var schema = Of("Switch").Inputs.Single(i => i.Name == "cases").Schema!;

        Assert.Equal("array", schema["type"]!.GetValue<string>());
        var properties = schema["items"]!["properties"]!.AsObject();
        Assert.Equal(["condition", "name"], properties.Select(p => p.Key).Order());
        Assert.Equal("string", properties["condition"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void EscalationSchema_HasADurationAndOneOfTheRoles()
    {
        var schema = Of("ApprovalTask").Inputs.Single(i => i.Name == "escalation").Schema!;

        Assert.Equal("duration", schema["properties"]!["after"]!["format"]!.GetValue<string>());
        Assert.Equal(WorkflowRoles.All, schema["properties"]!["notifyRole"]!["enum"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public void WebhookBodySchema_AcceptsAnyJsonValue()
    {
        var schema = Of("HttpWebhook").Inputs.Single(i => i.Name == "body").Schema!;

        Assert.Null(schema["type"]);
        Assert.Contains("Any JSON value", schema["description"]!.GetValue<string>());
    }

    [Fact]
    public void RoleInputs_OfferTheHubsRoles()
    {
        Assert.Equal(WorkflowRoles.All, Of("ApprovalTask").Inputs.Single(i => i.Name == "assigneeRole").Options);
        Assert.Equal(WorkflowRoles.All, Of("NotifyInPortal").Inputs.Single(i => i.Name == "role").Options);
    }

    [Fact]
    public void ExpressionInputs_ListTheNamesInScope_AndOtherInputsNone()
    {
        var subject = Of("SendEmail").Inputs.Single(i => i.Name == "subject");
        var cases = Of("Switch").Inputs.Single(i => i.Name == "cases");
        var tag = Of("AddTag").Inputs.Single(i => i.Name == "tag");

        Assert.Equal(["input", "variables", "now"], subject.Scope!.Select(v => v.Name).Take(3));
        Assert.All(subject.Scope!, v => Assert.False(string.IsNullOrWhiteSpace(v.Description)));
        Assert.NotNull(cases.Scope);
        Assert.Null(tag.Scope);
    }

    [Fact]
    public void APosition_IsTyped_AndRoundTripsThroughTheDefinitionJson()
    {
        const string json = """
            {"definitionId":"d","name":"d","root":{"activities":[{"id":"a","type":"AddTag","position":{"x":120.5,"y":40}}]}}
            """;

        var definition = WorkflowDefinitionJson.Parse(json);
        var again = WorkflowDefinitionJson.Parse(WorkflowDefinitionJson.Write(definition));

        Assert.Equal(new DesignerPosition(120.5, 40), definition.Root.Activities[0].Position);
        Assert.Equal(definition.Root.Activities[0].Position, again.Root.Activities[0].Position);
        Assert.Equal(40, JsonNode.Parse(WorkflowDefinitionJson.Write(definition))!["root"]!["activities"]![0]!["position"]!["y"]!.GetValue<double>());
    }
}
