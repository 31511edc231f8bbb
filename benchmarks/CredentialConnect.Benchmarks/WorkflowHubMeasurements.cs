using System.Diagnostics;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Workflows;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Benchmarks;

/// <summary>
/// The hub's side of the workflow benchmark, through its own dispatcher, engine and store on PostgreSQL: ExamFailed
/// domain events, as an exam result or the learning sync raises them, are dispatched in the hub's batches and start
/// the failed-exam nurture flow, which runs to its first wait (a three-day Delay); then every one of those timers is
/// resumed by <see cref="WorkflowTimers.RunDueAsync"/>, which runs each instance on to its next wait.
/// </summary>
internal static class WorkflowHubMeasurements
{
    /// <summary>The delivery worker's dispatch batch.</summary>
    private const int DispatchBatch = 200;

    public static async Task<IReadOnlyList<WorkflowFigure>> RunAsync(string connectionString, int instances)
    {
        await using var host = await HubHost.StartAsync(connectionString, new Dictionary<string, string?>());
        // The events happened three days and a minute ago, so every nurture timer is due when the resume is measured.
        await SeedAsync(connectionString, instances, DateTimeOffset.UtcNow.AddDays(-3).AddMinutes(-1));

        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        while (await DispatchToWorkflowsAsync(host.Services) > 0) { }
        cpu = Report("starts", instances, cpu);
        var started = new WorkflowFigure($"Hub: ExamFailed events, {DispatchBatch} a transaction, start the nurture flow, run to its first wait",
            instances, clock.Elapsed);

        clock.Restart();
        var resumed = await host.Services.GetRequiredService<WorkflowTimers>().RunDueAsync(DateTimeOffset.UtcNow);
        Report("resumes", resumed, cpu);
        var timers = new WorkflowFigure("Hub: resume due timers (RunDueAsync, in batches), run to the next wait", resumed, clock.Elapsed);

        await using var db = Open(connectionString);
        var waiting = await db.WorkflowInstances.CountAsync(i => i.Status == WorkflowStatus.Suspended);
        var outbox = await db.OutboxMessages.CountAsync();
        if (resumed != instances || waiting != instances || outbox != 2 * instances)
            Console.WriteLine($"  note: {resumed:N0} timers resumed, {waiting:N0} instances waiting and {outbox:N0} outbox rows; " +
                $"expected {instances:N0}, {instances:N0} and {2 * instances:N0}.");
        return [started, timers];
    }

    /// <summary>The hub's own CPU time per item of a phase (the database's is not in it): steadier than rates on a shared machine.</summary>
    private static TimeSpan Report(string phase, int count, TimeSpan since)
    {
        var now = Process.GetCurrentProcess().TotalProcessorTime;
        Console.WriteLine($"  {phase}: hub CPU {(now - since).TotalMilliseconds / count:F2} ms each");
        return now;
    }

    /// <summary>
    /// What <see cref="DomainEventDispatcher"/> does with a batch of events, for the workflow handler alone: the other
    /// handlers (goals, community recognition) are not the workflow runtime's cost.
    /// </summary>
    private static async Task<int> DispatchToWorkflowsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var handler = scope.ServiceProvider.GetServices<IDomainEventHandler>().OfType<WorkflowEventHandler>().Single();
        var events = await db.DomainEvents.Where(e => e.HandledAt == null).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Take(DispatchBatch).ToListAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var domainEvent in events)
        {
            await handler.HandleAsync(domainEvent, db, CancellationToken.None);
            domainEvent.HandledAt = DateTimeOffset.UtcNow;
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return events.Count;
    }

    /// <summary>The nurture template, published, the members it runs for and an ExamFailed event for each.</summary>
    private static async Task SeedAsync(string connectionString, int count, DateTimeOffset failedAt)
    {
        var now = DateTimeOffset.UtcNow;
        var definition = WorkflowDefinitionJson.Parse(await File.ReadAllTextAsync(Path.Combine(HubHost.RepositoryFolder(), "workflows", "templates", "failed-exam-nurture.json")))
            with { IsPublished = true };
        await using var db = Open(connectionString);
        var stored = new StoredWorkflowDefinition
        {
            DefinitionId = definition.DefinitionId, DefinitionVersion = definition.Version, Name = definition.Name,
            Json = WorkflowDefinitionJson.Write(definition), IsPublished = true, IsLatestPublished = true,
            CreatedAt = now, CreatedBy = "benchmark", PublishedAt = now,
        };
        db.WorkflowDefinitions.Add(stored);
        db.WorkflowTriggers.Add(new WorkflowTriggerEntry { DefinitionVersionId = stored.Id, TriggerType = DomainEventTypes.ExamFailed });
        await db.SaveChangesAsync();

        var program = await db.Programs.Where(p => p.Code == Dataset.ExamPrograms[0]).Select(p => p.Id).SingleAsync();
        foreach (var chunk in Enumerable.Range(1, count).Chunk(1_000))
        {
            await using var batch = Open(connectionString);
            var members = chunk.Select(n => new Member
            {
                AmsMemberId = $"WF-{n}", Email = $"candidate-{n}@example.org", FirstName = "Candidate", LastName = $"{n}", CreatedAt = now, UpdatedAt = now,
            }).ToList();
            batch.Members.AddRange(members);
            foreach (var member in members)
                batch.Raise(DomainEventTypes.ExamFailed, failedAt, member.Id, program,
                    new ExamEventData(Guid.NewGuid(), Dataset.ExamPrograms[0], 1, 61.5m, 100m));
            await batch.SaveChangesAsync();
        }
    }

    private static PostgresAppDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options);
}
