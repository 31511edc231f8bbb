using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;
using CredentialConnect.Workflows.Simulation;
using CredentialConnect.Workflows.Tests.Support;
using static CredentialConnect.Workflows.Tests.Support.WorkflowHarness;

namespace CredentialConnect.Workflows.Tests;

/// <summary>A simulation says why each member's timeline is what it is, plays out projected events and reviewers' decisions.</summary>
public sealed class SimulationExplanationTests
{
    private readonly WorkflowSimulator _simulator = new(WorkflowHarness.WithRealExpressions().Runner);

    private static MemberHistory History(params (string Type, double Day)[] events) =>
        new(Member, [.. events.Select(e => Event(e.Type, Day(e.Day), new JsonObject { ["programCode"] = "CPA" }, Member, "CPA"))]);

    private static FlowBuilder Nurture() => new FlowBuilder("nurture").Trigger("ExamFailed")
        .Then("wait", "Delay", new() { ["duration"] = "P10D" })
        .Then("mail", "SendEmail", FlowBuilder.Email("Your next attempt"))
        .CancelOn("ExamRegistered");

    private async Task<MemberSimulation> SimulateAsync(FlowBuilder flow, MemberHistory history, double untilDay = 60, SimulationOptions? options = null) =>
        Assert.Single((await _simulator.RunAsync(flow.Build(), [history], T0, Day(untilDay), options ?? new SimulationOptions())).Members);

    [Fact]
    public async Task AMemberWithNoEvent_IsExplained_ByThePeriodAndWhatStartsTheFlow()
    {
        var member = await SimulateAsync(Nurture(), History());

        Assert.Empty(member.Effects);
        Assert.Equal("The flow never started: the member had no event between 2025-03-03 and 2025-05-02; it starts on ExamFailed.", member.Explanation);
    }

    [Fact]
    public async Task AMemberWithOnlyOtherEvents_IsExplained_ByTheEventsTheyHad()
    {
        var member = await SimulateAsync(Nurture(), History(("ExamPassed", 1), ("CourseCompleted", 2), ("CourseCompleted", 3)));

        Assert.Null(member.Status);
        Assert.Equal("The flow never started: no ExamFailed between 2025-03-03 and 2025-05-02. The member's events were ExamPassed, CourseCompleted ×2.", member.Explanation);
    }

    [Fact]
    public async Task AnEventForAnotherProgram_IsExplained()
    {
        var flow = Nurture();
        var definition = flow.Build() with { Program = "CNP" };

        var result = await _simulator.RunAsync(definition, [History(("ExamFailed", 1))], T0, Day(60));

        Assert.Contains("they were for program CPA, and the flow is for CNP", Assert.Single(result.Members).Explanation);
    }

    [Fact]
    public async Task ACancelledInstance_SaysWhichEventCancelledItAndWhen()
    {
        var member = await SimulateAsync(Nurture(), History(("ExamFailed", 0), ("ExamRegistered", 5)));

        Assert.Empty(member.Effects);
        Assert.Equal("Started on 2025-03-03; cancelled on 2025-03-08: ExamRegistered arrived.", member.Explanation);
    }

    [Fact]
    public async Task AnInstanceWaitingPastTheHorizon_SaysWhatItWaitsOnAndUntilWhen()
    {
        var member = await SimulateAsync(Nurture(), History(("ExamFailed", 0)), untilDay: 7);

        Assert.Equal(WorkflowStatus.Suspended, member.Status);
        Assert.Equal("Started on 2025-03-03; when the simulation ended on 2025-03-10 it was waiting at 'wait' until 2025-03-13, beyond the simulated period.", member.Explanation);
    }

    [Fact]
    public async Task AFinishedInstance_SaysWhenItFinished()
    {
        var member = await SimulateAsync(Nurture(), History(("ExamFailed", 0)));

        Assert.Equal("Your next attempt", Assert.Single(member.Effects).Summary);
        Assert.Equal("Started on 2025-03-03; finished on 2025-03-13.", member.Explanation);
    }

