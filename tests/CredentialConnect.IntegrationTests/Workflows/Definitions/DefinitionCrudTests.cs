using System.Net;
using System.Text;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Workflows;
using static CredentialConnect.IntegrationTests.Workflows.Definitions.DefinitionRequests;

namespace CredentialConnect.IntegrationTests.Workflows.Definitions;

public sealed class DefinitionCrudTests(HubFixture hub) : HubTest(hub)
{
    [Fact]
    public async Task Create_StoresAnUnpublishedVersion1AndServesItBack()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var response = await admin.PostJsonAsync(Root, DefinitionBuilder.Nurture().Build());
        var created = await response.ReadAsync<WorkflowDefinitionResponse>(HttpStatusCode.Created);
        var read = await (await admin.GetAsync($"{Root}/nurture")).ReadAsync<WorkflowDefinitionResponse>();

        Assert.Equal($"{Root}/nurture", response.Headers.Location?.OriginalString);
        Assert.Equal((1, false, false), (created.DefinitionVersion, created.IsPublished, created.IsLatestPublished));
        Assert.Equal(["examFailed", "wait", "encourage"], read.Definition.Root.Activities.Select(a => a.Id));
        Assert.Equal("P3D", read.Definition.Root.Activities[1].Inputs["duration"]!.GetValue<string>());
        Assert.StartsWith("staff:", read.CreatedBy);
    }

    [Fact]
    public async Task Create_WithAnIdInUse_Returns409()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await admin.CreateDefinitionAsync(DefinitionBuilder.Nurture());

        var response = await admin.PostJsonAsync(Root, DefinitionBuilder.Nurture().Named("Another").Build());

        await response.ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
    }

    [Fact]
    public async Task Create_WithMalformedJson_Returns400SayingWhere()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var response = await admin.PostAsync(Root, new StringContent("""{"definitionId": "nurture", "root": {""", Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.MalformedRequest);
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Create_WithAValueOfTheWrongShape_Returns400NamingItsPath()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var definition = DefinitionBuilder.Nurture().Build();
        definition["root"]!["activities"] = 5;

        var problem = await (await admin.PostJsonAsync(Root, definition)).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.NotEmpty(problem.FieldErrors("root.activities"));
    }

    [Fact]
    public async Task Create_WithMissingPartsAndABadId_ReportsEachPath()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var definition = new DefinitionBuilder("not a valid id").With("start", "").Connect("start", "").Build();

        var problem = await (await admin.PostJsonAsync(Root, definition)).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.NotEmpty(problem.FieldErrors("definitionId"));
        Assert.Contains("'start' needs a type", Assert.Single(problem.FieldErrors("root.activities[0].type")));
        Assert.NotEmpty(problem.FieldErrors("root.connections[0].target.activity"));
        Assert.Equal(0, await Hub.WithDbAsync(db => Task.FromResult(db.WorkflowDefinitions.Count())));
    }

    [Fact]
    public async Task Create_ForAnUnknownProgram_Returns400()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var problem = await (await admin.PostJsonAsync(Root, DefinitionBuilder.Nurture().ForProgram("NOPE").Build()))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Contains("NOPE", Assert.Single(problem.FieldErrors("program")));
    }

    [Fact]
    public async Task Replace_ADraft_ChangesItInPlace()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var created = await admin.CreateDefinitionAsync(DefinitionBuilder.Nurture());

        var replaced = await (await admin.ReplaceAsync(created, DefinitionBuilder.Nurture().Named("Nurture, gentler"))).ReadAsync<WorkflowDefinitionResponse>();
        var versions = await (await admin.GetAsync($"{Root}/nurture/versions")).ReadAsync<WorkflowDefinitionVersionSummary[]>();

        Assert.Equal((1, "Nurture, gentler", "Nurture, gentler"), (replaced.DefinitionVersion, replaced.Name, replaced.Definition.Name));
        Assert.True(replaced.Version > created.Version);
        Assert.Single(versions);
    }

    [Fact]
    public async Task Replace_WithAStaleVersion_Returns409AndKeepsTheOtherEdit()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var created = await admin.CreateDefinitionAsync(DefinitionBuilder.Nurture());
        await admin.ReplaceAsync(created, DefinitionBuilder.Nurture().Named("First edit"));

        var response = await admin.ReplaceAsync(created, DefinitionBuilder.Nurture().Named("Second edit"));

        await response.ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
        Assert.Equal("First edit", (await (await admin.GetAsync($"{Root}/nurture")).ReadAsync<WorkflowDefinitionResponse>()).Name);
    }

    [Fact]
    public async Task Replace_WithoutTheVersionRead_Returns400()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await admin.CreateDefinitionAsync(DefinitionBuilder.Nurture());

        var response = await admin.PutJsonAsync($"{Root}/nurture", new { definition = DefinitionBuilder.Nurture().Build() });

        Assert.NotEmpty((await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation)).FieldErrors("version"));
    }

    [Fact]
    public async Task Delete_ANeverPublishedDefinition_RemovesIt()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await admin.CreateDefinitionAsync(DefinitionBuilder.Nurture());

        var deleted = await admin.DeleteAsync($"{Root}/nurture");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await admin.GetAsync($"{Root}/nurture")).ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
    }

    [Fact]
    public async Task Delete_APublishedDefinition_Returns409()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await admin.CreateDefinitionAsync(DefinitionBuilder.Nurture());
        await admin.PublishDefinitionAsync("nurture", 1);

        await (await admin.DeleteAsync($"{Root}/nurture")).ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
        Assert.Equal(1, await Hub.WithDbAsync(db => Task.FromResult(db.WorkflowDefinitions.Count())));
    }

    [Fact]
    public async Task GetVersion_ThatDoesNotExist_Returns404()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await admin.CreateDefinitionAsync(DefinitionBuilder.Nurture());

        var found = await (await admin.GetAsync($"{Root}/nurture/versions/1")).ReadAsync<WorkflowDefinitionResponse>();

        Assert.Equal(1, found.DefinitionVersion);
        await (await admin.GetAsync($"{Root}/nurture/versions/2")).ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
    }

    [Fact]
    public async Task List_ShowsEachDefinitionOnceWithItsLatestAndPublishedVersions_AndFilters()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await Hub.AddProgramAsync("CNP");
        var nurture = await admin.CreateDefinitionAsync(DefinitionBuilder.Nurture().ForProgram("CNP"));
        await admin.PublishDefinitionAsync("nurture", 1);
        await admin.ReplaceAsync(await (await admin.GetAsync($"{Root}/nurture")).ReadAsync<WorkflowDefinitionResponse>(),
            DefinitionBuilder.Nurture().ForProgram("CNP").Named("Nurture v2"));
        await admin.CreateDefinitionAsync(DefinitionBuilder.Nurture("reminders").Named("Renewal reminders"));

        var all = await (await admin.GetAsync(Root)).ReadAsync<Page<WorkflowDefinitionSummary>>();
        var forCnp = await (await admin.GetAsync($"{Root}?program=CNP")).ReadAsync<Page<WorkflowDefinitionSummary>>();
        var byText = await (await admin.GetAsync($"{Root}?q=renewal")).ReadAsync<Page<WorkflowDefinitionSummary>>();
        var unpublished = await (await admin.GetAsync($"{Root}?published=false")).ReadAsync<Page<WorkflowDefinitionSummary>>();

        Assert.Equal(["nurture", "reminders"], all.Items.Select(d => d.DefinitionId));
        Assert.Equal(("Nurture v2", 2, (int?)1), (all.Items[0].Name, all.Items[0].LatestVersion, all.Items[0].PublishedVersion));
        Assert.Equal(nurture.DefinitionId, Assert.Single(forCnp.Items).DefinitionId);
        Assert.Equal("reminders", Assert.Single(byText.Items).DefinitionId);
        Assert.Equal(("reminders", (int?)null), (Assert.Single(unpublished.Items).DefinitionId, unpublished.Items[0].PublishedVersion));
    }

    [Fact]
    public async Task Reviewer_ReadsDefinitionsButCannotChangeThem()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await admin.CreateDefinitionAsync(DefinitionBuilder.Nurture());
        var reviewer = await Hub.SignedInAsync(HubRoles.Reviewer);

        var read = await reviewer.GetAsync($"{Root}/nurture");
        var create = await reviewer.PostJsonAsync(Root, DefinitionBuilder.Nurture("other").Build());

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (read.StatusCode, create.StatusCode));
    }

    [Fact]
    public async Task ApiKey_NeedsTheWorkflowsAdminScopeToDesign()
    {
        var (designer, _) = await Hub.WithApiKeyAsync(ApiScopes.WorkflowsAdmin);
        var (reader, _) = await Hub.WithApiKeyAsync(ApiScopes.WorkflowsRead);

        var created = await designer.PostJsonAsync(Root, DefinitionBuilder.Nurture().Build());
        var readByReader = await reader.GetAsync($"{Root}/nurture");
        var createdByReader = await reader.PostJsonAsync(Root, DefinitionBuilder.Nurture("other").Build());

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Forbidden),
            (created.StatusCode, readByReader.StatusCode, createdByReader.StatusCode));
    }
}
