using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace CredentialConnect.IntegrationTests.Contract;

/// <summary>What a generated request tries on an operation.</summary>
public enum RequestFlavor
{
    /// <summary>Values the declared schemas allow.</summary>
    Valid,

    /// <summary>Allowed types at their edges: empty and very long text, odd Unicode, 0, -1, int.MaxValue, empty lists.</summary>
    Boundary,

    /// <summary>Null wherever the schema allows it; empty values for query parameters.</summary>
    Nulls,

    /// <summary>One part broken: a wrong type, a missing required property, null where none is allowed, an unknown property.</summary>
    Invalid,
}

/// <summary>Records that exist in the hub, mixed into generated ids and names so that some requests reach real data.</summary>
public sealed record KnownValues(Guid MemberId, Guid ProgramId, string ProgramCode, IReadOnlyList<string> ConnectorNames);

/// <summary>A generated request body, turned into fresh content for every send.</summary>
public abstract record GeneratedBody
{
    public abstract HttpContent ToContent();

    public abstract string Describe();
}

/// <summary>JSON text (or what claims to be JSON), sent as <paramref name="MediaType"/>.</summary>
public sealed record JsonBody(string Text, string MediaType = "application/json") : GeneratedBody
{
    public override HttpContent ToContent() => new StringContent(Text, Encoding.UTF8, MediaType);

    public override string Describe() => MediaType == "application/json" ? Text : $"({MediaType}) {Text}";
}

/// <summary>A multipart form with text fields and, when <paramref name="FileName"/> is set, one file in the field 'file'.</summary>
public sealed record FormBody(IReadOnlyList<KeyValuePair<string, string>> Fields, string? FileName, string FileMediaType, byte[] File) : GeneratedBody
{
    public override HttpContent ToContent()
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in Fields) form.Add(new StringContent(value), name);
        if (FileName is not null)
        {
            var file = new ByteArrayContent(File);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(FileMediaType);
            // A part with no file name is what a form sends for a file input left empty.
            if (FileName.Length == 0) form.Add(file, "file");
            else form.Add(file, "file", FileName);
        }
        return form;
    }

    public override string Describe() =>
        $"(multipart) {string.Join(", ", Fields.Select(f => $"{f.Key}={f.Value}"))}" +
        (FileName is null ? "" : $", file '{FileName}' ({FileMediaType}, {File.Length} bytes)");
}

/// <summary>Bytes sent as they are, for operations that read the raw body.</summary>
public sealed record RawBody(byte[] Bytes, string MediaType) : GeneratedBody
{
    public override HttpContent ToContent()
    {
        var content = new ByteArrayContent(Bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(MediaType);
        return content;
    }

    public override string Describe() => $"({MediaType}, {Bytes.Length} bytes)";
}

/// <summary>One request for one operation of the document, sendable any number of times.</summary>
public sealed record GeneratedRequest(string Method, string Template, string Url, RequestFlavor Flavor, GeneratedBody? Body)
{
    public HttpRequestMessage ToMessage() => new(new HttpMethod(Method), Url) { Content = Body?.ToContent() };

    /// <summary>What makes two requests the same.</summary>
    public string Key => $"{Method} {Url} {Body?.Describe()}";

    public override string ToString() => $"{Method} {Shorten(Url, 200)}{(Body is null ? "" : " " + Shorten(Body.Describe(), 200))}";

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + $"…({text.Length} chars)";
}

/// <summary>
/// Builds requests for the operations of an OpenAPI 3.1 document from the schemas it declares: path and query parameters
/// and JSON bodies, with <c>$ref</c>, type unions, enums, <c>oneOf</c>/<c>anyOf</c>/<c>allOf</c>, required and additional
/// properties. Operations that declare no body but take a write get a small multipart file, as the uploads expect.
/// Every operation draws from its own fixed seed, so a run repeats exactly and adding an operation changes no other.
/// Recursion stops at <see cref="MaxDepth"/> and lists hold at most <see cref="MaxItems"/> items, so bodies stay small.
/// </summary>
public sealed class RequestGenerator(JsonObject document, KnownValues known)
{
    public const int MaxDepth = 4;
    public const int MaxItems = 3;
    public const string Seed = "credentialconnect-generated-requests-1";

    /// <summary>The flavors drawn for each operation, in order; identical requests are sent once.</summary>
    public static readonly RequestFlavor[] Plan =
    [
        RequestFlavor.Valid, RequestFlavor.Valid, RequestFlavor.Valid,
        RequestFlavor.Boundary, RequestFlavor.Boundary, RequestFlavor.Boundary,
        RequestFlavor.Nulls,
        RequestFlavor.Invalid, RequestFlavor.Invalid, RequestFlavor.Invalid,
    ];

