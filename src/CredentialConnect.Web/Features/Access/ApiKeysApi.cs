using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Access;

public sealed record CreateApiKeyRequest(string Name, string[] Scopes);

public sealed record ApiKeySummary(Guid Id, string Name, string Prefix, string[] Scopes, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>The plain key appears only in this response; the hub keeps just its hash.</summary>
public sealed record CreatedApiKey(ApiKeySummary Key, string PlainTextKey);

public static class ApiKeysApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/v1/api-keys").WithTags("API keys").RequireAuthorization(AccessPolicies.AccessAdmin);
        keys.MapGet("/", ListAsync).WithName("ListApiKeys").WithSummary("Lists API keys, revoked ones included.");
        keys.MapGet("/scopes", () => TypedResults.Ok(ApiScopes.All.ToArray())).WithName("ListApiKeyScopes")
            .WithSummary("The scopes a key can hold, for a form to offer.");
        keys.MapPost("/", CreateAsync).WithName("CreateApiKey").WithSummary("Creates an API key with the given scopes. The key is shown once.");
        // The record stays, so the audit trail can say which key did what: revoking is an action, not a DELETE.
        keys.MapPost("/{id:guid}/revoke", RevokeAsync).WithName("RevokeApiKey")
            .WithSummary("Revokes an API key; it stops working at once and stays listed with when it was revoked. Revoking it again changes nothing.");
    }

    internal static async Task<Ok<ApiKeySummary[]>> ListAsync(AppDbContext db, CancellationToken ct)
    {
        var keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.Name).ToListAsync(ct);
        return TypedResults.Ok(keys.Select(Summarize).ToArray());
    }

    internal static async Task<Results<Created<CreatedApiKey>, ValidationProblem>> CreateAsync(
        CreateApiKeyRequest request, AppDbContext db, ICurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100) errors["name"] = ["A name of 1 to 100 characters is required."];
        if (request.Scopes is not { Length: > 0 }) errors["scopes"] = [$"At least one scope is required: {string.Join(", ", ApiScopes.All)}."];
        else if (request.Scopes.Except(ApiScopes.All).ToArray() is { Length: > 0 } unknown)
            errors["scopes"] = [$"Unknown scopes: {string.Join(", ", unknown)}. Known scopes: {string.Join(", ", ApiScopes.All)}."];
        if (errors.Count > 0) return Problems.ValidationFailed(errors);

        var (key, plain) = ApiKey.Create(request.Name!.Trim(), request.Scopes!, actor.Name, clock.GetUtcNow());
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/api-keys/{key.Id}", new CreatedApiKey(Summarize(key), plain));
    }

    internal static async Task<Results<Ok<ApiKeySummary>, ProblemHttpResult>> RevokeAsync(
        Guid id, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var key = await db.ApiKeys.FindAsync([id], ct);
        if (key is null) return Problems.NotFoundResult("API key", id);
        key.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Summarize(key));
    }

    private static ApiKeySummary Summarize(ApiKey k) =>
        new(k.Id, k.Name, k.Prefix, [.. k.Scopes], k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt);
}
