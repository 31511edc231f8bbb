using System.Net;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Workflows;

namespace CredentialConnect.IntegrationTests.Workflows.Definitions;

/// <summary>Any program gets its own draft of a shipped flow, once; a wrong template or program is said, and nothing is made.</summary>
public sealed class WorkflowTemplatesApiTests(HubFixture hub) : HubTest(hub)
{
    private const string Templates = "/api/v1/workflow-templates";

    [Fact]
    public async Task List_NamesTheShippedFlows_WithTheEventsThatStartThem()
    {
        var reviewer = await Hub.SignedInAsync(HubRoles.Reviewer);

        var templates = await (await reviewer.GetAsync(Templates)).ReadAsync<WorkflowTemplateSummary[]>();

        Assert.Equal(["application-approval", "failed-exam-nurture", "recertification-reminders"], templates.Select(t => t.Name));
        Assert.Equal(["ExamFailed"], templates.Single(t => t.Name == "failed-exam-nurture").StartedBy);
    }

    [Fact]
    public async Task Use_MakesTheProgramsOwnDraft_Once()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = await (await admin.PostJsonAsync("/api/v1/programs", new ProgramBuilder().WithCode("TPL").Build())).ReadAsync<ProgramResponse>(HttpStatusCode.Created);

        var draft = await (await admin.PostJsonAsync($"{Templates}/failed-exam-nurture/use", new { program = program.Code }))
            .ReadAsync<WorkflowDefinitionResponse>(HttpStatusCode.Created);
        var again = await (await admin.PostJsonAsync($"{Templates}/failed-exam-nurture/use", new { program = program.Code }))
            .ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);

        Assert.Equal(("tpl-failed-exam-nurture", "TPL", 1, false), (draft.DefinitionId, draft.Program, draft.DefinitionVersion, draft.IsPublished));
        Assert.Contains(draft.Definition.Root.Activities, a => a.Type == "OnEvent");
        Assert.Contains("already has", again.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Use_AnUnknownTemplate_Is404_AnUnknownProgram_Is400_AndAReviewerIsRefused()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var reviewer = await Hub.SignedInAsync(HubRoles.Reviewer);

        await (await admin.PostJsonAsync($"{Templates}/welcome-gift/use", new { program = "TPL" })).ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        var unknown = await (await admin.PostJsonAsync($"{Templates}/failed-exam-nurture/use", new { program = "NOPE" })).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        var refused = await reviewer.PostJsonAsync($"{Templates}/failed-exam-nurture/use", new { program = "NOPE" });

        Assert.Contains("NOPE", Assert.Single(unknown.FieldErrors("program")));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(0, await Hub.WithDbAsync(db => Task.FromResult(db.WorkflowDefinitions.Count())));
    }
}
