using System.Net;
using System.Text.Json;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.IntegrationTests.Eligibility;

public sealed class EligibilityCriteriaApiTests(HubFixture hub) : HubTest(hub)
{
    [Fact]
    public async Task Create_WithValidCriteria_StoresThemAsWritten()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await CreateAsync(admin, "CAE-F", null);
        const string criteria = """{"all":[{"experience":{"minYears":3}},{"credential":{"program":"CAE-F"}},{"not":{"membership":{"levels":["Student"]}}}]}""";

        var created = await CreateAsync(admin, "CAE", criteria);

        Assert.Equal(JsonDocument.Parse(criteria).RootElement.GetRawText(), created.EligibilityCriteria!.Value.GetRawText());
    }

    [Fact]
    public async Task Create_WithInvalidCriteria_Returns400WithTheJsonPath()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var response = await admin.PostJsonAsync("/api/v1/programs",
            Program("CAE", """{"all":[{"experience":{"minYears":3}},{"ceHours":{"minHours":0,"withinMonths":24}}]}"""));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.NotEmpty(problem.FieldErrors("eligibilityCriteria.all[1].ceHours.minHours"));
        Assert.Equal(0, await Hub.WithDbAsync(db => Task.FromResult(db.Programs.Count())));
    }

    [Fact]
    public async Task Create_WithUnknownCriterionType_Returns400NamingIt()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var response = await admin.PostJsonAsync("/api/v1/programs", Program("CAE", """{"any":[{"volunteering":{"hours":40}}]}"""));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Contains("Unknown criterion type 'volunteering'", Assert.Single(problem.FieldErrors("eligibilityCriteria.any[0].volunteering")));
    }

    [Fact]
    public async Task Create_NamingAProgramCodeThatDoesNotExist_Returns400WithPath()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var response = await admin.PostJsonAsync("/api/v1/programs", Program("CAE", """{"all":[{"experience":{"minYears":1}},{"credential":{"program":"NOPE"}}]}"""));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Contains("No program with code 'NOPE'", Assert.Single(problem.FieldErrors("eligibilityCriteria.all[1].credential.program")));
    }

    [Fact]
    public async Task Replace_CriteriaRequiringACredentialWhoseCriteriaRequireThisProgram_Returns400WithTheChain()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var a = await CreateAsync(admin, "AAA", null);
        await CreateAsync(admin, "BBB", """{"credential":{"program":"AAA"}}""");
        await CreateAsync(admin, "CCC", """{"any":[{"credential":{"program":"BBB"}},{"experience":{"minYears":9}}]}""");

        var update = Program("AAA", """{"all":[{"experience":{"minYears":1}},{"credential":{"program":"CCC"}}]}""") with { Version = a.Version };
        var problem = await (await admin.PutJsonAsync($"/api/v1/programs/{a.Id}", update)).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Contains("AAA → CCC → BBB → AAA", Assert.Single(problem.FieldErrors("eligibilityCriteria.all[1].credential.program")));
    }

    [Fact]
    public async Task Replace_PrerequisiteWhoseCriteriaRequireThisProgram_Returns400WithTheChain()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var a = await CreateAsync(admin, "AAA", null);
        var b = await CreateAsync(admin, "BBB", """{"credential":{"program":"AAA"}}""");

        var update = Program("AAA", null) with { PrerequisiteProgramIds = [b.Id], Version = a.Version };
        var problem = await (await admin.PutJsonAsync($"/api/v1/programs/{a.Id}", update)).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Contains("AAA → BBB → AAA", Assert.Single(problem.FieldErrors("prerequisiteProgramIds")));
    }

    [Fact]
    public async Task Create_CriteriaRequiringItsOwnCredential_Returns400()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var response = await admin.PostJsonAsync("/api/v1/programs", Program("SELF", """{"credential":{"program":"SELF"}}"""));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Contains("SELF → SELF", Assert.Single(problem.FieldErrors("eligibilityCriteria.credential.program")));
    }

    internal static ProgramWrite Program(string code, string? criteria) =>
        new ProgramBuilder().WithCode(code).WithoutRecertification().WithValidity(null).Build() with
        {
            EligibilityCriteria = criteria is null ? null : JsonDocument.Parse(criteria).RootElement.Clone(),
        };

    internal static async Task<ProgramResponse> CreateAsync(HttpClient admin, string code, string? criteria, bool publish = false)
    {
        var created = await (await admin.PostJsonAsync("/api/v1/programs", Program(code, criteria))).ReadAsync<ProgramResponse>(HttpStatusCode.Created);
        return publish
            ? await (await admin.PostJsonAsync($"/api/v1/programs/{created.Id}/publish", new ProgramTransition(created.Version))).ReadAsync<ProgramResponse>()
            : created;
    }
}
