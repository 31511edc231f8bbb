namespace CredentialConnect.Connectors;

/// <summary>Anything the hub can talk to. Scrutor finds every implementation in the loaded assemblies.</summary>
public interface IConnector
{
    /// <summary>The connector's stable name, used in URLs (<c>/hooks/{name}</c>), configuration and sync history: <c>wild-apricot</c>.</summary>
    string Name { get; }

    /// <summary>True when the connector has the settings it needs to run. An unconfigured connector is skipped, not an error.</summary>
    bool IsConfigured { get; }

    /// <summary>
    /// The <see cref="ConnectorOptions"/> type bound from the connector's configuration section. The host describes
    /// the connector's settings from its properties and their <see cref="SettingAttribute"/>.
    /// </summary>
    Type OptionsType { get; }

    /// <summary>Checks that the partner answers with the configured credentials, without changing anything.</summary>
    Task<Outcome> TestConnectionAsync(CancellationToken cancellationToken);
}
