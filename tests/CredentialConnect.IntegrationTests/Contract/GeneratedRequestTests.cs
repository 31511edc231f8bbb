using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Connectors;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CredentialConnect.IntegrationTests.Contract;

/// <summary>
/// Every operation of the committed API document, sent requests generated from its own schemas (valid, at the edges,
/// null, and broken one part at a time) by an anonymous caller, a signed-in member and an API key holding every scope.
/// Whatever the request, the answer must be one the document declares: a status it lists, a content type it lists
/// for that status, a body its schema accepts. A server error is never declared, so it fails here too. The generator
/// draws from fixed seeds, so a failure repeats on the next run.
/// </summary>
public sealed partial class GeneratedRequestTests(HubFixture hub, ITestOutputHelper output) : HubTest(hub)
{
    private const string SeedProgramCode = "GENREQ";

    // A generous limit for giving up on one request on a busy machine, not a timing assertion.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EveryOperation_AnswersGeneratedRequests_OnlyAsTheDocumentDeclares()
    {
        var failures = new Failures();
        var (admin, _) = await Hub.WithApiKeyAsync(ApiScopes.All);
        var known = await SeedAsync(admin, failures);
        var member = await Hub.SignedInAsync(HubRoles.Member, known.MemberId);
        var generator = new RequestGenerator(ApiContract.Document, known);

        // Deletions go last, so that the seeded records serve every other operation first.
        var plan = ApiContract.Operations()
            .OrderBy(o => o.Method == "DELETE")
            .Select(o => (o.Method, o.Path, Secured: o.Operation["security"] is not JsonArray { Count: 0 }, Requests: generator.For(o.Method, o.Path, o.Operation)))
            .ToList();
        Assert.NotEmpty(plan);

        var sent = 0;
        var statuses = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        foreach (var (identity, client) in new[] { ("anonymous", Hub.Anonymous()), ("member", member), ("admin", admin) })
        {
            foreach (var (method, path, secured, requests) in plan)
            {
                // Signing the member out would leave the rest of its pass anonymous.
                if (identity == "member" && path == "/auth/sign-out") continue;
                foreach (var request in requests)
                {
                    sent++;
                    var status = await SendAsync(client, request, identity, failures);
                    var answer = $"{identity} {(status is { } s ? s.ToString() : "failed")}";
                    statuses[answer] = statuses.GetValueOrDefault(answer) + 1;
                    if (identity == "anonymous" && secured && status is >= 200 and < 300)
                        failures.Add($"{method} {path} [anonymous-{status}]", $"{method} {path} [{identity}] {request} → {status}: a secured operation answered a caller with no credentials");
                }
            }
            if (identity == "member" && (await member.GetAsync("/auth/me")).StatusCode != HttpStatusCode.OK)
                failures.Add("member session", "The member's session did not last the run, so part of its pass was sent anonymously.");
        }

        output.WriteLine($"{sent} generated requests to {plan.Count} operations in {clock.Elapsed.TotalSeconds:F0} s; {failures.Count} distinct failures.");
        output.WriteLine($"Answers: {string.Join(", ", statuses.Select(s => $"{s.Key} ×{s.Value}"))}");
        Assert.True(failures.Count == 0,
            $"{failures.Count} distinct contract failures (by operation and status) in {sent} generated requests to {plan.Count} operations " +
            $"({ApiContract.RelativePath}):{Environment.NewLine}{failures}");
    }

    /// <summary>
    /// A little real data, so that some generated ids and names reach records that exist. The seed goes through the API
    /// as a client's would; when an answer breaks the document the record is still there, so it is read back from the
    /// database and the broken answer counts as a failure like any other.
    /// </summary>
    private async Task<KnownValues> SeedAsync(HttpClient admin, Failures failures)
    {
        var member = await Hub.AddMemberAsync();
        await SeedRequestAsync(admin, HttpMethod.Post, "/api/v1/programs", new ProgramBuilder().WithCode(SeedProgramCode).Build(), failures);
        var created = await Hub.WithDbAsync(db => db.Programs.AsNoTracking().SingleAsync(p => p.Code == SeedProgramCode));
        await SeedRequestAsync(admin, HttpMethod.Post, $"/api/v1/programs/{created.Id}/publish", new { version = created.Version }, failures);
        var program = await Hub.WithDbAsync(db => db.Programs.AsNoTracking().SingleAsync(p => p.Id == created.Id));
        Assert.Equal(ProgramStatus.Published, program.Status);

        var connectors = Hub.Factory.Services.GetRequiredService<ConnectorCatalog>().All.Select(c => c.Name).ToList();
        return new KnownValues(member.Id, program.Id, program.Code, connectors);
    }

