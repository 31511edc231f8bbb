using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CredentialConnect.Badges.Baking;
using CredentialConnect.Badges.DataIntegrity;
using CredentialConnect.Badges.JsonLd;
using CredentialConnect.Badges.Jwt;
using CredentialConnect.Badges.StatusList;

namespace CredentialConnect.Badges.Verification;

/// <summary>
/// Verifies an Open Badges 3.0 credential however it arrives (JSON with a Data Integrity proof, a VC-JWT, a baked PNG
/// or SVG): the proof against the issuer's published keys, that the key belongs to the issuer, the validity window
/// at <paramref name="clock"/>'s now, and each status list entry against its signed list. Every check is reported
/// with its reason; nothing here throws for bad input.
/// </summary>
public sealed class CredentialVerifier(IVerificationKeys keys, IStatusListSource statusLists, TimeProvider clock, IContextLoader? contexts = null)
{
    /// <summary>The largest upload the verifier reads; a baked badge is an image of a few hundred kilobytes at most.</summary>
    public const int MaxUploadBytes = 2 * 1024 * 1024;

    private static readonly byte[] PngSignature = [137, 80, 78, 71, 13, 10, 26, 10];

    private readonly IContextLoader _contexts = contexts ?? PinnedContexts.Instance;

    /// <summary>Verifies an uploaded file or body, recognising its format from its first bytes.</summary>
    public async Task<VerificationReport> VerifyUploadAsync(ReadOnlyMemory<byte> upload, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (upload.Length == 0) return VerificationReport.Unreadable("The upload is empty.", now);
        if (upload.Length > MaxUploadBytes) return VerificationReport.Unreadable($"The upload is larger than {MaxUploadBytes / 1024 / 1024} MB.", now);

        CredentialFormat format;
        string text;
        try
        {
            if (upload.Span.StartsWith(PngSignature))
            {
                format = CredentialFormat.Png;
                text = PngBaking.Extract(upload.Span) ?? throw new BadgeFormatException("The PNG has no baked credential.");
            }
            else
            {
                var decoded = new UTF8Encoding(false, true).GetString(upload.Span).Trim().TrimStart('\uFEFF');
                if (decoded.StartsWith('<'))
                {
                    format = CredentialFormat.Svg;
                    text = SvgBaking.Extract(decoded) ?? throw new BadgeFormatException("The SVG has no baked credential.");
                }
                else
                {
                    format = decoded.StartsWith('{') ? CredentialFormat.Json : CredentialFormat.Jwt;
                    text = decoded;
                }
            }
        }
        catch (BadgeFormatException e)
        {
            return VerificationReport.Unreadable(e.Message, now);
        }
        catch (DecoderFallbackException)
        {
            return VerificationReport.Unreadable("The upload is neither a PNG nor UTF-8 text (JSON, a JWT or an SVG).", now);
        }

        return await VerifyTextAsync(text.Trim(), format, cancellationToken);
    }

    /// <summary>Verifies a credential as JSON text or a compact JWT.</summary>
    public async Task<VerificationReport> VerifyTextAsync(string text, CredentialFormat format, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (text.StartsWith('{'))
        {
            JsonObject? document;
            try
            {
                document = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) as JsonObject;
            }
            catch (JsonException e)
            {
                return VerificationReport.Unreadable($"The credential is not valid JSON: {e.Message}", now, format);
            }
            return document is null
                ? VerificationReport.Unreadable("The credential is not a JSON object.", now, format)
                : await VerifyAsync(document, format, cancellationToken);
        }
        if (text.Count(c => c == '.') != 2) return VerificationReport.Unreadable("The credential is neither JSON nor a compact JWT.", now, format);

