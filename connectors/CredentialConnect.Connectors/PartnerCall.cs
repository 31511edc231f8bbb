using System.Text.Json;
using Polly.Timeout;
using Refit;

namespace CredentialConnect.Connectors;

/// <summary>Runs one Refit call and turns every way it can fail into an <see cref="Outcome"/>, so adapters never throw across the boundary.</summary>
public static class PartnerCall
{
    /// <summary>
    /// Calls the partner and reads the body. Error statuses become <see cref="Outcome.Retryable"/> or
    /// <see cref="Outcome.Permanent"/>; timeouts, refused connections and malformed JSON are retryable, because
    /// a partner that garbled one answer usually answers the next one properly.
    /// </summary>
    public static async Task<Fetch<T>> ReadAsync<T>(Func<CancellationToken, Task<IApiResponse<T>>> call, TimeProvider clock, string what, CancellationToken cancellationToken)
    {
        var response = await SendAsync(call, what, cancellationToken);
        if (response.Failure is { } failure) return Fetch<T>.Failed(failure);
        var answer = response.Value!;
        if (answer.IsSuccessful && answer.Content is not null) return Fetch<T>.Of(answer.Content);
        if (answer.IsSuccessStatusCode) return Fetch<T>.Retry($"{what}: the partner's answer could not be read ({answer.Error?.InnerException?.Message ?? "empty body"}).");
        return Fetch<T>.Failed(answer.FailureOutcome(clock, what));
    }

    /// <summary>Calls the partner and returns the raw response, for adapters that read the status themselves (404 meaning "not there yet", 422 meaning "already done").</summary>
    public static async Task<Fetch<TResponse>> SendAsync<TResponse>(Func<CancellationToken, Task<TResponse>> call, string what, CancellationToken cancellationToken)
        where TResponse : IApiResponse
    {
        try
        {
            return Fetch<TResponse>.Of(await call(cancellationToken));
        }
        catch (Exception e) when (IsTransient(e, cancellationToken))
        {
            return Fetch<TResponse>.Retry($"{what}: {e.Message}");
        }
    }

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        HttpRequestException or TimeoutRejectedException or JsonException or ApiException => true,
        // A cancellation the caller did not ask for is HttpClient's own timeout.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
