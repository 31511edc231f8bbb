using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Runtime;

namespace CredentialConnect.Web.Features.Workflows;

public sealed record WorkflowInstanceFilter(string? Status, string? Program, Guid? MemberId, string? DefinitionId);

public sealed record WorkflowInstanceSummary(
    Guid Id, string DefinitionId, int DefinitionVersion, string Status, Guid? MemberId, string? Program, string? CorrelationId,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record WorkflowBookmarkResponse(Guid Id, string ActivityId, string Kind, string? Stimulus, DateTimeOffset? ResumeAt);

public sealed record WorkflowInstanceResponse(
    WorkflowInstanceSummary Instance, JsonObject Input, JsonObject Variables, IReadOnlyList<WorkflowBookmarkResponse> Bookmarks, IReadOnlyList<Incident> Incidents);

public sealed record WorkflowJournalLine(long Id, DateTimeOffset At, string ActivityId, string ActivityType, string Event, string? Port, string? Message);

public sealed record CancelWorkflowInstance(string? Reason);

public sealed record MigrateWorkflowInstance(int? ToVersion);
