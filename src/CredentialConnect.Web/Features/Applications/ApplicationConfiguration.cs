using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Applications;

public sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> application)
    {
        application.ToTable("Applications");
        application.HasIndex(a => new { a.ProgramId, a.Status });
        application.HasIndex(a => a.MemberId);
        application.HasIndex(a => new { a.Status, a.ReviewerId });
        // The database itself keeps a member to one open application per program, even when two requests race.
        application.HasIndex(a => new { a.MemberId, a.ProgramId }).IsUnique()
            .HasFilter("\"Status\" IN ('Draft', 'Submitted', 'InReview')")
            .HasDatabaseName("IX_Applications_OneOpenPerMemberAndProgram");
        application.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        application.Property(a => a.ReviewerId).HasMaxLength(256);
        application.Property(a => a.DecisionReason).HasMaxLength(2000);
        application.Property(a => a.DecidedBy).HasMaxLength(256);
        application.Property(a => a.Version).IsConcurrencyToken();
        application.Ignore(a => a.IsOpen);
        application.HasOne<Member>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
        application.HasOne<CredentialProgram>().WithMany().HasForeignKey(a => a.ProgramId).OnDelete(DeleteBehavior.Restrict);
        application.HasMany(a => a.History).WithOne().HasForeignKey(h => h.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        application.HasMany<ApplicationEvidence>().WithOne().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ApplicationStatusChangeConfiguration : IEntityTypeConfiguration<ApplicationStatusChange>
{
    public void Configure(EntityTypeBuilder<ApplicationStatusChange> change)
    {
        change.ToTable("ApplicationStatusChanges");
        change.Property(c => c.From).HasConversion<string>().HasMaxLength(16);
        change.Property(c => c.To).HasConversion<string>().HasMaxLength(16);
        change.Property(c => c.Reason).HasMaxLength(2000);
        change.Property(c => c.ChangedBy).HasMaxLength(256);
    }
}

public sealed class ApplicationEvidenceConfiguration : IEntityTypeConfiguration<ApplicationEvidence>
{
    public void Configure(EntityTypeBuilder<ApplicationEvidence> evidence)
    {
        evidence.ToTable("ApplicationEvidence");
        evidence.HasIndex(e => e.ApplicationId);
        evidence.Property(e => e.FileName).HasMaxLength(255);
        evidence.Property(e => e.ContentType).HasMaxLength(64);
        evidence.Property(e => e.Sha256).HasMaxLength(64);
        evidence.Property(e => e.UploadedBy).HasMaxLength(256);
        evidence.HasOne<ApplicationEvidenceFile>().WithOne().HasForeignKey<ApplicationEvidenceFile>(f => f.EvidenceId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ApplicationEvidenceFileConfiguration : IEntityTypeConfiguration<ApplicationEvidenceFile>
{
    public void Configure(EntityTypeBuilder<ApplicationEvidenceFile> file)
    {
        file.ToTable("ApplicationEvidenceFiles");
        file.HasKey(f => f.EvidenceId);
    }
}
