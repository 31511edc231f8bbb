using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.UnitTests.Programs;

public sealed class ProgramRulesTests
{
    private static ProgramWrite Valid(RecertificationWrite? cycle = null, string? validity = "P3Y", string code = "CNP", int? version = null) =>
        new(code, "Certified Nonprofit Professional", ProgramKind.Certification, null, null, null, validity,
            cycle ?? new RecertificationWrite(45, 90, [new CeCategoryWrite("Ethics", 3, null), new CeCategoryWrite("Self-study", null, 15)]),
            [], true, null, version);

    [Fact]
    public void Validate_ACompleteDefinition_HasNoErrors() =>
        Assert.Empty(ProgramRules.Validate(Valid(), isReplace: false));

    [Fact]
    public void Validate_CategoryMinimumAboveTotal_IsReportedOnThatCategory()
    {
        var errors = ProgramRules.Validate(Valid(new RecertificationWrite(10, 0, [new CeCategoryWrite("Ethics", 12, null)])), false);

        Assert.Contains("greater than the cycle's total CE hours (10)", Assert.Single(errors["recertification.categories[0].minimumHours"]));
    }

    [Fact]
    public void Validate_MinimumsThatTogetherExceedTheTotal_AreReported()
    {
        var cycle = new RecertificationWrite(10, 0, [new CeCategoryWrite("Ethics", 6, null), new CeCategoryWrite("Leadership", 6, null)]);

        var errors = ProgramRules.Validate(Valid(cycle), false);

        Assert.Contains("add up to 12", Assert.Single(errors["recertification.categories"]));
    }

    [Fact]
    public void Validate_MinimumAboveMaximum_IsReported()
    {
        var errors = ProgramRules.Validate(Valid(new RecertificationWrite(40, 0, [new CeCategoryWrite("Ethics", 8, 4)])), false);

        Assert.Contains("Minimum (8) is greater than maximum (4).", errors["recertification.categories[0].minimumHours"]);
    }

    [Fact]
    public void Validate_DuplicateCategory_IsReported()
    {
        var errors = ProgramRules.Validate(Valid(new RecertificationWrite(40, 0, [new CeCategoryWrite("Ethics", 1, null), new CeCategoryWrite("ethics", 1, null)])), false);

        Assert.Contains("more than once", Assert.Single(errors["recertification.categories[1].category"]));
    }

    [Fact]
    public void Validate_CycleWithoutValidityPeriod_IsReported()
    {
        var errors = ProgramRules.Validate(Valid(validity: null), false);

        Assert.Contains("needs a validity period", Assert.Single(errors["recertification"]));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(ProgramRules.MaxGracePeriodDays + 1)]
    public void Validate_GracePeriodOutOfRange_IsReported(int days) =>
        Assert.True(ProgramRules.Validate(Valid(new RecertificationWrite(10, days, [])), false).ContainsKey("recertification.gracePeriodDays"));

    [Theory]
    [InlineData("cnp")]
    [InlineData("C")]
    [InlineData("CNP 2")]
    [InlineData("-CNP")]
    public void Validate_BadCode_IsReported(string code) =>
        Assert.True(ProgramRules.Validate(Valid(code: code), false).ContainsKey("code"));

    [Fact]
    public void Validate_ReplaceWithoutVersion_IsReported()
    {
        Assert.True(ProgramRules.Validate(Valid(), isReplace: true).ContainsKey("version"));
        Assert.Empty(ProgramRules.Validate(Valid(version: 3), isReplace: true));
    }

    [Fact]
    public void Validate_EligibilityCriteriaThatIsNotAnObject_IsReported()
    {
        var program = Valid() with { EligibilityCriteria = System.Text.Json.JsonDocument.Parse("[1,2]").RootElement };

        Assert.True(ProgramRules.Validate(program, false).ContainsKey("eligibilityCriteria"));
    }
}
