using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;
using CredentialConnect.Workflows.Tests.Support;
using static CredentialConnect.Workflows.Tests.Support.WorkflowHarness;

namespace CredentialConnect.Workflows.Tests;

/// <summary>The shipped templates walked through whole cycles on a fake clock, for members at different starting points.</summary>
public sealed class TemplateTests
{
    private readonly WorkflowHarness _harness = WorkflowHarness.WithRealExpressions();

    private IEnumerable<string> Sent => _harness.Effects.Select(e => $"day {(e.At - T0).TotalDays:0}: {e.Kind} {e.Payload["subject"] ?? e.Payload["title"] ?? e.Payload["status"]}");

    private string Body(int index) => (_harness.Effects[index].Payload["body"] ?? _harness.Effects[index].Payload["message"])!.GetValue<string>();

    private static WorkflowDefinition ForProgram(string template, string program) =>
        ShippedTemplates.Load(template) with { DefinitionId = $"{program.ToLowerInvariant()}-{template}", Program = program };

    [Theory]
    [MemberData(nameof(ShippedTemplates.All), MemberType = typeof(ShippedTemplates))]
    public void Template_PassesTheValidatorWithoutWarnings(string name)
    {
        var result = _harness.Validator.Validate(ShippedTemplates.Load(name));

        Assert.Empty(result.Problems);
    }

    // ---- Failed exam nurture

    private static JsonObject Failed(int attempt, decimal score = 58) => new()
    {
        ["attemptId"] = $"attempt-{attempt}", ["programCode"] = "CPA", ["attemptNumber"] = attempt, ["score"] = score, ["maxScore"] = 100,
    };

    private Task FailAsync(int attempt, DateTimeOffset at, string program = "CPA", TemplateContexts? context = null) =>
        _harness.RaiseAsync("ExamFailed", at, Failed(attempt), (context ?? new TemplateContexts()).Build(), program, $"attempt-{attempt}");

    [Fact]
    public async Task FailedExamNurture_OnTheDayOfTheFail_GivesTheScoreAgainstThePassMarkTheAttemptsLeftAndTheRetakeDate()
    {
        _harness.Publish(ForProgram(ShippedTemplates.FailedExamNurture, "CPA"));

        await FailAsync(1, T0);

        Assert.Equal(
        [
            "day 0: email Your Certified Planning Associate exam result and your next attempt",
            "day 0: community-message Study resources for your next Certified Planning Associate attempt",
        ], Sent);
        Assert.Equal(
            "Dear Ada,\n\nYou scored 58 out of 100 on attempt 1 of the Certified Planning Associate exam; the pass mark is 70.\n\n" +
            "You have 2 attempts left. You can sit the exam again from 2 April 2025.\n\n" +
            "To prepare:\n- the practice exam and its worked answers\n- the weekly study group in the community\n- the exam content outline\n\n" +
            "Reply to this email if you would like to talk your result through with our certification team.\n\nSociety of Planners", Body(0));
    }

    [Fact]
    public async Task FailedExamNurture_RemindsOnlyOnceTheProgramsRetakeWaitIsOver()
    {
        _harness.Publish(ForProgram(ShippedTemplates.FailedExamNurture, "CPA"));

        await FailAsync(1, T0);
        await _harness.AdvanceToAsync(Day(120));

        Assert.Equal(
        [
            "day 0: email Your Certified Planning Associate exam result and your next attempt",
            "day 0: community-message Study resources for your next Certified Planning Associate attempt",
            "day 30: email You can now book your next Certified Planning Associate attempt",
            "day 44: email Your next Certified Planning Associate attempt is waiting",
        ], Sent);
        Assert.StartsWith("Dear Ada,\n\nFrom today, 2 April 2025, you can book your next attempt at the Certified Planning Associate exam. You have 2 attempts left.", Body(2));
        Assert.Contains("has not been booked yet", Body(3));
        Assert.Equal(WorkflowStatus.Finished, _harness.Instance.Status);
    }

