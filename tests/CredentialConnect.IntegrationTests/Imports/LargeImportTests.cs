using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Imports;
using CredentialConnect.Web.Features.Members;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.IntegrationTests.Imports;

public sealed class LargeImportTests(HubFixture hub) : HubTest(hub)
{
    private const int Members = 50;
    private const int CreditsEach = 100;

    [Fact]
    public async Task AFileOfFiveThousandRows_StreamsItsProgressInOrderEndingWithDone_WrittenWhereOtherContextsReadItWhileItRuns()
    {
        // The hub again, with an observer that holds each run at its first checkpoint until the test has looked.
        var gate = new ProgressGate();
        await using var host = Hub.Factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IImportProgressObserver>(gate)));
        var admin = await SignedInAdminAsync(host);
        (await admin.PostJsonAsync("/api/v1/programs", new ProgramBuilder().WithCode("CNP").Build())).EnsureSuccessStatusCode();
        var file = await CeHistoryOfManyMembersAsync();
        var uploaded = await admin.UploadedAsync(file, "ce-history.csv", "ce-credits");

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/v1/imports/{uploaded.Id}/dry-run", null)).StatusCode);
        var dryRunStream = admin.FollowProgressAsync(uploaded.Id);
        var dryRunPausedAt = await gate.PausedAsync(ImportStatus.Validating);
        var validating = await BatchAsync(admin, uploaded.Id);
        gate.Resume(ImportStatus.Validating);
        var dryRunEvents = await dryRunStream;
        var validated = await BatchAsync(admin, uploaded.Id);

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/v1/imports/{uploaded.Id}/commit", null)).StatusCode);
        var commitStream = admin.FollowProgressAsync(uploaded.Id);
        var commitPausedAt = await gate.PausedAsync(ImportStatus.Committing);
        var committing = await BatchAsync(admin, uploaded.Id);
        // Another context, on another connection, reads the commit's progress from the batch row while the commit's rows stay unseen.
        var rowMidCommit = await Hub.WithDbAsync(db => db.ImportBatches.AsNoTracking()
            .Where(b => b.Id == uploaded.Id).Select(b => new { b.Status, b.ProcessedRows, b.TotalRows }).SingleAsync());
        var visibleMidCommit = await Hub.WithDbAsync(db => db.ContinuingEducationCredits.CountAsync());
        gate.Resume(ImportStatus.Committing);
        var commitEvents = await commitStream;
        var committed = await BatchAsync(admin, uploaded.Id);

        Assert.Equal((500, 500), (dryRunPausedAt, commitPausedAt));
        Assert.Equal((ImportStatus.Validating, new ImportProgressResponse(500, 5000, 10)), (validating.Status, validating.Progress));
        Assert.Equal((ImportStatus.Validated, new ImportProgressResponse(5000, 5000, 100), 5000), (validated.Status, validated.Progress, validated.Counts.Created));
        Assert.Equal((ImportStatus.Committing, new ImportProgressResponse(500, 5000, 10)), (committing.Status, committing.Progress));
        Assert.Equal((ImportStatus.Committing, 500, 5000), (rowMidCommit.Status, rowMidCommit.ProcessedRows, rowMidCommit.TotalRows));
        Assert.Equal(0, visibleMidCommit);
        Assert.Equal((ImportStatus.Committed, new ImportProgressResponse(5000, 5000, 100), 5000), (committed.Status, committed.Progress, committed.Counts.Created));
        Assert.Equal(Members * CreditsEach, await Hub.WithDbAsync(db => db.ContinuingEducationCredits.CountAsync()));

        // Each stream: progress messages of its stage, never going back, then done carrying the batch as it ended.
        AssertStream(dryRunEvents, ImportStatus.Validating, validated);
        AssertStream(commitEvents, ImportStatus.Committing, committed);
    }

    private static void AssertStream(IReadOnlyList<StreamEvent> events, ImportStatus stage, ImportBatchResponse final)
    {
        var progress = events.SkipLast(1).Select(e => (e.Name, Event: e.Data.Deserialize<ImportProgressEvent>(HttpExtensions.Json)!)).ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.Equal((null, stage), (p.Name, p.Event.Stage)));
        var rows = progress.Select(p => (p.Event.TotalRows, p.Event.ProcessedRows)).ToList();
        Assert.Equal(rows.Order(), rows);
        var done = events[^1];
        Assert.Equal("done", done.Name);
        Assert.Equivalent(final, done.Data.Deserialize<ImportBatchResponse>(HttpExtensions.Json));
    }

    private async Task<byte[]> CeHistoryOfManyMembersAsync()
    {
        var members = Enumerable.Range(1, Members).Select(i => new Member
        {
            AmsMemberId = $"WA-{i:D4}", Email = $"member{i}@example.org", FirstName = "Member", LastName = $"No. {i}",
            CreatedAt = Hub.Now, UpdatedAt = Hub.Now,
        }).ToList();
        await Hub.WithDbAsync(async db =>
        {
            db.Members.AddRange(members);
            await db.SaveChangesAsync();
        });
        var file = SpreadsheetBuilder.CeCredits();
        foreach (var member in members)
            for (var course = 1; course <= CreditsEach; course++)
                file.Credit(member.AmsMemberId, $"Course {course}", course % 2 == 0 ? "Ethics" : "Self-study", "1.5",
                    HubFactory.Start.AddDays(-course).ToString("yyyy-MM-dd"));
        return file.ToCsv();
    }

    private async Task<HttpClient> SignedInAdminAsync(WebApplicationFactory<Program> host)
    {
        var email = $"admin-{Guid.NewGuid():N}@example.org";
        await Hub.CreateAccountAsync(email, HubRoles.Admin);
        var client = SessionClients.For(host);
        (await client.PostAsJsonAsync("/auth/sign-in", new { email, password = HubFixture.Password })).EnsureSuccessStatusCode();
        return client;
    }

    private static async Task<ImportBatchResponse> BatchAsync(HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/v1/imports/{id}")).ReadAsync<ImportBatchResponse>();

    /// <summary>Holds each stage of a run at its first checkpoint after the start, until the test resumes it.</summary>
    private sealed class ProgressGate : IImportProgressObserver
    {
        private readonly ConcurrentDictionary<ImportStatus, (TaskCompletionSource<int> Paused, TaskCompletionSource Resume)> _stages = new();

        public async ValueTask ReachedAsync(Guid batchId, ImportStatus stage, int processedRows, int totalRows, CancellationToken ct)
        {
            if (processedRows == 0 || processedRows == totalRows) return;
            var (paused, resume) = Stage(stage);
            if (paused.TrySetResult(processedRows)) await resume.Task.WaitAsync(ct);
        }

        public Task<int> PausedAsync(ImportStatus stage) => Stage(stage).Paused.Task.WaitAsync(TimeSpan.FromMinutes(5));

        public void Resume(ImportStatus stage) => Stage(stage).Resume.TrySetResult();

        private (TaskCompletionSource<int> Paused, TaskCompletionSource Resume) Stage(ImportStatus stage) =>
            _stages.GetOrAdd(stage, _ => (new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously)));
    }
}
