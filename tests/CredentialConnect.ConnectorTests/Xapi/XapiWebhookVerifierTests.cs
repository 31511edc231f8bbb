using System.Text;
using CredentialConnect.Connectors;
using Microsoft.Extensions.Time.Testing;

namespace CredentialConnect.ConnectorTests.Xapi;

public sealed class XapiWebhookVerifierTests : IDisposable
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"type":"statements.stored","data":{"count":3}}""");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly XapiConnectorHarness _connector;

    public XapiWebhookVerifierTests() => _connector = new XapiConnectorHarness("https://lrs.example.org/xapi/", _clock);

    public void Dispose() => _connector.Dispose();

    [Fact]
    public void Verify_WhenSignedWithTheSecret_AcceptsWithTheDeliveryIdForDeduplication()
    {
        var request = Delivery("msg_2Lq8x1", XapiConnectorHarness.WebhookSecret, sentAt: _clock.GetUtcNow());

        var verdict = _connector.Verifier().Verify(request);

        Assert.Equal("msg_2Lq8x1", Assert.IsType<WebhookVerification.Verified>(verdict).EventId);
    }

    [Fact]
    public void Verify_WhenSignedWithAnotherSecret_Rejects()
    {
        var request = Delivery("msg_2Lq8x1", "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("someone else's key")), sentAt: _clock.GetUtcNow());

        Assert.IsType<WebhookVerification.Rejected>(_connector.Verifier().Verify(request));
    }

    [Fact]
    public void Verify_WhenTheBodyWasChangedAfterSigning_Rejects()
    {
        var signed = Delivery("msg_2Lq8x1", XapiConnectorHarness.WebhookSecret, sentAt: _clock.GetUtcNow());
        var tampered = signed with { Body = Encoding.UTF8.GetBytes("""{"type":"statements.stored","data":{"count":300}}""") };

        Assert.IsType<WebhookVerification.Rejected>(_connector.Verifier().Verify(tampered));
    }

    [Fact]
    public void Verify_WhenSentSixMinutesBeforeItArrived_RejectsAsStale()
    {
        var sentAt = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromMinutes(6));
        var request = Delivery("msg_2Lq8x1", XapiConnectorHarness.WebhookSecret, sentAt);

        Assert.IsType<WebhookVerification.Rejected>(_connector.Verifier().Verify(request));
    }

    [Fact]
    public void Verify_WhenNoWebhookSecretIsConfigured_RejectsEvenAnUnsignedDelivery()
    {
        using var withoutSecret = new XapiConnectorHarness("https://lrs.example.org/xapi/", _clock, new Dictionary<string, string?> { ["WebhookSecret"] = "" });
        var request = Delivery("msg_2Lq8x1", "", sentAt: _clock.GetUtcNow());

        Assert.IsType<WebhookVerification.Rejected>(withoutSecret.Verifier().Verify(request));
    }

    [Fact]
    public void Interpret_AnyVerifiedDelivery_AsksForASyncOfTheFeed()
    {
        var notice = _connector.Verifier().Interpret(Body);

        Assert.IsType<WebhookNotice.FeedChanged>(notice);
    }

    [Fact]
    public void Connector_IsTheXapiConnectorsName()
    {
        Assert.Equal(_connector.Source().Name, _connector.Verifier().Connector);
    }

    private WebhookRequest Delivery(string id, string secret, DateTimeOffset sentAt) => new(
        new Dictionary<string, string>(StandardWebhooks.Headers(secret, id, sentAt, Body), StringComparer.OrdinalIgnoreCase),
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
        Body,
        ReceivedAt: _clock.GetUtcNow());
}
