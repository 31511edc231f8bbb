using System.Text.Json.Nodes;
using CredentialConnect.Badges.Rdf;

namespace CredentialConnect.Badges.JsonLd;

/// <summary>JSON-LD 1.1 expansion and deserialization to RDF, enough for credentials on the pinned contexts.</summary>
public static class JsonLdToRdf
{
    /// <summary>The document's RDF dataset; throws <see cref="JsonLdException"/> for what cannot be expanded.</summary>
    public static IReadOnlyList<RdfQuad> ToRdf(JsonObject document, IContextLoader contexts) => throw new NotImplementedException();
}
