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
        services.AddConnectorClient<IXapiApi, XapiOptions>(XapiOptions.Section)
            .AddHttpMessageHandler<XapiAuthHandler>();
        return services;
    }
}
