using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.UnitTests.Credentials;

public sealed class CredentialStatusRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(CredentialAction.Suspend, CredentialStatus.Active, true)]
    [InlineData(CredentialAction.Suspend, CredentialStatus.Expiring, true)]
    [InlineData(CredentialAction.Suspend, CredentialStatus.Suspended, false)]
    [InlineData(CredentialAction.Suspend, CredentialStatus.Revoked, false)]
    [InlineData(CredentialAction.Revoke, CredentialStatus.Suspended, true)]
    [InlineData(CredentialAction.Revoke, CredentialStatus.Lapsed, true)]
    [InlineData(CredentialAction.Revoke, CredentialStatus.Revoked, false)]
    [InlineData(CredentialAction.Reinstate, CredentialStatus.Suspended, true)]
    [InlineData(CredentialAction.Reinstate, CredentialStatus.Revoked, true)]
    [InlineData(CredentialAction.Reinstate, CredentialStatus.Active, false)]
    [InlineData(CredentialAction.Reinstate, CredentialStatus.Lapsed, false)]
    public void IsAllowed_FollowsTheTransitionTable(CredentialAction action, CredentialStatus from, bool allowed) =>
        Assert.Equal(allowed, CredentialStatusRules.IsAllowed(action, from));

    [Fact]
    public void Reinstate_FarFromTheEndDate_RestoresActive() =>
        Assert.Equal(CredentialStatus.Active, CredentialStatusRules.Target(CredentialAction.Reinstate, Now.AddDays(91), null, Now));

    [Fact]
    public void Reinstate_WithinTheFirstNotice_RestoresExpiring()
    {
        var rules = new RecertificationRules { ExpiringNoticeDays = [60, 30] };

        Assert.Equal(CredentialStatus.Expiring, CredentialStatusRules.Target(CredentialAction.Reinstate, Now.AddDays(60), rules, Now));
        Assert.Equal(CredentialStatus.Active, CredentialStatusRules.Target(CredentialAction.Reinstate, Now.AddDays(61), rules, Now));
    }

    [Fact]
    public void Reinstate_OfACredentialThatNeverExpires_RestoresActive() =>
        Assert.Equal(CredentialStatus.Active, CredentialStatusRules.Target(CredentialAction.Reinstate, null, null, Now));
}
