using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace CredentialConnect.Connectors.Xapi;

/// <summary>Registration of the xAPI LRS connector.</summary>
public static class XapiServiceCollectionExtensions
{
    /// <summary>Registers the xAPI options, the Refit client and its auth handler. The adapter and webhook verifier are found by scanning.</summary>
    public static IServiceCollection AddXapiConnector(this IServiceCollection services)
    {
        services.AddTransient<XapiAuthHandler>();
        var client = services.AddConnectorClient<IXapiApi, XapiOptions>(XapiOptions.Section)
            .AddHttpMessageHandler<XapiAuthHandler>();

        // AddRefitClient builds requests by reflection, which needs the Refit.Reflection package; the build has
        // the source-generated client instead, so it replaces that registration over the same configured HttpClient.
        services.AddTransient<IXapiApi>(sp => RestService.ForGenerated<IXapiApi>(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(client.Name),
            new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(ConnectorJson.Options) }));
        return services;
    }
}
