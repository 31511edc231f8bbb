using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace CredentialConnect.Connectors;

/// <summary>The one way a connector registers its Refit client, so every partner gets the same resilience and the same start-up checks.</summary>
public static class ConnectorRegistration
{
    /// <summary>
    /// Binds and validates <typeparamref name="TOptions"/> from <paramref name="section"/>, and registers the Refit
    /// client <typeparamref name="TApi"/> against <see cref="ConnectorOptions.BaseUrl"/> with the standard
    /// resilience handler and <see cref="PlainHttpHandler"/>. Safe methods are retried inside a call; a POST only
    /// when it failed before any of it left the hub (a refused connection, a name that did not resolve), so a POST
    /// that may have reached the partner is never re-sent blindly: the dispatcher checks first and then decides.
    /// </summary>
    public static IHttpClientBuilder AddConnectorClient<TApi, TOptions>(this IServiceCollection services, string section)
        where TApi : class
        where TOptions : ConnectorOptions, new()
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, ConnectorAddressValidation<TOptions>>());

        var client = services
            // The source-generated client: request building by reflection would need a package the build does not have.
            .AddRefitGeneratedClient<TApi>(_ => new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(ConnectorJson.Options) })
            .ConfigureHttpClient((sp, http) =>
            {
                // An unconfigured or incomplete connector still gets a client, so everything that lists connectors works;
                // it is never called while IsConfigured is false, and a call with incomplete settings fails on them.
                http.BaseAddress = CurrentOrDefault<TOptions>(sp).BaseUrl ?? new Uri("http://unconfigured.invalid/");
            })
            .AddPlainHttp();

        client.AddResilienceHandler("standard", (pipeline, context) =>
        {
            var options = CurrentOrDefault<TOptions>(context.ServiceProvider);
            // Waits on the network are real time, even where the hub's own clock is simulated.
            pipeline.TimeProvider = TimeProvider.System;
            pipeline.AddRetry(RetryFor(options));
            pipeline.AddTimeout(options.AttemptTimeout);
        });
        return client;
    }

    /// <summary>
    /// Adds <see cref="PlainHttpHandler"/> to a partner client, so its request bodies carry <c>Content-Length</c>.
    /// Clients made by <see cref="AddConnectorClient{TApi, TOptions}"/> have it.
    /// </summary>
    public static IHttpClientBuilder AddPlainHttp(this IHttpClientBuilder client) =>
        client.AddHttpMessageHandler(() => new PlainHttpHandler());

    // Settings that fail validation (an enabled connector whose secret was cleared) must not break building the client.
    private static TOptions CurrentOrDefault<TOptions>(IServiceProvider services) where TOptions : ConnectorOptions, new()
    {
        try
        {
            return services.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue;
        }
        catch (OptionsValidationException)
        {
            return new TOptions();
        }
    }

    // The standard handler's retry, with the connector's limits and without retrying unsafe methods.
    private static HttpRetryStrategyOptions RetryFor(ConnectorOptions options)
    {
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
            Delay = options.RetryDelay,
            MaxDelay = options.MaxRetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldRetryAfterHeader = true,
        };
        // A partner that asks for a longer wait than one call may take is answered at once with Retryable(retryAfter):
        // the sync or the dispatcher then waits on its own schedule instead of holding a request open.
        retry.ShouldHandle = args => ValueTask.FromResult(
            IsSafe(args.Context.GetRequestMessage()?.Method)
                ? options.MaxRetries > 0
                    && HttpClientResiliencePredicates.IsTransient(args.Outcome)
                    && !(args.Outcome.Result?.Headers.RetryAfter(TimeProvider.System) > options.MaxRetryDelay)
                : NeverSent(args.Outcome.Exception));
        return retry;
    }

    private static bool IsSafe(HttpMethod? method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Trace;

    /// <summary>
    /// True when a request failed before any byte of it was written: the connection could not be made at all. A
    /// failure on a connection that was open (a reset, an answer cut short) may come after the partner read the
    /// request, so it is not this.
    /// </summary>
    public static bool NeverSent(Exception? failure) => failure is HttpRequestException
    {
        HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError,
    };

    /// <summary>The <c>Retry-After</c> a response carries, as a delay from now; null when it has none.</summary>
    public static TimeSpan? RetryAfter(this System.Net.Http.Headers.HttpResponseHeaders? headers, TimeProvider clock) => headers?.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>The outcome a failed response means: 408, 429 and 5xx can pass; anything else will not. A 429 is marked <see cref="Outcome.Retryable.RateLimited"/>.</summary>
    public static Outcome FailureOutcome(this IApiResponse response, TimeProvider clock, string what)
    {
        // No status at all means the request never got an answer: a timeout or a refused connection.
        var code = (int?)response.StatusCode ?? 0;
        var reason = code == 0 ? $"{what}: {response.Error?.Message ?? "no response"}" : $"{what}: HTTP {code} {response.ReasonPhrase}".TrimEnd();
        return code is 0 or (int)HttpStatusCode.TooManyRequests or (int)HttpStatusCode.RequestTimeout or >= 500
            ? new Outcome.Retryable(reason, response.Headers.RetryAfter(clock), RateLimited: code == (int)HttpStatusCode.TooManyRequests)
            : new Outcome.Permanent(reason);
    }
}