        var (check, credential) = VcJwt.Verify(text, keys.JsonWebKey);
        if (credential is null) return VerificationReport.Unreadable(check.Reason, now, format);
        var checks = new List<VerificationCheck> { new("proof", check.Passed, check.Reason) };
        checks.Add(IssuerOfJwt(credential, check));
        return await CompleteAsync(credential, format, checks, now, cancellationToken);
    }

    /// <summary>Verifies a credential with a Data Integrity proof.</summary>
    public async Task<VerificationReport> VerifyAsync(JsonObject credential, CredentialFormat format, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var proof = EddsaRdfc2022.Verify(credential, keys.Ed25519PublicKey, _contexts);
        var checks = new List<VerificationCheck> { new("proof", proof.Passed, proof.Reason), IssuerOfProof(credential) };
        return await CompleteAsync(credential, format, checks, now, cancellationToken);
    }

    private async Task<VerificationReport> CompleteAsync(
        JsonObject credential, CredentialFormat format, List<VerificationCheck> checks, DateTimeOffset now, CancellationToken cancellationToken)
    {
        checks.AddRange(Validity(credential, now));
        checks.AddRange(await StatusAsync(credential, cancellationToken));
        return new VerificationReport(true, null, format, credential, checks, now);
    }

    private static VerificationCheck IssuerOfProof(JsonObject credential)
    {
        var issuer = IssuerId(credential);
        var method = CredentialJson.Text(credential["proof"], "verificationMethod");
        return method is not null && issuer is not null && method.Split('#')[0] == issuer
            ? new("issuer", true, $"The key {method} belongs to the issuer {issuer}.")
            : new("issuer", false, $"The proof's key {method ?? "(none)"} does not belong to the issuer {issuer ?? "(none)"}.");
    }

    // VcJwt checks that iss is the credential's issuer, and the key was found among the issuer's published keys.
    private static VerificationCheck IssuerOfJwt(JsonObject credential, ProofCheck proof) => proof.Passed
        ? new("issuer", true, $"Signed with a key {IssuerId(credential)} publishes, and iss names that issuer.")
        : new("issuer", false, "The token's issuer cannot be confirmed without a valid signature.");

    private static string? IssuerId(JsonObject credential) => CredentialJson.IssuerId(credential);

    private static IEnumerable<VerificationCheck> Validity(JsonObject credential, DateTimeOffset now)
    {
        var from = Date(credential, "validFrom");
        yield return from switch
        {
            null => new("validFrom", false, "The credential has no readable validFrom."),
            { } f when f > now => new("validFrom", false, $"Not valid before {f:yyyy-MM-dd HH:mm} UTC."),
            { } f => new("validFrom", true, $"Valid from {f:yyyy-MM-dd}."),
        };
        if (credential["validUntil"] is null) yield break;
        yield return Date(credential, "validUntil") switch
        {
            null => new("validUntil", false, "The credential's validUntil is not a date."),
            { } u when u < now => new("validUntil", false, $"Expired on {u:yyyy-MM-dd}."),
            { } u => new("validUntil", true, $"Valid until {u:yyyy-MM-dd}."),
        };
    }

    private static DateTimeOffset? Date(JsonObject credential, string property) => CredentialJson.Date(credential[property]);

    private async Task<IEnumerable<VerificationCheck>> StatusAsync(JsonObject credential, CancellationToken cancellationToken)
    {
        var entries = credential["credentialStatus"] switch
        {
            JsonArray many => many.OfType<JsonObject>().ToList(),
            JsonObject one => [one],
            _ => [],
        };
        var checks = new List<VerificationCheck>();
        foreach (var entry in entries.Where(e => CredentialJson.Text(e, "type") == "BitstringStatusListEntry"))
            checks.Add(await StatusEntryAsync(entry, IssuerId(credential), cancellationToken));
        return checks;
    }

    private async Task<VerificationCheck> StatusEntryAsync(JsonObject entry, string? issuer, CancellationToken cancellationToken)
    {
        var purpose = CredentialJson.Text(entry, "statusPurpose") ?? "status";
        var url = CredentialJson.Text(entry, "statusListCredential");
        if (url is null || !int.TryParse(CredentialJson.Text(entry, "statusListIndex"), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            return new(purpose, false, "The status entry has no list or no index.");

        var list = await statusLists.FindAsync(url, cancellationToken);
        if (list is null) return new(purpose, false, $"The status list {url} is not published.");
        var proof = EddsaRdfc2022.Verify(list, keys.Ed25519PublicKey, _contexts);
        if (!proof.Passed) return new(purpose, false, $"The status list's signature does not hold: {proof.Reason}");
        if (IssuerId(list) != issuer) return new(purpose, false, "The status list and the credential have different issuers.");
        var subject = list["credentialSubject"] as JsonObject;
        if (CredentialJson.Text(subject, "statusPurpose") != purpose)
            return new(purpose, false, $"The list at {url} is not a {purpose} list.");

        BitstringStatusList bits;
        try
        {
            bits = BitstringStatusList.Decode(CredentialJson.Text(subject, "encodedList") ?? "");
        }
        catch (FormatException e)
        {
            return new(purpose, false, $"The status list cannot be decoded: {e.Message}");
        }
        if (index >= bits.Length) return new(purpose, false, $"Index {index} is outside the list of {bits.Length} entries.");
        return bits[index]
            ? new(purpose, false, purpose == "suspension" ? "Suspended by the issuer." : "Revoked by the issuer.")
            : new(purpose, true, purpose == "suspension" ? "Not suspended." : "Not revoked.");
    }
}
