using System.Reflection;
using CredentialConnect.Connectors;
using CredentialConnect.Web.Data;
using Microsoft.Extensions.DependencyModel;

namespace CredentialConnect.Web.Features.Connectors;

public static class ConnectorsModule
{
    /// <summary>
    /// Finds every connector project the host ships with (assemblies named <c>CredentialConnect.Connectors.*</c>),
    /// runs its module, and registers its adapters and webhook verifiers by scanning. Adding a connector
    /// project needs no change here.
    /// </summary>
    public static IHostApplicationBuilder AddConnectors(this IHostApplicationBuilder builder)
    {
        var assemblies = ConnectorAssemblies();
        foreach (var module in assemblies.SelectMany(a => a.GetExportedTypes())
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IConnectorModule).IsAssignableFrom(t)))
            ((IConnectorModule)Activator.CreateInstance(module)!).Register(builder.Services);

        builder.Services.Scan(scan => scan.FromAssemblies(assemblies)
            .AddClasses(c => c.AssignableTo<IConnector>()).AsSelfWithInterfaces().WithTransientLifetime()
            .AddClasses(c => c.AssignableTo<IWebhookVerifier>()).As<IWebhookVerifier>().WithTransientLifetime());

        // Settings staff save in the admin console overlay the configuration the connectors bind, on every node.
        builder.AddSavedSettings<ConnectorSettingsSource, ConnectorSettingsStore>(new ConnectorSettingsSource());
        builder.Services.AddScoped<ConnectorCatalog>();
        return builder;
    }

    private static Assembly[] ConnectorAssemblies()
    {
        const string prefix = "CredentialConnect.Connectors.";
        var names = DependencyContext.Default?.RuntimeLibraries.Select(l => l.Name) ?? [];
        return names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => Assembly.Load(new AssemblyName(n)))
            .ToArray();
    }

    /// <summary>A connector's configuration section: <c>wild-apricot</c> → <c>Connectors:WildApricot</c>.</summary>
    public static string SectionOf(string connector) =>
        "Connectors:" + string.Concat(connector.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}

/// <summary>The connectors the host has, by name and by what they do.</summary>
public sealed class ConnectorCatalog(IEnumerable<IConnector> connectors)
{
    public IReadOnlyList<IConnector> All { get; } = connectors.GroupBy(c => c.Name).Select(g => g.First()).OrderBy(c => c.Name).ToList();

    public IConnector? Find(string name) => All.FirstOrDefault(c => c.Name == name);

    public IEnumerable<IMemberSource> MemberSources => All.OfType<IMemberSource>().Where(IsReady);
    public IEnumerable<ILearningSource> LearningSources => All.OfType<ILearningSource>().Where(IsReady);
    public ICommunityTarget? Community => All.OfType<ICommunityTarget>().FirstOrDefault(IsReady);

    /// <summary>
    /// Enabled and with valid settings. An enabled connector whose settings are incomplete (a secret cleared when its
    /// address moved) is skipped like an unconfigured one until staff complete them.
    /// </summary>
    public static bool IsReady(IConnector connector)
    {
        try
        {
            return connector.IsConfigured;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException)
        {
            return false;
        }
    }

    public static IReadOnlyList<string> KindsOf(IConnector connector) =>
    [
        .. connector is IMemberSource ? ["members"] : Array.Empty<string>(),
        .. connector is ILearningSource ? ["learning"] : Array.Empty<string>(),
        .. connector is ICommunityTarget ? ["community"] : Array.Empty<string>(),
    ];
}
