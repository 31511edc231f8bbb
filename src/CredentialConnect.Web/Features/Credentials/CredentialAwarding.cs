using System.Text.Json;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Exams;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Credentials;

/// <summary>What an award attempt decided, and why.</summary>
/// <param name="Credential">The credential awarded; null when nothing was.</param>
/// <param name="Explanation">The decision in words.</param>
/// <param name="Missing">What the member still lacks, when that is why nothing was awarded.</param>
/// <param name="Pathways">Pathway credentials the award completed, nested ones included.</param>
public sealed record AwardDecision(Credential? Credential, string Explanation, IReadOnlyList<string> Missing, IReadOnlyList<Credential> Pathways)
{
    public bool Awarded => Credential is not null;

    public static AwardDecision NotAwarded(string explanation, IReadOnlyList<string>? missing = null) => new(null, explanation, missing ?? [], []);
}

/// <summary>
/// Awards credentials: a unique number, the end of validity from the program's period, prerequisites held, never a
/// second live credential of a program, CredentialAwarded raised in the same unit of work, and every pathway the award
/// completes awarded with it. Changes are added to <paramref name="db"/>; the caller saves, through <see cref="SaveAsync"/>
/// when it wants a number clash with a concurrent award retried.
/// </summary>
public sealed class CredentialAwarding(AppDbContext db, TimeProvider clock, string actor)
{
    private const int MaxSaveAttempts = 5;

    private sealed record Issued(Credential Credential, CredentialProgram Program, DomainEvent Event, CredentialAwardedData Data);

    private readonly List<Issued> _issued = [];
    private readonly Dictionary<Guid, MemberStanding> _standings = [];
    private Dictionary<Guid, CredentialProgram>? _programs;

    /// <summary>
    /// Awards <paramref name="programId"/> when the member meets every requirement: an approved application when the
    /// program takes applications, a counted exam pass when it requires an exam, and its prerequisites held. Idempotent:
    /// a member already holding the program gets nothing more.
    /// </summary>
    public async Task<AwardDecision> AwardWhenCompleteAsync(Guid memberId, Guid programId, CancellationToken cancellationToken)
    {
        var programs = await ProgramsAsync(cancellationToken);
        if (!programs.TryGetValue(programId, out var program)) return AwardDecision.NotAwarded($"No program '{programId}'.");
        var standing = await StandingAsync(memberId, cancellationToken);
        if (standing.LiveCredential(programId) is { } live)
            return AwardDecision.NotAwarded($"The member already holds {program.Code} as {live.Number} ({live.Status}).");
        if (!AwardRules.AwardsAutomatically(program))
            return AwardDecision.NotAwarded(program.Status != ProgramStatus.Published
                ? $"{program.Code} is {program.Status}; only a published program is awarded."
                : $"{program.Code} has no application, exam or components to complete; staff award it.");
        if (AwardRules.Missing(program, standing, programs) is { Count: > 0 } missing)
            return AwardDecision.NotAwarded($"{program.Code} is not awarded yet: {string.Join(" ", missing)}", missing);

        var credential = await IssueAsync(memberId, program, "Awarded: every requirement of the program is met.", cancellationToken);
        return new AwardDecision(credential, $"Awarded {program.Code} as {credential.Number}.", [], await AwardCompletedPathwaysAsync(memberId, cancellationToken));
    }

    /// <summary>
    /// Staff award <paramref name="programId"/> for <paramref name="reason"/>, without an application or exam; the
    /// prerequisites are still required, and a member holding the program live is not given a second credential.
    /// </summary>
    public async Task<AwardDecision> AwardAsync(Guid memberId, CredentialProgram program, string reason, CancellationToken cancellationToken)
    {
        var programs = await ProgramsAsync(cancellationToken);
        var standing = await StandingAsync(memberId, cancellationToken);
        if (program.Status != ProgramStatus.Published)
            return AwardDecision.NotAwarded($"{program.Code} is {program.Status}; only a published program is awarded.");
        if (standing.LiveCredential(program.Id) is { } live)
            return AwardDecision.NotAwarded($"The member already holds {program.Code} as {live.Number} ({live.Status}).");
        if (AwardRules.MissingPrerequisites(programs[program.Id], standing, programs) is { Count: > 0 } missing)
            return AwardDecision.NotAwarded($"{program.Code} needs its prerequisites held first: {string.Join(" ", missing)}", missing);

        var credential = await IssueAsync(memberId, program, reason, cancellationToken);
        return new AwardDecision(credential, $"Awarded {program.Code} as {credential.Number}.", [], await AwardCompletedPathwaysAsync(memberId, cancellationToken));
    }

