using CredentialConnect.Web.Features.Credentials;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Recertification;

/// <summary>
/// A CredentialExpiring notice already raised for a credential's cycle at an offset (90, 60, 30, 7 days before
/// the end). The key is what makes each notice go out exactly once, however often the sweep runs.
/// </summary>
public sealed class CredentialNotice
{
    public Guid CredentialId { get; init; }
    public int Cycle { get; init; }
    public int DaysBefore { get; init; }
    public DateTimeOffset SentAt { get; init; }
}

public sealed class CredentialNoticeConfiguration : IEntityTypeConfiguration<CredentialNotice>
{
    public void Configure(EntityTypeBuilder<CredentialNotice> notice)
    {
        notice.ToTable("CredentialNotices");
        notice.HasKey(n => new { n.CredentialId, n.Cycle, n.DaysBefore });
        notice.HasOne<Credential>().WithMany().HasForeignKey(n => n.CredentialId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>What CredentialExpiring, CredentialLapsed and CredentialRenewed carry.</summary>
public sealed record CredentialCycleEventData(Guid CredentialId, string Number, int Cycle, DateTimeOffset? ExpiresAt, int? DaysBefore = null);
