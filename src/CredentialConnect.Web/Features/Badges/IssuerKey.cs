using CredentialConnect.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Badges;

/// <summary>What a key signs: Data Integrity proofs (Ed25519), or VC-JWTs (ES256).</summary>
public enum IssuerKeyKind { Ed25519, Es256 }

/// <summary>
/// One of the issuer's signing keys. At most one key of each kind is current; a rotated key is retired, not deleted:
/// it stays published so credentials it signed still verify.
/// </summary>
public sealed class IssuerKey : IAuditable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The fragment of the key's DID URL, e.g. <c>ed25519-0198…</c>.</summary>
    public required string KeyId { get; init; }

    public IssuerKeyKind Kind { get; init; }

    /// <summary>The public key: a Multikey <c>publicKeyMultibase</c> (Ed25519) or a public JWK (ES256).</summary>
    public required string PublicKey { get; init; }

    /// <summary>The private key, encrypted with ASP.NET Core Data Protection; never logged or audited in clear.</summary>
    public required string ProtectedPrivateKey { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RetiredAt { get; private set; }
    public string? RetiredBy { get; private set; }

    /// <summary>Why the key was rotated out: kept on the key so the audit log records it with the change.</summary>
    public string? RetiredReason { get; private set; }

    public bool IsCurrent => RetiredAt is null;

    public void Retire(string reason, string retiredBy, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        RetiredAt = at;
        RetiredBy = retiredBy;
        RetiredReason = reason;
    }

    public static string NewKeyId(IssuerKeyKind kind) =>
        $"{(kind == IssuerKeyKind.Ed25519 ? "ed25519" : "es256")}-{Guid.CreateVersion7():N}";
}

public sealed class IssuerKeyConfiguration : IEntityTypeConfiguration<IssuerKey>
{
    public void Configure(EntityTypeBuilder<IssuerKey> key)
    {
        key.ToTable("IssuerKeys");
        key.HasIndex(k => k.KeyId).IsUnique();
        // One current key per kind: two nodes creating the first key at once cannot both succeed.
        key.HasIndex(k => k.Kind).IsUnique().HasFilter("\"RetiredAt\" IS NULL").HasDatabaseName("IX_IssuerKeys_Kind_Current");
        key.Property(k => k.KeyId).HasMaxLength(64);
        key.Property(k => k.Kind).HasConversion<string>().HasMaxLength(16);
        key.Property(k => k.PublicKey).HasMaxLength(2000);
        key.Property(k => k.ProtectedPrivateKey).HasMaxLength(4000);
        key.Property(k => k.RetiredBy).HasMaxLength(256);
        key.Property(k => k.RetiredReason).HasMaxLength(1000);
        key.Ignore(k => k.IsCurrent);
    }
}
