using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Runtime;
using CredentialConnect.Workflows.Tests.Support;
using static CredentialConnect.Workflows.Tests.Support.WorkflowHarness;

namespace CredentialConnect.Workflows.Tests;

public sealed class TemplateTests
{
    private readonly WorkflowHarness _harness = WorkflowHarness.WithRealExpressions();

    private IEnumerable<string> Sent => _harness.Effects.Select(e => $"day {(e.At - T0).TotalDays:0}: {e.Kind} {e.Payload["subject"] ?? e.Payload["title"] ?? e.Payload["status"]}");

    [Theory]
    [MemberData(nameof(ShippedTemplates.All), MemberType = typeof(ShippedTemplates))]
    public void Template_PassesTheValidatorWithoutWarnings(string name)
    {
        var result = _harness.Validator.Validate(ShippedTemplates.Load(name));

        Assert.Empty(result.Problems);
    }

    private static readonly JsonObject FailedExam = new()
    {
        ["programCode"] = "CPA", ["attemptNumber"] = 1, ["score"] = 58, ["maxScore"] = 100,
    };

    [Fact]
    public async Task FailedExamNurture_WithoutARetake_EncouragesOnDay3AndRemindsOnDay17()
    {
        _harness.Publish(ShippedTemplates.Load(ShippedTemplates.FailedExamNurture));

        await _harness.RaiseAsync("ExamFailed", T0, FailedExam, program: "CPA");
        await _harness.AdvanceToAsync(Day(60));

        Assert.Equal(
        [
            "day 3: email We believe in you",
            "day 3: community-message Study resources for your next CPA attempt",
            "day 17: email Your next CPA attempt is waiting",
        ], Sent);
        Assert.Contains("attempt 1", _harness.Effects[0].Payload["body"]!.GetValue<string>());
        Assert.Equal(WorkflowStatus.Finished, _harness.Instance.Status);
    }

    [Fact]
    public async Task FailedExamNurture_WhenTheMemberRegistersOnDay5_StopsWithoutAReminder()
    {
        _harness.Publish(ShippedTemplates.Load(ShippedTemplates.FailedExamNurture));

        await _harness.RaiseAsync("ExamFailed", T0, FailedExam, program: "CPA");
        await _harness.AdvanceToAsync(Day(5));
        await _harness.RaiseAsync("ExamRegistered", Day(5), program: "CPA");
        await _harness.AdvanceToAsync(Day(60));

        Assert.Equal(2, _harness.Effects.Count);
        Assert.All(_harness.Effects, e => Assert.Equal(Day(3), e.At));
        Assert.Equal((WorkflowStatus.Cancelled, 0), (_harness.Instance.Status, _harness.Instance.Bookmarks.Count));
    }

    private static JsonObject Expiring(int daysBefore) => new()
    {
        ["credentialId"] = "0195a4c1-0000-7000-8000-0000000000c1", ["number"] = "CPA-00042", ["cycle"] = 2,
        ["expiresAt"] = Day(90).ToString("yyyy-MM-dd"), ["daysBefore"] = daysBefore,
    };

    [Fact]
    public async Task RecertificationReminders_RemindAt90_30And7DaysByEmailAndInThePortal()
    {
        _harness.Publish(ShippedTemplates.Load(ShippedTemplates.RecertificationReminders));

        await _harness.RaiseAsync("CredentialExpiring", T0, Expiring(90));
        await _harness.RaiseAsync("CredentialExpiring", Day(30), Expiring(60));
        await _harness.AdvanceToAsync(Day(120));

        Assert.Equal(
        [
            "day 0: email Your credential CPA-00042 expires in 90 days", "day 0: portal-notification Renew within 90 days",
            "day 60: email Your credential CPA-00042 expires in 30 days", "day 60: portal-notification Renew within 30 days",
            "day 83: email Your credential CPA-00042 expires in 7 days", "day 83: portal-notification Renew within 7 days",
        ], Sent);
        Assert.Single(_harness.Store.Instances);
    }

    [Fact]
    public async Task RecertificationReminders_StopWhenTheCredentialIsRenewed()
    {
        _harness.Publish(ShippedTemplates.Load(ShippedTemplates.RecertificationReminders));

        await _harness.RaiseAsync("CredentialExpiring", T0, Expiring(90));
        await _harness.RaiseAsync("CredentialRenewed", Day(40));
        await _harness.AdvanceToAsync(Day(120));

        Assert.Equal(2, _harness.Effects.Count);
        Assert.Equal(WorkflowStatus.Cancelled, _harness.Instance.Status);
    }

    private Task SubmitAsync(bool eligible) =>
        _harness.Engine.HandleEventAsync(Event("ApplicationSubmitted", T0, new JsonObject { ["programCode"] = "CPA", ["eligible"] = eligible },
            program: "CPA", correlationId: "application-17"));

    [Fact]
    public async Task ApplicationApproval_WhenEligible_ApprovesAtOnceAndTellsTheApplicant()
    {
        _harness.Publish(ShippedTemplates.Load(ShippedTemplates.ApplicationApproval));

        await SubmitAsync(eligible: true);

        Assert.Equal(["day 0: update-application Approved", "day 0: email Your CPA application is approved"], Sent);
        Assert.Equal("application-17", _harness.Effects[0].Payload["correlationId"]!.GetValue<string>());
        Assert.Equal(WorkflowStatus.Finished, _harness.Instance.Status);
    }

    [Theory]
    [InlineData("Approved", "email Your CPA application is approved")]
    [InlineData("Rejected", "email About your CPA application")]
    public async Task ApplicationApproval_WhenNotEligible_AReviewerDecidesAfterAnEscalation(string decision, string email)
    {
        _harness.Publish(ShippedTemplates.Load(ShippedTemplates.ApplicationApproval));
        await SubmitAsync(eligible: false);
        await _harness.AdvanceToAsync(Day(6));
        var approval = _harness.Instance.Bookmarks.Single(b => b.Kind == BookmarkKind.Approval);

        await _harness.Engine.ResumeAsync(_harness.Instance.InstanceId, approval.Id,
            new JsonObject { ["decision"] = decision, ["comment"] = "Two years of supervised practice are documented." }, Day(7));

        Assert.Equal(
        [
            "day 0: approval-task ", "day 5: portal-notification An approval task is overdue",
            $"day 7: update-application {decision}", $"day 7: {email}",
        ], Sent);
        Assert.Equal("Two years of supervised practice are documented.", _harness.Effects[2].Payload["reason"]!.GetValue<string>());
        Assert.Equal(WorkflowStatus.Finished, _harness.Instance.Status);
    }
}
