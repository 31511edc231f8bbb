using System.Text.Json;
using CredentialConnect.Connectors;
using CredentialConnect.Web.Features.Demo;
using Npgsql;
using NpgsqlTypes;

namespace CredentialConnect.Benchmarks;

/// <summary>
/// The physical limit: the rows the hub's sync leaves behind, written with PostgreSQL's binary <c>COPY</c> into the
/// hub's own tables (same schema, same indexes and constraints, on a database migrated the same way), in one
/// transaction per page of the same size as the hub's. Members: a <c>Members</c> row and an <c>InboxMessages</c> row
/// per contact. Statements: an <c>InboxMessages</c> row per statement the connector keeps, and the
/// <c>ContinuingEducationCredits</c> or <c>ExamAttempts</c> row it becomes. Payloads are the same JSON the hub stores.
/// Domain events, audit entries and the member's remembered LMS account, which the hub also writes, are not copied.
/// </summary>
internal sealed class CopyLimit(string connectionString, Dataset dataset, int pageSize)
{
    private const string MemberSource = "wild-apricot";
    private const string LearningSource = "xapi";
    private Guid[] _memberIds = [];

    public sealed record Result(long Rows, TimeSpan Elapsed);

    public async Task<Result> CopyMembersAsync()
    {
        _memberIds = new Guid[dataset.Members + 1];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var rows = 0L;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var from = 1; from <= dataset.Members; from += pageSize)
        {
            var to = Math.Min(dataset.Members, from + pageSize - 1);
            var now = DateTimeOffset.UtcNow;
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var members = await connection.BeginBinaryImportAsync(MembersCopy))
            {
                for (var n = from; n <= to; n++)
                {
                    var m = dataset.Member(n);
                    var id = _memberIds[n] = Guid.CreateVersion7();
                    await members.StartRowAsync();
                    await members.WriteAsync(id, NpgsqlDbType.Uuid);
                    await members.WriteAsync(m.AmsMemberId, NpgsqlDbType.Varchar);
                    await members.WriteAsync(m.Email, NpgsqlDbType.Varchar);
                    await members.WriteAsync(m.FirstName, NpgsqlDbType.Varchar);
                    await members.WriteAsync(m.LastName, NpgsqlDbType.Varchar);
                    await members.WriteAsync(m.Status.ToString(), NpgsqlDbType.Varchar);
                    await members.WriteAsync(m.Level, NpgsqlDbType.Varchar);
                    await members.WriteAsync(m.MemberSince!.Value, NpgsqlDbType.Date);
                    await members.WriteAsync(m.RenewalDue!.Value, NpgsqlDbType.Date);
                    await members.WriteAsync(m.UpdatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                    await members.WriteAsync(m.City, NpgsqlDbType.Varchar);
                    await members.WriteAsync(m.Region, NpgsqlDbType.Varchar);
                    await members.WriteAsync(m.Country, NpgsqlDbType.Varchar);
                    for (var consent = 0; consent < 5; consent++) await members.WriteAsync(false, NpgsqlDbType.Boolean);
                    await members.WriteAsync(now, NpgsqlDbType.TimestampTz);
                    await members.WriteAsync(now, NpgsqlDbType.TimestampTz);
                    await members.WriteAsync(0, NpgsqlDbType.Integer);
                }
                rows += (long)await members.CompleteAsync();
            }
            await using (var inbox = await connection.BeginBinaryImportAsync(InboxCopy))
            {
                for (var n = from; n <= to; n++)
                {
                    var m = dataset.Member(n);
                    await WriteInboxAsync(inbox, MemberSource, $"{m.AmsMemberId}@{m.UpdatedAt.UtcTicks}", "member", m, now);
                }
                rows += (long)await inbox.CompleteAsync();
            }
            await transaction.CommitAsync();
        }
        return new Result(rows, clock.Elapsed);
    }

    /// <summary>Needs <see cref="CopyMembersAsync"/> first: credits and attempts belong to those members.</summary>
    public async Task<Result> CopyStatementsAsync(IReadOnlyDictionary<string, Guid> programIds)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var attemptNumbers = new Dictionary<(int, string), int>();
        var rows = 0L;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var events = new List<(Statement Statement, LearningEvent Event)>(pageSize);
        for (var from = 0L; from < dataset.Statements; from += pageSize)
        {
            var to = Math.Min(dataset.Statements, from + pageSize);
            var now = DateTimeOffset.UtcNow;
            events.Clear();
            for (var i = from; i < to; i++)
                if (dataset.Statement(i) is var s && dataset.EventOf(s) is { } e) events.Add((s, e));

            await using var transaction = await connection.BeginTransactionAsync();
            await using (var inbox = await connection.BeginBinaryImportAsync(InboxCopy))
            {
                foreach (var (_, e) in events) await WriteInboxAsync(inbox, LearningSource, e.EventId, "learning", e, now);
                rows += (long)await inbox.CompleteAsync();
            }
            await using (var credits = await connection.BeginBinaryImportAsync(CreditsCopy))
            {
                foreach (var (s, e) in events.Where(x => x.Statement.Kind == StatementKind.CourseCompleted))
                {
                    var course = DemoAssociation.LearningFor("CNP").Courses.First(c => c.ActivityId == s.ActivityId);
                    await credits.StartRowAsync();
                    await credits.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    await credits.WriteAsync(_memberIds[s.Member], NpgsqlDbType.Uuid);
                    await credits.WriteAsync(e.ActivityName!, NpgsqlDbType.Varchar);
                    await credits.WriteAsync(course.Category, NpgsqlDbType.Varchar);
                    await credits.WriteAsync(course.Hours, NpgsqlDbType.Numeric);
                    await credits.WriteAsync(e.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                    await credits.WriteAsync("Lms", NpgsqlDbType.Varchar);
                    await credits.WriteAsync(e.ActivityId, NpgsqlDbType.Varchar);
                    await credits.WriteAsync("NotRequired", NpgsqlDbType.Varchar);
                    await credits.WriteAsync(e.EventId, NpgsqlDbType.Varchar);
                }
                rows += (long)await credits.CompleteAsync();
            }
            await using (var attempts = await connection.BeginBinaryImportAsync(AttemptsCopy))
            {
                foreach (var (s, e) in events.Where(x => x.Statement.IsExam))
                {
                    var program = s.ActivityId[(s.ActivityId.LastIndexOf('/') + 1)..];
                    var number = attemptNumbers[(s.Member, program)] = attemptNumbers.GetValueOrDefault((s.Member, program)) + 1;
                    await attempts.StartRowAsync();
                    await attempts.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    await attempts.WriteAsync(_memberIds[s.Member], NpgsqlDbType.Uuid);
                    await attempts.WriteAsync(programIds[program], NpgsqlDbType.Uuid);
                    await attempts.WriteAsync(e.Score!.Raw!.Value, NpgsqlDbType.Numeric);
                    await attempts.WriteAsync(e.Score.Max!.Value, NpgsqlDbType.Numeric);
                    await attempts.WriteAsync(e.Verb == LearningVerb.Passed, NpgsqlDbType.Boolean);
                    await attempts.WriteAsync(number, NpgsqlDbType.Integer);
                    await attempts.WriteAsync(e.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                    await attempts.WriteAsync("Lms", NpgsqlDbType.Varchar);
                    await attempts.WriteAsync(e.EventId, NpgsqlDbType.Varchar);
                }
                rows += (long)await attempts.CompleteAsync();
            }
            await transaction.CommitAsync();
        }
        return new Result(rows, clock.Elapsed);
    }

    private static async Task WriteInboxAsync(NpgsqlBinaryImporter inbox, string source, string eventId, string kind, object payload, DateTimeOffset now)
    {
        await inbox.StartRowAsync();
        await inbox.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
        await inbox.WriteAsync(source, NpgsqlDbType.Varchar);
        await inbox.WriteAsync(eventId, NpgsqlDbType.Varchar);
        await inbox.WriteAsync(kind, NpgsqlDbType.Varchar);
        await inbox.WriteAsync(JsonSerializer.Serialize(payload, payload.GetType(), JsonSerializerOptions.Web), NpgsqlDbType.Text);
        await inbox.WriteAsync(now, NpgsqlDbType.TimestampTz);
        await inbox.WriteAsync(now, NpgsqlDbType.TimestampTz);
        await inbox.WriteAsync(1, NpgsqlDbType.Integer);
    }

    private const string MembersCopy =
        """
        COPY "Members" ("Id", "AmsMemberId", "Email", "FirstName", "LastName", "MembershipStatus", "MembershipLevel",
            "MemberSince", "MembershipRenewalDue", "AmsUpdatedAt", "City", "Region", "Country",
            "DirectoryOptedIn", "DirectoryShowCredentials", "DirectoryShowEmail", "DirectoryShowLocation", "DirectoryShowName",
            "CreatedAt", "UpdatedAt", "Version") FROM STDIN (FORMAT BINARY)
        """;

    private const string InboxCopy =
        """COPY "InboxMessages" ("Id", "Source", "EventId", "Kind", "Payload", "ReceivedAt", "ProcessedAt", "Attempts") FROM STDIN (FORMAT BINARY)""";

    private const string CreditsCopy =
        """
        COPY "ContinuingEducationCredits" ("Id", "MemberId", "Activity", "Category", "Hours", "EarnedAt", "Source", "Evidence",
            "ReviewStatus", "SourceRecordId") FROM STDIN (FORMAT BINARY)
        """;

    private const string AttemptsCopy =
        """
        COPY "ExamAttempts" ("Id", "MemberId", "ProgramId", "Score", "MaxScore", "Passed", "AttemptNumber", "TakenAt", "Source",
            "SourceRecordId") FROM STDIN (FORMAT BINARY)
        """;
}
