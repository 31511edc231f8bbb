using System.Linq.Expressions;

namespace CredentialConnect.Web.Features.Credentials;

/// <summary>A manual award by staff: the reason is recorded in the credential's history.</summary>
public sealed record CredentialAwardWrite(Guid MemberId, Guid ProgramId, string Reason);

/// <summary>The credential awarded, and any pathway credentials it completed.</summary>
public sealed record CredentialAwardResponse(CredentialResponse Credential, IReadOnlyList<CredentialSummary> PathwaysAwarded);

/// <summary>Suspend, revoke or reinstate: the reason is required and recorded.</summary>
public sealed record CredentialStatusAction(string Reason);

/// <summary>The credential after a status action, and any pathway credentials a reinstatement completed.</summary>
public sealed record CredentialStatusActionResponse(CredentialResponse Credential, IReadOnlyList<CredentialSummary> PathwaysAwarded);

/// <summary>
/// Which credentials a bulk revoke would take: any mix of a program, members and numbers, optionally one status.
/// Credentials already revoked are never in the set.
/// </summary>
public sealed record BulkRevokePreviewWrite(Guid? ProgramId, Guid[]? MemberIds, string[]? CredentialNumbers, CredentialStatus? Status, string? Reason);

/// <summary>The set a bulk revoke would take, and the token that names exactly that set.</summary>
public sealed record BulkRevokePreviewResponse(int Count, string PreviewToken, Api.Page<CredentialSummary> Credentials);

public sealed record BulkRevokeWrite(string PreviewToken, string Reason);

public sealed record BulkRevokeResponse(int Revoked, IReadOnlyList<string> Numbers);

internal static class CredentialSummaries
{
    /// <summary>The summary as SQL selects it, and the same shape for credentials already in memory.</summary>
    public static readonly Expression<Func<Credential, CredentialSummary>> Projection =
        c => new CredentialSummary(c.Id, c.Number, c.MemberId, c.ProgramId, c.Status, c.IssuedAt, c.ExpiresAt, c.CurrentCycle, c.ReviewReason, c.FlaggedAt);

    private static readonly Func<Credential, CredentialSummary> Compiled = Projection.Compile();

    public static CredentialSummary From(Credential credential) => Compiled(credential);
}
