using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;
using CredentialConnect.Workflows.Simulation;
using CredentialConnect.Workflows.Validation;

namespace CredentialConnect.Web.Features.Workflows;

public sealed record WorkflowDefinitionFilter(string? Program, string? Q, bool? Published);

/// <summary>A definition in the list: its latest version, and which version (if any) starts new instances.</summary>
/// <param name="IsDisabled">True when the flow is switched off: it starts nothing new until it is enabled again.</param>
public sealed record WorkflowDefinitionSummary(
    string DefinitionId, string Name, string? Program, int LatestVersion, int? PublishedVersion, DateTimeOffset UpdatedAt, bool IsDisabled = false);

/// <summary>One version of a definition without its flowchart, for the version history.</summary>
/// <param name="Version">The concurrency token to send back when replacing this version's draft.</param>
public sealed record WorkflowDefinitionVersionSummary(
    int DefinitionVersion, string Name, string? Program, bool IsPublished, bool IsLatestPublished,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt, int Version)
{
    public static WorkflowDefinitionVersionSummary From(StoredWorkflowDefinition d) =>
        new(d.DefinitionVersion, d.Name, d.Program, d.IsPublished, d.IsLatestPublished, d.CreatedAt, d.CreatedBy, d.UpdatedAt, d.PublishedAt, d.Version);
}

/// <summary>One version of a definition with its flowchart.</summary>
/// <param name="Version">The concurrency token to send back when replacing the draft.</param>
public sealed record WorkflowDefinitionResponse(
    string DefinitionId, int DefinitionVersion, string Name, string? Program, bool IsPublished, bool IsLatestPublished,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt, int Version,
    WorkflowDefinition Definition, bool IsDisabled = false)
{
    public static WorkflowDefinitionResponse From(StoredWorkflowDefinition d) =>
        new(d.DefinitionId, d.DefinitionVersion, d.Name, d.Program, d.IsPublished, d.IsLatestPublished,
            d.CreatedAt, d.CreatedBy, d.UpdatedAt, d.PublishedAt, d.Version, d.Read(), d.IsDisabled);
}

/// <summary>The body of <c>PUT /{definitionId}</c>: the version read, and the whole definition.</summary>
/// <param name="Version">The concurrency token of the latest version, as read.</param>
/// <param name="Definition">Its <c>version</c> must be the latest version's number: the one that was edited.</param>
public sealed record WorkflowDefinitionReplace(int? Version, WorkflowDefinition? Definition);

/// <param name="Version">The definition version to publish.</param>
public sealed record WorkflowDefinitionPublish(int? Version);

/// <summary>Whether a definition can be published, and every problem, each with its activity and input.</summary>
public sealed record WorkflowDefinitionCheck(bool Valid, IReadOnlyList<WorkflowProblem> Problems)
{
    public static WorkflowDefinitionCheck From(WorkflowValidation validation) => new(validation.IsValid, validation.Problems);
}

/// <summary>The body of <c>POST /{definitionId}/simulate</c>.</summary>
/// <param name="From">Where the members' histories start; a year before now when left out.</param>
/// <param name="Until">Where the simulated clock stops; a year after now when left out, so pending waits play out.</param>
/// <param name="Version">The definition version to simulate; the latest, draft or not, when left out.</param>
/// <param name="ReviewerOutcome">How reviewers decide the approval tasks the flow opens (Approved, Rejected or TimedOut); left out, tasks stay open.</param>
/// <param name="ReviewerDecisionDays">How many days after a task opens the reviewer decides; 1 when left out.</param>
public sealed record WorkflowDefinitionSimulate(Guid[]? MemberIds, DateTimeOffset? From, DateTimeOffset? Until, int? Version,
    ReviewerOutcome? ReviewerOutcome = null, int? ReviewerDecisionDays = null);

public sealed record WorkflowSimulationResponse(
    string DefinitionId, int DefinitionVersion, DateTimeOffset From, DateTimeOffset Until, IReadOnlyList<MemberSimulationResponse> Members)
{
    /// <summary>What would go wrong for every member, whoever they are: a template variable that nothing provides renders as nothing.</summary>
    public IReadOnlyList<SimulationFinding> Findings { get; init; } = [];
}

/// <param name="Status">How the member's instance would stand at the end; null when the flow would never start for them.</param>
/// <param name="Explanation">Why the timeline is what it is: no matching event, cancelled by an event, waiting beyond the period.</param>
/// <param name="Events">The events replayed, recorded and projected (expiry notices still ahead), in time.</param>
public sealed record MemberSimulationResponse(
    Guid MemberId, WorkflowStatus? Status, IReadOnlyList<SimulatedEffect> Effects, IReadOnlyList<JournalEntry> Journal,
    string Explanation, IReadOnlyList<SimulatedEvent> Events)
{
    public static MemberSimulationResponse From(MemberSimulation m) => new(m.MemberId, m.Status, m.Effects, m.Journal, m.Explanation, m.Events);
}
