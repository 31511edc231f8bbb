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

    public static string EncodeBase64Url(ReadOnlySpan<byte> bytes) => "u" + StrictBase64Url.Encode(bytes);

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
        return StrictBase64Url.TryDecode(body) ?? throw new FormatException("The base64url value cannot be decoded.");
    }

    // The number is held as little-endian limbs of 58^5 and fed 32 bits at a time: far fewer divisions than digit by digit.
    private const uint Base58Limb = 58u * 58 * 58 * 58 * 58;

    private static string Base58Encode(ReadOnlySpan<byte> bytes)
    {
        var zeros = 0;
        while (zeros < bytes.Length && bytes[zeros] == 0) zeros++;
        var rest = bytes[zeros..];
        // Each byte needs at most log(256)/log(58) ≈ 1.37 base58 digits, five to a limb.
        var limbCount = (rest.Length * 138 / 100 + 1) / 5 + 2;
        var limbs = limbCount <= 128 ? stackalloc uint[limbCount] : new uint[limbCount];
        var used = 0;
        var head = rest.Length % 4;
        for (var i = 0; i < rest.Length; )
        {
            var take = i == 0 && head != 0 ? head : 4;
            ulong carry = 0;
            for (var b = 0; b < take; b++) carry = (carry << 8) | rest[i + b];
            i += take;
            var shift = 8 * take;
            for (var k = 0; k < used; k++)
            {
                carry += (ulong)limbs[k] << shift;
                limbs[k] = (uint)(carry % Base58Limb);
                carry /= Base58Limb;
            }
            while (carry != 0)
            {
                limbs[used++] = (uint)(carry % Base58Limb);
                carry /= Base58Limb;
            }
        }

        var result = new char[zeros + used * 5];
        for (var k = 0; k < used; k++)
        {
            var limb = limbs[k];
            for (var d = 0; d < 5; d++)
            {
                result[^(k * 5 + d + 1)] = Base58Alphabet[(int)(limb % 58)];
                limb /= 58;
            }
        }
        // Leading zero digits of the top limb are not written; each leading zero byte is one '1'.
        var padding = result.AsSpan(zeros).IndexOfAnyExcept('1');
        if (padding < 0) padding = used * 5;
        result.AsSpan(0, zeros).Fill('1');
        result.AsSpan(zeros + padding).CopyTo(result.AsSpan(zeros));
        return new string(result, 0, result.Length - padding);
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
