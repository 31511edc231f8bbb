using System.Globalization;
using System.Net;
using CredentialConnect.Connectors.WildApricot.Models;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace CredentialConnect.Connectors.WildApricot;

/// <summary>
/// Members from Wild Apricot's contacts.
/// </summary>
/// <remarks>
/// <para>
/// A sync runs as a series of queries. Each query asks for the contacts whose "Profile last updated" is at or after
/// a watermark (every contact, for <see cref="SyncCursor.Start"/>), page by page with <c>$top</c> and <c>$skip</c>.
/// A page shorter than <see cref="WildApricotOptions.PageSize"/> ends the query, and the next query's watermark is
/// the newest change it delivered, but never later than <see cref="WildApricotOptions.ChangeOverlap"/> before the
/// query began: a contact saved while the query ran keeps its place in the result, so the query may have passed
/// it already, and only the next query can see the change.
/// </para>
/// <para>
/// Paging by position is only safe while the result does not shift under it, and a contact deleted between two
/// pages (or a restored cursor, hours later) would make every later contact move up one place and one of them be
/// skipped. So every page after the first starts one place early, on the last contact already delivered: when
/// that contact is there, nothing before it moved; when it is not, the query starts again from its first page.
/// Re-delivering contacts is harmless, since the hub's upserts are idempotent; skipping one is not.
/// </para>
/// </remarks>
public sealed class WildApricotMemberSource(
    IOptionsMonitor<WildApricotOptions> options, IWildApricotApi api, TimeProvider clock, ILogger<WildApricotMemberSource> logger) : IMemberSource
{
    /// <summary>The connector's name.</summary>
    public const string ConnectorName = "wild-apricot";

    // IIS refuses query strings over 2,048 characters by default; a batch of ids stays well inside that.
    private const int MaxIdFilterLength = 1500;
    private const string Contacts = "Wild Apricot contacts";

    /// <inheritdoc />
    public string Name => ConnectorName;

    /// <inheritdoc />
    public bool IsConfigured => options.CurrentValue.Enabled;

    /// <inheritdoc />
    public Type OptionsType => typeof(WildApricotOptions);

    /// <inheritdoc />
    public async Task<Outcome> TestConnectionAsync(CancellationToken cancellationToken)
    {
        var accountId = options.CurrentValue.AccountId;
        var account = await PartnerCall.ReadAsync(ct => api.GetAccountAsync(accountId, ct), clock, "Wild Apricot account", cancellationToken);
        return account.Failure ?? new Outcome.Done(account.Value!.Name ?? accountId.ToString(CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public async Task<Fetch<SourcePage<MemberRecord>>> GetChangesAsync(SyncCursor cursor, CancellationToken cancellationToken)
    {
        if (WildApricotCursor.Decode(cursor) is not { } at)
            return Fetch<SourcePage<MemberRecord>>.Permanent($"Wild Apricot: '{cursor}' is not a cursor this connector wrote.");

        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        var overlap = at.Position > 0 ? 1 : 0;
        var skip = at.Position - overlap;
        var read = await ReadContactsAsync(WildApricotFilters.ChangedSince(at.Since), settings.PageSize, skip, cancellationToken);
        if (read.Failure is { } failure) return Fetch<SourcePage<MemberRecord>>.Failed(failure);

        var contacts = read.Value!;
        var startedAt = at.StartedAt ?? now;
        var newest = Newest(at.Newest, Usable(contacts));

        if (overlap == 1 && (contacts.Count == 0 || contacts[0].Id != at.Boundary))
        {
            // The result shifted since the last page. Start the query again; keeping its start time keeps every
            // change made since then inside the next query.
            var restart = at with { Position = 0, Boundary = null, StartedAt = startedAt, Newest = newest };
            return Page(Usable(contacts), restart, hasMore: true, now);
        }

        var fresh = Usable(contacts.Skip(overlap));
        if (contacts.Count < settings.PageSize)
        {
            var since = newest is { } seen ? Min(seen, startedAt - settings.ChangeOverlap) : at.Since;
            return Page(fresh, WildApricotCursor.FirstPage(since), hasMore: false, now);
        }

        // The next page starts on the last contact whose id could be read, even if the rest of it could not.
        var last = contacts.Count - 1;
        while (last >= 0 && contacts[last].Id is null) last--;
        if (last < 0) return Fetch<SourcePage<MemberRecord>>.Retry($"{Contacts}: no contact on the page has a readable Id.");
        var next = at with { StartedAt = startedAt, Position = skip + last + 1, Boundary = contacts[last].Id, Newest = newest };
        return Page(fresh, next, hasMore: true, now);
    }

    /// <inheritdoc />
    public async Task<Fetch<IReadOnlyList<MemberRecord>>> GetManyAsync(IReadOnlyCollection<string> amsMemberIds, CancellationToken cancellationToken)
    {
        // Wild Apricot's ids are integers; anything else names no contact and is simply not found.
        var ids = amsMemberIds
            .Select(id => int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : (int?)null)
            .OfType<int>()
            .Distinct()
            .Order()
            .ToList();

        var members = new List<MemberRecord>();
        foreach (var batch in WildApricotFilters.Batches(ids, options.CurrentValue.PageSize, MaxIdFilterLength))
        {
            var read = await ReadIdsAsync(batch, cancellationToken);
            if (read.Failure is { } failure) return Fetch<IReadOnlyList<MemberRecord>>.Failed(failure);
            var readAt = clock.GetUtcNow();
            members.AddRange(Usable(read.Value!).Select(contact => WildApricotMembers.ToMember(contact, readAt)));
        }
        return Fetch<IReadOnlyList<MemberRecord>>.Of(members);
    }

    // When Wild Apricot (IIS) still finds the query string too long, each half is asked for separately.
    private async Task<Fetch<IReadOnlyList<ContactRow>>> ReadIdsAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        var accountId = options.CurrentValue.AccountId;
        var sent = await PartnerCall.SendAsync(
            ct => api.GetContactsAsync(accountId, "false", WildApricotFilters.IdIn(ids), ids.Count, null, ct), Contacts, cancellationToken);
        if (sent.Failure is { } failure) return Fetch<IReadOnlyList<ContactRow>>.Failed(failure);

        var answer = sent.Value!;
        if (IsQueryTooLong(answer) && ids.Count > 1)
        {
            var half = ids.Count / 2;
            var first = await ReadIdsAsync(ids.Take(half).ToList(), cancellationToken);
            if (first.Failure is not null) return first;
            var second = await ReadIdsAsync(ids.Skip(half).ToList(), cancellationToken);
            if (second.Failure is not null) return second;
            return Fetch<IReadOnlyList<ContactRow>>.Of([.. first.Value!, .. second.Value!]);
        }
        return ContactsOf(answer);
    }

    // IIS answers an over-long URL with 404.14 (URL) or 404.15 (query string), or with 414.
    private static bool IsQueryTooLong(IApiResponse answer) =>
        answer.StatusCode == HttpStatusCode.RequestUriTooLong
        || answer.StatusCode == HttpStatusCode.NotFound && answer.Error is ApiException { Content: { } body }
            && (body.Contains("404.14", StringComparison.Ordinal) || body.Contains("404.15", StringComparison.Ordinal)
                || body.Contains("too long", StringComparison.OrdinalIgnoreCase));

    private async Task<Fetch<IReadOnlyList<ContactRow>>> ReadContactsAsync(string? filter, int top, int skip, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var mode = settings.UseAsyncQueries ? "true" : "false";
        var sent = await PartnerCall.SendAsync(
            ct => api.GetContactsAsync(settings.AccountId, mode, filter, top, skip, ct), Contacts, cancellationToken);
        if (sent.Failure is { } failure) return Fetch<IReadOnlyList<ContactRow>>.Failed(failure);
        return settings.UseAsyncQueries ? await AwaitResultAsync(sent.Value!, cancellationToken) : ContactsOf(sent.Value!);
    }

    // An asynchronous query answers with its ResultId at once and carries the contacts once it is Complete. The
    // result is read from the configured host with that id (the address its ResultUrl names), so the token never
    // goes to a host taken from an answer.
    private async Task<Fetch<IReadOnlyList<ContactRow>>> AwaitResultAsync(IApiResponse<WildApricotContacts> answer, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        for (var polls = 0; ; polls++)
        {
            if (!answer.IsSuccessful || answer.Content is not { } result) return ContactsOf(answer);
            if (result.State is null or WildApricotQueryState.Complete && result.Contacts is not null) return ContactsOf(answer);
            if (result.State == WildApricotQueryState.Failed) return Fetch<IReadOnlyList<ContactRow>>.Retry($"{Contacts}: the asynchronous query failed.");
            if ((result.ResultId ?? ResultIdIn(result.ResultUrl)) is not { Length: > 0 } resultId)
                return Fetch<IReadOnlyList<ContactRow>>.Retry($"{Contacts}: the asynchronous query has no ResultId.");
            if (polls == settings.AsyncMaxPolls)
                return Fetch<IReadOnlyList<ContactRow>>.Retry($"{Contacts}: the asynchronous query was still {result.State} after {polls} polls.");

            await Task.Delay(settings.AsyncPollInterval, clock, cancellationToken);
            var sent = await PartnerCall.SendAsync(ct => api.GetContactsResultAsync(settings.AccountId, resultId, ct), Contacts, cancellationToken);
            if (sent.Failure is { } failure) return Fetch<IReadOnlyList<ContactRow>>.Failed(failure);
            answer = sent.Value!;
        }
    }

    private static string? ResultIdIn(string? resultUrl) =>
        Uri.TryCreate(resultUrl, UriKind.Absolute, out var url) && QueryHelpers.ParseQuery(url.Query).TryGetValue("resultId", out var id)
            ? id.ToString()
            : null;

    private Fetch<IReadOnlyList<ContactRow>> ContactsOf(IApiResponse<WildApricotContacts> answer)
    {
        if (answer.IsSuccessful && answer.Content?.Contacts is { } contacts)
            return Fetch<IReadOnlyList<ContactRow>>.Of([.. PartnerList.Read<WildApricotContact>(contacts, c => c.Id <= 0 ? "no Id" : null, logger, "Wild Apricot contact")
                .Select(read => new ContactRow(int.TryParse(read.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null, read.Item))]);
        if (answer.IsSuccessStatusCode)
            return Fetch<IReadOnlyList<ContactRow>>.Retry($"{Contacts}: the answer could not be read ({answer.Error?.InnerException?.Message ?? "no Contacts"}).");
        return Fetch<IReadOnlyList<ContactRow>>.Failed(answer.FailureOutcome(clock, Contacts));
    }

    private static Fetch<SourcePage<MemberRecord>> Page(IEnumerable<WildApricotContact> contacts, WildApricotCursor next, bool hasMore, DateTimeOffset readAt)
    {
        var members = contacts.Select(contact => WildApricotMembers.ToMember(contact, readAt)).OrderBy(member => member.UpdatedAt).ToList();
        return Fetch<SourcePage<MemberRecord>>.Of(new SourcePage<MemberRecord>(members, next.Encode(), hasMore));
    }

    private static List<WildApricotContact> Usable(IEnumerable<ContactRow> rows) => [.. rows.Select(row => row.Contact).OfType<WildApricotContact>()];

    private static DateTimeOffset? Newest(DateTimeOffset? sofar, IEnumerable<WildApricotContact> contacts) =>
        contacts.Select(WildApricotMembers.UpdatedAt).Append(sofar).Max();

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

/// <summary>A contact at its place in a page: its id when readable, and the contact when it could be read whole.</summary>
internal sealed record ContactRow(int? Id, WildApricotContact? Contact);
