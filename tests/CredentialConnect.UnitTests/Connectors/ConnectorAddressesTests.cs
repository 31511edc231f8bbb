using CredentialConnect.Connectors;

namespace CredentialConnect.UnitTests.Connectors;

public sealed class ConnectorAddressesTests
{
    [Theory]
    [InlineData("https://forum.example.org/", false)]
    [InlineData("http://localhost:5000/", true)]
    [InlineData("http://127.0.0.1:5000/", true)]
    [InlineData("http://127.8.9.10/", true)]
    [InlineData("http://[::1]:8080/", true)]
    public void Refusal_HttpsAndAllowedLoopbackHttp_AreAccepted(string address, bool allowLoopbackHttp) =>
        Assert.Null(ConnectorAddresses.Refusal(new Uri(address, UriKind.RelativeOrAbsolute), allowLoopbackHttp));

    [Theory]
    [InlineData("file:///etc/passwd", true)]
    [InlineData("ftp://forum.example.org/", true)]
    [InlineData("http://forum.example.org/", true)]
    [InlineData("http://127.0.0.1.example.org/", true)]
    [InlineData("http://localhost:5000/", false)]
    [InlineData("forum.example.org/api", true)]
    public void Refusal_AnythingElse_IsRefused(string address, bool allowLoopbackHttp) =>
        Assert.NotNull(ConnectorAddresses.Refusal(new Uri(address, UriKind.RelativeOrAbsolute), allowLoopbackHttp));

    [Theory]
    [InlineData("https://forum.example.org/", "https://FORUM.example.org/api/", true)]
    [InlineData("https://forum.example.org/", "https://forum.example.org:443/", true)]
    [InlineData("https://forum.example.org/", "https://forum.example.org:8443/", false)]
    [InlineData("https://forum.example.org/", "https://evil.example.org/", false)]
    [InlineData("https://localhost/", "http://localhost/", false)]
    public void SameOrigin_ComparesSchemeHostAndPort(string a, string b, bool same) =>
        Assert.Equal(same, ConnectorAddresses.SameOrigin(new Uri(a), new Uri(b)));
}
