using System.Text;
using CredentialConnect.Connectors;
using CredentialConnect.Connectors.Discourse;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.ConnectorTests.Discourse;

public sealed class DiscourseWebhookVerifierTests : IDisposable
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"user_badge":{"id":9,"badge_id":104,"user_id":42}}""");

    private readonly ServiceProvider _services = DiscourseConnection.Services(DiscourseConnection.Settings("https://forum.example.org"));
    private readonly DiscourseWebhookVerifier _verifier;

    public DiscourseWebhookVerifierTests() => _verifier = ActivatorUtilities.CreateInstance<DiscourseWebhookVerifier>(_services);

    [Fact]
    public void Verify_WithTheForumsSignature_ReturnsVerifiedWithTheEventId()
    {
        var request = Delivery(Body, ("X-Discourse-Event-Signature", DiscourseWebhookVerifier.Sign(DiscourseConnection.WebhookSecret, Body)), ("X-Discourse-Event-Id", "4312"));

        var verdict = _verifier.Verify(request);

        Assert.Equal("4312", Assert.IsType<WebhookVerification.Verified>(verdict).EventId);
    }

    [Fact]
    public void Verify_WithASignatureMadeWithAnotherSecret_ReturnsRejected()
    {
        var request = Delivery(Body, ("X-Discourse-Event-Signature", DiscourseWebhookVerifier.Sign("guessed-secret", Body)), ("X-Discourse-Event-Id", "4312"));

        Assert.IsType<WebhookVerification.Rejected>(_verifier.Verify(request));
    }

    [Fact]
    public void Verify_WhenTheBodyWasChangedAfterSigning_ReturnsRejected()
    {
        var tampered = Encoding.UTF8.GetBytes("""{"user_badge":{"id":9,"badge_id":105,"user_id":42}}""");
        var request = Delivery(tampered, ("X-Discourse-Event-Signature", DiscourseWebhookVerifier.Sign(DiscourseConnection.WebhookSecret, Body)), ("X-Discourse-Event-Id", "4312"));

        Assert.IsType<WebhookVerification.Rejected>(_verifier.Verify(request));
    }

    [Fact]
    public void Verify_WithoutASignature_ReturnsRejected()
    {
        var request = Delivery(Body, ("X-Discourse-Event-Id", "4312"));

        Assert.IsType<WebhookVerification.Rejected>(_verifier.Verify(request));
    }

    [Fact]
    public void Verify_WithoutAnEventId_ReturnsRejected()
    {
        var request = Delivery(Body, ("X-Discourse-Event-Signature", DiscourseWebhookVerifier.Sign(DiscourseConnection.WebhookSecret, Body)));

        Assert.IsType<WebhookVerification.Rejected>(_verifier.Verify(request));
    }

    [Fact]
    public void Sign_WritesSha256AndLowercaseHex()
    {
        Assert.Matches("^sha256=[0-9a-f]{64}$", DiscourseWebhookVerifier.Sign(DiscourseConnection.WebhookSecret, Body));
    }

    [Fact]
    public void Interpret_AnyCommunityEvent_IsIgnored()
    {
        Assert.IsType<WebhookNotice.Ignored>(_verifier.Interpret(Body));
    }

    private static WebhookRequest Delivery(byte[] body, params (string Name, string Value)[] headers) => new(
        headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase),
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
        body,
        ReceivedAt);

    public void Dispose() => _services.Dispose();
}
