using System.Text.Json;
using System.Text.Json.Nodes;
using CredentialConnect.IntegrationTests.Infrastructure;

namespace CredentialConnect.IntegrationTests.Contract;

/// <summary>
/// The committed document is the contract, so it must be what the hub serves: any API change shows up in review as a
/// change to <c>docs/api/openapi.json</c>. To accept a change, run this test with <c>UPDATE_API_DOCUMENT=1</c>.
/// </summary>
public sealed class ApiDocumentTests(HubFixture hub) : HubTest(hub)
{
    public const string UpdateVariable = "UPDATE_API_DOCUMENT";

    [Fact]
    public async Task TheCommittedDocument_IsTheOneTheHubServes()
    {
        var served = JsonNode.Parse(await Hub.Anonymous().GetStringAsync("/openapi/v1.json"))!;
        var text = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        var path = Path.Combine(ApiContract.RepositoryRoot(), ApiContract.RelativePath);

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, text);
            return;
        }

        var committed = File.Exists(path) ? JsonNode.Parse(await File.ReadAllTextAsync(path)) : null;
        Assert.True(JsonNode.DeepEquals(committed, served),
            $"{ApiContract.RelativePath} is not the document the hub serves. Review the API change, then run " +
            $"'{UpdateVariable}=1 dotnet test tests/CredentialConnect.IntegrationTests --filter {nameof(TheCommittedDocument_IsTheOneTheHubServes)}' " +
            "and commit the file.");
    }

    [Fact]
    public void PublicOperations_DeclareNoSecurity_WebhooksTheirSignatures_AndSecuredOnesWhoIsRefused()
    {
        foreach (var (method, path, operation) in ApiContract.Operations())
        {
            var responses = operation["responses"]!.AsObject();
            switch (operation["security"])
            {
                case JsonArray { Count: 0 }:
                    Assert.False(responses.ContainsKey("403"), $"{method} {path} is public, yet declares 403.");
                    break;
                case JsonArray schemes:
                    Assert.All(schemes, s => Assert.StartsWith("Webhook", s!.AsObject().Single().Key));
                    Assert.True(responses.ContainsKey("401"), $"{method} {path} checks a partner's signature, so it declares 401.");
                    break;
                default:
                    Assert.True(responses.ContainsKey("401") && responses.ContainsKey("403"), $"{method} {path} is secured, so it declares 401 and 403.");
                    break;
            }
        }
        Assert.Contains(ApiContract.Operations(), o => o.Path == "/api/v1/verify/{credentialNumber}" && o.Operation["security"] is JsonArray { Count: 0 });
        Assert.Contains(ApiContract.Operations(), o => o.Path == "/hooks/{connector}" && o.Operation["security"] is JsonArray { Count: 3 });
        Assert.Contains(ApiContract.Operations(), o => o.Path == "/api/v1/programs" && o.Operation["security"] is null);
    }
}
