using CredentialConnect.Web.Features.Access;

namespace CredentialConnect.UnitTests.Access;

public sealed class ApiKeyTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_ReturnsAKeyThatMatchesItsOwnHashOnly()
    {
        var (key, plain) = ApiKey.Create("lms-sync", [ApiScopes.MembersRead, ApiScopes.MembersRead], "staff:a@example.org", Now);

        Assert.True(ApiKey.TryParse(plain, out var prefix, out var secret));
        Assert.Equal(key.Prefix, prefix);
        Assert.True(key.Matches(secret));
        Assert.False(key.Matches(secret[..^1] + (secret[^1] == '0' ? '1' : '0')));
        Assert.DoesNotContain(secret, key.SecretHash);
        Assert.Equal([ApiScopes.MembersRead], key.Scopes);
    }

    [Fact]
    public void Create_TwoKeys_AreDifferent()
    {
        var (_, first) = ApiKey.Create("a", [ApiScopes.AuditRead], "x", Now);
        var (_, second) = ApiKey.Create("a", [ApiScopes.AuditRead], "x", Now);

        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("")]
    [InlineData("cc_abc_def")]
    [InlineData("xx_0123456789ab_0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("cc_0123456789ab_short")]
    [InlineData("cc_0123456789ab_0000000000000000000000000000000000000000000000000000000000000000_extra")]
    public void TryParse_SomethingNotShapedLikeOurKeys_IsRejected(string presented) =>
        Assert.False(ApiKey.TryParse(presented, out _, out _));
}
