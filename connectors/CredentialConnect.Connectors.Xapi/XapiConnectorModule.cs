using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.Connectors.Xapi;

/// <summary>Lets the host register the xAPI connector without naming it.</summary>
public sealed class XapiConnectorModule : IConnectorModule
{
    /// <inheritdoc />
    public void Register(IServiceCollection services) => services.AddXapiConnector();
}
