using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.Connectors;

/// <summary>
/// A connector project's registration. The host finds every implementation in the assemblies it ships with
/// and calls it, so adding a connector project needs no change to the host.
/// </summary>
public interface IConnectorModule
{
    /// <summary>Registers the connector's options, Refit client and handlers. The adapter and webhook verifier are found by scanning.</summary>
    void Register(IServiceCollection services);
}
