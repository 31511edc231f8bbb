using System.Text.Json;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Exams;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Readiness;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Audit;

/// <summary>
/// The audit log's filters. <see cref="MemberId"/> keeps what concerns one member: their record, sign-in account, credentials,
/// applications and evidence, exam attempts, CE credits and goals.
/// </summary>
public sealed record AuditFilter(string? EntityType, string? EntityId, string? Actor, DateTimeOffset? From, DateTimeOffset? To, Guid? MemberId);

public sealed record AuditLogEntryResponse(long Id, DateTimeOffset At, string Actor, string Action, string EntityType, string EntityId, JsonElement Changes);

public static class AuditApi
{
    private static readonly SortFields<AuditLogEntry> Sortable = new(e => e.Id, "-id", ("at", e => e.At), ("id", e => e.Id));

    public static WebApplication MapAuditApi(this WebApplication app)
    {
        app.MapGet("/api/v1/audit-log", ListAsync)
            .WithTags("Audit log")
            .WithName("ListAuditLog")
            .WithSummary("Who changed what and when, newest first. Filter by entity, actor, time range, or everything about one member (memberId).")
            .RequireAuthorization(AccessPolicies.AuditRead);
        return app;
    }

    internal static async Task<Results<Ok<Page<AuditLogEntryResponse>>, ValidationProblem>> ListAsync(
        [AsParameters] ListQuery list, [AsParameters] AuditFilter filter, AppDbContext db, CancellationToken ct)
    {
        if (list.Validate(Sortable) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);

        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.EntityType)) query = query.Where(e => e.EntityType == filter.EntityType);
        if (!string.IsNullOrWhiteSpace(filter.EntityId)) query = query.Where(e => e.EntityId == filter.EntityId);
        if (!string.IsNullOrWhiteSpace(filter.Actor)) query = query.Where(e => e.Actor == filter.Actor);
        if (filter.From is { } from) query = query.Where(e => e.At >= from);
        if (filter.To is { } to) query = query.Where(e => e.At < to);
        if (filter.MemberId is { } memberId)
        {
            var keys = await RecordKeysOfAsync(db, memberId, ct);
            query = query.Where(e => MemberRecordTypes.Contains(e.EntityType) && keys.Contains(e.EntityId));
        }

        var page = await query.ToPageAsync(list, Sortable, e => e, ct);
        return TypedResults.Ok(page.Map(e => new AuditLogEntryResponse(e.Id, e.At, e.Actor, e.Action, e.EntityType, e.EntityId,
            JsonDocument.Parse(e.Changes).RootElement.Clone())));
    }

    private static readonly string[] MemberRecordTypes = [nameof(Member), nameof(UserAccount), nameof(Credential), nameof(Application),
        nameof(ApplicationEvidence), nameof(ExamAttempt), nameof(ContinuingEducationCredit), nameof(Goal)];

    // The audit log keys entries by entity type and id, not by member, so the member's records are looked up first.
    // Their ids are unique across types (GUIDs, and account ids), so matching on the id alone within these types is exact.
    private static async Task<List<string>> RecordKeysOfAsync(AppDbContext db, Guid memberId, CancellationToken ct)
    {
        var applications = await db.Applications.Where(a => a.MemberId == memberId).Select(a => a.Id).ToListAsync(ct);
        List<Guid> ids =
        [
            memberId, .. applications,
            .. await db.ApplicationEvidence.Where(e => applications.Contains(e.ApplicationId)).Select(e => e.Id).ToListAsync(ct),
            .. await db.Credentials.Where(c => c.MemberId == memberId).Select(c => c.Id).ToListAsync(ct),
            .. await db.ExamAttempts.Where(a => a.MemberId == memberId).Select(a => a.Id).ToListAsync(ct),
            .. await db.ContinuingEducationCredits.Where(c => c.MemberId == memberId).Select(c => c.Id).ToListAsync(ct),
            .. await db.Goals.Where(g => g.MemberId == memberId).Select(g => g.Id).ToListAsync(ct),
        ];
        var accounts = await db.Users.Where(u => u.MemberId == memberId).Select(u => u.Id).ToListAsync(ct);
        return [.. ids.Select(id => id.ToString()), .. accounts];
    }
}
