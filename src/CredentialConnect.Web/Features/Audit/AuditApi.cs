using System.Text.Json;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Audit;

public sealed record AuditFilter(string? EntityType, string? EntityId, string? Actor, DateTimeOffset? From, DateTimeOffset? To);

public sealed record AuditLogEntryResponse(long Id, DateTimeOffset At, string Actor, string Action, string EntityType, string EntityId, JsonElement Changes);

public static class AuditApi
{
    private static readonly SortFields<AuditLogEntry> Sortable = new(e => e.Id, "-id", ("at", e => e.At), ("id", e => e.Id));

    public static WebApplication MapAuditApi(this WebApplication app)
    {
        app.MapGet("/api/v1/audit-log", ListAsync)
            .WithTags("Audit log")
            .WithName("ListAuditLog")
            .WithSummary("Who changed what and when, newest first. Filter by entity, actor or time range.")
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

        var page = await query.ToPageAsync(list, Sortable, e => e, ct);
        return TypedResults.Ok(page.Map(e => new AuditLogEntryResponse(e.Id, e.At, e.Actor, e.Action, e.EntityType, e.EntityId,
            JsonDocument.Parse(e.Changes).RootElement.Clone())));
    }
}
