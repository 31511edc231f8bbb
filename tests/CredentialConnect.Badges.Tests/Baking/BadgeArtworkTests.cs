using System.Buffers.Binary;
using System.Xml.Linq;
using CredentialConnect.Badges.Baking;

namespace CredentialConnect.Badges.Tests.Baking;

public sealed class BadgeArtworkTests
{
    [Fact]
    public void Png_IsAValid256SquareRgbaImage()
    {
        var png = BadgeArtwork.Png("CPA");

        var chunks = PngBakingTests.Chunks(png);
        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks.Select(c => c.Type));
        var header = chunks[0].Data;
        Assert.Equal(256u, BinaryPrimitives.ReadUInt32BigEndian(header));
        Assert.Equal(256u, BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)));
        Assert.Equal(8, header[8]);
        Assert.Equal(6, header[9]);
        Assert.Null(PngBaking.Extract(png)); // every CRC checks out
    }

    [Fact]
    public void Png_ColourDependsOnTheProgramCode()
    {
        Assert.Equal(BadgeArtwork.Png("CPA"), BadgeArtwork.Png("CPA"));
        Assert.NotEqual(BadgeArtwork.Png("CPA"), BadgeArtwork.Png("CFE"));
    }

    [Fact]
    public void Svg_HasAnAccessibleTitleAndShowsTheCodeAndName()
    {
        var svg = XDocument.Parse(BadgeArtwork.Svg("CPA", "Certified Practice Associate & Co"));

        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal("Certified Practice Associate & Co (CPA)", svg.Root.Element(ns + "title")!.Value);
        Assert.Equal("badge-title", svg.Root.Attribute("aria-labelledby")!.Value);
        Assert.Contains(svg.Root.Elements(ns + "text"), t => t.Value == "CPA");
    }
}
