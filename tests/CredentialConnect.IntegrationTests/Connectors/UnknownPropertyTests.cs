using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.Connectors;

/// <summary>No endpoint drops a property it does not take; read-only fields a client echoes back are the one exception.</summary>
public sealed class UnknownPropertyTests(HubFixture hub) : HubTest(hub)
{
    [Fact]
    public async Task CreateProgram_WithAnUnknownProperty_Returns400NamingIt()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var response = await admin.PostAsync("/api/v1/programs", Json("""{"code":"CNP","name":"Nurse","kind":"Certification","nonsense":1}"""));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Contains("nonsense", Assert.Single(problem.FieldErrors("nonsense")));
        Assert.Equal(0, await Hub.WithDbAsync(db => db.Programs.CountAsync()));
    }

    [Fact]
    public async Task CreateProgram_WithAnUnknownNestedProperty_Returns400NamingItsPath()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = JsonSerializer(new ProgramBuilder().WithCode("CNP").Build());
        program["recertification"]!["totalHours"] = 40;

        var response = await admin.PostAsync("/api/v1/programs", Json(program.ToJsonString()));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.NotEmpty(problem.FieldErrors("recertification.totalHours"));
    }

    [Fact]
    public async Task ReportCeCredit_WithAnUnknownProperty_Returns400NamingIt()
    {
        var member = await Hub.AddMemberAsync();
        var client = await Hub.SignedInAsync(HubRoles.Member, member.Id);

        var response = await client.PostAsync("/api/v1/ce-credits", Json(
            """{"activity":"Ethics","category":"Ethics","hours":2,"earnedAt":"2026-05-01T00:00:00Z","evidence":"certificate","approved":true}"""));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.NotEmpty(problem.FieldErrors("approved"));
        Assert.Equal(0, await Hub.WithDbAsync(db => db.ContinuingEducationCredits.CountAsync()));
    }

    [Fact]
    public async Task SaveConnectorSettings_WithAnUnknownProperty_Returns400NamingIt()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var response = await admin.PutAsync("/api/v1/connectors/discourse/settings", Json("""{"settings":{"BadgeTypeId":"2"},"enabled":true}"""));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.NotEmpty(problem.FieldErrors("enabled"));
    }

    [Fact]
    public async Task ReplaceProgram_WithTheProgramSentBackAsRead_IsAccepted()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var created = await (await admin.PostJsonAsync("/api/v1/programs", new ProgramBuilder().WithCode("CNP").Build()))
            .ReadAsync<ProgramResponse>(HttpStatusCode.Created);
        var read = JsonNode.Parse(await admin.GetStringAsync($"/api/v1/programs/{created.Id}"))!.AsObject();
        read["name"] = "Certified Nurse Practitioner, renamed";

        var replaced = await (await admin.PutAsync($"/api/v1/programs/{created.Id}", Json(read.ToJsonString()))).ReadAsync<ProgramResponse>();

        Assert.Equal("Certified Nurse Practitioner, renamed", replaced.Name);
        Assert.Equal(created.Version + 1, replaced.Version);
        Assert.Equal(created.CreatedAt, replaced.CreatedAt);
    }

    private static JsonObject JsonSerializer(ProgramWrite program) =>
        JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(program, HttpExtensions.Json))!.AsObject();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
