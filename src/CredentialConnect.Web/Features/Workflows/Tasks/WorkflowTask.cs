using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Workflows;

public enum WorkflowTaskStatus { Open, Approved, Rejected, Closed }

/// <summary>
/// A reviewer's decision an approval activity waits for. <see cref="TaskKey"/> is the stimulus of the approval
/// bookmark, so deciding the task resumes exactly that wait. A task whose wait ended otherwise (it timed out, the
/// instance was cancelled) is Closed.
/// </summary>
public sealed class WorkflowTask
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string TaskKey { get; init; }
    public Guid InstanceId { get; init; }
    public required string ActivityId { get; init; }
    public required string AssigneeRole { get; init; }

    /// <summary>The one person (by sign-in email) in <see cref="AssigneeRole"/> who may decide, besides an Admin; null for anyone in the role.</summary>
    public string? AssigneeEmail { get; init; }
    public Guid? MemberId { get; init; }
    public string? CorrelationId { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public WorkflowTaskStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? Comment { get; set; }
}

public sealed class WorkflowTaskConfiguration : IEntityTypeConfiguration<WorkflowTask>
{
    public void Configure(EntityTypeBuilder<WorkflowTask> task)
    {
        task.ToTable("WorkflowTasks");
        task.HasIndex(t => t.TaskKey).IsUnique();
        task.HasIndex(t => new { t.Status, t.CreatedAt });
        task.Property(t => t.TaskKey).HasMaxLength(300);
        task.Property(t => t.ActivityId).HasMaxLength(100);
        task.Property(t => t.AssigneeRole).HasMaxLength(64);
        task.Property(t => t.AssigneeEmail).HasMaxLength(320);
        task.Property(t => t.CorrelationId).HasMaxLength(100);
        task.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        task.Property(t => t.DecidedBy).HasMaxLength(320);
        task.Property(t => t.Comment).HasMaxLength(4000);
    }
}
