using CredentialConnect.Connectors.WildApricot;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CredentialConnect.ConnectorTests.WildApricot;

public sealed class WildApricotOptionsTests : WildApricotConnection
{
    [Fact]
    public void Options_WhenEnabledWithoutApiKeyOrAccount_FailValidationNamingBoth()
    {
        var services = Services(new Dictionary<string, string?> { ["ApiKey"] = "", ["AccountId"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<WildApricotOptions>>().Value);

        Assert.Contains(error.Failures, failure => failure.Contains("ApiKey"));
        Assert.Contains(error.Failures, failure => failure.Contains("AccountId"));
    }

    [Fact]
    public void Options_WhenDisabled_NeedNothingAndPointAtTheRealHosts()
    {
        var services = Services(new Dictionary<string, string?> { ["Enabled"] = "false", ["ApiKey"] = null, ["BaseUrl"] = null, ["AuthUrl"] = null });

        var options = services.GetRequiredService<IOptions<WildApricotOptions>>().Value;
        var source = services.GetRequiredService<WildApricotMemberSource>();

        Assert.Equal((new Uri("https://api.wildapricot.org/"), new Uri("https://oauth.wildapricot.org/")), (options.BaseUrl, options.AuthUrl));
        Assert.False(source.IsConfigured);
        Assert.Equal("wild-apricot", source.Name);
    }
}
