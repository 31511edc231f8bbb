using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// Where an instance waits, indexed so an event finds it by <see cref="Stimulus"/> and the timers find it by
/// <see cref="ResumeAt"/>. The id is the runtime's bookmark id, and the Quartz trigger of a timer is keyed by it.
/// </summary>
public sealed class WorkflowBookmark
{
    public Guid Id { get; init; }
    public Guid InstanceId { get; init; }
    public required string ActivityId { get; init; }
    public BookmarkKind Kind { get; init; }
    public string? Stimulus { get; init; }
    public DateTimeOffset? ResumeAt { get; init; }

    public static WorkflowBookmark From(Guid instanceId, Bookmark bookmark) => new()
    {
        Id = bookmark.Id, InstanceId = instanceId, ActivityId = bookmark.ActivityId, Kind = bookmark.Kind,
        Stimulus = bookmark.Stimulus, ResumeAt = bookmark.ResumeAt,
    };
}

public sealed class WorkflowBookmarkConfiguration : IEntityTypeConfiguration<WorkflowBookmark>
{
    public void Configure(EntityTypeBuilder<WorkflowBookmark> bookmark)
    {
        bookmark.ToTable("WorkflowBookmarks");
        bookmark.Property(b => b.Id).ValueGeneratedNever();
        bookmark.HasIndex(b => b.Stimulus);
        bookmark.HasIndex(b => b.ResumeAt);
        bookmark.Property(b => b.ActivityId).HasMaxLength(100);
        bookmark.Property(b => b.Kind).HasConversion<string>().HasMaxLength(16);
        bookmark.Property(b => b.Stimulus).HasMaxLength(200);
        bookmark.HasOne<WorkflowInstance>().WithMany().HasForeignKey(b => b.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}
