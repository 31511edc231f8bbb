using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CredentialConnect.Badges.DataIntegrity;
using CredentialConnect.Badges.StatusList;
using CredentialConnect.Badges.Verification;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Credentials;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Badges;

/// <summary>
/// The signed <c>BitstringStatusListCredential</c>s. A bit is read from the credential's status itself (Revoked sets
/// the revocation bit, Suspended the suspension bit), so every path that changes a status changes the list: suspend,
/// revoke, reinstate, bulk revoke, renewal. The list is signed again only when its bits changed or it nears the end
/// of its validity; otherwise the last signed copy is served.
/// </summary>
public sealed class StatusLists(AppDbContext db, IssuerKeyRing keys, BadgeIssuer issuer, TimeProvider clock) : IStatusListSource
{
    /// <summary>The signed list at a <c>statusListCredential</c> URL, parsed, or null when it is not one of ours.</summary>
    public async Task<JsonObject?> FindAsync(string statusListCredential, CancellationToken cancellationToken) =>
        await SignedListAsync(statusListCredential, cancellationToken) is { } signed ? JsonNode.Parse(signed)!.AsObject() : null;

    /// <summary>The signed list at <paramref name="url"/> (<c>{base}/status-lists/{purpose}/{n}</c>), or null when there is none.</summary>
    public Task<string?> SignedListAsync(string url, CancellationToken cancellationToken)
    {
        var prefix = $"{issuer.BaseUrl}/status-lists/";
        if (!url.StartsWith(prefix, StringComparison.Ordinal)) return Task.FromResult<string?>(null);
        var parts = url[prefix.Length..].Split('/');
        return parts.Length == 2 && StatusPurposes.TryParse(parts[0], out var purpose) && int.TryParse(parts[1], out var number)
            ? SignedListAsync(purpose, number, cancellationToken)
            : Task.FromResult<string?>(null);
    }

    /// <summary>The signed list, as JSON text, or null when no credential has a place in list <paramref name="listNumber"/>.</summary>
    public async Task<string?> SignedListAsync(StatusPurpose purpose, int listNumber, CancellationToken cancellationToken)
    {
        if (listNumber < 1 || !await db.StatusListAllocations.AnyAsync(a => a.ListNumber == listNumber, cancellationToken)) return null;

        var flagged = purpose == StatusPurpose.Revocation ? CredentialStatus.Revoked : CredentialStatus.Suspended;
        var set = await (from allocation in db.StatusListAllocations
                         join credential in db.Credentials on allocation.CredentialId equals credential.Id
                         where allocation.ListNumber == listNumber && credential.Status == flagged
                         orderby allocation.Index
                         select allocation.Index).ToListAsync(cancellationToken);
        var digest = Digest(set);
        var now = clock.GetUtcNow();
        var published = await db.PublishedStatusLists.SingleOrDefaultAsync(l => l.Purpose == purpose && l.ListNumber == listNumber, cancellationToken);
        var validity = issuer.Options.StatusListValidity;
        if (published is not null && published.BitsDigest == digest && now < published.SignedAt + validity / 2) return published.SignedJson;

        var signed = (await SignAsync(purpose, listNumber, set, now, now + validity, cancellationToken)).ToJsonString();
        if (published is null)
            db.PublishedStatusLists.Add(new PublishedStatusList
            {
                Purpose = purpose, ListNumber = listNumber, BitsDigest = digest, SignedJson = signed, SignedAt = now, ValidUntil = now + validity,
            });
        else
        {
            published.BitsDigest = digest;
            published.SignedJson = signed;
            published.SignedAt = now;
            published.ValidUntil = now + validity;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        // Another request signed the same list at the same moment; either copy is right.
        catch (DbUpdateException) { db.ChangeTracker.Clear(); }
        return signed;
    }

    /// <summary>The list credential, built from the set bits and signed with the current Data Integrity key.</summary>
    private async Task<JsonObject> SignAsync(StatusPurpose purpose, int listNumber, IEnumerable<int> set, DateTimeOffset now, DateTimeOffset validUntil,
        CancellationToken cancellationToken)
    {
        var url = issuer.StatusListUrl(purpose, listNumber);
        var credential = Build(issuer, url, purpose, set, now, validUntil);
        var signing = await keys.CurrentAsync(cancellationToken);
        return EddsaRdfc2022.Sign(credential, signing.DataIntegrity, signing.VerificationMethod, now);
    }

    /// <summary>The unsigned <c>BitstringStatusListCredential</c> with <paramref name="set"/> bits on.</summary>
    public static JsonObject Build(BadgeIssuer issuer, string url, StatusPurpose purpose, IEnumerable<int> set, DateTimeOffset validFrom, DateTimeOffset validUntil)
    {
        var bits = new BitstringStatusList(StatusListAllocation.ListLength);
        foreach (var index in set) bits[index] = true;
        return new JsonObject
        {
            ["@context"] = new JsonArray(OpenBadgeCredentialBuilder.CredentialsContext),
            ["id"] = url,
            ["type"] = new JsonArray("VerifiableCredential", "BitstringStatusListCredential"),
            ["issuer"] = issuer.Id,
            ["validFrom"] = OpenBadgeCredentialBuilder.Timestamp(validFrom),
            ["validUntil"] = OpenBadgeCredentialBuilder.Timestamp(validUntil),
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = $"{url}#list",
                ["type"] = "BitstringStatusList",
                ["statusPurpose"] = StatusPurposes.Name(purpose),
                ["encodedList"] = bits.Encode(),
            },
        };
    }

    private static string Digest(IEnumerable<int> set) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(string.Join(',', set))));
}
