using CredentialConnect.Badges.Rdf;

namespace CredentialConnect.Badges.Tests.Canonicalization;

public sealed class NQuadsTests
{
    [Fact]
    public void Serialize_EscapesLiteralsAndIrisAsRdfcDoes()
    {
        var quad = new RdfQuad(new Iri("http://ex/a b"), new Iri("http://ex/p"),
            new Literal("a\"b\\c\nd\re\tf\bg\fh\u0000i\u007fj é 🎓", NQuads.XsdString), new BlankNode("g1"));

        Assert.Equal("<http://ex/a\\u0020b> <http://ex/p> \"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0000i\\u007Fj é 🎓\" _:g1 .\n",
            NQuads.Serialize(quad));
    }

    [Fact]
    public void Parse_ThenSerialize_RoundTrips()
    {
        const string text = "<http://ex/s> <http://ex/p> \"x\\ny\"@fr _:b0 .\n" +
                            "_:b1 <http://ex/p> \"5\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n" +
                            "_:b1 <http://ex/p> <http://ex/o> .\n";

        var quads = NQuads.Parse(text);

        Assert.Equal(3, quads.Count);
        Assert.Equal(new Literal("x\ny", NQuads.RdfLangString, "fr"), quads[0].Object);
        Assert.Equal(text, NQuads.Serialize(quads));
    }

    [Theory]
    [InlineData("<http://ex/s> <http://ex/p> .")]
    [InlineData("\"lit\" <http://ex/p> <http://ex/o> .")]
    [InlineData("<http://ex/s> <http://ex/p> \"unterminated .")]
    [InlineData("<http://ex/s> <http://ex/p> <http://ex/o>")]
    public void Parse_RejectsMalformedLines(string line) =>
        Assert.Throws<FormatException>(() => NQuads.Parse(line));
}
