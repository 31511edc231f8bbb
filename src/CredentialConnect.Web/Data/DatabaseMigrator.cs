using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Data;

/// <summary>Thrown when the schema cannot be brought up to date; the host stops rather than half-start.</summary>
public sealed class DatabaseMigrationException(string message, Exception? inner) : Exception(message, inner);

public static class DatabaseMigrator
{
    /// <summary>Applies every pending migration, or throws a <see cref="DatabaseMigrationException"/> that says what to do.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var database = scope.ServiceProvider.GetRequiredService<HubDatabase>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator));
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count == 0)
            {
                logger.LogInformation("Database schema is up to date ({Database}).", database.Description);
                return;
            }
            logger.LogInformation("Applying {Count} migration(s) to {Database}: {Migrations}", pending.Count, database.Description, pending);
            await db.Database.MigrateAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new DatabaseMigrationException(
                $"Database migration failed on {database.Description}: {Sentence(e)} " +
                "The hub did not start. Check the connection string (ConnectionStrings__CredentialConnect) and that the database " +
                "is reachable, then run 'dotnet run --project src/CredentialConnect.Web -- migrate'.", e);
        }
    }

    /// <summary>Production does not migrate on start; it refuses to start on a schema that is behind, and says so.</summary>
    public static async Task EnsureUpToDateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var database = scope.ServiceProvider.GetRequiredService<HubDatabase>();
        List<string> pending;
        try
        {
            pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new DatabaseMigrationException(
                $"Cannot read the schema version of {database.Description}: {Sentence(e)} " +
                "Check the connection string (ConnectionStrings__CredentialConnect) and that the database is reachable.", e);
        }
        if (pending.Count > 0)
            throw new DatabaseMigrationException(
                $"The database schema on {database.Description} is {pending.Count} migration(s) behind ({string.Join(", ", pending)}). " +
                "Run 'dotnet run --project src/CredentialConnect.Web -- migrate' before starting the hub.", null);
    }

    private static string Sentence(Exception e) => e.GetBaseException().Message.TrimEnd('.', ' ') + ".";
}
