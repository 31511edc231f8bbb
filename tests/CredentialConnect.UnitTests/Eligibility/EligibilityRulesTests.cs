using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Eligibility;
using CredentialConnect.Web.Features.Members;

namespace CredentialConnect.UnitTests.Eligibility;

public sealed class EligibilityRulesTests
{
    [Fact]
    public void Experience_WhenEnoughYears_IsMetWithNoGap()
    {
        var result = Evaluate("""{"experience":{"minYears":3}}""", new MemberFactsBuilder().WithYears(4));

        Assert.True(result.Met);
        Assert.Equal("4 years of experience", result.Found);
        Assert.Null(result.Gap);
        Assert.Equal(1m, result.Progress);
    }

    [Fact]
    public void Experience_OneYearShort_SaysYearInTheSingular()
    {
        var result = Evaluate("""{"experience":{"minYears":3}}""", new MemberFactsBuilder().WithYears(2));

        Assert.Equal(("2 years of experience", "1 more year of experience"), (result.Found, result.Gap));
    }

    [Fact]
    public void Experience_WhenShort_SaysHowManyYearsAreMissing()
    {
        var result = Evaluate("""{"experience":{"minYears":4}}""", new MemberFactsBuilder().WithYears(1));

        Assert.False(result.Met);
        Assert.Equal("3 more years of experience", result.Gap);
        Assert.Equal(0.25m, result.Progress);
    }

    [Fact]
    public void Experience_WhenNothingOnRecord_SaysSo()
    {
        var result = Evaluate("""{"experience":{"minYears":2}}""", new MemberFactsBuilder());

        Assert.Equal("No years of experience on record", result.Found);
        Assert.Equal(0m, result.Progress);
    }

    [Fact]
    public void CeHours_CountsOnlyTheCategoryInsideTheWindowThatNeedsNoReviewOrWasAccepted()
    {
        var facts = new MemberFactsBuilder()
            .WithCeHours("Ethics", 8, monthsAgo: 3)
            .WithCeHours("ethics", 4, monthsAgo: 12, CreditReviewStatus.Accepted)
            .WithCeHours("Ethics", 5, monthsAgo: 30)
            .WithCeHours("Ethics", 6, monthsAgo: 2, CreditReviewStatus.Pending)
            .WithCeHours("Ethics", 7, monthsAgo: 2, CreditReviewStatus.Rejected)
            .WithCeHours("Finance", 9, monthsAgo: 1);

        var result = Evaluate("""{"ceHours":{"minHours":20,"category":"Ethics","withinMonths":24}}""", facts);

        Assert.False(result.Met);
        Assert.Equal("12 h of Ethics CE since 2024-06-01; 6 h more await review and do not count yet", result.Found);
        Assert.Equal("Earn 8 more h of Ethics CE since 2024-06-01 (accepting the 6 h awaiting review would count toward it)", result.Gap);
        Assert.Equal(0.6m, result.Progress);
    }

    [Fact]
    public void CeHours_OverallWithoutWindow_CountsEveryCategoryAndYear()
    {
        var facts = new MemberFactsBuilder().WithCeHours("Ethics", 8, monthsAgo: 50).WithCeHours("Finance", 12);

        var result = Evaluate("""{"ceHours":{"minHours":20}}""", facts);

        Assert.True(result.Met);
        Assert.Equal("20 h of CE", result.Found);
    }

    [Fact]
    public void Credential_ActiveOrExpiring_CountsAsHeld()
    {
        Assert.True(Evaluate("""{"credential":{"program":"CAE-F"}}""", new MemberFactsBuilder().Holding("CAE-F")).Met);
        var expiring = Evaluate("""{"credential":{"program":"CAE-F"}}""", new MemberFactsBuilder().Holding("CAE-F", CredentialStatus.Expiring));

        Assert.True(expiring.Met);
        Assert.Equal("CAE-F is Expiring", expiring.Found);
    }