    private static readonly string VeryLong = new('a', 5000);

    /// <summary>Text at the edges: empty, blank, control and non-BMP characters, right-to-left, combining marks, markup, very long.</summary>
    private static readonly string[] OddStrings =
    [
        "", " ", "\u0000", "💡", "مرحبا بالعالم", "שלום", "e\u0301\u0302\u0303", "\u202Eevil", "Zoë Ångström", "\uFEFFbom",
        "line\r\nbreak", "'\"<>&;--", "%00", "null", "0", "-1", "🏳️‍🌈👩🏽‍⚕️", VeryLong,
    ];

    // Non-ASCII text goes out as UTF-8, not as \u escapes, so the hub reads it the way browsers send it.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Gen<JsonNode?> Null = Gen.Const<JsonNode?>(() => null);

    private readonly JsonObject _components = document["components"]?["schemas"]?.AsObject() ?? [];

    /// <summary>About <see cref="Plan"/>.Length requests for the operation, the same ones on every run.</summary>
    public IReadOnlyList<GeneratedRequest> For(string method, string path, JsonObject operation)
    {
        var pcg = new PCG(1, StableHash($"{Seed} {method} {path}"));
        var requests = new List<GeneratedRequest>();
        var seen = new HashSet<string>();
        foreach (var flavor in Plan)
        {
            var request = Request(method, path, operation, flavor).Generate(pcg, null, out _);
            if (seen.Add(request.Key)) requests.Add(request);
        }
        return requests;
    }

    private Gen<GeneratedRequest> Request(string method, string path, JsonObject operation, RequestFlavor flavor)
    {
        var parameters = (operation["parameters"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var pathParameters = parameters.Where(p => (string?)p["in"] == "path").ToList();
        var queryParameters = parameters.Where(p => (string?)p["in"] == "query").ToList();
        var (mediaType, bodySchema, bodyRequired) = Body(operation);
        var takesWrite = method is "POST" or "PUT" or "PATCH";

        // An invalid request breaks one part and keeps the rest valid, so the hub's answer is about that part.
        var targets = new List<string>();
        if (flavor == RequestFlavor.Invalid)
        {
            targets.AddRange(pathParameters.Select(p => "path:" + (string)p["name"]!));
            targets.AddRange(queryParameters.Select(p => "query:" + (string)p["name"]!));
            if (mediaType is not null)
            {
                targets.Add("body");
                targets.Add("body");
                targets.Add("content-type");
                if (bodyRequired) targets.Add("no-body");
            }
            else if (takesWrite) targets.Add("raw-body");
        }
        var target = targets.Count == 0 ? Gen.Const("") : Gen.OneOf(targets.ToArray());

        return target.SelectMany(broken =>
        {
            RequestFlavor FlavorOf(string part) =>
                broken == part ? RequestFlavor.Invalid : flavor == RequestFlavor.Invalid ? RequestFlavor.Valid : flavor;

            var pathValues = Sequence(pathParameters.Select(p =>
            {
                var name = (string)p["name"]!;
                return PathValue(path, name, p["schema"], FlavorOf("path:" + name)).Select(v => KeyValuePair.Create(name, (string?)v));
            }));
            var queryValues = Sequence(queryParameters.Select(p =>
            {
                var name = (string)p["name"]!;
                return QueryValue(name, p["schema"], p["required"]?.GetValue<bool>() == true, FlavorOf("query:" + name))
                    .Select(v => KeyValuePair.Create(name, v));
            }));
            var body = mediaType is not null
                ? DeclaredBody(mediaType, bodySchema, broken, flavor == RequestFlavor.Invalid ? RequestFlavor.Valid : flavor)
                : takesWrite ? UndeclaredBody(broken == "raw-body" ? RequestFlavor.Invalid : flavor) : Gen.Const<GeneratedBody?>(() => null);

            return pathValues.SelectMany(p => queryValues.SelectMany(q => body.Select(b =>
                new GeneratedRequest(method, path, Url(path, p, q), flavor, b))));
        });
    }

    private static string Url(string template, List<KeyValuePair<string, string?>> path, List<KeyValuePair<string, string?>> query)
    {
        var url = path.Aggregate(template, (u, p) => u.Replace("{" + p.Key + "}", p.Value, StringComparison.Ordinal));
        var pairs = query.Where(q => q.Value is not null).Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value!)}").ToList();
        return pairs.Count == 0 ? url : $"{url}?{string.Join('&', pairs)}";
    }

    private (string? MediaType, JsonNode? Schema, bool Required) Body(JsonObject operation)
    {
        if (operation["requestBody"] is not JsonObject body || body["content"] is not JsonObject content || content.Count == 0)
            return (null, null, false);
        var media = content.FirstOrDefault(c => c.Key == "application/json");
        if (media.Key is null) media = content.First();
        return (media.Key, media.Value?["schema"], body["required"]?.GetValue<bool>() == true);
    }

