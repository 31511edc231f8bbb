using System.Net;
using System.Net.Http.Json;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Sandbox;
using CredentialConnect.Sandbox.Discourse;
using CredentialConnect.Sandbox.WildApricot;
using CredentialConnect.Web.Features.Connectors;
using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Sync;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.DataFlow;

[Collection(HubCollection.Name)]
public sealed class SandboxDataFlowTests(HubFixture fixture)
{
    [Fact]
    public async Task SandboxPartners_EndToEnd_MembersThenLearningThenCommunityBadgesAndMessagesAreDelivered()
    {
        await using var hub = await SandboxHub.StartAsync(fixture, "flow_end_to_end");
        var admin = await hub.AdminAsync();

        // AMS → members, each once, each with a MemberJoined event.
        var members = await admin.PostAsync("/api/v1/connectors/wild-apricot/sync", null);
        Assert.Equal(HttpStatusCode.OK, members.StatusCode);
        var membersRun = Assert.Single((await members.Content.ReadFromJsonAsync<SyncStartedResponse>())!.Runs);
        Assert.True(membersRun.Status == "Succeeded", membersRun.Error);
        var (memberCount, joined) = await hub.WithDbAsync(async db => (
            await db.Members.CountAsync(),
            await db.DomainEvents.CountAsync(e => e.Type == DomainEventTypes.MemberJoined)));
        Assert.Equal(hub.People.Count, memberCount);
        Assert.Equal(hub.People.Count, joined);

        // LMS → CE credits and exam attempts, with their events in the same transactions.
        var learning = await admin.PostAsync("/api/v1/connectors/xapi/sync", null);
        Assert.Equal(HttpStatusCode.OK, learning.StatusCode);
        var state = await hub.WithDbAsync(async db => new
        {
            Credits = await db.ContinuingEducationCredits.Select(c => c.Id).ToListAsync(),
            Passed = await db.ExamAttempts.CountAsync(a => a.Passed),
            Failed = await db.ExamAttempts.CountAsync(a => !a.Passed),
            CourseEvents = await db.DomainEvents.CountAsync(e => e.Type == DomainEventTypes.CourseCompleted),
            PassEvents = await db.DomainEvents.CountAsync(e => e.Type == DomainEventTypes.ExamPassed),
            FailEvents = await db.DomainEvents.CountAsync(e => e.Type == DomainEventTypes.ExamFailed),
        });
        Assert.NotEmpty(state.Credits);
        Assert.True(state.Passed > 0, "the sandbox LMS has passed exams");
        Assert.Equal(state.Passed, state.PassEvents);
        Assert.Equal(state.Failed, state.FailEvents);
        Assert.True(state.CourseEvents >= state.Credits.Count, "every CE credit raised CourseCompleted (voided ones were raised, then undone)");

        // Events → outbox → Discourse.
        await hub.DeliverEverythingAsync();
        var outbox = await hub.WithDbAsync(db => db.OutboxMessages.ToListAsync());
        // One message per exam result; one badge per member and program, however often they pass.
        var badgeHolders = await hub.WithDbAsync(db => db.ExamAttempts.Where(a => a.Passed).Select(a => new { a.MemberId, a.ProgramId }).Distinct().CountAsync());
        Assert.Equal(state.PassEvents + state.FailEvents, outbox.Count(m => m.Kind == OutboxKinds.CommunityMessage));
        Assert.Equal(badgeHolders, outbox.Count(m => m.Kind == OutboxKinds.CommunityBadge));
        Assert.DoesNotContain(outbox, m => m.Status == OutboxStatus.Pending);
        var delivered = outbox.Where(m => m.Status == OutboxStatus.Delivered).ToList();
        Assert.NotEmpty(delivered);

        var forum = hub.Partner<DiscourseSandbox>().Activity;
        Assert.Equal(delivered.Count(m => m.Kind == OutboxKinds.CommunityBadge), forum.Count(p => p.Kind == SandboxCommunityPostKind.Badge));
        Assert.Equal(delivered.Count(m => m.Kind == OutboxKinds.CommunityMessage), forum.Count(p => p.Kind == SandboxCommunityPostKind.Message));

        // Anything not delivered was dead-lettered with a reason, never left retrying.
        var dead = await hub.WithDbAsync(db => db.DeadLetters.ToListAsync());
        Assert.Equal(outbox.Count(m => m.Status == OutboxStatus.DeadLettered), dead.Count);
        Assert.All(dead, d => Assert.False(string.IsNullOrWhiteSpace(d.Reason)));

        // A second sync of both feeds changes nothing: every member and learning record exists exactly once.
        await admin.PostAsync("/api/v1/connectors/wild-apricot/sync", null);
        await admin.PostAsync("/api/v1/connectors/xapi/sync", null);
        var again = await hub.WithDbAsync(async db => (await db.Members.CountAsync(), await db.ContinuingEducationCredits.CountAsync(), await db.ExamAttempts.CountAsync()));
        Assert.Equal((memberCount, state.Credits.Count, state.Passed + state.Failed), again);

        // Staff see the history of every run.
        var connectors = await admin.GetFromJsonAsync<List<ConnectorResponse>>("/api/v1/connectors");
        var wildApricot = Assert.Single(connectors!, c => c.Name == "wild-apricot");
        Assert.True(wildApricot.Configured);
        Assert.Contains("ApiKey", wildApricot.SecretsSet);
        Assert.DoesNotContain(wildApricot.Settings, s => s.Value == WildApricotSandbox.ApiKey);
        var runs = await hub.WithDbAsync(db => db.SyncRuns.Where(r => r.Stream == "wild-apricot/members").ToListAsync());
        Assert.Equal(memberCount, runs.Sum(r => r.Created));
        Assert.All(runs, r => Assert.Equal(SyncRunStatus.Succeeded, r.Status));
    }

