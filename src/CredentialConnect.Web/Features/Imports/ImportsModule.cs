namespace CredentialConnect.Web.Features.Imports;

public static class ImportsModule
{
    public static IHostApplicationBuilder AddImports(this IHostApplicationBuilder builder)
    {
        // Limits, checked at start-up.
        builder.Services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // Dry runs and commits run in the background, one at a time; they write their progress to the batch row.
        builder.Services.AddSingleton<ImportQueue>();
        builder.Services.AddSingleton<ImportRunner>();
        builder.Services.AddHostedService<ImportWorker>();
        return builder;
    }
}
