using System.Diagnostics;
using System.Globalization;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Eligibility;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CredentialConnect.Benchmarks;

// dotnet run -c Release --project benchmarks/CredentialConnect.Benchmarks -- eligibility [--members 100000]
// Eligibility and readiness for every member and three programs through the hub's batch path, against one plain SQL
// query per program that returns the same eligible members, in one run on the same database.
internal static class EligibilityBenchmark
{
    private const string Gwe = """{"all":[{"experience":{"minYears":2}},{"ceHours":{"minHours":10,"withinMonths":24}},{"membership":{"status":["Active"]}}]}""";

    private const string Nfm = """{"any":[{"all":[{"experience":{"minYears":5}},{"ceHours":{"minHours":6,"category":"Finance","withinMonths":36}}]},{"membership":{"levels":["Fellow"]}}]}""";

    private const string Cnp = """
        {"all":[{"experience":{"minYears":3}},{"ceHours":{"minHours":4,"category":"Ethics","withinMonths":24}},{"credential":{"program":"GWE"}},
                {"membership":{"status":["Active"],"levels":["Professional","Fellow"]}},{"not":{"membership":{"levels":["Student"]}}}]}
        """;

    private const string Counted = """ "ReviewStatus" IN ('NotRequired', 'Accepted') AND "EarnedAt" <= @now """;