    [Fact]
    public async Task Sync_WhenTheHostDiesMidPage_ResumesFromTheCursorAndEveryRecordExistsOnce()
    {
        var crash = new CrashDuringCommit("xapi");
        await using var hub = await SandboxHub.StartAsync(fixture, "flow_crash",
            services: s => s.ConfigureDbContext<PostgresAppDbContext>(o => o.AddInterceptors(crash)));
        var admin = await hub.AdminAsync();
        await admin.PostAsync("/api/v1/connectors/wild-apricot/sync", null);

        // The crash hits while the first learning page is being committed.
        crash.Armed = true;
        var first = await admin.PostAsync("/api/v1/connectors/xapi/sync", null);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(crash.Fired);
        var afterCrash = await hub.WithDbAsync(async db => (await db.InboxMessages.CountAsync(m => m.Source == "xapi"), await db.SyncStreams.SingleAsync(s => s.Name == "xapi/learning")));
        Assert.Equal(0, afterCrash.Item1);
        Assert.Null(afterCrash.Item2.Cursor);

        await admin.PostAsync("/api/v1/connectors/xapi/sync", null);
        var records = await hub.WithDbAsync(async db => new
        {
            Inbox = await db.InboxMessages.Where(m => m.Source == "xapi").Select(m => m.EventId).ToListAsync(),
            Credits = await db.ContinuingEducationCredits.Select(c => c.SourceRecordId).ToListAsync(),
            Attempts = await db.ExamAttempts.Select(a => a.SourceRecordId).ToListAsync(),
        });
        Assert.NotEmpty(records.Inbox);
        Assert.Equal(records.Inbox.Count, records.Inbox.Distinct().Count());
        Assert.Equal(records.Credits.Count, records.Credits.Distinct().Count());
        Assert.Equal(records.Attempts.Count, records.Attempts.Distinct().Count());
    }
}

/// <summary>Fails the first commit that writes a page of <c>source</c>'s records, as a host killed mid-page would.</summary>
internal sealed class CrashDuringCommit(string source) : SaveChangesInterceptor
{
    public bool Armed { get; set; }
    public bool Fired { get; private set; }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Armed && eventData.Context!.ChangeTracker.Entries<InboxMessage>().Any(e => e.State == EntityState.Added && e.Entity.Source == source))
        {
            Armed = false;
            Fired = true;
            throw new IOException("The host went away in the middle of a sync page.");
        }
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