    private static async Task SeedRequestAsync(HttpClient client, HttpMethod method, string url, object body, Failures failures)
    {
        try
        {
            using var response = await client.SendAsync(new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: HttpExtensions.Json) });
            Assert.True(response.IsSuccessStatusCode, $"Seeding {method} {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        catch (ContractViolationException violation)
        {
            failures.Add($"{method} {RouteId().Replace(url, "{id}")}", "admin", $"seeding {method} {url}", violation);
        }
    }

    /// <summary>Sends one request and returns its status; records a broken contract, an exception or no answer instead.</summary>
    private static async Task<int?> SendAsync(HttpClient client, GeneratedRequest request, string identity, Failures failures)
    {
        var operation = $"{request.Method} {request.Template}";
        using var timeout = new CancellationTokenSource(RequestTimeout);
        try
        {
            using var message = request.ToMessage();
            using var response = await client.SendAsync(message, timeout.Token);
            await response.Content.ReadAsByteArrayAsync(timeout.Token);
            return (int)response.StatusCode;
        }
        catch (Exception e) when (ViolationIn(e) is { } violation)
        {
            failures.Add(operation, identity, request.ToString(), violation);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            failures.Add($"{operation} [timeout]", $"{operation} [{identity}] {request} → no answer within {RequestTimeout.TotalSeconds:F0} s");
        }
        catch (Exception e)
        {
            failures.Add($"{operation} [{e.GetType().Name}]", $"{operation} [{identity}] {request} → {e.GetType().Name}: {e.Message}");
        }
        return null;
    }

    private static ContractViolationException? ViolationIn(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is ContractViolationException violation) return violation;
        return null;
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex RouteId();

    // "status 500 is not declared", "content type 'text/plain' is not declared for 200".
    [GeneratedRegex(@"(?:status |for )(?<status>\d{3})\b")]
    private static partial Regex StatusIn();

    /// <summary>The failures of a run, one line each for the first request that showed it, with a count of the rest.</summary>
    private sealed class Failures
    {
        private readonly SortedDictionary<string, (string Example, int Count)> _byKind = new(StringComparer.Ordinal);

        public int Count => _byKind.Count;

        /// <summary>A broken contract, counted once per operation and status.</summary>
        public void Add(string operation, string identity, string request, ContractViolationException violation)
        {
            // The first line repeats the request; the rest says what is wrong.
            var lines = violation.Message.Split(Environment.NewLine).Skip(1).Select(l => l.Trim().TrimStart('-', ' ')).ToList();
            var status = lines.Select(l => StatusIn().Match(l)).FirstOrDefault(m => m.Success)?.Groups["status"].Value;
            Add($"{operation} [{status ?? lines.FirstOrDefault() ?? "violation"}]", $"{operation} [{identity}] {request} → {string.Join(" | ", lines)}");
        }

        public void Add(string kind, string example) =>
            _byKind[kind] = _byKind.TryGetValue(kind, out var seen) ? (seen.Example, seen.Count + 1) : (Printable(example), 1);

        // Binary bodies (a PNG) and control characters in generated text would garble the message.
        private static string Printable(string text) => string.Concat(text.Select(c => char.IsControl(c) || c == '\uFFFD' ? '·' : c));

        public override string ToString() => string.Join(Environment.NewLine, _byKind.Values.Select(f =>
            f.Count == 1 ? $"  {f.Example}" : $"  {f.Example} (and {f.Count - 1} more like it)"));
    }
}
