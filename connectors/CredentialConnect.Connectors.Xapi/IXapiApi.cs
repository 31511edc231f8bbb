using CredentialConnect.Connectors.Xapi.Models;
using Refit;

namespace CredentialConnect.Connectors.Xapi;

/// <summary>The xAPI resources the hub reads, relative to the LRS endpoint. Auth and the version header come from <see cref="XapiAuthHandler"/>.</summary>
public interface IXapiApi
{
    /// <summary>Statements stored after <paramref name="since"/> (exclusive) and up to <paramref name="until"/>, oldest first when <paramref name="ascending"/> is "true".</summary>
    [Get("/statements")]
    Task<IApiResponse<XapiStatementResult>> GetStatementsAsync(
        string? since,
        string? until,
        string ascending,
        int limit,
        CancellationToken cancellationToken);

    /// <summary>Follows a <c>more</c> link: <paramref name="path"/> relative to the endpoint, with the link's own query.</summary>
    [Get("/{**path}")]
    Task<IApiResponse<XapiStatementResult>> GetMoreAsync(
        string path,
        [Query] IDictionary<string, string> query,
        CancellationToken cancellationToken);

    /// <summary>The LRS's About resource.</summary>
    [Get("/about")]
    Task<IApiResponse<XapiAbout>> GetAboutAsync(CancellationToken cancellationToken);
}
