using System.Text.Json.Nodes;
using CredentialConnect.Badges.Canonicalization;
using CredentialConnect.Badges.DataIntegrity;
using CredentialConnect.Badges.JsonLd;
using CredentialConnect.Badges.Tests.Support;

namespace CredentialConnect.Badges.Tests.Interop;

/// <summary>
/// Our JSON-LD to RDF and RDFC-1.0 against the pinned npm jsonld (9.0.0, safe mode, offline over the same pinned
/// contexts): the canonical N-Quads must be the same, byte for byte, for every generated credential.
/// </summary>
public sealed class DifferentialCanonicalizationTests
{
    private const int GeneratedCount = 240;

    [Fact]
    public void Canonicalize_GeneratedCredentialsAndTheTestVector_MatchJsonLdJsByteForByte()
    {
        var generator = new CredentialGenerator(seed: 20240601);
        var documents = Enumerable.Range(0, GeneratedCount).Select(generator.Next).ToList();
        documents.Add(TestVector.Credential());
        var key = Ed25519KeyPair.FromSeed(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var signed = EddsaRdfc2022.Sign(documents[0], key, "https://example.org/issuers/1#key-1",
            new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero));
        documents.Add(signed);

        var expected = NodeCanonicalizer.Canonize(documents);

        Assert.Equal(documents.Count, expected.Count);
        var mismatches = new List<string>();
        for (var i = 0; i < documents.Count; i++)
        {
            string actual;
            try
            {
                actual = Rdfc10.Canonicalize(JsonLdToRdf.ToRdf(documents[i], PinnedContexts.Instance));
            }
            catch (Exception e)
            {
                actual = $"(threw {e.GetType().Name}: {e.Message})";
            }
            if (actual != expected[i])
                mismatches.Add($"document {i}:\n{documents[i].ToJsonString()}\n--- jsonld.js ---\n{expected[i]}--- ours ---\n{actual}");
        }
        Assert.True(mismatches.Count == 0,
            $"{mismatches.Count} of {documents.Count} documents differ; the first:\n{mismatches.FirstOrDefault()}");
    }
}
