using System.Security.Cryptography;
using System.Text;
using CredentialConnect.Connectors;
using CredentialConnect.Connectors.WildApricot;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.ConnectorTests.WildApricot;

public sealed class WildApricotWebhookTests : WildApricotConnection
{
    private const string ContactModified = """{"AccountId":123456,"MessageType":"ContactModified","Parameters":{"Action":"Changed","Contact.Id":"456"}}""";

    private WildApricotWebhookVerifier Verifier(string? webhookToken = WebhookToken) =>
        Services(new Dictionary<string, string?> { ["WebhookToken"] = webhookToken }).GetRequiredService<WildApricotWebhookVerifier>();

    private WebhookRequest Delivery(string body, string? token = null, string? authorization = null)
    {
        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (token is not null) query["token"] = token;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json" };
        if (authorization is not null) headers["Authorization"] = authorization;
        return new WebhookRequest(headers, query, Encoding.UTF8.GetBytes(body), Clock.GetUtcNow());
    }

    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    [Fact]
    public void Verify_WithTheTokenInTheQuery_AcceptsAndNamesTheDeliveryByTheBodysHash()
    {
        var verdict = Verifier().Verify(Delivery(ContactModified, token: WebhookToken));

        var verified = Assert.IsType<WebhookVerification.Verified>(verdict);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ContactModified))), verified.EventId);
    }

    [Fact]
    public void Verify_WithTheTokenAsTheBasicPassword_Accepts()
    {
        var verdict = Verifier().Verify(Delivery(ContactModified, authorization: Basic("wildapricot", WebhookToken)));

        Assert.IsType<WebhookVerification.Verified>(verdict);
    }

    [Theory]
    [InlineData("hook-secreT", null)]
    [InlineData("hook-secret-and-more", null)]
    [InlineData(null, "wrong")]
    [InlineData(null, null)]
    public void Verify_WithAWrongOrMissingToken_Rejects(string? token, string? password)
    {
        var request = Delivery(ContactModified, token, password is null ? null : Basic("wildapricot", password));

        Assert.IsType<WebhookVerification.Rejected>(Verifier().Verify(request));
    }

    [Fact]
    public void Verify_WhenNoWebhookTokenIsConfigured_RejectsEvenAnEmptyToken()
    {
        Assert.IsType<WebhookVerification.Rejected>(Verifier(webhookToken: "").Verify(Delivery(ContactModified, token: "")));
    }

    [Theory]
    [InlineData(ContactModified, "456")]
    [InlineData("""{"AccountId":"123456","MessageType":"Membership","Parameters":{"Action":"StatusChanged","Contact.Id":789,"Membership.Status":"Lapsed"}}""", "789")]
    public void Interpret_AContactOrMembershipNotification_AsksToReReadThatMember(string body, string amsMemberId)
    {
        var notice = Verifier().Interpret(Encoding.UTF8.GetBytes(body));

        Assert.Equal(new WebhookNotice.MemberChanged(amsMemberId), notice);
    }

    [Theory]
    [InlineData("""{"AccountId":123456,"MessageType":"Event","Parameters":{"Action":"Created","Event.Id":"77"}}""")]
    [InlineData("""{"AccountId":999,"MessageType":"ContactModified","Parameters":{"Contact.Id":"456"}}""")]
    [InlineData("""{"AccountId":123456,"MessageType":"ContactModified","Parameters":{"Action":"Changed"}}""")]
    [InlineData("""{"AccountId":123456,"MessageType":"ContactModified","Parameters":{"Contact.Id":"0"}}""")]
    [InlineData("""{"AccountId":123456,"MessageType":"ContactModif""")]
    [InlineData("""["ContactModified"]""")]
    public void Interpret_AnythingElse_IsIgnoredWithAReason(string body)
    {
        var notice = Verifier().Interpret(Encoding.UTF8.GetBytes(body));

        var ignored = Assert.IsType<WebhookNotice.Ignored>(notice);
        Assert.False(string.IsNullOrWhiteSpace(ignored.Reason));
    }
}
