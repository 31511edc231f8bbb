using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Sync;

/// <summary>
/// Every record a partner sent, keyed by (source, event id). A record already in the inbox has been applied,
/// so re-reading a page after a crash or a replayed webhook changes nothing.
/// </summary>
public sealed class InboxMessage
{
    /// <summary>The longest activity id kept on the row; a program's map cannot name a longer one.</summary>
    public const int MaxActivityIdLength = 512;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Source { get; init; }
    public required string EventId { get; init; }

    /// <summary>What the record is: <c>member</c>, <c>learning</c>, <c>webhook</c>.</summary>
    public required string Kind { get; init; }
    public required string Payload { get; init; }

    /// <summary>
    /// For a learning statement, the activity it is about, so the statements of an activity a program maps later are
    /// found by index rather than by reading every payload.
    /// </summary>
    public string? ActivityId { get; init; }

    /// <summary>For a voiding statement, the event it withdraws, so a statement voided before it was applied stays unapplied.</summary>
    public string? VoidsEventId { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>Why the record could not be applied (an unknown learner); kept, so nothing is lost.</summary>
    public string? Problem { get; set; }
    public int Attempts { get; set; }
}

/// <summary>One partner feed the hub follows (<c>wild-apricot/members</c>), with where it got to.</summary>
public sealed class SyncStream
{
    public required string Name { get; init; }
    public required string Connector { get; init; }

    /// <summary>The connector's cursor after the last committed page; null before the first.</summary>
    public string? Cursor { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public string? LastError { get; set; }
    public int Version { get; set; }
}

/// <summary>How a run ended; <see cref="Skipped"/> runs called nothing, because their connector was paused.</summary>
public enum SyncRunStatus { Running, Succeeded, Failed, Skipped }

/// <summary>One run of a stream: what it read and did, for the sync history staff look at.</summary>
public sealed class SyncRun
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Stream { get; init; }

    /// <summary>Why it ran: <c>schedule</c>, <c>on-demand</c>, <c>webhook</c>, <c>reconciliation</c>.</summary>
    public required string Trigger { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; set; }
    public SyncRunStatus Status { get; set; } = SyncRunStatus.Running;
    public int Pages { get; set; }
    public int Received { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Removed { get; set; }
    public int Skipped { get; set; }
    public int HeldForReview { get; set; }
    public string? CursorBefore { get; set; }
    public string? CursorAfter { get; set; }
    public string? Error { get; set; }
}

public enum MatchReviewStatus { Open, Linked, Dismissed }

/// <summary>
/// A partner record the hub could not tie to one member by its golden key, and whose email matched several
/// members (or none). It is never linked automatically; staff decide.
/// </summary>
public sealed class MemberMatchReview
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Source { get; init; }

    /// <summary>The partner's identity for the person (an AMS id, an xAPI account or mbox).</summary>
    public required string ExternalIdentity { get; init; }
    public string? Email { get; init; }
    public required string Reason { get; init; }

    /// <summary>Ids of the members the email matched, as JSON.</summary>
    public string CandidateMemberIds { get; init; } = "[]";
    public Guid? InboxMessageId { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
    public MatchReviewStatus Status { get; set; } = MatchReviewStatus.Open;
    public Guid? LinkedMemberId { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}

public sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> message)
    {
        message.ToTable("InboxMessages");
        message.HasIndex(m => new { m.Source, m.EventId }).IsUnique();
        message.HasIndex(m => m.ProcessedAt);
        message.Property(m => m.Source).HasMaxLength(64);
        message.Property(m => m.EventId).HasMaxLength(200);
        message.Property(m => m.Kind).HasMaxLength(32);
        message.Property(m => m.Problem).HasMaxLength(2000);
        message.Property(m => m.ActivityId).HasMaxLength(InboxMessage.MaxActivityIdLength);
        message.Property(m => m.VoidsEventId).HasMaxLength(200);
        message.HasIndex(m => new { m.Kind, m.ActivityId }).HasFilter("\"ActivityId\" IS NOT NULL");
        message.HasIndex(m => new { m.Source, m.VoidsEventId }).HasFilter("\"VoidsEventId\" IS NOT NULL");
    }
}

public sealed class SyncStreamConfiguration : IEntityTypeConfiguration<SyncStream>
{
    public void Configure(EntityTypeBuilder<SyncStream> stream)
    {
        stream.ToTable("SyncStreams");
        stream.HasKey(s => s.Name);
        stream.Property(s => s.Name).HasMaxLength(100);
        stream.Property(s => s.Connector).HasMaxLength(64);
        stream.Property(s => s.Cursor).HasMaxLength(4000);
        stream.Property(s => s.LastError).HasMaxLength(2000);
        stream.Property(s => s.Version).IsConcurrencyToken();
    }
}

public sealed class SyncRunConfiguration : IEntityTypeConfiguration<SyncRun>
{
    public const int MaxErrorLength = 2000;

    public void Configure(EntityTypeBuilder<SyncRun> run)
    {
        run.ToTable("SyncRuns");
        run.HasIndex(r => new { r.Stream, r.StartedAt });
        run.Property(r => r.Stream).HasMaxLength(100);
        run.Property(r => r.Trigger).HasMaxLength(32);
        run.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        run.Property(r => r.CursorBefore).HasMaxLength(4000);
        run.Property(r => r.CursorAfter).HasMaxLength(4000);
        run.Property(r => r.Error).HasMaxLength(MaxErrorLength);
    }
}

public sealed class MemberMatchReviewConfiguration : IEntityTypeConfiguration<MemberMatchReview>
{
    public void Configure(EntityTypeBuilder<MemberMatchReview> review)
    {
        review.ToTable("MemberMatchReviews");
        review.HasIndex(r => new { r.Status, r.RaisedAt });
        review.HasIndex(r => new { r.Source, r.ExternalIdentity });
        review.Property(r => r.Source).HasMaxLength(64);
        review.Property(r => r.ExternalIdentity).HasMaxLength(512);
        review.Property(r => r.Email).HasMaxLength(320);
        review.Property(r => r.Reason).HasMaxLength(500);
        review.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
    }
}
