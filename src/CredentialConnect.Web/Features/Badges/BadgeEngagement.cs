using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Credentials;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Badges;

/// <summary>What someone did with a credential's badge.</summary>
public enum EngagementKind
{
    /// <summary>A badge file or the certificate was downloaded (JSON, JWT, PNG, SVG, PDF).</summary>
    Download,

    /// <summary>The share links were asked for: the LinkedIn add-to-profile link is what a member takes from them.</summary>
    LinkedInShare,

    /// <summary>Someone checked the credential by its number, on the verification page or through the verification API.</summary>
    VerificationView,
}

/// <summary>
/// One download, share or verification of a credential, so the dashboard can show whether badges are used.
/// Append-only and small: the credential, what happened, through what, and when.
/// </summary>
public sealed class BadgeEngagement
{
    public long Id { get; init; }
    public Guid CredentialId { get; init; }
    public EngagementKind Kind { get; init; }

    /// <summary>Through what: the file format (<c>png</c>, <c>pdf</c>…), <c>linkedin</c>, or <c>page</c>/<c>api</c> for a verification.</summary>
    public required string Channel { get; init; }

    public DateTimeOffset At { get; init; }
}

public sealed class BadgeEngagementConfiguration : IEntityTypeConfiguration<BadgeEngagement>
{
    public void Configure(EntityTypeBuilder<BadgeEngagement> engagement)
    {
        engagement.ToTable("BadgeEngagements");
        // The dashboard counts by period, then by kind; a credential's own history is read by credential.
        engagement.HasIndex(e => new { e.At, e.Kind });
        engagement.HasIndex(e => e.CredentialId);
        engagement.Property(e => e.Kind).HasConversion<string>().HasMaxLength(24);
        engagement.Property(e => e.Channel).HasMaxLength(16);
        engagement.HasOne<Credential>().WithMany().HasForeignKey(e => e.CredentialId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Where a badge endpoint counts its successful answers: the kind and channel it records.</summary>
public sealed record CountsEngagement(EngagementKind Kind, string Channel);

/// <summary>
/// Writes engagement records. Counting is a side line: it uses its own context, so nothing the request has pending is
/// saved with it, and a failure is logged and swallowed, never failing the download or verification it counts.
/// A request is counted at most once, whatever the path it took.
/// </summary>
public sealed class BadgeEngagements(IServiceScopeFactory scopes, TimeProvider clock, ILogger<BadgeEngagements> logger)
{
    private static readonly object Counted = new();

    public async Task CountAsync(HttpContext http, Guid credentialId, EngagementKind kind, string channel)
    {
        if (!http.Items.TryAdd(Counted, true)) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Add(new BadgeEngagement { CredentialId = credentialId, Kind = kind, Channel = channel, At = clock.GetUtcNow() });
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not count a {Kind} ({Channel}) of credential {CredentialId}.", kind, channel, credentialId);
        }
    }

    /// <summary>
    /// Counts a badge endpoint's answer when it succeeded (200) and the endpoint declares <see cref="CountsEngagement"/>;
    /// the credential is the route's <c>id</c>.
    /// </summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (http.GetEndpoint()?.Metadata.GetMetadata<CountsEngagement>() is { } counts
            && StatusOf(result) == StatusCodes.Status200OK
            && Guid.TryParse(http.GetRouteValue("id") as string, out var credentialId))
            await http.RequestServices.GetRequiredService<BadgeEngagements>().CountAsync(http, credentialId, counts.Kind, counts.Channel);
        return result;
    }

    private static int? StatusOf(object? result) => result switch
    {
        Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult => StatusCodes.Status200OK,
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult status => status.StatusCode ?? StatusCodes.Status200OK,
        _ => null,
    };
}

public static class BadgeEngagementEndpoints
{
    /// <summary>Counts this endpoint's successful answers as <paramref name="kind"/> through <paramref name="channel"/>.</summary>
    public static RouteHandlerBuilder CountsAs(this RouteHandlerBuilder endpoint, EngagementKind kind, string channel) =>
        endpoint.WithMetadata(new CountsEngagement(kind, channel));
}
