using System.Security.Claims;

namespace CredentialConnect.Web.Features.Audit;

/// <summary>Who is making the current change, as the audit log names them.</summary>
public interface ICurrentActor
{
    string Name { get; }
}

/// <summary>
/// The signed-in person or API client of the current request. Work outside a request (start-up,
/// background jobs) is recorded as <c>system</c>, unless it runs <see cref="OnBehalfOf"/> someone.
/// </summary>
public sealed class HttpCurrentActor(IHttpContextAccessor http) : ICurrentActor
{
    public string Name => OnBehalfOf.Current ?? (http.HttpContext?.User is { Identity.IsAuthenticated: true } user
        ? DescribeUser(user)
        : "system");

    internal static string DescribeUser(ClaimsPrincipal user) =>
        user.FindFirstValue(Access.HubClaims.ActorName) ?? user.Identity?.Name ?? "unknown";
}

/// <summary>
/// Background work that someone asked for (an import they committed) is recorded under their name, not as
/// <c>system</c>: the audit log must say who caused a change, not which thread happened to write it.
/// </summary>
public static class OnBehalfOf
{
    private static readonly AsyncLocal<string?> Actor = new();

    internal static string? Current => Actor.Value;

    /// <summary>Until the returned scope is disposed, changes on this async flow are recorded as made by <paramref name="actor"/>.</summary>
    public static IDisposable Begin(string actor)
    {
        var previous = Actor.Value;
        Actor.Value = actor;
        return new Restore(previous);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => Actor.Value = previous;
    }
}
