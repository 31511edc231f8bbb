using CredentialConnect.Connectors;
using CredentialConnect.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Connectors;

/// <summary>
/// A partner asked the hub to wait (a 429 with Retry-After or Discourse's <c>wait_seconds</c>): until
/// <see cref="PausedUntil"/> no node calls it, neither to deliver nor to sync. Kept in the database, so every
/// worker and node honours the wait one of them was given.
/// </summary>
public sealed class PartnerPause
{
    public required string Connector { get; init; }
    public DateTimeOffset PausedUntil { get; set; }

    /// <summary>What the partner answered, for staff.</summary>
    public required string Reason { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class PartnerPauseConfiguration : IEntityTypeConfiguration<PartnerPause>
{
    public const int MaxReasonLength = 2000;

    public void Configure(EntityTypeBuilder<PartnerPause> pause)
    {
        pause.ToTable("PartnerPauses");
        pause.HasKey(p => p.Connector);
        pause.Property(p => p.Connector).HasMaxLength(64);
        pause.Property(p => p.Reason).HasMaxLength(MaxReasonLength);
    }
}

/// <summary>Reads and takes partner pauses; shared by the outbox dispatcher and the sync engine.</summary>
public sealed class PartnerPauses(IDatabaseDialect dialect, TimeProvider clock, ILogger<PartnerPauses> logger)
{
    /// <summary>How long a 429 that names no wait pauses the partner.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(1);

    /// <summary>True when the outcome is the partner's rate limit, which pauses every call to it.</summary>
    public static bool IsRateLimit(Outcome outcome) => outcome is Outcome.Retryable { RateLimited: true };

    /// <summary>The connector's pause if it still holds now; null when calls may go ahead.</summary>
    public Task<PartnerPause?> ActiveAsync(AppDbContext db, string connector, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.PartnerPauses.AsNoTracking().SingleOrDefaultAsync(p => p.Connector == connector && p.PausedUntil > now, cancellationToken);
    }

    /// <summary>The connectors paused now.</summary>
    public async Task<IReadOnlyList<string>> PausedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.PartnerPauses.AsNoTracking().Where(p => p.PausedUntil > now).Select(p => p.Connector).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Pauses the connector for the wait <paramref name="failure"/> asks for (<see cref="DefaultWait"/> when it names
    /// none). A pause is only ever extended: a shorter wait another call was given meanwhile leaves the longer one.
    /// </summary>
    public async Task PauseAsync(AppDbContext db, string connector, Outcome.Retryable failure, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + (failure.RetryAfter is { } wait && wait > TimeSpan.Zero ? wait : DefaultWait);
        var reason = failure.Describe();
        if (reason.Length > PartnerPauseConfiguration.MaxReasonLength) reason = reason[..PartnerPauseConfiguration.MaxReasonLength];
        await dialect.ExtendPartnerPauseAsync(db, connector, until, reason, now, cancellationToken);
        logger.LogWarning("Calls to {Connector} paused until {Until}: {Reason}", connector, until, reason);
    }
}
