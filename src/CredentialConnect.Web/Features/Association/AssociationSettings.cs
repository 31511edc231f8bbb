using CredentialConnect.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Association;

/// <summary>
/// The association's settings as an Admin saved them in the console: one row, there from the first migration. A
/// value left null keeps what configuration says (section <c>Association</c>, and <c>Badges:PublicBaseUrl</c>);
/// a saved one wins over it on every node.
/// </summary>
public sealed class AssociationSettings : IAuditable, IVersioned
{
    /// <summary>The one row's key.</summary>
    public const int Only = 1;

    public int Id { get; init; } = Only;
    public string? Name { get; set; }
    public string? Website { get; set; }
    public string? Email { get; set; }
    public string? TimeZone { get; set; }
    public string? Locale { get; set; }
    public string? PrimaryColour { get; set; }
    public string? AccentColour { get; set; }
    public string? PublicBaseUrl { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>The association's logo, a PNG or an SVG, in the database so every node serves the same one; one row, empty until uploaded.</summary>
public sealed class AssociationLogo
{
    public int Id { get; init; } = AssociationSettings.Only;
    public string? ContentType { get; set; }
    public byte[]? Content { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}

public sealed class AssociationSettingsConfiguration : IEntityTypeConfiguration<AssociationSettings>
{
    public void Configure(EntityTypeBuilder<AssociationSettings> settings)
    {
        settings.ToTable("AssociationSettings");
        settings.HasKey(s => s.Id);
        settings.Property(s => s.Id).ValueGeneratedNever();
        settings.Property(s => s.Name).HasMaxLength(AssociationRules.MaxNameLength);
        settings.Property(s => s.Website).HasMaxLength(AssociationRules.MaxAddressLength);
        settings.Property(s => s.Email).HasMaxLength(AssociationRules.MaxAddressLength);
        settings.Property(s => s.TimeZone).HasMaxLength(64);
        settings.Property(s => s.Locale).HasMaxLength(32);
        settings.Property(s => s.PrimaryColour).HasMaxLength(7);
        settings.Property(s => s.AccentColour).HasMaxLength(7);
        settings.Property(s => s.PublicBaseUrl).HasMaxLength(AssociationRules.MaxAddressLength);
        settings.Property(s => s.UpdatedBy).HasMaxLength(256);
        settings.Property(s => s.Version).IsConcurrencyToken();
        settings.HasData(new AssociationSettings());
    }
}

public sealed class AssociationLogoConfiguration : IEntityTypeConfiguration<AssociationLogo>
{
    public void Configure(EntityTypeBuilder<AssociationLogo> logo)
    {
        logo.ToTable("AssociationLogo");
        logo.HasKey(l => l.Id);
        logo.Property(l => l.Id).ValueGeneratedNever();
        logo.Property(l => l.ContentType).HasMaxLength(32);
        logo.HasData(new AssociationLogo());
    }
}
