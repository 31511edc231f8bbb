using CredentialConnect.Connectors;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static CredentialConnect.ConnectorTests.WildApricot.WildApricotStubs;

namespace CredentialConnect.ConnectorTests.WildApricot;

public sealed class WildApricotResilienceTests : WildApricotConnection
{
    public WildApricotResilienceTests() => Server.GivenTokens(ApiKey);

    protected override TimeProvider ConnectorClock => TimeProvider.System;

    [Fact]
    public async Task GetChanges_WhenTheTokenServerIsDown_RetriesTheTokenThenReturnsRetryable()
    {
        Server.Reset();
        Server.Given(Request.Create().WithPath("/auth/token").UsingPost()).RespondWith(Response.Create().WithStatusCode(503));
        Server.Given(Contacts(ContactsPath)).RespondWith(ContactsResponse(new WildApricotContactBuilder(1)));

        var fetch = await Source().GetChangesAsync(SyncCursor.Start, CancellationToken.None);

        Assert.IsType<Outcome.Retryable>(fetch.Failure);
        Assert.Equal(2, Server.TokenRequests().Count);
        Assert.Empty(Server.ContactRequests(ContactsPath));
    }

    [Fact]
    public async Task GetChanges_When500ThenSuccess_RetriesInsideTheCallAndSucceeds()
    {
        Server.Given(Contacts(ContactsPath)).InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("<h1>Server Error</h1>"));
        Server.Given(Contacts(ContactsPath)).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(ContactsResponse(new WildApricotContactBuilder(1)));

        var fetch = await Source().GetChangesAsync(SyncCursor.Start, CancellationToken.None);

        Assert.Null(fetch.Failure);
        Assert.Equal(["1"], fetch.Value!.Items.Select(member => member.AmsMemberId));
        Assert.Equal(2, Server.ContactRequests(ContactsPath).Count);
    }

    [Fact]
    public async Task GetChanges_WhenAlways500_ReturnsRetryableAndTheKeptCursorAsksForTheSamePageAgain()
    {
        Server.Given(Contacts(ContactsPath).WithQuery("$skip", "0"))
            .RespondWith(ContactsResponse(new WildApricotContactBuilder(1), new WildApricotContactBuilder(2), new WildApricotContactBuilder(3)));
        Server.Given(Contacts(ContactsPath).WithQuery("$skip", "2")).RespondWith(Response.Create().WithStatusCode(500));
        var source = Source();
        var first = await source.GetChangesAsync(SyncCursor.Start, CancellationToken.None);
        var kept = first.Value!.Next;

        var failed = await source.GetChangesAsync(kept, CancellationToken.None);
        var again = await source.GetChangesAsync(kept, CancellationToken.None);

        Assert.IsType<Outcome.Retryable>(failed.Failure);
        Assert.Null(failed.Value);
        Assert.IsType<Outcome.Retryable>(again.Failure);
        // The first page, then two attempts (MaxRetries 1) for each of the two failed reads, all of the same page.
        Assert.Equal(["0", "2", "2", "2", "2"], Server.ContactRequests(ContactsPath).Select(request => request.Param("$skip")));
    }

    [Fact]
    public async Task GetChanges_WhenWildApricotIsSlowerThanTheAttemptTimeout_ReturnsRetryable()
    {
        Server.Given(Contacts(ContactsPath))
            .RespondWith(ContactsResponse(new WildApricotContactBuilder(1)).WithDelay(TimeSpan.FromSeconds(2.5)));

        var fetch = await Source(new Dictionary<string, string?> { ["AttemptTimeout"] = "00:00:01", ["MaxRetries"] = "0" })
            .GetChangesAsync(SyncCursor.Start, CancellationToken.None);

        var retryable = Assert.IsType<Outcome.Retryable>(fetch.Failure);
        Assert.Contains("timeout", retryable.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GetChanges_WhenTheBodyIsMalformedJson_ReturnsRetryable()
    {
        Server.Given(Contacts(ContactsPath))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"Contacts": [{"Id": 1, "FirstName": """));

        var fetch = await Source().GetChangesAsync(SyncCursor.Start, CancellationToken.None);

        Assert.IsType<Outcome.Retryable>(fetch.Failure);
    }

    [Fact]
    public async Task GetChanges_When429WithRetryAfter_ReturnsRetryableWithThatDelay()
    {
        Server.Given(Contacts(ContactsPath))
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "45")
                .WithBody("""{"code":"TooManyRequests","message":"Too many requests. Limit is 60 requests per minute."}"""));

        // No retry inside the call: the resilience handler would wait out the 45 s itself.
        var fetch = await Source(new Dictionary<string, string?> { ["MaxRetries"] = "0" }).GetChangesAsync(SyncCursor.Start, CancellationToken.None);

        var retryable = Assert.IsType<Outcome.Retryable>(fetch.Failure);
        Assert.Equal(TimeSpan.FromSeconds(45), retryable.RetryAfter);
    }

    [Fact]
    public async Task GetChanges_WhenWildApricotRejectsTheQuery_ReturnsPermanent()
    {
        Server.Given(Contacts(ContactsPath))
            .RespondWith(Response.Create().WithStatusCode(400).WithBody("""{"code":"BadRequest","message":"Filter syntax error"}"""));

        var fetch = await Source().GetChangesAsync(SyncCursor.Start, CancellationToken.None);

        Assert.IsType<Outcome.Permanent>(fetch.Failure);
    }
}
