using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Recertification;

namespace CredentialConnect.UnitTests.Recertification;

public sealed class CycleRequirementsTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddYears(3);

    private static readonly RecertificationRules Rules = new()
    {
        TotalCeHours = 30,
        Categories = [new CeCategoryRule { Category = "Ethics", MinimumHours = 3 }, new CeCategoryRule { Category = "Self-study", MaximumHours = 10 }],
    };

    private static CycleCredit Credit(string category, decimal hours, int day, CreditReviewStatus status = CreditReviewStatus.NotRequired) =>
        new(Guid.NewGuid(), category, hours, Start.AddDays(day), status);

    [Fact]
    public void Evaluate_HoursAboveACategoryMaximum_DoNotCountTowardTheTotal()
    {
        var progress = CycleRequirements.Evaluate(Rules, Start, End,
            [Credit("Ethics", 3, 10), Credit("Self-study", 25, 100), Credit("Leadership", 15, 400)]);

        var selfStudy = progress.Categories.Single(c => c.Category == "Self-study");
        Assert.Equal((25m, 10m, 15m), (selfStudy.EarnedHours, selfStudy.CountedHours, selfStudy.CappedHours));
        Assert.Equal(28m, progress.CountedHours);
        Assert.False(progress.Met);
        Assert.Contains("15 hours above the category maximum of 10 hours do not count", selfStudy.Explanation);
        Assert.Contains("2 hours missing", progress.Explanation);
    }

    [Fact]
    public void Evaluate_CategoryMinimumShort_IsUnmetEvenWhenTheTotalIsMet()
    {
        var progress = CycleRequirements.Evaluate(Rules, Start, End, [Credit("ethics", 1, 10), Credit("Leadership", 40, 20)]);

        var ethics = progress.Categories.Single(c => c.Category == "Ethics");
        Assert.Equal((1m, 2m, false), (ethics.CountedHours, ethics.MissingHours, ethics.Met));
        Assert.Equal(0m, progress.MissingHours);
        Assert.False(progress.Met);
        Assert.Contains("Short in Ethics: 1 hour earned, 1 hour counted; 2 hours missing for the minimum of 3 hours.", progress.Explanation);
    }

    [Fact]
    public void Evaluate_PendingAndRejectedCredits_DoNotCountButPendingIsShown()
    {
        var progress = CycleRequirements.Evaluate(Rules, Start, End,
        [
            Credit("Ethics", 3, 1, CreditReviewStatus.Accepted), Credit("Leadership", 27, 2, CreditReviewStatus.Pending),
            Credit("Leadership", 27, 3, CreditReviewStatus.Rejected),
        ]);

        Assert.Equal((3m, 27m, false), (progress.CountedHours, progress.PendingHours, progress.Met));
        Assert.Contains("27 hours pending review do not count yet", progress.Explanation);
    }

    [Fact]
    public void Evaluate_CreditsOutsideTheCycle_DoNotCount()
    {
        var progress = CycleRequirements.Evaluate(Rules, Start, End,
            [Credit("Ethics", 3, -1), Credit("Leadership", 30, 3 * 366), Credit("Ethics", 3, 0), Credit("Leadership", 27, 1095)]);

        Assert.Equal(30m, progress.CountedHours);
        Assert.True(progress.Met);
    }
}
