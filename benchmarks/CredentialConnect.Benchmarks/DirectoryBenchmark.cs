using System.Diagnostics;
using System.Globalization;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.Access;
using Npgsql;
using NpgsqlTypes;

namespace CredentialConnect.Benchmarks;

// dotnet run -c Release --project benchmarks/CredentialConnect.Benchmarks -- directory [--members 1000000] [--requests 200]
// The public directory search at scale: members and credentials loaded with binary COPY, then a mix of searches sent
// through the real API in-process (routing, rate limiter, validation, the PostgreSQL query and the consent shaping).
internal static class DirectoryBenchmark
{
    private static readonly string[] FirstNames =
    [
        "Amara", "Bruno", "Chen", "Dalia", "Emeka", "Freya", "Gustavo", "Hana", "Idris", "Julia", "Kofi", "Lena", "Mateo", "Nadia", "Omar",
        "Priya", "Quinn", "Rosa", "Samir", "Tamsin", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zara", "Aisha", "Ben", "Carmen", "David",
        "Elena", "Farah", "George", "Helen", "Ivan", "Jasmine", "Kenji", "Laura", "Mohammed", "Nora", "Oliver", "Paula", "Rahul", "Sofia",
        "Thomas", "Valentina", "William", "Yara", "Adrian", "Beatriz", "Catherine", "Daniel", "Emma", "Fatima", "Gabriel", "Hiroshi",
        "Isabel", "James", "Katarzyna", "Liam", "Maria", "Noah", "Olga", "Pedro", "Rebecca", "Sebastian", "Tariq", "Ursula", "Vera", "Zoe",
    ];

    private static readonly string[] LastNames =
    [
        "Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Kowalski", "Reyes", "Nakamura", "Osei", "Fischer", "Smith", "Johnson",
        "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson",
        "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark",
        "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
        "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Kim", "Patel", "Singh",
        "Chen", "Wang", "Li", "Zhang", "Liu", "Murphy", "Kelly", "Sullivan", "O'Brien", "Walsh", "Byrne", "Ryan", "Schmidt", "Schneider",
        "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Dubois",
        "Laurent", "Lefebvre", "Bernard", "Petit", "Durand", "Leroy", "Novak", "Horvat", "Kovac", "Silva", "Santos", "Oliveira",
        "Pereira", "Costa", "Almeida", "Ivanov", "Petrov", "Sokolov", "Popescu", "Nagy", "Andersen", "Nielsen", "Hansen", "Johansson",
        "Karlsson", "Virtanen", "Korhonen", "Mensah", "Boateng", "Adeyemi", "Mwangi", "Kamau", "Diallo", "Traore", "Yilmaz", "Kaya",
        "Demir", "Cohen", "Levi", "Mizrahi", "Sato", "Suzuki", "Takahashi", "Watanabe", "Ito", "Yamamoto", "Park", "Choi", "Jung",
        "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Shin", "Gupta", "Sharma", "Kumar", "Reddy", "Nair", "Iyer", "Das", "Bose",
    ];

    private static readonly (string City, string Region, string Country)[] Places =
    [
        ("Toronto", "ON", "Canada"), ("Montreal", "QC", "Canada"), ("Vancouver", "BC", "Canada"), ("Calgary", "AB", "Canada"),
        ("Ottawa", "ON", "Canada"), ("Chicago", "IL", "United States"), ("Austin", "TX", "United States"), ("Denver", "CO", "United States"),
        ("Boston", "MA", "United States"), ("Seattle", "WA", "United States"), ("New York", "NY", "United States"),
        ("San Francisco", "CA", "United States"), ("Los Angeles", "CA", "United States"), ("Atlanta", "GA", "United States"),
        ("Miami", "FL", "United States"), ("Portland", "OR", "United States"), ("Minneapolis", "MN", "United States"),
        ("Phoenix", "AZ", "United States"), ("Nashville", "TN", "United States"), ("Philadelphia", "PA", "United States"),
        ("London", "England", "United Kingdom"), ("Manchester", "England", "United Kingdom"), ("Edinburgh", "Scotland", "United Kingdom"),
        ("Dublin", "Leinster", "Ireland"), ("Sydney", "NSW", "Australia"), ("Melbourne", "VIC", "Australia"),
        ("Auckland", "Auckland", "New Zealand"), ("Lagos", "Lagos", "Nigeria"), ("Nairobi", "Nairobi", "Kenya"),
        ("Accra", "Greater Accra", "Ghana"), ("Berlin", "Berlin", "Germany"), ("Paris", "Ile-de-France", "France"),
        ("Amsterdam", "North Holland", "Netherlands"), ("Stockholm", "Stockholm", "Sweden"), ("Singapore", "Singapore", "Singapore"),
        ("Mumbai", "Maharashtra", "India"), ("Bangalore", "Karnataka", "India"), ("Tokyo", "Tokyo", "Japan"), ("Seoul", "Seoul", "South Korea"),
        ("Mexico City", "CDMX", "Mexico"),
    ];

