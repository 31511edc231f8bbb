using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Web.Features.Credentials;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace CredentialConnect.Web.Features.Badges;

public sealed record IssuerKeyResponse(string KeyId, IssuerKeyKind Kind, string Url, bool Current, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt)
{
    public static IssuerKeyResponse From(PublishedIssuerKey key) => new(key.KeyId, key.Kind, key.Url, key.RetiredAt is null, key.CreatedAt, key.RetiredAt);
}

/// <summary>Which keys to rotate (both kinds when none is named), and why.</summary>
public sealed record IssuerKeyRotation(string Reason, IssuerKeyKind[]? Kinds);

/// <summary>
/// The issuer in public: its Profile, its did:web document, its keys (JWKS and one JWK per key id) and its signed
/// status lists. Anyone may read them, so badges verify without an account; they sit outside /api/v1 and are cached
/// briefly. Admins rotate keys and issue missing badges under /api/v1/issuer.
/// </summary>
public static class IssuerApi
{
    public const string VcLdJson = "application/vc+ld+json";
    private const int KeysMaxAgeSeconds = 300;
    private const int StatusListMaxAgeSeconds = 60;
    private const int BackfillBatch = 100;

    public static WebApplication MapIssuerApi(this WebApplication app)
    {
        var published = app.MapGroup("").WithTags("Issuer").AllowAnonymous();
        published.MapGet("/issuer", Profile).WithName("GetIssuerProfile").WithSummary("The issuer's Open Badges 3.0 Profile.")
            .SendsJson().RevalidatedByETag();
        published.MapGet("/.well-known/did.json", DidDocumentAsync).WithName("GetIssuerDidDocument")
            .WithSummary("The issuer's did:web document: every Ed25519 key (Multikey) and ES256 key (JsonWebKey), current and retired.")
            .SendsJson("application/did+json").RevalidatedByETag();
        published.MapGet("/.well-known/jwks.json", JwksAsync).WithName("GetIssuerJwks").WithSummary("Every VC-JWT public key, current and retired.")
            .SendsJson("application/jwk-set+json").RevalidatedByETag();
        published.MapGet("/keys/{keyId}", KeyAsync).WithName("GetIssuerKey").WithSummary("One public key as a JWK (ES256) or Multikey (Ed25519).")
            .SendsJson("application/jwk+json", "application/json").RevalidatedByETag();
        published.MapGet("/status-lists/{purpose}/{listNumber:int}", StatusListAsync).WithName("GetStatusList")
            .WithSummary("A signed BitstringStatusListCredential (revocation or suspension); it reflects a status change within a minute.")
            .SendsJson(VcLdJson).RevalidatedByETag();

        var admin = app.MapGroup("/api/v1/issuer").WithTags("Issuer");
        admin.MapGet("/keys", ListKeysAsync).WithName("ListIssuerKeys").RequireAuthorization(AccessPolicies.CredentialsManage)
            .WithSummary("The issuer's signing keys, current and retired (public parts only).");
        admin.MapPost("/keys/rotate", RotateAsync).WithName("RotateIssuerKeys").RequireAuthorization(AccessPolicies.AccessAdmin)
            .WithSummary("Retires the current key of each kind named (both by default) and makes a new one, for a stated reason; retired keys stay published.");
        admin.MapPost("/badges/issue-missing", IssueMissingAsync).WithName("IssueMissingBadges").RequireAuthorization(AccessPolicies.CredentialsManage)
            .WithSummary("Issues every missing badge now (credentials from before badges, renewals, earlier signing failures), in batches.");
        return app;
    }

    internal static IResult Profile(BadgeIssuer issuer, HttpContext http) => Cached(http, issuer.PublishedProfile(), KeysMaxAgeSeconds);

    // The issuer publishes keys before it has signed anything, so a verifier set up early finds them.
    internal static async Task<IResult> DidDocumentAsync(BadgeIssuer issuer, IssuerKeyRing keys, HttpContext http, CancellationToken ct)
    {
        await keys.CurrentAsync(ct);
        return Cached(http, DidDocument.Build(issuer, await keys.DirectoryAsync(ct)), KeysMaxAgeSeconds, "application/did+json");
    }

    internal static async Task<IResult> JwksAsync(IssuerKeyRing keys, HttpContext http, CancellationToken ct)
    {
        await keys.CurrentAsync(ct);
        var jwks = (await keys.DirectoryAsync(ct)).Keys.Where(k => k.Kind == IssuerKeyKind.Es256).Select(k => (JsonNode)k.Jwk()).ToArray();
        return Cached(http, new JsonObject { ["keys"] = new JsonArray(jwks) }, KeysMaxAgeSeconds, "application/jwk-set+json");
    }

