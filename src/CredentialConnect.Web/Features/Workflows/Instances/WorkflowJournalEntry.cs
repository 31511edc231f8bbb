using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>One line of an instance's execution journal: what ran, when, and through which port it left.</summary>
public sealed class WorkflowJournalEntry
{
    public long Id { get; init; }
    public Guid InstanceId { get; init; }
    public DateTimeOffset At { get; init; }
    public required string ActivityId { get; init; }
    public required string ActivityType { get; init; }
    public required string Event { get; init; }
    public string? Port { get; init; }
    public string? Message { get; init; }

    public static WorkflowJournalEntry From(Guid instanceId, JournalEntry entry) => new()
    {
        InstanceId = instanceId, At = entry.At, ActivityId = entry.ActivityId, ActivityType = entry.ActivityType,
        Event = entry.Event, Port = entry.Port, Message = entry.Message,
    };
}

public sealed class WorkflowJournalEntryConfiguration : IEntityTypeConfiguration<WorkflowJournalEntry>
{
    public void Configure(EntityTypeBuilder<WorkflowJournalEntry> entry)
    {
        entry.ToTable("WorkflowJournal");
        entry.HasIndex(e => new { e.InstanceId, e.Id });
        entry.Property(e => e.ActivityId).HasMaxLength(100);
        entry.Property(e => e.ActivityType).HasMaxLength(100);
        entry.Property(e => e.Event).HasMaxLength(32);
        entry.Property(e => e.Port).HasMaxLength(64);
        entry.Property(e => e.Message).HasMaxLength(4000);
        entry.HasOne<WorkflowInstance>().WithMany().HasForeignKey(e => e.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}
