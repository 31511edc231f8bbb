using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Delivery;

public enum OutboxStatus { Pending, Delivered, DeadLettered }

/// <summary>What kind of delivery a message asks for.</summary>
public static class OutboxKinds
{
    public const string CommunityBadge = "community.badge";
    public const string CommunityMessage = "community.message";
    public const string Email = "email";
}

/// <summary>
/// Work for a partner system, written in the same transaction as the reason for it. The dispatcher delivers it
/// later, with retries; <see cref="IdempotencyKey"/> is unique, so the same reason never queues the same work twice.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Kind { get; init; }
    public required string IdempotencyKey { get; init; }
    public Guid? MemberId { get; init; }

    /// <summary>What to deliver, as JSON shaped by <see cref="Kind"/>; rewritten only while pending, when what it says was corrected.</summary>
    public required string Payload { get; set; }

    public Guid? CausedByEventId { get; init; }
    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A node's claim on the message while it delivers it; another node skips it until the lease ends.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
    public string? LockedBy { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>The partner's id for what was delivered (a topic id, a username).</summary>
    public string? Reference { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A message the dispatcher gave up on, with the reason. Replaying puts the message back in the outbox.</summary>
public sealed class DeadLetter
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OutboxMessageId { get; init; }
    public required string Kind { get; init; }
    public required string Reason { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset DeadLetteredAt { get; init; }
    public DateTimeOffset? ReplayedAt { get; set; }
    public string? ReplayedBy { get; set; }
}

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("OutboxMessages");
        message.HasIndex(m => m.IdempotencyKey).IsUnique();
        message.HasIndex(m => new { m.Status, m.NextAttemptAt });
        message.Property(m => m.Kind).HasMaxLength(64);
        message.Property(m => m.IdempotencyKey).HasMaxLength(200);
        message.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        message.Property(m => m.LockedBy).HasMaxLength(100);
        message.Property(m => m.Reference).HasMaxLength(200);
        message.Property(m => m.LastError).HasMaxLength(2000);
    }
}

public sealed class DeadLetterConfiguration : IEntityTypeConfiguration<DeadLetter>
{
    public void Configure(EntityTypeBuilder<DeadLetter> deadLetter)
    {
        deadLetter.ToTable("DeadLetters");
        deadLetter.HasIndex(d => d.DeadLetteredAt);
        deadLetter.Property(d => d.Kind).HasMaxLength(64);
        deadLetter.Property(d => d.Reason).HasMaxLength(2000);
        deadLetter.Property(d => d.ReplayedBy).HasMaxLength(320);
        deadLetter.HasOne<OutboxMessage>().WithMany().HasForeignKey(d => d.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
