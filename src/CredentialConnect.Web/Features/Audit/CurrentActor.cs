using System.Security.Claims;

namespace CredentialConnect.Web.Features.Audit;

/// <summary>Who is making the current change, as the audit log names them.</summary>
public interface ICurrentActor
{
    string Name { get; }
}

/// <summary>
/// The signed-in person or API client of the current request. Work outside a request (start-up,
/// background jobs) is recorded as <c>system</c>.
/// </summary>
public sealed class HttpCurrentActor(IHttpContextAccessor http) : ICurrentActor
{
    public string Name => http.HttpContext?.User is { Identity.IsAuthenticated: true } user
        ? DescribeUser(user)
        : "system";

    internal static string DescribeUser(ClaimsPrincipal user) =>
        user.FindFirstValue(Access.HubClaims.ActorName) ?? user.Identity?.Name ?? "unknown";
}