    [Fact]
    public async Task ProjectedEvents_PlayOutInTheTimeline_AndAreMarkedAsProjected()
    {
        var flow = new FlowBuilder("reminders").Trigger("CredentialExpiring").Then("mail", "SendEmail", FlowBuilder.Email("{{ input.daysBefore }} days to go"));
        Guid? none = null;
        var history = new MemberHistory(Member, [Event("CredentialAwarded", Day(0), member: Member)])
        {
            Projected =
            [
                Event("CredentialExpiring", Day(30), new JsonObject { ["daysBefore"] = 60 }, none, correlationId: "c1"),
                Event("CredentialExpiring", Day(60), new JsonObject { ["daysBefore"] = 30 }, none, correlationId: "c1"),
                Event("CredentialExpiring", Day(83), new JsonObject { ["daysBefore"] = 7 }, none, correlationId: "c1"),
            ],
        };

        var member = Assert.Single((await _simulator.RunAsync(flow.Build(), [history], T0, Day(70))).Members);

        Assert.Equal([("60 days to go", Day(30)), ("30 days to go", Day(60))], member.Effects.Select(e => (e.Summary, e.At)));
        Assert.Equal([("CredentialAwarded", false), ("CredentialExpiring", true), ("CredentialExpiring", true)], member.Events.Select(e => (e.Type, e.Projected)));
    }

    private static FlowBuilder Approval() => new FlowBuilder("approval").Trigger("ApplicationSubmitted")
        .Then("review", "ApprovalTask", new() { ["assigneeRole"] = "Reviewer", ["dueIn"] = "P14D" })
        .Then("welcome", "SendEmail", FlowBuilder.Email("Approved"), Ports.Approved)
        .Add("sorry", "SendEmail", FlowBuilder.Email("Rejected")).Connect("review", "sorry", Ports.Rejected)
        .Add("late", "SendEmail", FlowBuilder.Email("Still in review")).Connect("review", "late", Ports.TimedOut);

    [Theory]
    [InlineData(ReviewerOutcome.Approved, "Approved", 2)]
    [InlineData(ReviewerOutcome.Rejected, "Rejected", 2)]
    [InlineData(ReviewerOutcome.TimedOut, "Still in review", 15)]
    public async Task AReviewerDecision_IsPlayedWithTheChosenOutcome(ReviewerOutcome outcome, string subject, double day)
    {
        var member = await SimulateAsync(Approval(), History(("ApplicationSubmitted", 1)), options: new SimulationOptions(outcome));

        var email = Assert.Single(member.Effects, e => e.Kind == "email");
        Assert.Equal((subject, Day(day)), (email.Summary, email.At));
        Assert.Equal(WorkflowStatus.Finished, member.Status);
    }

    [Fact]
    public async Task AReviewerDecision_ComesAfterTheChosenDelay()
    {
        var member = await SimulateAsync(Approval(), History(("ApplicationSubmitted", 1)),
            options: new SimulationOptions(ReviewerOutcome.Approved, TimeSpan.FromDays(3)));

        Assert.Equal(Day(4), Assert.Single(member.Effects, e => e.Kind == "email").At);
    }

    [Fact]
    public async Task WithoutAReviewerOutcome_TheTaskWaits_AndTheExplanationSaysHowToPlayIt()
    {
        var undated = new FlowBuilder("approval").Trigger("ApplicationSubmitted").Then("review", "ApprovalTask", new() { ["assigneeRole"] = "Reviewer" });

        var member = await SimulateAsync(undated, History(("ApplicationSubmitted", 1)));

        Assert.Equal(WorkflowStatus.Suspended, member.Status);
        Assert.Contains("waiting at 'review' for a reviewer's decision (choose a reviewer outcome to play one)", member.Explanation);
    }
}
