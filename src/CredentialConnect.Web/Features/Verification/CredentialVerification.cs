using System.Text.Json.Nodes;
using CredentialConnect.Badges.DataIntegrity;
using CredentialConnect.Badges.Verification;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Badges;
using CredentialConnect.Web.Features.Credentials;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Verification;

/// <summary>
/// What the hub knows about a numbered credential, besides its signed badge: who holds it (only as far as the
/// member's consent allows), what it is for, and its status in the hub's record right now.
/// </summary>
public sealed record CredentialHolding(
    Guid CredentialId, string Number, string? HolderName, string ProgramName, string AchievementDescription, DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt,
    CredentialStatus Status);

/// <summary>A live check of a credential by its number. <see cref="Holding"/> is null when no credential has the number.</summary>
public sealed record NumberVerification(CredentialHolding? Holding, VerificationReport Report)
{
    public bool Found => Holding is not null;
}

/// <summary>
/// Verifies credentials for anyone who asks: by number (the hub's latest signed badge, checked live against the
/// published keys and the live status lists) or as an uploaded file. Nothing is cached, so a status change shows on
/// the next request.
/// </summary>
public sealed class CredentialVerification(
    AppDbContext db, BadgeIssuance issuance, IssuerKeyRing keys, StatusLists statusLists, UnknownNumberDecoy decoy, TimeProvider clock)
{
    /// <summary>
    /// Checks the credential with <paramref name="number"/>. An unknown or malformed number does the same work as a
    /// known one (the same two indexed queries, then a full verification of a decoy credential), so the time taken does
    /// not tell whether a number exists.
    /// </summary>
    public async Task<NumberVerification> CheckNumberAsync(string number, CancellationToken cancellationToken)
    {
        var wanted = CredentialNumber.TryParse(number, out _, out _, out _) ? number.Trim().ToUpperInvariant() : UnknownNumberDecoy.Number;
        var found = await (from credential in db.Credentials.AsNoTracking()
                           join member in db.Members on credential.MemberId equals member.Id
                           join program in db.Programs on credential.ProgramId equals program.Id
                           where credential.Number == wanted
                           select new
                           {
                               credential.Id, credential.Number, credential.CurrentCycle, credential.IssuedAt, credential.ExpiresAt, credential.Status,
                               member.FirstName, member.LastName, member.Directory.ShowName, ProgramName = program.Name, program.Description,
                           }).SingleOrDefaultAsync(cancellationToken);

        var latest = await issuance.LatestAsync(found?.Id ?? Guid.Empty, cancellationToken);
        if (found is null)
        {
            var decoyReport = await new CredentialVerifier(decoy.KeysWith(await keys.DirectoryAsync(cancellationToken)), statusLists, clock)
                .VerifyAsync(decoy.Credential(), CredentialFormat.Json, cancellationToken);
            return new NumberVerification(null, decoyReport);
        }

        // The issuing job signs a new cycle within a minute; someone checking sooner gets it signed now (and the
        // issuer's first keys are made then, so the keys are read after).
        var badge = latest is not null && latest.Cycle >= found.CurrentCycle ? latest : await issuance.EnsureIssuedAsync(found.Id, cancellationToken);
        var report = await new CredentialVerifier(await keys.DirectoryAsync(cancellationToken), statusLists, clock)
            .VerifyAsync(JsonNode.Parse(badge!.SignedJson)!.AsObject(), CredentialFormat.Json, cancellationToken);

        // Who holds it: the name only when the member consented to show it in public (the directory's ShowName, which
        // requires opting in). An employer checking a candidate already knows whom they are checking; the page confirms
        // that this numbered credential is genuine and current, and a name the member kept private stays private.
        // Never an email, address or member id.
        var holder = found.ShowName ? $"{found.FirstName} {found.LastName}".Trim() : null;
        var holding = new CredentialHolding(found.Id, found.Number, holder, found.ProgramName, found.Description, found.IssuedAt, found.ExpiresAt, found.Status);
        return new NumberVerification(holding, WithRecordedStatus(report, found.Status));
    }

    /// <summary>Verifies an uploaded JSON, JWT, baked PNG or baked SVG.</summary>
    public async Task<VerificationReport> CheckUploadAsync(ReadOnlyMemory<byte> upload, CancellationToken cancellationToken) =>
        await new CredentialVerifier(await keys.DirectoryAsync(cancellationToken), statusLists, clock).VerifyUploadAsync(upload, cancellationToken);

    /// <summary>
    /// The signed status lists follow the record on every read, so they agree with it; should they ever lag, the record
    /// wins for the worse: a revoked, suspended or lapsed credential never shows as good.
    /// </summary>
    internal static VerificationReport WithRecordedStatus(VerificationReport report, CredentialStatus status)
    {
        var (name, reason) = status switch
        {
            CredentialStatus.Revoked => ("revocation", "Revoked by the issuer (the hub's record)."),
            CredentialStatus.Suspended => ("suspension", "Suspended by the issuer (the hub's record)."),
            CredentialStatus.Lapsed => ("validUntil", "Lapsed: the certification cycle ended without renewal (the hub's record)."),
            _ => (null, null),
        };
        if (name is null || report.Checks.Any(c => c.Name == name && !c.Passed)) return report;
        var checks = report.Checks.Where(c => c.Name != name).Append(new VerificationCheck(name, false, reason!)).ToList();
        return report with { Checks = checks };
    }
}

/// <summary>
/// A credential that belongs to nobody, signed once per process with a throwaway key, which an unknown number is
/// verified as: the same canonicalization, signature check and status list reads as a real credential, so an unknown
/// number costs what a known one does.
/// </summary>
public sealed class UnknownNumberDecoy
{
    /// <summary>A well-formed number the hub never issues (sequence 0), looked up in place of a malformed one.</summary>
    public const string Number = "CERT-0000-000000";

    private readonly Lazy<(JsonObject Credential, string Method, byte[] PublicKey)> _signed;

    public UnknownNumberDecoy(BadgeIssuer issuer, TimeProvider clock) => _signed = new(() =>
    {
        var key = Ed25519KeyPair.Generate();
        var method = issuer.KeyUrl("decoy");
        var now = clock.GetUtcNow();
        var facts = new BadgeFacts(Number, 1, now, now, now.AddYears(3), "holder@example.invalid", "decoy", "DECOY", "Decoy", "Decoy", "",
            new StatusListPosition(1, 0));
        return (EddsaRdfc2022.Sign(OpenBadgeCredentialBuilder.Build(issuer, facts), key, method, now), method, key.PublicKey);
    });

    public JsonObject Credential() => _signed.Value.Credential.DeepClone().AsObject();

    /// <summary>The issuer's keys plus the decoy's own.</summary>
    public IVerificationKeys KeysWith(IVerificationKeys issuerKeys) => new DecoyKeys(issuerKeys, _signed.Value.Method, _signed.Value.PublicKey);

    private sealed class DecoyKeys(IVerificationKeys issuerKeys, string method, byte[] publicKey) : IVerificationKeys
    {
        public byte[]? Ed25519PublicKey(string verificationMethod) => verificationMethod == method ? publicKey : issuerKeys.Ed25519PublicKey(verificationMethod);
        public JsonObject? JsonWebKey(string keyId) => issuerKeys.JsonWebKey(keyId);
    }
}