    private static readonly string[] Statuses = ["Active", "Expiring", "Lapsed", "Suspended", "Revoked"];

    public static async Task<int> RunAsync(string[] args)
    {
        var members = Option(args, "--members", 1_000_000);
        var requests = Option(args, "--requests", 200);
        Console.WriteLine($"Directory benchmark: {members:N0} members, {requests} requests per search kind; {Environment.ProcessorCount} cores, .NET {Environment.Version}.");

        // As a production server would be set (a quarter of memory or so): the members' rows and indexes (the size is
        // printed after loading) stay in PostgreSQL's own cache instead of being copied in from the OS cache per search.
        await using var postgres = await PostgresServer.StartAsync("-c shared_buffers=1GB");
        var connectionString = await postgres.CreateDatabaseAsync("directory_bench");
        await using var host = await HubHost.StartAsync(connectionString, new Dictionary<string, string?>
        {
            // One client sends every request here: the public limit would otherwise be the thing measured.
            [$"{PublicRateLimitOptions.Section}:PermitLimit"] = int.MaxValue.ToString(CultureInfo.InvariantCulture),
        });

        var clock = Stopwatch.StartNew();
        var (listed, credentials) = await LoadAsync(connectionString, members);
        Console.WriteLine($"Loaded {members:N0} members ({listed:N0} listed in the directory) and {credentials:N0} credentials with COPY, " +
            $"then VACUUM ANALYZE, in {clock.Elapsed.TotalSeconds:F1} s.");

        var client = host.CreateClient();
        var random = new Random(7);
        var lastPage = (listed + 24) / 25;

        // Page numbers reach the first 10,000 matches; deeper pages follow the cursors. One walk through the whole
        // directory collects them (and checks that keyset paging lists every listed member exactly once).
        clock.Restart();
        var (walked, cursors) = await WalkAsync(client);
        if (walked != listed) throw new InvalidOperationException($"The keyset walk listed {walked:N0} members, not {listed:N0}.");
        var deep = cursors.Skip(cursors.Count * 9 / 10).ToArray();
        Console.WriteLine($"Walked all {walked:N0} listed members with after= in pages of 200, in {clock.Elapsed.TotalSeconds:F1} s.");
        var kinds = new (string Name, Func<string> Query)[]
        {
            ("Name word (q=<last name>)", () => $"q={Uri.EscapeDataString(Pick(LastNames))}"),
            ("Name prefix (q=<3 letters>)", () => $"q={Pick(FirstNames)[..3]}"),
            ("First and last name", () => $"q={Pick(FirstNames)}+{Uri.EscapeDataString(Pick(LastNames))}"),
            ("Location (location=<city>)", () => $"location={Uri.EscapeDataString(Pick(Places).City)}"),
            ("Credential + status", () => $"credential={Pick(Dataset.ExamPrograms)}&status={Pick(Statuses)}"),
            ("Everyone, page 1", () => ""),
            ("Everyone, page 400 (offset 10,000)", () => "page=400"),
            ($"Everyone, deep page (after=, pages {lastPage * 9 / 10:N0}–{lastPage:N0})", () => $"after={Uri.EscapeDataString(Pick(deep))}"),
        };

        Console.WriteLine("Warm-up: 20 of each kind...");
        foreach (var (_, query) in kinds)
            for (var i = 0; i < 20; i++) await SearchAsync(client, query());

        Console.WriteLine();
        Console.WriteLine("| Search | Requests | Matches (median) | p50 | p95 | p99 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        var all = new List<double>();
        foreach (var (name, query) in kinds)
        {
            var times = new List<double>();
            var totals = new List<int>();
            for (var i = 0; i < requests; i++)
            {
                var started = Stopwatch.GetTimestamp();
                totals.Add(await SearchAsync(client, query()));
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            all.AddRange(times);
            Console.WriteLine($"| {name} | {requests} | {Percentile(totals.Select(t => (double)t).ToList(), 50):N0} | " +
                $"{Percentile(times, 50):F1} ms | {Percentile(times, 95):F1} ms | {Percentile(times, 99):F1} ms |");
        }
        Console.WriteLine($"| **All searches** | {all.Count} | | {Percentile(all, 50):F1} ms | **{Percentile(all, 95):F1} ms** | {Percentile(all, 99):F1} ms |");
        if (File.Exists("/proc/loadavg")) Console.WriteLine($"Load average at the end (1, 5, 15 min): {string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}");
        if (args.Contains("--explain")) await ExplainAsync(connectionString);
        return 0;

        T Pick<T>(T[] items) => items[random.Next(items.Length)];
    }

    private static async Task<int> SearchAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/api/v1/directory?{query}");
        response.EnsureSuccessStatusCode();
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("totalCount").GetInt32();
    }

    // The plans of the statements DirectoryQueries sends, on this data: --explain prints them after the measurements.
    private static async Task ExplainAsync(string connectionString)
    {
        const string key = """
            (NOT m."DirectoryShowName"), (CASE WHEN m."DirectoryShowName" THEN lower(m."LastName") ELSE '' END),
            (CASE WHEN m."DirectoryShowName" THEN lower(m."FirstName") ELSE '' END), m."Id"
            """;
        const string page = $"""SELECT m."Id", {key} FROM "Members" m WHERE m."DirectoryListed" """;
        const string count = """SELECT count(*) FROM (SELECT 1 FROM "Members" m WHERE m."DirectoryListed" """;
        var code = Dataset.ExamPrograms[0].ToLowerInvariant();
        var statements = new (string Name, string Sql)[]
        {
            ("Everyone, page 1", $"{page} ORDER BY {key} LIMIT 26"),
            ("Everyone, count", $"{count} LIMIT 10001) x"),
            ("Everyone, page 400", $"{page} ORDER BY {key} LIMIT 26 OFFSET 9975"),
            ("Everyone, deep keyset page", $"{page} AND ({key}) > (false, 'sharma', 'm', '00000000-0000-4000-8000-000000000000') ORDER BY {key} LIMIT 26"),
            ("Name word", $"{page} AND m.\"DirectorySearch\" @@ to_tsquery('simple', 'smith:*A') ORDER BY {key} LIMIT 26"),
            ("Name word, count", $"{count} AND m.\"DirectorySearch\" @@ to_tsquery('simple', 'smith:*A') LIMIT 10001) x"),
            ("Location, count", $"{count} AND m.\"DirectorySearch\" @@ to_tsquery('simple', 'toronto:*B') LIMIT 10001) x"),
            ("Credential + common status", $"{page} AND m.\"DirectorySearch\" @@ '''c:{code}:active'':C'::tsquery ORDER BY {key} LIMIT 26"),
            ("Credential + common status, count", $"{count} AND m.\"DirectorySearch\" @@ '''c:{code}:active'':C'::tsquery LIMIT 10001) x"),
            ("Credential + rare status", $"{page} AND m.\"DirectorySearch\" @@ '''c:{code}:suspended'':C'::tsquery ORDER BY {key} LIMIT 26"),
            ("Credential + rare status, count", $"{count} AND m.\"DirectorySearch\" @@ '''c:{code}:suspended'':C'::tsquery LIMIT 10001) x"),
        };
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var (name, sql) in statements)
        {
            Console.WriteLine($"\n-- {name}");
            await using var explain = new NpgsqlCommand($"EXPLAIN (ANALYZE, BUFFERS) {sql}", connection);
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync()) Console.WriteLine(reader.GetString(0));
        }
    }

    private static async Task<(int Walked, List<string> Cursors)> WalkAsync(HttpClient client)
    {
        var (walked, cursors, query) = (0, new List<string>(), "pageSize=200");
        while (true)
        {
            using var response = await client.GetAsync($"/api/v1/directory?{query}");
            response.EnsureSuccessStatusCode();
            using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            walked += body.RootElement.GetProperty("items").GetArrayLength();
            if (!body.RootElement.TryGetProperty("nextCursor", out var next)) return (walked, cursors);
            cursors.Add(next.GetString()!);
            query = $"pageSize=200&after={Uri.EscapeDataString(next.GetString()!)}";
        }
    }

    /// <summary>
    /// Member <c>n</c>'s choices come from a hash of <c>n</c>: 30% opt in; of those 90% show their name, 25% their email,
    /// 75% their location and 80% their credentials. 45% of members hold a credential in one of the three programs, and
    /// a tenth of those a second; 80% are Active, the rest Expiring, Lapsed, Suspended or Revoked.
    /// </summary>
    private static async Task<(int Listed, int Credentials)> LoadAsync(string connectionString, int members)
    {
        // No command timeout: completing the credentials' COPY runs the directory trigger for every member at once.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        var programs = new List<Guid>();
        await using (var read = new NpgsqlCommand("""SELECT "Id" FROM "Programs" ORDER BY "Code" """, connection))
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync()) programs.Add(reader.GetGuid(0));

        var now = DateTimeOffset.UtcNow;
        var (listed, credentials) = (0, 0);
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY "Members" ("Id", "AmsMemberId", "Email", "FirstName", "LastName", "MembershipStatus", "City", "Region", "Country",
                "DirectoryOptedIn", "DirectoryShowName", "DirectoryShowEmail", "DirectoryShowLocation", "DirectoryShowCredentials",
                "CreatedAt", "UpdatedAt", "Version") FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var n = 1; n <= members; n++)
            {
                var h = Hash(n);
                var (first, last, place) = (FirstNames[h % FirstNames.Length], LastNames[h / 97 % LastNames.Length], Places[h / 13 % Places.Length]);
                var optedIn = h % 100 < 30;
                bool Shows(int salt, int percent) => optedIn && Hash(n * 31 + salt) % 100 < percent;
                var (name, email, location, shown) = (Shows(1, 90), Shows(2, 25), Shows(3, 75), Shows(4, 80));
                if (name || email || location || shown) listed++;
                await copy.StartRowAsync();
                await copy.WriteAsync(MemberId(n), NpgsqlDbType.Uuid);
                await copy.WriteAsync(n.ToString(CultureInfo.InvariantCulture), NpgsqlDbType.Varchar);
                await copy.WriteAsync($"{first}.{last}.{n}@example.org".ToLowerInvariant(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(first, NpgsqlDbType.Varchar);
                await copy.WriteAsync(last, NpgsqlDbType.Varchar);
                await copy.WriteAsync("Active", NpgsqlDbType.Varchar);
                await copy.WriteAsync(place.City, NpgsqlDbType.Varchar);
                await copy.WriteAsync(place.Region, NpgsqlDbType.Varchar);
                await copy.WriteAsync(place.Country, NpgsqlDbType.Varchar);
                await copy.WriteAsync(optedIn, NpgsqlDbType.Boolean);
                await copy.WriteAsync(name, NpgsqlDbType.Boolean);
                await copy.WriteAsync(email, NpgsqlDbType.Boolean);
                await copy.WriteAsync(location, NpgsqlDbType.Boolean);
                await copy.WriteAsync(shown, NpgsqlDbType.Boolean);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
            }
            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY "Credentials" ("Id", "Number", "MemberId", "ProgramId", "IssuedAt", "ExpiresAt", "CurrentCycle", "CycleStartedAt", "Status")
            FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var n = 1; n <= members; n++)
            {
                var h = Hash(n * 7 + 3);
                var held = h % 100 < 45 ? (h % 1000 < 45 ? 2 : 1) : 0;
                for (var k = 0; k < held; k++)
                {
                    credentials++;
                    var roll = Hash(credentials * 11 + 5) % 100;
                    var status = roll < 80 ? "Active" : roll < 88 ? "Expiring" : roll < 95 ? "Lapsed" : roll < 98 ? "Suspended" : "Revoked";
                    var issued = now.AddDays(-(h % 1000));
                    await copy.StartRowAsync();
                    await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    await copy.WriteAsync($"CERT-{issued.Year}-{credentials:D7}", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(MemberId(n), NpgsqlDbType.Uuid);
                    await copy.WriteAsync(programs[(h / 7 + k) % programs.Count], NpgsqlDbType.Uuid);
                    await copy.WriteAsync(issued, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(issued.AddYears(3), NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer);
                    await copy.WriteAsync(issued, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(status, NpgsqlDbType.Varchar);
                }
            }
            await copy.CompleteAsync();
        }

        await using (var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 }) await vacuum.ExecuteNonQueryAsync();
        await using (var size = new NpgsqlCommand("SELECT pg_size_pretty(pg_database_size(current_database()))", connection))
            Console.WriteLine($"Database size after loading: {await size.ExecuteScalarAsync()}.");
        return (listed, credentials);
    }

    private static Guid MemberId(int n) => Guid.Parse($"00000000-0000-4000-8000-{n:x12}");

    // A cheap, fixed integer hash (no Random state), so the dataset is the same on every run.
    private static int Hash(int n)
    {
        var x = (uint)n;
        x = ((x >> 16) ^ x) * 0x45d9f3b;
        x = ((x >> 16) ^ x) * 0x45d9f3b;
        return (int)(((x >> 16) ^ x) & 0x7fffffff);
    }

    private static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static int Option(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(fallback);
}
