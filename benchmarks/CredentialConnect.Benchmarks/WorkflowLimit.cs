using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace CredentialConnect.Benchmarks;

/// <summary>
/// The limit for workflow starts and resumes: PostgreSQL's rate for single-row transactions that insert a row and then
/// update it, the least a durable step does (an instance row written, then its state moved on), with a state document
/// the size of a waiting nurture instance's. One connection per core, each running its share of the transactions.
/// </summary>
internal static class WorkflowLimit
{
    private const string CreateTable = """
        CREATE TABLE limit_instances (
            id uuid PRIMARY KEY, status text NOT NULL, state jsonb NOT NULL, updated_at timestamptz NOT NULL)
        """;
    private const string Insert = "INSERT INTO limit_instances (id, status, state, updated_at) VALUES ($1, 'Running', $2, $3)";
    private const string Update = "UPDATE limit_instances SET status = 'Suspended', state = $2, updated_at = $3 WHERE id = $1";

    /// <summary>About the size of a nurture instance's state at its first wait: variables, input, one bookmark, tokens.</summary>
    private static readonly string State = JsonSerializer.Serialize(new
    {
        definitionId = "failed-exam-nurture", definitionVersion = 1, status = "Suspended",
        input = new { attemptId = Guid.Empty, programCode = "CNP", attemptNumber = 2, score = 61.5, maxScore = 100 },
        variables = new { },
        bookmarks = new[] { new { id = Guid.Empty, activityId = "letItSettle", kind = "Timer", resumeAt = DateTimeOffset.UnixEpoch } },
        execution = new { tokens = new[] { new { activityId = "letItSettle", visit = 1 } }, visits = new { examFailed = 1, letItSettle = 1 } },
        padding = new string('x', 600),
    });

    public static async Task<WorkflowFigure> MeasureAsync(string connectionString, int transactions)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(CreateTable, connection);
            await create.ExecuteNonQueryAsync();
        }

        var next = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            while (Interlocked.Increment(ref next) <= transactions) await InsertAndUpdateAsync(connection);
        })));
        return new WorkflowFigure("PostgreSQL: insert a row, update it, commit (the limit)", transactions, clock.Elapsed);
    }

    private static async Task InsertAndUpdateAsync(NpgsqlConnection connection)
    {
        var (id, now) = (Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(Insert, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = id });
            insert.Parameters.Add(new NpgsqlParameter { Value = State, NpgsqlDbType = NpgsqlDbType.Jsonb });
            insert.Parameters.Add(new NpgsqlParameter { Value = now });
            await insert.ExecuteNonQueryAsync();
        }
        await using (var update = new NpgsqlCommand(Update, connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = id });
            update.Parameters.Add(new NpgsqlParameter { Value = State, NpgsqlDbType = NpgsqlDbType.Jsonb });
            update.Parameters.Add(new NpgsqlParameter { Value = now });
            await update.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }
}
