using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CredentialConnect.Web.Features.PublicDirectory;

public static class DirectoryApi
{
    public static IHostApplicationBuilder AddDirectory(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DirectorySearch>();
        builder.Services.AddSingleton<DirectoryCursors>();
        return builder;
    }

    public static WebApplication MapDirectoryApi(this WebApplication app)
    {
        // Public by design: anyone may search, and only what members consented to show ever leaves.
        app.MapGroup("/api/v1/directory").WithTags("Directory").AllowAnonymous().RequireRateLimiting(PublicRateLimits.Policy)
            .MapGet("/", SearchAsync).WithName("SearchDirectory")
            .WithSummary("Searches the public directory: opted-in members and only the fields each consented to show. " +
                "Page numbers reach the first 10,000 matches; past them, follow nextCursor with after=. Totals past 10,000 read as 10,000 with totalIsEstimate. Anonymous, rate-limited.");
        DirectoryPage.Map(app);
        return app;
    }

    internal static async Task<Results<Ok<Page<DirectoryEntry>>, ValidationProblem>> SearchAsync(
        [AsParameters] ListQuery list, [AsParameters] DirectoryFilter filter, DirectorySearch directory, CancellationToken ct)
    {
        var (criteria, start, errors) = directory.Read(filter, list);
        if (criteria is null || start is null) return Problems.ValidationFailed(errors);
        return TypedResults.Ok(await directory.SearchAsync(criteria, start, list.Size, ct));
    }
}
