using CredentialConnect.Web.Data;

namespace CredentialConnect.Web.Features.Association;

public static class AssociationModule
{
    /// <summary>The association's own settings: from configuration, overlaid on every node by what an Admin saves in the console.</summary>
    public static IHostApplicationBuilder AddAssociation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AssociationOptions>().BindConfiguration(AssociationOptions.Section);
        return builder.AddSavedSettings<AssociationSettingsSource, AssociationSettingsStore>(new AssociationSettingsSource());
    }
}
