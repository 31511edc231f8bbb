using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Recertification;
using Microsoft.Extensions.Time.Testing;

namespace CredentialConnect.UnitTests.Recertification;

public sealed class RenewalRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Ends = Start.AddYears(3);

    private static RecertificationRules Rules(ReinstatementRule rule = ReinstatementRule.Reapply, int window = 0) => new()
    {
        TotalCeHours = 10, GracePeriodDays = 30, Reinstatement = rule, ReinstatementWindowDays = window,
        Categories = [new CeCategoryRule { Category = "Ethics", MinimumHours = 2 }],
    };

    private static CycleProgress Progress(RecertificationRules rules, decimal ethics, decimal other) =>
        CycleRequirements.Evaluate(rules, Start, Ends,
        [
            new CycleCredit(Guid.NewGuid(), "Ethics", ethics, Start.AddDays(5), CreditReviewStatus.NotRequired),
            new CycleCredit(Guid.NewGuid(), "Leadership", other, Start.AddDays(50), CreditReviewStatus.NotRequired),
        ]);

    private static RenewalDecision Decide(CredentialStatus status, RecertificationRules rules, FakeTimeProvider clock, decimal ethics = 2, decimal other = 8,
        string? audit = null, DateTimeOffset? examPassedAt = null) =>
        RenewalRules.Decide(status, CycleDates.Of(Start, Ends, rules), rules, new RenewalFacts(Progress(rules, ethics, other), audit, examPassedAt), clock.GetUtcNow());

    [Fact]
    public void Decide_BeforeTheExpiringWindow_IsRefusedWithTheDateItOpens()
    {
        var clock = new FakeTimeProvider(Ends.AddDays(-91));

        var decision = Decide(CredentialStatus.Active, Rules(), clock);

        Assert.False(decision.Allowed);
        Assert.Contains($"Renewal opens on {Ends.AddDays(-90):yyyy-MM-dd}", decision.Explanation);
    }

    [Fact]
    public void Decide_AcrossTheCycle_AllowsFromTheWindowThroughGraceThenRefuses()
    {
        var rules = Rules();
        var clock = new FakeTimeProvider(Ends.AddDays(-90));

        Assert.True(Decide(CredentialStatus.Active, rules, clock).Allowed);
        clock.Advance(TimeSpan.FromDays(90 + 29));
        Assert.True(Decide(CredentialStatus.Expiring, rules, clock).Allowed);
        clock.Advance(TimeSpan.FromDays(1));
        var lapsed = Decide(CredentialStatus.Expiring, rules, clock);

        Assert.False(lapsed.Allowed);
        Assert.Contains("must apply again", lapsed.Explanation);
    }

    [Fact]
    public void Decide_WhenCategoryMinimumIsShort_ExplainsWhatIsMissing()
    {
        var decision = Decide(CredentialStatus.Expiring, Rules(), new FakeTimeProvider(Ends.AddDays(-10)), ethics: 1, other: 20);

        Assert.False(decision.Allowed);
        Assert.Contains("Ethics", decision.Explanation);
        Assert.Contains("1 hour missing for the minimum of 2 hours", decision.Explanation);
    }

    [Fact]
    public void Decide_WithAnOpenAudit_IsRefusedSayingSo()
    {
        var decision = Decide(CredentialStatus.Expiring, Rules(), new FakeTimeProvider(Ends.AddDays(-10)), audit: "This cycle is under a CE audit.");

        Assert.Equal((false, "This cycle is under a CE audit."), (decision.Allowed, decision.Explanation));
    }

    [Fact]
    public void Decide_CompleteCeWithinWindow_AllowsUntilTheWindowCloses()
    {
        var rules = Rules(ReinstatementRule.CompleteCeWithinWindow, window: 180);
        var clock = new FakeTimeProvider(Ends.AddDays(30 + 180));

        var inWindow = Decide(CredentialStatus.Lapsed, rules, clock);
        clock.Advance(TimeSpan.FromDays(1));
        var late = Decide(CredentialStatus.Lapsed, rules, clock);

        Assert.True(inWindow is { Allowed: true, AfterLapse: true });
        Assert.False(late.Allowed);
        Assert.Contains("reinstatement window closed", late.Explanation);
    }

    [Fact]
    public void Decide_RetakeExamWithinWindow_NeedsAPassAfterTheLapse()
    {
        var rules = Rules(ReinstatementRule.RetakeExamWithinWindow, window: 365);
        var clock = new FakeTimeProvider(Ends.AddDays(100));

        var withoutExam = Decide(CredentialStatus.Lapsed, rules, clock, ethics: 0, other: 0);
        var withExam = Decide(CredentialStatus.Lapsed, rules, clock, ethics: 0, other: 0, examPassedAt: Ends.AddDays(90));

        Assert.False(withoutExam.Allowed);
        Assert.Contains("exam passed again", withoutExam.Explanation);
        Assert.True(withExam.Allowed);
    }

    [Fact]
    public void Decide_SuspendedCredential_IsNeverRenewed()
    {
        var decision = Decide(CredentialStatus.Suspended, Rules(), new FakeTimeProvider(Ends.AddDays(-10)));

        Assert.False(decision.Allowed);
        Assert.Contains("Suspended", decision.Explanation);
    }

    [Fact]
    public void CreditsCountUntil_CompleteCeAfterLapse_CountsCreditsEarnedInTheWindow()
    {
        var rules = Rules(ReinstatementRule.CompleteCeWithinWindow, window: 180);
        var dates = CycleDates.Of(Start, Ends, rules);

        Assert.Equal(Ends, dates.CreditsCountUntil(rules, Ends.AddDays(10)));
        Assert.Equal(Ends.AddDays(100), dates.CreditsCountUntil(rules, Ends.AddDays(100)));
        Assert.Equal(Ends.AddDays(210), dates.CreditsCountUntil(rules, Ends.AddDays(400)));
    }
}
