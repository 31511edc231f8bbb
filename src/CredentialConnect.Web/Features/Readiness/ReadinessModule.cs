using CredentialConnect.Web.Features.Eligibility;

namespace CredentialConnect.Web.Features.Readiness;

public static class ReadinessModule
{
    /// <summary>Eligibility decisions, readiness and goals. The goal tracker is a domain event handler, found by scanning.</summary>
    public static IHostApplicationBuilder AddEligibility(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<EligibilityService>();
        builder.Services.AddScoped<IEligibilityEvaluator>(sp => sp.GetRequiredService<EligibilityService>());
        return builder;
    }
}
