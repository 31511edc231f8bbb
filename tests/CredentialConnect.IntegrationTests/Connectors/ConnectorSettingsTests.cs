using System.Net;
using System.Text.Json;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Web.Features.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.IntegrationTests.Connectors;

[Collection(HubCollection.Name)]
public sealed class ConnectorSettingsTests(HubFixture fixture, ConnectorSettingsHub stubs) : IClassFixture<ConnectorSettingsHub>
{
    private const string Settings = "/api/v1/connectors/discourse/settings";
    private const string StoredKey = "stored-forum-key-1234";

    [Fact]
    public async Task SaveSettings_MovingTheBaseUrlToAnotherHost_ClearsTheSecretsSoTheNewHostNeverReceivesThem()
    {
        var hub = await stubs.StartAsync(fixture);
        var admin = await hub.SignedInAsync(HubRoles.Admin);
        await (await admin.PutJsonAsync(Settings, Body(("ApiKey", StoredKey)))).ReadAsync<ConnectorResponse>();
        var before = await (await admin.PostAsync("/api/v1/connectors/discourse/test", null)).ReadAsync<ConnectionTestResponse>();
        Assert.True(before.Succeeded, before.Detail);
        Assert.Contains(StoredKey, ConnectorSettingsHub.HeaderValuesReceived(stubs.Forum, expected: 1));

        var moved = await (await admin.PutJsonAsync(Settings, Body(("BaseUrl", stubs.OtherForum.Url + "/"))))
            .ReadAsync<ConnectorResponse>();
        var test = await (await admin.PostAsync("/api/v1/connectors/discourse/test", null)).ReadAsync<ConnectionTestResponse>();

        Assert.Equal(["ApiKey"], moved.SecretsCleared);
        Assert.DoesNotContain("ApiKey", moved.SecretsSet);
        Assert.False(test.Succeeded);
        Assert.Contains("ApiKey", test.Detail);
        // Given a key of its own, the new host is called, and its log shows it never saw either earlier key.
        await (await admin.PutJsonAsync(Settings, Body(("ApiKey", "other-forum-key")))).ReadAsync<ConnectorResponse>();
        var after = await (await admin.PostAsync("/api/v1/connectors/discourse/test", null)).ReadAsync<ConnectionTestResponse>();
        Assert.True(after.Succeeded, after.Detail);
        var received = ConnectorSettingsHub.HeaderValuesReceived(stubs.OtherForum, expected: 1);
        Assert.Contains("other-forum-key", received);
        Assert.DoesNotContain(StoredKey, received);
        Assert.DoesNotContain(ConnectorSettingsHub.ConfiguredApiKey, received);
    }

    [Fact]
    public async Task SaveSettings_OnOneNode_ReachesAnotherNodeAtItsNextCheck_WithTheOldHostsSecretCleared()
    {
        var hub = await stubs.StartAsync(fixture);
        var otherNode = stubs.SecondNode();
        await (await otherNode.SignedInAsync(HubRoles.Admin)).GetAsync("/api/v1/connectors/discourse");
        var admin = await hub.SignedInAsync(HubRoles.Admin);

        await (await admin.PutJsonAsync(Settings, Body(("BaseUrl", stubs.OtherForum.Url + "/")))).ReadAsync<ConnectorResponse>();
        bool loaded, loadedAgain;
        await using (var scope = otherNode.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<ConnectorSettingsStore>();
            loaded = await store.RefreshAsync(CancellationToken.None);
            loadedAgain = await store.RefreshAsync(CancellationToken.None);
        }
        var seen = await (await (await otherNode.SignedInAsync(HubRoles.Admin)).GetAsync("/api/v1/connectors/discourse")).ReadAsync<ConnectorResponse>();

        Assert.Equal((true, false), (loaded, loadedAgain));
        Assert.Equal(stubs.OtherForum.Url + "/", seen.Settings["BaseUrl"]);
        Assert.DoesNotContain("ApiKey", seen.SecretsSet);
    }

