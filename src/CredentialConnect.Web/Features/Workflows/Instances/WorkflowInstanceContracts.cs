using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Runtime;

namespace CredentialConnect.Web.Features.Workflows;

/// <param name="HasOpenIncidents">True for the instances with an open incident (faulted, or carried on under Continue), false for those without.</param>
public sealed record WorkflowInstanceFilter(string? Status, string? Program, Guid? MemberId, string? DefinitionId, bool? HasOpenIncidents = null);

public sealed record WorkflowInstanceSummary(
    Guid Id, string DefinitionId, int DefinitionVersion, string Status, Guid? MemberId, string? Program, string? CorrelationId,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int OpenIncidents = 0);

public sealed record WorkflowBookmarkResponse(Guid Id, string ActivityId, string Kind, string? Stimulus, DateTimeOffset? ResumeAt);

public sealed record WorkflowInstanceResponse(
    WorkflowInstanceSummary Instance, JsonObject Input, JsonObject Variables, IReadOnlyList<WorkflowBookmarkResponse> Bookmarks, IReadOnlyList<Incident> Incidents);

public sealed record WorkflowJournalLine(long Id, DateTimeOffset At, string ActivityId, string ActivityType, string Event, string? Port, string? Message);

public sealed record CancelWorkflowInstance(string? Reason);

public sealed record MigrateWorkflowInstance(int ToVersion);

/// <param name="Port">Which of the failed activity's outcome ports to leave by; empty for <c>Done</c> when it has one.</param>
public sealed record SkipWorkflowIncident(string? Port);
