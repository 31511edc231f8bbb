using System.Net;
using System.Text.Json;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Workflows;
using Microsoft.EntityFrameworkCore;
using static CredentialConnect.IntegrationTests.Workflows.Definitions.DefinitionRequests;

namespace CredentialConnect.IntegrationTests.Workflows.Definitions;

public sealed class DefinitionPublishingTests(HubFixture hub) : HubTest(hub)
{
    private async Task<(string TriggerType, string? Program, int Version)[]> TriggerIndexAsync()
    {
        var entries = await Hub.WithDbAsync(db => db.WorkflowTriggers
            .Join(db.WorkflowDefinitions, t => t.DefinitionVersionId, d => d.Id, (t, d) => new { t.TriggerType, t.Program, d.DefinitionVersion })
            .OrderBy(t => t.TriggerType).ToListAsync());
        return [.. entries.Select(t => (t.TriggerType, t.Program, t.DefinitionVersion))];
    }

    [Fact]
    public async Task Publish_AValidDraft_FreezesItAndIndexesItsTriggers()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await Hub.AddProgramAsync("CNP");
        await admin.CreateDefinitionAsync(DefinitionBuilder.Nurture().ForProgram("CNP").With("manual", "Manual").Connect("manual", "encourage"));

        var published = await admin.PublishDefinitionAsync("nurture", 1);

        Assert.Equal((true, true, Hub.Now), (published.IsPublished, published.IsLatestPublished, published.PublishedAt!.Value));
        Assert.True(published.Definition.IsPublished);
        Assert.Equal([("ExamFailed", "CNP", 1), ("Manual", "CNP", 1)], await TriggerIndexAsync());
    }

    [Fact]
    public async Task Edit_OfAPublishedVersion_BecomesTheNextDraftAndThePublishedVersionNeverChanges()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await admin.CreateDefinitionAsync(DefinitionBuilder.Nurture());
        var v1 = await admin.PublishDefinitionAsync("nurture", 1);

        var v2 = await (await admin.ReplaceAsync(v1, DefinitionBuilder.Nurture().Named("Nurture v2"))).ReadAsync<WorkflowDefinitionResponse>(HttpStatusCode.Created);
        var v3Attempt = await admin.ReplaceAsync(v2, DefinitionBuilder.Nurture().Named("Nurture v2, again"));
        var v1After = await (await admin.GetAsync($"{Root}/nurture/versions/1")).ReadAsync<WorkflowDefinitionResponse>();
        var versions = await (await admin.GetAsync($"{Root}/nurture/versions")).ReadAsync<WorkflowDefinitionVersionSummary[]>();

        Assert.Equal((2, false), (v2.DefinitionVersion, v2.IsPublished));
        Assert.Equal(HttpStatusCode.OK, v3Attempt.StatusCode);
        Assert.Equal(("Failed exam nurture", true, v1.Version), (v1After.Definition.Name, v1After.IsLatestPublished, v1After.Version));
        Assert.Equal(JsonSerializer.Serialize(v1.Definition), JsonSerializer.Serialize(v1After.Definition));
        Assert.Equal([(2, "Nurture v2, again", false), (1, "Failed exam nurture", true)], versions.Select(v => (v.DefinitionVersion, v.Name, v.IsPublished)));
    }

    [Fact]
    public async Task Publish_TheNextVersion_MovesLatestPublishedAndTheTriggerIndexToIt()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await admin.CreateDefinitionAsync(DefinitionBuilder.Nurture());
        var v1 = await admin.PublishDefinitionAsync("nurture", 1);
        await admin.ReplaceAsync(v1, DefinitionBuilder.Nurture().With("manual", "Manual").Connect("manual", "encourage"));

        var v2 = await admin.PublishDefinitionAsync("nurture", 2);
        var versions = await (await admin.GetAsync($"{Root}/nurture/versions")).ReadAsync<WorkflowDefinitionVersionSummary[]>();

        Assert.True(v2.IsLatestPublished);
        Assert.Equal([(2, true, true), (1, true, false)], versions.Select(v => (v.DefinitionVersion, v.IsPublished, v.IsLatestPublished)));
        Assert.Equal([("ExamFailed", null, 2), ("Manual", null, 2)], await TriggerIndexAsync());
    }

    [Fact]
    public async Task Publish_ASecondTime_Returns409()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await admin.CreateDefinitionAsync(DefinitionBuilder.Nurture());
        await admin.PublishDefinitionAsync("nurture", 1);

        await (await admin.PublishAsync("nurture", 1)).ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
    }

    [Fact]
    public async Task Publish_AnOlderVersionThanThePublishedOne_MakesItTheLatestPublished_AndTheLatestAgainReturns409()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await admin.CreateDefinitionAsync(DefinitionBuilder.Nurture());
        (await admin.PostJsonAsync($"{Root}/import", DefinitionBuilder.Nurture().Build())).EnsureSuccessStatusCode();
        await admin.PublishDefinitionAsync("nurture", 2);

        var older = await admin.PublishDefinitionAsync("nurture", 1);
        var versions = await (await admin.GetAsync($"{Root}/nurture/versions")).ReadAsync<List<WorkflowDefinitionVersionSummary>>();

        Assert.True(older.IsLatestPublished);
        Assert.Equal([(2, true, false), (1, true, true)], versions.Select(v => (v.DefinitionVersion, v.IsPublished, v.IsLatestPublished)));
        await (await admin.PublishAsync("nurture", 1)).ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
    }

    [Fact]
    public async Task Publish_AVersionThatDoesNotExist_Returns404()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await admin.CreateDefinitionAsync(DefinitionBuilder.Nurture());

        await (await admin.PublishAsync("nurture", 7)).ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
    }
}
