using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace CredentialConnect.Web.Features.Credentials;

/// <summary>Which credentials a bulk revoke takes, as the preview chose them.</summary>
public sealed record BulkRevokeSelection(Guid? ProgramId, Guid[] MemberIds, string[] CredentialNumbers, CredentialStatus? Status)
{
    /// <summary>The credentials the selection names that are not revoked already.</summary>
    public IQueryable<Credential> Apply(IQueryable<Credential> credentials)
    {
        var query = credentials.Where(c => c.Status != CredentialStatus.Revoked);
        if (ProgramId is { } program) query = query.Where(c => c.ProgramId == program);
        if (MemberIds.Length > 0) query = query.Where(c => MemberIds.Contains(c.MemberId));
        if (CredentialNumbers.Length > 0) query = query.Where(c => CredentialNumbers.Contains(c.Number));
        if (Status is { } status) query = query.Where(c => c.Status == status);
        return query;
    }
}

/// <summary>
/// A bulk revoke is previewed first; the preview's token carries the selection and a fingerprint of exactly the set it
/// showed. The revoke re-reads the selection and refuses when the set is no longer that one. The token is protected by
/// the hub's data-protection keys, so it cannot be edited to name another set.
/// </summary>
public static class BulkRevoke
{
    public const int MaxCredentials = 5_000;
    public const int MaxListed = 1_000;
    public const int MaxReasonLength = 1_000;

    private sealed record Token(BulkRevokeSelection Selection, string Fingerprint);

    private static IDataProtector Protector(IDataProtectionProvider protection) => protection.CreateProtector("CredentialConnect.Credentials.BulkRevoke");

    /// <summary>The selection a preview asks for, normalised, or the errors keyed by JSON path.</summary>
    public static (BulkRevokeSelection? Selection, Dictionary<string, string[]> Errors) Read(BulkRevokePreviewWrite request)
    {
        var errors = new Dictionary<string, string[]>();
        var members = request.MemberIds ?? [];
        var numbers = (request.CredentialNumbers ?? []).Select(n => n?.Trim().ToUpperInvariant() ?? "").ToArray();
        if (request.ProgramId is null && members.Length == 0 && numbers.Length == 0)
            errors[""] = ["Name the credentials to revoke: a programId, memberIds or credentialNumbers (a status alone would take every credential)."];
        if (members.Length > MaxListed) errors["memberIds"] = [$"At most {MaxListed} member ids at a time."];
        if (numbers.Length > MaxListed) errors["credentialNumbers"] = [$"At most {MaxListed} credential numbers at a time."];
        for (var i = 0; i < numbers.Length && numbers.Length <= MaxListed; i++)
            if (!CredentialNumber.TryParse(numbers[i], out _, out _, out _))
                errors[$"credentialNumbers[{i}]"] = [$"'{request.CredentialNumbers![i]}' is not a credential number such as CERT-2026-000123."];
        if (request.Status == CredentialStatus.Revoked) errors["status"] = ["Revoked credentials cannot be revoked again."];
        if (ReasonError(request.Reason) is { } reason) errors["reason"] = [reason];
        return (errors.Count > 0 ? null : new BulkRevokeSelection(request.ProgramId, members.Distinct().ToArray(), numbers.Distinct().ToArray(), request.Status), errors);
    }

    /// <summary>Why a status action's reason is not acceptable; null when it is.</summary>
    public static string? ReasonError(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "A reason is required; it is recorded in the credential's history and the audit log."
        : reason.Trim().Length > MaxReasonLength ? $"The reason can be at most {MaxReasonLength} characters."
        : null;

    /// <summary>Names exactly this set of credentials: it changes when any credential joins or leaves it.</summary>
    public static string Fingerprint(IEnumerable<Guid> credentialIds) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(",", credentialIds.Order()))));

    public static string Issue(IDataProtectionProvider protection, BulkRevokeSelection selection, IEnumerable<Guid> credentialIds) =>
        Protector(protection).Protect(JsonSerializer.Serialize(new Token(selection, Fingerprint(credentialIds)), JsonSerializerOptions.Web));

    /// <summary>The selection and fingerprint a token carries; null when it is not a token this hub issued.</summary>
    public static (BulkRevokeSelection Selection, string Fingerprint)? Open(IDataProtectionProvider protection, string token)
    {
        try
        {
            var opened = JsonSerializer.Deserialize<Token>(Protector(protection).Unprotect(token), JsonSerializerOptions.Web);
            return opened is null ? null : (opened.Selection, opened.Fingerprint);
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
