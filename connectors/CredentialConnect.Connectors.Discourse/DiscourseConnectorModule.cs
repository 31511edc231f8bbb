using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.Connectors.Discourse;

/// <summary>The Discourse connector's registration, found by the host.</summary>
public sealed class DiscourseConnectorModule : IConnectorModule
{
    /// <inheritdoc />
    public void Register(IServiceCollection services) => services.AddDiscourseConnector();
}
