using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using CredentialConnect.Web.Api;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Web.Features.Access;

/// <summary>How many requests one client address may make to the public, anonymous endpoints in each window.</summary>
public sealed class PublicRateLimitOptions
{
    public const string Section = "RateLimits:Public";

    /// <summary>Requests allowed per client address in each window. Generous: a person paging the directory never meets it.</summary>
    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; } = 300;

    /// <summary>The window's length in seconds.</summary>
    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// The rate limit every anonymous endpoint shares (the directory, verification): a fixed window per client address,
/// so one scraper cannot crowd out the people checking a credential. A refused request gets 429 with a
/// ProblemDetails and <c>Retry-After</c>. Behind a reverse proxy the client address is the proxy's, and every visitor
/// would share one window, unless the proxy is trusted (<see cref="TrustedProxies"/>).
/// </summary>
public static class PublicRateLimits
{
    /// <summary>The policy name: <c>.RequireRateLimiting(PublicRateLimits.Policy)</c>.</summary>
    public const string Policy = "public";

    public static IHostApplicationBuilder AddPublicRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PublicRateLimitOptions>().BindConfiguration(PublicRateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<PublicRateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitLimit,
                    Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = RejectAsync;
        });
        return builder;
    }

    public static WebApplication UsePublicRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var http = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = Problems.TooManyRequests,
                Title = "Too many requests.",
                Detail = $"This address has made too many requests to the public pages. Try again in {seconds} s.",
            },
        });
    }
}
