namespace CredentialConnect.Badges.Rdf;

/// <summary>N-Quads as RDFC-1.0 writes them: one quad per line, canonical escaping, each line ending in <c>\n</c>.</summary>
public static class NQuads
{
    public static string Serialize(RdfQuad quad) => throw new NotImplementedException();

    public static string Serialize(IEnumerable<RdfQuad> quads) => throw new NotImplementedException();

    public static IReadOnlyList<RdfQuad> Parse(string nquads) => throw new NotImplementedException();
}
