using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace CredentialConnect.Web.Features.Access;

public static class AccessModule
{
    /// <summary>The default scheme: an <c>Authorization: ApiKey</c> header picks API-key auth, anything else the sign-in cookie.</summary>
    public const string HubScheme = "Hub";

    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder)
    {
        // Staff and member accounts: hashed passwords, lockout after repeated failures.
        builder.Services.AddIdentity<UserAccount, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B): 12 characters, any mix.
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddClaimsPrincipalFactory<AccountClaimsFactory>();

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = CrossSiteRequests.SessionCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/sign-in";
            o.SlidingExpiration = true;
            // An API caller gets a status code, not a redirect to a sign-in page it cannot use.
            o.Events.OnRedirectToLogin = c => RedirectOrStatus(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => RedirectOrStatus(c, StatusCodes.Status403Forbidden);
        });

        // A disabled or demoted account's open sessions end within a minute, not at the default half hour.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        // Machine clients, and the selector that routes each request to the right scheme.
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = HubScheme;
                o.DefaultAuthenticateScheme = HubScheme;
                o.DefaultChallengeScheme = HubScheme;
                o.DefaultForbidScheme = HubScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(HubScheme, "API key or sign-in cookie", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith(ApiKeyAuthenticationHandler.HeaderPrefix, StringComparison.OrdinalIgnoreCase)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme);

        builder.Services.AddAuthorization(AccessPolicies.Add);

        // The token every change made with the sign-in cookie carries (CrossSiteRequests).
        builder.Services.AddAntiforgery(o =>
        {
            o.HeaderName = CrossSiteRequests.TokenHeader;
            o.Cookie.Name = "cc.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        return builder;
    }

    private static Task RedirectOrStatus(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (IsApiRequest(context.Request))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    internal static bool IsApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/auth");

    public static WebApplication MapAccessApi(this WebApplication app)
    {
        SignInApi.Map(app);
        ApiKeysApi.Map(app);
        StaffAccountsApi.Map(app);
        if (app.Environment.IsDevelopment()) DevSignIn.Map(app);
        return app;
    }
}
