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
        application.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        application.Property(a => a.ReviewerId).HasMaxLength(256);
        application.Property(a => a.DecisionReason).HasMaxLength(2000);
        application.Property(a => a.Version).IsConcurrencyToken();
        application.HasOne<Member>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
        application.HasOne<CredentialProgram>().WithMany().HasForeignKey(a => a.ProgramId).OnDelete(DeleteBehavior.Restrict);
    }
}
