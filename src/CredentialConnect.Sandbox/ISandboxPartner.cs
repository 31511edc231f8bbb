using WireMock.Server;

namespace CredentialConnect.Sandbox;

/// <summary>One simulated partner system: stateful WireMock.Net stubs shaped like the real API.</summary>
public interface ISandboxPartner
{
    /// <summary>The connector it stands in for, e.g. <c>wild-apricot</c>.</summary>
    string Connector { get; }

    /// <summary>The configuration section of that connector, e.g. <c>Connectors:WildApricot</c>.</summary>
    string Section { get; }

    /// <summary>Adds the stubs to <paramref name="server"/> and returns the connector settings (keys relative to <see cref="Section"/>) that point the connector at it.</summary>
    IReadOnlyDictionary<string, string?> Start(WireMockServer server, SandboxAssociation association);
}

/// <summary>A sandbox partner whose data changes over time, so the hub has something new to pick up.</summary>
public interface ILiveSandboxPartner : ISandboxPartner
{
    /// <summary>Makes a few changes (a member updated, a course completed), stamped with the association's clock.</summary>
    void Tick();
}
