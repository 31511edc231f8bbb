using CredentialConnect.Web.Data;
using CredentialConnect.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// One version of a workflow definition, stored whole as its JSON. A draft can be edited; publishing freezes it,
/// and instances stay pinned to the version they started on. Only the latest published version of a definition
/// starts new instances.
/// </summary>
public sealed class StoredWorkflowDefinition : IAuditable, IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string DefinitionId { get; init; }

    /// <summary>The workflow's own version number (1, 2, 3…), as instances are pinned to it.</summary>
    public int DefinitionVersion { get; init; }

    public required string Name { get; set; }

    /// <summary>The program's code, or null for a flow that serves every program.</summary>
    public string? Program { get; set; }

    /// <summary>The definition as JSON, in the flowchart shape <see cref="WorkflowDefinitionJson"/> reads and writes.</summary>
    public required string Json { get; set; }

    public bool IsPublished { get; set; }

    /// <summary>True on the newest published version: the one that starts new instances.</summary>
    public bool IsLatestPublished { get; set; }

    /// <summary>
    /// True on every version of a disabled flow: no trigger starts it and its schedules are removed, while the
    /// instances already running carry on to their end.
    /// </summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }

    /// <summary>When the draft was last edited, or when it was published.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Concurrency token for edits to a draft.</summary>
    public int Version { get; set; }

    public WorkflowDefinition Read() => WorkflowDefinitionJson.Parse(Json);
}

/// <summary>
/// What publishing indexes: a published version's trigger types (an event type, <c>Schedule</c>, <c>Manual</c>),
/// so an arriving event finds the flows it starts without reading every definition.
/// </summary>
public sealed class WorkflowTriggerEntry
{
    public Guid DefinitionVersionId { get; init; }
    public required string TriggerType { get; init; }
    public string? Program { get; init; }
}

public sealed class StoredWorkflowDefinitionConfiguration : IEntityTypeConfiguration<StoredWorkflowDefinition>
{
    public void Configure(EntityTypeBuilder<StoredWorkflowDefinition> definition)
    {
        definition.ToTable("WorkflowDefinitions");
        definition.HasIndex(d => new { d.DefinitionId, d.DefinitionVersion }).IsUnique();
        definition.HasIndex(d => new { d.DefinitionId, d.IsLatestPublished });
        definition.Property(d => d.DefinitionId).HasMaxLength(100);
        definition.Property(d => d.Name).HasMaxLength(200);
        definition.Property(d => d.Program).HasMaxLength(32);
        definition.Property(d => d.CreatedBy).HasMaxLength(256);
        definition.Property(d => d.Version).IsConcurrencyToken();
    }
}

public sealed class WorkflowTriggerEntryConfiguration : IEntityTypeConfiguration<WorkflowTriggerEntry>
{
    public void Configure(EntityTypeBuilder<WorkflowTriggerEntry> trigger)
    {
        trigger.ToTable("WorkflowTriggers");
        trigger.HasKey(t => new { t.DefinitionVersionId, t.TriggerType });
        trigger.HasIndex(t => new { t.TriggerType, t.Program });
        trigger.Property(t => t.TriggerType).HasMaxLength(64);
        trigger.Property(t => t.Program).HasMaxLength(32);
        trigger.HasOne<StoredWorkflowDefinition>().WithMany().HasForeignKey(t => t.DefinitionVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}
