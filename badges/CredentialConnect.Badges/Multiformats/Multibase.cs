namespace CredentialConnect.Badges.Multiformats;

/// <summary>Multibase strings: <c>z</c> + base58btc (keys, proof values) and <c>u</c> + base64url (status lists).</summary>
public static class Multibase
{
    private const string Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private static readonly sbyte[] Base58Digits = BuildDigitTable();

    public static string EncodeBase58Btc(ReadOnlySpan<byte> bytes) => "z" + Base58Encode(bytes);

    /// <summary>Decodes a <c>z…</c> string; throws <see cref="FormatException"/> on anything else.</summary>
    public static byte[] DecodeBase58Btc(string multibase)
    {
        if (string.IsNullOrEmpty(multibase) || multibase[0] != 'z')
            throw new FormatException("A base58btc multibase value starts with 'z'.");
        return Base58Decode(multibase.AsSpan(1));
    }

    public static string EncodeBase64Url(ReadOnlySpan<byte> bytes) => "u" + Convert.ToBase64String(bytes)
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Decodes a <c>u…</c> string; throws <see cref="FormatException"/> on anything else.</summary>
    public static byte[] DecodeBase64Url(string multibase)
    {
        if (string.IsNullOrEmpty(multibase) || multibase[0] != 'u')
            throw new FormatException("A base64url multibase value starts with 'u'.");
        var body = multibase.AsSpan(1);
        foreach (var c in body)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
                throw new FormatException($"'{c}' is not a base64url character.");
        if (body.Length % 4 == 1)
            throw new FormatException("The base64url value has an impossible length.");
        var padded = new string(body).Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        return Convert.FromBase64String(padded);
    }

    private static string Base58Encode(ReadOnlySpan<byte> bytes)
    {
        var zeros = 0;
        while (zeros < bytes.Length && bytes[zeros] == 0) zeros++;
        // Each byte needs at most log(256)/log(58) ≈ 1.37 base58 digits.
        var digits = new byte[(bytes.Length - zeros) * 138 / 100 + 1];
        var length = 0;
        for (var i = zeros; i < bytes.Length; i++)
        {
            int carry = bytes[i];
            var j = 0;
            for (var k = digits.Length - 1; (carry != 0 || j < length) && k >= 0; k--, j++)
            {
                carry += 256 * digits[k];
                digits[k] = (byte)(carry % 58);
                carry /= 58;
            }
            length = j;
        }
        var start = digits.Length - length;
        while (start < digits.Length && digits[start] == 0) start++;
        var result = new char[zeros + digits.Length - start];
        result.AsSpan(0, zeros).Fill('1');
        for (var i = start; i < digits.Length; i++) result[zeros + i - start] = Base58Alphabet[digits[i]];
        return new string(result);
    }

    private static byte[] Base58Decode(ReadOnlySpan<char> text)
    {
        var zeros = 0;
        while (zeros < text.Length && text[zeros] == '1') zeros++;
        // Each base58 digit carries log(58)/log(256) ≈ 0.733 bytes.
        var bytes = new byte[(text.Length - zeros) * 733 / 1000 + 1];
        var length = 0;
        for (var i = zeros; i < text.Length; i++)
        {
            var c = text[i];
            int carry = c < 128 ? Base58Digits[c] : -1;
            if (carry < 0) throw new FormatException($"'{c}' is not a base58btc character.");
            var j = 0;
            for (var k = bytes.Length - 1; (carry != 0 || j < length) && k >= 0; k--, j++)
            {
                carry += 58 * bytes[k];
                bytes[k] = (byte)(carry % 256);
                carry /= 256;
            }
            length = j;
        }
        var start = bytes.Length - length;
        while (start < bytes.Length && bytes[start] == 0) start++;
        var result = new byte[zeros + bytes.Length - start];
        bytes.AsSpan(start).CopyTo(result.AsSpan(zeros));
        return result;
    }

    private static sbyte[] BuildDigitTable()
    {
        var table = new sbyte[128];
        Array.Fill(table, (sbyte)-1);
        for (var i = 0; i < Base58Alphabet.Length; i++) table[Base58Alphabet[i]] = (sbyte)i;
        return table;
    }
}
