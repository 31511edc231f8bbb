using System.Text.Json;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Audit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Connectors;

/// <summary>The connector settings saved in the admin console, overlaying the configuration the connectors bind.</summary>
public sealed class ConnectorSettingsSource : SavedSettingsSource;

/// <summary>Reads and writes connector settings; secrets are encrypted with Data Protection and never leave as plain text.</summary>
public sealed class ConnectorSettingsStore(AppDbContext db, IDataProtectionProvider protection, ConnectorSettingsSource source) : ISavedSettings
{
    private readonly IDataProtector _protector = protection.CreateProtector("CredentialConnect.ConnectorSecrets");

    /// <summary>Setting names that hold secrets: never stored in clear, never returned.</summary>
    public static bool IsSecret(string key) =>
        new[] { "key", "secret", "token", "password" }.Any(word => key.Contains(word, StringComparison.OrdinalIgnoreCase));

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string?>();
        var all = await db.ConnectorSettings.AsNoTracking().OrderBy(s => s.Connector).ToListAsync(cancellationToken);
        foreach (var saved in all)
        {
            var section = ConnectorsModule.SectionOf(saved.Connector);
            foreach (var (key, value) in Read(saved)) values[$"{section}:{key}"] = value;
        }
        source.Replace(values, StampOf(all.Select(s => (s.Connector, s.Version))));
    }

    // Every save raises the row's version, so comparing the versions (a few short rows) is enough to tell.
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var versions = await db.ConnectorSettings.AsNoTracking().OrderBy(s => s.Connector)
            .Select(s => new { s.Connector, s.Version }).ToListAsync(cancellationToken);
        if (StampOf(versions.Select(v => (v.Connector, v.Version))) == source.Stamp) return false;
        await LoadAsync(cancellationToken);
        return true;
    }

    private static string StampOf(IEnumerable<(string Connector, int Version)> versions) =>
        string.Join(",", versions.Select(v => $"{v.Connector}:{v.Version}"));

    /// <summary>Saved settings of one connector, secrets decrypted; for the host's own use only.</summary>
    public Dictionary<string, string?> Read(ConnectorSettings saved)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(saved.Values) ?? [];
        if (saved.ProtectedSecrets is { } secrets)
            foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string?>>(_protector.Unprotect(secrets)) ?? [])
                values[key] = value;
        return values;
    }

    /// <summary>
    /// Merges the edit into the saved settings (a null value removes a key, an empty one shadows any other source),
    /// records it in the audit log in the same transaction, and reloads configuration.
    /// </summary>
    public async Task SaveAsync(string connector, ConnectorSettingsEdit edit, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var saved = await db.ConnectorSettings.FindAsync([connector], cancellationToken);
        var created = saved is null;
        if (saved is null) db.ConnectorSettings.Add(saved = new ConnectorSettings { Connector = connector });
        var values = Read(saved);
        foreach (var (key, value) in edit.Changes)
        {
            if (value is null) values.Remove(key); else values[key] = value;
        }
        bool Secret(string key) => edit.SecretNames.Contains(key) || IsSecret(key);
        saved.Values = JsonSerializer.Serialize(values.Where(v => !Secret(v.Key)).ToDictionary());
        var secrets = values.Where(v => Secret(v.Key)).ToDictionary();
        saved.ProtectedSecrets = secrets.Count == 0 ? null : _protector.Protect(JsonSerializer.Serialize(secrets));
        saved.UpdatedAt = now;
        saved.UpdatedBy = actor;
        saved.Version++;
        if (edit.AuditChanges.Count > 0)
            db.AuditLog.Add(new AuditLogEntry
            {
                At = now, Actor = actor, Action = created ? "Created" : "Updated", EntityType = nameof(ConnectorSettings), EntityId = connector,
                Changes = JsonSerializer.Serialize(edit.AuditChanges),
            });
        await db.SaveChangesAsync(cancellationToken);
        await LoadAsync(cancellationToken);
    }
}
