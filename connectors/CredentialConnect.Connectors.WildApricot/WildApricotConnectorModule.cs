using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.Connectors.WildApricot;

/// <summary>The host's entry point into this project.</summary>
public sealed class WildApricotConnectorModule : IConnectorModule
{
    /// <inheritdoc />
    public void Register(IServiceCollection services) => services.AddWildApricotConnector();
}
