using System.Text.Json;
using System.Text.Json.Serialization;
using CredentialConnect.Web.Data;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// A running (or finished) flow for one member. The columns are what lists filter on; <see cref="State"/> is the
/// runtime's <see cref="WorkflowInstanceState"/> as JSON, which holds everything needed to continue it.
/// </summary>
public sealed class WorkflowInstance : IVersioned
{
    public static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public Guid Id { get; init; }
    public required string DefinitionId { get; init; }
    public int DefinitionVersion { get; set; }
    public WorkflowStatus Status { get; set; }
    public Guid? MemberId { get; init; }
    public string? Program { get; init; }
    /// <summary>What the instance is about; a restarted instance is about its latest trigger's record.</summary>
    public string? CorrelationId { get; set; }
    public required string State { get; set; }

    /// <summary>How many of the state's incidents are still open, so the instances needing attention can be listed.</summary>
    public int OpenIncidents { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Concurrency token: the row lock serializes engine calls, and this catches a write that bypassed it.</summary>
    public int Version { get; set; }

    public WorkflowInstanceState ReadState() => JsonSerializer.Deserialize<WorkflowInstanceState>(State, StateJson)!;

    public static WorkflowInstance From(WorkflowInstanceState state) => new()
    {
        Id = state.InstanceId, DefinitionId = state.DefinitionId, MemberId = state.MemberId, Program = state.Program,
        CorrelationId = state.CorrelationId, CreatedAt = state.CreatedAt, State = "{}",
    };

    public void Write(WorkflowInstanceState state)
    {
        DefinitionVersion = state.DefinitionVersion;
        CorrelationId = state.CorrelationId;
        Status = state.Status;
        OpenIncidents = state.Incidents.Count(i => !i.Resolved);
        UpdatedAt = state.UpdatedAt;
        State = JsonSerializer.Serialize(state, StateJson);
    }
}

public sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstance>
{
    public void Configure(EntityTypeBuilder<WorkflowInstance> instance)
    {
        instance.ToTable("WorkflowInstances");
        instance.Property(i => i.Id).ValueGeneratedNever();
        instance.HasIndex(i => new { i.MemberId, i.Status });
        instance.HasIndex(i => new { i.DefinitionId, i.Status });
        instance.HasIndex(i => new { i.Program, i.Status });
        instance.HasIndex(i => i.OpenIncidents);
        instance.Property(i => i.DefinitionId).HasMaxLength(100);
        instance.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        instance.Property(i => i.Program).HasMaxLength(32);
        instance.Property(i => i.CorrelationId).HasMaxLength(100);
        instance.Property(i => i.Version).IsConcurrencyToken();
    }
}
