using System.Buffers.Text;

namespace CredentialConnect.Badges;

/// <summary>Base64url without padding, as JOSE and multibase <c>u</c> write it; decoding refuses anything outside the alphabet.</summary>
internal static class StrictBase64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    /// <summary>The bytes, or null when the text is not strict unpadded base64url (the BCL would skip whitespace and padding).</summary>
    public static byte[]? TryDecode(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            var inAlphabet = c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_';
            if (!inAlphabet) return null;
        }

        try
        {
            return Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
