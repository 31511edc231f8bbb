using CredentialConnect.Connectors;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Connectors;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Sync;

/// <summary>Why a sync ran.</summary>
public static class SyncTriggers
{
    public const string Schedule = "schedule";
    public const string OnDemand = "on-demand";
    public const string Webhook = "webhook";
    public const string Reconciliation = "reconciliation";
}

/// <summary>
/// Follows partner feeds page by page. Each page is applied, its inbox rows written, its events raised and the
/// stream's cursor advanced in <b>one</b> transaction, so a crash mid-page leaves the old cursor and no partial
/// page, and re-reading the page is harmless. Each page gets a fresh DbContext, so memory stays flat. A partner that
/// asks the hub to wait pauses the whole connector (<see cref="PartnerPauses"/>): until then only a run staff ask for
/// calls it, and every other run is recorded as skipped.
/// </summary>
public sealed class SyncEngine(
    IServiceScopeFactory scopes, IDatabaseDialect dialect, PartnerPauses pauses, TimeProvider clock, ILogger<SyncEngine> logger)
{
    /// <summary>A safety stop for one run; the next run continues from the cursor.</summary>
    public int MaxPagesPerRun { get; init; } = 10_000;

    public static string MembersStream(string connector) => $"{connector}/members";
    public static string LearningStream(string connector) => $"{connector}/learning";

    /// <summary>Runs every configured member and learning stream once.</summary>
    public async Task<IReadOnlyList<SyncRun>> RunAllAsync(string trigger, CancellationToken cancellationToken)
    {
        List<string> streams;
        using (var scope = scopes.CreateScope())
        {
            var catalog = scope.ServiceProvider.GetRequiredService<ConnectorCatalog>();
            streams = [.. catalog.MemberSources.Select(s => MembersStream(s.Name)), .. catalog.LearningSources.Select(s => LearningStream(s.Name))];
        }
        var runs = new List<SyncRun>();
        foreach (var stream in streams)
            if (await RunAsync(stream, trigger, cancellationToken) is { } run) runs.Add(run);
        return runs;
    }

    /// <summary>Runs the connector's streams (members first, so learners can be matched).</summary>
    public async Task<IReadOnlyList<SyncRun>> RunConnectorAsync(string connector, string trigger, CancellationToken cancellationToken)
    {
        var runs = new List<SyncRun>();
        foreach (var stream in new[] { MembersStream(connector), LearningStream(connector) })
            if (await RunAsync(stream, trigger, cancellationToken) is { } run) runs.Add(run);
        return runs;
    }

    /// <summary>
    /// Follows one stream from its cursor until the partner is caught up, fails, or asks us to wait. Null when the stream
    /// does not exist; a <see cref="SyncRunStatus.Skipped"/> run when its connector is paused.
    /// </summary>
    public async Task<SyncRun?> RunAsync(string streamName, string trigger, CancellationToken cancellationToken)
    {
        var (connector, kind) = Split(streamName);
        var started = await StartRunAsync(streamName, connector, kind, trigger, cancellationToken);
        if (started is not { Status: SyncRunStatus.Running }) return started;
        var runId = started.Id;

        var failure = (string?)null;
        try
        {
            for (var page = 0; page < MaxPagesPerRun; page++)
            {
                var step = await RunPageAsync(streamName, kind, runId, cancellationToken);
                if (step.Failure is not null) { failure = step.Failure; break; }
                if (!step.HasMore) break;
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // A page that could not commit (another node advanced the cursor first, a database hiccup) is simply
            // not applied: its transaction rolled back and the cursor still points at it.
            logger.LogWarning(e, "Sync of {Stream} stopped", streamName);
            failure = e is DbUpdateConcurrencyException ? "Another run advanced this stream at the same time; this run stopped." : e.GetBaseException().Message;
        }
        return await FinishRunAsync(runId, failure, CancellationToken.None);
    }

    /// <summary>
    /// Reads the whole member list from the start (without touching the stream's cursor), applies it, and marks
    /// members the AMS no longer has. Catches updates and deletions that incremental syncs missed.
    /// </summary>
    public async Task<SyncRun?> ReconcileMembersAsync(string connector, CancellationToken cancellationToken)
    {
        var streamName = MembersStream(connector);
        var started = await StartRunAsync(streamName, connector, "members", SyncTriggers.Reconciliation, cancellationToken);
        if (started is not { Status: SyncRunStatus.Running }) return started;
        var runId = started.Id;

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var cursor = SyncCursor.Start;
        string? failure = null;
        for (var page = 0; page < MaxPagesPerRun; page++)
        {
            using var scope = scopes.CreateScope();
            var source = scope.ServiceProvider.GetRequiredService<ConnectorCatalog>().MemberSources.First(s => s.Name == connector);
            var fetch = await source.GetChangesAsync(cursor, cancellationToken);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (fetch.Failure is { } f)
            {
                await PauseIfAskedAsync(db, connector, f, cancellationToken);
                failure = f.Describe();
                break;
            }
            var tally = await new MemberSync(db, clock).ApplyAsync(connector, fetch.Value!.Items, cancellationToken);
            var run = await db.SyncRuns.SingleAsync(r => r.Id == runId, cancellationToken);
            tally.AddTo(run);
            await dialect.SavePageAsync(db, cancellationToken);
            seen.UnionWith(fetch.Value.Items.Select(m => m.AmsMemberId));
            cursor = fetch.Value.Next;
            if (!fetch.Value.HasMore) break;
        }

        if (failure is null)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var removed = await new MemberSync(db, clock).MarkRemovedAsync(seen, cancellationToken);
            var run = await db.SyncRuns.SingleAsync(r => r.Id == runId, cancellationToken);
            run.Removed += removed;
            await db.SaveChangesAsync(cancellationToken);
        }
        return await FinishRunAsync(runId, failure, CancellationToken.None);
    }

    private async Task<SyncRun?> StartRunAsync(string streamName, string connector, string kind, string trigger, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var catalog = scope.ServiceProvider.GetRequiredService<ConnectorCatalog>();
        var exists = kind == "members" ? catalog.MemberSources.Any(s => s.Name == connector) : catalog.LearningSources.Any(s => s.Name == connector);
        if (!exists) return null;

        var now = clock.GetUtcNow();
        var stream = await db.SyncStreams.FindAsync([streamName], cancellationToken);
        if (stream is null) db.SyncStreams.Add(stream = new SyncStream { Name = streamName, Connector = connector });
        var run = new SyncRun { Stream = streamName, Trigger = trigger, StartedAt = now, CursorBefore = stream.Cursor };

        // Staff asking for a run now may call a paused partner; nothing else does.
        if (trigger != SyncTriggers.OnDemand && await pauses.ActiveAsync(db, connector, cancellationToken) is { } pause)
        {
            run.Status = SyncRunStatus.Skipped;
            run.FinishedAt = now;
            run.CursorAfter = stream.Cursor;
            run.Error = $"Skipped: {connector} asked the hub to wait until {pause.PausedUntil:u} ({pause.Reason})";
            if (run.Error.Length > SyncRunConfiguration.MaxErrorLength) run.Error = run.Error[..SyncRunConfiguration.MaxErrorLength];
            logger.LogInformation("Sync {Stream} ({Trigger}) skipped: {Connector} is paused until {Until}", streamName, trigger, connector, pause.PausedUntil);
        }
        else stream.LastRunAt = now;
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    private sealed record PageStep(bool HasMore, string? Failure);

    private async Task<PageStep> RunPageAsync(string streamName, string kind, Guid runId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var catalog = scope.ServiceProvider.GetRequiredService<ConnectorCatalog>();
        var stream = await db.SyncStreams.SingleAsync(s => s.Name == streamName, cancellationToken);
        var run = await db.SyncRuns.SingleAsync(r => r.Id == runId, cancellationToken);
        var cursor = new SyncCursor(stream.Cursor);

        PageTally tally;
        SyncCursor next;
        bool hasMore;
        if (kind == "members")
        {
            var fetch = await catalog.MemberSources.First(s => s.Name == stream.Connector).GetChangesAsync(cursor, cancellationToken);
            if (fetch.Failure is { } f) return await FailAsync(db, stream, f, cancellationToken);
            tally = await new MemberSync(db, clock).ApplyAsync(stream.Connector, fetch.Value!.Items, cancellationToken);
            (next, hasMore) = (fetch.Value.Next, fetch.Value.HasMore);
        }
        else
        {
            var fetch = await catalog.LearningSources.First(s => s.Name == stream.Connector).GetEventsAsync(cursor, cancellationToken);
            if (fetch.Failure is { } f) return await FailAsync(db, stream, f, cancellationToken);
            tally = await new LearningSync(db, clock).ApplyAsync(stream.Connector, fetch.Value!.Items, cancellationToken);
            (next, hasMore) = (fetch.Value.Next, fetch.Value.HasMore);
        }

        // The cursor moves in the same transaction as the page it belongs to.
        stream.Cursor = next.Value;
        stream.Version++;
        stream.LastError = null;
        tally.AddTo(run);
        run.CursorAfter = next.Value;
        await dialect.SavePageAsync(db, cancellationToken);
        return new PageStep(hasMore, null);
    }

    private async Task<PageStep> FailAsync(AppDbContext db, SyncStream stream, Outcome failure, CancellationToken cancellationToken)
    {
        stream.LastError = failure.Describe();
        await PauseIfAskedAsync(db, stream.Connector, failure, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new PageStep(false, stream.LastError);
    }

    // A rate limit, or any failure that names a wait (503 with Retry-After), pauses the connector's runs until then.
    private Task PauseIfAskedAsync(AppDbContext db, string connector, Outcome failure, CancellationToken cancellationToken) =>
        failure is Outcome.Retryable retry && (retry.RateLimited || retry.RetryAfter is not null)
            ? pauses.PauseAsync(db, connector, retry, cancellationToken)
            : Task.CompletedTask;

    private async Task<SyncRun> FinishRunAsync(Guid runId, string? failure, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var run = await db.SyncRuns.SingleAsync(r => r.Id == runId, cancellationToken);
        var stream = await db.SyncStreams.SingleAsync(s => s.Name == run.Stream, cancellationToken);
        run.FinishedAt = clock.GetUtcNow();
        run.Status = failure is null ? SyncRunStatus.Succeeded : SyncRunStatus.Failed;
        run.Error = failure;
        if (failure is null) stream.LastSuccessAt = run.FinishedAt;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Sync {Stream} ({Trigger}) {Status}: {Received} received, {Created} created, {Updated} updated, {Held} held for review",
            run.Stream, run.Trigger, run.Status, run.Received, run.Created, run.Updated, run.HeldForReview);
        return run;
    }

    private static (string Connector, string Kind) Split(string stream) =>
        stream.LastIndexOf('/') is var slash and > 0 ? (stream[..slash], stream[(slash + 1)..]) : throw new ArgumentException($"Not a stream name: {stream}");
}
