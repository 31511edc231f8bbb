using System.Net;
using System.Text.Json;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Workflows;
using CredentialConnect.Workflows.Validation;
using static CredentialConnect.IntegrationTests.Workflows.Definitions.DefinitionRequests;

namespace CredentialConnect.IntegrationTests.Workflows.Definitions;

/// <summary>Each fault a designer can make is listed with its activity id, and publishing is refused.</summary>
public sealed class DefinitionValidationTests(HubFixture hub) : HubTest(hub)
{
    private sealed record RefusedProblem(string? ActivityId, string? Input, string Message, ProblemSeverity Severity);

    /// <summary>Stores the draft, tries to publish it, and returns the problems the refusal lists.</summary>
    private async Task<(JsonElement Problem, RefusedProblem[] Problems)> PublishRefusedAsync(DefinitionBuilder definition)
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var draft = await admin.CreateDefinitionAsync(definition);

        var problem = await (await admin.PublishAsync(draft.DefinitionId, 1)).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        var stored = await (await admin.GetAsync($"{Root}/{draft.DefinitionId}")).ReadAsync<WorkflowDefinitionResponse>();
        Assert.False(stored.IsPublished);
        Assert.Equal(0, await Hub.WithDbAsync(db => Task.FromResult(db.WorkflowTriggers.Count())));
        return (problem, problem.GetProperty("problems").Deserialize<RefusedProblem[]>(HttpExtensions.Json)!);
    }

    [Fact]
    public async Task Publish_ALoopWithoutAWait_IsRefusedNamingTheLoop()
    {
        var definition = DefinitionBuilder.Nurture()
            .With("check", "Decision", new { condition = "input.attemptNumber < 3" })
            .With("count", "SetVariable", new { name = "tries", value = "1" })
            .Connect("encourage", "check").Connect("check", "count", "True").Connect("count", "check");

        var (problem, problems) = await PublishRefusedAsync(definition);

        // The loop's Decision also leaves its False output open: a warning, listed beside the error.
        var loop = Assert.Single(problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Contains(loop.ActivityId, new[] { "check", "count" });
        Assert.Contains("no waiting activity", loop.Message);
        Assert.NotEmpty(problem.FieldErrors(loop.ActivityId!));
    }

    [Fact]
    public async Task Publish_AConnectionToNowhere_IsRefusedNamingItsSource()
    {
        var (problem, problems) = await PublishRefusedAsync(DefinitionBuilder.Nurture().Connect("encourage", "ghost"));

        var dangling = Assert.Single(problems);
        Assert.Equal("encourage", dangling.ActivityId);
        Assert.Contains("'ghost', which does not exist", Assert.Single(problem.FieldErrors("encourage")));
    }

    [Fact]
    public async Task Publish_AnUnknownActivityType_IsRefusedNamingTheActivity()
    {
        var (_, problems) = await PublishRefusedAsync(DefinitionBuilder.Nurture().With("fax", "SendFax").Connect("encourage", "fax"));

        var unknown = Assert.Single(problems);
        Assert.Equal(("fax", "Unknown activity type 'SendFax'."), (unknown.ActivityId, unknown.Message));
    }

    [Fact]
    public async Task Publish_AMissingRequiredInput_IsRefusedNamingTheActivityAndInput()
    {
        var definition = new DefinitionBuilder("nurture")
            .With("examFailed", "OnEvent", new { eventType = "ExamFailed" })
            .With("encourage", "SendEmail", new { body = "Keep going." })
            .Connect("examFailed", "encourage");

        var (_, problems) = await PublishRefusedAsync(definition);

        var missing = Assert.Single(problems);
        Assert.Equal(("encourage", "subject"), (missing.ActivityId, missing.Input));
    }

    [Fact]
    public async Task Publish_AScriptSyntaxError_IsRefusedWithWhereTheRealEngineFoundIt()
    {
        var definition = DefinitionBuilder.Nurture()
            .With("retake", "Decision", new { condition = "input.attemptNumber <" })
            .Connect("encourage", "retake");

        var (_, problems) = await PublishRefusedAsync(definition);

        var syntax = Assert.Single(problems);
        Assert.Equal(("retake", "condition"), (syntax.ActivityId, syntax.Input));
        Assert.Contains("JavaScript error at line 1", syntax.Message);
    }

    [Fact]
    public async Task Publish_WithSeveralFaults_ListsEveryOne()
    {
        var definition = DefinitionBuilder.Nurture()
            .With("fax", "SendFax").Connect("encourage", "fax")
            .With("retake", "Decision", new { condition = "((" }).Connect("fax", "retake")
            .Connect("retake", "ghost", "True");

        var (problem, problems) = await PublishRefusedAsync(definition);

        Assert.Equal(["fax", "retake", "retake"], problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.ActivityId).Order());
        Assert.Equal(("retake", "False"), problems.Where(p => p.Severity == ProblemSeverity.Warning).Select(p => (p.ActivityId!, p.Message.Contains("output 'False'") ? "False" : p.Message)).Single());
        Assert.Equal(["fax", "retake"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task Validate_AnUnstoredBody_ReturnsEveryProblemWith200()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var check = await (await admin.PostJsonAsync($"{Root}/validate", DefinitionBuilder.Nurture().Connect("encourage", "ghost").Build()))
            .ReadAsync<WorkflowDefinitionCheck>();

        Assert.False(check.Valid);
        Assert.Equal("encourage", Assert.Single(check.Problems).ActivityId);
        Assert.Equal(0, await Hub.WithDbAsync(db => Task.FromResult(db.WorkflowDefinitions.Count())));
    }

    [Fact]
    public async Task Validate_ABodyOfTheWrongShape_Returns400NamingThePath()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var definition = DefinitionBuilder.Nurture().Build();
        definition["root"]!["connections"]![0]!["source"] = "examFailed";

        var problem = await (await admin.PostJsonAsync($"{Root}/validate", definition)).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.NotEmpty(problem.FieldErrors("root.connections[0].source"));
    }

    [Fact]
    public async Task Validate_AStoredDraft_SaysItIsValid()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await admin.CreateDefinitionAsync(DefinitionBuilder.Nurture());

        var check = await (await admin.PostAsync($"{Root}/nurture/validate", null)).ReadAsync<WorkflowDefinitionCheck>();

        Assert.Equal((true, 0), (check.Valid, check.Problems.Count));
    }
}
