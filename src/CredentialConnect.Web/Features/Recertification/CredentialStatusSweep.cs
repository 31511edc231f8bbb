using CredentialConnect.Web.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CredentialConnect.Web.Features.Recertification;

/// <summary>What one sweep changed.</summary>
public sealed record SweepCounts(int Expiring, int Lapsed, int NoticesRaised, DateTimeOffset RanAt);

/// <summary>
/// The daily status sweep: turns credentials Expiring and Lapsed as their cycles end, and raises each expiring
/// notice once. It works set-based, a few statements per set of cycle rules, never loading the credentials themselves; every
/// status change writes its history row and event in the same transaction. Running it again changes nothing until
/// the clock moves past another boundary.
/// </summary>
public sealed class CredentialStatusSweep(AppDbContext db, IDatabaseDialect dialect, TimeProvider clock, ILogger<CredentialStatusSweep> logger)
{
    public async Task<SweepCounts> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var programs = await db.Programs.AsNoTracking().Where(p => p.ValidityPeriod != null).ToListAsync(cancellationToken);
        var (expiring, lapsed, notices) = (0, 0, 0);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var sameRules in programs.GroupBy(p => SweepPlan.RulesKey(p.Recertification)))
        {
            var plan = SweepPlan.For(sameRules.Select(p => p.Id).ToArray(), sameRules.First().Recertification, now);
            foreach (var step in plan.Transitions)
            {
                var changed = await dialect.TransitionCredentialsAsync(db, step, now, cancellationToken);
                if (step.To == Credentials.CredentialStatus.Lapsed) lapsed += changed;
                else expiring += changed;
            }
            foreach (var step in plan.Notices) notices += await dialect.RaiseExpiringNoticesAsync(db, step, now, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);

        logger.LogInformation("Status sweep at {Now}: {Expiring} expiring, {Lapsed} lapsed, {Notices} notices raised", now, expiring, lapsed, notices);
        return new SweepCounts(expiring, lapsed, notices, now);
    }
}

/// <summary>Runs the status sweep on its daily schedule. The clustered job store fires it on one node; never twice at once.</summary>
[DisallowConcurrentExecution]
public sealed class CredentialStatusSweepJob(IServiceScopeFactory scopes) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CredentialStatusSweep>().RunAsync(cancellationToken);
    }
}
