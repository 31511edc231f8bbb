using System.Xml.Linq;
using CredentialConnect.Badges.Baking;

namespace CredentialConnect.Badges.Tests.Baking;

public sealed class SvgBakingTests
{
    private const string Json = """{"type":["VerifiableCredential","OpenBadgeCredential"],"name":"A & B <C>"}""";
    private const string Jwt = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl";
    private static readonly XNamespace Ob = SvgBaking.Namespace;

    private static readonly string Image = BadgeArtwork.Svg("CPA", "Certified Practice Associate");

    [Fact]
    public void Bake_Json_PutsItInCdataInTheFirstChildElement()
    {
        var baked = SvgBaking.Bake(Image, Json);

        var root = XDocument.Parse(baked).Root!;
        var first = root.Elements().First();
        Assert.Equal(Ob + "credential", first.Name);
        Assert.IsType<XCData>(first.Nodes().Single());
        Assert.Contains("xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\"", baked);
        Assert.Equal(Json, SvgBaking.Extract(baked));
    }

    [Fact]
    public void Bake_Jwt_PutsItInTheVerifyAttribute()
    {
        var baked = SvgBaking.Bake(Image, Jwt);

        var element = XDocument.Parse(baked).Root!.Element(Ob + "credential")!;
        Assert.Equal(Jwt, element.Attribute("verify")?.Value);
        Assert.Equal(Jwt, SvgBaking.Extract(baked));
    }

    [Fact]
    public void Bake_Twice_ReplacesTheEarlierCredential()
    {
        var baked = SvgBaking.Bake(SvgBaking.Bake(Image, Json), Jwt);

        Assert.Single(XDocument.Parse(baked).Root!.Elements(Ob + "credential"));
        Assert.Equal(Jwt, SvgBaking.Extract(baked));
    }

    [Fact]
    public void Bake_JsonContainingTheCdataTerminator_StillRoundTrips()
    {
        const string tricky = """{"name":"ends ]]> here"}""";

        Assert.Equal(tricky, SvgBaking.Extract(SvgBaking.Bake(Image, tricky)));
    }

    [Fact]
    public void Extract_FromAnUnbakedImage_IsNull()
    {
        Assert.Null(SvgBaking.Extract(Image));
    }

    [Fact]
    public void Extract_WithADoctype_Throws()
    {
        const string svg = """<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>""";

        Assert.Throws<BadgeFormatException>(() => SvgBaking.Extract(svg));
    }

    [Fact]
    public void Extract_WithAnExternalEntity_ThrowsWithoutReadingTheFile()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "SECRET-CONTENT");
        try
        {
            var svg = $"""
                <?xml version="1.0"?>
                <!DOCTYPE svg [<!ENTITY leak SYSTEM "file://{secret}">]>
                <svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="{SvgBaking.Namespace}">
                  <openbadges:credential>&leak;</openbadges:credential>
                </svg>
                """;

            var exception = Assert.Throws<BadgeFormatException>(() => SvgBaking.Extract(svg));

            Assert.DoesNotContain("SECRET-CONTENT", exception.Message);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Bake_WithAnExternalEntity_Throws()
    {
        const string svg = """<!DOCTYPE svg SYSTEM "http://example.invalid/svg.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>""";

        Assert.Throws<BadgeFormatException>(() => SvgBaking.Bake(svg, Json));
    }

    [Fact]
    public void Extract_WhenHuge_Throws()
    {
        var huge = "<svg xmlns=\"http://www.w3.org/2000/svg\"><desc>" + new string('a', SvgBaking.MaxCharacters) + "</desc></svg>";

        var exception = Assert.Throws<BadgeFormatException>(() => SvgBaking.Extract(huge));

        Assert.Contains("larger than", exception.Message);
    }

    [Theory]
    [InlineData("<svg")]
    [InlineData("not xml")]
    [InlineData("<html xmlns=\"http://www.w3.org/1999/xhtml\"/>")]
    public void Extract_WhenNotAnSvgDocument_Throws(string text)
    {
        Assert.Throws<BadgeFormatException>(() => SvgBaking.Extract(text));
    }

    [Fact]
    public void Extract_WhenTheCredentialElementIsEmpty_Throws()
    {
        var svg = $"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="{SvgBaking.Namespace}"><openbadges:credential/></svg>""";

        Assert.Throws<BadgeFormatException>(() => SvgBaking.Extract(svg));
    }
}