    [Fact]
    public async Task FailedExamNurture_AfterTheFinalAttempt_ExplainsWhatHappensNextAndNeverSuggestsARetake()
    {
        _harness.Publish(ForProgram(ShippedTemplates.FailedExamNurture, "CPA"));

        await FailAsync(3, T0);
        await _harness.AdvanceToAsync(Day(120));

        Assert.Equal(["day 0: email Your Certified Planning Associate exam result and what happens next"], Sent);
        Assert.Contains("the pass mark is 70. This was the last of the 3 attempts the program allows", Body(0));
        Assert.Contains("how to apply again", Body(0));
        Assert.DoesNotContain("retake", Body(0), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(WorkflowStatus.Finished, _harness.Instance.Status);
    }

    [Fact]
    public async Task FailedExamNurture_WhenTheMemberPassesAfterAFail_SendsNothingMore()
    {
        _harness.Publish(ForProgram(ShippedTemplates.FailedExamNurture, "CPA"));

        await FailAsync(1, T0);
        await _harness.AdvanceToAsync(Day(35));
        await _harness.RaiseAsync("ExamPassed", Day(35), new JsonObject { ["attemptNumber"] = 2 }, new TemplateContexts().Build(), "CPA", "attempt-2");
        await _harness.AdvanceToAsync(Day(120));

        Assert.Equal(3, _harness.Effects.Count);
        Assert.DoesNotContain(_harness.Effects, e => e.At > Day(35));
        Assert.Equal(WorkflowStatus.Cancelled, _harness.Instance.Status);
    }

    [Fact]
    public async Task FailedExamNurture_RegisteringForAnotherProgramsExam_LeavesThisProgramsNurtureRunning()
    {
        _harness.Publish(ForProgram(ShippedTemplates.FailedExamNurture, "CPA")).Publish(ForProgram(ShippedTemplates.FailedExamNurture, "ETH"));
        var ethics = new TemplateContexts().Program("ETH", "Ethics Certificate");

        await FailAsync(1, T0);
        await FailAsync(1, T0.AddHours(1), "ETH", ethics);
        await _harness.RaiseAsync("ExamRegistered", Day(5), new JsonObject { ["programCode"] = "ETH" }, ethics.Build(), "ETH");
        await _harness.AdvanceToAsync(Day(120));

        var byProgram = _harness.Store.Instances.ToDictionary(i => i.Program!, i => i.Status);
        Assert.Equal(WorkflowStatus.Finished, byProgram["CPA"]);
        Assert.Equal(WorkflowStatus.Cancelled, byProgram["ETH"]);
        Assert.Contains("day 44: email Your next Certified Planning Associate attempt is waiting", Sent);
        Assert.DoesNotContain(Sent, s => s.Contains("Ethics") && !s.StartsWith("day 0"));
    }

    [Fact]
    public async Task FailedExamNurture_QuickFails_UpdateTheOneRunningNurtureInsteadOfStartingMore()
    {
        _harness.Publish(ForProgram(ShippedTemplates.FailedExamNurture, "CPA"));

        await FailAsync(1, T0);
        await FailAsync(2, T0.AddSeconds(2));
        await _harness.AdvanceToAsync(Day(120));

        var instance = Assert.Single(_harness.Store.Instances);
        Assert.Equal("attempt-2", instance.CorrelationId);
        Assert.Equal(
        [
            "day 0: email Your Certified Planning Associate exam result and your next attempt",
            "day 0: community-message Study resources for your next Certified Planning Associate attempt",
            "day 0: email Your Certified Planning Associate exam result and your next attempt",
            "day 0: community-message Study resources for your next Certified Planning Associate attempt",
            "day 30: email You can now book your next Certified Planning Associate attempt",
            "day 44: email Your next Certified Planning Associate attempt is waiting",
        ], Sent);
        Assert.Contains("You have 1 attempt left.", Body(2));
        Assert.Contains("You have 1 attempt left.", Body(4));
    }

    [Fact]
    public async Task FailedExamNurture_ARepeatedDeliveryOfTheSameFail_SendsNothingTwice()
    {
        _harness.Publish(ForProgram(ShippedTemplates.FailedExamNurture, "CPA"));

        await FailAsync(1, T0);
        await FailAsync(1, T0);

        Assert.Equal(2, _harness.Effects.Count);
    }

    // ---- Recertification reminders

    private static readonly DateTimeOffset Expiry = T0.AddDays(90);

    private Task ExpiringAsync(DateTimeOffset at, int daysBefore, DateTimeOffset expiresAt, string program = "CPA") =>
        _harness.RaiseAsync("CredentialExpiring", at,
            new JsonObject { ["credentialId"] = "credential-1", ["number"] = "CPA-00042", ["cycle"] = 2, ["expiresAt"] = expiresAt.ToString("O"), ["daysBefore"] = daysBefore },
            new TemplateContexts().Credential("CPA-00042", expiresAt).Build(), program, "credential-1");

    [Fact]
    public async Task RecertificationReminders_AWholeCycle_NoticesOnEachNoticeDayCountedFromExpiryThenGraceAndLapse()
    {
        _harness.Publish(ForProgram(ShippedTemplates.RecertificationReminders, "CPA"));

        // The hub's sweep raises every notice; the flow plans them all from the first and starts no second instance.
        await ExpiringAsync(T0, 90, Expiry);
        foreach (var (day, notice) in new[] { (30, 60), (60, 30), (83, 7) })
        {
            await _harness.AdvanceToAsync(Day(day));
            await ExpiringAsync(Day(day), notice, Expiry);
        }
        await _harness.AdvanceToAsync(Day(400));

        Assert.Equal(
        [
            "day 0: email Your Certified Planning Associate credential expires on 1 June 2025", "day 0: portal-notification Renew by 1 June 2025",
            "day 30: email Your Certified Planning Associate credential expires on 1 June 2025", "day 30: portal-notification Renew by 1 June 2025",
            "day 60: email Your Certified Planning Associate credential expires on 1 June 2025", "day 60: portal-notification Renew by 1 June 2025",
            "day 83: email Your Certified Planning Associate credential expires on 1 June 2025", "day 83: portal-notification Renew by 1 June 2025",
            "day 90: email Your Certified Planning Associate credential expired on 1 June 2025",
            "day 180: email Your Certified Planning Associate credential has lapsed",
        ], Sent);
        Assert.Equal(["in 90 days", "in 60 days", "in 30 days", "in 7 days"],
            [.. _harness.Effects.Where(e => e.Kind == "email").Take(4).Select(e => e.Payload["body"]!.GetValue<string>().Split(", ")[1].Split('.')[0])]);
        Assert.Equal("Your Certified Planning Associate credential CPA-00042 expires in 7 days.", Body(7));
        Assert.Equal("https://hub.example.org/verify/CPA-00042", _harness.Effects[1].Payload["link"]!.GetValue<string>());
        Assert.Contains("You can still renew it until 30 August 2025; after that it lapses.", Body(8));
        Assert.Contains("lapsed on 30 August 2025, at the end of its grace period. You can still have it reinstated until 26 February 2026.", Body(9));
        Assert.Single(_harness.Store.Instances);
    }

    [Fact]
    public async Task RecertificationReminders_ALateJoiner_GetsOnlyTheNoticesStillAheadAndNoneAfterExpiry()
    {
        _harness.Publish(ForProgram(ShippedTemplates.RecertificationReminders, "CPA"));
        var expiry = T0.AddDays(62);

        await ExpiringAsync(T0, 90, expiry);
        await _harness.AdvanceToAsync(Day(400));

        var notices = _harness.Effects.Where(e => e.Kind == "email" && e.Payload["subject"]!.GetValue<string>().Contains("expires on")).ToList();
        Assert.Equal([Day(2), Day(32), Day(55)], notices.Select(e => e.At));
        Assert.All(notices, e => Assert.True(e.At < expiry));
        Assert.Contains("expires on 4 May 2025, in 60 days", notices[0].Payload["body"]!.GetValue<string>());
        Assert.Contains("day 62: email Your Certified Planning Associate credential expired on 4 May 2025", Sent);
    }

    [Fact]
    public async Task RecertificationReminders_StopWhenThisCredentialsProgramIsRenewed_NotAnothers()
    {
        _harness.Publish(ForProgram(ShippedTemplates.RecertificationReminders, "CPA"));

        await ExpiringAsync(T0, 90, Expiry);
        await _harness.RaiseAsync("CredentialRenewed", Day(10), new JsonObject(), new TemplateContexts().Build(), "ETH");
        await _harness.AdvanceToAsync(Day(40));
        await _harness.RaiseAsync("CredentialRenewed", Day(40), new JsonObject { ["credentialId"] = "credential-1" }, new TemplateContexts().Build(), "CPA");
        await _harness.AdvanceToAsync(Day(400));

        Assert.Equal(4, _harness.Effects.Count);
        Assert.Equal(WorkflowStatus.Cancelled, _harness.Instance.Status);
    }

    // ---- Application approval

    private Task SubmitAsync(bool autoApproved) =>
        _harness.RaiseAsync("ApplicationSubmitted", T0,
            new JsonObject { ["applicationId"] = "application-17", ["programCode"] = "CPA", ["status"] = autoApproved ? "Approved" : "InReview", ["eligible"] = autoApproved, ["autoApproved"] = autoApproved },
            new TemplateContexts().Build(), "CPA", "application-17");

    private Task DecideAsync(string decision, DateTimeOffset at) =>
        _harness.Engine.ResumeAsync(_harness.Instance.InstanceId, _harness.Instance.Bookmarks.Single(b => b.Kind == BookmarkKind.Approval).Id,
            new JsonObject { ["decision"] = decision, ["comment"] = "Two years of supervised practice are documented." }, at);

    [Fact]
    public async Task ApplicationApproval_WhenTheHubAutoApproved_TellsTheApplicantWithoutAReviewerTask()
    {
        _harness.Publish(ForProgram(ShippedTemplates.ApplicationApproval, "CPA"));

        await SubmitAsync(autoApproved: true);

        Assert.Equal(["day 0: email Your Certified Planning Associate application is approved"], Sent);
        Assert.Equal("Dear Ada,\n\nYour application for the Certified Planning Associate credential is approved. You can now book your exam.\n\n" +
            "We look forward to welcoming you as a certificant.\n\nSociety of Planners", Body(0));
        Assert.Equal(WorkflowStatus.Finished, _harness.Instance.Status);
    }

    [Theory]
    [InlineData("Approved", "email Your Certified Planning Associate application is approved")]
    [InlineData("Rejected", "email About your Certified Planning Associate application")]
    public async Task ApplicationApproval_WhenInReview_AReviewerDecidesAfterAnEscalation(string decision, string email)
    {
        _harness.Publish(ForProgram(ShippedTemplates.ApplicationApproval, "CPA"));
        await SubmitAsync(autoApproved: false);
        await _harness.AdvanceToAsync(Day(6));

        await DecideAsync(decision, Day(7));

        Assert.Equal(
        [
            "day 0: approval-task ", "day 5: portal-notification An approval task is overdue",
            $"day 7: update-application {decision}", $"day 7: {email}",
        ], Sent);
        Assert.Equal("Two years of supervised practice are documented.", _harness.Effects[2].Payload["reason"]!.GetValue<string>());
        Assert.Equal(WorkflowStatus.Finished, _harness.Instance.Status);
    }

    [Fact]
    public async Task ApplicationApproval_WhenTheHubRefusesTheRejection_SendsNothingAndRecordsAnIncident()
    {
        _harness.Publish(ForProgram(ShippedTemplates.ApplicationApproval, "CPA"));
        _harness.Store.RefuseCommands = e => e.Kind == "update-application" ? "The application is already Approved." : null;
        await SubmitAsync(autoApproved: false);

        await DecideAsync("Rejected", Day(2));

        Assert.Equal(["day 0: approval-task ", "day 2: update-application Rejected"], Sent);
        Assert.Equal(WorkflowStatus.Faulted, _harness.Instance.Status);
        var incident = Assert.Single(_harness.Instance.Incidents);
        Assert.Equal(("reject", false), (incident.ActivityId, incident.Resolved));
        Assert.Contains("The application is already Approved.", incident.Message);
        Assert.DoesNotContain(_harness.Store.JournalOf(_harness.Instance.InstanceId), j => j is { ActivityId: "reject", Event: "Completed" });
    }

    [Fact]
    public async Task ApplicationApproval_WhenTheReviewTimesOut_TellsTheApplicantWhatHappensNext()
    {
        _harness.Publish(ForProgram(ShippedTemplates.ApplicationApproval, "CPA"));

        await SubmitAsync(autoApproved: false);
        await _harness.AdvanceToAsync(Day(30));

        Assert.Equal(
        [
            "day 0: approval-task ", "day 5: portal-notification An approval task is overdue",
            "day 14: portal-notification Application review overdue",
            "day 14: email Your Certified Planning Associate application: a decision is on its way",
        ], Sent);
        Assert.Contains("A program manager has taken it over and will write to you with a decision by 27 March 2025.", Body(3));
        Assert.Equal("Admin", _harness.Effects[2].Payload["role"]!.GetValue<string>());
        Assert.Equal(WorkflowStatus.Finished, _harness.Instance.Status);
    }
}
