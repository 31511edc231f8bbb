using System.Net;
using System.Text.Json.Nodes;
using CredentialConnect.Badges.DataIntegrity;
using CredentialConnect.Badges.Jwt;
using CredentialConnect.Badges.Multiformats;
using CredentialConnect.Badges.StatusList;
using CredentialConnect.IntegrationTests.Credentials;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.IntegrationTests.Badges;

/// <summary>What badge tests do over HTTP: award, download, and check proofs against what the hub publishes.</summary>
internal static class BadgeHub
{
    public static async Task<(HttpClient Admin, CredentialProgram Program, CredentialResponse Credential)> AwardAsync(HubFixture hub, HttpClient? admin = null)
    {
        admin ??= await hub.SignedInAsync(HubRoles.Admin);
        var member = await hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().SaveAsync(hub);
        var credential = await AwardAsync(admin, member.Id, program);
        return (admin, program, credential);
    }

    public static async Task<CredentialResponse> AwardAsync(HttpClient admin, Guid memberId, CredentialProgram program) =>
        (await (await admin.PostJsonAsync("/api/v1/credentials", new { memberId, programId = program.Id, reason = "Granted by the board." }))
            .ReadAsync<CredentialAwardResponse>(HttpStatusCode.Created)).Credential;

    public static async Task<string> TextAsync(HttpClient client, string url, string? mediaType = null)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {body}");
        if (mediaType is not null) Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    public static async Task<byte[]> BytesAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static async Task<JsonObject> BadgeJsonAsync(HttpClient client, Guid credentialId) =>
        JsonNode.Parse(await TextAsync(client, $"/api/v1/credentials/{credentialId}/badge.json", "application/vc+ld+json"))!.AsObject();

    /// <summary>Checks a Data Integrity proof with the keys in the hub's did:web document, fetched anonymously.</summary>
    public static async Task<ProofCheck> VerifyWithDidDocumentAsync(HubFixture hub, JsonObject credential)
    {
        var did = JsonNode.Parse(await TextAsync(hub.Anonymous(), "/.well-known/did.json"))!.AsObject();
        var keys = did["verificationMethod"]!.AsArray().Select(m => m!.AsObject()).Where(m => m["type"]!.GetValue<string>() == "Multikey")
            .ToDictionary(m => m["id"]!.GetValue<string>(), m => Multikey.DecodeEd25519PublicKey(m["publicKeyMultibase"]!.GetValue<string>()));
        return EddsaRdfc2022.Verify(credential, vm => keys.GetValueOrDefault(vm));
    }

    /// <summary>Checks a VC-JWT with the keys in the hub's jwks.json, fetched anonymously.</summary>
    public static async Task<(ProofCheck Check, JsonObject? Credential)> VerifyWithJwksAsync(HubFixture hub, string jwt)
    {
        var jwks = JsonNode.Parse(await TextAsync(hub.Anonymous(), "/.well-known/jwks.json"))!["keys"]!.AsArray().Select(k => k!.AsObject())
            .ToDictionary(k => k["kid"]!.GetValue<string>());
        return VcJwt.Verify(jwt, kid => jwks.GetValueOrDefault(kid));
    }

    /// <summary>The bit for <paramref name="credential"/> in the served list of <paramref name="purpose"/>, and the list's proof value.</summary>
    public static async Task<(bool Set, string ProofValue)> StatusBitAsync(HubFixture hub, JsonObject credential, string purpose)
    {
        var entry = credential["credentialStatus"]!.AsArray().Select(e => e!.AsObject()).Single(e => e["statusPurpose"]!.GetValue<string>() == purpose);
        var url = new Uri(entry["statusListCredential"]!.GetValue<string>());
        var list = JsonNode.Parse(await TextAsync(hub.Anonymous(), url.AbsolutePath, "application/vc+ld+json"))!.AsObject();
        Assert.True((await VerifyWithDidDocumentAsync(hub, list)).Passed, "The status list's proof must verify.");
        Assert.Equal(purpose, list["credentialSubject"]!["statusPurpose"]!.GetValue<string>());
        var bits = BitstringStatusList.Decode(list["credentialSubject"]!["encodedList"]!.GetValue<string>());
        Assert.True(bits.Length >= BitstringStatusList.MinimumLength);
        return (bits[int.Parse(entry["statusListIndex"]!.GetValue<string>())], list["proof"]!["proofValue"]!.GetValue<string>());
    }
}
