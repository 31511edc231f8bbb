using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Web.Features.PublicDirectory;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Recertification;
using CredentialConnect.Web.Features.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace CredentialConnect.Web.Data;

/// <summary>
/// The one place provider-specific SQL lives. On PostgreSQL several hub nodes claim outbox messages with
/// <c>FOR UPDATE SKIP LOCKED</c>, so two nodes never take the same message and neither waits for the other, and a
/// sync page appends its domain events with binary <c>COPY</c>. SQLite is the single-node embedded default: a
/// conditional update and a plain save are enough there.
/// </summary>
public interface IDatabaseDialect
{
    /// <summary>
    /// Leases up to <paramref name="batch"/> due outbox messages to <paramref name="node"/> until <paramref name="until"/>,
    /// oldest due first (then in the order they were queued), passing over the kinds in <paramref name="skippedKinds"/>.
    /// </summary>
    Task<IReadOnlyList<Guid>> ClaimOutboxAsync(
        AppDbContext db, string node, DateTimeOffset now, DateTimeOffset until, int batch, IReadOnlyCollection<string> skippedKinds, CancellationToken cancellationToken);

    /// <summary>
    /// Pauses calls to <paramref name="connector"/> until <paramref name="until"/> in one upsert that only ever extends:
    /// where a later pause is already stored, it is left as it is.
    /// </summary>
    Task ExtendPartnerPauseAsync(AppDbContext db, string connector, DateTimeOffset until, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Saves a sync page, everything it changed, in one transaction.</summary>
    Task SavePageAsync(AppDbContext db, CancellationToken cancellationToken);

    /// <summary>Applies one status step of the daily sweep to every credential it matches, with history rows and events; returns how many changed.</summary>
    Task<int> TransitionCredentialsAsync(AppDbContext db, CredentialTransition step, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records and raises the expiring notices one step makes due, skipping those already sent; returns how many were raised.</summary>
    Task<int> RaiseExpiringNoticesAsync(AppDbContext db, ExpiringNoticeStep step, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The workflow instance, locked until the caller's transaction ends; null when there is none.</summary>
    Task<WorkflowInstance?> LockWorkflowInstanceAsync(AppDbContext db, Guid instanceId, CancellationToken cancellationToken);

    /// <summary>One page of the public directory's matches from <paramref name="start"/>, as member ids in directory order, and how many match in all.</summary>
    Task<DirectoryMatches> SearchDirectoryAsync(AppDbContext db, DirectoryCriteria criteria, DirectoryStart start, int take, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="batch"/> timers due by <paramref name="now"/>, except <paramref name="skipped"/>, with their
    /// instances locked until the caller's transaction ends. Instances another transaction holds are passed over, so
    /// several workers and nodes share the due timers without waiting for each other.
    /// </summary>
    Task<(IReadOnlyList<(Guid InstanceId, Guid BookmarkId)> Due, IReadOnlyList<WorkflowInstance> Instances)> ClaimDueWorkflowTimersAsync(
        AppDbContext db, DateTimeOffset now, int batch, IReadOnlyCollection<Guid> skipped, CancellationToken cancellationToken);
}

/// <summary>A due timer as the claim reads it.</summary>
public sealed class DueWorkflowTimer
{
    public Guid BookmarkId { get; init; }
    public Guid InstanceId { get; init; }
}

public sealed class PostgresDialect : IDatabaseDialect
{
    /// <summary>Full-text search over the generated, consent-aware <c>DirectorySearch</c> column; see <see cref="DirectoryQueries"/>.</summary>
    public Task<DirectoryMatches> SearchDirectoryAsync(AppDbContext db, DirectoryCriteria criteria, DirectoryStart start, int take, CancellationToken cancellationToken) =>
        DirectoryQueries.SearchPostgresAsync(db, criteria, start, take, cancellationToken);

    /// <summary>A row lock: a second node resuming the same instance waits here, then sees what the first one wrote.</summary>
    public Task<WorkflowInstance?> LockWorkflowInstanceAsync(AppDbContext db, Guid instanceId, CancellationToken cancellationToken) =>
        db.WorkflowInstances.FromSql($"""SELECT * FROM "WorkflowInstances" WHERE "Id" = {instanceId} FOR UPDATE""").SingleOrDefaultAsync(cancellationToken);

    public async Task<(IReadOnlyList<(Guid InstanceId, Guid BookmarkId)> Due, IReadOnlyList<WorkflowInstance> Instances)> ClaimDueWorkflowTimersAsync(
        AppDbContext db, DateTimeOffset now, int batch, IReadOnlyCollection<Guid> skipped, CancellationToken cancellationToken)
    {
        var passed = skipped.ToArray();
        var due = await db.Database.SqlQuery<DueWorkflowTimer>($"""
            SELECT b."Id" AS "BookmarkId", b."InstanceId"
            FROM "WorkflowBookmarks" b JOIN "WorkflowInstances" i ON i."Id" = b."InstanceId"
            WHERE b."ResumeAt" <= {now} AND NOT (b."Id" = ANY({passed}))
            ORDER BY b."ResumeAt"
            LIMIT {batch}
            FOR UPDATE OF i SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (due.Count == 0) return ([], []);
        // Already locked by this transaction: this reads the instances' current state without waiting.
        var ids = due.Select(t => t.InstanceId).Distinct().ToArray();
        var instances = await db.WorkflowInstances.FromSql($"""SELECT * FROM "WorkflowInstances" WHERE "Id" = ANY({ids}) FOR UPDATE""")
            .ToListAsync(cancellationToken);
        return ([.. due.Select(t => (t.InstanceId, t.BookmarkId))], instances);
    }

    private const string EventsCopy =
        """COPY "DomainEvents" ("Id", "Type", "OccurredAt", "MemberId", "ProgramId", "Data", "HandledAt") FROM STDIN (FORMAT BINARY)""";

    /// <summary>
    /// Domain events are plain appends that nothing audits or versions, so they go in with binary COPY; everything
    /// else goes through EF in the same transaction, and a failure anywhere (a duplicate inbox key, a stream another
    /// run advanced) rolls back all of it. The inbox rows stay with EF: they are what marks the commit of a page.
    /// </summary>
    public async Task SavePageAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var events = db.DomainEvents.Local.Where(e => db.Entry(e).State == EntityState.Added).ToList();
        if (events.Count == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await PostgresBulkCopy.CopyAsync(db, EventsCopy, events, WriteEventAsync, cancellationToken);
        foreach (var row in events) db.Entry(row).State = EntityState.Detached;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task WriteEventAsync(NpgsqlBinaryImporter row, DomainEvent e, CancellationToken cancellationToken)
    {
        await row.WriteAsync(e.Id, NpgsqlDbType.Uuid, cancellationToken);
        await row.WriteAsync(e.Type, NpgsqlDbType.Varchar, cancellationToken);
        await row.WriteAsync(e.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
        await WriteNullableAsync(row, e.MemberId, NpgsqlDbType.Uuid, cancellationToken);
        await WriteNullableAsync(row, e.ProgramId, NpgsqlDbType.Uuid, cancellationToken);
        await row.WriteAsync(e.Data, NpgsqlDbType.Text, cancellationToken);
        await WriteNullableAsync(row, e.HandledAt, NpgsqlDbType.TimestampTz, cancellationToken);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter row, T? value, NpgsqlDbType type, CancellationToken cancellationToken) where T : struct =>
        value is { } v ? row.WriteAsync(v, type, cancellationToken) : row.WriteNullAsync(cancellationToken);

    /// <summary>
    /// One statement per step: the update returns the rows it changed, and the history rows and domain events are
    /// inserted from them, so a million credentials are never loaded and nothing changes without its record.
    /// </summary>
    public async Task<int> TransitionCredentialsAsync(AppDbContext db, CredentialTransition step, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (from, to, raise, eventType) = (step.From.ToString(), step.To.ToString(), step.EventType is not null, step.EventType ?? "");
        // Run as written: a data-modifying WITH cannot be wrapped in the subquery that composing the query would add.
        return (await db.Database.SqlQuery<int>($"""
            WITH changed AS (
                UPDATE "Credentials" SET "Status" = {to}
                WHERE "ProgramId" = ANY({step.ProgramIds}) AND "Status" = {from} AND "ExpiresAt" <= {step.ExpiresAtOrBefore}
                RETURNING "Id", "Number", "MemberId", "ProgramId", "CurrentCycle", "ExpiresAt"),
            history AS (
                INSERT INTO "CredentialStatusChanges" ("CredentialId", "From", "To", "Reason", "ChangedBy", "ChangedAt")
                SELECT "Id", {from}, {to}, {step.Reason}, {SweepPlan.Actor}, {at} FROM changed),
            raised AS (
                INSERT INTO "DomainEvents" ("Id", "Type", "OccurredAt", "MemberId", "ProgramId", "Data")
                SELECT gen_random_uuid(), {eventType}, {at}, "MemberId", "ProgramId",
                    json_build_object('credentialId', "Id", 'number', "Number", 'cycle', "CurrentCycle", 'expiresAt', "ExpiresAt")::text
                FROM changed WHERE {raise})
            SELECT count(*)::int AS "Value" FROM changed
            """).ToListAsync(cancellationToken)).Single();
    }

    public async Task<int> RaiseExpiringNoticesAsync(AppDbContext db, ExpiringNoticeStep step, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (active, expiring) = (nameof(Features.Credentials.CredentialStatus.Active), nameof(Features.Credentials.CredentialStatus.Expiring));
        return (await db.Database.SqlQuery<int>($"""
            WITH sent AS (
                INSERT INTO "CredentialNotices" ("CredentialId", "Cycle", "DaysBefore", "SentAt")
                SELECT "Id", "CurrentCycle", {step.DaysBefore}, {at} FROM "Credentials"
                WHERE "ProgramId" = ANY({step.ProgramIds}) AND "Status" IN ({active}, {expiring})
                    AND "ExpiresAt" > {step.ExpiresAfter} AND "ExpiresAt" <= {step.ExpiresAtOrBefore}
                ON CONFLICT DO NOTHING
                RETURNING "CredentialId", "Cycle"),
            raised AS (
                INSERT INTO "DomainEvents" ("Id", "Type", "OccurredAt", "MemberId", "ProgramId", "Data")
                SELECT gen_random_uuid(), {DomainEventTypes.CredentialExpiring}, {at}, c."MemberId", c."ProgramId",
                    json_build_object('credentialId', c."Id", 'number', c."Number", 'cycle', s."Cycle", 'expiresAt', c."ExpiresAt",
                        'daysBefore', {step.DaysBefore})::text
                FROM sent s JOIN "Credentials" c ON c."Id" = s."CredentialId")
            SELECT count(*)::int AS "Value" FROM sent
            """).ToListAsync(cancellationToken)).Single();
    }

    public async Task<IReadOnlyList<Guid>> ClaimOutboxAsync(
        AppDbContext db, string node, DateTimeOffset now, DateTimeOffset until, int batch, IReadOnlyCollection<string> skippedKinds, CancellationToken cancellationToken)
    {
        var pending = nameof(OutboxStatus.Pending);
        var skipped = skippedKinds.ToArray();
        // RETURNING lists rows in no particular order; the caller delivers in the order of the claim.
        return await db.Database.SqlQuery<Guid>($"""
            WITH claimed AS (
                UPDATE "OutboxMessages" SET "LockedBy" = {node}, "LockedUntil" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM "OutboxMessages"
                    WHERE "Status" = {pending} AND "NextAttemptAt" <= {now} AND ("LockedUntil" IS NULL OR "LockedUntil" < {now})
                        AND NOT ("Kind" = ANY({skipped}))
                    ORDER BY "NextAttemptAt", "CreatedAt", "Id"
                    LIMIT {batch}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Id", "NextAttemptAt", "CreatedAt")
            SELECT "Id" AS "Value" FROM claimed ORDER BY "NextAttemptAt", "CreatedAt", "Id"
            """).ToListAsync(cancellationToken);
    }

    public Task ExtendPartnerPauseAsync(AppDbContext db, string connector, DateTimeOffset until, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO "PartnerPauses" ("Connector", "PausedUntil", "Reason", "UpdatedAt") VALUES ({connector}, {until}, {reason}, {now})
            ON CONFLICT ("Connector") DO UPDATE
                SET "PausedUntil" = excluded."PausedUntil", "Reason" = excluded."Reason", "UpdatedAt" = excluded."UpdatedAt"
                WHERE "PartnerPauses"."PausedUntil" < excluded."PausedUntil"
            """, cancellationToken);
}

public sealed class SqliteDialect : IDatabaseDialect
{
    /// <summary>A case-insensitive LIKE over the fields each member shows; the same results as PostgreSQL for plain words.</summary>
    public Task<DirectoryMatches> SearchDirectoryAsync(AppDbContext db, DirectoryCriteria criteria, DirectoryStart start, int take, CancellationToken cancellationToken) =>
        DirectoryQueries.SearchWithLikeAsync(db, criteria, start, take, cancellationToken);

    /// <summary>SQLite has one writer at a time, so the transaction's write is the lock.</summary>
    public Task<WorkflowInstance?> LockWorkflowInstanceAsync(AppDbContext db, Guid instanceId, CancellationToken cancellationToken) =>
        db.WorkflowInstances.SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken);

    public Task SavePageAsync(AppDbContext db, CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    public async Task<(IReadOnlyList<(Guid InstanceId, Guid BookmarkId)> Due, IReadOnlyList<WorkflowInstance> Instances)> ClaimDueWorkflowTimersAsync(
        AppDbContext db, DateTimeOffset now, int batch, IReadOnlyCollection<Guid> skipped, CancellationToken cancellationToken)
    {
        var due = await db.WorkflowBookmarks.AsNoTracking().Where(b => b.ResumeAt <= now && !skipped.Contains(b.Id)).OrderBy(b => b.ResumeAt).Take(batch)
            .Select(b => new { b.InstanceId, b.Id }).ToListAsync(cancellationToken);
        var ids = due.Select(b => b.InstanceId).Distinct().ToList();
        var instances = ids.Count == 0 ? [] : await db.WorkflowInstances.Where(i => ids.Contains(i.Id)).ToListAsync(cancellationToken);
        return ([.. due.Select(b => (b.InstanceId, b.Id))], instances);
    }

    /// <summary>
    /// The embedded default holds one association on one node: the step reads the ids it matches, updates those
    /// rows set-based, and adds their history rows and events through the context.
    /// </summary>
    public async Task<int> TransitionCredentialsAsync(AppDbContext db, CredentialTransition step, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var due = await db.Credentials.AsNoTracking()
            .Where(c => step.ProgramIds.Contains(c.ProgramId) && c.Status == step.From && c.ExpiresAt <= step.ExpiresAtOrBefore)
            .Select(c => new { c.Id, c.Number, c.MemberId, c.ProgramId, c.CurrentCycle, c.ExpiresAt }).ToListAsync(cancellationToken);
        foreach (var chunk in due.Chunk(500))
        {
            var ids = chunk.Select(c => c.Id).ToList();
            await db.Credentials.Where(c => ids.Contains(c.Id) && c.Status == step.From)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, step.To), cancellationToken);
        }
        foreach (var c in due)
        {
            db.CredentialStatusChanges.Add(new Features.Credentials.CredentialStatusChange
            {
                CredentialId = c.Id, From = step.From, To = step.To, Reason = step.Reason, ChangedBy = SweepPlan.Actor, ChangedAt = at,
            });
            if (step.EventType is { } type)
                db.Raise(type, at, c.MemberId, c.ProgramId, new CredentialCycleEventData(c.Id, c.Number, c.CurrentCycle, c.ExpiresAt));
        }
        await db.SaveChangesAsync(cancellationToken);
        return due.Count;
    }

    public async Task<int> RaiseExpiringNoticesAsync(AppDbContext db, ExpiringNoticeStep step, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var due = await db.Credentials.AsNoTracking()
            .Where(c => step.ProgramIds.Contains(c.ProgramId)
                && (c.Status == Features.Credentials.CredentialStatus.Active || c.Status == Features.Credentials.CredentialStatus.Expiring)
                && c.ExpiresAt > step.ExpiresAfter && c.ExpiresAt <= step.ExpiresAtOrBefore
                && !db.CredentialNotices.Any(n => n.CredentialId == c.Id && n.Cycle == c.CurrentCycle && n.DaysBefore == step.DaysBefore))
            .Select(c => new { c.Id, c.Number, c.MemberId, c.ProgramId, c.CurrentCycle, c.ExpiresAt }).ToListAsync(cancellationToken);
        foreach (var c in due)
        {
            db.CredentialNotices.Add(new CredentialNotice { CredentialId = c.Id, Cycle = c.CurrentCycle, DaysBefore = step.DaysBefore, SentAt = at });
            db.Raise(DomainEventTypes.CredentialExpiring, at, c.MemberId, c.ProgramId,
                new CredentialCycleEventData(c.Id, c.Number, c.CurrentCycle, c.ExpiresAt, step.DaysBefore));
        }
        await db.SaveChangesAsync(cancellationToken);
        return due.Count;
    }

    public async Task<IReadOnlyList<Guid>> ClaimOutboxAsync(
        AppDbContext db, string node, DateTimeOffset now, DateTimeOffset until, int batch, IReadOnlyCollection<string> skippedKinds, CancellationToken cancellationToken)
    {
        var due = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now)
                && !skippedKinds.Contains(m.Kind))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => m.Id).Take(batch).ToListAsync(cancellationToken);
        var claimed = new List<Guid>();
        foreach (var id in due)
        {
            // The same condition again in the update: only one claimant's update matches.
            var rows = await db.OutboxMessages
                .Where(m => m.Id == id && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedBy, node).SetProperty(m => m.LockedUntil, until), cancellationToken);
            if (rows == 1) claimed.Add(id);
        }
        return claimed;
    }

    /// <summary>The same upsert as on PostgreSQL; instants are compared as the binary values the model stores them as.</summary>
    public Task ExtendPartnerPauseAsync(AppDbContext db, string connector, DateTimeOffset until, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (storedUntil, storedNow) = (Stored(until), Stored(now));
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO "PartnerPauses" ("Connector", "PausedUntil", "Reason", "UpdatedAt") VALUES ({connector}, {storedUntil}, {reason}, {storedNow})
            ON CONFLICT ("Connector") DO UPDATE
                SET "PausedUntil" = excluded."PausedUntil", "Reason" = excluded."Reason", "UpdatedAt" = excluded."UpdatedAt"
                WHERE "PartnerPauses"."PausedUntil" < excluded."PausedUntil"
            """, cancellationToken);
    }

    private static long Stored(DateTimeOffset instant) => (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(instant)!;
}
