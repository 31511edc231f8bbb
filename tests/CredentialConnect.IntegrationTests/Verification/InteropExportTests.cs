using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CredentialConnect.Badges.Baking;
using CredentialConnect.IntegrationTests.Badges;
using CredentialConnect.IntegrationTests.Credentials;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.Verification;

/// <summary>
/// The independent interop check: everything the hub issues, taken through its HTTP API as a member or a verifier
/// would, and tampered copies of it, checked by the Node verifier (Digital Bazaar's vc stack and jose), which shares
/// no code with the hub. CI reads the Node verifier's counts from results.json in <c>CREDENTIALCONNECT_INTEROP_DIR</c>.
/// </summary>
public sealed class InteropExportTests(HubFixture hub) : HubTest(hub)
{
    private const string Verified = "verified";
    private const string Rejected = "rejected";

    [Fact]
    public async Task NodeVerifier_PassesEveryIssuedCredential_AndRejectsEveryTamperedCopy()
    {
        var folder = Environment.GetEnvironmentVariable("CREDENTIALCONNECT_INTEROP_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), $"credentialconnect-interop-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        File.Delete(Path.Combine(folder, "results.json"));
        var export = new Export(folder, Hub.Now);
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = await new LifecycleProgramBuilder().SaveAsync(Hub);

        var beforeRotation = await AwardAsync(admin, program);
        await export.DownloadsAsync(admin, beforeRotation, "signed-before-key-rotation", Verified);
        (await admin.PostJsonAsync("/api/v1/issuer/keys/rotate", new { reason = "Annual rotation." })).EnsureSuccessStatusCode();

        var active = await AwardAsync(admin, program);
        await export.DownloadsAsync(admin, active, "active", Verified);

        var revoked = await AwardAsync(admin, program);
        (await admin.PostJsonAsync($"/api/v1/credentials/{revoked}/revoke", new { reason = "Board finding." })).EnsureSuccessStatusCode();
        await export.DownloadsAsync(admin, revoked, "revoked", Rejected);

        var suspended = await AwardAsync(admin, program);
        (await admin.PostJsonAsync($"/api/v1/credentials/{suspended}/suspend", new { reason = "Audit open." })).EnsureSuccessStatusCode();
        await export.DownloadsAsync(admin, suspended, "suspended", Rejected);

        var renewed = await AwardAsync(admin, program);
        await BadgeHub.BadgeJsonAsync(admin, renewed);
        await RenewAsync(renewed);
        await export.DownloadsAsync(admin, renewed, "renewed-next-cycle", Verified);

        var badge = await BadgeHub.BadgeJsonAsync(admin, active);
        var jwt = await BadgeHub.TextAsync(admin, $"/api/v1/credentials/{active}/badge.jwt");
        var renamed = Tampering.RenamedAchievement(badge).ToJsonString();
        export.Add("tampered-renamed", "json", Encoding.UTF8.GetBytes(renamed), Rejected);
        export.Add("tampered-proof-value", "json", Encoding.UTF8.GetBytes(Tampering.AlteredProof(badge).ToJsonString()), Rejected);
        export.Add("tampered-signed-by-another-key", "json", Encoding.UTF8.GetBytes(Tampering.SignedByAnotherKey(badge).ToJsonString()), Rejected);
        export.Add("tampered-jwt-payload", "jwt", Encoding.ASCII.GetBytes(Tampering.ChangedJwtPayload(jwt)), Rejected);
        export.Add("tampered-baked-png", "png", Tampering.BakedPng(renamed), Rejected);
        export.Add("tampered-baked-svg", "svg", Encoding.UTF8.GetBytes(Tampering.BakedSvg(renamed)), Rejected);

        var anonymous = Hub.Anonymous();
        var did = JsonNode.Parse(await BadgeHub.TextAsync(anonymous, "/.well-known/did.json"))!.AsObject();
        export.Document(did["id"]!.GetValue<string>(), did);
        export.Document("http://localhost:5080/.well-known/jwks.json", JsonNode.Parse(await BadgeHub.TextAsync(anonymous, "/.well-known/jwks.json"))!);
        foreach (var purpose in new[] { "revocation", "suspension" })
        {
            var text = await BadgeHub.TextAsync(anonymous, $"/status-lists/{purpose}/1", "application/vc+ld+json");
            var list = JsonNode.Parse(text)!.AsObject();
            export.Document(list["id"]!.GetValue<string>(), list);
            export.Add($"status-list-{purpose}", "status-list", Encoding.UTF8.GetBytes(text), Verified);
        }
        export.WriteManifest();

        var (exitCode, output) = NodeVerifier.Run(folder);

        Assert.True(exitCode == 0, $"The Node verifier disagreed with the expectations (exit {exitCode}):\n{output}");
        Assert.Contains($"{export.Count} passed, 0 failed", output);
        Assert.Equal(5 * 4 + 6 + 2, export.Count);
    }

    private async Task<Guid> AwardAsync(HttpClient admin, CredentialProgram program)
    {
        var member = await Hub.AddMemberAsync();
        return (await BadgeHub.AwardAsync(admin, member.Id, program)).Id;
    }

    private async Task RenewAsync(Guid credentialId) => await Hub.WithDbAsync(async db =>
    {
        var renewing = await db.Credentials.Include(c => c.StatusHistory).SingleAsync(c => c.Id == credentialId);
        renewing.Renew(renewing.ExpiresAt!.Value.AddYears(3), "Renewed for the next cycle.", "test", Hub.Now);
        db.Raise(DomainEventTypes.CredentialRenewed, Hub.Now, renewing.MemberId, renewing.ProgramId);
        await db.SaveChangesAsync();
    });

    /// <summary>The folder the Node verifier reads: one file per case, and manifest.json naming each with its expectation.</summary>
    private sealed class Export(string folder, DateTimeOffset now)
    {
        private readonly JsonArray _cases = [];
        private readonly JsonObject _documents = [];

        public int Count => _cases.Count;

        public async Task DownloadsAsync(HttpClient client, Guid credentialId, string name, string expect)
        {
            foreach (var format in new[] { "json", "jwt", "png", "svg" })
            {
                var bytes = await BadgeHub.BytesAsync(client, $"/api/v1/credentials/{credentialId}/badge.{format}");
                if (format == "png") Assert.NotNull(PngBaking.Extract(bytes));
                Add($"{name}-{format}", format, bytes, expect);
            }
        }

        public void Add(string name, string format, byte[] content, string expect)
        {
            var file = $"{name}.{(format == "status-list" ? "json" : format)}";
            File.WriteAllBytes(Path.Combine(folder, file), content);
            _cases.Add(new JsonObject
            {
                ["name"] = name, ["format"] = format, ["file"] = file, ["expect"] = expect,
                ["now"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            });
        }

        public void Document(string url, JsonNode document) => _documents[url] = document.DeepClone();

        public void WriteManifest() => File.WriteAllText(Path.Combine(folder, "manifest.json"),
            new JsonObject { ["documents"] = _documents.DeepClone(), ["cases"] = _cases.DeepClone() }.ToJsonString());
    }
}