    [Fact]
    public void Credential_Lapsed_IsUnmetAndSaysToRestoreIt()
    {
        var result = Evaluate("""{"credential":{"program":"CAE-F"}}""", new MemberFactsBuilder().Holding("CAE-F", CredentialStatus.Lapsed));

        Assert.False(result.Met);
        Assert.Equal("CAE-F is Lapsed", result.Found);
        Assert.Equal("Restore the CAE-F credential (now Lapsed)", result.Gap);
    }

    [Fact]
    public void Credential_NotHeld_SaysToEarnIt()
    {
        var result = Evaluate("""{"credential":{"program":"CAE-F"}}""", new MemberFactsBuilder().Holding("OTHER"));

        Assert.False(result.Met);
        Assert.Equal("Does not hold CAE-F", result.Found);
        Assert.Equal("Earn the CAE-F credential", result.Gap);
    }

    [Fact]
    public void Membership_StatusAndLevelAllowed_IsMet()
    {
        var result = Evaluate("""{"membership":{"status":["Active"],"levels":["Professional","Fellow"]}}""",
            new MemberFactsBuilder().WithMembership(MembershipStatus.Active, "fellow"));

        Assert.True(result.Met);
        Assert.Equal("Membership Active, level fellow", result.Found);
    }

    [Fact]
    public void Membership_LevelNotAllowed_IsHalfWayAndNamesTheLevels()
    {
        var result = Evaluate("""{"membership":{"status":["Active"],"levels":["Professional","Fellow"]}}""",
            new MemberFactsBuilder().WithMembership(MembershipStatus.Active, "Student"));

        Assert.False(result.Met);
        Assert.Equal("Membership level must become one of Professional, Fellow", result.Gap);
        Assert.Equal(0.5m, result.Progress);
    }

    [Fact]
    public void Answer_Equals_MetOnlyByThatValue()
    {
        const string criteria = """{"answer":{"field":"holdsStateLicence","equals":true}}""";

        Assert.True(Evaluate(criteria, new MemberFactsBuilder().Answering("""{"holdsStateLicence":true}""")).Met);
        var no = Evaluate(criteria, new MemberFactsBuilder().Answering("""{"holdsStateLicence":false}"""));
        Assert.False(no.Met);
        Assert.Equal("'holdsStateLicence' answered false", no.Found);
        Assert.Equal("The answer to 'holdsStateLicence' must be true", no.Gap);
    }

    [Fact]
    public void Answer_OneOf_MetByAnyListedValue()
    {
        const string criteria = """{"answer":{"field":"sector","oneOf":["Health","Education"]}}""";

        Assert.True(Evaluate(criteria, new MemberFactsBuilder().Answering("""{"sector":"Education"}""")).Met);
        Assert.Equal("The answer to 'sector' must be one of \"Health\", \"Education\"",
            Evaluate(criteria, new MemberFactsBuilder().Answering("""{"sector":"Arts"}""")).Gap);
    }

    [Fact]
    public void Answer_AtLeast_ShowsProgressTowardTheMinimum()
    {
        const string criteria = """{"answer":{"field":"supervisedHours","atLeast":200}}""";

        Assert.True(Evaluate(criteria, new MemberFactsBuilder().Answering("""{"supervisedHours":250}""")).Met);
        var short_ = Evaluate(criteria, new MemberFactsBuilder().Answering("""{"supervisedHours":150}"""));
        Assert.False(short_.Met);
        Assert.Equal(0.75m, short_.Progress);
    }

    [Fact]
    public void Answer_NotGiven_AsksForItOnTheForm()
    {
        var result = Evaluate("""{"answer":{"field":"holdsStateLicence","equals":true}}""", new MemberFactsBuilder());

        Assert.False(result.Met);
        Assert.Equal("'holdsStateLicence' is not answered", result.Found);
        Assert.Equal("Answer 'holdsStateLicence' on the application form", result.Gap);
    }

    [Fact]
    public void All_IsMetOnlyWhenEveryPartIs_AndProgressIsTheMeanOfItsParts()
    {
        var facts = new MemberFactsBuilder().WithYears(3).WithCeHours("Ethics", 5);

        var result = Evaluate("""{"all":[{"experience":{"minYears":3}},{"ceHours":{"minHours":10}},{"credential":{"program":"CAE"}}]}""", facts);

        Assert.False(result.Met);
        Assert.Equal("1 of 3 met", result.Found);
        Assert.Equal(0.5m, result.Progress);
        Assert.Equal(["eligibilityCriteria.all[1]", "eligibilityCriteria.all[2]"], EligibilityRules.Gaps(result).Select(g => g.Path));
    }

