using System.Text.Json.Nodes;

namespace CredentialConnect.Badges.JsonLd;

/// <summary>Supplies JSON-LD context documents by URL. Expansion never reaches the network.</summary>
public interface IContextLoader
{
    /// <summary>The context document (the whole JSON document, with its <c>@context</c>); throws <see cref="JsonLdException"/> for an unknown URL.</summary>
    JsonNode Load(string url);
}

/// <summary>A document that cannot be turned into RDF: an unknown context, an invalid keyword value, and so on.</summary>
public sealed class JsonLdException(string message) : Exception(message);
