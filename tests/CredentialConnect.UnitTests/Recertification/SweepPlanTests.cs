using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Recertification;
using Microsoft.Extensions.Time.Testing;

namespace CredentialConnect.UnitTests.Recertification;

/// <summary>The daily sweep's plan, applied each night of a whole cycle by a fake clock to credentials held in memory.</summary>
public sealed class SweepPlanTests
{
    private static readonly DateTimeOffset Issued = new(2026, 1, 15, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Ends = Issued.AddYears(3);
    private static readonly Guid Program = Guid.NewGuid();

    private static DateTimeOffset Day(DateTimeOffset at) => new(at.UtcDateTime.Date, TimeSpan.Zero);

    private static readonly RecertificationRules Rules = new() { TotalCeHours = 30, GracePeriodDays = 60 };

    private sealed class Held(CredentialStatus status, DateTimeOffset? expiresAt)
    {
        public Guid Id { get; } = Guid.NewGuid();
        public CredentialStatus Status { get; set; } = status;
        public DateTimeOffset? ExpiresAt { get; } = expiresAt;
        public Dictionary<CredentialStatus, DateTimeOffset> Reached { get; } = [];
    }

    private sealed class Association(RecertificationRules? rules, params Held[] credentials)
    {
        private readonly HashSet<(Guid, int, int)> _notices = [];
        public List<(string Type, Guid Credential, int? DaysBefore, DateTimeOffset At)> Events { get; } = [];
        public int Changes { get; private set; }

        public int Sweep(DateTimeOffset now)
        {
            var before = Changes;
            var plan = SweepPlan.For([Program], rules, now);
            foreach (var step in plan.Transitions)
                foreach (var c in credentials.Where(c => step.Matches(c.Status, c.ExpiresAt)))
                {
                    (c.Status, c.Reached[step.To]) = (step.To, now);
                    Changes++;
                    if (step.EventType is { } type) Events.Add((type, c.Id, null, now));
                }
            foreach (var step in plan.Notices)
                foreach (var c in credentials.Where(c => step.Matches(c.Status, c.ExpiresAt) && _notices.Add((c.Id, 1, step.DaysBefore))))
                {
                    Changes++;
                    Events.Add((DomainEventTypes.CredentialExpiring, c.Id, step.DaysBefore, now));
                }
            return Changes - before;
        }

        /// <summary>The sweep at 02:00 UTC every day from <paramref name="from"/> to <paramref name="until"/>.</summary>
        public void SweepDaily(DateTimeOffset from, DateTimeOffset until)
        {
            var clock = new FakeTimeProvider(Day(from).AddHours(2));
            for (; clock.GetUtcNow() <= until; clock.Advance(TimeSpan.FromDays(1))) Sweep(clock.GetUtcNow());
        }
    }

    [Fact]
    public void DailySweep_OverAWholeCycle_RaisesEachNoticeOnceThenTurnsExpiringAndLapsesAfterGrace()
    {
        var credential = new Held(CredentialStatus.Active, Ends);
        var association = new Association(Rules, credential);

        association.SweepDaily(Issued, Ends.AddDays(200));

        var notices = association.Events.Where(e => e.Type == DomainEventTypes.CredentialExpiring).ToList();
        Assert.Equal([90, 60, 30, 7], notices.Select(n => n.DaysBefore!.Value));
        Assert.Equal([Ends.AddDays(-90), Ends.AddDays(-60), Ends.AddDays(-30), Ends.AddDays(-7)], notices.Select(n => Day(n.At)));
        Assert.Equal(Ends.AddDays(-90), Day(credential.Reached[CredentialStatus.Expiring]));
        Assert.Equal(Ends.AddDays(60), Day(credential.Reached[CredentialStatus.Lapsed]));
        Assert.Single(association.Events, e => e.Type == DomainEventTypes.CredentialLapsed);
        Assert.Equal(CredentialStatus.Lapsed, credential.Status);
    }

    [Fact]
    public void Sweep_RunTwiceAtTheSameTime_ChangesNothingTheSecondTime()
    {
        var association = new Association(Rules,
            new Held(CredentialStatus.Active, Ends), new Held(CredentialStatus.Active, Ends.AddDays(-100)), new Held(CredentialStatus.Expiring, Ends.AddDays(-65)));
        var now = Ends.AddDays(-5);

        var first = association.Sweep(now);
        var second = association.Sweep(now);

        Assert.True(first > 0);
        Assert.Equal(0, second);
    }

    [Fact]
    public void DailySweep_SuspendedAndRevokedCredentials_AreNeverTouched()
    {
        var suspended = new Held(CredentialStatus.Suspended, Ends);
        var revoked = new Held(CredentialStatus.Revoked, Ends);
        var association = new Association(Rules, suspended, revoked);

        association.SweepDaily(Ends.AddDays(-120), Ends.AddDays(120));

        Assert.Equal((CredentialStatus.Suspended, CredentialStatus.Revoked), (suspended.Status, revoked.Status));
        Assert.Empty(association.Events);
    }

    [Fact]
    public void DailySweep_ProgramWithoutRecertification_LapsesAtExpiryWithoutNotices()
    {
        var credential = new Held(CredentialStatus.Active, Ends);
        var association = new Association(rules: null, credential);

        association.SweepDaily(Ends.AddDays(-120), Ends.AddDays(10));

        Assert.Equal(Ends, Day(credential.Reached[CredentialStatus.Lapsed]));
        Assert.Equal([DomainEventTypes.CredentialLapsed], association.Events.Select(e => e.Type));
    }

    [Fact]
    public void DailySweep_CredentialAwardedInsideTheNoticeWindow_GetsOnlyTheNoticesStillAhead()
    {
        var credential = new Held(CredentialStatus.Active, Ends);
        var association = new Association(Rules, credential);

        association.SweepDaily(Ends.AddDays(-20), Ends);

        Assert.Equal([30, 7], association.Events.Select(e => e.DaysBefore!.Value));
    }

    [Fact]
    public void DailySweep_WithCustomOffsets_TurnsExpiringAtTheLargest()
    {
        var rules = new RecertificationRules { TotalCeHours = 10, GracePeriodDays = 0, ExpiringNoticeDays = [14, 120] };
        var credential = new Held(CredentialStatus.Active, Ends);
        var association = new Association(rules, credential);

        association.SweepDaily(Ends.AddDays(-200), Ends.AddDays(5));

        Assert.Equal(Ends.AddDays(-120), Day(credential.Reached[CredentialStatus.Expiring]));
        Assert.Equal([120, 14], association.Events.Where(e => e.DaysBefore is not null).Select(e => e.DaysBefore!.Value));
        Assert.Equal(Ends, Day(credential.Reached[CredentialStatus.Lapsed]));
    }
}
