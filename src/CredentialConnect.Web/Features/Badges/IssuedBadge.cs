using CredentialConnect.Web.Features.Credentials;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Badges;

/// <summary>
/// The signed Open Badges 3.0 credential of one cycle of a credential. Renewal issues the next cycle under the same
/// number; every cycle's badge is kept, and the latest (highest cycle) is the one a member downloads.
/// </summary>
public sealed class IssuedBadge
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CredentialId { get; init; }
    public required string Number { get; init; }
    public int Cycle { get; init; }
    public DateTimeOffset IssuedAt { get; init; }
    public DateTimeOffset ValidFrom { get; init; }
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>The credential with its <c>eddsa-rdfc-2022</c> Data Integrity proof, as served (<c>application/vc+ld+json</c>).</summary>
    public required string SignedJson { get; init; }

    /// <summary>The same credential as a compact VC-JWT (ES256).</summary>
    public required string Jwt { get; init; }

    /// <summary>The keys that signed it, by key id.</summary>
    public required string DataIntegrityKeyId { get; init; }
    public required string JwtKeyId { get; init; }
}

public sealed class IssuedBadgeConfiguration : IEntityTypeConfiguration<IssuedBadge>
{
    public void Configure(EntityTypeBuilder<IssuedBadge> badge)
    {
        badge.ToTable("IssuedBadges");
        badge.HasIndex(b => new { b.CredentialId, b.Cycle }).IsUnique();
        badge.HasIndex(b => new { b.Number, b.Cycle });
        badge.Property(b => b.Number).HasMaxLength(32);
        badge.Property(b => b.DataIntegrityKeyId).HasMaxLength(64);
        badge.Property(b => b.JwtKeyId).HasMaxLength(64);
        badge.HasOne<Credential>().WithMany().HasForeignKey(b => b.CredentialId).OnDelete(DeleteBehavior.Cascade);
    }
}