    /// <summary>Awards every published pathway the member has now completed, until none is left: a pathway can be a component of another.</summary>
    public async Task<IReadOnlyList<Credential>> AwardCompletedPathwaysAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var programs = await ProgramsAsync(cancellationToken);
        var standing = await StandingAsync(memberId, cancellationToken);
        var awarded = new List<Credential>();
        while (AwardRules.CompletedPathways(standing, programs) is { Count: > 0 } completed)
            foreach (var pathway in completed)
                awarded.Add(await IssueAsync(memberId, pathway, "Awarded: every component of the pathway is held.", cancellationToken));
        return awarded;
    }

    /// <summary>
    /// Saves the unit of work. Two awards made at once can pick the same next number; the unique index on Number refuses
    /// the second, which is renumbered and saved again.
    /// </summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < MaxSaveAttempts && _issued.Count > 0)
            {
                var numbers = _issued.Select(i => i.Credential.Number).ToList();
                if (!await db.Credentials.AsNoTracking().AnyAsync(c => numbers.Contains(c.Number), cancellationToken)) throw;
                await RenumberAsync(cancellationToken);
            }
        }
    }

    private async Task<Credential> IssueAsync(Guid memberId, CredentialProgram program, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var pending = db.Credentials.Local.Where(c => db.Entry(c).State == EntityState.Added).Select(c => c.Number);
        var number = await NextNumberAsync(program.Kind, now.Year, pending, cancellationToken);
        var credential = Credential.Award(number, memberId, program.Id, now, AwardRules.ExpiresAt(program.ValidityPeriod, now), actor, reason);
        db.Credentials.Add(credential);

        var data = new CredentialAwardedData(credential.Id, number, program.Code, credential.ExpiresAt, reason);
        var awarded = db.Raise(DomainEventTypes.CredentialAwarded, now, memberId, program.Id, data);
        _issued.Add(new Issued(credential, program, awarded, data));
        (await StandingAsync(memberId, cancellationToken)).Add(credential);
        return credential;
    }

    private async Task<string> NextNumberAsync(ProgramKind kind, int year, IEnumerable<string> pending, CancellationToken cancellationToken)
    {
        var prefix = $"{CredentialNumber.PrefixFor(kind)}-{year:D4}-";
        // Sequences are zero-padded, so the highest number of a prefix sorts last.
        var highest = await db.Credentials.AsNoTracking().Where(c => c.Number.StartsWith(prefix)).MaxAsync(c => (string?)c.Number, cancellationToken);
        return CredentialNumber.Format(kind, year, AwardRules.NextSequence(kind, year, pending.Append(highest)));
    }

    // The failed save left everything added; only the numbers (and the events and audit rows that carry them) change.
    private async Task RenumberAsync(CancellationToken cancellationToken)
    {
        foreach (var audit in db.ChangeTracker.Entries<AuditLogEntry>().Where(e => e.State == EntityState.Added).ToList())
            audit.State = EntityState.Detached;

        var renumbered = new List<string>();
        for (var i = 0; i < _issued.Count; i++)
        {
            var (credential, program, awarded, data) = _issued[i];
            var number = await NextNumberAsync(program.Kind, credential.IssuedAt.Year, renumbered, cancellationToken);
            renumbered.Add(number);
            db.Entry(credential).Property(c => c.Number).CurrentValue = number;
            var renumberedData = data with { Number = number };
            db.Entry(awarded).Property(e => e.Data).CurrentValue = JsonSerializer.Serialize(renumberedData, JsonSerializerOptions.Web);
            _issued[i] = new Issued(credential, program, awarded, renumberedData);
        }
    }

    private async Task<Dictionary<Guid, CredentialProgram>> ProgramsAsync(CancellationToken cancellationToken) =>
        _programs ??= await db.Programs.AsNoTracking().Include(p => p.Prerequisites).ToDictionaryAsync(p => p.Id, cancellationToken);

    /// <summary>The member's standing from the database and from this unit of work's unsaved changes (an attempt just recorded).</summary>
    private async Task<MemberStanding> StandingAsync(Guid memberId, CancellationToken cancellationToken)
    {
        if (_standings.TryGetValue(memberId, out var known)) return known;

        var credentials = await db.Credentials.Where(c => c.MemberId == memberId).ToListAsync(cancellationToken);
        var approved = await db.Applications.Where(a => a.MemberId == memberId && a.Status == ApplicationStatus.Approved)
            .Select(a => a.ProgramId).ToListAsync(cancellationToken);
        var passed = await db.ExamAttempts.Where(a => a.MemberId == memberId && a.Passed && a.CountsTowardAward)
            .Select(a => a.ProgramId).ToListAsync(cancellationToken);

        var standing = new MemberStanding(
            credentials.Union(db.Credentials.Local.Where(c => c.MemberId == memberId)),
            approved.Concat(db.Applications.Local.Where(a => a.MemberId == memberId && a.Status == ApplicationStatus.Approved).Select(a => a.ProgramId)),
            passed.Concat(db.ExamAttempts.Local.Where(a => a.MemberId == memberId && a.Passed && a.CountsTowardAward).Select(a => a.ProgramId)));
        _standings[memberId] = standing;
        return standing;
    }
}
