namespace CredentialConnect.Web.Features.Badges;

/// <summary>What a set bit in a status list means: the credential is revoked for good, or suspended for now.</summary>
public enum StatusPurpose { Revocation, Suspension }

public static class StatusPurposes
{
    public static readonly StatusPurpose[] All = [StatusPurpose.Revocation, StatusPurpose.Suspension];

    /// <summary>The <c>statusPurpose</c> value, as the Bitstring Status List specification spells it.</summary>
    public static string Name(StatusPurpose purpose) => purpose switch
    {
        StatusPurpose.Revocation => "revocation",
        StatusPurpose.Suspension => "suspension",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose)),
    };

    public static bool TryParse(string? name, out StatusPurpose purpose)
    {
        foreach (var candidate in All)
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                purpose = candidate;
                return true;
            }
        purpose = default;
        return false;
    }
}
