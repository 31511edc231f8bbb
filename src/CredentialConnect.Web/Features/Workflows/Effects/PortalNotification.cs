using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>A notice shown in the portal, to a member or, when <see cref="Role"/> is set, to the staff holding that role.</summary>
public sealed class PortalNotification
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid? MemberId { get; init; }
    public string? Role { get; init; }
    public required string Title { get; init; }
    public required string Message { get; init; }
    public string? Link { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A label on a member, e.g. for a segment in the AMS.</summary>
public sealed class MemberTag
{
    public Guid MemberId { get; init; }
    public required string Tag { get; init; }
    public DateTimeOffset AddedAt { get; init; }
}

public sealed class PortalNotificationConfiguration : IEntityTypeConfiguration<PortalNotification>
{
    public void Configure(EntityTypeBuilder<PortalNotification> notification)
    {
        notification.ToTable("PortalNotifications");
        notification.HasIndex(n => new { n.MemberId, n.CreatedAt });
        notification.Property(n => n.Role).HasMaxLength(64);
        notification.Property(n => n.Title).HasMaxLength(300);
        notification.Property(n => n.Message).HasMaxLength(4000);
        notification.Property(n => n.Link).HasMaxLength(500);
    }
}

public sealed class MemberTagConfiguration : IEntityTypeConfiguration<MemberTag>
{
    public void Configure(EntityTypeBuilder<MemberTag> tag)
    {
        tag.ToTable("MemberTags");
        tag.HasKey(t => new { t.MemberId, t.Tag });
        tag.Property(t => t.Tag).HasMaxLength(100);
    }
}
