using System.Globalization;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Badges;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Association;

/// <summary>The association's saved settings as configuration: they overlay the <c>Association</c> and <c>Badges</c> sections.</summary>
public sealed class AssociationSettingsSource : SavedSettingsSource;

/// <summary>Loads the association's saved settings and logo version into <see cref="AssociationSettingsSource"/>.</summary>
public sealed class AssociationSettingsStore(AppDbContext db, AssociationSettingsSource source) : ISavedSettings
{
    public const string LogoPath = "/api/v1/association/logo";

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var saved = await db.AssociationSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new AssociationSettings();
        var logo = await LogoUpdatedAtAsync(cancellationToken);
        var values = new Dictionary<string, string?>();
        void Set(string key, string? value)
        {
            if (value is not null) values[key] = value;
        }
        const string association = AssociationOptions.Section, badges = BadgeOptions.Section;
        Set($"{association}:{nameof(AssociationOptions.Name)}", saved.Name);
        Set($"{association}:{nameof(AssociationOptions.Website)}", saved.Website);
        Set($"{association}:{nameof(AssociationOptions.Email)}", saved.Email);
        Set($"{association}:{nameof(AssociationOptions.TimeZone)}", saved.TimeZone);
        Set($"{association}:{nameof(AssociationOptions.Locale)}", saved.Locale);
        Set($"{association}:{nameof(AssociationOptions.PrimaryColour)}", saved.PrimaryColour);
        Set($"{association}:{nameof(AssociationOptions.AccentColour)}", saved.AccentColour);
        Set($"{association}:{nameof(AssociationOptions.LogoUrl)}", logo is { } at ? $"{LogoPath}?v={at.ToUnixTimeMilliseconds()}" : null);
        // The association is its badges' issuer: one name, site and address for both.
        Set($"{badges}:{nameof(BadgeOptions.IssuerName)}", saved.Name);
        Set($"{badges}:{nameof(BadgeOptions.IssuerUrl)}", saved.Website);
        Set($"{badges}:{nameof(BadgeOptions.IssuerEmail)}", saved.Email);
        Set($"{badges}:{nameof(BadgeOptions.PublicBaseUrl)}", saved.PublicBaseUrl);
        source.Replace(values, StampOf(saved.Version, logo));
    }

    // Every save raises the settings' version and every logo change its time, so two short values are enough to tell.
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var version = await db.AssociationSettings.AsNoTracking().Select(s => (int?)s.Version).SingleOrDefaultAsync(cancellationToken) ?? 0;
        if (StampOf(version, await LogoUpdatedAtAsync(cancellationToken)) == source.Stamp) return false;
        await LoadAsync(cancellationToken);
        return true;
    }

    private Task<DateTimeOffset?> LogoUpdatedAtAsync(CancellationToken cancellationToken) =>
        db.AssociationLogo.AsNoTracking().Where(l => l.Content != null).Select(l => l.UpdatedAt).SingleOrDefaultAsync(cancellationToken);

    private static string StampOf(int version, DateTimeOffset? logo) =>
        string.Create(CultureInfo.InvariantCulture, $"{version}:{logo?.ToUnixTimeMilliseconds()}");
}