    // ---- Parameters ------------------------------------------------------------------------------------------------

    private Gen<string> PathValue(string template, string name, JsonNode? schema, RequestFlavor flavor)
    {
        // "/api/v1/members/{id}" → "members.id", so that ids of a collection get that collection's real records.
        var segments = template.Split('/');
        var at = System.Array.IndexOf(segments, "{" + name + "}");
        var hint = at > 0 ? $"{segments[at - 1]}.{name}" : name;
        return Value(schema, flavor == RequestFlavor.Nulls ? RequestFlavor.Valid : flavor, hint, 0).Select(node =>
        {
            // A route segment cannot be empty or a dot segment, which would name another route, nor hold a NUL, which the
            // server refuses before the hub sees the request.
            var text = Scalar(node)?.Replace("\0", "", StringComparison.Ordinal);
            if (string.IsNullOrEmpty(text) || text.Trim('.').Length == 0) text = "x";
            return Uri.EscapeDataString(text);
        });
    }

    private Gen<string?> QueryValue(string name, JsonNode? schema, bool required, RequestFlavor flavor)
    {
        if (flavor == RequestFlavor.Nulls) return Gen.OneOf<string?>("", null);
        var value = Value(schema, flavor, name, 0).Select(Scalar);
        if (flavor == RequestFlavor.Valid && !required)
            return Gen.Bool.SelectMany(present => present ? value : Gen.Const<string?>(() => null));
        return value;
    }

