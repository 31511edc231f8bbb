using System.Security.Claims;
using System.Text.Json;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Recertification;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.CeAudits;

public static class CeAuditsApi
{
    private static readonly SortFields<CeAudit> Sortable = new(a => a.Id, "-createdAt", ("createdAt", a => a.CreatedAt));

    public static WebApplication MapCeAuditsApi(this WebApplication app)
    {
        app.MapPost("/api/v1/programs/{programId:guid}/ce-audits", CreateAsync).RequireAuthorization(AccessPolicies.CredentialsManage)
            .WithTags("CE audits").WithName("CreateCeAudit")
            .WithSummary("Draws a CE audit of the program's renewing certificants: a reproducible random sample (the seed is recorded) plus targeted members.");

        var audits = app.MapGroup("/api/v1/ce-audits").WithTags("CE audits");
        audits.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.LifecycleReview).WithName("ListCeAudits")
            .WithSummary("Lists CE audits, newest first, with how many selections are open, passed and failed; filter by program.");
        audits.MapGet("/{auditId:guid}", GetAsync).RequireAuthorization(AccessPolicies.LifecycleWrite).WithName("GetCeAudit")
            .WithSummary("An audit and its selections; a Member sees only their own selection.");
        audits.MapPost("/{auditId:guid}/selections/{selectionId:guid}/evidence", SubmitEvidenceAsync).RequireAuthorization(AccessPolicies.LifecycleWrite)
            .WithName("SubmitCeAuditEvidence").WithSummary("The audited member submits evidence (a link or description) for one credit of the audited cycle.");
        audits.MapPost("/{auditId:guid}/selections/{selectionId:guid}/credits/{creditId:guid}/decision", DecideAsync)
            .RequireAuthorization(AccessPolicies.LifecycleReview).WithName("DecideCeAuditCredit")
            .WithSummary("Accepts or rejects one credit's evidence. When every credit is decided the selection passes, or fails if the accepted hours fall short.");
        return app;
    }

    internal static async Task<Results<Created<CeAuditResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        Guid programId, JsonElement body, HttpContext http, AppDbContext db, ICurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        var (request, unreadable) = JsonBody.Read<CeAuditWrite>(body, http);
        if (unreadable is not null) return unreadable;
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId, ct);
        if (program is null) return Problems.NotFoundResult("program", programId);
        if (program.Recertification is not { } rules) return Problems.ConflictResult($"Program {program.Code} has no recertification cycle to audit.");

        var errors = new Dictionary<string, string[]>();
        var percent = request!.Percent ?? rules.AuditSamplePercent;
        if (percent is < 0 or > 100) errors["percent"] = ["The sample percent must be between 0 and 100."];
        var within = request.RenewingWithinDays ?? Math.Max(1, CycleDates.LargestNotice(rules));
        if (within is < 1 or > CeAuditOutcome.MaxRenewingWithinDays)
            errors["renewingWithinDays"] = [$"Renewing-within must be between 1 and {CeAuditOutcome.MaxRenewingWithinDays} days."];
        if (errors.Count > 0) return Problems.ValidationFailed(errors);

        var now = clock.GetUtcNow();
        var targeted = new List<AuditCandidate>();
        var targets = request.TargetedMemberIds ?? [];
        for (var i = 0; i < targets.Length; i++)
        {
            var member = targets[i];
            var held = await Auditable(db, programId).Where(c => c.MemberId == member && c.ExpiresAt != null)
                .Select(c => new AuditCandidate(c.Id, c.MemberId, c.CurrentCycle, c.CycleStartedAt, c.ExpiresAt!.Value)).ToListAsync(ct);
            if (held.Count == 0) errors[$"targetedMemberIds[{i}]"] = [$"Member {member} holds no unaudited Active or Expiring {program.Code} credential."];
            targeted.AddRange(held);
        }
        if (errors.Count > 0) return Problems.ValidationFailed(errors);

        var audit = await DrawAsync(db, programId, percent, within, request.Seed ?? Random.Shared.Next(), targeted, actor.Name, now, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/ce-audits/{audit.Id}", CeAuditResponse.From(audit, audit.Selections));
    }

    internal sealed record AuditCandidate(Guid CredentialId, Guid MemberId, int Cycle, DateTimeOffset CycleStartedAt, DateTimeOffset CycleEndsAt);

    /// <summary>
    /// Draws an audit at <paramref name="now"/>: the renewing certificants whose cycle ends within <paramref name="within"/>
    /// days, in credential-id order, sampled with <paramref name="seed"/>, plus <paramref name="targeted"/>. The audit and
    /// its CeAuditSelected events are added to <paramref name="db"/>; the caller saves.
    /// </summary>
    internal static async Task<CeAudit> DrawAsync(AppDbContext db, Guid programId, decimal percent, int within, int seed,
        IReadOnlyList<AuditCandidate> targeted, string createdBy, DateTimeOffset now, CancellationToken ct)
    {
        var windowEnds = now.AddDays(within);
        var renewing = await Auditable(db, programId)
            .Where(c => c.ExpiresAt > now && c.ExpiresAt <= windowEnds)
            .OrderBy(c => c.Id)
            .Select(c => new AuditCandidate(c.Id, c.MemberId, c.CurrentCycle, c.CycleStartedAt, c.ExpiresAt!.Value))
            .ToListAsync(ct);

        var sampled = AuditSampling.Draw(renewing, percent, seed);
        var audit = new CeAudit
        {
            ProgramId = programId, SamplePercent = percent, Seed = seed, RenewingWithinDays = within, WindowEndsAt = windowEnds,
            PopulationCount = renewing.Count, CreatedAt = now, CreatedBy = createdBy,
        };
        var chosen = sampled.Select(c => (c, CeAuditSelectionReason.Random))
            .Concat(targeted.Where(t => !sampled.Contains(t)).DistinctBy(t => t.CredentialId).Select(c => (c, CeAuditSelectionReason.Targeted)));
        foreach (var (c, reason) in chosen)
        {
            var selection = new CeAuditSelection
            {
                AuditId = audit.Id, CredentialId = c.CredentialId, MemberId = c.MemberId, Cycle = c.Cycle,
                CycleStartedAt = c.CycleStartedAt, CycleEndsAt = c.CycleEndsAt, Reason = reason,
            };
            audit.Selections.Add(selection);
            db.Raise(DomainEventTypes.CeAuditSelected, now, c.MemberId, programId,
                new { auditId = audit.Id, selectionId = selection.Id, credentialId = c.CredentialId, cycle = c.Cycle, reason = reason.ToString() });
        }
        db.CeAudits.Add(audit);
        return audit;
    }

    // Renewing certificants whose current cycle has not been audited yet.
    private static IQueryable<Credential> Auditable(AppDbContext db, Guid programId) =>
        db.Credentials.AsNoTracking().Where(c => c.ProgramId == programId
            && (c.Status == CredentialStatus.Active || c.Status == CredentialStatus.Expiring)
            && !db.CeAuditSelections.Any(s => s.CredentialId == c.Id && s.Cycle == c.CurrentCycle));

    internal static async Task<Results<Ok<Page<CeAuditSummary>>, ValidationProblem>> ListAsync(
        [AsParameters] ListQuery list, Guid? programId, AppDbContext db, CancellationToken ct)
    {
        if (list.Validate(Sortable) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        var query = db.CeAudits.AsNoTracking();
        if (programId is { } program) query = query.Where(a => a.ProgramId == program);
        return TypedResults.Ok(await query.ToPageAsync(list, Sortable, a => new CeAuditSummary(a.Id, a.ProgramId, a.SamplePercent, a.Seed,
            a.PopulationCount, a.CreatedAt, a.CreatedBy,
            a.Selections.Count(s => s.Status == CeAuditSelectionStatus.Open),
            a.Selections.Count(s => s.Status == CeAuditSelectionStatus.Passed),
            a.Selections.Count(s => s.Status == CeAuditSelectionStatus.Failed)), ct));
    }

    internal static async Task<Results<Ok<CeAuditResponse>, ProblemHttpResult>> GetAsync(
        Guid auditId, ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        var audit = await db.CeAudits.AsNoTracking().Include(a => a.Selections).ThenInclude(s => s.Credits).SingleOrDefaultAsync(a => a.Id == auditId, ct);
        if (audit is null) return Problems.NotFoundResult("CE audit", auditId);
        var own = user.OwnMemberOnly();
        var visible = audit.Selections.Where(s => own is null || s.MemberId == own).ToList();
        return own is not null && visible.Count == 0
            ? Problems.NotFoundResult("CE audit", auditId)
            : TypedResults.Ok(CeAuditResponse.From(audit, visible));
    }

    internal static async Task<Results<Ok<CeAuditSelectionResponse>, ValidationProblem, ProblemHttpResult>> SubmitEvidenceAsync(
        Guid auditId, Guid selectionId, JsonElement body, HttpContext http, ClaimsPrincipal user, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (request, unreadable) = JsonBody.Read<CeAuditEvidenceWrite>(body, http);
        if (unreadable is not null) return unreadable;
        var errors = new Dictionary<string, string[]>();
        if (request!.CreditId is null) errors["creditId"] = ["Name the credit the evidence is for."];
        if (string.IsNullOrWhiteSpace(request.Evidence)) errors["evidence"] = ["Evidence is required: a link to, or a description of, a certificate or transcript."];
        else if (request.Evidence.Length > CeCreditRules.MaxEvidenceLength) errors["evidence"] = [$"Evidence must be at most {CeCreditRules.MaxEvidenceLength} characters."];
        if (errors.Count > 0) return Problems.ValidationFailed(errors);

        if (await FindSelectionAsync(db, user, auditId, selectionId, ct) is not { } selection) return Problems.NotFoundResult("audit selection", selectionId);
        if (selection.Status != CeAuditSelectionStatus.Open) return Problems.ConflictResult($"The audit of this cycle is closed: it {selection.Status}.");
        var creditId = request.CreditId!.Value;
        if (!await CycleCredits(db, selection).AnyAsync(c => c.Id == creditId, ct))
            return Problems.ValidationFailed("creditId", "That is not one of the member's credits in the audited cycle.");

        var now = clock.GetUtcNow();
        var entry = selection.Credits.SingleOrDefault(c => c.CreditId == creditId);
        if (entry is { Decision: not CeAuditCreditDecision.Pending })
            return Problems.ConflictResult($"The evidence for this credit was already {entry.Decision.ToString().ToLowerInvariant()}.");
        if (entry is null)
        {
            entry = new CeAuditCredit { SelectionId = selection.Id, CreditId = creditId, Evidence = "" };
            db.CeAuditCredits.Add(entry);
        }
        entry.Evidence = request.Evidence!.Trim();
        entry.SubmittedAt = now;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CeAuditSelectionResponse.From(selection));
    }

    internal static async Task<Results<Ok<CeAuditSelectionResponse>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid auditId, Guid selectionId, Guid creditId, JsonElement body, HttpContext http, ClaimsPrincipal user, AppDbContext db,
        ICurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        var (request, unreadable) = JsonBody.Read<CeCreditReviewWrite>(body, http);
        if (unreadable is not null) return unreadable;
        if (CeCreditRules.ValidateDecision(request!.Decision, request.Reason) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        if (await FindSelectionAsync(db, user, auditId, selectionId, ct) is not { } selection) return Problems.NotFoundResult("audit selection", selectionId);
        if (selection.Status != CeAuditSelectionStatus.Open) return Problems.ConflictResult($"The audit of this cycle is closed: it {selection.Status}.");
        var entry = selection.Credits.SingleOrDefault(c => c.CreditId == creditId);
        if (entry is null) return Problems.ConflictResult("No evidence has been submitted for this credit yet; the member submits it first.");
        if (entry.Decision != CeAuditCreditDecision.Pending) return Problems.ConflictResult($"This credit was already {entry.Decision.ToString().ToLowerInvariant()}.");

        var now = clock.GetUtcNow();
        var accepted = request.Decision == CeReviewDecision.Accept;
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        (entry.Decision, entry.Reason, entry.DecidedBy, entry.DecidedAt) =
            (accepted ? CeAuditCreditDecision.Accepted : CeAuditCreditDecision.Rejected, reason, actor.Name, now);
        // The audit's decision is the credit's review: a rejected credit stops counting toward any cycle.
        var credit = await db.ContinuingEducationCredits.SingleAsync(c => c.Id == creditId, ct);
        credit.Review(accepted, reason ?? $"Accepted in CE audit {auditId}.", actor.Name, now);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await CompleteIfDecidedAsync(db, selection, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(CeAuditSelectionResponse.From(selection));
    }

    /// <summary>Closes the selection, Passed or Failed, once every credit of its cycle is decided.</summary>
    internal static async Task CompleteIfDecidedAsync(AppDbContext db, CeAuditSelection selection, DateTimeOffset now, CancellationToken ct)
    {
        var audit = await db.CeAudits.AsNoTracking().SingleAsync(a => a.Id == selection.AuditId, ct);
        var rules = (await db.Programs.AsNoTracking().SingleAsync(p => p.Id == audit.ProgramId, ct)).Recertification!;
        var cycleCredits = await CycleCredits(db, selection).Select(c => c.Id).ToListAsync(ct);
        var progress = await RenewalAssessment.ProgressAsync(db, selection.MemberId, rules,
            CycleDates.Of(selection.CycleStartedAt, selection.CycleEndsAt, rules), now, ct);
        var (status, explanation) = CeAuditOutcome.Evaluate(cycleCredits, selection.Credits.ToDictionary(c => c.CreditId, c => c.Decision), progress);
        if (status == CeAuditSelectionStatus.Open) return;

        (selection.Status, selection.Explanation, selection.CompletedAt) = (status, explanation, now);
        db.Raise(DomainEventTypes.CeAuditCompleted, now, selection.MemberId, audit.ProgramId,
            new { auditId = audit.Id, selectionId = selection.Id, credentialId = selection.CredentialId, cycle = selection.Cycle, outcome = status.ToString(), explanation });
    }

    /// <summary>The credits an audited cycle answers for: those earned in it, except ones rejected before the audit.</summary>
    internal static IQueryable<ContinuingEducationCredit> CycleCredits(AppDbContext db, CeAuditSelection selection) =>
        db.ContinuingEducationCredits.AsNoTracking().Where(c => c.MemberId == selection.MemberId
            && c.EarnedAt >= selection.CycleStartedAt && c.EarnedAt <= selection.CycleEndsAt
            && (c.ReviewStatus != CreditReviewStatus.Rejected || db.CeAuditCredits.Any(a => a.SelectionId == selection.Id && a.CreditId == c.Id)));

    private static async Task<CeAuditSelection?> FindSelectionAsync(AppDbContext db, ClaimsPrincipal user, Guid auditId, Guid selectionId, CancellationToken ct)
    {
        var query = db.CeAuditSelections.Include(s => s.Credits).Where(s => s.Id == selectionId && s.AuditId == auditId);
        if (user.OwnMemberOnly() is { } own) query = query.Where(s => s.MemberId == own);
        return await query.SingleOrDefaultAsync(ct);
    }
}
