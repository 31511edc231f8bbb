using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Programs;

/// <summary>
/// The badge image staff uploaded for a program, a PNG or an SVG, kept in the database so every hub node serves the
/// same one. A program without artwork gets the generated disc.
/// </summary>
public sealed class ProgramArtwork
{
    public const string Png = Api.ImageUploads.Png;
    public const string Svg = Api.ImageUploads.Svg;

    public Guid ProgramId { get; init; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class ProgramArtworkConfiguration : IEntityTypeConfiguration<ProgramArtwork>
{
    public void Configure(EntityTypeBuilder<ProgramArtwork> artwork)
    {
        artwork.ToTable("ProgramArtwork");
        artwork.HasKey(a => a.ProgramId);
        artwork.Property(a => a.ContentType).HasMaxLength(32);
        artwork.HasOne<CredentialProgram>().WithOne().HasForeignKey<ProgramArtwork>(a => a.ProgramId).OnDelete(DeleteBehavior.Cascade);
    }
}
