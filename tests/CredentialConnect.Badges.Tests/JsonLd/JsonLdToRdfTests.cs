using System.Text.Json.Nodes;
using CredentialConnect.Badges.Canonicalization;
using CredentialConnect.Badges.JsonLd;
using CredentialConnect.Badges.Rdf;

namespace CredentialConnect.Badges.Tests.JsonLd;

public sealed class JsonLdToRdfTests
{
    private static JsonObject Credential(JsonObject subject) => new()
    {
        ["@context"] = new JsonArray(PinnedContexts.CredentialsV2, PinnedContexts.OpenBadgesV3),
        ["id"] = "urn:uuid:1",
        ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
        ["issuer"] = "https://example.org/issuer",
        ["validFrom"] = "2025-01-01T00:00:00Z",
        ["credentialSubject"] = subject,
    };

    private static string Canonical(JsonObject document) =>
        Rdfc10.Canonicalize(JsonLdToRdf.ToRdf(document, PinnedContexts.Instance));

    [Fact]
    public void PinnedContexts_UnknownUrl_Throws()
    {
        var error = Assert.Throws<JsonLdException>(() => PinnedContexts.Instance.Load("https://example.org/other"));
        Assert.Contains("https://example.org/other", error.Message);
    }

    [Fact]
    public void PinnedContexts_LoadsEachPinnedContextOnceAndCachesIt()
    {
        foreach (var url in PinnedContexts.Urls)
        {
            var first = PinnedContexts.Instance.Load(url);
            Assert.NotNull(first["@context"]);
            Assert.Same(first, PinnedContexts.Instance.Load(url));
        }
    }

    [Fact]
    public void ToRdf_TypeScopedTermsAndCoercions_ExpandToTheirIris()
    {
        var quads = NQuads.Serialize(JsonLdToRdf.ToRdf(Credential(new JsonObject
        {
            ["id"] = "did:example:1",
            ["type"] = "AchievementSubject",
            ["activityStartDate"] = "2024-01-15",
            ["achievement"] = new JsonObject
            {
                ["id"] = "https://example.org/a/1",
                ["type"] = "Achievement",
                ["name"] = "A",
                ["criteria"] = new JsonObject { ["narrative"] = "Do it" },
            },
        }), PinnedContexts.Instance));

        Assert.Contains("<did:example:1> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#activityStartDate> \"2024-01-15\"^^<https://www.w3.org/2001/XMLSchema#date> .", quads);
        Assert.Contains("<urn:uuid:1> <https://www.w3.org/2018/credentials#validFrom> \"2025-01-01T00:00:00Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime> .", quads);
        Assert.Contains("<urn:uuid:1> <https://www.w3.org/2018/credentials#issuer> <https://example.org/issuer> .", quads);
        Assert.Contains("<https://example.org/a/1> <https://schema.org/name> \"A\" .", quads);
    }

    [Theory]
    [InlineData("5", "\"5\"^^<http://www.w3.org/2001/XMLSchema#integer>")]
    [InlineData("5.0", "\"5\"^^<http://www.w3.org/2001/XMLSchema#integer>")]
    [InlineData("1.1", "\"1.1E0\"^^<http://www.w3.org/2001/XMLSchema#double>")]
    [InlineData("-0.5", "\"-5.0E-1\"^^<http://www.w3.org/2001/XMLSchema#double>")]
    [InlineData("1e21", "\"1.0E21\"^^<http://www.w3.org/2001/XMLSchema#double>")]
    [InlineData("1234567.891", "\"1.234567891E6\"^^<http://www.w3.org/2001/XMLSchema#double>")]
    [InlineData("true", "\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>")]
    public void ToRdf_NativeNumbersAndBooleans_BecomeXsdLiteralsAsJsonLdJsWritesThem(string json, string literal)
    {
        var subject = new JsonObject
        {
            ["type"] = "AchievementSubject",
            ["result"] = new JsonArray(new JsonObject { ["type"] = "Result", ["value"] = JsonNode.Parse(json) }),
        };

        Assert.Contains($"<https://schema.org/value> {literal} .", Canonical(Credential(subject)));
    }

    [Fact]
    public void ToRdf_JsonLiteral_IsCanonicalJsonWithTheRdfJsonDatatype()
    {
        var credential = Credential(new JsonObject { ["id"] = "did:example:1" });
        credential["credentialSchema"] = new JsonObject
        {
            ["id"] = "https://example.org/schema",
            ["type"] = "JsonSchema",
            ["jsonSchema"] = JsonNode.Parse("""{"b": [1.0, 2.5, "é\n"], "a": {"y": null, "x": 1e21}}"""),
        };

        Assert.Contains(
            "<https://example.org/schema> <https://www.w3.org/2018/credentials#jsonSchema> \"{\\\"a\\\":{\\\"x\\\":1e+21,\\\"y\\\":null},\\\"b\\\":[1,2.5,\\\"é\\\\n\\\"]}\"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> .",
            Canonical(credential));
    }

