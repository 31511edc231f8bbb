using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Connectors;

/// <summary>
/// A connector's settings as staff saved them in the admin console. They overlay the host's configuration
/// section <c>Connectors:&lt;Name&gt;</c>. Secrets are encrypted with Data Protection and never returned.
/// </summary>
public sealed class ConnectorSettings
{
    public required string Connector { get; init; }

    /// <summary>Settings that are not secret, as a JSON object of key → value.</summary>
    public string Values { get; set; } = "{}";

    /// <summary>Secret settings as a Data Protection-encrypted JSON object.</summary>
    public string? ProtectedSecrets { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public int Version { get; set; }
}

public sealed class ConnectorSettingsConfiguration : IEntityTypeConfiguration<ConnectorSettings>
{
    public void Configure(EntityTypeBuilder<ConnectorSettings> settings)
    {
        settings.ToTable("ConnectorSettings");
        settings.HasKey(s => s.Connector);
        settings.Property(s => s.Connector).HasMaxLength(64);
        settings.Property(s => s.UpdatedBy).HasMaxLength(320);
        settings.Property(s => s.Version).IsConcurrencyToken();
    }
}
