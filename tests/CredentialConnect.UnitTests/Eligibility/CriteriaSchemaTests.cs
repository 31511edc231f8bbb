using System.Text.Json;
using CredentialConnect.Web.Features.Eligibility;
using CredentialConnect.Web.Features.Members;

namespace CredentialConnect.UnitTests.Eligibility;

public sealed class CriteriaSchemaTests
{
    private const string Example = """
        {"all":[{"experience":{"minYears":3}},{"ceHours":{"minHours":20,"category":"Ethics","withinMonths":24}},{"credential":{"program":"CAE-F"}},
        {"membership":{"status":["Active"],"levels":["Professional","Fellow"]}},{"answer":{"field":"holdsStateLicence","equals":true}},
        {"not":{"membership":{"levels":["Student"]}}}]}
        """;

    [Fact]
    public void Validate_TheDocumentedExample_HasNoProblems()
    {
        Assert.Empty(CriteriaSchema.Validate(Json(Example), null));
    }

    [Fact]
    public void Validate_NegativeHoursDeepInAGroup_NamesTheJsonPath()
    {
        var problems = CriteriaSchema.Validate(Json("""{"all":[{"experience":{"minYears":3}},{"ceHours":{"minHours":-2,"category":"Ethics"}}]}"""), null);

        var (path, message) = Assert.Single(problems);
        Assert.Equal("eligibilityCriteria.all[1].ceHours.minHours", path);
        Assert.Contains("greater than 0", message);
    }

    [Fact]
    public void Validate_UnknownCriterionType_NamesItAndListsTheKnownOnes()
    {
        var problems = CriteriaSchema.Validate(Json("""{"any":[{"experience":{"minYears":1}},{"volunteerHours":{"min":10}}]}"""), null);

        var (path, message) = Assert.Single(problems);
        Assert.Equal("eligibilityCriteria.any[1].volunteerHours", path);
        Assert.Contains("Unknown criterion type 'volunteerHours'", message);
        Assert.Contains("ceHours", message);
    }

    [Fact]
    public void Validate_UnknownFieldInsideACriterion_IsAnUnknownFieldNotAType()
    {
        var (path, message) = Assert.Single(CriteriaSchema.Validate(Json("""{"experience":{"minYears":1,"maxYears":9}}"""), null));

        Assert.Equal("eligibilityCriteria.experience.maxYears", path);
        Assert.Equal("Unknown field 'maxYears'.", message);
    }

    [Fact]
    public void Validate_CriterionWithTwoTypes_SaysOneKeyPerCriterion()
    {
        var (path, message) = Assert.Single(CriteriaSchema.Validate(Json("""{"all":[{"experience":{"minYears":1},"ceHours":{"minHours":2}}]}"""), null));

        Assert.Equal("eligibilityCriteria.all[0]", path);
        Assert.Contains("exactly one key", message);
    }

    [Fact]
    public void Validate_AnswerWithTwoComparisons_AsksForExactlyOne()
    {
        var (path, message) = Assert.Single(CriteriaSchema.Validate(Json("""{"answer":{"field":"years","atLeast":2,"equals":3}}"""), null));

        Assert.Equal("eligibilityCriteria.answer", path);
        Assert.Contains("exactly one of: equals, oneOf, atLeast", message);
    }

    [Fact]
    public void Validate_MembershipStatusNotKnown_NamesTheListItem()
    {
        var (path, _) = Assert.Single(CriteriaSchema.Validate(Json("""{"membership":{"status":["Active","Honorary"]}}"""), null));

        Assert.Equal("eligibilityCriteria.membership.status[1]", path);
    }

    [Fact]
    public void Validate_AnswerToAQuestionTheFormDoesNotAsk_NamesTheField()
    {
        var form = Json("""{"type":"object","properties":{"holdsStateLicence":{"type":"boolean"}}}""");

        var (path, message) = Assert.Single(CriteriaSchema.Validate(Json("""{"not":{"answer":{"field":"licence","equals":true}}}"""), form));

        Assert.Equal("eligibilityCriteria.not.answer.field", path);
        Assert.Contains("holdsStateLicence", message);
    }

    [Fact]
    public void Schema_MembershipStatuses_MatchTheMemberModel()
    {
        var statuses = JsonDocument.Parse(CriteriaSchema.Text).RootElement.GetProperty("$defs").GetProperty("membership")
            .GetProperty("properties").GetProperty("status").GetProperty("items").GetProperty("enum").EnumerateArray().Select(e => e.GetString());

        Assert.Equal(Enum.GetNames<MembershipStatus>(), statuses);
    }

    [Fact]
    public void Parse_TheDocumentedExample_GivesEachCriterionItsPath()
    {
        var root = Assert.IsType<AllCriterion>(Criteria.Parse(Example));

        Assert.Equal(
            ["eligibilityCriteria.all[0]", "eligibilityCriteria.all[1]", "eligibilityCriteria.all[2]", "eligibilityCriteria.all[3]",
             "eligibilityCriteria.all[4]", "eligibilityCriteria.all[5]", "eligibilityCriteria.all[5].not"],
            root.SelfAndDescendants().Skip(1).Select(c => c.Path));
        var ce = Assert.IsType<CeHoursCriterion>(root.Parts[1]);
        Assert.Equal((20m, "Ethics", 24), (ce.MinHours, ce.Category, ce.WithinMonths));
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
