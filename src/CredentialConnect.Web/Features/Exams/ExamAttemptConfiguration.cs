using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Exams;

public sealed class ExamAttemptConfiguration : IEntityTypeConfiguration<ExamAttempt>
{
    public void Configure(EntityTypeBuilder<ExamAttempt> attempt)
    {
        attempt.ToTable("ExamAttempts");
        attempt.HasIndex(a => new { a.MemberId, a.ProgramId, a.AttemptNumber }).IsUnique();
        attempt.Property(a => a.Score).HasPrecision(9, 2);
        attempt.Property(a => a.MaxScore).HasPrecision(9, 2);
        attempt.Property(a => a.Source).HasConversion<string>().HasMaxLength(16);
        attempt.Property(a => a.SourceRecordId).HasMaxLength(128);
        attempt.Property(a => a.Explanation).HasMaxLength(1000);
        attempt.HasIndex(a => new { a.Source, a.SourceRecordId }).IsUnique().HasFilter("\"SourceRecordId\" IS NOT NULL");
        attempt.HasOne<Member>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
        attempt.HasOne<CredentialProgram>().WithMany().HasForeignKey(a => a.ProgramId).OnDelete(DeleteBehavior.Restrict);
    }
}
