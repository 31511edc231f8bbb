using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.Web.Features.Recertification;

/// <summary>
/// Moves the credentials of <see cref="ProgramIds"/> (programs that share their cycle rules) from <see cref="From"/> to <see cref="To"/> when their cycle ended on or before
/// <see cref="ExpiresAtOrBefore"/>, writing a history row each, and raising <see cref="EventType"/> when set.
/// </summary>
public sealed record CredentialTransition(Guid[] ProgramIds, CredentialStatus From, CredentialStatus To, DateTimeOffset ExpiresAtOrBefore,
    string Reason, string? EventType)
{
    public bool Matches(CredentialStatus status, DateTimeOffset? expiresAt) => status == From && expiresAt <= ExpiresAtOrBefore;
}

/// <summary>
/// Raises CredentialExpiring once for each Active or Expiring credential of <see cref="ProgramIds"/> whose cycle ends in
/// (<see cref="ExpiresAfter"/>, <see cref="ExpiresAtOrBefore"/>], the window of the <see cref="DaysBefore"/> notice.
/// </summary>
public sealed record ExpiringNoticeStep(Guid[] ProgramIds, int DaysBefore, DateTimeOffset ExpiresAfter, DateTimeOffset ExpiresAtOrBefore)
{
    public bool Matches(CredentialStatus status, DateTimeOffset? expiresAt) =>
        AwardRules.IsInGoodStanding(status) && expiresAt > ExpiresAfter && expiresAt <= ExpiresAtOrBefore;
}

public sealed record SweepPlan(IReadOnlyList<CredentialTransition> Transitions, IReadOnlyList<ExpiringNoticeStep> Notices)
{
    public const string Actor = "status sweep";

    /// <summary>
    /// The day's steps for programs with the same cycle rules, in order: lapses first (so a credential long past its grace goes straight to
    /// Lapsed), then Active → Expiring at the largest notice offset, then the notices. Each offset's notice has its own
    /// window, up to the next smaller offset, so a credential awarded 20 days before its end gets the 30-day notice
    /// once, not all of 90, 60 and 30 at once. Suspended and Revoked credentials match no step.
    /// </summary>
    public static SweepPlan For(Guid[] programIds, RecertificationRules? rules, DateTimeOffset now)
    {
        var grace = rules?.GracePeriodDays ?? 0;
        var lapseReason = rules is null
            ? "Lapsed: the credential reached the end of its validity."
            : $"Lapsed: the cycle ended and the {grace}-day grace period passed without renewal.";
        var lapseAt = now.AddDays(-grace);
        var transitions = new List<CredentialTransition>
        {
            new(programIds, CredentialStatus.Active, CredentialStatus.Lapsed, lapseAt, lapseReason, DomainEventTypes.CredentialLapsed),
            new(programIds, CredentialStatus.Expiring, CredentialStatus.Lapsed, lapseAt, lapseReason, DomainEventTypes.CredentialLapsed),
        };
        var notices = new List<ExpiringNoticeStep>();
        if (rules is not null && CycleDates.LargestNotice(rules) is var largest and > 0)
        {
            transitions.Add(new(programIds, CredentialStatus.Active, CredentialStatus.Expiring, now.AddDays(largest),
                $"Expiring: the cycle ends within {largest} days.", EventType: null));
            var offsets = rules.ExpiringNoticeDays.Where(d => d > 0).Distinct().OrderDescending().ToList();
            for (var i = 0; i < offsets.Count; i++)
            {
                var next = i + 1 < offsets.Count ? offsets[i + 1] : 0;
                notices.Add(new(programIds, offsets[i], now.AddDays(next), now.AddDays(offsets[i])));
            }
        }
        return new SweepPlan(transitions, notices);
    }

    /// <summary>
    /// What of a program's rules the sweep reads. Programs with the same key share one set of statements, so a register
    /// of many programs with the usual rules is swept in a handful of statements, not a handful per program.
    /// </summary>
    public static string RulesKey(RecertificationRules? rules) => rules is null ? "none"
        : $"{rules.GracePeriodDays}:{string.Join(',', rules.ExpiringNoticeDays.Where(d => d > 0).Distinct().OrderDescending())}";
}
