using System.Globalization;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Dashboard;

/// <summary>One month of a chart: "2026-05" and how many.</summary>
public sealed record MonthCount(string Month, int Count);

public sealed record IssuedPerMonthFilter(Guid? ProgramId, int? Months);

/// <summary>The figures behind the staff console's dashboard charts, counted where the data is.</summary>
public static class DashboardApi
{
    public const int DefaultMonths = 12;
    public const int MaxMonths = 60;

    public static WebApplication MapDashboardApi(this WebApplication app)
    {
        var dashboard = app.MapGroup("/api/v1/dashboard").WithTags("Dashboard").RequireAuthorization(AccessPolicies.LifecycleReview);
        dashboard.MapGet("/credentials-issued", IssuedPerMonthAsync).WithName("CredentialsIssuedPerMonth")
            .WithSummary("Credentials issued per calendar month (UTC), oldest first, for the last ?months= (default 12, up to 60), optionally of one ?programId=. Months with none are listed with 0.");
        return app;
    }

    internal static async Task<Results<Ok<MonthCount[]>, ValidationProblem>> IssuedPerMonthAsync(
        [AsParameters] IssuedPerMonthFilter filter, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var months = filter.Months ?? DefaultMonths;
        if (months is < 1 or > MaxMonths) return Problems.ValidationFailed("months", $"Months must be between 1 and {MaxMonths}.");

        var now = clock.GetUtcNow();
        var first = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1 - months);
        var query = db.Credentials.AsNoTracking().Where(c => c.IssuedAt >= first);
        if (filter.ProgramId is { } programId) query = query.Where(c => c.ProgramId == programId);
        // Only the instants leave the database; months are UTC calendar months whatever the provider stores.
        var issued = await query.Select(c => c.IssuedAt).ToListAsync(ct);
        var counts = issued.GroupBy(MonthOf).ToDictionary(g => g.Key, g => g.Count());

        return TypedResults.Ok(Enumerable.Range(0, months)
            .Select(i => MonthOf(first.AddMonths(i)))
            .Select(month => new MonthCount(month, counts.GetValueOrDefault(month)))
            .ToArray());
    }

    private static string MonthOf(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