    /// <summary>A parameter's text: strings as they are, anything else as its JSON.</summary>
    private static string? Scalar(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    // ---- Bodies ------------------------------------------------------------------------------------------------------

    private Gen<GeneratedBody?> DeclaredBody(string mediaType, JsonNode? schema, string broken, RequestFlavor flavor)
    {
        if (mediaType == "multipart/form-data") return FileUpload(broken == "body" ? RequestFlavor.Invalid : flavor);
        if (!mediaType.Contains("json", StringComparison.Ordinal))
            return Gen.String[Gen.Char.AlphaNumeric, 0, 40].Select(t => (GeneratedBody?)new RawBody(Encoding.UTF8.GetBytes(t), mediaType));

        return broken switch
        {
            "body" => Value(schema, RequestFlavor.Invalid, "", 0).Select(Json),
            // No content at all, or an empty one that says it is JSON.
            "no-body" => Gen.Bool.Select(empty => empty ? (GeneratedBody?)new JsonBody("") : null),
            "content-type" => Value(schema, RequestFlavor.Valid, "", 0).Select(n => (GeneratedBody?)new JsonBody(n?.ToJsonString(Relaxed) ?? "null", "text/plain")),
            _ => Value(schema, flavor, "", 0).Select(Json),
        };

        static GeneratedBody? Json(JsonNode? node) => new JsonBody(node?.ToJsonString(Relaxed) ?? "null");
    }

    /// <summary>
    /// A write that declares no body still reads one when it takes a file: spreadsheets, evidence, credentials to verify,
    /// partner webhooks. Such operations get a small multipart file, sometimes nothing, and when invalid raw bytes.
    /// </summary>
    private static Gen<GeneratedBody?> UndeclaredBody(RequestFlavor flavor) => flavor switch
    {
        RequestFlavor.Nulls => Gen.Const<GeneratedBody?>(() => null),
        RequestFlavor.Invalid => Gen.Byte.Array[0, 64].SelectMany(bytes =>
            Gen.OneOf("application/octet-stream", "application/json", "text/plain").Select(type => (GeneratedBody?)new RawBody(bytes, type))),
        _ => Gen.Int[0, 3].SelectMany(pick => pick == 0 ? Gen.Const<GeneratedBody?>(() => null) : FileUpload(flavor)),
    };

    private static Gen<GeneratedBody?> FileUpload(RequestFlavor flavor)
    {
        var names = flavor == RequestFlavor.Boundary
            ? Gen.OneOf("", "💡.csv", new string('n', 300) + ".csv", "../../etc/passwd.csv", "\u202Evsc.exe", "x.CSV", "no-extension", "a b ; c.xlsx")
            : Gen.OneOf("members.csv", "ce-credits.csv", "evidence.pdf", "photo.png", "definition.json", "notes.txt", "sheet.xlsx");
        var contents = flavor == RequestFlavor.Boundary
            ? Choose(
                Gen.Const(() => ("text/csv", System.Array.Empty<byte>())),
                Gen.Const(() => ("application/octet-stream", new byte[] { 0 })),
                Gen.Const(() => ("text/csv", Encoding.UTF8.GetBytes("\uFEFFemail,first_name\n💡@example.org,\u202Eأحمد\n"))))
            : Choose(
                Gen.Const(() => ("text/csv", Encoding.UTF8.GetBytes("email,first_name,last_name\nada@example.org,Ada,Lovelace\n"))),
                Gen.Const(() => ("application/pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"))),
                Gen.Const(() => ("image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0 })),
                Gen.Const(() => ("application/json", Encoding.UTF8.GetBytes("{\"definitionId\":\"generated\",\"name\":\"Generated\",\"root\":{}}"))),
                Gen.Byte.Array[1, 64].Select(b => ("application/octet-stream", b)));
        var kinds = flavor == RequestFlavor.Boundary ? Gen.OneOf("", "💡", VeryLong) : Gen.OneOf("certificants", "ce-credits");
        var modes = flavor == RequestFlavor.Boundary ? Gen.OneOf("", "SNAPSHOT", "\u0000") : Gen.OneOf("additive", "snapshot");
        return Gen.Select(names, contents, kinds, modes, (name, content, kind, mode) =>
            (GeneratedBody?)new FormBody([KeyValuePair.Create("kind", kind), KeyValuePair.Create("mode", mode)], name, content.Item1, content.Item2));
    }

    // ---- Values ------------------------------------------------------------------------------------------------------

    /// <summary>A value for <paramref name="schema"/>; <paramref name="hint"/> is the property or parameter it fills.</summary>
    private Gen<JsonNode?> Value(JsonNode? schemaNode, RequestFlavor flavor, string hint, int depth)
    {
        var schema = Resolve(schemaNode);
        if (flavor == RequestFlavor.Invalid) return Invalid(schema, hint, depth);

        var nullable = IsNullable(schema);
        if (flavor == RequestFlavor.Nulls && nullable) return Null;

        Gen<JsonNode?> value;
        if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray branches)
        {
            var options = branches.Where(b => !IsNullOnly(Resolve(b))).Select(b => Value(b, flavor, hint, depth)).ToArray();
            if (options.Length == 0) return Null;
            value = Choose(options);
        }
        else
        {
            value = Typed(Merge(schema), flavor, hint, depth);
        }
        // Valid values are sometimes null where null is allowed, as clients send them.
        return flavor == RequestFlavor.Valid && nullable ? Weighted((7, value), (1, Null)) : value;
    }

    private Gen<JsonNode?> Typed(JsonObject schema, RequestFlavor flavor, string hint, int depth)
    {
        if (schema["enum"] is JsonArray values)
        {
            var options = values.Where(v => v is not null).Select(v => v!.DeepClone()).ToArray();
            if (options.Length == 0) return Null;
            return Gen.Int[0, options.Length - 1].Select(i => (JsonNode?)options[i].DeepClone());
        }
        if (schema.ContainsKey("const")) return Gen.Const(() => schema["const"]?.DeepClone());

        // A declared example or default is a value the document vouches for.
        var vouched = (schema["example"] ?? schema["default"])?.DeepClone();
        if (flavor == RequestFlavor.Valid && vouched is not null)
            return Weighted((1, Gen.Const<JsonNode?>(() => vouched.DeepClone())), (2, Typed(WithoutExample(schema), flavor, hint, depth)));

        var types = Types(schema);
        if (types.Contains("integer")) return IntegerValue(schema, flavor, hint);
        if (types.Contains("number")) return NumberValue(schema, flavor);
        if (types.Contains("boolean")) return Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b));
        if (types.Contains("array")) return ArrayValue(schema, flavor, hint, depth);
        if (types.Contains("object") || schema.ContainsKey("properties")) return ObjectValue(schema, flavor, depth);
        if (types.Contains("string")) return StringValue(schema, flavor, hint);
        return Any(flavor, depth);
    }

    private Gen<JsonNode?> IntegerValue(JsonObject schema, RequestFlavor flavor, string hint)
    {
        var int64 = (string?)schema["format"] == "int64";
        long lowest = int64 ? long.MinValue : int.MinValue, highest = int64 ? long.MaxValue : int.MaxValue;
        var minimum = Limit(schema, "minimum") ?? lowest;
        var maximum = Limit(schema, "maximum") ?? highest;
        if (flavor == RequestFlavor.Boundary)
        {
            long[] edges = [minimum, maximum, 0, -1, 1, int.MaxValue, int.MinValue, highest];
            return Gen.OneOf(edges.Where(e => e >= lowest && e <= highest).Distinct().ToArray()).Select(n => (JsonNode?)JsonValue.Create(n));
        }
        // Small numbers mostly: versions, pages and days are small, and a version of 1 is the one that exists.
        var low = (int)Math.Clamp(minimum, 0, 1000);
        var high = (int)Math.Clamp(maximum, low, 1000);
        var small = Gen.Int[low, Math.Min(high, low + 10)];
        var wide = Gen.Int[low, high];
        return Weighted((3, small), (1, wide)).Select(n => (JsonNode?)JsonValue.Create(hint.EndsWith("version", StringComparison.OrdinalIgnoreCase) && n > 3 ? 1 : n));
    }

