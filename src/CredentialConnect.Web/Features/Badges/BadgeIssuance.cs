using CredentialConnect.Badges.DataIntegrity;
using CredentialConnect.Badges.Jwt;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Credentials;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Badges;

/// <summary>What one pass of issuing missing badges did.</summary>
public sealed record BadgeIssuingPass(int Issued, int Failed, IReadOnlyList<string> FailedNumbers);

/// <summary>
/// Signs each credential cycle's Open Badges 3.0 credential, in both proof formats, once. An award never waits on
/// signing: a badge missing for the current cycle (a new award, a renewal, a credential from before badges, a signing
/// failure) is issued by the next pass, or at once when someone asks for it.
/// </summary>
public sealed class BadgeIssuance(AppDbContext db, IssuerKeyRing keys, BadgeIssuer issuer, IServiceScopeFactory scopes, TimeProvider clock,
    ILogger<BadgeIssuance> logger)
{
    private const int SaveAttempts = 5;

    /// <summary>The latest badge of a credential (its highest cycle), or null when none is issued yet.</summary>
    public Task<IssuedBadge?> LatestAsync(Guid credentialId, CancellationToken cancellationToken) =>
        db.IssuedBadges.AsNoTracking().Where(b => b.CredentialId == credentialId).OrderByDescending(b => b.Cycle).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The badge of the credential's current cycle, issued now if it is missing; null when there is no such credential.</summary>
    public async Task<IssuedBadge?> EnsureIssuedAsync(Guid credentialId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var credential = await db.Credentials.AsNoTracking().SingleOrDefaultAsync(c => c.Id == credentialId, cancellationToken);
            if (credential is null) return null;
            if (await LatestAsync(credentialId, cancellationToken) is { } latest && latest.Cycle >= credential.CurrentCycle) return latest;
            try
            {
                return await IssueAsync(credential, cancellationToken);
            }
            // Another node issued this cycle, or took the same status list bit, first: read again.
            catch (DbUpdateException) when (attempt < SaveAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// Issues every missing badge, <paramref name="batchSize"/> credentials at a time. A credential that fails to sign
    /// is logged and left for the next pass; it never stops the others.
    /// </summary>
    public async Task<BadgeIssuingPass> IssueMissingAsync(int batchSize, CancellationToken cancellationToken)
    {
        var missing = await db.Credentials.AsNoTracking()
            .Where(c => !db.IssuedBadges.Any(b => b.CredentialId == c.Id && b.Cycle == c.CurrentCycle))
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var (issued, failed) = (0, new List<string>());
        foreach (var batch in missing.Chunk(batchSize))
        {
            // A fresh unit of work per batch keeps the change tracker small on a large backfill.
            await using var scope = scopes.CreateAsyncScope();
            var issuance = scope.ServiceProvider.GetRequiredService<BadgeIssuance>();
            foreach (var credentialId in batch)
            {
                try
                {
                    if (await issuance.EnsureIssuedAsync(credentialId, cancellationToken) is not null) issued++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    var number = await db.Credentials.AsNoTracking().Where(c => c.Id == credentialId).Select(c => c.Number).SingleOrDefaultAsync(cancellationToken);
                    logger.LogError(e, "Could not issue the badge of credential {Number}; the next pass tries again", number);
                    failed.Add(number ?? credentialId.ToString());
                    issuance.Forget();
                }
            }
        }
        return new BadgeIssuingPass(issued, failed.Count, failed);
    }

    private void Forget() => db.ChangeTracker.Clear();

    private async Task<IssuedBadge> IssueAsync(Credential credential, CancellationToken cancellationToken)
    {
        var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == credential.MemberId, cancellationToken);
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == credential.ProgramId, cancellationToken);
        var position = await PositionAsync(credential.Id, cancellationToken);
        var salt = await RecipientSalt.GetAsync(scopes, clock, cancellationToken);
        var now = clock.GetUtcNow();
        // A cycle renewed early starts when the last one ends; its badge is good from the renewal, so the member can show it now.
        var validFrom = credential.CycleStartedAt < now ? credential.CycleStartedAt : now;
        var facts = new BadgeFacts(credential.Number, credential.CurrentCycle, credential.IssuedAt, validFrom, credential.ExpiresAt,
            member.Email, salt, program.Code, program.Name, program.Description, program.CriteriaNarrative, position);

        var unsigned = OpenBadgeCredentialBuilder.Build(issuer, facts);
        var signing = await keys.CurrentAsync(cancellationToken);
        var badge = new IssuedBadge
        {
            CredentialId = credential.Id, Number = credential.Number, Cycle = credential.CurrentCycle, IssuedAt = now,
            ValidFrom = validFrom, ValidUntil = credential.ExpiresAt,
            SignedJson = EddsaRdfc2022.Sign(unsigned, signing.DataIntegrity, signing.VerificationMethod, now).ToJsonString(),
            Jwt = VcJwt.Sign(unsigned, signing.Jwt),
            DataIntegrityKeyId = signing.DataIntegrityKeyId, JwtKeyId = signing.JwtKeyId,
        };
        db.IssuedBadges.Add(badge);
        await db.SaveChangesAsync(cancellationToken);
        return badge;
    }

    /// <summary>The credential's status list place: the one it has, or the next free one (saved with the badge).</summary>
    private async Task<StatusListPosition> PositionAsync(Guid credentialId, CancellationToken cancellationToken)
    {
        if (await db.StatusListAllocations.AsNoTracking().SingleOrDefaultAsync(a => a.CredentialId == credentialId, cancellationToken) is { } held)
            return held.Position;
        var last = await db.StatusListAllocations.AsNoTracking().OrderByDescending(a => a.ListNumber).ThenByDescending(a => a.Index)
            .Select(a => new StatusListPosition(a.ListNumber, a.Index)).FirstOrDefaultAsync(cancellationToken);
        var next = StatusListAllocation.Next(last);
        db.StatusListAllocations.Add(new StatusListAllocation { CredentialId = credentialId, ListNumber = next.ListNumber, Index = next.Index });
        return next;
    }
}
