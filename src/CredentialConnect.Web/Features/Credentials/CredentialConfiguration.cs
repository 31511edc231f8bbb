using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Credentials;

public sealed class CredentialConfiguration : IEntityTypeConfiguration<Credential>
{
    public void Configure(EntityTypeBuilder<Credential> credential)
    {
        credential.ToTable("Credentials");
        credential.HasIndex(c => c.Number).IsUnique();
        credential.HasIndex(c => new { c.MemberId, c.ProgramId });
        credential.HasIndex(c => new { c.Status, c.ExpiresAt });
        credential.Property(c => c.Number).HasMaxLength(32);
        credential.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        credential.Property(c => c.StatusReason).HasMaxLength(1000);
        credential.Property(c => c.ReviewReason).HasMaxLength(Credential.ReviewReasonMaxLength);
        credential.Property(c => c.ReviewClearedReason).HasMaxLength(1000);
        credential.HasIndex(c => c.FlaggedAt).HasFilter("\"FlaggedAt\" IS NOT NULL");
        credential.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        credential.HasOne<CredentialProgram>().WithMany().HasForeignKey(c => c.ProgramId).OnDelete(DeleteBehavior.Restrict);
        credential.HasMany(c => c.StatusHistory).WithOne().HasForeignKey(h => h.CredentialId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CredentialStatusChangeConfiguration : IEntityTypeConfiguration<CredentialStatusChange>
{
    public void Configure(EntityTypeBuilder<CredentialStatusChange> change)
    {
        change.ToTable("CredentialStatusChanges");
        change.Property(c => c.From).HasConversion<string>().HasMaxLength(16);
        change.Property(c => c.To).HasConversion<string>().HasMaxLength(16);
        change.Property(c => c.Reason).HasMaxLength(1000);
        change.Property(c => c.ChangedBy).HasMaxLength(256);
    }
}
