using CredentialConnect.Connectors.Discourse;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CredentialConnect.ConnectorTests.Discourse;

public sealed class DiscourseOptionsTests
{
    [Fact]
    public void Options_WhenEnabledWithoutAnApiKey_FailValidation()
    {
        var settings = DiscourseConnection.Settings("https://forum.example.org");
        settings["ApiKey"] = "";
        using var services = DiscourseConnection.Services(settings);

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DiscourseOptions>>().Value);

        Assert.Contains(failure.Failures, f => f.Contains("ApiKey"));
    }

    [Fact]
    public void Options_WhenNotEnabled_NeedNoApiKeyAndLeaveTheConnectorUnconfigured()
    {
        using var services = DiscourseConnection.Services(new Dictionary<string, string?> { ["Enabled"] = "false" });

        var target = DiscourseConnection.Target(services, new Microsoft.Extensions.Time.Testing.FakeTimeProvider());

        Assert.False(target.IsConfigured);
        Assert.Equal("system", services.GetRequiredService<IOptions<DiscourseOptions>>().Value.ApiUsername);
    }
}
