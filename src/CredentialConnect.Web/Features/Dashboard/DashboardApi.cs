using System.Linq.Expressions;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.Badges;
using CredentialConnect.Web.Features.Credentials;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Dashboard;

/// <summary>
/// The figures behind the staff console's dashboard charts, for one program (?programId=) or all, over a period of
/// whole UTC months (?from=2026-01&amp;to=2026-12, or the last ?months=). Each is counted where the data is: the
/// database groups and counts, and only the counts come back.
/// </summary>
public static class DashboardApi
{
    private const string PeriodHelp = " Period: ?from= and ?to= as yyyy-MM (both included), or the last ?months= (default 12, up to 60); ?programId= for one program.";

    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    public static WebApplication MapDashboardApi(this WebApplication app)
    {
        var dashboard = app.MapGroup("/api/v1/dashboard").WithTags("Dashboard").RequireAuthorization(AccessPolicies.LifecycleReview);
        dashboard.MapGet("/credentials-issued", IssuedPerMonthAsync).WithName("CredentialsIssuedPerMonth")
            .WithSummary("Credentials issued per calendar month (UTC), oldest first. Months with none are listed with 0." + PeriodHelp);
        dashboard.MapGet("/applications-funnel", ApplicationsFunnelAsync).WithName("ApplicationsFunnel")
            .WithSummary("Of the applications started in the period: how many were submitted and how many approved." + PeriodHelp);
        dashboard.MapGet("/exams", ExamsAsync).WithName("ExamFigures")
            .WithSummary("Exam sittings and passes per month, the pass rate, and of the members who failed a sitting in the period, how many retook the exam and how many then passed." + PeriodHelp);
        dashboard.MapGet("/renewals", RenewalsAsync).WithName("RenewalsPerMonth")
            .WithSummary("Per month, the credential cycles that end in it (due) and how many of those were renewed (done)." + PeriodHelp);
        dashboard.MapGet("/lapse-rate", LapseRateAsync).WithName("LapseRate")
            .WithSummary("Of the cycles that ended in the period (up to now), how many lapsed without renewal, in all and per month." + PeriodHelp);
        dashboard.MapGet("/engagement", EngagementAsync).WithName("BadgeEngagement")
            .WithSummary("Badge downloads, LinkedIn share links and verification views (page and API), in all and per month." + PeriodHelp);
        dashboard.MapGet("/attention", DashboardAttention.ListAsync).WithName("NeedsAttention")
            .WithSummary("What needs staff attention now, each with a count and the console screen that resolves it; only what the caller may act on. ?programId= narrows applications and CE audits.");
        return app;
    }

