using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Events;

namespace CredentialConnect.Web.Features.Credentials;

/// <summary>
/// Awards a program once its last requirement is met: an application approved, or an exam passed (from the LMS, or one
/// recorded by staff whose award the request already made, in which case nothing more happens). A member who already
/// holds the program gets nothing, so a replayed event is harmless.
/// </summary>
public sealed class AwardWhenComplete(TimeProvider clock, ILogger<AwardWhenComplete> logger) : IDomainEventHandler
{
    public const string Actor = "system";

    public async Task HandleAsync(DomainEvent domainEvent, AppDbContext db, CancellationToken cancellationToken)
    {
        if (domainEvent is not { Type: DomainEventTypes.ApplicationApproved or DomainEventTypes.ExamPassed, MemberId: { } memberId, ProgramId: { } programId }) return;
        var decision = await new CredentialAwarding(db, clock, Actor).AwardWhenCompleteAsync(memberId, programId, cancellationToken);
        logger.LogInformation("{Event} for member {MemberId}: {Decision}", domainEvent.Type, memberId, decision.Explanation);
    }
}
