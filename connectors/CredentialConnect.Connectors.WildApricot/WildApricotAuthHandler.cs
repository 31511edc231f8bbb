using System.Net;
using System.Net.Http.Headers;

namespace CredentialConnect.Connectors.WildApricot;

/// <summary>
/// Puts the bearer token on every API call. When the API answers 401 (a token revoked or expired early), it
/// fetches a new token and sends the call once more. When no token can be had, it answers for the API: 503 for a
/// passing failure (so the call is retried like any outage) and 401 for a key Wild Apricot refuses.
/// </summary>
internal sealed class WildApricotAuthHandler(WildApricotTokens tokens) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(rejected: null, cancellationToken);
        if (token.Failure is { } failure) return NoToken(failure, request);

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        var renewed = await tokens.GetAsync(rejected: token.Value, cancellationToken);
        if (renewed.Failure is not null) return response;
        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed.Value);
        return await base.SendAsync(request, cancellationToken);
    }

    private static HttpResponseMessage NoToken(Outcome failure, HttpRequestMessage request)
    {
        var (status, reason, retryAfter) = failure switch
        {
            Outcome.Retryable retryable => (HttpStatusCode.ServiceUnavailable, retryable.Reason, retryable.RetryAfter),
            Outcome.Permanent permanent => (HttpStatusCode.Unauthorized, permanent.Reason, null),
            _ => (HttpStatusCode.Unauthorized, failure.ToString(), (TimeSpan?)null),
        };
        var response = new HttpResponseMessage(status)
        {
            RequestMessage = request,
            ReasonPhrase = reason.ReplaceLineEndings(" "),
        };
        if (retryAfter is { } delay) response.Headers.RetryAfter = new RetryConditionHeaderValue(delay);
        return response;
    }
}
