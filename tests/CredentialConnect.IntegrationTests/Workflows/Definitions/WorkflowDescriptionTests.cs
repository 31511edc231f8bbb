using System.Net;
using System.Reflection;
using System.Text.Json;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Workflows;
using CredentialConnect.Workflows.Validation;
using static CredentialConnect.IntegrationTests.Workflows.Definitions.DefinitionRequests;

namespace CredentialConnect.IntegrationTests.Workflows.Definitions;

/// <summary>What the designer draws from: the event catalogue, roles and scope, the body schema, and the host's own validation.</summary>
public sealed class WorkflowDescriptionTests(HubFixture hub) : HubTest(hub)
{
    private static IReadOnlyList<string> DomainEventTypeConstants() =>
        [.. typeof(DomainEventTypes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    [Fact]
    public async Task Events_ListsEveryDomainEventType_WithADescriptionAndItsDataFields()
    {
        var member = await Hub.SignedInAsync(HubRoles.Member);

        var catalog = await (await member.GetAsync("/api/v1/workflow-events")).ReadAsync<WorkflowEventCatalogResponse>();

        Assert.Equal(DomainEventTypeConstants(), catalog.Events.Select(e => e.Type));
        Assert.All(catalog.Events, e => Assert.False(string.IsNullOrWhiteSpace(e.Description), e.Type));
        Assert.All(catalog.Events.Where(e => e.Type != DomainEventTypes.MemberJoined), e => Assert.NotEmpty(e.Fields));
        var failed = catalog.Events.Single(e => e.Type == DomainEventTypes.ExamFailed);
        Assert.Contains(new WorkflowEventField("attemptNumber", "Number", false), failed.Fields);
        Assert.Contains(new WorkflowEventField("programCode", "String", false), failed.Fields);
        Assert.Contains(new WorkflowEventField("explanation", "String", true), failed.Fields);
        Assert.Contains(new WorkflowEventField("takenAt", "DateTime", false), catalog.Events.Single(e => e.Type == DomainEventTypes.ExamAttemptVoided).Fields);
        Assert.Contains(new WorkflowEventField("hours", "Number", false), catalog.Events.Single(e => e.Type == DomainEventTypes.CourseCompletionVoided).Fields);
        Assert.Contains(new WorkflowEventField("reason", "String", false), catalog.Events.Single(e => e.Type == DomainEventTypes.CredentialReviewNeeded).Fields);
        Assert.Contains(new WorkflowEventField("daysBefore", "Number", true), catalog.Events.Single(e => e.Type == DomainEventTypes.CredentialExpiring).Fields);
    }

    [Fact]
    public async Task Events_WithoutSigningIn_Returns401()
    {
        var response = await Hub.Anonymous().GetAsync("/api/v1/workflow-events");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Activities_ListTheRolesTheScopeAndEachActivitysPorts()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var catalog = await (await admin.GetAsync("/api/v1/workflow-activities")).ReadAsync<ActivityCatalog>();

        Assert.Equal(["Admin", "Reviewer", "Member"], catalog.Roles);
        Assert.Equal(["input", "variables", "now"], catalog.ExpressionScope.Select(v => v.Name).Take(3));
        var approval = catalog.Categories.SelectMany(c => c.Activities).Single(a => a.TypeName == "ApprovalTask");
        Assert.Equal("In", approval.InPort!.Name);
        Assert.Equal(["Approved", "Rejected", "TimedOut"], approval.OutPorts.Select(p => p.Name).Order());
        Assert.NotNull(approval.Inputs.Single(i => i.Name == "escalation").Schema);
    }

    [Fact]
    public async Task Validate_AMisspelledEvent_IsAnErrorFromTheHostsCatalogue_WithADidYouMean()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var definition = new DefinitionBuilder("typo").With("start", "OnEvent", new { eventType = "ExamFailled" })
            .With("tag", "AddTag", new { tag = "t" }).Connect("start", "tag");

        var check = await (await admin.PostJsonAsync($"{Root}/validate", definition.Build())).ReadAsync<WorkflowDefinitionCheck>();

        var problem = Assert.Single(check.Problems);
        Assert.Equal(("start", "eventType", ProblemSeverity.Error), (problem.ActivityId, problem.Input, problem.Severity));
        Assert.Contains("Did you mean 'ExamFailed'?", problem.Message);
        Assert.False(check.Valid);
    }

    [Fact]
    public async Task Publish_AnExamFlowForAProgramWithNoExam_IsRefused_AndValidateSaysWhy()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await Hub.AddProgramAsync("MICRO", hasExam: false);
        await admin.CreateDefinitionAsync(DefinitionBuilder.Nurture("micro-nurture").ForProgram("MICRO"));

        var check = await (await admin.PostAsync($"{Root}/micro-nurture/validate", null)).ReadAsync<WorkflowDefinitionCheck>();
        var publish = await admin.PublishAsync("micro-nurture", 1);

        var problem = Assert.Single(check.Problems);
        Assert.Equal(("examFailed", "eventType", ProblemSeverity.Error), (problem.ActivityId, problem.Input, problem.Severity));
        Assert.Contains("program MICRO has no exam", problem.Message);
        var refused = await publish.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Contains("has no exam", Assert.Single(refused.FieldErrors("examFailed")));
    }

    [Fact]
    public async Task Publish_AnExamFlowForAProgramWithAnExam_IsAccepted()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await Hub.AddProgramAsync("EXAM", hasExam: true);
        await admin.CreateDefinitionAsync(DefinitionBuilder.Nurture("exam-nurture").ForProgram("EXAM"));

        var response = await admin.PublishAsync("exam-nurture", 1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_DeclaresTheDefinitionBody_ForCreateValidateAndImport()
    {
        var document = JsonDocument.Parse(await Hub.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement;
        var schemas = document.GetProperty("components").GetProperty("schemas");

        foreach (var path in new[] { Root, $"{Root}/validate", $"{Root}/import" })
        {
            var paths = document.GetProperty("paths");
            var operation = paths.TryGetProperty(path, out var exact) ? exact : paths.GetProperty(path + "/");
            var schema = operation.GetProperty("post")
                .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            var resolved = schema.TryGetProperty("$ref", out var reference) ? schemas.GetProperty(reference.GetString()!.Split('/')[^1]) : schema;
            Assert.True(resolved.GetProperty("properties").TryGetProperty("root", out _), path);
            Assert.True(resolved.GetProperty("properties").TryGetProperty("definitionId", out _), path);
        }
    }
}
