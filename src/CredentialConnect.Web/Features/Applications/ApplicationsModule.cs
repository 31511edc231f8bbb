namespace CredentialConnect.Web.Features.Applications;

public static class ApplicationsModule
{
    /// <summary>
    /// The evidence limit, checked at start-up. The eligibility evaluator an application's submission consults is
    /// registered by the eligibility feature; without one, submissions go to review.
    /// </summary>
    public static IHostApplicationBuilder AddApplications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApplicationOptions>().BindConfiguration(ApplicationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }
}
