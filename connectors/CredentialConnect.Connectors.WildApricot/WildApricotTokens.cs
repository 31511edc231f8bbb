using System.Text;
using CredentialConnect.Connectors.WildApricot.Models;
using Microsoft.Extensions.Options;
using Refit;

namespace CredentialConnect.Connectors.WildApricot;

/// <summary>
/// The access token the API calls carry: fetched with the API key (OAuth client credentials), shared by every
/// call, and renewed a little before it expires. A singleton, because message handlers come and go with the
/// HTTP client factory's handler pool while the token should outlive them.
/// </summary>
internal sealed class WildApricotTokens(IHttpClientFactory httpClients, IOptionsMonitor<WildApricotOptions> options, TimeProvider clock)
{
    /// <summary>The named HTTP client that talks to <see cref="WildApricotOptions.AuthUrl"/>.</summary>
    public const string AuthClient = "wild-apricot-auth";

    private static readonly TimeSpan RenewEarly = TimeSpan.FromSeconds(60);
    private static readonly RefitSettings Settings = new() { ContentSerializer = new SystemTextJsonContentSerializer(ConnectorJson.Options) };

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Issued? _current;

    private sealed record Issued(string AccessToken, string ApiKey, DateTimeOffset RenewAt);

    /// <summary>
    /// A token to call the API with. <paramref name="rejected"/> is a token the API just refused with 401: it is
    /// not handed out again, even if it has not expired yet.
    /// </summary>
    public async Task<Fetch<string>> GetAsync(string? rejected, CancellationToken cancellationToken)
    {
        var apiKey = options.CurrentValue.ApiKey ?? "";
        if (Reusable(apiKey, rejected) is { } cached) return Fetch<string>.Of(cached);

        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Another call may have renewed the token while this one waited for the gate.
            if (Reusable(apiKey, rejected) is { } renewed) return Fetch<string>.Of(renewed);
            var issued = await RequestAsync(apiKey, cancellationToken);
            if (issued.Failure is { } failure) return Fetch<string>.Failed(failure);
            _current = issued.Value!;
            return Fetch<string>.Of(_current.AccessToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private string? Reusable(string apiKey, string? rejected) =>
        _current is { } issued && issued.ApiKey == apiKey && issued.AccessToken != rejected && clock.GetUtcNow() < issued.RenewAt
            ? issued.AccessToken
            : null;

    private async Task<Fetch<Issued>> RequestAsync(string apiKey, CancellationToken cancellationToken)
    {
        var auth = RestService.ForGenerated<IWildApricotAuthApi>(httpClients.CreateClient(AuthClient), Settings);
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("APIKEY:" + apiKey));
        // A new client-credentials grant is as cheap as a refresh grant and needs no refresh token to keep.
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "auto" };

        var answer = await PartnerCall.ReadAsync(ct => auth.GetTokenAsync(basic, form, ct), clock, "Wild Apricot token", cancellationToken);
        if (answer.Failure is { } failure) return Fetch<Issued>.Failed(failure);
        var token = answer.Value!;
        if (string.IsNullOrEmpty(token.AccessToken)) return Fetch<Issued>.Retry("Wild Apricot token: the answer has no access_token.");

        var lifetime = TimeSpan.FromSeconds(Math.Max(token.ExpiresIn, 0));
        var early = lifetime > 2 * RenewEarly ? RenewEarly : lifetime / 2;
        return Fetch<Issued>.Of(new Issued(token.AccessToken, apiKey, clock.GetUtcNow() + lifetime - early));
    }
}
