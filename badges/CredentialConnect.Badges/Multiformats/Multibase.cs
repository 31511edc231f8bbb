namespace CredentialConnect.Badges.Multiformats;

/// <summary>Multibase strings: <c>z</c> + base58btc (keys, proof values) and <c>u</c> + base64url (status lists).</summary>
public static class Multibase
{
    public static string EncodeBase58Btc(ReadOnlySpan<byte> bytes) => throw new NotImplementedException();

    /// <summary>Decodes a <c>z…</c> string; throws <see cref="FormatException"/> on anything else.</summary>
    public static byte[] DecodeBase58Btc(string multibase) => throw new NotImplementedException();

    public static string EncodeBase64Url(ReadOnlySpan<byte> bytes) => throw new NotImplementedException();

    /// <summary>Decodes a <c>u…</c> string; throws <see cref="FormatException"/> on anything else.</summary>
    public static byte[] DecodeBase64Url(string multibase) => throw new NotImplementedException();
}
