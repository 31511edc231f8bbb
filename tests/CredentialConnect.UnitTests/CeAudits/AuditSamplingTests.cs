using CredentialConnect.Web.Features.CeAudits;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Recertification;

namespace CredentialConnect.UnitTests.CeAudits;

public sealed class AuditSamplingTests
{
    private static readonly IReadOnlyList<int> Population = Enumerable.Range(1, 1000).ToList();

    [Fact]
    public void Draw_WithTheSameSeedOverTheSamePopulation_SelectsTheSameCertificants()
    {
        var first = AuditSampling.Draw(Population, 5, seed: 20260601);
        var again = AuditSampling.Draw(Population, 5, seed: 20260601);

        Assert.Equal(50, first.Count);
        Assert.Equal(first, again);
    }

    [Fact]
    public void Draw_WithAnotherSeed_SelectsOthers()
    {
        Assert.NotEqual(AuditSampling.Draw(Population, 5, seed: 1), AuditSampling.Draw(Population, 5, seed: 2));
    }

    [Fact]
    public void Draw_IsStableAcrossRuntimes_ForARecordedSeed()
    {
        // A seed recorded in an audit must draw the same members on any later version of the hub.
        Assert.Equal([3, 4, 5], AuditSampling.Draw(Enumerable.Range(1, 10).ToList(), 30, seed: 42));
    }

    [Fact]
    public void Draw_ReturnsDistinctMembersInPopulationOrder()
    {
        var sample = AuditSampling.Draw(Population, 30, seed: 7);

        Assert.Equal(sample.Order(), sample);
        Assert.Equal(sample.Count, sample.Distinct().Count());
    }

    [Theory]
    [InlineData(0, 10, 0)]
    [InlineData(10, 0, 0)]
    [InlineData(10, 5, 1)]
    [InlineData(200, 2.5, 5)]
    [InlineData(7, 100, 7)]
    public void SizeOf_RoundsUpSoSmallCohortsAreStillAudited(int population, decimal percent, int expected) =>
        Assert.Equal(expected, AuditSampling.SizeOf(population, percent));

    [Fact]
    public void Evaluate_RejectedCreditLeavingTheCycleShort_FailsTheSelection()
    {
        var rules = new RecertificationRules { TotalCeHours = 10 };
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var progress = CycleRequirements.Evaluate(rules, start, start.AddYears(3),
            [new CycleCredit(a, "General", 6, start.AddDays(1), CreditReviewStatus.Accepted), new CycleCredit(b, "General", 6, start.AddDays(2), CreditReviewStatus.Rejected)]);

        var undecided = CeAuditOutcome.Evaluate([a, b], new Dictionary<Guid, CeAuditCreditDecision> { [a] = CeAuditCreditDecision.Accepted }, progress);
        var decided = CeAuditOutcome.Evaluate([a, b],
            new Dictionary<Guid, CeAuditCreditDecision> { [a] = CeAuditCreditDecision.Accepted, [b] = CeAuditCreditDecision.Rejected }, progress);

        Assert.Equal(CeAuditSelectionStatus.Open, undecided.Status);
        Assert.Equal(CeAuditSelectionStatus.Failed, decided.Status);
        Assert.Contains("do not meet", decided.Explanation);
    }
}
