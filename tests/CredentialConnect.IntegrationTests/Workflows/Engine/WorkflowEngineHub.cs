using System.Net;
using CredentialConnect.IntegrationTests.Credentials;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Exams;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Workflows;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.IntegrationTests.Workflows.Engine;

/// <summary>What the engine tests do to the hub: publish a definition, hand events to the engine, fire due timers.</summary>
public static class WorkflowEngineHub
{
    public static WorkflowDefinition Template(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!Directory.Exists(Path.Combine(directory!.FullName, "workflows", "templates"))) directory = directory.Parent;
        return WorkflowDefinitionJson.Parse(File.ReadAllText(Path.Combine(directory.FullName, "workflows", "templates", $"{name}.json"))) with { IsPublished = true };
    }

    /// <summary>Stores <paramref name="definition"/> as the latest published version with its trigger index, as publishing does.</summary>
    public static Task PublishAsync(this HubFixture hub, WorkflowDefinition definition) => hub.WithDbAsync(async db =>
    {
        foreach (var earlier in db.WorkflowDefinitions.Where(d => d.DefinitionId == definition.DefinitionId && d.IsLatestPublished))
            earlier.IsLatestPublished = false;
        var stored = new StoredWorkflowDefinition
        {
            DefinitionId = definition.DefinitionId, DefinitionVersion = definition.Version, Name = definition.Name, Program = definition.Program,
            Json = WorkflowDefinitionJson.Write(definition), IsPublished = true, IsLatestPublished = true, CreatedAt = hub.Now, CreatedBy = "test", PublishedAt = hub.Now,
        };
        db.WorkflowDefinitions.Add(stored);
        db.WorkflowTriggers.AddRange(TriggerIndex.TriggerTypes(definition)
            .Select(type => new WorkflowTriggerEntry { DefinitionVersionId = stored.Id, TriggerType = type, Program = definition.Program }));
        await db.SaveChangesAsync();
    });

    /// <summary>Hands every pending domain event to its handlers, the workflow engine among them.</summary>
    public static async Task DispatchEventsAsync(this HubFixture hub)
    {
        var dispatcher = hub.Factory.Services.GetRequiredService<DomainEventDispatcher>();
        while (await dispatcher.DispatchAsync(200, CancellationToken.None) > 0) { }
    }

    /// <summary>Moves the clock on and fires every workflow timer now due, as Quartz would.</summary>
    public static async Task<int> AdvanceAsync(this HubFixture hub, TimeSpan by)
    {
        hub.Factory.Clock.Advance(by);
        return await hub.Factory.Services.GetRequiredService<WorkflowTimers>().RunDueAsync(hub.Now);
    }

    public static WorkflowTimers Timers(this HubFixture hub) => hub.Factory.Services.GetRequiredService<WorkflowTimers>();

    /// <summary>An Admin client and a program with an exam that passes at 75%.</summary>
    public static async Task<(HttpClient Admin, CredentialProgram Program)> ExamProgramAsync(this HubFixture hub) =>
        (await hub.SignedInAsync(HubRoles.Admin), await new LifecycleProgramBuilder().WithExam(passingScorePercent: 75).SaveAsync(hub));

    /// <summary>Records a failed sitting through the API, then hands its ExamFailed to the engine.</summary>
    public static async Task FailExamAsync(this HubFixture hub, HttpClient admin, Member member, CredentialProgram program)
    {
        await (await admin.PostJsonAsync("/api/v1/exam-attempts",
            new { memberId = member.Id, programId = program.Id, score = 40, maxScore = 100, takenAt = hub.Now.AddHours(-1) })).ReadAsync<ExamRecordedResponse>(HttpStatusCode.Created);
        await hub.DispatchEventsAsync();
    }

    public static Task<WorkflowInstance> InstanceOfAsync(this HubFixture hub, Member member) =>
        hub.WithDbAsync(db => db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.MemberId == member.Id));
}
