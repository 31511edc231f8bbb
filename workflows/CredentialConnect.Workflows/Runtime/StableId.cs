using System.Security.Cryptography;
using System.Text;

namespace CredentialConnect.Workflows.Runtime;

/// <summary>Ids derived from what they name, so repeating a step or a delivery yields the same id instead of a duplicate.</summary>
public static class StableId
{
    public static Guid From(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // version 8: custom
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}
