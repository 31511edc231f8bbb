using CredentialConnect.Badges.Canonicalization;
using CredentialConnect.Badges.Rdf;

namespace CredentialConnect.Badges.Tests.Canonicalization;

public sealed class Rdfc10Tests
{
    private static string Canonical(string nquads, int maxWorkFactor = Rdfc10.DefaultMaxWorkFactor) =>
        Rdfc10.Canonicalize(NQuads.Parse(nquads), maxWorkFactor);

    [Fact]
    public void Canonicalize_UniqueHashesExample_LabelsInHashOrder()
    {
        const string input = """
            <http://example.com/#p> <http://example.com/#q> _:e0 .
            <http://example.com/#p> <http://example.com/#r> _:e1 .
            _:e0 <http://example.com/#s> <http://example.com/#u> .
            _:e1 <http://example.com/#t> <http://example.com/#u> .
            """;

        Assert.Equal("""
            <http://example.com/#p> <http://example.com/#q> _:c14n0 .
            <http://example.com/#p> <http://example.com/#r> _:c14n1 .
            _:c14n0 <http://example.com/#s> <http://example.com/#u> .
            _:c14n1 <http://example.com/#t> <http://example.com/#u> .

            """, Canonical(input));
    }

    [Fact]
    public void Canonicalize_SharedHashesExample_NeedsNDegreeHashing()
    {
        const string input = """
            <http://example.com/#p> <http://example.com/#q> _:e0 .
            <http://example.com/#p> <http://example.com/#q> _:e1 .
            _:e0 <http://example.com/#p> _:e2 .
            _:e1 <http://example.com/#p> _:e3 .
            _:e2 <http://example.com/#r> _:e3 .
            """;

        Assert.Equal("""
            <http://example.com/#p> <http://example.com/#q> _:c14n2 .
            <http://example.com/#p> <http://example.com/#q> _:c14n3 .
            _:c14n0 <http://example.com/#r> _:c14n1 .
            _:c14n2 <http://example.com/#p> _:c14n1 .
            _:c14n3 <http://example.com/#p> _:c14n0 .

            """, Canonical(input));
    }

    [Fact]
    public void Canonicalize_IsTheSameWhateverTheLabelsAndOrderOfTheInput()
    {
        const string first = """
            <http://example.com/#p> <http://example.com/#q> _:e0 .
            <http://example.com/#p> <http://example.com/#q> _:e1 .
            _:e0 <http://example.com/#p> _:e2 .
            _:e1 <http://example.com/#p> _:e3 .
            _:e2 <http://example.com/#r> _:e3 .
            """;
        const string relabelledAndShuffled = """
            _:x <http://example.com/#r> _:y .
            _:k <http://example.com/#p> _:y .
            <http://example.com/#p> <http://example.com/#q> _:k .
            _:j <http://example.com/#p> _:x .
            <http://example.com/#p> <http://example.com/#q> _:j .
            """;

        Assert.Equal(Canonical(first), Canonical(relabelledAndShuffled));
    }

    [Fact]
    public void Canonicalize_APureBlankNodeCycle_IsACycleOfCanonicalLabels()
    {
        const string cycle = """
            _:a <http://ex/p> _:b .
            _:b <http://ex/p> _:c .
            _:c <http://ex/p> _:a .
            """;

        Assert.Equal("""
            _:c14n0 <http://ex/p> _:c14n1 .
            _:c14n1 <http://ex/p> _:c14n2 .
            _:c14n2 <http://ex/p> _:c14n0 .

            """, Canonical(cycle, maxWorkFactor: 3));
    }

    [Fact]
    public void Canonicalize_APureBlankNodeCycle_ExceedsTheDefaultWorkLimit_AsJsonLdJsDoes()
    {
        const string cycle = """
            _:a <http://ex/p> _:b .
            _:b <http://ex/p> _:c .
            _:c <http://ex/p> _:a .
            """;

        Assert.Throws<CanonicalizationException>(() => Canonical(cycle));
    }

    [Fact]
    public void Canonicalize_APoisonGraph_ThrowsInsteadOfRunningAway()
    {
        var clique = new System.Text.StringBuilder();
        for (var i = 0; i < 12; i++)
            for (var j = 0; j < 12; j++)
                if (i != j) clique.Append($"_:n{i} <http://ex/p> _:n{j} .\n");

        var error = Assert.Throws<CanonicalizationException>(() => Canonical(clique.ToString(), maxWorkFactor: 2));
        Assert.Contains("144", error.Message);
    }

    [Fact]
    public void Canonicalize_DuplicateQuads_AppearOnce()
    {
        var quad = new RdfQuad(new BlankNode("x"), new Iri("http://ex/p"), new Literal("v", NQuads.XsdString), null);

        Assert.Equal("_:c14n0 <http://ex/p> \"v\" .\n", Rdfc10.Canonicalize([quad, quad, quad with { }]));
    }

    [Fact]
    public void Canonicalize_NamedGraphsAndLiterals_AreWrittenCanonically()
    {
        const string input = """
            _:g <http://ex/p> "tab\there \"quoted\" \\ \u0001"@en-CA _:g .
            <http://ex/s> <http://ex/p> "1.1E0"^^<http://www.w3.org/2001/XMLSchema#double> .
            <http://ex/s> <http://ex/p> "plain"^^<http://www.w3.org/2001/XMLSchema#string> .
            """;

        Assert.Equal("""
            <http://ex/s> <http://ex/p> "1.1E0"^^<http://www.w3.org/2001/XMLSchema#double> .
            <http://ex/s> <http://ex/p> "plain" .
            _:c14n0 <http://ex/p> "tab\there \"quoted\" \\ \u0001"@en-CA _:c14n0 .

            """, Canonical(input));
    }
}
