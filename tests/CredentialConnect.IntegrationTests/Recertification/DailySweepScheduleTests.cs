using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace CredentialConnect.IntegrationTests.Recertification;

/// <summary>
/// The daily sweep as production runs it: Quartz on the clustered PostgreSQL job store, where every hub node shares
/// one schedule and a trigger fires on one node only.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class DailySweepScheduleTests(HubFixture fixture) : IAsyncLifetime
{
    private HubFactory _node = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("credentialconnect_schedule");
        await using (var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options))
            await db.Database.MigrateAsync();

        // The scheduler keeps real time here, as it does in production: a frozen test clock would never let a trigger come due.
        _node = new HubFactory("Testing", new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DataModule.ConnectionStringName}"] = connectionString,
            ["Scheduling:Enabled"] = "true",
            ["Scheduling:SyncInterval"] = "1.00:00:00",
        }, services => services.Replace(ServiceDescriptor.Singleton(TimeProvider.System)));
        _ = _node.Server;
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task TheDailySweep_IsScheduledOnTheClusteredStore_AndFiringItMovesCredentialsOn()
    {
        var credentialId = await AddCredentialEndingInAsync(TimeSpan.FromDays(20));
        var scheduler = await _node.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var ran = new JobRunListener();
        scheduler.ListenerManager.AddJobListener(ran, [new OnlyJob(SchedulingModule.StatusSweep)]);

        var metadata = await scheduler.GetMetadata();
        var daily = Assert.IsType<ICronTrigger>(Assert.Single(await scheduler.GetTriggersOfJob(SchedulingModule.StatusSweep)), exactMatch: false);
        await scheduler.TriggerJob(SchedulingModule.StatusSweep);
        var failure = await ran.Completed.WaitAsync(TimeSpan.FromMinutes(2));
        var (status, notices) = await _node.WithDbAsync(async db => (
            await db.Credentials.Where(c => c.Id == credentialId).Select(c => c.Status).SingleAsync(),
            await db.DomainEvents.CountAsync(e => e.Type == DomainEventTypes.CredentialExpiring)));

        Assert.True(metadata.JobStoreClustered);
        Assert.Equal("0 0 2 * * ?", daily.CronExpressionString);
        Assert.Equal(TimeZoneInfo.Utc.Id, daily.TimeZone.Id);
        Assert.Null(failure);
        Assert.Equal(CredentialStatus.Expiring, status);
        Assert.Equal(1, notices);
    }

    private async Task<Guid> AddCredentialEndingInAsync(TimeSpan endsIn)
    {
        var now = DateTimeOffset.UtcNow;
        var program = new CredentialProgram
        {
            Code = "SWEEP", Name = "Scheduled Sweep Certification", ValidityPeriod = "P3Y", Status = ProgramStatus.Published, CreatedAt = now,
            Recertification = new RecertificationRules { TotalCeHours = 10, GracePeriodDays = 30 },
        };
        var member = new Member
        {
            AmsMemberId = "WA-SWEEP", Email = "sweep@example.org", FirstName = "Sam", LastName = "Sweep", CreatedAt = now, UpdatedAt = now,
        };
        var credential = Credential.Award("CERT-2026-000001", member.Id, program.Id, now + endsIn - TimeSpan.FromDays(3 * 365), now + endsIn, "test");
        await _node.WithDbAsync(async db =>
        {
            db.AddRange(program, member, credential);
            await db.SaveChangesAsync();
        });
        return credential.Id;
    }

    private sealed class OnlyJob(JobKey key) : IMatcher<JobKey>
    {
        public bool IsMatch(JobKey candidate) => candidate.Equals(key);
    }

    /// <summary>Completes when the job has run, with its exception or null.</summary>
    private sealed class JobRunListener : IJobListener
    {
        private readonly TaskCompletionSource<JobExecutionException?> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<JobExecutionException?> Completed => _completed.Task;
        public string Name => nameof(JobRunListener);

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            _completed.TrySetResult(jobException);
            return ValueTask.CompletedTask;
        }
    }
}
