using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// A member's event that some flow waits for, kept until <see cref="ExpiresAt"/>: when it arrives before the wait
/// exists, the wait gets it as soon as it appears. The id is the domain event's, so a second delivery of the same
/// event is recognised; <see cref="DeliveredAt"/> is set once a wait has had it.
/// </summary>
public sealed class PendingStimulus
{
    public Guid Id { get; init; }
    public required string Stimulus { get; init; }
    public required string Payload { get; init; }
    public DateTimeOffset ArrivedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

public sealed class PendingStimulusConfiguration : IEntityTypeConfiguration<PendingStimulus>
{
    public void Configure(EntityTypeBuilder<PendingStimulus> stimulus)
    {
        stimulus.ToTable("WorkflowPendingStimuli");
        stimulus.Property(s => s.Id).ValueGeneratedNever();
        stimulus.HasIndex(s => new { s.Stimulus, s.DeliveredAt });
        stimulus.HasIndex(s => s.ExpiresAt);
        stimulus.Property(s => s.Stimulus).HasMaxLength(200);
    }
}