    private static Gen<JsonNode?> NumberValue(JsonObject schema, RequestFlavor flavor)
    {
        if (flavor == RequestFlavor.Boundary)
        {
            var edges = new List<double> { 0, -1, 0.5, 1e-9, int.MaxValue, 1e15, double.MaxValue };
            if (Limit(schema, "minimum") is { } min) edges.Add(min);
            if (Limit(schema, "maximum") is { } max) edges.Add(max);
            return Gen.OneOf(edges.ToArray()).Select(n => (JsonNode?)JsonValue.Create(n));
        }
        return Weighted(
            (2, Gen.Int[0, 100].Select(n => (JsonNode?)JsonValue.Create(n))),
            (1, Gen.Int[0, 10000].Select(n => (JsonNode?)JsonValue.Create(n / 100m))));
    }

    private Gen<JsonNode?> StringValue(JsonObject schema, RequestFlavor flavor, string hint)
    {
        var format = (string?)schema["format"];
        var minLength = (int?)Limit(schema, "minLength");
        var maxLength = (int?)Limit(schema, "maxLength");
        Gen<string> text = format switch
        {
            "uuid" => Uuid(hint, flavor),
            "date-time" => flavor == RequestFlavor.Boundary
                ? Gen.OneOf("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-06-01T09:00:00+14:00", "2026-06-01T09:00:00.1234567-12:00", "2024-02-29T00:00:00Z")
                : Gen.Int[-2000, 2000].Select(days => new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero).AddDays(days).ToString("O", CultureInfo.InvariantCulture)),
            "date" => flavor == RequestFlavor.Boundary
                ? Gen.OneOf("0001-01-01", "9999-12-31", "2024-02-29")
                : Gen.Int[-2000, 2000].Select(days => new DateOnly(2026, 6, 1).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            "uri" => flavor == RequestFlavor.Boundary
                ? Gen.OneOf("http://localhost/", "https://example.org/" + VeryLong, "https://例え.テスト/💡", "urn:x")
                : Gen.String[Gen.Char.AlphaNumeric, 1, 12].Select(p => $"https://example.org/{p}"),
            "email" => flavor == RequestFlavor.Boundary
                ? Gen.OneOf("a@b", "💡@example.org", new string('a', 250) + "@example.org")
                : Gen.String[Gen.Char.AlphaNumeric, 1, 12].Select(p => $"{p}@example.org"),
            _ => PlainString(hint, flavor, minLength, maxLength),
        };
        return text.Select(t => (JsonNode?)JsonValue.Create(t));
    }

    private Gen<string> Uuid(string hint, RequestFlavor flavor)
    {
        var ids = KnownIds(hint).Select(g => g.ToString()).ToArray();
        return flavor == RequestFlavor.Boundary
            ? Gen.OneOf<string>([Guid.Empty.ToString(), "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", .. ids.Select(i => i.ToUpperInvariant())])
            : Weighted((2, Gen.OneOf(ids)), (1, Gen.Guid.Select(g => g.ToString())));
    }

    private IEnumerable<Guid> KnownIds(string hint)
    {
        var member = hint.Contains("member", StringComparison.OrdinalIgnoreCase);
        var program = hint.Contains("program", StringComparison.OrdinalIgnoreCase);
        if (member || !program) yield return known.MemberId;
        if (program || !member) yield return known.ProgramId;
    }

    private Gen<string> PlainString(string hint, RequestFlavor flavor, int? minLength, int? maxLength)
    {
        if (flavor == RequestFlavor.Boundary)
        {
            var edges = OddStrings.ToList();
            if (minLength is { } min) edges.Add(new string('m', min));
            if (maxLength is { } max) edges.Add(new string('x', max));
            edges.RemoveAll(e => e.Length < (minLength ?? 0) || e.Length > (maxLength ?? int.MaxValue));
            return Gen.OneOf(edges.ToArray());
        }

        var low = Math.Max(minLength ?? 1, 0);
        var high = Math.Max(low, Math.Min(maxLength ?? 20, 20));
        var words = Gen.String[Gen.Char.AlphaNumeric, low, high];
        var real = KnownStrings(hint);
        return real.Length == 0 ? words : Weighted((2, Gen.OneOf(real)), (1, words));
    }

