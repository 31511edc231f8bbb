using System.Diagnostics;
using System.Globalization;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Recertification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CredentialConnect.Benchmarks;

// dotnet run -c Release --project benchmarks/CredentialConnect.Benchmarks -- sweep [--credentials 1000000]
// The daily status sweep over a large register, against hand-written SQL making the same changes, in one run.
internal static class SweepBenchmark
{
    private const int Programs = 4;
    private const int CredentialsPerMember = 4;

    public static async Task<int> RunAsync(string[] args)
    {
        var credentials = args.SkipWhile(a => a != "--credentials").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(1_000_000);
        // Boundaries fall at noon and the sweep runs at 02:00, so the seconds between seeding and sweeping change nothing.
        var now = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero).AddHours(2);
        Console.WriteLine($"Sweep benchmark: {credentials:N0} credentials in {Programs} programs; {Environment.ProcessorCount} cores, .NET {Environment.Version}.");

        await using var postgres = await PostgresServer.StartAsync();
        var seed = await postgres.CreateDatabaseAsync("sweep_seed");
        var clock = Stopwatch.StartNew();
        var programIds = await SeedAsync(seed, credentials, now);
        Console.WriteLine($"Seeded in {clock.Elapsed.TotalSeconds:F1} s.");

        Console.WriteLine("Warm-up: the hub's sweep once...");
        await RunHubAsync(await CloneAsync(postgres, seed, "sweep_warmup"), now, runs: 1);
        Console.WriteLine("Measuring the hub's sweep, then running it again...");
        var hubDb = await CloneAsync(postgres, seed, "sweep_hub");
        var hubRuns = await RunHubAsync(hubDb, now, runs: 2);
        var (hub, hubCounts, again) = (hubRuns[0].Elapsed, hubRuns[0].Counts, hubRuns[1]);
        Console.WriteLine("Measuring plain SQL...");
        var sqlDb = await CloneAsync(postgres, seed, "sweep_sql");
        var (sql, sqlCounts) = await RunPlainSqlAsync(sqlDb, programIds, now);