    internal static async Task<Results<Ok<MonthCount[]>, ValidationProblem>> IssuedPerMonthAsync(
        [AsParameters] DashboardFilter filter, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!TryPeriod(filter, clock, out var period, out var invalid)) return invalid;
        var credentials = OfProgram(db.Credentials.AsNoTracking(), filter, c => c.ProgramId);
        var counts = await credentials.Where(period.Contains<Credential>(c => c.IssuedAt))
            .GroupBy(period.MonthIndex<Credential>(c => c.IssuedAt))
            .Select(g => new Bucket(g.Key, g.Count(), 0, 0))
            .ToListAsync(ct);
        return TypedResults.Ok(period.PerMonth(counts, b => b.Month, (month, b) => new MonthCount(month, b?.A ?? 0)));
    }

    internal static async Task<Results<Ok<ApplicationsFunnelResponse>, ValidationProblem>> ApplicationsFunnelAsync(
        [AsParameters] DashboardFilter filter, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!TryPeriod(filter, clock, out var period, out var invalid)) return invalid;
        var started = OfProgram(db.Applications.AsNoTracking(), filter, a => a.ProgramId).Where(period.Contains<Application>(a => a.CreatedAt));
        var funnel = await started.GroupBy(_ => 1)
            .Select(g => new ApplicationsFunnelResponse(g.Count(), g.Count(a => a.SubmittedAt != null), g.Count(a => a.Status == ApplicationStatus.Approved)))
            .SingleOrDefaultAsync(ct);
        return TypedResults.Ok(funnel ?? new ApplicationsFunnelResponse(0, 0, 0));
    }

    internal static async Task<Results<Ok<ExamFiguresResponse>, ValidationProblem>> ExamsAsync(
        [AsParameters] DashboardFilter filter, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!TryPeriod(filter, clock, out var period, out var invalid)) return invalid;
        var attempts = OfProgram(db.ExamAttempts.AsNoTracking(), filter, a => a.ProgramId);
        var counts = await attempts.Where(period.Contains<Exams.ExamAttempt>(a => a.TakenAt))
            .GroupBy(period.MonthIndex<Exams.ExamAttempt>(a => a.TakenAt))
            .Select(g => new Bucket(g.Key, g.Count(), g.Count(a => a.Passed), 0))
            .ToListAsync(ct);
        var months = period.PerMonth(counts, b => b.Month, (month, b) => new ExamMonth(month, b?.A ?? 0, b?.B ?? 0));

        // Members who failed a sitting in the period, counted once per program; then those who sat that exam again
        // after a failure in the period, and those who passed a later sitting. Later than any failure in the period is
        // later than the first, so no query compares against an aggregate (which SQLite refuses in a subquery).
        var failures = attempts.Where(period.Contains<Exams.ExamAttempt>(a => a.TakenAt)).Where(a => !a.Passed);
        var later = db.ExamAttempts.Where(a => failures.Any(f => f.MemberId == a.MemberId && f.ProgramId == a.ProgramId && f.TakenAt < a.TakenAt));
        var failed = await failures.Select(a => new { a.MemberId, a.ProgramId }).Distinct().CountAsync(ct);
        var retook = await later.Select(a => new { a.MemberId, a.ProgramId }).Distinct().CountAsync(ct);
        var passedAfter = await later.Where(a => a.Passed).Select(a => new { a.MemberId, a.ProgramId }).Distinct().CountAsync(ct);

        var (total, passed) = (months.Sum(m => m.Attempts), months.Sum(m => m.Passed));
        return TypedResults.Ok(new ExamFiguresResponse(total, passed, DashboardPeriod.Rate(passed, total), months,
            new RetakeConversion(failed, retook, passedAfter, DashboardPeriod.Rate(retook, failed), DashboardPeriod.Rate(passedAfter, retook))));
    }

    internal static async Task<Results<Ok<RenewalMonth[]>, ValidationProblem>> RenewalsAsync(
        [AsParameters] DashboardFilter filter, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!TryPeriod(filter, clock, out var period, out var invalid)) return invalid;
        var cycles = await CycleEndsAsync(db, filter, period, until: null, ct);
        return TypedResults.Ok(cycles.Select(c => new RenewalMonth(c.Month, c.Unrenewed + c.Renewed, c.Renewed)).ToArray());
    }

    internal static async Task<Results<Ok<LapseRateResponse>, ValidationProblem>> LapseRateAsync(
        [AsParameters] DashboardFilter filter, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!TryPeriod(filter, clock, out var period, out var invalid)) return invalid;
        // Only cycles that have ended can have lapsed; a cycle ending later this month is not due yet.
        var cycles = await CycleEndsAsync(db, filter, period, until: clock.GetUtcNow(), ct);
        var months = cycles.Select(c => new LapseMonth(c.Month, c.Unrenewed + c.Renewed, c.Lapsed)).ToArray();
        var (due, lapsed) = (months.Sum(m => m.Due), months.Sum(m => m.Lapsed));
        return TypedResults.Ok(new LapseRateResponse(due, lapsed, DashboardPeriod.Rate(lapsed, due), months));
    }

    internal static async Task<Results<Ok<EngagementResponse>, ValidationProblem>> EngagementAsync(
        [AsParameters] DashboardFilter filter, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!TryPeriod(filter, clock, out var period, out var invalid)) return invalid;
        var engagements = db.BadgeEngagements.AsNoTracking();
        if (filter.ProgramId is { } programId)
            engagements = engagements.Where(e => db.Credentials.Any(c => c.Id == e.CredentialId && c.ProgramId == programId));
        var counts = await engagements.Where(period.Contains<BadgeEngagement>(e => e.At))
            .GroupBy(period.MonthIndex<BadgeEngagement>(e => e.At))
            .Select(g => new Bucket(g.Key,
                g.Count(e => e.Kind == EngagementKind.Download), g.Count(e => e.Kind == EngagementKind.LinkedInShare), g.Count(e => e.Kind == EngagementKind.VerificationView)))
            .ToListAsync(ct);
        var months = period.PerMonth(counts, b => b.Month, (month, b) => new EngagementMonth(month, b?.A ?? 0, b?.B ?? 0, b?.C ?? 0));
        return TypedResults.Ok(new EngagementResponse(months.Sum(m => m.Downloads), months.Sum(m => m.LinkedInShares), months.Sum(m => m.VerificationViews), months));
    }

    /// <summary>Up to three counts for one month of the period, as the database returns them.</summary>
    private sealed record Bucket(int Month, int A, int B, int C);

    private sealed record CycleEnds(string Month, int Unrenewed, int Renewed, int Lapsed);

    /// <summary>
    /// The credential cycles that end in each month. A cycle not yet renewed ends at the credential's expiry (it lapsed
    /// if the credential is Lapsed now); a renewed one ended where the next cycle started, since renewal starts the
    /// next cycle at the old expiry, whenever it is done. Revoked credentials are not due.
    /// </summary>
    private static async Task<CycleEnds[]> CycleEndsAsync(AppDbContext db, DashboardFilter filter, DashboardPeriod period, DateTimeOffset? until, CancellationToken ct)
    {
        var credentials = OfProgram(db.Credentials.AsNoTracking(), filter, c => c.ProgramId);
        var current = await credentials.Where(c => c.ExpiresAt != null && c.Status != CredentialStatus.Revoked)
            .Where(period.Contains<Credential>(c => c.ExpiresAt!.Value, until))
            .GroupBy(period.MonthIndex<Credential>(c => c.ExpiresAt!.Value))
            .Select(g => new Bucket(g.Key, g.Count(), g.Count(c => c.Status == CredentialStatus.Lapsed), 0))
            .ToListAsync(ct);
        var renewed = await credentials.Where(c => c.CurrentCycle > 1)
            .Where(period.Contains<Credential>(c => c.CycleStartedAt, until))
            .GroupBy(period.MonthIndex<Credential>(c => c.CycleStartedAt))
            .Select(g => new Bucket(g.Key, g.Count(), 0, 0))
            .ToListAsync(ct);
        var renewedByMonth = renewed.ToDictionary(r => r.Month, r => r.A);
        return period.PerMonth(current, b => b.Month, (month, b) => (month, b))
            .Select((m, i) => new CycleEnds(m.month, m.b?.A ?? 0, renewedByMonth.GetValueOrDefault(i), m.b?.B ?? 0))
            .ToArray();
    }

    private static IQueryable<T> OfProgram<T>(IQueryable<T> query, DashboardFilter filter, Expression<Func<T, Guid>> program)
    {
        if (filter.ProgramId is not { } programId) return query;
        var body = Expression.Equal(program.Body, Expression.Constant(programId));
        return query.Where(Expression.Lambda<Func<T, bool>>(body, program.Parameters));
    }

    private static bool TryPeriod(DashboardFilter filter, TimeProvider clock, out DashboardPeriod period, out ValidationProblem invalid)
    {
        var (read, errors) = DashboardPeriod.Read(filter, clock.GetUtcNow());
        (period, invalid) = (read!, Problems.ValidationFailed(errors));
        return read is not null;
    }
}
