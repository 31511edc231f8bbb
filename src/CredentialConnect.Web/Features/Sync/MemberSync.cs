using System.Text.Json;
using CredentialConnect.Connectors;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Members;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Sync;

/// <summary>
/// Applies AMS member records to the hub. Upserts are idempotent on the golden key (the AMS member id); a
/// person the hub knew only by email is linked when exactly one member has that email, and held for review
/// when several do. Changes and their events are added to the caller's unit of work, not saved.
/// </summary>
public sealed class MemberSync(AppDbContext db, TimeProvider clock)
{
    public async Task<PageTally> ApplyAsync(string source, IReadOnlyList<MemberRecord> records, CancellationToken cancellationToken)
    {
        var tally = new PageTally { Received = records.Count };
        var now = clock.GetUtcNow();
        var fresh = await Inbox.NewRecordsAsync(db, source, records, VersionKey, cancellationToken);
        tally.Skipped += records.Count - fresh.Count;

        var ids = fresh.Select(r => r.AmsMemberId).Distinct().ToList();
        var known = await db.Members.Where(m => ids.Contains(m.AmsMemberId)).ToDictionaryAsync(m => m.AmsMemberId, cancellationToken);
        var emails = fresh.Where(r => !known.ContainsKey(r.AmsMemberId)).Select(r => r.Email.ToLowerInvariant()).Distinct().ToList();
        var byEmail = (await db.Members.Where(m => emails.Contains(m.Email.ToLower())).ToListAsync(cancellationToken))
            .ToLookup(m => m.Email.ToLowerInvariant());

        foreach (var record in fresh)
        {
            var inbox = Inbox.Add(db, source, VersionKey(record), "member", record, now);
            var member = known.GetValueOrDefault(record.AmsMemberId);
            if (member is null)
            {
                var sameEmail = byEmail[record.Email.ToLowerInvariant()].Where(m => !ids.Contains(m.AmsMemberId)).ToList();
                if (sameEmail.Count > 1)
                {
                    HoldForReview(source, record, sameEmail, inbox, now);
                    tally.HeldForReview++;
                    continue;
                }
                member = sameEmail.SingleOrDefault();
                if (member is not null) member.AmsMemberId = record.AmsMemberId;
            }

            if (member is null)
            {
                member = NewMember(record, now);
                db.Members.Add(member);
                known[record.AmsMemberId] = member;
                db.Raise(DomainEventTypes.MemberJoined, now, member.Id);
                tally.Created++;
            }
            else if (member.AmsUpdatedAt is { } seen && seen > record.UpdatedAt.ToUniversalTime())
            {
                tally.Unchanged++; // An older version of the record arrived late; the newer one stays.
            }
            else
            {
                var wasLapsed = member.MembershipStatus == MembershipStatus.Lapsed;
                if (Update(member, record, now)) tally.Updated++; else tally.Unchanged++;
                if (!wasLapsed && member.MembershipStatus == MembershipStatus.Lapsed)
                    db.Raise(DomainEventTypes.MemberLapsed, now, member.Id);
            }
            inbox.ProcessedAt = now;
        }
        return tally;
    }

    // A member record's identity in the inbox is its id at a version, so each change is applied once.
    private static string VersionKey(MemberRecord r) => $"{r.AmsMemberId}@{r.UpdatedAt.UtcTicks}";

    private void HoldForReview(string source, MemberRecord record, List<Member> candidates, InboxMessage inbox, DateTimeOffset now)
    {
        inbox.Problem = $"Email matches {candidates.Count} members; held for review.";
        db.MemberMatchReviews.Add(new MemberMatchReview
        {
            Source = source,
            ExternalIdentity = record.AmsMemberId,
            Email = record.Email,
            Reason = inbox.Problem,
            CandidateMemberIds = JsonSerializer.Serialize(candidates.Select(c => c.Id)),
            InboxMessageId = inbox.Id,
            RaisedAt = now,
        });
    }

    private static Member NewMember(MemberRecord r, DateTimeOffset now)
    {
        var member = new Member { AmsMemberId = r.AmsMemberId, Email = r.Email, FirstName = r.FirstName, LastName = r.LastName, CreatedAt = now, UpdatedAt = now };
        Update(member, r, now);
        return member;
    }

    /// <summary>Copies the AMS's fields onto the member; true when anything changed.</summary>
    private static bool Update(Member m, MemberRecord r, DateTimeOffset now)
    {
        var status = Map(r.Status);
        var changed = m.Email != r.Email || m.FirstName != r.FirstName || m.LastName != r.LastName || m.MembershipStatus != status
            || m.MembershipLevel != r.Level || m.MemberSince != r.MemberSince || m.MembershipRenewalDue != r.RenewalDue
            || m.City != r.City || m.Region != r.Region || m.Country != r.Country;
        (m.Email, m.FirstName, m.LastName, m.MembershipStatus, m.MembershipLevel) = (r.Email, r.FirstName, r.LastName, status, r.Level);
        (m.MemberSince, m.MembershipRenewalDue, m.City, m.Region, m.Country) = (r.MemberSince, r.RenewalDue, r.City, r.Region, r.Country);
        m.AmsUpdatedAt = r.UpdatedAt.ToUniversalTime();
        if (changed) m.UpdatedAt = now;
        return changed;
    }

    private static MembershipStatus Map(AmsMembershipStatus status) => status switch
    {
        AmsMembershipStatus.Active => MembershipStatus.Active,
        AmsMembershipStatus.PendingNew => MembershipStatus.PendingNew,
        AmsMembershipStatus.PendingRenewal => MembershipStatus.PendingRenewal,
        AmsMembershipStatus.Lapsed => MembershipStatus.Lapsed,
        AmsMembershipStatus.Suspended => MembershipStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>
    /// Marks members the AMS no longer has, after a full read saw every member it does have. Their records and
    /// credentials stay; only the membership status says they left.
    /// </summary>
    public async Task<int> MarkRemovedAsync(IReadOnlySet<string> seenAmsIds, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var current = await db.Members.Where(m => m.MembershipStatus != MembershipStatus.RemovedFromAms)
            .Select(m => new { m.Id, m.AmsMemberId }).ToListAsync(cancellationToken);
        var gone = current.Where(m => !seenAmsIds.Contains(m.AmsMemberId)).Select(m => m.Id).ToList();
        foreach (var chunk in gone.Chunk(500))
        {
            var members = await db.Members.Where(m => chunk.Contains(m.Id)).ToListAsync(cancellationToken);
            foreach (var member in members)
            {
                member.MembershipStatus = MembershipStatus.RemovedFromAms;
                member.UpdatedAt = now;
                db.Raise(DomainEventTypes.MemberLapsed, now, member.Id, data: new { reason = "removed from the AMS" });
            }
        }
        return gone.Count;
    }
}

/// <summary>What one page did.</summary>
public sealed class PageTally
{
    public int Received { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Removed { get; set; }
    public int Skipped { get; set; }
    public int HeldForReview { get; set; }

    public void AddTo(SyncRun run)
    {
        run.Pages++;
        run.Received += Received;
        run.Created += Created;
        run.Updated += Updated;
        run.Unchanged += Unchanged;
        run.Removed += Removed;
        run.Skipped += Skipped;
        run.HeldForReview += HeldForReview;
    }
}