        var (hubRows, sqlRows) = (hubRuns[0].Rows, await RowsAsync(sqlDb));
        Console.WriteLine();
        Console.WriteLine("| Sweep | Credentials | Expiring | Lapsed | Notices | History + events + notices rows | Time | Hub / SQL |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| Hub (CredentialStatusSweep) | {credentials:N0} | {hubCounts.Expiring:N0} | {hubCounts.Lapsed:N0} | {hubCounts.NoticesRaised:N0} | {hubRows:N0} | {hub.TotalSeconds:F2} s | {hub / sql:F2}× |");
        Console.WriteLine($"| Plain SQL (the limit) | {credentials:N0} | {sqlCounts.Expiring:N0} | {sqlCounts.Lapsed:N0} | {sqlCounts.NoticesRaised:N0} | {sqlRows:N0} | {sql.TotalSeconds:F2} s | 1.00× |");
        Console.WriteLine($"| Hub, second run the same day | {credentials:N0} | {again.Counts.Expiring:N0} | {again.Counts.Lapsed:N0} | {again.Counts.NoticesRaised:N0} | {again.Rows - hubRows:N0} new | {again.Elapsed.TotalSeconds:F2} s | |");
        if (hubCounts with { RanAt = now } != sqlCounts with { RanAt = now } || hubRows != sqlRows)
            Console.WriteLine("  note: the hub and plain SQL made different changes; the comparison is not like for like.");
        if (File.Exists("/proc/loadavg")) Console.WriteLine($"Load average at the end (1, 5, 15 min): {string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}");
        return 0;
    }

    private static RecertificationRules Rules() => new() { TotalCeHours = 45, GracePeriodDays = 90, Reinstatement = ReinstatementRule.Reapply };

    /// <summary>
    /// Members and credentials written by PostgreSQL itself. Credential <c>i</c>'s cycle ends at noon <c>i % 1500 − 240</c> days
    /// from today: most are Active with years to run; about 6% are due to turn Expiring; those whose end passed are
    /// Expiring already, and the ones past their 90-day grace (about 10%) are due to lapse; 1 in 100 is Suspended.
    /// </summary>
    private static async Task<Guid[]> SeedAsync(string connectionString, int credentials, DateTimeOffset now)
    {
        var programs = Enumerable.Range(1, Programs).Select(p => new CredentialProgram
        {
            Code = $"SWP{p}", Name = $"Sweep program {p}", ValidityPeriod = "P3Y", Recertification = Rules(), Status = ProgramStatus.Published, CreatedAt = now,
        }).ToArray();
        await using (var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options))
        {
            await db.Database.MigrateAsync();
            db.Programs.AddRange(programs);
            await db.SaveChangesAsync();
        }

        var noon = now.AddHours(10);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, """
            INSERT INTO "Members" ("Id", "AmsMemberId", "Email", "FirstName", "LastName", "MembershipStatus", "DirectoryOptedIn",
                "DirectoryShowCredentials", "DirectoryShowEmail", "DirectoryShowLocation", "DirectoryShowName", "CreatedAt", "UpdatedAt", "Version")
            SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(m), 12, '0'))::uuid, m::text, 'member' || m || '@example.org', 'Member', 'No. ' || m,
                'Active', false, false, false, false, false, @now, @now, 0
            FROM generate_series(1, @members) AS m
            """, ("now", now), ("members", (credentials + CredentialsPerMember - 1) / CredentialsPerMember));
        await ExecuteAsync(connection, """
            INSERT INTO "Credentials" ("Id", "Number", "MemberId", "ProgramId", "IssuedAt", "ExpiresAt", "CurrentCycle", "CycleStartedAt", "Status")
            SELECT ('10000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'CERT-2026-' || lpad(i::text, 7, '0'),
                ('00000000-0000-4000-8000-' || lpad(to_hex((i - 1) / @perMember + 1), 12, '0'))::uuid, (@programs)[1 + i % @programCount],
                e - interval '3 years', e, 1, e - interval '3 years',
                CASE WHEN i % 100 = 0 THEN 'Suspended' WHEN e < @now THEN 'Expiring' ELSE 'Active' END
            FROM generate_series(1, @credentials) AS i, LATERAL (SELECT @noon + make_interval(days => i % 1500 - 240) AS e) AS x
            """, ("perMember", CredentialsPerMember), ("programs", programs.Select(p => p.Id).ToArray()), ("programCount", Programs),
            ("now", now), ("noon", noon), ("credentials", credentials));
        await ExecuteAsync(connection, "VACUUM ANALYZE");
        return programs.Select(p => p.Id).ToArray();
    }

    private static async Task<string> CloneAsync(PostgresServer postgres, string seed, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(postgres.AdminConnectionString);
        await connection.OpenAsync();
        var template = new NpgsqlConnectionStringBuilder(seed).Database!;
        await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        await ExecuteAsync(connection, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return new NpgsqlConnectionStringBuilder(seed) { Database = name }.ConnectionString;
    }

    private static async Task<List<(TimeSpan Elapsed, SweepCounts Counts, long Rows)>> RunHubAsync(string connectionString, DateTimeOffset now, int runs)
    {
        await using var host = await HubHost.StartAsync(connectionString, new Dictionary<string, string?>());
        var results = new List<(TimeSpan, SweepCounts, long)>();
        for (var run = 0; run < runs; run++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var sweep = new CredentialStatusSweep(db, scope.ServiceProvider.GetRequiredService<IDatabaseDialect>(), new FixedClock(now),
                NullLogger<CredentialStatusSweep>.Instance);
            var clock = Stopwatch.StartNew();
            var counts = await sweep.RunAsync(CancellationToken.None);
            results.Add((clock.Elapsed, counts, await RowsAsync(connectionString)));
        }
        return results;
    }

    /// <summary>
    /// The limit: the same changes, written by hand as the fewest statements that make them, one transaction,
    /// every program at once (they share the cycle rules here), no per-program loop and no EF Core.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, SweepCounts Counts)> RunPlainSqlAsync(string connectionString, Guid[] programs, DateTimeOffset now)
    {
        var rules = Rules();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var clock = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync();
        var lapsed = 0;
        foreach (var from in new[] { "Active", "Expiring" })
            lapsed += await TransitionAsync(from, "Lapsed", now.AddDays(-rules.GracePeriodDays), "Lapsed: the cycle ended and the 90-day grace period passed without renewal.", "CredentialLapsed");
        var expiring = await TransitionAsync("Active", "Expiring", now.AddDays(90), "Expiring: the cycle ends within 90 days.", null);
        var notices = 0;
        var offsets = rules.ExpiringNoticeDays.OrderDescending().ToArray();
        for (var i = 0; i < offsets.Length; i++)
            notices += await ScalarAsync(connection, """
                WITH sent AS (
                    INSERT INTO "CredentialNotices" ("CredentialId", "Cycle", "DaysBefore", "SentAt")
                    SELECT "Id", "CurrentCycle", @days, @now FROM "Credentials"
                    WHERE "Status" IN ('Active', 'Expiring') AND "ExpiresAt" > @after AND "ExpiresAt" <= @until AND "ProgramId" = ANY(@programs)
                    ON CONFLICT DO NOTHING RETURNING "CredentialId", "Cycle"),
                raised AS (
                    INSERT INTO "DomainEvents" ("Id", "Type", "OccurredAt", "MemberId", "ProgramId", "Data")
                    SELECT gen_random_uuid(), 'CredentialExpiring', @now, c."MemberId", c."ProgramId",
                        json_build_object('credentialId', c."Id", 'number', c."Number", 'cycle', s."Cycle", 'expiresAt', c."ExpiresAt", 'daysBefore', @days)::text
                    FROM sent s JOIN "Credentials" c ON c."Id" = s."CredentialId")
                SELECT count(*)::int FROM sent
                """, ("days", offsets[i]), ("now", now), ("after", now.AddDays(i + 1 < offsets.Length ? offsets[i + 1] : 0)),
                ("until", now.AddDays(offsets[i])), ("programs", programs));
        await transaction.CommitAsync();
        return (clock.Elapsed, new SweepCounts(expiring, lapsed, notices, now));

        Task<int> TransitionAsync(string from, string to, DateTimeOffset cutoff, string reason, string? eventType) => ScalarAsync(connection, """
            WITH changed AS (
                UPDATE "Credentials" SET "Status" = @to WHERE "Status" = @from AND "ExpiresAt" <= @cutoff AND "ProgramId" = ANY(@programs)
                RETURNING "Id", "Number", "MemberId", "ProgramId", "CurrentCycle", "ExpiresAt"),
            history AS (
                INSERT INTO "CredentialStatusChanges" ("CredentialId", "From", "To", "Reason", "ChangedBy", "ChangedAt")
                SELECT "Id", @from, @to, @reason, 'status sweep', @now FROM changed),
            raised AS (
                INSERT INTO "DomainEvents" ("Id", "Type", "OccurredAt", "MemberId", "ProgramId", "Data")
                SELECT gen_random_uuid(), @event, @now, "MemberId", "ProgramId",
                    json_build_object('credentialId', "Id", 'number', "Number", 'cycle', "CurrentCycle", 'expiresAt', "ExpiresAt")::text
                FROM changed WHERE @raise)
            SELECT count(*)::int FROM changed
            """, ("to", to), ("from", from), ("cutoff", cutoff), ("programs", programs), ("reason", reason), ("now", now),
            ("event", eventType ?? ""), ("raise", eventType is not null));
    }

    private static async Task<long> RowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(
            """SELECT (SELECT count(*) FROM "CredentialStatusChanges") + (SELECT count(*) FROM "DomainEvents") + (SELECT count(*) FROM "CredentialNotices")""", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<int> ScalarAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
