using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CredentialConnect.Connectors.Discourse;

/// <summary>Registers the Discourse connector.</summary>
public static class DiscourseServiceCollectionExtensions
{
    /// <summary>Binds <see cref="DiscourseOptions"/> and registers <see cref="IDiscourseApi"/> with the API-key handler and the standard resilience.</summary>
    public static IServiceCollection AddDiscourseConnector(this IServiceCollection services)
    {
        services.AddLogging();
        services.TryAddTransient<DiscourseAuthHandler>();
        services.AddConnectorClient<IDiscourseApi, DiscourseOptions>(DiscourseOptions.Section)
            // A found message topic answers with a redirect; the redirect itself is the answer, so it is not followed.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddHttpMessageHandler<DiscourseAuthHandler>();
        return services;
    }
}
