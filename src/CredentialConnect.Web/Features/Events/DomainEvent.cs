using System.Text.Json;
using CredentialConnect.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Events;

/// <summary>The names of the things that happen in the association, as workflows and messages subscribe to them.</summary>
public static class DomainEventTypes
{
    public const string MemberJoined = "MemberJoined";
    public const string MemberLapsed = "MemberLapsed";
    public const string CourseCompleted = "CourseCompleted";
    public const string ExamPassed = "ExamPassed";
    public const string ExamFailed = "ExamFailed";
    public const string ExamRegistered = "ExamRegistered";
    public const string ApplicationSubmitted = "ApplicationSubmitted";
    public const string ApplicationApproved = "ApplicationApproved";
    public const string ApplicationRejected = "ApplicationRejected";
    public const string ApplicationWithdrawn = "ApplicationWithdrawn";
    public const string CredentialAwarded = "CredentialAwarded";
    public const string CredentialExpiring = "CredentialExpiring";
    public const string CredentialRenewed = "CredentialRenewed";
    public const string CredentialLapsed = "CredentialLapsed";
    public const string CredentialSuspended = "CredentialSuspended";
    public const string CredentialRevoked = "CredentialRevoked";
    public const string CredentialReinstated = "CredentialReinstated";
    public const string CeAuditSelected = "CeAuditSelected";
    public const string CeAuditCompleted = "CeAuditCompleted";
    public const string GoalProgressed = "GoalProgressed";
    public const string CourseCompletionVoided = "CourseCompletionVoided";
    public const string ExamAttemptVoided = "ExamAttemptVoided";
    public const string CredentialReviewNeeded = "CredentialReviewNeeded";

    /// <summary>
    /// Events that undo the record an earlier event was about. A flow that cancels on one of them stops only when it
    /// is about that same record (its correlation), not on every voiding for the member.
    /// </summary>
    public static readonly IReadOnlySet<string> Voidings = new HashSet<string> { CourseCompletionVoided, ExamAttemptVoided };
}

/// <summary>
/// Something that happened, written in the same transaction as the change that caused it (a transactional
/// outbox), so an event is never lost and never raised for a change that rolled back.
/// <see cref="HandledAt"/> is set once every handler has reacted.
/// </summary>
public sealed class DomainEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Type { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public Guid? MemberId { get; init; }
    public Guid? ProgramId { get; init; }

    /// <summary>Event details as JSON (a score, an attempt number, a course).</summary>
    /// <remarks>Settable only so that an event not yet handled can carry a corrected attempt number (see <c>ExamRecording</c>).</remarks>
    public string Data { get; set; } = "{}";

    public DateTimeOffset? HandledAt { get; set; }

    /// <summary>How many times a handler failed on this event alone; it is held after <see cref="DomainEventDispatcher.MaxAttempts"/>.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>The last handler failure, for the staff who release a held event.</summary>
    public string? LastError { get; set; }

    /// <summary>When the event was set aside after failing every attempt; the dispatcher passes it over until staff release it.</summary>
    public DateTimeOffset? HeldAt { get; set; }

    /// <summary>The details, read as <typeparamref name="T"/>.</summary>
    public T Read<T>() => JsonSerializer.Deserialize<T>(Data, JsonSerializerOptions.Web)!;
}

public static class DomainEventRaising
{
    /// <summary>Adds an event to the unit of work; it commits, or rolls back, with the change that raised it.</summary>
    public static DomainEvent Raise(this AppDbContext db, string type, DateTimeOffset at, Guid? memberId, Guid? programId = null, object? data = null)
    {
        var domainEvent = new DomainEvent
        {
            Type = type,
            OccurredAt = at,
            MemberId = memberId,
            ProgramId = programId,
            Data = data is null ? "{}" : JsonSerializer.Serialize(data, JsonSerializerOptions.Web),
        };
        db.DomainEvents.Add(domainEvent);
        return domainEvent;
    }
}

public sealed class DomainEventConfiguration : IEntityTypeConfiguration<DomainEvent>
{
    public void Configure(EntityTypeBuilder<DomainEvent> domainEvent)
    {
        domainEvent.ToTable("DomainEvents");
        domainEvent.Property(e => e.Type).HasMaxLength(64);
        domainEvent.Property(e => e.LastError).HasMaxLength(2000);
        domainEvent.HasIndex(e => new { e.HandledAt, e.OccurredAt });
        domainEvent.HasIndex(e => new { e.MemberId, e.Type });
    }
}
