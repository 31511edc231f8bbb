using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Badges;

/// <summary>
/// The last signed <c>BitstringStatusListCredential</c> of one list, kept so it is signed again only when a bit it
/// carries changed (or it nears its end of validity), not on every request.
/// </summary>
public sealed class PublishedStatusList
{
    public StatusPurpose Purpose { get; init; }
    public int ListNumber { get; init; }

    /// <summary>A digest of the set bits the signed list was built from.</summary>
    public required string BitsDigest { get; set; }

    public required string SignedJson { get; set; }
    public DateTimeOffset SignedAt { get; set; }
    public DateTimeOffset ValidUntil { get; set; }
}

public sealed class PublishedStatusListConfiguration : IEntityTypeConfiguration<PublishedStatusList>
{
    public void Configure(EntityTypeBuilder<PublishedStatusList> list)
    {
        list.ToTable("PublishedStatusLists");
        list.HasKey(l => new { l.Purpose, l.ListNumber });
        list.Property(l => l.Purpose).HasConversion<string>().HasMaxLength(16);
        list.Property(l => l.BitsDigest).HasMaxLength(128);
    }
}
