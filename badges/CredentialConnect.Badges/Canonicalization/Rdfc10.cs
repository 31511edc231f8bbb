using CredentialConnect.Badges.Rdf;

namespace CredentialConnect.Badges.Canonicalization;

/// <summary>RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation) with SHA-256.</summary>
public static class Rdfc10
{
    /// <summary>The canonical N-Quads of the dataset: blank nodes relabelled <c>_:c14n0…</c>, lines sorted.</summary>
    public static string Canonicalize(IReadOnlyList<RdfQuad> dataset) => throw new NotImplementedException();
}
