namespace CredentialConnect.Badges.StatusList;

/// <summary>
/// A W3C Bitstring Status List: bit <c>i</c> is the credential with <c>statusListIndex</c> i (0 is the most
/// significant bit of the first byte). Encoded as GZIP, then multibase base64url (<c>u…</c>).
/// </summary>
public sealed class BitstringStatusList
{
    /// <summary>The smallest list the specification allows, which also hides which credential changed.</summary>
    public const int MinimumLength = 131_072;

    public BitstringStatusList(int length = MinimumLength) => throw new NotImplementedException();

    public int Length => throw new NotImplementedException();

    public bool this[int index]
    {
        get => throw new NotImplementedException();
        set => throw new NotImplementedException();
    }

    /// <summary>The <c>encodedList</c> value.</summary>
    public string Encode() => throw new NotImplementedException();

    /// <summary>Decodes an <c>encodedList</c>; throws <see cref="FormatException"/> on a malformed one.</summary>
    public static BitstringStatusList Decode(string encodedList) => throw new NotImplementedException();
}
