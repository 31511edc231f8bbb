using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Exams;

/// <summary>A member booked to sit a program's exam; it raises ExamRegistered, which stops the failed-exam nurture.</summary>
public sealed class ExamRegistration
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MemberId { get; init; }
    public Guid ProgramId { get; init; }
    public DateTimeOffset ScheduledFor { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
    public required string RegisteredBy { get; init; }
}

/// <summary>Details of ExamRegistered.</summary>
public sealed record ExamRegisteredData(Guid RegistrationId, string ProgramCode, DateTimeOffset ScheduledFor);

public sealed class ExamRegistrationConfiguration : IEntityTypeConfiguration<ExamRegistration>
{
    public void Configure(EntityTypeBuilder<ExamRegistration> registration)
    {
        registration.ToTable("ExamRegistrations");
        registration.HasIndex(r => new { r.MemberId, r.ProgramId });
        registration.Property(r => r.RegisteredBy).HasMaxLength(320);
    }
}
