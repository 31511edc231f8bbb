using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Runtime;
using CredentialConnect.Workflows.Tests.Support;
using static CredentialConnect.Workflows.Tests.Support.WorkflowHarness;

namespace CredentialConnect.Workflows.Tests;

public sealed class ActionActivityTests
{
    private readonly WorkflowHarness _harness = new();

    private async Task<Effect> RunActionAsync(string type, JsonObject inputs, JsonObject? data = null)
    {
        _harness.Publish(new FlowBuilder().Trigger("ExamFailed").Then("action", type, inputs).Build());
        await _harness.Engine.HandleEventAsync(Event("ExamFailed", T0, data, program: "CPA", correlationId: "app-7"));
        return Assert.Single(_harness.Effects);
    }

    [Fact]
    public async Task SendEmail_RendersItsTemplatesAndGoesToTheMemberByDefault()
    {
        var effect = await RunActionAsync("SendEmail",
            FlowBuilder.Email("Your {{ input.programCode }} result", "Attempt {{ input.attemptNumber }}"),
            new JsonObject { ["programCode"] = "CPA", ["attemptNumber"] = 2 });

        Assert.Equal("email", effect.Kind);
        Assert.Equal("Your CPA result", effect.Payload["subject"]!.GetValue<string>());
        Assert.Equal("Attempt 2", effect.Payload["body"]!.GetValue<string>());
        Assert.Null(effect.Payload["to"]);
        Assert.Equal(Member, effect.Payload["memberId"]!.GetValue<Guid>());
        Assert.Equal($"{_harness.Instance.InstanceId}/action/1", effect.IdempotencyKey);
        Assert.Equal(T0, effect.At);
    }

    [Fact]
    public async Task SendEmail_ToAnAddress_KeepsIt()
    {
        var inputs = FlowBuilder.Email("Hello");
        inputs["to"] = "registrar@example.org";

        var effect = await RunActionAsync("SendEmail", inputs);

        Assert.Equal("registrar@example.org", effect.Payload["to"]!.GetValue<string>());
    }

    [Fact]
    public async Task SendEmail_WithALiquidExpressionObject_RendersIt()
    {
        var inputs = FlowBuilder.Email("");
        inputs["subject"] = new JsonObject { ["expression"] = "Hi {{ input.name }}", ["language"] = "Liquid" };

        var effect = await RunActionAsync("SendEmail", inputs, new JsonObject { ["name"] = "Ada" });

        Assert.Equal("Hi Ada", effect.Payload["subject"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("SendCommunityMessage", "community-message", "title")]
    [InlineData("GrantCommunityBadge", "community-badge", "badge")]
    [InlineData("NotifyInPortal", "portal-notification", "title")]
    [InlineData("AddTag", "add-tag", "tag")]
    [InlineData("UpdateApplication", "update-application", "status")]
    [InlineData("HttpWebhook", "http-webhook", "url")]
    public async Task Action_EmitsItsEffectWithItsInputs(string type, string kind, string input)
    {
        var inputs = new JsonObject { ["title"] = "T", ["body"] = "B", ["message"] = "M", ["badge"] = "Retake ready",
            ["tag"] = "needs-retake", ["status"] = "Approved", ["url"] = "https://hooks.example.org/cc" };
        var registry = Activities.ActivityRegistry.Default.Find(type)!;
        var own = new JsonObject(registry.Inputs.Where(i => inputs.ContainsKey(i.Name)).Select(i => KeyValuePair.Create(i.Name, (JsonNode?)inputs[i.Name]!.DeepClone())));

        var effect = await RunActionAsync(type, own);

        Assert.Equal(kind, effect.Kind);
        Assert.Equal(inputs[input]!.GetValue<string>(), effect.Payload[input]!.GetValue<string>());
        Assert.Equal("app-7", effect.Payload["correlationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task AwardCredential_WithoutAProgram_AwardsTheFlowsProgram()
    {
        var effect = await RunActionAsync("AwardCredential", []);

        Assert.Equal(("award-credential", "CPA"), (effect.Kind, effect.Payload["program"]!.GetValue<string>()));
    }

    [Fact]
    public async Task HttpWebhook_PostsByDefaultWithABodyBuiltByAnExpression()
    {
        _harness.Scripts.Returns("({ score: input.score })", s => new Dictionary<string, object?> { ["score"] = s.Input["score"] });
        var inputs = new JsonObject { ["url"] = "https://hooks.example.org/cc", ["body"] = new JsonObject { ["expression"] = "({ score: input.score })" } };

        var effect = await RunActionAsync("HttpWebhook", inputs, new JsonObject { ["score"] = 61 });

        Assert.Equal("POST", effect.Payload["method"]!.GetValue<string>());
        Assert.Equal(61, effect.Payload["body"]!["score"]!.GetValue<double>());
    }

    [Fact]
    public async Task SetVariable_StoresTheExpressionsValueWithoutAnEffect()
    {
        _harness.Scripts.Returns("input.score + 5", s => (double)s.Input["score"]! + 5);
        _harness.Publish(new FlowBuilder().Trigger("ExamFailed")
            .Then("remember", "SetVariable", new() { ["name"] = "target", ["value"] = "input.score + 5" }).Build());

        await _harness.RaiseAsync("ExamFailed", T0, new JsonObject { ["score"] = 60 });

        Assert.Empty(_harness.Effects);
        Assert.Equal(65, _harness.Instance.Variables["target"]!.GetValue<double>());
    }

    [Fact]
    public async Task ActionRunAgainInALoop_GetsTheNextVisitInItsKey()
    {
        _harness.Publish(new FlowBuilder().Trigger("ExamFailed")
            .Then("tag", "AddTag", new() { ["tag"] = "nudged" })
            .Then("wait", "Delay", new() { ["duration"] = "P1D" })
            .Connect("wait", "tag").Build());
        await _harness.RaiseAsync("ExamFailed", T0);

        await _harness.AdvanceToAsync(Day(1));

        var id = _harness.Instance.InstanceId;
        Assert.Equal([$"{id}/tag/1", $"{id}/tag/2"], _harness.Effects.Select(e => e.IdempotencyKey));
        Assert.Equal([T0, Day(1)], _harness.Effects.Select(e => e.At));
    }
}