    [Fact]
    public async Task SaveSettings_ANewHostWithANewKeyInOneRequest_KeepsTheNewKey()
    {
        var hub = await stubs.StartAsync(fixture);
        var admin = await hub.SignedInAsync(HubRoles.Admin);

        var saved = await (await admin.PutJsonAsync(Settings, Body(("BaseUrl", stubs.OtherForum.Url + "/"), ("ApiKey", "other-forum-key"))))
            .ReadAsync<ConnectorResponse>();

        Assert.Empty(saved.SecretsCleared!);
        Assert.Contains("ApiKey", saved.SecretsSet);
    }

    [Fact]
    public async Task SaveSettings_OnlyThePathChanges_KeepsTheSecrets()
    {
        var hub = await stubs.StartAsync(fixture);
        var admin = await hub.SignedInAsync(HubRoles.Admin);

        var saved = await (await admin.PutJsonAsync(Settings, Body(("BaseUrl", stubs.Forum.Url + "/forum/")))).ReadAsync<ConnectorResponse>();

        Assert.Empty(saved.SecretsCleared!);
        Assert.Contains("ApiKey", saved.SecretsSet);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://forum.example.org/")]
    [InlineData("http://forum.example.org/")]
    [InlineData("forum.example.org/api")]
    public async Task SaveSettings_WithAnAddressThatIsNotHttps_Returns400NamingBaseUrl(string address)
    {
        var hub = await stubs.StartAsync(fixture);
        var admin = await hub.SignedInAsync(HubRoles.Admin);

        var problem = await (await admin.PutJsonAsync(Settings, Body(("BaseUrl", address)))).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.NotEmpty(problem.FieldErrors("settings.BaseUrl"));
        var connector = await (await admin.GetAsync("/api/v1/connectors/discourse")).ReadAsync<ConnectorResponse>();
        Assert.Equal(stubs.Forum.Url + "/", connector.SettingDescriptors.Single(s => s.Name == "BaseUrl").Value);
    }

    [Fact]
    public async Task SaveSettings_WithAnUnknownSettingName_Returns400NamingIt()
    {
        var hub = await stubs.StartAsync(fixture);
        var admin = await hub.SignedInAsync(HubRoles.Admin);

        var problem = await (await admin.PutJsonAsync(Settings, Body(("ApiKey", StoredKey), ("ApiKee", "typo"))))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Contains("ApiKee", Assert.Single(problem.FieldErrors("settings.ApiKee")));
        Assert.Equal(0, await hub.WithDbAsync(db => Task.FromResult(db.ConnectorSettings.Count())));
    }

    [Fact]
    public async Task SaveSettings_IsInTheAuditLog_WithSecretsMasked()
    {
        var hub = await stubs.StartAsync(fixture);
        var admin = await hub.SignedInAsync(HubRoles.Admin);
        await (await admin.PutJsonAsync(Settings, Body(("ApiKey", StoredKey), ("BadgeTypeId", "2")))).ReadAsync<ConnectorResponse>();
        await (await admin.PutJsonAsync(Settings, Body(("BaseUrl", stubs.OtherForum.Url + "/")))).ReadAsync<ConnectorResponse>();

        var entries = await (await admin.GetAsync("/api/v1/audit-log?entityType=ConnectorSettings&entityId=discourse&sort=id"))
            .ReadAsync<Page<AuditLogEntryResponse>>();

        Assert.Collection(entries.Items,
            first =>
            {
                Assert.Equal("changed", first.Changes.GetProperty("ApiKey").GetString());
                Assert.Equal("3", first.Changes.GetProperty("BadgeTypeId").GetProperty("from").GetString());
                Assert.Equal("2", first.Changes.GetProperty("BadgeTypeId").GetProperty("to").GetString());
                Assert.Contains("admin-", first.Actor);
            },
            second =>
            {
                Assert.Equal("cleared", second.Changes.GetProperty("ApiKey").GetString());
                Assert.Equal(stubs.Forum.Url + "/", second.Changes.GetProperty("BaseUrl").GetProperty("from").GetString());
                Assert.Equal(stubs.OtherForum.Url + "/", second.Changes.GetProperty("BaseUrl").GetProperty("to").GetString());
            });
        var raw = string.Join("", entries.Items.Select(e => e.Changes.GetRawText()));
        Assert.DoesNotContain(StoredKey, raw);
        Assert.DoesNotContain(ConnectorSettingsHub.ConfiguredApiKey, raw);
    }

    [Fact]
    public async Task GetConnector_ListsEverySettingWithTypeAndHelp_AndSecretsOnlyAsSetOrNotSet()
    {
        var hub = await stubs.StartAsync(fixture);
        var admin = await hub.SignedInAsync(HubRoles.Admin);
        await (await admin.PutJsonAsync(Settings, Body(("ApiKey", StoredKey)))).ReadAsync<ConnectorResponse>();

        var response = await admin.GetAsync("/api/v1/connectors/discourse");
        var body = await response.Content.ReadAsStringAsync();
        var connector = await response.ReadAsync<ConnectorResponse>();
        var listed = (await (await admin.GetAsync("/api/v1/connectors")).ReadAsync<List<ConnectorResponse>>()).Single(c => c.Name == "discourse");

        Assert.Equal(
            ["Enabled", "BaseUrl", "AttemptTimeout", "MaxRetries", "RetryDelay", "MaxRetryDelay", "ApiKey", "ApiUsername", "WebhookSecret", "BadgeTypeId"],
            connector.SettingDescriptors.Select(s => s.Name));
        Assert.Equal(connector.SettingDescriptors, listed.SettingDescriptors);
        Assert.All(connector.SettingDescriptors, s => Assert.False(string.IsNullOrWhiteSpace(s.Help)));
        var apiKey = connector.SettingDescriptors.Single(s => s.Name == "ApiKey");
        Assert.Equal((true, true, true, null), (apiKey.Secret, apiKey.IsSet, apiKey.Required, apiKey.Value));
        var webhookSecret = connector.SettingDescriptors.Single(s => s.Name == "WebhookSecret");
        Assert.Equal((true, false, null), (webhookSecret.Secret, webhookSecret.IsSet, webhookSecret.Value));
        var badgeType = connector.SettingDescriptors.Single(s => s.Name == "BadgeTypeId");
        Assert.Equal(("integer", "3", "3", false), (badgeType.Type, badgeType.Default, badgeType.Value, badgeType.IsSet));
        Assert.Equal(("duration", "00:00:30"), connector.SettingDescriptors.Single(s => s.Name == "AttemptTimeout") is var t ? (t.Type, t.Default) : default);
        Assert.Equal("Connectors__Discourse__ApiKey", apiKey.EnvironmentVariable);
        Assert.DoesNotContain(StoredKey, body);
        Assert.DoesNotContain(ConnectorSettingsHub.ConfiguredApiKey, body);
    }

    [Fact]
    public async Task OpenApi_DescribesTheSettingsBodyWithAnExample()
    {
        var hub = await stubs.StartAsync(fixture);

        var document = JsonDocument.Parse(await hub.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement;

        var body = document.GetProperty("paths").GetProperty("/api/v1/connectors/{name}/settings").GetProperty("put").GetProperty("requestBody");
        Assert.Contains("option name", body.GetProperty("description").GetString());
        var example = body.GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("https://forum.example.org/", example.GetProperty("settings").GetProperty("BaseUrl").GetString());
    }

    private static ConnectorSettingsRequest Body(params (string Name, string? Value)[] settings) =>
        new(settings.ToDictionary(s => s.Name, s => s.Value));
}
