using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.Access;

public sealed class AccessTests(HubFixture hub) : HubTest(hub)
{
    /// <summary>The only /api/v1 routes open to anyone, each public by design and rate-limited. Keep this list short.</summary>
    // Operations anyone may call, as "METHOD route": the directory, verification, and who the association is.
    private static readonly string[] PublicOperations =
    [
        "GET /api/v1/association", "GET /api/v1/association/logo", "GET /api/v1/directory",
        "GET /api/v1/verify/{credentialNumber}", "POST /api/v1/verify",
    ];

    /// <summary>Every API operation the hub maps: its method, its route, and its endpoint.</summary>
    private List<(string Method, string Route, RouteEndpoint Endpoint)> Operations() =>
        Hub.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => (Method: m, Route: e.RoutePattern.RawText!.TrimEnd('/'), Endpoint: e)))
            .ToList();

    private static bool IsPublic((string Method, string Route, RouteEndpoint Endpoint) operation) =>
        PublicOperations.Contains($"{operation.Method} {operation.Route}");

    [Fact]
    public async Task EveryApiEndpoint_RefusesAnonymousCallers()
    {
        var routes = Operations().Where(o => !IsPublic(o)).Select(o => (o.Method, Path: Concrete(o.Route))).ToList();
        var anonymous = Hub.Anonymous();

        Assert.True(routes.Count >= 20, $"Expected the whole API, found {routes.Count} routes.");
        foreach (var (method, path) in routes)
        {
            var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode} to an anonymous caller.");
        }
    }

    [Fact]
    public async Task PublicRoutes_AreRateLimited_AndAnswerAnonymousCallers()
    {
        var operations = Operations().Where(IsPublic).ToList();
        var anonymous = Hub.Anonymous();

        Assert.Equal(PublicOperations.Order(), operations.Select(o => $"{o.Method} {o.Route}").Distinct().Order());
        Assert.All(operations, o => Assert.Equal(PublicRateLimits.Policy,
            o.Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()?.PolicyName));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/directory")).StatusCode);
        foreach (var (method, route, _) in operations)
        {
            var path = Concrete(route);
            var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)response.StatusCode < 500,
                $"{method} {path} answered {(int)response.StatusCode} to an anonymous caller.");
        }
    }

    [Fact]
    public async Task ApiKey_WithTheRightScope_CanRead_WithoutIt_IsForbidden()
    {
        var (client, _) = await Hub.WithApiKeyAsync(ApiScopes.ProgramsRead);

        var programs = await client.GetAsync("/api/v1/programs");
        var members = await client.GetAsync("/api/v1/members");
        var write = await client.PostJsonAsync("/api/v1/programs", new { code = "X" });

        Assert.Equal(HttpStatusCode.OK, programs.StatusCode);
        await members.ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
        await write.ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
    }

    [Fact]
    public async Task ApiKey_OnceRevoked_IsRejectedWithTheReason()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var (client, keyId) = await Hub.WithApiKeyAsync(ApiScopes.ProgramsRead);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/programs")).StatusCode);

        var revoked = await (await admin.PostAsync($"/api/v1/api-keys/{keyId}/revoke", null)).ReadAsync<ApiKeySummary>();
        var problem = await (await client.GetAsync("/api/v1/programs")).ProblemAsync(HttpStatusCode.Unauthorized, Problems.Unauthorized);

        Assert.Contains("revoked", problem.GetProperty("detail").GetString());
        Assert.Equal(Hub.Now, revoked.RevokedAt);
        // The record stays, listed with when it was revoked; revoking again changes nothing.
        Hub.Factory.Clock.Advance(TimeSpan.FromHours(1));
        var again = await (await admin.PostAsync($"/api/v1/api-keys/{keyId}/revoke", null)).ReadAsync<ApiKeySummary>();
        Assert.Equal(revoked.RevokedAt, again.RevokedAt);
        var listed = await (await admin.GetAsync("/api/v1/api-keys")).ReadAsync<ApiKeySummary[]>();
        Assert.Equal(revoked.RevokedAt, Assert.Single(listed, k => k.Id == keyId).RevokedAt);
    }

    [Fact]
    public async Task ApiKey_DeleteIsNotHowAKeyIsRevoked_TheRouteAnswers405WithItsMethods()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var (_, keyId) = await Hub.WithApiKeyAsync(ApiScopes.ProgramsRead);

        var delete = await admin.DeleteAsync($"/api/v1/api-keys/{keyId}/revoke");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        Assert.Contains("POST", delete.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("cc_000000000000_0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task ApiKey_MalformedOrUnknown_IsRejected(string presented)
    {
        var client = Hub.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", presented);

        await (await client.GetAsync("/api/v1/programs")).ProblemAsync(HttpStatusCode.Unauthorized, Problems.Unauthorized);
    }

    [Fact]
    public async Task ApiKey_CreatedByAnAdmin_IsShownOnceAndStoredOnlyAsAHash()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var created = await (await admin.PostJsonAsync("/api/v1/api-keys", new CreateApiKeyRequest("lms-sync", [ApiScopes.MembersRead])))
            .ReadAsync<CreatedApiKey>(HttpStatusCode.Created);
        var stored = await Hub.WithDbAsync(db => db.ApiKeys.SingleAsync());
        var client = Hub.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", created.PlainTextKey);

        Assert.DoesNotContain(created.PlainTextKey.Split('_')[2], stored.SecretHash);
        Assert.Equal(ApiKey.Hash(created.PlainTextKey.Split('_')[2]), stored.SecretHash);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/members")).StatusCode);
        Assert.DoesNotContain(created.PlainTextKey, await (await admin.GetAsync("/api/v1/api-keys")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ApiKey_WithUnknownScope_Returns400()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var problem = await (await admin.PostJsonAsync("/api/v1/api-keys", new CreateApiKeyRequest("x", ["everything"])))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Contains("Unknown scopes: everything", Assert.Single(problem.FieldErrors("scopes")));
    }

    [Fact]
    public async Task ApiKey_CannotMintAnotherKey()
    {
        var (client, _) = await Hub.WithApiKeyAsync(ApiScopes.All);

        var response = await client.PostJsonAsync("/api/v1/api-keys", new CreateApiKeyRequest("escalate", [ApiScopes.AuditRead]));

        await response.ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
    }

    [Fact]
    public async Task SignIn_AfterFiveWrongPasswords_LocksTheAccountEvenForTheRightOne()
    {
        await Hub.CreateAccountAsync("locked@example.org", HubRoles.Admin);
        var client = Hub.Anonymous();

        for (var i = 0; i < 5; i++)
            await (await client.PostJsonAsync("/auth/sign-in", new SignInRequest("locked@example.org", "wrong-password-123")))
                .ProblemAsync(i < 4 ? HttpStatusCode.Unauthorized : HttpStatusCode.Locked, i < 4 ? Problems.Unauthorized : Problems.LockedOut);
        var right = await client.PostJsonAsync("/auth/sign-in", new SignInRequest("locked@example.org", HubFixture.Password));

        await right.ProblemAsync(HttpStatusCode.Locked, Problems.LockedOut);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/programs")).StatusCode);
    }

    // Identity on .NET 10 reads the system clock for lockout (TimeProvider support arrives in .NET 11), so the
    // lockout window is checked against it, and its expiry is simulated by moving the stored end into the past.
    [Fact]
    public async Task SignIn_LockoutLastsFifteenMinutesThenLifts()
    {
        await Hub.CreateAccountAsync("later@example.org", HubRoles.Admin);
        var client = Hub.Anonymous();
        for (var i = 0; i < 5; i++) await client.PostJsonAsync("/auth/sign-in", new SignInRequest("later@example.org", "wrong-password-123"));

        var lockedUntil = await Hub.WithDbAsync(db => db.Users.Where(u => u.Email == "later@example.org").Select(u => u.LockoutEnd).SingleAsync());
        await Hub.WithDbAsync(db => db.Users.Where(u => u.Email == "later@example.org")
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddSeconds(-1))));
        var response = await client.PostJsonAsync("/auth/sign-in", new SignInRequest("later@example.org", HubFixture.Password));

        Assert.InRange(lockedUntil!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_StoresOnlyAPasswordHash()
    {
        await Hub.CreateAccountAsync("hash@example.org", HubRoles.Reviewer);

        var account = await Hub.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "hash@example.org"));

        Assert.NotNull(account.PasswordHash);
        Assert.DoesNotContain(HubFixture.Password, account.PasswordHash);
    }

    [Fact]
    public async Task DevSignIn_DoesNotExistOutsideDevelopment()
    {
        await Hub.CreateAccountAsync("admin@example.org", HubRoles.Admin);

        var response = await Hub.Anonymous().PostAsync("/dev/sign-in/Admin", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Development sign-in", await Hub.Anonymous().GetStringAsync("/sign-in"));
    }

    [Fact]
    public async Task StaffAccounts_OnlyAdminsCreateThem()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var reviewer = await Hub.SignedInAsync(HubRoles.Reviewer);
        var request = new CreateStaffAccountRequest("new.reviewer@example.org", "New Reviewer", HubRoles.Reviewer, "a-long-enough-password");

        await (await reviewer.PostJsonAsync("/api/v1/staff", request)).ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
        var created = await (await admin.PostJsonAsync("/api/v1/staff", request)).ReadAsync<StaffAccountSummary>(HttpStatusCode.Created);
        var weak = await admin.PostJsonAsync("/api/v1/staff", request with { Email = "weak@example.org", Password = "short" });

        Assert.Equal([HubRoles.Reviewer], created.Roles);
        Assert.NotEmpty((await weak.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation)).FieldErrors("password"));
    }

    private static string Concrete(string pattern) => System.Text.RegularExpressions.Regex.Replace(pattern, "{[^}]+}", m =>
        m.Value.Contains(":guid") ? Guid.NewGuid().ToString() : "x");
}
