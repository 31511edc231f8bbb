using System.Diagnostics;
using CredentialConnect.IntegrationTests.Contract;

namespace CredentialConnect.IntegrationTests.Console;

/// <summary>The browser app's typed client is generated from the committed API document; a stale one fails here.</summary>
public sealed class BrowserAppClientTests
{
    private const string Committed = "src/CredentialConnect.App/src/api/schema.d.ts";

    [Fact]
    public async Task TheCommittedClient_IsGeneratedFromTheCommittedApiDocument()
    {
        var root = ApiContract.RepositoryRoot();
        var generator = Path.Combine(root, "node_modules", "openapi-typescript", "bin", "cli.js");
        Assert.True(File.Exists(generator), $"{generator} is missing: `dotnet build` runs `npm ci` at the repository root.");
        var fresh = Path.Combine(Path.GetTempPath(), $"schema-{Guid.NewGuid():N}.d.ts");

        var start = new ProcessStartInfo("node") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { generator, ApiContract.RelativePath, "-o", fresh }) start.ArgumentList.Add(argument);
        using (var node = Process.Start(start)!)
        {
            var errors = node.StandardError.ReadToEndAsync();
            _ = node.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await node.WaitForExitAsync(timeout.Token);
            Assert.True(node.ExitCode == 0, await errors);
        }

        var same = await File.ReadAllTextAsync(fresh) == await File.ReadAllTextAsync(Path.Combine(root, Committed));
        File.Delete(fresh);
        Assert.True(same, $"{Committed} is stale: run 'npm run api --workspace @credentialconnect/app' and commit it.");
    }
}
