using CredentialConnect.Web.Features.Credentials;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Imports;

public sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> batch)
    {
        batch.ToTable("ImportBatches");
        batch.HasIndex(b => b.UploadedAt);
        batch.HasIndex(b => b.Status);
        batch.Property(b => b.Kind).HasConversion<string>().HasMaxLength(16);
        batch.Property(b => b.Mode).HasConversion<string>().HasMaxLength(16);
        batch.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        batch.Property(b => b.FileName).HasMaxLength(255);
        batch.Property(b => b.FailureReason).HasMaxLength(2000);
        batch.Property(b => b.UploadedBy).HasMaxLength(256);
        batch.Property(b => b.CommittedBy).HasMaxLength(256);
        batch.Ignore(b => b.IsRunning);
        batch.HasOne<ImportFile>().WithOne().HasForeignKey<ImportFile>(f => f.BatchId).OnDelete(DeleteBehavior.Cascade);
        batch.HasMany<ImportRowError>().WithOne().HasForeignKey(e => e.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ImportFileConfiguration : IEntityTypeConfiguration<ImportFile>
{
    public void Configure(EntityTypeBuilder<ImportFile> file)
    {
        file.ToTable("ImportFiles");
        file.HasKey(f => f.BatchId);
    }
}

public sealed class ImportRowErrorConfiguration : IEntityTypeConfiguration<ImportRowError>
{
    public void Configure(EntityTypeBuilder<ImportRowError> error)
    {
        error.ToTable("ImportRowErrors");
        error.HasIndex(e => new { e.BatchId, e.Row });
        error.Property(e => e.Column).HasMaxLength(64);
        error.Property(e => e.Problem).HasMaxLength(1000);
    }
}

public sealed class ImportedCredentialConfiguration : IEntityTypeConfiguration<ImportedCredential>
{
    public void Configure(EntityTypeBuilder<ImportedCredential> imported)
    {
        imported.ToTable("ImportedCredentials");
        imported.HasKey(i => i.CredentialId);
        imported.HasIndex(i => i.BatchId);
        // The mark goes with its credential; a batch is never deleted while a credential points at it.
        imported.HasOne<Credential>().WithOne().HasForeignKey<ImportedCredential>(i => i.CredentialId).OnDelete(DeleteBehavior.Cascade);
        imported.HasOne<ImportBatch>().WithMany().HasForeignKey(i => i.BatchId).OnDelete(DeleteBehavior.Restrict);
    }
}
