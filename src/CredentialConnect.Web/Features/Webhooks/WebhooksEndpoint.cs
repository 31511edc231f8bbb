using System.Text.Json;
using CredentialConnect.Connectors;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Sync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Webhooks;

public static class WebhooksEndpoint
{
    /// <summary>Webhook bodies are small notices; anything larger is refused before it is read.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>
    /// <c>POST /hooks/{connector}</c>. The raw bytes are verified by the connector's verifier before anything
    /// parses them. A forged, stale or replayed delivery gets 401 and changes nothing; an authentic one is
    /// written to the inbox (keyed by the sender's delivery id) and acted on in the background.
    /// </summary>
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/hooks/{connector}", ReceiveAsync)
            .WithName("ReceiveWebhook")
            .WithSummary("Receive a partner's webhook")
            .WithTags("Webhooks")
            .AllowAnonymous()
            .WithMetadata(new SignedByPartner())
            .DisableAntiforgery();
        return app;
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> ReceiveAsync(
        string connector, HttpRequest request, IEnumerable<IWebhookVerifier> verifiers, AppDbContext db, TimeProvider clock,
        ILogger<WebhookReceipt> logger, CancellationToken cancellationToken)
    {
        var verifier = verifiers.FirstOrDefault(v => v.Connector == connector);
        if (verifier is null) return Problems.NotFoundResult("connector receiving webhooks named", connector);
        if (request.ContentLength > MaxBodyBytes) return Problems.UnauthorizedResult("The webhook could not be verified.");

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null) return Problems.UnauthorizedResult("The webhook could not be verified.");
        var now = clock.GetUtcNow();
        var delivery = new WebhookRequest(
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body, now);

        var verdict = verifier.Verify(delivery);
        if (verdict is not WebhookVerification.Verified verified)
        {
            logger.LogWarning("Rejected a webhook for {Connector}: {Reason}", connector, (verdict as WebhookVerification.Rejected)?.Reason);
            return Problems.UnauthorizedResult("The webhook could not be verified.");
        }

        var source = $"{connector}:webhook";
        if (await db.InboxMessages.AnyAsync(m => m.Source == source && m.EventId == verified.EventId, cancellationToken))
        {
            logger.LogWarning("Rejected a replayed webhook for {Connector}: delivery {Id} was already received", connector, verified.EventId);
            return Problems.UnauthorizedResult("The webhook was already received.");
        }

        var notice = verifier.Interpret(body);
        var message = Inbox.Add(db, source, verified.EventId, "webhook", WebhookNoticeRecord.From(notice), now);
        if (notice is WebhookNotice.Ignored ignored)
        {
            message.ProcessedAt = now;
            message.Problem = ignored.Reason;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same delivery arrived twice at once; the other request stored it.
            return Problems.UnauthorizedResult("The webhook was already received.");
        }
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}

/// <summary>Log category for webhook receipts.</summary>
public sealed class WebhookReceipt;

/// <summary>A webhook notice as the inbox stores it.</summary>
public sealed record WebhookNoticeRecord(string Kind, string? AmsMemberId, string? Reason)
{
    public static WebhookNoticeRecord From(WebhookNotice notice) => notice switch
    {
        WebhookNotice.MemberChanged m => new("member-changed", m.AmsMemberId, null),
        WebhookNotice.FeedChanged => new("feed-changed", null, null),
        WebhookNotice.Ignored i => new("ignored", null, i.Reason),
        _ => throw new ArgumentOutOfRangeException(nameof(notice)),
    };

    public static WebhookNoticeRecord Read(InboxMessage message) => JsonSerializer.Deserialize<WebhookNoticeRecord>(message.Payload, JsonSerializerOptions.Web)!;
}
