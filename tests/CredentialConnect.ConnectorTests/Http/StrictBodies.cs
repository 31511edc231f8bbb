using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CredentialConnect.ConnectorTests.Http;

/// <summary>A partner behind a server or firewall that takes a request body only with <c>Content-Length</c>.</summary>
public static class StrictBodies
{
    /// <summary>Answers 411 Length Required to any request with a chunked body or a body-carrying method without <c>Content-Length</c>.</summary>
    public static void RefuseChunkedBodies(this WireMockServer server) =>
        server.Given(Request.Create().UsingAnyMethod().WithHeader(headers => IsChunked(headers) || LacksLength(headers)))
            .AtPriority(0)
            .RespondWith(Response.Create().WithStatusCode(411).WithBody("Length Required"));

    private static bool IsChunked(IDictionary<string, string[]> headers) =>
        Value(headers, "Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true;

    // A body-less GET carries neither header; a request with a content type carries a body and needs its length.
    private static bool LacksLength(IDictionary<string, string[]> headers) =>
        Value(headers, "Content-Type") is not null && Value(headers, "Content-Length") is null;

    private static string? Value(IDictionary<string, string[]> headers, string name) =>
        headers.FirstOrDefault(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } values
            ? string.Join(",", values)
            : null;
}
