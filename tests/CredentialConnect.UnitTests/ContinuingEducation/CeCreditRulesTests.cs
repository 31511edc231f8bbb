using CredentialConnect.Web.Features.ContinuingEducation;

namespace CredentialConnect.UnitTests.ContinuingEducation;

public sealed class CeCreditRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static CeCreditWrite SelfReported(decimal? hours = 2, DateTimeOffset? earnedAt = null, string? category = "Ethics", string? activity = "Ethics webinar") =>
        new(null, activity, category, hours, earnedAt ?? Now.AddDays(-3), null, "https://example.org/certificate.pdf", null);

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(501)]
    [InlineData(1.255)]
    public void Validate_WithImpossibleHours_NamesHours(decimal hours)
    {
        var errors = CeCreditRules.Validate(SelfReported(hours), reportedByMember: true, Now);

        Assert.Equal(["hours"], errors.Keys);
    }

    [Fact]
    public void Validate_EarnedInTheFuture_NamesEarnedAt()
    {
        var errors = CeCreditRules.Validate(SelfReported(earnedAt: Now.AddMinutes(1)), reportedByMember: true, Now);

        Assert.Contains("future", Assert.Single(errors["earnedAt"]));
    }

    [Fact]
    public void Validate_WithoutCategoryOrActivity_NamesBoth()
    {
        var errors = CeCreditRules.Validate(SelfReported(category: " ", activity: null), reportedByMember: true, Now);

        Assert.Equal(["activity", "category"], errors.Keys.Order());
    }

    [Fact]
    public void Validate_SelfReportedWithoutEvidence_AsksForEvidence()
    {
        var errors = CeCreditRules.Validate(SelfReported() with { Evidence = null }, reportedByMember: true, Now);

        Assert.Contains("evidence", Assert.Single(errors["evidence"]));
    }

    [Fact]
    public void Validate_MemberClaimingAnLmsCredit_IsRefused()
    {
        var errors = CeCreditRules.Validate(SelfReported() with { Source = CreditSource.Lms, SourceRecordId = "stmt-1" }, reportedByMember: true, Now);

        Assert.Equal(["source"], errors.Keys);
    }

    [Fact]
    public void Validate_StaffImportWithoutSourceRecord_NamesSourceRecordIdAndMember()
    {
        var errors = CeCreditRules.Validate(SelfReported() with { Source = CreditSource.Import }, reportedByMember: false, Now);

        Assert.Equal(["memberId", "sourceRecordId"], errors.Keys.Order());
    }

    [Fact]
    public void ValidateDecision_RejectWithoutReason_AsksWhy()
    {
        var errors = CeCreditRules.ValidateDecision(CeReviewDecision.Reject, " ");

        Assert.Equal(["reason"], errors.Keys);
    }
}