    private string[] KnownStrings(string hint)
    {
        var name = hint.Split('.')[^1];
        if (name.Equals("code", StringComparison.OrdinalIgnoreCase) || name.Equals("program", StringComparison.OrdinalIgnoreCase))
            return [known.ProgramCode];
        if (name.Equals("connector", StringComparison.OrdinalIgnoreCase) || hint.StartsWith("connectors.", StringComparison.Ordinal))
            return known.ConnectorNames.ToArray();
        if (name.Contains("email", StringComparison.OrdinalIgnoreCase)) return ["ada@example.org"];
        return [];
    }

    private Gen<JsonNode?> ArrayValue(JsonObject schema, RequestFlavor flavor, string hint, int depth)
    {
        if (depth >= MaxDepth) return Gen.Const<JsonNode?>(() => new JsonArray());
        var minItems = (int)Math.Min(Limit(schema, "minItems") ?? 0, MaxItems);
        var items = Value(schema["items"], flavor, hint, depth + 1);
        var count = flavor switch
        {
            RequestFlavor.Boundary => Gen.OneOf(minItems, MaxItems),
            RequestFlavor.Nulls => Gen.Int[minItems, Math.Min(minItems + 1, MaxItems)],
            _ => Gen.Int[minItems, MaxItems],
        };
        return count.SelectMany(n => items.Array[n]).Select(values => (JsonNode?)new JsonArray(values.ToArray()));
    }

    private Gen<JsonNode?> ObjectValue(JsonObject schema, RequestFlavor flavor, int depth)
    {
        if (depth >= MaxDepth) return Gen.Const<JsonNode?>(() => new JsonObject());
        var properties = schema["properties"] as JsonObject ?? [];
        var required = Required(schema);

        var fields = properties.Select(p =>
        {
            var value = Value(p.Value, flavor, p.Key, depth + 1).Select(v => (Present: true, Value: v));
            // Optional properties come and go in valid requests; edge and null requests fill every one.
            var field = required.Contains(p.Key) || flavor != RequestFlavor.Valid
                ? value
                : Gen.Bool.SelectMany(present => present ? value : Gen.Const(() => (Present: false, Value: (JsonNode?)null)));
            return field.Select(f => (Name: p.Key, f.Present, f.Value));
        });

        // A map (additionalProperties with a schema and no named properties) gets a few entries of its own.
        if (properties.Count == 0 && schema["additionalProperties"] is JsonObject entries)
        {
            var key = flavor == RequestFlavor.Boundary ? Gen.OneOf(OddStrings.Where(s => s.Length < 100).ToArray()) : Gen.String[Gen.Char.AlphaNumeric, 1, 10];
            var entry = key.SelectMany(k => Value(entries, flavor, k, depth + 1).Select(v => (Name: k, Present: true, Value: v)));
            fields = [.. fields, .. Enumerable.Repeat(entry, 2).Select(e => Gen.Bool.SelectMany(present =>
                present ? e : Gen.Const(() => (Name: "", Present: false, Value: (JsonNode?)null))))];
        }

        return Sequence(fields).Select(list =>
        {
            var result = new JsonObject();
            foreach (var (name, present, value) in list)
                if (present) result[name] = value;
            return (JsonNode?)result;
        });
    }

    /// <summary>Any JSON at all, for schemas that allow anything (<c>{}</c>).</summary>
    private Gen<JsonNode?> Any(RequestFlavor flavor, int depth)
    {
        var scalars = flavor == RequestFlavor.Boundary
            ? Choose(
                Gen.OneOf(OddStrings).Select(s => (JsonNode?)JsonValue.Create(s)),
                Gen.OneOf(0d, -1d, int.MaxValue, double.MaxValue, 1e-9).Select(n => (JsonNode?)JsonValue.Create(n)))
            : Choose(
                Gen.String[Gen.Char.AlphaNumeric, 0, 12].Select(s => (JsonNode?)JsonValue.Create(s)),
                Gen.Int[-5, 100].Select(n => (JsonNode?)JsonValue.Create(n)),
                Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
                Null);
        if (flavor == RequestFlavor.Nulls) return Null;
        if (depth >= MaxDepth) return scalars;

        var inner = Gen.Const(0).SelectMany(_ => Any(flavor, depth + 1));
        var array = Gen.Int[0, MaxItems].SelectMany(n => inner.Array[n]).Select(v => (JsonNode?)new JsonArray(v));
        var obj = Gen.Int[0, MaxItems].SelectMany(n => Gen.String[Gen.Char.AlphaNumeric, 1, 8].SelectMany(k => inner.Select(v => (k, v))).Array[n])
            .Select(entries =>
            {
                var result = new JsonObject();
                foreach (var (k, v) in entries) result[k] = v;
                return (JsonNode?)result;
            });
        return Weighted((2, obj), (1, array), (2, scalars));
    }

