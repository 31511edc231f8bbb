using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Audit;

public sealed class AuditLogEntryConfiguration : IEntityTypeConfiguration<AuditLogEntry>
{
    public void Configure(EntityTypeBuilder<AuditLogEntry> entry)
    {
        entry.ToTable("AuditLog");
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => new { e.EntityType, e.EntityId });
        entry.Property(e => e.Actor).HasMaxLength(256);
        entry.Property(e => e.Action).HasMaxLength(16);
        entry.Property(e => e.EntityType).HasMaxLength(100);
        entry.Property(e => e.EntityId).HasMaxLength(100);
    }
}