    [Fact]
    public void Any_IsMetByOneOption_AndUnmetProgressIsTheBestOption()
    {
        const string criteria = """{"any":[{"experience":{"minYears":10}},{"credential":{"program":"CAE"}}]}""";

        Assert.True(Evaluate(criteria, new MemberFactsBuilder().Holding("CAE")).Met);
        var result = Evaluate(criteria, new MemberFactsBuilder().WithYears(6));
        Assert.False(result.Met);
        Assert.Equal(0.6m, result.Progress);
        Assert.Equal("Meet any one option; the closest: At least 10 years of professional experience", result.Gap);
        Assert.Equal("eligibilityCriteria.any[0]", Assert.Single(EligibilityRules.Gaps(result)).Path);
    }

    [Fact]
    public void Not_InvertsItsPart()
    {
        const string criteria = """{"not":{"membership":{"levels":["Student"]}}}""";

        Assert.True(Evaluate(criteria, new MemberFactsBuilder().WithMembership(MembershipStatus.Active, "Professional")).Met);
        var student = Evaluate(criteria, new MemberFactsBuilder().WithMembership(MembershipStatus.Active, "Student"));
        Assert.False(student.Met);
        Assert.Equal(0m, student.Progress);
        Assert.Equal("This must not hold: Membership level Student", student.Gap);
    }

    [Fact]
    public void Nested_AnyInsideAll_CountsAsOnePartOfTheMean()
    {
        var facts = new MemberFactsBuilder().WithYears(2).WithMembership(MembershipStatus.Active, "Professional");
        const string criteria = """
            {"all":[{"membership":{"status":["Active"]}},
                    {"any":[{"all":[{"experience":{"minYears":4}},{"ceHours":{"minHours":10}}]},{"credential":{"program":"CAE"}}]}]}
            """;

        var decision = EligibilityRules.Decide(Guid.NewGuid(), Criteria.Parse(criteria), facts.Build());

        // The any's best option is all[experience 2/4, CE 0/10] = 0.25; the root is the mean of 1 and 0.25.
        Assert.False(decision.Eligible);
        Assert.Equal(62.5m, decision.PercentReady);
        Assert.Equal((1, 3), EligibilityRules.Count(decision.Criteria));
    }

    [Fact]
    public void Decide_WhenAlmostThere_NeverRoundsUpToAHundred()
    {
        var decision = EligibilityRules.Decide(Guid.NewGuid(), Criteria.Parse("""{"ceHours":{"minHours":1000}}"""),
            new MemberFactsBuilder().WithCeHours("Ethics", 999.99m).Build());

        Assert.False(decision.Eligible);
        Assert.Equal(99.9m, decision.PercentReady);
    }

    [Fact]
    public void ForProgram_PrerequisitesAndCriteria_AreRequiredTogether()
    {
        var criteria = Criteria.ForProgram("""{"experience":{"minYears":1}}""", ["CAE"]);

        var decision = EligibilityRules.Decide(Guid.NewGuid(), criteria, new MemberFactsBuilder().WithYears(2).Build());

        Assert.False(decision.Eligible);
        Assert.Equal(50m, decision.PercentReady);
        Assert.Equal("prerequisiteProgramIds[0]", Assert.Single(EligibilityRules.Gaps(decision.Criteria!)).Path);
    }

    [Fact]
    public void Decide_ProgramWithoutCriteria_IsEligible()
    {
        var decision = EligibilityRules.Decide(Guid.NewGuid(), Criteria.ForProgram(null, []), new MemberFactsBuilder().Build());

        Assert.True(decision.Eligible);
        Assert.Equal(100m, decision.PercentReady);
    }

    private static CriterionResult Evaluate(string criteria, MemberFactsBuilder facts) =>
        EligibilityRules.Evaluate(Criteria.Parse(criteria), facts.Build());
}