    // ---- Invalid values ------------------------------------------------------------------------------------------

    /// <summary>A value the schema does not allow, broken in one place; valid where the schema allows anything.</summary>
    private Gen<JsonNode?> Invalid(JsonObject schema, string hint, int depth)
    {
        if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray branches)
        {
            var nonNull = branches.Select(Resolve).Where(b => !IsNullOnly(b)).ToArray();
            if (nonNull.Length == 0) return Gen.Const<JsonNode?>(() => JsonValue.Create("not null"));
            return Choose(nonNull.Select(b => Invalid(b, hint, depth)).ToArray());
        }
        schema = Merge(schema);
        if (schema["enum"] is JsonArray)
            return Choose(Gen.Const<JsonNode?>(() => JsonValue.Create("NotAValue💡")), Gen.Const<JsonNode?>(() => JsonValue.Create(12345)));

        var types = Types(schema);
        var nullable = IsNullable(schema);
        if (types.Contains("object") || schema.ContainsKey("properties")) return InvalidObject(schema, hint, depth);
        if (types.Contains("array"))
        {
            var item = Resolve(schema["items"]);
            var badItem = IsNullable(item) || IsAnything(item) ? WrongType(item) : Null;
            return Choose(
                WrongType(schema),
                badItem.Select(v => (JsonNode?)new JsonArray(v)));
        }
        var format = (string?)schema["format"];
        var malformed = format switch
        {
            "uuid" => Gen.OneOf("not-a-uuid", "00000000-0000-0000-0000", "💡"),
            "date-time" => Gen.OneOf("31/02/2026", "2026-13-01T00:00:00Z", "yesterday"),
            "date" => Gen.OneOf("2026-02-30", "01/06/2026"),
            "uri" => Gen.OneOf("not a uri", "::"),
            "int32" when types.Contains("integer") => Gen.OneOf("2147483648", "-2147483649", "1.5", "1e3", "twelve"),
            "int64" when types.Contains("integer") => Gen.OneOf("9223372036854775808", "1.5", "twelve"),
            "double" when types.Contains("number") => Gen.OneOf("1e400", "NaN", "Infinity", "twelve"),
            _ => null,
        };
        // Numbers out of range are sent as numbers; malformed formats as strings.
        var broken = malformed?.Select(m => (JsonNode?)(long.TryParse(m, out var n) ? JsonValue.Create(n) : JsonValue.Create(m)));
        var wrong = nullable || IsAnything(schema) ? WrongType(schema) : Choose(WrongType(schema), Null);
        return broken is null ? wrong : Choose(broken, wrong);
    }

    private Gen<JsonNode?> InvalidObject(JsonObject schema, string hint, int depth)
    {
        var properties = schema["properties"] as JsonObject ?? [];
        var required = Required(schema).Where(properties.ContainsKey).ToArray();
        var notNullable = properties.Where(p => !IsNullable(Resolve(p.Value)) && !IsAnything(Resolve(p.Value))).Select(p => p.Key).ToArray();
        var typed = properties.Where(p => !IsAnything(Resolve(p.Value))).Select(p => p.Key).ToArray();
        var closed = schema["additionalProperties"] is JsonValue v && v.TryGetValue<bool>(out var open) && !open;

        var mutations = new List<Func<JsonObject, Gen<JsonNode?>>>
        {
            // The whole body of another type.
            _ => WrongType(schema),
        };
        if (required.Length > 0)
            mutations.Add(o => Gen.OneOf(required).Select(name => { o.Remove(name); return (JsonNode?)o; }));
        if (notNullable.Length > 0)
            mutations.Add(o => Gen.OneOf(notNullable).Select(name => { o[name] = null; return (JsonNode?)o; }));
        if (typed.Length > 0)
            mutations.Add(o => Gen.OneOf(typed).SelectMany(name => Invalid(Resolve(properties[name]), name, depth + 1)
                .Select(bad => { o[name] = bad; return (JsonNode?)o; })));
        if (closed)
            mutations.Add(o => Gen.Const(() => { o["unexpectedProperty💡"] = "surplus"; return (JsonNode?)o; }));

        return Value(schema, RequestFlavor.Valid, hint, depth).SelectMany(value =>
            Gen.Int[0, mutations.Count - 1].SelectMany(i => value is JsonObject o ? mutations[i](o) : WrongType(schema)));
    }

    /// <summary>A value of none of the schema's types.</summary>
    private static Gen<JsonNode?> WrongType(JsonObject schema)
    {
        var types = Types(schema);
        var candidates = new List<Func<JsonNode?>>();
        if (!types.Contains("string")) candidates.Add(() => JsonValue.Create("text💡"));
        if (!types.Contains("integer") && !types.Contains("number")) candidates.Add(() => JsonValue.Create(12345));
        if (!types.Contains("boolean")) candidates.Add(() => JsonValue.Create(true));
        if (!types.Contains("array")) candidates.Add(() => new JsonArray(JsonValue.Create("x")));
        if (!types.Contains("object")) candidates.Add(() => new JsonObject { ["unexpected"] = 1 });
        return Gen.Int[0, candidates.Count - 1].Select(i => candidates[i]());
    }

    // ---- Schemas -----------------------------------------------------------------------------------------------------

    private JsonObject Resolve(JsonNode? node)
    {
        for (var hops = 0; hops < 16; hops++)
        {
            if (node is not JsonObject schema) return [];
            if (schema["$ref"] is not JsonValue reference) return schema;
            var name = ((string)reference!).Split('/')[^1];
            node = _components[name];
        }
        throw new InvalidOperationException("A $ref chain in the document does not end.");
    }

    /// <summary>The schema with its <c>allOf</c> parts folded in: their properties and required names together.</summary>
    private JsonObject Merge(JsonObject schema)
    {
        if (schema["allOf"] is not JsonArray parts) return schema;
        var merged = new JsonObject();
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var part in parts.Select(Resolve).Prepend(schema))
        {
            foreach (var (key, value) in part)
                if (key is not ("allOf" or "properties" or "required") && !merged.ContainsKey(key)) merged[key] = value?.DeepClone();
            foreach (var (key, value) in part["properties"] as JsonObject ?? [])
                if (!properties.ContainsKey(key)) properties[key] = value?.DeepClone();
            foreach (var name in part["required"] as JsonArray ?? []) required.Add(name?.DeepClone());
        }
        if (properties.Count > 0) merged["properties"] = properties;
        if (required.Count > 0) merged["required"] = required;
        if (!merged.ContainsKey("type") && properties.Count > 0) merged["type"] = "object";
        return merged;
    }

    private static JsonObject WithoutExample(JsonObject schema)
    {
        var copy = schema.DeepClone().AsObject();
        copy.Remove("example");
        copy.Remove("default");
        return copy;
    }

    /// <summary>The schema's types other than null.</summary>
    private static HashSet<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray list => list.Select(t => (string)t!).Where(t => t != "null").ToHashSet(),
        JsonValue one when (string)one! != "null" => [(string)one!],
        _ => [],
    };

    private bool IsNullable(JsonObject schema) =>
        schema["type"] is JsonArray list && list.Any(t => (string?)t == "null")
        || (string?)(schema["type"] as JsonValue) == "null"
        || (schema["oneOf"] ?? schema["anyOf"]) is JsonArray branches && branches.Any(b => IsNullOnly(Resolve(b)) || IsNullable(Resolve(b)))
        || schema["enum"] is JsonArray values && values.Any(v => v is null)
        || IsAnything(schema);

    private static bool IsNullOnly(JsonObject schema) => schema["type"] is JsonValue t && (string?)t == "null";

    /// <summary>A schema with nothing that narrows it, such as <c>{}</c>.</summary>
    private static bool IsAnything(JsonObject schema) =>
        !schema.Any(p => p.Key is "type" or "$ref" or "enum" or "const" or "oneOf" or "anyOf" or "allOf" or "properties" or "items");

    private static HashSet<string> Required(JsonObject schema) =>
        (schema["required"] as JsonArray ?? []).Select(r => (string)r!).ToHashSet();

    private static long? Limit(JsonObject schema, string keyword) =>
        schema[keyword] is JsonValue v ? (long)Math.Floor(v.GetValue<double>()) : null;

    // ---- Combinators ---------------------------------------------------------------------------------------------

    private static Gen<T> Choose<T>(params Gen<T>[] options) => Gen.Int[0, options.Length - 1].SelectMany(i => options[i]);

    private static Gen<T> Weighted<T>(params (int Weight, Gen<T> Gen)[] options)
    {
        var total = options.Sum(o => o.Weight);
        return Gen.Int[0, total - 1].SelectMany(pick =>
        {
            foreach (var (weight, gen) in options)
            {
                if (pick < weight) return gen;
                pick -= weight;
            }
            return options[^1].Gen;
        });
    }

    /// <summary>One value from each generator, in order.</summary>
    private static Gen<List<T>> Sequence<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const(() => new List<T>()), (all, gen) => all.SelectMany(list => gen.Select(value =>
        {
            list.Add(value);
            return list;
        })));

    /// <summary>FNV-1a over the text: the same on every run and machine, unlike string.GetHashCode.</summary>
    private static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }
}
