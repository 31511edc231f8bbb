using CredentialConnect.Web.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.ContinuingEducation;

public sealed class ContinuingEducationCreditConfiguration : IEntityTypeConfiguration<ContinuingEducationCredit>
{
    public void Configure(EntityTypeBuilder<ContinuingEducationCredit> credit)
    {
        credit.ToTable("ContinuingEducationCredits");
        credit.HasIndex(c => new { c.MemberId, c.EarnedAt });
        credit.Property(c => c.Activity).HasMaxLength(300);
        credit.Property(c => c.Category).HasMaxLength(100);
        credit.Property(c => c.Hours).HasPrecision(7, 2);
        credit.Property(c => c.Source).HasConversion<string>().HasMaxLength(16);
        credit.Property(c => c.ReviewStatus).HasConversion<string>().HasMaxLength(16);
        credit.Property(c => c.Evidence).HasMaxLength(2048);
        credit.Property(c => c.SourceRecordId).HasMaxLength(128);
        credit.Property(c => c.ReviewReason).HasMaxLength(1000);
        credit.Property(c => c.ReviewedBy).HasMaxLength(256);
        credit.HasIndex(c => c.ReviewStatus);
        // A source record id is the member's or the source system's, not the hub's: two members may carry the same one.
        credit.HasIndex(c => new { c.MemberId, c.Source, c.SourceRecordId }).IsUnique().HasFilter("\"SourceRecordId\" IS NOT NULL");
        credit.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
