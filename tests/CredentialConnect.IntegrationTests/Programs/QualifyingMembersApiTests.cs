using System.Net;
using System.Text.Json;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.IntegrationTests.Programs;

public sealed class QualifyingMembersApiTests(HubFixture hub) : HubTest(hub)
{
    private const string Url = "/api/v1/programs/criteria/qualifying";

    [Fact]
    public async Task Count_AsCriteriaChange_CountsTheMembersWhoMeetThemNow()
    {
        await Hub.AddMemberAsync(m => m.YearsOfExperience = 1);
        await Hub.AddMemberAsync(m => m.YearsOfExperience = 4);
        await Hub.AddMemberAsync(m => (m.YearsOfExperience, m.MembershipLevel) = (9, "Student"));
        var reviewer = await Hub.SignedInAsync(HubRoles.Reviewer);

        var anyone = await CountAsync(reviewer, null);
        var three = await CountAsync(reviewer, """{"experience":{"minYears":3}}""");
        var threeNotStudent = await CountAsync(reviewer, """{"all":[{"experience":{"minYears":3}},{"not":{"membership":{"levels":["Student"]}}}]}""");

        Assert.Equal(new QualifyingCount(3, 3), anyone);
        Assert.Equal(new QualifyingCount(2, 3), three);
        Assert.Equal(new QualifyingCount(1, 3), threeNotStudent);
    }

    [Fact]
    public async Task Count_WithInvalidCriteria_Returns400WithTheJsonPath()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var response = await admin.PostJsonAsync(Url, Request("""{"any":[{"ceHours":{"minHours":0}}]}"""));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.NotEmpty(problem.FieldErrors("eligibilityCriteria.any[0].ceHours.minHours"));
    }

    private static QualifyingRequest Request(string? criteria) =>
        new(criteria is null ? null : JsonDocument.Parse(criteria).RootElement.Clone(), null, null);

    private static async Task<QualifyingCount> CountAsync(HttpClient client, string? criteria) =>
        await (await client.PostJsonAsync(Url, Request(criteria))).ReadAsync<QualifyingCount>();
}
