using System.Security.Cryptography;
using System.Text;
using CredentialConnect.Web.Data;

namespace CredentialConnect.Web.Features.Access;

/// <summary>
/// A machine client's key. Only a hash of the secret is stored; the key itself is shown once, when created.
/// The format is <c>cc_{prefix}_{secret}</c>: the prefix finds the row, the secret proves possession.
/// </summary>
public sealed class ApiKey : IAuditable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; init; }
    public required string Prefix { get; init; }
    public required string SecretHash { get; init; }
    public List<string> Scopes { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>Makes a new key. Returns the entity to store and the plain key to hand to the client once.</summary>
    public static (ApiKey Key, string PlainText) Create(string name, IEnumerable<string> scopes, string createdBy, DateTimeOffset now)
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Name = name, Prefix = prefix, SecretHash = Hash(secret), Scopes = scopes.Distinct().Order().ToList(),
            CreatedAt = now, CreatedBy = createdBy,
        };
        return (key, $"cc_{prefix}_{secret}");
    }

    /// <summary>Splits a presented key into its prefix and secret; false when it is not shaped like one of ours.</summary>
    public static bool TryParse(string presented, out string prefix, out string secret)
    {
        prefix = secret = "";
        var parts = presented.Split('_');
        if (parts is not ["cc", { Length: 12 } p, { Length: 64 } s]) return false;
        (prefix, secret) = (p, s);
        return true;
    }

    /// <summary>
    /// The secret is 256 random bits, so a single SHA-256 is enough: there is nothing to brute-force,
    /// and a slow password hash would only slow every API call.
    /// </summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool Matches(string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(SecretHash));
}
