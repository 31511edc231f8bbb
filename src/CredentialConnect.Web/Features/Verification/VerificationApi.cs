using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Badges;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CredentialConnect.Web.Features.Verification;

/// <summary>
/// Verification for anyone, without an account: by credential number or by upload, as JSON for machines
/// (<c>/api/v1/verify</c>) and as a page for people (<c>/verify</c>). Rate-limited per client address, and never
/// cached, so a revocation or suspension shows on the very next check.
/// </summary>
public static class VerificationApi
{
    public static IHostApplicationBuilder AddVerification(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<CredentialVerification>();
        builder.Services.AddSingleton<UnknownNumberDecoy>();
        return builder;
    }

    public static WebApplication MapVerificationApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/verify").WithTags("Verification").AllowAnonymous().RequireRateLimiting(PublicRateLimits.Policy)
            .AddEndpointFilter(NoStoreAsync);
        api.MapGet("/{credentialNumber}", ByNumberAsync).WithName("VerifyCredentialByNumber")
            .WithSummary("Checks the credential with this number live: its signature, issuer, validity window and status right now. Unknown numbers get 404.");
        api.MapPost("", UploadAsync).WithName("VerifyCredentialUpload")
            .TakesBody(
                ("application/json", EndpointDeclarations.AnyJson), ("application/vc+ld+json", EndpointDeclarations.AnyJson),
                ("application/vc+jwt", EndpointDeclarations.Text), ("image/png", EndpointDeclarations.Binary),
                ("image/svg+xml", EndpointDeclarations.Text), ("multipart/form-data", EndpointDeclarations.Form(("file", EndpointDeclarations.Binary, true))))
            .WithMetadata(new RequestSizeLimitAttribute(VerificationUploads.MaxBodyBytes))
            .WithSummary("Checks a credential sent as the body (JSON with a Data Integrity proof, a VC-JWT, a baked PNG or SVG) or as a multipart file. 400 when it is not a credential.");

        // The id inside every badge is dereferenceable: it leads a person to the live check. The page it leads to
        // counts the view, so a followed redirect is one view, not two.
        app.MapGet("/credentials/{credentialNumber}", (string credentialNumber, HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.Redirect($"/verify/{Uri.EscapeDataString(credentialNumber)}");
            })
            .WithTags("Verification").WithName("CredentialIdRedirect").AllowAnonymous().RequireRateLimiting(PublicRateLimits.Policy)
            .Produces(StatusCodes.Status302Found)
            .WithSummary("A badge's id: redirects to its verification page.");
        VerificationPage.Map(app);
        return app;
    }

    internal static async Task<Results<Ok<VerificationResponse>, ProblemHttpResult>> ByNumberAsync(
        string credentialNumber, CredentialVerification verification, BadgeIssuer issuer, BadgeEngagements engagements, HttpContext http, CancellationToken ct)
    {
        var result = await verification.CheckNumberAsync(credentialNumber, ct);
        if (result.Holding is not { } holding) return Problems.NotFoundResult("credential", credentialNumber);
        await engagements.CountAsync(http, holding.CredentialId, EngagementKind.VerificationView, "api");
        return TypedResults.Ok(VerificationResponse.From(result.Report, issuer, holding.Status.ToString()));
    }

    internal static async Task<Results<Ok<VerificationResponse>, ProblemHttpResult>> UploadAsync(
        HttpRequest request, CredentialVerification verification, BadgeIssuer issuer, CancellationToken ct)
    {
        var upload = await VerificationUploads.ReadAsync(request, ct);
        if (upload.Bytes is null) return Refused(upload.Status, upload.Problem!);
        var report = await verification.CheckUploadAsync(upload.Bytes, ct);
        return report.Readable ? TypedResults.Ok(VerificationResponse.From(report, issuer)) : Refused(StatusCodes.Status400BadRequest, report.Problem!);
    }

    private static ProblemHttpResult Refused(int status, string detail) => TypedResults.Problem(
        type: Problems.ForStatus(status), statusCode: status, detail: detail,
        title: status == StatusCodes.Status413PayloadTooLarge ? "The upload is too large." : "The upload is not a readable credential.");

    internal static async ValueTask<object?> NoStoreAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return await next(context);
    }
}