    // The same rules, written by hand as set-based SQL: what a database does at best for the yes/no answer alone.
    private static readonly Dictionary<string, string> Limit = new()
    {
        ["GWE"] = $"""
            SELECT m."Id" FROM "Members" m
            LEFT JOIN (SELECT "MemberId", sum("Hours") AS h FROM "ContinuingEducationCredits"
                       WHERE {Counted} AND "EarnedAt" >= @since24 GROUP BY "MemberId") ce ON ce."MemberId" = m."Id"
            WHERE coalesce(m."YearsOfExperience", 0) >= 2 AND coalesce(ce.h, 0) >= 10 AND m."MembershipStatus" = 'Active'
            """,
        ["NFM"] = $"""
            SELECT m."Id" FROM "Members" m
            LEFT JOIN (SELECT "MemberId", sum("Hours") AS h FROM "ContinuingEducationCredits"
                       WHERE {Counted} AND "EarnedAt" >= @since36 AND lower("Category") = 'finance' GROUP BY "MemberId") ce ON ce."MemberId" = m."Id"
            WHERE (coalesce(m."YearsOfExperience", 0) >= 5 AND coalesce(ce.h, 0) >= 6) OR coalesce(lower(m."MembershipLevel") = 'fellow', false)
            """,
        ["CNP"] = $"""
            SELECT m."Id" FROM "Members" m
            LEFT JOIN (SELECT "MemberId", sum("Hours") AS h FROM "ContinuingEducationCredits"
                       WHERE {Counted} AND "EarnedAt" >= @since24 AND lower("Category") = 'ethics' GROUP BY "MemberId") ce ON ce."MemberId" = m."Id"
            WHERE coalesce(m."YearsOfExperience", 0) >= 3 AND coalesce(ce.h, 0) >= 4
              AND EXISTS (SELECT 1 FROM "Credentials" c JOIN "Programs" p ON p."Id" = c."ProgramId"
                          WHERE c."MemberId" = m."Id" AND p."Code" = 'GWE' AND c."Status" IN ('Active', 'Expiring'))
              AND m."MembershipStatus" = 'Active' AND coalesce(lower(m."MembershipLevel") IN ('professional', 'fellow'), false)
              AND NOT coalesce(lower(m."MembershipLevel") = 'student', false)
            """,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var members = args.SkipWhile(a => a != "--members").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(100_000);
        Console.WriteLine($"Eligibility benchmark: {members:N0} members × 3 programs; {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
            $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC.");

        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("bench_eligibility");
        await using var host = await HubHost.StartAsync(connectionString, new Dictionary<string, string?>());
        var now = DateTimeOffset.UtcNow;
        Console.WriteLine("Seeding members, CE credits and credentials...");
        await SeedAsync(connectionString, members, now);

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var (code, criteria) in new[] { ("GWE", Gwe), ("NFM", Nfm), ("CNP", Cnp) })
            (await db.Programs.SingleAsync(p => p.Code == code)).EligibilityCriteria = criteria;
        await db.SaveChangesAsync();
        var eligibility = scope.ServiceProvider.GetRequiredService<EligibilityService>();
        var programs = await eligibility.LoadProgramsAsync(db.Programs.OrderBy(p => p.Code), CancellationToken.None);

        // Warm-up: the batch path and the SQL once on a slice, so JIT and connection pools are not measured.
        var slice = await db.Members.AsNoTracking().OrderBy(m => m.Id).Select(m => m.Id).Take(2_000).ToListAsync();
        foreach (var program in programs)
        {
            await EvaluateAsync(eligibility, program, slice);
            await SelectEligibleAsync(connectionString, program.Code, now);
        }

        Console.WriteLine("Measuring the batch path...");
        var hub = new Dictionary<string, (HashSet<Guid> Eligible, long Evaluated, TimeSpan Elapsed, TimeSpan Deciding)>();
        foreach (var program in programs) hub[program.Code] = await EvaluateAsync(eligibility, program, null);
        Console.WriteLine("Measuring the SQL...");
        var sql = new Dictionary<string, (HashSet<Guid> Eligible, TimeSpan Elapsed)>();
        foreach (var program in programs) sql[program.Code] = await SelectEligibleAsync(connectionString, program.Code, now);

        Console.WriteLine();
        Console.WriteLine("| Program | Member-programs | Eligible | Same as SQL | Hub time | Hub member-programs/s | SQL time | SQL member-programs/s | Hub / SQL |");
        Console.WriteLine("|---|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var program in programs) Row(program.Code, hub[program.Code].Evaluated, hub[program.Code].Eligible, sql[program.Code].Eligible, hub[program.Code].Elapsed, sql[program.Code].Elapsed);
        var all = programs.Select(p => p.Code).ToList();
        var total = all.Sum(c => hub[c].Evaluated);
        var hubTime = all.Aggregate(TimeSpan.Zero, (t, c) => t + hub[c].Elapsed);
        var sqlTime = all.Aggregate(TimeSpan.Zero, (t, c) => t + sql[c].Elapsed);
        Console.WriteLine($"| **All three** | {total:N0} | {all.Sum(c => hub[c].Eligible.Count):N0} | {(all.All(c => hub[c].Eligible.SetEquals(sql[c].Eligible)) ? "yes" : "NO")} | " +
            $"{hubTime.TotalSeconds:F2} s | {total / hubTime.TotalSeconds:N0} | {sqlTime.TotalSeconds:F2} s | {total / sqlTime.TotalSeconds:N0} | {sqlTime / hubTime:P0} |");
        var deciding = all.Aggregate(TimeSpan.Zero, (t, c) => t + hub[c].Deciding);
        Console.WriteLine($"Of the hub's {hubTime.TotalSeconds:F2} s, {deciding.TotalSeconds:F2} s went to deciding in memory ({total / deciding.TotalSeconds:N0} member-programs/s, " +
            $"the pure evaluator) and {(hubTime - deciding).TotalSeconds:F2} s to loading facts.");
        if (File.Exists("/proc/loadavg")) Console.WriteLine($"Load average at the end (1, 5, 15 min): {string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}");
        return all.All(c => hub[c].Eligible.SetEquals(sql[c].Eligible)) ? 0 : 1;

        static void Row(string code, long evaluated, HashSet<Guid> hub, HashSet<Guid> sql, TimeSpan hubTime, TimeSpan sqlTime) =>
            Console.WriteLine($"| {code} | {evaluated:N0} | {hub.Count:N0} | {(hub.SetEquals(sql) ? "yes" : $"NO ({sql.Count:N0} by SQL)")} | " +
                $"{hubTime.TotalSeconds:F2} s | {evaluated / hubTime.TotalSeconds:N0} | {sqlTime.TotalSeconds:F2} s | {evaluated / sqlTime.TotalSeconds:N0} | {sqlTime / hubTime:P0} |");
    }

    // Decisions with their explanations, and each member's readiness (percent and open gaps), as close-members reads them.
    // The time spent deciding in memory, facts at hand, is measured apart from the whole.
    private static async Task<(HashSet<Guid> Eligible, long Evaluated, TimeSpan Elapsed, TimeSpan Deciding)> EvaluateAsync(
        EligibilityService eligibility, ProgramRequirements program, IReadOnlyCollection<Guid>? members)
    {
        var eligible = new HashSet<Guid>();
        long evaluated = 0;
        var deciding = new Stopwatch();
        var clock = Stopwatch.StartNew();
        await foreach (var chunk in eligibility.LoadFactsAsync(program, members, CancellationToken.None))
        {
            deciding.Start();
            foreach (var facts in chunk)
            {
                var decision = EligibilityRules.Decide(program.Id, program.Criteria, facts);
                evaluated++;
                if (decision.Eligible) eligible.Add(decision.MemberId);
                else _ = EligibilityRules.Gaps(decision.Criteria!).Count();
            }
            deciding.Stop();
        }
        return (eligible, evaluated, clock.Elapsed, deciding.Elapsed);
    }

    private static async Task<(HashSet<Guid> Eligible, TimeSpan Elapsed)> SelectEligibleAsync(string connectionString, string code, DateTimeOffset now)
    {
        var eligible = new HashSet<Guid>();
        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Limit[code], connection);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("since24", now.AddMonths(-24));
        command.Parameters.AddWithValue("since36", now.AddMonths(-36));
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) eligible.Add(reader.GetGuid(0));
        return (eligible, clock.Elapsed);
    }

    // Generated in the database from the member number, so the data is the same every run and costs seconds to write.
    // Credits fall at noon on whole days back from now, never near a window's edge.
    private static async Task SeedAsync(string connectionString, int members, DateTimeOffset now)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        string[] statements =
        [
            """
            INSERT INTO "Members" ("Id", "AmsMemberId", "Email", "FirstName", "LastName", "MembershipStatus", "MembershipLevel", "YearsOfExperience",
                "CreatedAt", "UpdatedAt", "Version", "DirectoryOptedIn", "DirectoryShowCredentials", "DirectoryShowEmail", "DirectoryShowLocation", "DirectoryShowName")
            SELECT md5('member' || n)::uuid, 'B-' || n, 'member' || n || '@example.org', 'Member', 'No. ' || n,
                   CASE n % 20 WHEN 0 THEN 'Lapsed' WHEN 1 THEN 'PendingRenewal' ELSE 'Active' END,
                   (ARRAY['Professional', 'Associate', 'Student', 'Fellow'])[n % 4 + 1], n % 12, @now, @now, 0, false, false, false, false, false
            FROM generate_series(1, @members) AS n
            """,
            """
            INSERT INTO "ContinuingEducationCredits" ("Id", "MemberId", "Activity", "Category", "Hours", "EarnedAt", "Source", "ReviewStatus")
            SELECT md5('credit' || n || '-' || k)::uuid, md5('member' || n)::uuid, 'Course ' || k,
                   (ARRAY['Ethics', 'Finance', 'Governance'])[(n + k) % 3 + 1], (n * 7 + k * 3) % 8 + 1,
                   date_trunc('day', @now) - make_interval(days => (n * 13 + k * 97) % 1100) - interval '12 hours', 'Lms',
                   CASE (n + k) % 10 WHEN 0 THEN 'Pending' WHEN 1 THEN 'Rejected' WHEN 2 THEN 'Accepted' ELSE 'NotRequired' END
            FROM generate_series(1, @members) AS n, generate_series(1, 5) AS k
            """,
            """
            INSERT INTO "Credentials" ("Id", "Number", "MemberId", "ProgramId", "IssuedAt", "CurrentCycle", "CycleStartedAt", "Status")
            SELECT md5('credential' || n)::uuid, 'CERT-2025-' || lpad(n::text, 7, '0'), md5('member' || n)::uuid,
                   (SELECT "Id" FROM "Programs" WHERE "Code" = 'GWE'), @now - interval '400 days', 1, @now - interval '400 days',
                   CASE WHEN n % 7 = 0 THEN 'Lapsed' WHEN n % 11 = 0 THEN 'Expiring' ELSE 'Active' END
            FROM generate_series(1, @members) AS n WHERE n % 3 <> 0
            """,
            "ANALYZE",
        ];
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("now", now);
            command.Parameters.AddWithValue("members", members);
            command.CommandTimeout = 600;
            await command.ExecuteNonQueryAsync();
        }
    }
}
