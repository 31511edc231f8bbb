using System.Security.Claims;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.CeAudits;
using CredentialConnect.Web.Features.Sync;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Web.Features.Dashboard;

/// <summary>The dashboard's "Needs attention": a count per kind of open work, each with the console screen that resolves it.</summary>
public static class DashboardAttention
{
    internal static async Task<Ok<AttentionResponse>> ListAsync(
        Guid? programId, ClaimsPrincipal user, IAuthorizationService authorization, AppDbContext db, IOptions<DashboardOptions> options,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var days = options.Value.WaitingDays;
        var items = new List<AttentionItem>();

        // Decisions and CE audits are a Reviewer's work, and anyone who sees the dashboard may do them.
        var waitingSince = now.AddDays(-days);
        var applications = db.Applications.AsNoTracking()
            .Where(a => (a.Status == ApplicationStatus.Submitted || a.Status == ApplicationStatus.InReview) && a.SubmittedAt < waitingSince);
        if (programId is { } p) applications = applications.Where(a => a.ProgramId == p);
        items.Add(new("applications-waiting", $"Applications waiting over {days} days", "Submitted, still without a decision",
            await applications.CountAsync(ct), $"/admin/applications?status=waiting&olderThanDays={days}"));

        var audits = db.CeAudits.AsNoTracking()
            .Where(a => a.Selections.Any(s => s.Credits.Any(c => c.Decision == CeAuditCreditDecision.Pending)));
        if (programId is { } q) audits = audits.Where(a => a.ProgramId == q);
        items.Add(new("ce-audits", "CE audits with evidence to review", "Evidence submitted, awaiting a decision",
            await audits.CountAsync(ct), "/admin/ce-audits"));

        // Workflows and connectors are an Admin's to fix; a Reviewer is not shown counts they cannot act on.
        if ((await authorization.AuthorizeAsync(user, AccessPolicies.WorkflowsAdmin)).Succeeded)
            items.Add(new("workflow-incidents", "Workflow incidents", "Flows stopped on an error",
                await db.WorkflowInstances.CountAsync(i => i.OpenIncidents > 0, ct), "/admin/workflows/incidents"));

        if ((await authorization.AuthorizeAsync(user, AccessPolicies.ConnectorsAdmin)).Succeeded)
        {
            items.Add(new("dead-letters", "Dead letters", "Deliveries that gave up, not replayed",
                await db.DeadLetters.CountAsync(d => d.ReplayedAt == null, ct), "/admin/connectors/dead-letters"));
            // A connector whose last sync failed, or that a partner asked to wait (rate-limited), counted once.
            var failing = db.SyncStreams.Where(s => s.LastError != null).Select(s => s.Connector)
                .Union(db.PartnerPauses.Where(p => p.PausedUntil > now).Select(p => p.Connector));
            items.Add(new("connectors", "Connectors failing or rate-limited", "Last sync failed, or the partner asked to wait",
                await failing.CountAsync(ct), "/admin/connectors"));
            items.Add(new("held-events", "Held events", "Events a handler failed on every time",
                await db.DomainEvents.CountAsync(e => e.HeldAt != null, ct), "/admin/connectors/held-events"));
            items.Add(new("match-reviews", "Match reviews", "Partner records that match more than one member, or none",
                await db.MemberMatchReviews.CountAsync(r => r.Status == MatchReviewStatus.Open, ct), "/admin/connectors/match-reviews"));
        }

        return TypedResults.Ok(new AttentionResponse(days, [.. items]));
    }
}
