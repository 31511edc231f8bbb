using CredentialConnect.Web.Features.Applications;

namespace CredentialConnect.UnitTests.Applications;

public sealed class ApplicationTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static Application Draft() => Application.Start(Guid.NewGuid(), Guid.NewGuid(), "{}", "member:ada@example.org", Start);

    [Fact]
    public void Start_OpensTheHistoryWithWhoStartedIt()
    {
        var application = Draft();

        var step = Assert.Single(application.History);
        Assert.Equal((null, ApplicationStatus.Draft, "member:ada@example.org", Start), (step.From, step.To, step.ChangedBy, step.ChangedAt));
        Assert.True(application.IsOpen);
    }

    [Fact]
    public void MoveTo_ThroughReviewToRejection_RecordsEveryStepAndTheDecision()
    {
        var application = Draft();

        application.MoveTo(ApplicationStatus.Submitted, "member:ada@example.org", "Submitted.", Start.AddDays(1));
        application.MoveTo(ApplicationStatus.InReview, "system", "A reviewer decides.", Start.AddDays(1));
        application.MoveTo(ApplicationStatus.Rejected, "staff:riley@example.org", "Licence expired.", Start.AddDays(5));

        Assert.Equal([ApplicationStatus.Draft, ApplicationStatus.Submitted, ApplicationStatus.InReview, ApplicationStatus.Rejected], application.History.Select(h => h.To));
        Assert.Equal((Start.AddDays(1), Start.AddDays(5)), (application.SubmittedAt!.Value, application.DecidedAt!.Value));
        Assert.Equal(("staff:riley@example.org", "Licence expired."), (application.DecidedBy, application.DecisionReason));
        Assert.False(application.IsOpen);
    }

    [Theory]
    [InlineData(ApplicationStatus.Draft, ApplicationStatus.Approved)]
    [InlineData(ApplicationStatus.Draft, ApplicationStatus.InReview)]
    [InlineData(ApplicationStatus.Approved, ApplicationStatus.Withdrawn)]
    [InlineData(ApplicationStatus.Rejected, ApplicationStatus.InReview)]
    [InlineData(ApplicationStatus.Withdrawn, ApplicationStatus.Submitted)]
    [InlineData(ApplicationStatus.InReview, ApplicationStatus.Submitted)]
    public void MoveTo_ANotAllowedStep_IsRefusedWithAReasonAndChangesNothing(ApplicationStatus from, ApplicationStatus to)
    {
        var application = Draft();
        application.Status = from;

        Assert.NotNull(application.WhyNot(to));
        Assert.Throws<InvalidOperationException>(() => application.MoveTo(to, "x", "y", Start));
        Assert.Equal(from, application.Status);
        Assert.Single(application.History);
    }

    [Fact]
    public void WhyNot_AfterADecision_SaysItWasDecided()
    {
        var application = Draft();
        application.MoveTo(ApplicationStatus.Submitted, "m", "Submitted.", Start);
        application.MoveTo(ApplicationStatus.Approved, Application.AutoApprover, "Meets every criterion.", Start);

        Assert.Contains("already approved", application.WhyNot(ApplicationStatus.Withdrawn));
        Assert.Null(Draft().WhyNot(ApplicationStatus.Withdrawn));
    }
}
