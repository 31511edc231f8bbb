using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Sync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;

namespace CredentialConnect.Web.Features.Connectors;

/// <summary>Which run of a connector to follow live: those started at or after <see cref="Since"/> (the <c>requestedAt</c> of Sync now).</summary>
public sealed record LiveRunQuery(DateTimeOffset? Since);

/// <summary>
/// A sync run's progress as server-sent events, read from the run's row. The sync engine commits the row with every
/// page, so a browser connected to any node sees the same counts. Each change of the counts is a message whose data is
/// the run; the stream ends with an event named <c>done</c> carrying the finished run, or <c>problem</c> (a
/// ProblemDetails) when the run failed or never started.
/// </summary>
public static class SyncRunProgress
{
    public const string Done = "done";
    public const string Problem = "problem";

    /// <summary>How often the run's row is read while it runs.</summary>
    public static readonly TimeSpan ReadInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a live stream waits for a queued run to start before it says none did.</summary>
    public static readonly TimeSpan StartWait = TimeSpan.FromMinutes(2);

    public static void Map(RouteGroupBuilder connectors)
    {
        connectors.MapGet("/{name}/runs/{runId:guid}/progress", FollowAsync).WithName("FollowSyncRun")
            .WithSummary("One run's progress as server-sent events: its counts as they change, then 'done' with the finished run, or 'problem' when it failed.")
            .StreamsProgress();
        connectors.MapGet("/{name}/runs/live", FollowLiveAsync).WithName("FollowLiveSyncRun")
            .WithSummary("The connector's run started at or after 'since' (Sync now's requestedAt), or the one in progress, as server-sent events; it waits for a queued run to start.")
            .StreamsProgress();
    }

    private static async Task<Results<ServerSentEventsResult<object>, ProblemHttpResult>> FollowAsync(
        string name, Guid runId, ConnectorCatalog catalog, AppDbContext db, CancellationToken ct)
    {
        if (catalog.Find(name) is null) return Problems.NotFoundResult("connector", name);
        var prefix = name + "/";
        if (!await db.SyncRuns.AnyAsync(r => r.Id == runId && r.Stream.StartsWith(prefix), ct)) return Problems.NotFoundResult("sync run", runId);
        return TypedResults.ServerSentEvents(StreamAsync(db, runId, default));
    }

    private static async Task<Results<ServerSentEventsResult<object>, ProblemHttpResult>> FollowLiveAsync(
        string name, [AsParameters] LiveRunQuery query, ConnectorCatalog catalog, AppDbContext db, CancellationToken ct)
    {
        if (catalog.Find(name) is not { } connector) return Problems.NotFoundResult("connector", name);
        if (query.Since is { } since)
        {
            if (await FirstSinceAsync(db, name, since, ct) is { } started) return TypedResults.ServerSentEvents(StreamAsync(db, started, default));
            // A connector that cannot run will never start the run this stream would wait for.
            if (!ConnectorCatalog.IsReady(connector))
                return NoRun($"No run of {name} started since {since:O}, and none will: the connector is not enabled, or its settings are incomplete.");
            return TypedResults.ServerSentEvents(WaitThenStreamAsync(db, name, since, default));
        }
        var prefix = name + "/";
        var running = await db.SyncRuns.AsNoTracking().Where(r => r.Stream.StartsWith(prefix) && r.Status == SyncRunStatus.Running)
            .OrderByDescending(r => r.StartedAt).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        return running is { } id ? TypedResults.ServerSentEvents(StreamAsync(db, id, default)) : NoRun($"No run of {name} is in progress.");
    }

    private static ProblemHttpResult NoRun(string detail) =>
        TypedResults.Problem(type: Problems.NotFound, title: "Not found.", statusCode: StatusCodes.Status404NotFound, detail: detail);

    private static Task<Guid?> FirstSinceAsync(AppDbContext db, string connector, DateTimeOffset since, CancellationToken ct)
    {
        var prefix = connector + "/";
        return db.SyncRuns.AsNoTracking().Where(r => r.Stream.StartsWith(prefix) && r.StartedAt >= since)
            .OrderBy(r => r.StartedAt).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
    }

    // The cancellation token comes from the enumeration: the result passes the request's, which ends when the client goes.
    private static async IAsyncEnumerable<SseItem<object>> WaitThenStreamAsync(
        AppDbContext db, string connector, DateTimeOffset since, [EnumeratorCancellation] CancellationToken ct)
    {
        var waited = TimeSpan.Zero;
        Guid? runId;
        while ((runId = await FirstSinceAsync(db, connector, since, ct)) is null)
        {
            if (waited >= StartWait)
            {
                yield return new SseItem<object>(ProblemOf($"No run of {connector} started within {StartWait.TotalMinutes:0} minutes. " +
                    "Another run may be holding the connector; look at its runs, then try Sync now again."), Problem);
                yield break;
            }
            await WaitAsync(ct);
            waited += ReadInterval;
        }
        await foreach (var item in StreamAsync(db, runId.Value, ct)) yield return item;
    }

    private static async IAsyncEnumerable<SseItem<object>> StreamAsync(AppDbContext db, Guid runId, [EnumeratorCancellation] CancellationToken ct)
    {
        SyncRunResponse? sent = null;
        while (true)
        {
            var run = SyncRunResponse.From(await db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == runId, ct));
            var finished = run.Status != nameof(SyncRunStatus.Running);
            if (run != sent) yield return new SseItem<object>(run);
            sent = run;
            if (finished)
            {
                yield return run.Status == nameof(SyncRunStatus.Failed)
                    ? new SseItem<object>(ProblemOf(run.Error ?? "The sync failed."), Problem)
                    : new SseItem<object>(run, Done);
                yield break;
            }
            await WaitAsync(ct);
        }
    }

    // Reading the row again after a short wait is a stopgap: a cross-node change signal (PostgreSQL LISTEN/NOTIFY, as
    // settings use) will wake the stream when the run's row changes, and replace this wait.
    private static Task WaitAsync(CancellationToken ct) => Task.Delay(ReadInterval, ct);

    private static ProblemDetails ProblemOf(string detail) =>
        new() { Type = Problems.Conflict, Title = "The sync did not finish.", Status = StatusCodes.Status409Conflict, Detail = detail };

    // The document says what the stream carries: the generated client reads the media type, people read the description.
    private static RouteHandlerBuilder StreamsProgress(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            operation.Responses ??= [];
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = "A text/event-stream. Each message's data is the run (SyncRunResponse) whenever its counts change; " +
                    "the last event is 'done' with the finished run, or 'problem' with a ProblemDetails when the run failed or never started.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["text/event-stream"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            };
            return Task.CompletedTask;
        });
}
