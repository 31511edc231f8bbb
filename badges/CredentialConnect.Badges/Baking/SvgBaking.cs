namespace CredentialConnect.Badges.Baking;

/// <summary>Open Badges 3.0 baked SVG: an <c>&lt;openbadges:credential&gt;</c> element in the image.</summary>
public static class SvgBaking
{
    public const string Namespace = "https://purl.imsglobal.org/ob/v3p0";

    /// <summary>The image with the credential baked in: JSON in CDATA, a JWT in the <c>verify</c> attribute.</summary>
    public static string Bake(string svg, string credential) => throw new NotImplementedException();

    /// <summary>The baked credential or null; parsed with DTDs off, throws <see cref="BadgeFormatException"/> on malformed or unsafe XML.</summary>
    public static string? Extract(string svg) => throw new NotImplementedException();
}
