using CredentialConnect.Workflows.Activities;
using CredentialConnect.Workflows.Definitions;

namespace CredentialConnect.Workflows.Tests;

public sealed class ActivityRegistryTests
{
    private static readonly ActivityRegistry Registry = ActivityRegistry.Default;

    [Fact]
    public void Descriptors_ListEveryActivityOfTheSet()
    {
        string[] expected =
        [
            "OnEvent", "OnSchedule", "Manual", "Delay", "WaitUntil", "Decision", "Switch", "WaitForEvent", "Fork", "Join", "End",
            "ApprovalTask", "SendEmail", "SendCommunityMessage", "GrantCommunityBadge", "NotifyInPortal", "AwardCredential",
            "UpdateApplication", "SetVariable", "AddTag", "HttpWebhook",
        ];

        var names = Registry.Descriptors.Select(d => d.TypeName);

        Assert.Equal(expected.Order(), names.Order());
    }

    [Fact]
    public void SendEmail_DescribesItsInputsWithHintsAndRequiredness()
    {
        var email = Registry.Find("SendEmail")!;

        Assert.Equal(("Messaging", "Send email"), (email.Category, email.DisplayName));
        var subject = Assert.Single(email.Inputs, i => i.Name == "subject");
        Assert.Equal((UIHints.Liquid, true, "String"), (subject.UIHint, subject.Required, subject.Type));
        Assert.False(Assert.Single(email.Inputs, i => i.Name == "to").Required);
        Assert.Equal([Ports.Done], email.Ports);
    }

    [Fact]
    public void FlowActivities_DeclareTheirPortsOutputsAndWaiting()
    {
        Assert.Equal([Ports.True, Ports.False], Registry.Find("Decision")!.Ports);
        Assert.Equal([Ports.Approved, Ports.Rejected, Ports.TimedOut], Registry.Find("ApprovalTask")!.Ports);
        Assert.Equal([Ports.Done, Ports.TimedOut], Registry.Find("WaitForEvent")!.Ports);
        Assert.Equal("event", Assert.Single(Registry.Find("WaitForEvent")!.Outputs).Name);
        Assert.Empty(Registry.Find("End")!.Ports);
        Assert.True(Registry.Find("Fork")!.HasDynamicPorts);
        Assert.All(["Delay", "WaitUntil", "WaitForEvent", "ApprovalTask"], t => Assert.True(Registry.Find(t)!.IsWaiting));
        Assert.False(Registry.Find("Decision")!.IsWaiting);
    }

    [Fact]
    public void Triggers_AreFlaggedAndOnEventFilterDefaultsToTrue()
    {
        var triggers = Registry.Descriptors.Where(d => d.IsTrigger).Select(d => d.TypeName).Order();
        var filter = Registry.Find("OnEvent")!.Inputs.Single(i => i.Name == "filter");

        Assert.Equal(["Manual", "OnEvent", "OnSchedule"], triggers);
        Assert.Equal((UIHints.JavaScript, "true"), (filter.UIHint, filter.DefaultValue?.ToJsonString()));
    }

    [Fact]
    public void EnumAndListedInputs_OfferTheirOptions()
    {
        var mode = Registry.Find("Join")!.Inputs.Single(i => i.Name == "mode");
        var status = Registry.Find("UpdateApplication")!.Inputs.Single(i => i.Name == "status");

        Assert.Equal(["All", "Any"], mode.Options);
        Assert.Equal("\"All\"", mode.DefaultValue?.ToJsonString());
        Assert.Equal(["InReview", "Approved", "Rejected"], status.Options);
    }
}
