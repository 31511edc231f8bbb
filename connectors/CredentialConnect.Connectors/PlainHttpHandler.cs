namespace CredentialConnect.Connectors;

/// <summary>
/// Sends every partner request body the way the plainest HTTP/1.1 server, proxy or firewall expects it: buffered and
/// with <c>Content-Length</c>, never chunked. Some servers refuse a chunked body (411 Length Required) or read it as empty.
/// </summary>
public sealed class PlainHttpHandler : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content && content.Headers.ContentLength is null)
            request.Content = await BufferedAsync(content, cancellationToken);
        request.Headers.TransferEncodingChunked = null;
        return await base.SendAsync(request, cancellationToken);
    }

    private static async Task<HttpContent> BufferedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var body = await content.ReadAsByteArrayAsync(cancellationToken);
        var buffered = new ByteArrayContent(body);
        foreach (var header in content.Headers.NonValidated)
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        content.Dispose();
        return buffered;
    }
}
