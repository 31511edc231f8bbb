using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;

namespace CredentialConnect.Connectors.WildApricot;

/// <summary>Registers the Wild Apricot connector.</summary>
public static class WildApricotServiceCollectionExtensions
{
    /// <summary>
    /// Registers the options, the API client with its bearer-token handler, and the token client for the separate
    /// OAuth host. The member source and webhook verifier are found by the host's scan.
    /// </summary>
    public static IServiceCollection AddWildApricotConnector(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();

        // Tokens: one cache for the process, fetched from the OAuth host with the attempt timeout only; a failed
        // fetch fails the API call it was for, and that call's own retry fetches again.
        services.TryAddSingleton<WildApricotTokens>();
        services.TryAddTransient<WildApricotAuthHandler>();
        services.AddHttpClient(WildApricotTokens.AuthClient, (sp, http) =>
                http.BaseAddress = sp.GetRequiredService<IOptionsMonitor<WildApricotOptions>>().CurrentValue.AuthUrl
                    ?? new Uri("http://unconfigured.invalid/"))
            .AddPlainHttp()
            .AddResilienceHandler("token", (pipeline, context) =>
                pipeline.AddTimeout(context.ServiceProvider.GetRequiredService<IOptionsMonitor<WildApricotOptions>>().CurrentValue.AttemptTimeout));

        // The API: the standard client, with the token added inside the retry so every attempt carries a fresh one.
        services.AddConnectorClient<IWildApricotApi, WildApricotOptions>(WildApricotOptions.Section)
            .AddHttpMessageHandler<WildApricotAuthHandler>();
        return services;
    }
}
