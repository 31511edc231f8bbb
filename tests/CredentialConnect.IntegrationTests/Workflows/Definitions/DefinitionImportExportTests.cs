using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Workflows;
using CredentialConnect.Workflows.Definitions;
using static CredentialConnect.IntegrationTests.Workflows.Definitions.DefinitionRequests;

namespace CredentialConnect.IntegrationTests.Workflows.Definitions;

public sealed class DefinitionImportExportTests(HubFixture hub) : HubTest(hub)
{
    private static MultipartFormDataContent Upload(byte[] content, string fileName = "nurture.json") =>
        new() { { new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }, "file", fileName } };

    [Fact]
    public async Task Export_DownloadsTheVersionAsAJsonFile()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await admin.CreateDefinitionAsync(DefinitionBuilder.Nurture());
        await admin.PublishDefinitionAsync("nurture", 1);

        var response = await admin.GetAsync($"{Root}/nurture/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nurture-v1.json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var exported = WorkflowDefinitionJson.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(("nurture", 1, true, 3), (exported.DefinitionId, exported.Version, exported.IsPublished, exported.Root.Activities.Count));
    }

    [Fact]
    public async Task Import_OfAnExportedFile_AddsTheNextDraftVersion()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await admin.CreateDefinitionAsync(DefinitionBuilder.Nurture());
        await admin.PublishDefinitionAsync("nurture", 1);
        var exported = await (await admin.GetAsync($"{Root}/nurture/export")).Content.ReadAsByteArrayAsync();

        var response = await admin.PostAsync($"{Root}/import", Upload(exported));
        var imported = await response.ReadAsync<WorkflowDefinitionResponse>(HttpStatusCode.Created);

        Assert.Equal($"{Root}/nurture/versions/2", response.Headers.Location?.OriginalString);
        Assert.Equal((2, false, false), (imported.DefinitionVersion, imported.IsPublished, imported.Definition.IsPublished));
        Assert.Equal(["examFailed", "wait", "encourage"], imported.Definition.Root.Activities.Select(a => a.Id));
        Assert.True((await (await admin.GetAsync($"{Root}/nurture/versions/1")).ReadAsync<WorkflowDefinitionResponse>()).IsLatestPublished);
    }

    [Fact]
    public async Task Import_OfANewDefinitionAsTheBody_StartsAtVersion1()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var imported = await (await admin.PostJsonAsync($"{Root}/import", DefinitionBuilder.Nurture("fresh").AtVersion(9).Build()))
            .ReadAsync<WorkflowDefinitionResponse>(HttpStatusCode.Created);

        Assert.Equal(("fresh", 1, 1), (imported.DefinitionId, imported.DefinitionVersion, imported.Definition.Version));
    }

    [Fact]
    public async Task Import_OfAFileThatIsNotJson_Returns400()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var problem = await (await admin.PostAsync($"{Root}/import", Upload(Encoding.UTF8.GetBytes("definitionId: nurture"))))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Contains("not valid JSON", Assert.Single(problem.FieldErrors("$")));
    }

    [Fact]
    public async Task Import_OfTheWrongShape_Returns400NamingThePath()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var definition = DefinitionBuilder.Nurture().Build();
        definition["root"]!["activities"]![0]!["inputs"] = "eventType=ExamFailed";

        var problem = await (await admin.PostAsync($"{Root}/import", Upload(Encoding.UTF8.GetBytes(definition.ToJsonString()))))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.NotEmpty(problem.FieldErrors("root.activities[0].inputs"));
        Assert.Equal(0, await Hub.WithDbAsync(db => Task.FromResult(db.WorkflowDefinitions.Count())));
    }

    [Fact]
    public async Task Import_NamingActivitiesThisHubDoesNotHave_Returns400NamingEach_AndKeepsNothing()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var definition = DefinitionBuilder.Nurture().Build();
        definition["root"]!["activities"]![1]!["type"] = "SendFax";

        var problem = await (await admin.PostAsync($"{Root}/import", Upload(Encoding.UTF8.GetBytes(definition.ToJsonString()))))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Contains("'SendFax', which this hub does not have", Assert.Single(problem.FieldErrors("root.activities[1].type")));
        Assert.Equal(0, await Hub.WithDbAsync(db => Task.FromResult(db.WorkflowDefinitions.Count())));
    }

    [Fact]
    public async Task Import_OfAFormWithoutAFile_Returns400()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var problem = await (await admin.PostAsync($"{Root}/import", new MultipartFormDataContent { { new StringContent("x"), "note" } }))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.NotEmpty(problem.FieldErrors("file"));
    }
}
