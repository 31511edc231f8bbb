using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.IntegrationTests.Processes;
using Microsoft.Playwright;

namespace CredentialConnect.IntegrationTests.Console;

/// <summary>
/// A real hub process on its own PostgreSQL database, serving the built console, with a bootstrap Admin; the
/// one way every console test starts, signs in through the API and signs a browser in.
/// </summary>
public sealed class ConsoleHub : IAsyncDisposable
{
    public const string AdminEmail = "staff.admin@example.org";
    public const string ReviewerEmail = "staff.reviewer@example.org";
    public const string Password = "a-long-staff-password";

    private ConsoleHub(HubProcess process, string connectionString) => (Process, ConnectionString) = (process, connectionString);

    public HubProcess Process { get; }

    /// <summary>The hub's own database, for arranging what the console cannot (an outbox row) and checking what it did.</summary>
    public string ConnectionString { get; }
    public Uri BaseAddress => Process.BaseAddress;

    public static async Task<ConsoleHub> StartAsync(HubProcessDatabases databases, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["ASPNETCORE_WEBROOT"] = Path.Combine(Contract.ApiContract.RepositoryRoot(), "src", "CredentialConnect.Web", "wwwroot"),
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = Password,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var database = await databases.CreateMigratedAsync();
        return new ConsoleHub(await HubProcess.StartAsync(database, all), database);
    }

    /// <summary>An API client signed in with the session cookie, as the console is.</summary>
    public async Task<HttpClient> SignedInAsync(string email = AdminEmail)
    {
        var client = SessionClients.For(BaseAddress);
        (await client.PostAsJsonAsync("/auth/sign-in", new { email, password = Password })).EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>Adds a Reviewer who signs in with <see cref="ReviewerEmail"/> and <see cref="Password"/>.</summary>
    public async Task AddReviewerAsync(HttpClient admin) =>
        (await admin.PostAsJsonAsync("/api/v1/staff", new { email = ReviewerEmail, displayName = "Riley Reviewer", role = "Reviewer", password = Password }))
            .EnsureSuccessStatusCode();

    /// <summary>Opens a console address in the browser, signs in on the page it is sent to, and lands back on that address.</summary>
    public static async Task SignInAsync(IPage page, string path, string email = AdminEmail)
    {
        await page.GotoAsync(path);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/sign-in\\?returnTo="));
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Email" }).FillAsync(email);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Password" }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