    [Fact]
    public void ToRdf_LanguageTaggedValue_KeepsItsLanguageInLowerCase()
    {
        var subject = new JsonObject
        {
            ["id"] = "did:example:1",
            ["type"] = "AchievementSubject",
            ["achievement"] = new JsonObject
            {
                ["id"] = "https://example.org/a/1",
                ["type"] = "Achievement",
                ["name"] = new JsonObject { ["@value"] = "Travail d'équipe", ["@language"] = "fr-CA" },
            },
        };

        Assert.Contains("<https://example.org/a/1> <https://schema.org/name> \"Travail d'équipe\"@fr-ca .", Canonical(Credential(subject)));
    }

    [Fact]
    public void ToRdf_ListContainer_BecomesAnRdfList()
    {
        var subject = new JsonObject
        {
            ["id"] = "did:example:1",
            ["type"] = "AchievementSubject",
            ["achievement"] = new JsonObject
            {
                ["id"] = "https://example.org/a/1",
                ["type"] = "Achievement",
                ["resultDescription"] = new JsonArray(new JsonObject
                {
                    ["id"] = "https://example.org/rd/1",
                    ["type"] = "ResultDescription",
                    ["allowedValue"] = new JsonArray("A", "B"),
                }),
            },
        };

        var canonical = Canonical(Credential(subject));

        Assert.Contains("<http://www.w3.org/1999/02/22-rdf-syntax-ns#first> \"A\" .", canonical);
        Assert.Contains("<http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .", canonical);
    }

    [Fact]
    public void ToRdf_ProofBecomesANamedGraph()
    {
        var credential = Credential(new JsonObject { ["id"] = "did:example:1" });
        credential["proof"] = new JsonObject
        {
            ["type"] = "DataIntegrityProof",
            ["cryptosuite"] = "eddsa-rdfc-2022",
            ["proofPurpose"] = "assertionMethod",
        };

        var quads = JsonLdToRdf.ToRdf(credential, PinnedContexts.Instance);

        var proofLink = Assert.Single(quads, q => q.Predicate.Value == "https://w3id.org/security#proof");
        var graph = Assert.IsType<BlankNode>(proofLink.Object);
        Assert.Contains(quads, q => q.Graph == graph && q.Object == new Iri("https://w3id.org/security#assertionMethod"));
    }

    [Fact]
    public void ToRdf_UndefinedTerm_Throws()
    {
        var credential = Credential(new JsonObject { ["id"] = "did:example:1", ["nickname"] = "Sam" });

        var error = Assert.Throws<JsonLdException>(() => JsonLdToRdf.ToRdf(credential, PinnedContexts.Instance));
        Assert.Contains("nickname", error.Message);
    }

    [Fact]
    public void ToRdf_RedefiningAProtectedTerm_Throws()
    {
        var credential = Credential(new JsonObject { ["id"] = "did:example:1" });
        credential["@context"]!.AsArray().Add(new JsonObject { ["name"] = "https://example.org/name" });

        var error = Assert.Throws<JsonLdException>(() => JsonLdToRdf.ToRdf(credential, PinnedContexts.Instance));
        Assert.Contains("protected", error.Message);
    }

    [Fact]
    public void ToRdf_RelativeId_Throws()
    {
        var credential = Credential(new JsonObject { ["id"] = "members/1" });

        Assert.Throws<JsonLdException>(() => JsonLdToRdf.ToRdf(credential, PinnedContexts.Instance));
    }

    [Fact]
    public void ToRdf_InlineContextWithVocabAndPrefixes_ExpandsCompactIris()
    {
        var document = new JsonObject
        {
            ["@context"] = new JsonObject
            {
                ["@version"] = 1.1,
                ["@vocab"] = "https://vocab.example/",
                ["ex"] = "https://ex.example/",
                ["tags"] = new JsonObject { ["@id"] = "ex:tags", ["@container"] = "@list" },
                ["link"] = new JsonObject { ["@id"] = "ex:link", ["@type"] = "@vocab" },
                ["label"] = new JsonObject { ["@id"] = "ex:label", ["@language"] = "en" },
            },
            ["@id"] = "ex:thing",
            ["colour"] = "red",
            ["link"] = "Other",
            ["label"] = "Hello",
            ["tags"] = new JsonArray(),
        };

        var quads = NQuads.Serialize(JsonLdToRdf.ToRdf(document, PinnedContexts.Instance));

        Assert.Contains("<https://ex.example/thing> <https://vocab.example/colour> \"red\" .", quads);
        Assert.Contains("<https://ex.example/thing> <https://ex.example/link> <https://vocab.example/Other> .", quads);
        Assert.Contains("<https://ex.example/thing> <https://ex.example/label> \"Hello\"@en .", quads);
        Assert.Contains("<https://ex.example/thing> <https://ex.example/tags> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .", quads);
    }
}
