using System.Net;
using System.Text.Json;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.IntegrationTests.Stories.RealInstall;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Connectors;
using CredentialConnect.Web.Features.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.IntegrationTests.Connectors;

/// <summary>The server-sent progress of a sync run, read from the run's row while a slow partner sends several pages.</summary>
[Collection(HubCollection.Name)]
public sealed class SyncProgressStreamTests(HubFixture fixture)
{
    [Fact]
    public async Task LiveProgress_OfARunningSync_SendsTheCountsInOrder_AndEndsWithDoneCarryingTheFinishedRun()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("sync_progress_stream");
        await using (var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options))
            await db.Database.MigrateAsync();
        using var ams = new AmsPartner { WithMalformedContact = false, ContactsDelay = TimeSpan.FromMilliseconds(700) };
        await using var hub = new HubFactory("Testing", WildApricotAt(connectionString, ams));
        var now = hub.Clock.GetUtcNow();
        ams.Add(Enumerable.Range(1, 8).Select(i => new AmsContact(60100 + i, $"member{i}@example.org", "Member", $"Number{i}", "Professional", "Active", now.AddDays(-i))).ToArray());
        var admin = await hub.SignedInAsync(HubRoles.Admin);

        // The sync runs on its own, as the scheduler would run it; the stream follows the run that starts after 'since'.
        var since = hub.Clock.GetUtcNow();
        var sync = hub.Services.GetRequiredService<SyncEngine>().RunAsync(SyncEngine.MembersStream("wild-apricot"), SyncTriggers.OnDemand, CancellationToken.None);
        var response = await admin.GetAsync($"/api/v1/connectors/wild-apricot/runs/live?since={Uri.EscapeDataString(since.ToString("O"))}");
        var finished = await sync;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = ServerSentEvent.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("done", events[^1].Name);
        var messages = events[..^1];
        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.Equal("message", m.Name));
        var runs = messages.Select(m => m.Data<SyncRunResponse>()).ToList();
        Assert.Contains(runs, r => r.Status == "Running");
        // In order: the pages only ever grow, and the counts of a page arrive once.
        Assert.Equal(runs.Select(r => r.Pages).Order(), runs.Select(r => r.Pages));
        Assert.Equal(runs.Count, runs.Distinct().Count());
        Assert.True(finished!.Pages >= 3, $"The stub was meant to take several pages; the run took {finished.Pages}.");

        // 'done' carries the run as the history has it.
        var history = await (await admin.GetAsync("/api/v1/connectors/wild-apricot/runs")).ReadAsync<Page<SyncRunResponse>>();
        Assert.Equal(Assert.Single(history.Items), events[^1].Data<SyncRunResponse>());
        Assert.Equal(SyncRunResponse.From(finished), events[^1].Data<SyncRunResponse>());
        Assert.Equal(8, history.Items[0].Created);

        // A finished run streams at once: its counts, then done. An unknown run is 404.
        var again = ServerSentEvent.Parse(await admin.GetStringAsync($"/api/v1/connectors/wild-apricot/runs/{finished.Id}/progress"));
        Assert.Equal(["message", "done"], again.Select(e => e.Name));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/connectors/wild-apricot/runs/{Guid.NewGuid()}/progress")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/connectors/xapi/runs/{finished.Id}/progress")).StatusCode);
    }

    public static Dictionary<string, string?> WildApricotAt(string connectionString, AmsPartner ams, int pageSize = 3) => new()
    {
        [$"ConnectionStrings:{DataModule.ConnectionStringName}"] = connectionString,
        ["Connectors:WildApricot:Enabled"] = "true",
        ["Connectors:WildApricot:BaseUrl"] = ams.Url + "/",
        ["Connectors:WildApricot:AuthUrl"] = ams.Url + "/",
        ["Connectors:WildApricot:ApiKey"] = AmsPartner.ApiKey,
        ["Connectors:WildApricot:AccountId"] = AmsPartner.AccountId.ToString(),
        ["Connectors:WildApricot:PageSize"] = pageSize.ToString(),
    };
}

/// <summary>One event of a text/event-stream body: its name (<c>message</c> unless named) and its data.</summary>
public sealed record ServerSentEvent(string Name, string RawData)
{
    public T Data<T>() => JsonSerializer.Deserialize<T>(RawData, JsonSerializerOptions.Web)!;

    public static ServerSentEvent[] Parse(string body) =>
        body.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n'))
            .Select(lines => new ServerSentEvent(
                lines.FirstOrDefault(l => l.StartsWith("event:", StringComparison.Ordinal))?["event:".Length..].Trim() ?? "message",
                string.Join("\n", lines.Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l["data:".Length..].TrimStart()))))
            .Where(e => e.RawData.Length > 0)
            .ToArray();
}
