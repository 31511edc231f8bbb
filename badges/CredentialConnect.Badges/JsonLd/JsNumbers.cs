using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CredentialConnect.Badges.JsonLd;

/// <summary>
/// Numbers and JSON text exactly as JavaScript writes them, since signatures made by JavaScript verifiers must
/// match byte for byte: <c>Number.prototype.toString</c>, the xsd lexical forms jsonld.js uses, and RFC 8785 (JCS).
/// </summary>
internal static class JsNumbers
{
    /// <summary>jsonld.js treats a number as a double when its JavaScript text has a '.' or it is at least 1e21.</summary>
    public static bool IsJsDouble(double value) =>
        !double.IsFinite(value) || Math.Abs(value) >= 1e21 || ToJsString(value).Contains('.');

    /// <summary><c>value.toExponential(15)</c> with the mantissa's trailing zeros and the exponent's '+' removed: "1.1E0".</summary>
    public static string ToXsdDouble(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";
        var text = value.ToString("E15", CultureInfo.InvariantCulture); // -1.234500000000000E+003
        var e = text.IndexOf('E');
        var mantissa = text.AsSpan(0, e);
        var end = mantissa.Length;
        while (end > 0 && mantissa[end - 1] == '0') end--;
        // Keep one digit after the point, as the regular expression in jsonld.js does.
        if (mantissa[end - 1] == '.') end++;
        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return string.Concat(mantissa[..end], "E", exponent.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary><c>value.toFixed(0)</c> for the numbers jsonld.js writes as xsd:integer.</summary>
    public static string ToXsdInteger(double value)
    {
        if (Math.Abs(value) >= 1e21) return ToJsString(value);
        var rounded = Math.Round(Math.Abs(value), MidpointRounding.AwayFromZero);
        var digits = new BigInteger(rounded).ToString(CultureInfo.InvariantCulture);
        return value < 0 ? "-" + digits : digits;
    }

    /// <summary>JavaScript's <c>Number::toString</c> (ECMA-262 6.1.6.1.20): the shortest round-trip digits.</summary>
    public static string ToJsString(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (value == 0) return "0";
        if (double.IsInfinity(value)) return value > 0 ? "Infinity" : "-Infinity";
        var sign = value < 0 ? "-" : "";
        var (digits, exponent) = SplitDigits(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));
        var k = digits.Length;
        var n = exponent + 1; // position of the decimal point relative to the digits
        var sb = new StringBuilder(sign);
        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            sb.Append(digits[0]);
            if (k > 1) sb.Append('.').Append(digits, 1, k - 1);
            sb.Append('e').Append(n - 1 >= 0 ? "+" : "-").Append(Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    // "1.2345E+20" or "123.45" or "1E-07" → significant digits without leading/trailing zeros, and the decimal exponent
    // of the first digit.
    private static (string Digits, int Exponent) SplitDigits(string text)
    {
        var e = text.IndexOfAny(['E', 'e']);
        var exponentPart = e >= 0 ? int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var mantissa = e >= 0 ? text[..e] : text;
        var point = mantissa.IndexOf('.');
        var integerPart = point >= 0 ? mantissa[..point] : mantissa;
        var fraction = point >= 0 ? mantissa[(point + 1)..] : "";
        var all = integerPart + fraction;
        var firstNonZero = 0;
        while (firstNonZero < all.Length - 1 && all[firstNonZero] == '0') firstNonZero++;
        var exponent = integerPart.Length - 1 - firstNonZero + exponentPart;
        var digits = all[firstNonZero..].TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        return (digits, exponent);
    }

    /// <summary>RFC 8785 JSON Canonicalization Scheme: sorted keys (UTF-16 order), ECMAScript numbers and strings.</summary>
    public static string Canonicalize(JsonNode? node)
    {
        var sb = new StringBuilder();
        WriteCanonical(sb, node);
        return sb.ToString();
    }

    private static void WriteCanonical(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    if (!first) sb.Append(',');
                    first = false;
                    WriteString(sb, key);
                    sb.Append(':');
                    WriteCanonical(sb, value);
                }
                sb.Append('}');
                break;
            case JsonArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    WriteCanonical(sb, array[i]);
                }
                sb.Append(']');
                break;
            case JsonValue v:
                switch (v.GetValueKind())
                {
                    case JsonValueKind.String: WriteString(sb, v.GetValue<string>()); break;
                    case JsonValueKind.True: sb.Append("true"); break;
                    case JsonValueKind.False: sb.Append("false"); break;
                    case JsonValueKind.Null: sb.Append("null"); break;
                    case JsonValueKind.Number:
                        var number = double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                        if (!double.IsFinite(number)) throw new JsonLdException("JSON numbers must be finite.");
                        sb.Append(ToJsString(number));
                        break;
                }
                break;
        }
    }

    /// <summary>A string as <c>JSON.stringify</c> writes it.</summary>
    public static void WriteString(StringBuilder sb, string value)
    {
        sb.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsSurrogate(c))
                    {
                        var paired = char.IsHighSurrogate(c) ? i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])
                            : i > 0 && char.IsHighSurrogate(value[i - 1]);
                        if (paired) sb.Append(c);
                        else sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
