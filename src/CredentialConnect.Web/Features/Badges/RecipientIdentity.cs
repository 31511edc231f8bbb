using System.Security.Cryptography;
using System.Text;

namespace CredentialConnect.Web.Features.Badges;

/// <summary>
/// How a badge names its recipient without printing their email: <c>sha256$</c> and the hex SHA-256 of the
/// lower-cased email followed by the salt, as Open Badges 2.0 and 3.0 both define it.
/// </summary>
public static class RecipientIdentity
{
    public const string EmailAddress = "emailAddress";

    public static string HashEmail(string email, string salt)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant() + salt));
        return "sha256$" + Convert.ToHexStringLower(digest);
    }

    /// <summary>True when <paramref name="email"/> is the address <paramref name="identityHash"/> was made from.</summary>
    public static bool Matches(string identityHash, string email, string salt) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(identityHash), Encoding.ASCII.GetBytes(HashEmail(email, salt)));

    /// <summary>A fresh random salt: 16 bytes as hex.</summary>
    public static string NewSalt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
