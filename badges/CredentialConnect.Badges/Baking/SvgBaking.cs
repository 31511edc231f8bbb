using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace CredentialConnect.Badges.Baking;

/// <summary>Open Badges 3.0 baked SVG: an <c>&lt;openbadges:credential&gt;</c> element in the image.</summary>
public static partial class SvgBaking
{
    public const string Namespace = "https://purl.imsglobal.org/ob/v3p0";

    /// <summary>Larger documents are refused by the parser, which never expands entities or reads a DTD.</summary>
    public const int MaxCharacters = 16 * 1024 * 1024;

    private static readonly XNamespace Ob = Namespace;
    private static readonly XName CredentialName = Ob + "credential";

    /// <summary>The image with the credential baked in: JSON in CDATA, a JWT in the <c>verify</c> attribute.</summary>
    public static string Bake(string svg, string credential)
    {
        ArgumentException.ThrowIfNullOrEmpty(credential);
        var document = Parse(svg);
        var root = document.Root!;
        foreach (var earlier in root.Elements(CredentialName).ToList()) earlier.Remove();

        root.SetAttributeValue(XNamespace.Xmlns + "openbadges", Namespace);
        var baked = CompactJwt().IsMatch(credential)
            ? new XElement(CredentialName, new XAttribute("verify", credential))
            : new XElement(CredentialName, new XCData(credential));
        root.AddFirst(baked);
        return document.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>The baked credential or null; parsed with DTDs off, throws <see cref="BadgeFormatException"/> on malformed or unsafe XML.</summary>
    public static string? Extract(string svg)
    {
        var baked = Parse(svg).Root!.Elements(CredentialName).ToList();
        if (baked.Count == 0) return null;
        if (baked.Count > 1) throw new BadgeFormatException("The SVG has more than one openbadges:credential element.");

        var credential = baked[0].Attribute("verify")?.Value ?? baked[0].Value.Trim();
        return credential.Length > 0 ? credential : throw new BadgeFormatException("The openbadges:credential element is empty.");
    }

    // A document type or entity is refused outright, so nothing is expanded and no file or URL is ever read.
    private static XDocument Parse(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        if (svg.Length > MaxCharacters) throw new BadgeFormatException($"The SVG is larger than {MaxCharacters} characters.");

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxCharacters,
            MaxCharactersFromEntities = 0,
        };
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(svg), settings);
            document = XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException e)
        {
            throw new BadgeFormatException($"The SVG is not well-formed or safe XML: {e.Message}");
        }

        return document.Root?.Name.LocalName == "svg" ? document : throw new BadgeFormatException("The document is not an SVG image.");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$")]
    private static partial Regex CompactJwt();
}
