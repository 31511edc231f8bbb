using Quartz;

namespace CredentialConnect.Web.Features.Badges;

public static class BadgesModule
{
    /// <summary>Open Badges 3.0 issuing: the issuer and its keys, signing each credential cycle, status lists, and the downloads.</summary>
    public static IHostApplicationBuilder AddBadges(this IHostApplicationBuilder builder)
    {
        // Outside Production a hub on a developer's machine needs no setting; Production must say where it is reached.
        var production = builder.Environment.IsProduction();
        builder.Services.AddOptions<BadgeOptions>().BindConfiguration(BadgeOptions.Section)
            .PostConfigure(o => o.PublicBaseUrl ??= production ? null : BadgeOptions.LocalBaseUrl)
            .ValidateDataAnnotations().ValidateOnStart();

        // The issuer and its keys: one per process, the decrypted keys cached in it.
        builder.Services.AddSingleton<BadgeIssuer>();
        builder.Services.AddSingleton<IssuerKeyRing>();

        // Signing badges and status lists, per request or job.
        builder.Services.AddScoped<BadgeIssuance>();
        builder.Services.AddScoped<StatusLists>();

        // Counting downloads, shares and verifications for the dashboard.
        builder.Services.AddSingleton<BadgeEngagements>();

        return builder;
    }

    public static WebApplication MapBadges(this WebApplication app)
    {
        app.MapIssuerApi();
        app.MapBadgeDownloadsApi();
        app.MapOpenBadges2Api();
        return app;
    }
}

/// <summary>
/// Issues every missing badge, every minute (see the schedule): a new award or renewal gets its badge within a
/// minute, and a signing that failed is retried. Never runs twice at once, even across nodes.
/// </summary>
public sealed class IssueMissingBadgesJob(BadgeIssuance issuance) : IJob
{
    public const int BatchSize = 100;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await issuance.IssueMissingAsync(BatchSize, cancellationToken);
}