    internal static async Task<IResult> KeyAsync(string keyId, IssuerKeyRing keys, BadgeIssuer issuer, HttpContext http, CancellationToken ct)
    {
        if ((await keys.DirectoryAsync(ct)).Keys.FirstOrDefault(k => k.KeyId == keyId) is not { } key) return Problems.NotFoundResult("key", keyId);
        return key.Kind == IssuerKeyKind.Es256
            ? Cached(http, key.Jwk(), KeysMaxAgeSeconds, "application/jwk+json")
            : Cached(http, DidDocument.Multikey(key, issuer.Id), KeysMaxAgeSeconds);
    }

    internal static async Task<IResult> StatusListAsync(string purpose, int listNumber, StatusLists lists, HttpContext http, CancellationToken ct)
    {
        if (!StatusPurposes.TryParse(purpose, out var statusPurpose)) return Problems.NotFoundResult("status list", $"{purpose}/{listNumber}");
        return await lists.SignedListAsync(statusPurpose, listNumber, ct) is { } signed
            ? Cached(http, signed, StatusListMaxAgeSeconds, VcLdJson)
            : Problems.NotFoundResult("status list", $"{purpose}/{listNumber}");
    }

    internal static async Task<Ok<IssuerKeyResponse[]>> ListKeysAsync(IssuerKeyRing keys, CancellationToken ct) =>
        TypedResults.Ok((await keys.DirectoryAsync(ct)).Keys.Select(IssuerKeyResponse.From).ToArray());

    internal static async Task<Results<Ok<IssuerKeyResponse[]>, ValidationProblem>> RotateAsync(
        IssuerKeyRotation request, IssuerKeyRing keys, ICurrentActor actor, CancellationToken ct)
    {
        if (BulkRevoke.ReasonError(request.Reason) is { } reasonError) return Problems.ValidationFailed("reason", reasonError);
        var kinds = request.Kinds is { Length: > 0 } named ? named.Distinct().ToArray() : Enum.GetValues<IssuerKeyKind>();
        // The current keys exist before they are retired, so a rotation always leaves an old key published behind it.
        await keys.CurrentAsync(ct);
        var changed = await keys.RotateAsync(kinds, request.Reason!.Trim(), actor.Name, ct);
        return TypedResults.Ok(changed.Select(IssuerKeyResponse.From).ToArray());
    }

    internal static async Task<Ok<BadgeIssuingPass>> IssueMissingAsync(BadgeIssuance issuance, CancellationToken ct) =>
        TypedResults.Ok(await issuance.IssueMissingAsync(BackfillBatch, ct));

    /// <summary>A public document with a short shared cache and an ETag, so a verifier's repeat request costs a 304.</summary>
    internal static IResult Cached(HttpContext http, JsonNode body, int maxAgeSeconds, string contentType = "application/json") =>
        Cached(http, body.ToJsonString(), maxAgeSeconds, contentType);

    internal static IResult Cached(HttpContext http, string body, int maxAgeSeconds, string contentType)
    {
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..32]}\"");
        http.Response.Headers.CacheControl = $"public, max-age={maxAgeSeconds}";
        http.Response.Headers.ETag = etag.ToString();
        var asked = http.Request.GetTypedHeaders().IfNoneMatch;
        if (asked.Any(t => t.Compare(etag, useStrongComparison: false) || t.Equals(EntityTagHeaderValue.Any))) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Text(body, contentType, Encoding.UTF8);
    }
}

/// <summary>The issuer's did:web document.</summary>
public static class DidDocument
{
    public static JsonObject Build(BadgeIssuer issuer, IssuerKeyDirectory keys)
    {
        var methods = keys.Keys.Select(k => k.Kind == IssuerKeyKind.Ed25519 ? VerificationMethod(k, issuer.Id) : JsonWebKey(k, issuer.Id)).ToArray();
        var ids = keys.Keys.Select(k => (JsonNode)k.Url).ToArray();
        return new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/did/v1", CredentialConnect.Badges.JsonLd.PinnedContexts.MultikeyV1, "https://w3id.org/security/jwk/v1"),
            ["id"] = issuer.Id,
            ["verificationMethod"] = new JsonArray(methods),
            ["assertionMethod"] = new JsonArray(ids),
        };
    }

    /// <summary>An Ed25519 key as a standalone Multikey document, with its context.</summary>
    public static JsonObject Multikey(PublishedIssuerKey key, string controller)
    {
        var document = new JsonObject { ["@context"] = CredentialConnect.Badges.JsonLd.PinnedContexts.MultikeyV1 };
        foreach (var (name, value) in VerificationMethod(key, controller).AsObject()) document[name] = value?.DeepClone();
        return document;
    }

    private static JsonNode VerificationMethod(PublishedIssuerKey key, string controller) => new JsonObject
    {
        ["id"] = key.Url,
        ["type"] = "Multikey",
        ["controller"] = controller,
        ["publicKeyMultibase"] = key.PublicKey,
    };

    private static JsonNode JsonWebKey(PublishedIssuerKey key, string controller) => new JsonObject
    {
        ["id"] = key.Url,
        ["type"] = "JsonWebKey",
        ["controller"] = controller,
        ["publicKeyJwk"] = key.Jwk(),
    };
}
