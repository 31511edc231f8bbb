using System.Text.Json.Nodes;
using CredentialConnect.Badges.DataIntegrity;
using CredentialConnect.Badges.Jwt;
using CredentialConnect.Badges.Multiformats;
using CredentialConnect.Badges.Verification;
using CredentialConnect.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Badges;

/// <summary>The current keys, ready to sign, with the ids a proof and a JWT name them by.</summary>
public sealed record IssuerSigningKeys(Ed25519KeyPair DataIntegrity, string DataIntegrityKeyId, string VerificationMethod, JwtSigningKey Jwt, string JwtKeyId);

/// <summary>A key as the world sees it: current or retired, never its private half.</summary>
public sealed record PublishedIssuerKey(string KeyId, IssuerKeyKind Kind, string Url, string PublicKey, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt)
{
    /// <summary>The raw 32-byte Ed25519 key, for a Data Integrity proof.</summary>
    public byte[] Ed25519PublicKey() => Multikey.DecodeEd25519PublicKey(PublicKey);

    /// <summary>The public JWK with its <c>kid</c>, for a VC-JWT.</summary>
    public JsonObject Jwk()
    {
        var jwk = JsonNode.Parse(PublicKey)!.AsObject();
        jwk["kid"] = Url;
        return jwk;
    }
}

/// <summary>
/// Every key the issuer has published, current and retired, looked up the way verifiers name them:
/// a verificationMethod (<c>{did}#{keyId}</c>) or a JWT <c>kid</c> (the same DID URL, a <c>/keys/{keyId}</c> URL or the bare key id).
/// </summary>
public sealed class IssuerKeyDirectory(BadgeIssuer issuer, IReadOnlyList<PublishedIssuerKey> keys) : IVerificationKeys
{
    public IReadOnlyList<PublishedIssuerKey> Keys { get; } = keys;

    public PublishedIssuerKey? Find(string reference) =>
        issuer.KeyIdOf(reference) is { } keyId ? Keys.FirstOrDefault(k => k.KeyId == keyId) : null;

    /// <summary>The Ed25519 public key bytes of a verificationMethod URL, or null: what <c>EddsaRdfc2022.Verify</c> asks for.</summary>
    public byte[]? Ed25519PublicKey(string verificationMethod) =>
        Find(verificationMethod) is { Kind: IssuerKeyKind.Ed25519 } key ? key.Ed25519PublicKey() : null;

    /// <summary>The public JWK of a <c>kid</c>, or null: what <c>VcJwt.Verify</c> asks for.</summary>
    public JsonObject? JsonWebKey(string kid) => Find(kid) is { Kind: IssuerKeyKind.Es256 } key ? key.Jwk() : null;
}

/// <summary>
/// The issuer's signing keys. The first of each kind is made on first use; private halves are kept encrypted with
/// Data Protection and decrypted once per process. Rotation retires the current keys, which stay published.
/// </summary>
public sealed class IssuerKeyRing(IServiceScopeFactory scopes, IDataProtectionProvider protection, BadgeIssuer issuer, TimeProvider clock)
{
    public const string ProtectionPurpose = "CredentialConnect.Badges.IssuerKeys";
    private const int CreateAttempts = 3;

    private readonly IDataProtector _protector = protection.CreateProtector(ProtectionPurpose);

    // Key ids are unique for ever, so a decrypted key never goes stale.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> _unprotected = new();

    public async Task<IssuerSigningKeys> CurrentAsync(CancellationToken cancellationToken)
    {
        var ed25519 = await CurrentKeyAsync(IssuerKeyKind.Ed25519, cancellationToken);
        var es256 = await CurrentKeyAsync(IssuerKeyKind.Es256, cancellationToken);
        return new IssuerSigningKeys(
            (Ed25519KeyPair)_unprotected.GetOrAdd(ed25519.KeyId, _ => Ed25519KeyPair.FromSeed(Unprotect(ed25519))), ed25519.KeyId, issuer.KeyUrl(ed25519.KeyId),
            (JwtSigningKey)_unprotected.GetOrAdd(es256.KeyId, _ => JwtSigningKey.FromPkcs8(issuer.KeyUrl(es256.KeyId), "ES256", Unprotect(es256))), es256.KeyId);
    }

    /// <summary>Every published key, oldest first.</summary>
    public async Task<IssuerKeyDirectory> DirectoryAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var keys = await db.IssuerKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ThenBy(k => k.KeyId).ToListAsync(cancellationToken);
        return new IssuerKeyDirectory(issuer, keys.Select(Published).ToList());
    }

    /// <summary>Retires the current key of each of <paramref name="kinds"/> and makes a new one; the retired keys stay published.</summary>
    public async Task<IReadOnlyList<PublishedIssuerKey>> RotateAsync(IReadOnlyCollection<IssuerKeyKind> kinds, string reason, string actor, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var current = await db.IssuerKeys.Where(k => kinds.Contains(k.Kind) && k.RetiredAt == null).ToListAsync(cancellationToken);
        foreach (var key in current) key.Retire(reason, actor, now);
        // Retired first, in its own statement: the index allows one current key per kind.
        await db.SaveChangesAsync(cancellationToken);
        var created = kinds.Select(Create).ToList();
        db.IssuerKeys.AddRange(created);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return current.Concat(created).Select(Published).ToList();
    }

    private async Task<IssuerKey> CurrentKeyAsync(IssuerKeyKind kind, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await db.IssuerKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Kind == kind && k.RetiredAt == null, cancellationToken) is { } current)
                return current;
            var created = Create(kind);
            db.IssuerKeys.Add(created);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return created;
            }
            // Another node made the first key at the same moment; use theirs.
            catch (DbUpdateException) when (attempt < CreateAttempts) { }
        }
    }

    private IssuerKey Create(IssuerKeyKind kind)
    {
        var keyId = IssuerKey.NewKeyId(kind);
        var (publicKey, privateKey) = kind switch
        {
            IssuerKeyKind.Ed25519 => Ed25519Halves(Ed25519KeyPair.Generate()),
            IssuerKeyKind.Es256 => Es256Halves(JwtSigningKey.CreateEs256(issuer.KeyUrl(keyId))),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return new IssuerKey
        {
            KeyId = keyId, Kind = kind, PublicKey = publicKey, ProtectedPrivateKey = Convert.ToBase64String(_protector.Protect(privateKey)),
            CreatedAt = clock.GetUtcNow(),
        };
    }

    private static (string Public, byte[] Private) Ed25519Halves(Ed25519KeyPair pair) => (Multikey.EncodeEd25519PublicKey(pair.PublicKey), pair.PrivateKeySeed);

    // The stored JWK carries no kid: the kid is the key's DID URL, which follows the configured base address.
    private static (string Public, byte[] Private) Es256Halves(JwtSigningKey key)
    {
        var jwk = key.PublicJwk();
        jwk.Remove("kid");
        return (jwk.ToJsonString(), key.ExportPkcs8());
    }

    private byte[] Unprotect(IssuerKey key) => _protector.Unprotect(Convert.FromBase64String(key.ProtectedPrivateKey));

    private PublishedIssuerKey Published(IssuerKey key) =>
        new(key.KeyId, key.Kind, issuer.KeyUrl(key.KeyId), key.PublicKey, key.CreatedAt, key.RetiredAt);
}
