using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Members;

public sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> member)
    {
        member.ToTable("Members");
        member.HasIndex(m => m.AmsMemberId).IsUnique();
        member.HasIndex(m => m.Email);
        // Sync matches learners by their xAPI account; matching by email uses lower("Email"), indexed in the migration.
        member.HasIndex(m => m.LmsActor);
        member.HasIndex(m => new { m.LastName, m.FirstName });
        member.Property(m => m.AmsMemberId).HasMaxLength(64);
        member.Property(m => m.LmsActor).HasMaxLength(512);
        member.Property(m => m.CommunityUserId).HasMaxLength(128);
        member.Property(m => m.Email).HasMaxLength(320);
        member.Property(m => m.FirstName).HasMaxLength(100);
        member.Property(m => m.LastName).HasMaxLength(100);
        member.Property(m => m.MembershipStatus).HasConversion<string>().HasMaxLength(24);
        member.Property(m => m.MembershipLevel).HasMaxLength(100);
        member.Property(m => m.City).HasMaxLength(100);
        member.Property(m => m.Region).HasMaxLength(100);
        member.Property(m => m.Country).HasMaxLength(100);
        member.Property(m => m.Version).IsConcurrencyToken();
        member.Ignore(m => m.FullName);

        // Consent flags live in the member row: the directory filters on them in SQL.
        member.ComplexProperty(m => m.Directory, d =>
        {
            d.Property(c => c.OptedIn).HasColumnName("DirectoryOptedIn");
            d.Property(c => c.ShowName).HasColumnName("DirectoryShowName");
            d.Property(c => c.ShowEmail).HasColumnName("DirectoryShowEmail");
            d.Property(c => c.ShowLocation).HasColumnName("DirectoryShowLocation");
            d.Property(c => c.ShowCredentials).HasColumnName("DirectoryShowCredentials");
        });
    }
}
