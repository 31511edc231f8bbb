using System.Net;
using CredentialConnect.Connectors.Xapi.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace CredentialConnect.Connectors.Xapi;

/// <summary>
/// Reads cmi5 completions and exam results from an xAPI LRS. Statements are read in <c>stored</c> order, one query
/// at a time; see <see cref="XapiCursor"/> for why none is ever skipped.
/// </summary>
public sealed class XapiLearningSource(
    IOptionsMonitor<XapiOptions> options,
    IXapiApi api,
    TimeProvider clock,
    ILogger<XapiLearningSource> logger) : ILearningSource
{
    /// <summary>The connector's name.</summary>
    public const string ConnectorName = "xapi";

    /// <summary>The header with the instant up to which the LRS's answer is complete.</summary>
    public const string ConsistentThroughHeader = "X-Experience-API-Consistent-Through";

    private const string Ascending = "true";

    /// <inheritdoc />
    public string Name => ConnectorName;

    /// <inheritdoc />
    public bool IsConfigured => options.CurrentValue.Enabled;

    /// <inheritdoc />
    public Type OptionsType => typeof(XapiOptions);

    /// <inheritdoc />
    public async Task<Outcome> TestConnectionAsync(CancellationToken cancellationToken)
    {
        var about = await PartnerCall.ReadAsync(api.GetAboutAsync, clock, "xAPI about", cancellationToken);
        if (about.Failure is { } failure) return failure;
        // Many LRSs answer About without credentials; an empty statement query proves the key and secret.
        var since = XapiCursor.Format(clock.GetUtcNow());
        var probe = await PartnerCall.ReadAsync(ct => api.GetStatementsAsync(since, null, Ascending, 1, ct), clock, "xAPI statements", cancellationToken);
        return probe.Failure ?? new Outcome.Done(about.Value!.Version?.FirstOrDefault());
    }

    /// <inheritdoc />
    public async Task<Fetch<SourcePage<LearningEvent>>> GetEventsAsync(SyncCursor cursor, CancellationToken cancellationToken)
    {
        if (XapiCursor.Decode(cursor) is not { } position)
            return Fetch<SourcePage<LearningEvent>>.Permanent($"xAPI statements: the cursor '{cursor}' was not written by this connector.");

        var answer = position.More is { } more
            ? await FollowMoreAsync(position, more, cancellationToken)
            : await QueryAsync(position, cancellationToken);
        return answer.Failure is { } failure
            ? Fetch<SourcePage<LearningEvent>>.Failed(failure)
            : Fetch<SourcePage<LearningEvent>>.Of(PageOf(position, answer.Value!));
    }

    private async Task<Fetch<LrsAnswer>> QueryAsync(XapiCursor position, CancellationToken cancellationToken) =>
        (await ReadAsync(
            ct => api.GetStatementsAsync(XapiCursor.Format(position.Since), XapiCursor.Format(position.Until), Ascending, options.CurrentValue.PageSize, ct),
            "xAPI statements",
            cancellationToken)).Answer;

    private async Task<Fetch<LrsAnswer>> FollowMoreAsync(XapiCursor position, string more, CancellationToken cancellationToken)
    {
        if (MoreLink.Resolve(options.CurrentValue.BaseUrl!, more) is not { } link)
            return Fetch<LrsAnswer>.Permanent($"xAPI statements: the more link '{more}' does not lead to the configured LRS.");

        var (answer, status) = await ReadAsync(ct => api.GetMoreAsync(link.Path, link.Query, ct), "xAPI statements (more)", cancellationToken);
        if (answer.Failure is Outcome.Permanent && status is HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.BadRequest)
        {
            // More links expire (a long outage, a cursor restored from a backup). The query they continue is
            // known, so it runs again from its start: statements are read twice, never skipped.
            logger.LogWarning("The LRS no longer knows the more link {More}; the statement query since {Since} runs again.", more, position.Since);
            return await QueryAsync(position, cancellationToken);
        }
        return answer;
    }

    private async Task<(Fetch<LrsAnswer> Answer, HttpStatusCode? Status)> ReadAsync(
        Func<CancellationToken, Task<IApiResponse<XapiStatementResult>>> call, string what, CancellationToken cancellationToken)
    {
        IApiResponse? response = null;
        var read = await PartnerCall.ReadAsync(
            async ct =>
            {
                var answer = await call(ct);
                response = answer;
                return answer;
            },
            clock, what, cancellationToken);
        if (read.Failure is { } failure) return (Fetch<LrsAnswer>.Failed(failure), response?.StatusCode);
        var answered = response!;
        var consistentThrough = answered.Headers is { } headers && headers.TryGetValues(ConsistentThroughHeader, out var values)
            ? XapiCursor.Parse(values.FirstOrDefault())
            : null;
        return (Fetch<LrsAnswer>.Of(new LrsAnswer(read.Value!, consistentThrough)), answered.StatusCode);
    }

    private SourcePage<LearningEvent> PageOf(XapiCursor position, LrsAnswer answer)
    {
        var events = new List<LearningEvent>();
        DateTimeOffset? latestStored = null;
        foreach (var element in answer.Result.Statements ?? [])
        {
            var reading = XapiStatementReader.Read(element);
            if (reading.StoredAt is { } stored && (latestStored is null || stored > latestStored)) latestStored = stored;
            if (reading.Event is { } learningEvent) events.Add(learningEvent);
            else if (reading.Problem is { } problem)
                logger.LogWarning("Skipped xAPI statement {StatementId}: {Problem}.", XapiStatementReader.IdOf(element), problem);
        }

        // The first answer of a query fixes where its guarantee ends. An LRS that omits the header (the spec
        // requires it) falls back to the newest statement seen, which is the best a client can do.
        var until = position.Until ?? answer.ConsistentThrough ?? latestStored;
        if (position.Until is null && answer.ConsistentThrough is null)
            logger.LogWarning("The LRS sent no {Header}; the next statement query starts at the newest statement read.", ConsistentThroughHeader);

        var next = string.IsNullOrEmpty(answer.Result.More)
            ? position.Exhausted(until)
            : position with { Until = until, More = answer.Result.More };
        return new SourcePage<LearningEvent>(events, next.Encode(), HasMore: next.More is not null);
    }

    private sealed record LrsAnswer(XapiStatementResult Result, DateTimeOffset? ConsistentThrough);
}
