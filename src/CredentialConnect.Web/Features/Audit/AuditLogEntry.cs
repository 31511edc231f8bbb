namespace CredentialConnect.Web.Features.Audit;

/// <summary>Who changed what, and when. Written in the same transaction as the change itself.</summary>
public sealed class AuditLogEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }

    /// <summary>The person or machine client that made the change, e.g. <c>staff:admin@example.org</c>.</summary>
    public required string Actor { get; init; }

    /// <summary>Created, Updated or Deleted.</summary>
    public required string Action { get; init; }

    public required string EntityType { get; init; }
    public required string EntityId { get; init; }

    /// <summary>The changed fields as JSON: <c>{"Name":{"from":"A","to":"B"}}</c>.</summary>
    public required string Changes { get; init; }
}
