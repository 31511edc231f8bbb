using CredentialConnect.Connectors.WildApricot.Models;
using Refit;

namespace CredentialConnect.Connectors.WildApricot;

/// <summary>The Wild Apricot Admin API v2.2, as far as the hub reads it. Every call carries a bearer token, added by <see cref="WildApricotAuthHandler"/>.</summary>
public interface IWildApricotApi
{
    /// <summary>The account the API key belongs to.</summary>
    [Get("/v2.2/accounts/{accountId}")]
    Task<IApiResponse<WildApricotAccount>> GetAccountAsync(int accountId, CancellationToken cancellationToken);

    /// <summary>
    /// Contacts matching <paramref name="filter"/>, e.g. <c>'Profile last updated' ge 2024-03-01T00:00:00Z</c> or
    /// <c>Id in [1,2,3]</c>. <paramref name="mode"/> is <c>false</c> for a synchronous answer, <c>true</c> for an
    /// asynchronous query whose result is read with <see cref="GetContactsResultAsync"/>.
    /// </summary>
    [Get("/v2.2/accounts/{accountId}/contacts")]
    Task<IApiResponse<WildApricotContacts>> GetContactsAsync(
        int accountId,
        [AliasAs("$async")] string mode,
        [AliasAs("$filter")] string? filter,
        [AliasAs("$top")] int? top,
        [AliasAs("$skip")] int? skip,
        CancellationToken cancellationToken);

    /// <summary>The state, and once complete the contacts, of an asynchronous query (the query's <c>ResultUrl</c>).</summary>
    [Get("/v2.2/accounts/{accountId}/contacts")]
    Task<IApiResponse<WildApricotContacts>> GetContactsResultAsync(int accountId, string resultId, CancellationToken cancellationToken);
}

/// <summary>Wild Apricot's OAuth server, a separate host from the API.</summary>
public interface IWildApricotAuthApi
{
    /// <summary>
    /// Client-credentials grant: <c>Authorization: Basic base64("APIKEY:" + key)</c> and the form
    /// <c>grant_type=client_credentials&amp;scope=auto</c>.
    /// </summary>
    [Post("/auth/token")]
    Task<IApiResponse<WildApricotToken>> GetTokenAsync(
        [Header("Authorization")] string authorization,
        [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form,
        CancellationToken cancellationToken);
}
