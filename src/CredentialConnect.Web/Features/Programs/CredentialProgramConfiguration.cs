using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Programs;

public sealed class CredentialProgramConfiguration : IEntityTypeConfiguration<CredentialProgram>
{
    public void Configure(EntityTypeBuilder<CredentialProgram> program)
    {
        program.ToTable("Programs");
        program.HasIndex(p => p.Code).IsUnique();
        program.Property(p => p.Code).HasMaxLength(32);
        program.Property(p => p.Name).HasMaxLength(200);
        program.Property(p => p.Kind).HasConversion<string>().HasMaxLength(24);
        program.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        program.Property(p => p.ValidityPeriod).HasMaxLength(32);
        program.Property(p => p.BadgeImageUrl).HasMaxLength(2048);
        program.Property(p => p.Version).IsConcurrencyToken();

        // The cycle rules are read and written whole with their program, so one JSON column keeps them together.
        program.OwnsOne(p => p.Recertification, cycle =>
        {
            cycle.ToJson();
            cycle.OwnsMany(c => c.Categories);
            cycle.Property(c => c.Reinstatement).HasConversion<string>();
        });

        program.OwnsOne(p => p.Exam, exam => exam.ToJson());

        program.OwnsOne(p => p.Learning, learning =>
        {
            learning.ToJson();
            learning.OwnsMany(l => l.Exams);
            learning.OwnsMany(l => l.Courses);
        });

        program.HasMany(p => p.Prerequisites).WithOne().HasForeignKey(p => p.ProgramId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ProgramPrerequisiteConfiguration : IEntityTypeConfiguration<ProgramPrerequisite>
{
    public void Configure(EntityTypeBuilder<ProgramPrerequisite> prerequisite)
    {
        prerequisite.ToTable("ProgramPrerequisites");
        prerequisite.HasKey(p => new { p.ProgramId, p.PrerequisiteProgramId });
        prerequisite.HasOne<CredentialProgram>().WithMany().HasForeignKey(p => p.PrerequisiteProgramId).OnDelete(DeleteBehavior.Restrict);
    }
}
