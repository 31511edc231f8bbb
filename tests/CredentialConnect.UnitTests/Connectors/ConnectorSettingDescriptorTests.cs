using CredentialConnect.Connectors;
using CredentialConnect.Connectors.Discourse;
using CredentialConnect.Connectors.WildApricot;
using CredentialConnect.Connectors.Xapi;
using CredentialConnect.Web.Features.Connectors;

namespace CredentialConnect.UnitTests.Connectors;

public sealed class ConnectorSettingDescriptorTests
{
    public static readonly TheoryData<string, Type> Connectors = new()
    {
        { "wild-apricot", typeof(WildApricotOptions) },
        { "xapi", typeof(XapiOptions) },
        { "discourse", typeof(DiscourseOptions) },
    };

    [Theory]
    [MemberData(nameof(Connectors))]
    public void Describe_EverySettableProperty_HasOneLineOfHelp(string connector, Type options)
    {
        var described = ConnectorSettingDescriptor.Describe(options);

        Assert.Equal(ConnectorSettingDescriptor.SettableProperties(options).Select(p => p.Name), described.Select(d => d.Name));
        Assert.All(described, d => Assert.False(string.IsNullOrWhiteSpace(d.Help), $"{connector}.{d.Name} has no help."));
        Assert.All(described, d => Assert.DoesNotContain('\n', d.Help));
    }

    [Theory]
    [MemberData(nameof(Connectors))]
    public void Describe_SettingsNamedLikeCredentials_AreSecretAndHaveNoDefault(string connector, Type options)
    {
        var described = ConnectorSettingDescriptor.Describe(options);

        Assert.All(described.Where(d => ConnectorSettingsStore.IsSecret(d.Name)),
            d => Assert.True(d.Secret && d.Default is null, $"{connector}.{d.Name} should be a secret."));
    }

    [Fact]
    public void Describe_WildApricot_GivesTypesDefaultsAndRequiredSettings()
    {
        var described = ConnectorSettingDescriptor.Describe(typeof(WildApricotOptions)).ToDictionary(d => d.Name);

        Assert.Equal(("url", "https://api.wildapricot.org/", true), (described["BaseUrl"].Type, described["BaseUrl"].Default, described["BaseUrl"].Required));
        Assert.Equal(("boolean", "false"), (described["Enabled"].Type, described["Enabled"].Default));
        Assert.Equal(("integer", "100"), (described["PageSize"].Type, described["PageSize"].Default));
        Assert.Equal(("duration", "00:05:00"), (described["ChangeOverlap"].Type, described["ChangeOverlap"].Default));
        Assert.Equal((true, true, null), (described["ApiKey"].Secret, described["ApiKey"].Required, described["ApiKey"].Default));
        Assert.True(described["AuthUrl"].IsAddress);
    }

    [Theory]
    [InlineData("boolean", "yes")]
    [InlineData("integer", "ten")]
    [InlineData("integer", "99999999999")]
    [InlineData("duration", "30 seconds")]
    [InlineData("url", "not a url")]
    public void Check_AValueOfTheWrongType_SaysWhatWasExpected(string type, string value) =>
        Assert.StartsWith("Expected", ConnectorSettingTypes.Check(type, value));

    [Theory]
    [InlineData("boolean", "true")]
    [InlineData("integer", "42")]
    [InlineData("duration", "00:00:30")]
    [InlineData("url", "https://forum.example.org/")]
    [InlineData("string", "anything")]
    public void Check_AValueOfTheRightType_Passes(string type, string value) =>
        Assert.Null(ConnectorSettingTypes.Check(type, value));

    [Fact]
    public void EnvironmentVariableOf_UsesDoubleUnderscores() =>
        Assert.Equal("Connectors__WildApricot__ApiKey", ConnectorSettingsEditor.EnvironmentVariableOf(ConnectorsModule.SectionOf("wild-apricot"), "ApiKey"));

    [Theory]
    [MemberData(nameof(Connectors))]
    public void Readme_DocumentsEverySettingAsAnEnvironmentVariable(string connector, Type options)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var section = ConnectorsModule.SectionOf(connector);
        var shared = ConnectorSettingDescriptor.SettableProperties(typeof(ConnectorOptions)).Select(p => p.Name).ToHashSet();

        var missing = ConnectorSettingDescriptor.Describe(options)
            .Where(d => !readme.Contains($"`{ConnectorSettingsEditor.EnvironmentVariableOf(section, d.Name)}`", StringComparison.Ordinal)
                        && !(shared.Contains(d.Name) && readme.Contains($"`Connectors__<Connector>__{d.Name}`", StringComparison.Ordinal)))
            .Select(d => d.Name)
            .ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("Connectors__AllowLoopbackHttp", ConnectorAddresses.AllowLoopbackHttpKey)]
    [InlineData("Sandbox__Enabled", CredentialConnect.Web.Features.Sandbox.SandboxModule.EnabledKey)]
    [InlineData("Scheduling__SyncInterval", CredentialConnect.Web.Features.Scheduling.HubSchedule.Section + ":" + nameof(CredentialConnect.Web.Features.Scheduling.HubSchedule.SyncInterval))]
    public void Readme_DocumentsTheHostSettingsByTheirRealNames(string documented, string key)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));

        Assert.Equal(documented, key.Replace(":", "__", StringComparison.Ordinal));
        Assert.Contains($"`{documented}`", readme, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CredentialConnect.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root was not found above " + AppContext.BaseDirectory);
    }
}
