using System.Text.Json.Nodes;
using CredentialConnect.Badges.JsonLd;

namespace CredentialConnect.Badges.Tests.Support;

/// <summary>
/// Varied Open Badges 3.0 credentials from a seeded random source: the same seed gives the same credentials.
/// They exercise what the pinned contexts define: type-scoped terms, @id and xsd coercions, @set and @list
/// containers, blank-node subjects, unicode and characters that need escaping, numbers and booleans.
/// </summary>
public sealed class CredentialGenerator(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Words =
    [
        "Teamwork", "Leadership", "Café résumé", "naïve ☃ snowman", "Ελληνικά", "日本語のバッジ", "emoji 🎓🏅", "quote \"inside\"",
        "back\\slash", "tab\tseparated", "line\nbreak", "carriage\r\nreturn", "control \u0001 \u001f char", "delete \u007f",
        "<angle> & ampersand", "{braces} | pipe ^ caret `tick`", "Ünïcödé", "right-to-left עברית", "mixed 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "   spaces   ",
        "", "Certified Association Executive", "Continuing Education", "Safety & Compliance",
    ];

    public JsonObject Next(int index)
    {
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray(PinnedContexts.CredentialsV2, PinnedContexts.OpenBadgesV3),
            ["type"] = Pick(new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
                new JsonArray("VerifiableCredential", "AchievementCredential"),
                new JsonArray("OpenBadgeCredential", "VerifiableCredential")),
            ["issuer"] = Issuer(index),
            ["validFrom"] = Date(),
            ["name"] = Text(),
            ["credentialSubject"] = Subject(index),
        };
        if (Chance(0.8)) credential["id"] = $"urn:uuid:{Guid(index)}";
        if (Chance(0.5)) credential["description"] = Text();
        if (Chance(0.4)) credential["validUntil"] = Date();
        if (Chance(0.4)) credential["credentialStatus"] = Status(index);
        if (Chance(0.4)) credential["evidence"] = Evidence();
        if (Chance(0.2)) credential["awardedDate"] = Date();
        if (Chance(0.2)) credential["image"] = Image();
        if (Chance(0.2)) credential["credentialSchema"] = Schema();
        return credential;
    }

    private JsonNode Issuer(int index)
    {
        if (Chance(0.2)) return $"https://example.org/issuers/{index % 7}";
        var issuer = new JsonObject
        {
            ["id"] = Chance(0.5) ? $"https://example.org/issuers/{index % 7}" : $"did:key:z6Mk{index:D6}",
            ["type"] = Pick<JsonNode>("Profile", new JsonArray("Profile")),
            ["name"] = Text(),
        };
        if (Chance(0.5)) issuer["url"] = "https://example.org/";
        if (Chance(0.3)) issuer["email"] = $"info{index}@example.org";
        if (Chance(0.3)) issuer["description"] = Text();
        if (Chance(0.2)) issuer["image"] = Image();
        if (Chance(0.2)) issuer["phone"] = "+1 555 0100";
        if (Chance(0.2))
        {
            issuer["address"] = new JsonObject
            {
                ["type"] = new JsonArray("Address"),
                ["streetAddress"] = Text(),
                ["postalCode"] = "12345",
                ["addressCountry"] = "Canada",
                ["geo"] = new JsonObject { ["type"] = "GeoCoordinates", ["latitude"] = Number(), ["longitude"] = Number() },
            };
        }
        return issuer;
    }

    private JsonObject Subject(int index)
    {
        var subject = new JsonObject
        {
            ["type"] = Pick<JsonNode>(new JsonArray("AchievementSubject"), "AchievementSubject"),
            ["achievement"] = Achievement(index),
        };
        if (Chance(0.7)) subject["id"] = Pick($"did:example:member{index}", $"urn:uuid:{Guid(index + 1000)}", $"mailto:m{index}@example.org");
        if (Chance(0.3)) subject["creditsEarned"] = Number();
        if (Chance(0.3)) subject["activityStartDate"] = "2024-01-15";
        if (Chance(0.3)) subject["licenseNumber"] = $"L-{index:D5}";
        if (Chance(0.3)) subject["result"] = Results();
        if (Chance(0.3))
        {
            subject["identifier"] = new JsonArray(new JsonObject
            {
                ["type"] = "IdentityObject",
                ["hashed"] = Chance(0.5),
                ["identityHash"] = $"sha256${Guid(index)}",
                ["identityType"] = "emailAddress",
                ["salt"] = "not-a-secret",
            });
        }
        return subject;
    }

    private JsonObject Achievement(int index)
    {
        var achievement = new JsonObject
        {
            ["type"] = Pick<JsonNode>(new JsonArray("Achievement"), "Achievement"),
            ["name"] = Text(),
            ["criteria"] = Criteria(),
        };
        if (Chance(0.8)) achievement["id"] = $"https://example.org/achievements/{index % 13}";
        if (Chance(0.7)) achievement["description"] = Chance(0.3)
            ? new JsonObject { ["@value"] = Text(), ["@language"] = Pick("en", "fr-CA", "DE") }
            : Text();
        if (Chance(0.4)) achievement["image"] = Image();
        if (Chance(0.3)) achievement["achievementType"] = Pick("Certification", "License", "Badge");
        if (Chance(0.3)) achievement["creditsAvailable"] = Number();
        if (Chance(0.3)) achievement["humanCode"] = $"CAE-{index}";
        if (Chance(0.3)) achievement["tag"] = new JsonArray(Text(), Text());
        if (Chance(0.3)) achievement["inLanguage"] = Pick("en", "fr-CA", "es");
        if (Chance(0.3)) achievement["alignment"] = Alignments();
        if (Chance(0.2)) achievement["resultDescription"] = ResultDescriptions();
        if (Chance(0.2))
        {
            achievement["creator"] = new JsonObject
            {
                ["id"] = "https://example.org/issuers/creator",
                ["type"] = new JsonArray("Profile"),
                ["name"] = Text(),
            };
        }
        return achievement;
    }

    private JsonObject Criteria()
    {
        var criteria = new JsonObject();
        if (Chance(0.8)) criteria["narrative"] = Text();
        if (Chance(0.4) || criteria.Count == 0) criteria["id"] = $"https://example.org/criteria/{_random.Next(50)}";
        return criteria;
    }

    private JsonArray Alignments()
    {
        var alignments = new JsonArray();
        for (var i = 0; i < 1 + _random.Next(3); i++)
        {
            var alignment = new JsonObject
            {
                ["type"] = new JsonArray("Alignment"),
                ["targetName"] = Text(),
                ["targetUrl"] = $"https://example.org/frameworks/{_random.Next(100)}",
            };
            if (Chance(0.5)) alignment["targetCode"] = $"C{_random.Next(1000)}";
            if (Chance(0.5)) alignment["targetDescription"] = Text();
            if (Chance(0.5)) alignment["targetType"] = Pick("CFItem", "ceterms:Credential", "ext:Other");
            alignments.Add(alignment);
        }
        return alignments;
    }

    private JsonArray ResultDescriptions()
    {
        var descriptions = new JsonArray();
        for (var i = 0; i < 1 + _random.Next(2); i++)
        {
            var description = new JsonObject
            {
                ["id"] = $"urn:uuid:{Guid(_random.Next(100000))}",
                ["type"] = new JsonArray("ResultDescription"),
                ["name"] = Text(),
                ["resultType"] = Pick("GradePointAverage", "LetterGrade", "Percent"),
            };
            if (Chance(0.5)) description["allowedValue"] = new JsonArray("A", "B", "C", Text());
            if (Chance(0.5)) description["valueMin"] = "0";
            if (Chance(0.5)) description["valueMax"] = "100";
            descriptions.Add(description);
        }
        return descriptions;
    }

    private JsonArray Results()
    {
        var results = new JsonArray();
        for (var i = 0; i < 1 + _random.Next(3); i++)
        {
            var result = new JsonObject { ["type"] = new JsonArray("Result") };
            if (Chance(0.7)) result["value"] = Chance(0.3) ? Number() : Pick("A", "92", Text());
            if (Chance(0.4)) result["status"] = Pick("Completed", "Enrolled");
            if (Chance(0.4)) result["resultDescription"] = $"urn:uuid:{Guid(_random.Next(100000))}";
            results.Add(result);
        }
        return results;
    }

    private JsonNode Evidence()
    {
        var evidence = new JsonArray();
        for (var i = 0; i < 1 + _random.Next(3); i++)
        {
            var item = new JsonObject { ["type"] = new JsonArray("Evidence") };
            if (Chance(0.5)) item["id"] = $"https://example.org/evidence/{_random.Next(1000)}";
            if (Chance(0.8)) item["name"] = Text();
            if (Chance(0.5)) item["description"] = Text();
            if (Chance(0.3)) item["genre"] = Pick("Portfolio", "Exam");
            if (Chance(0.3)) item["audience"] = "Members";
            evidence.Add(item);
        }
        return Chance(0.2) && evidence.Count == 1 ? evidence[0]!.DeepClone() : evidence;
    }

    private JsonNode Status(int index)
    {
        JsonObject Entry(string purpose) => new()
        {
            ["id"] = $"https://example.org/status/1#{index}-{purpose}",
            ["type"] = "BitstringStatusListEntry",
            ["statusPurpose"] = purpose,
            ["statusListIndex"] = (index * 7).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["statusListCredential"] = "https://example.org/status/1",
        };
        return Chance(0.5) ? Entry("revocation") : new JsonArray(Entry("revocation"), Entry("suspension"));
    }

    private JsonObject Schema() => new()
    {
        ["id"] = $"https://example.org/schemas/{_random.Next(10)}",
        ["type"] = "JsonSchema",
        ["jsonSchema"] = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["type"] = "object",
            ["title"] = Text(),
            ["minimum"] = Number(),
            ["required"] = new JsonArray("name", "é"),
            ["nested"] = new JsonObject { ["z"] = true, ["a"] = null, ["€"] = 1e21, ["b"] = new JsonArray(1, 2.5, -0.0) },
        },
    };

    private JsonNode Image()
    {
        if (Chance(0.5)) return $"https://example.org/images/{_random.Next(100)}.png";
        var image = new JsonObject { ["id"] = $"https://example.org/images/{_random.Next(100)}.png", ["type"] = "Image" };
        if (Chance(0.5)) image["caption"] = Text();
        return image;
    }

    private JsonNode Number() => _random.Next(6) switch
    {
        0 => JsonValue.Create(_random.Next(0, 500)),
        1 => JsonValue.Create(Math.Round(_random.NextDouble() * 100, 2)),
        2 => JsonValue.Create(1.1),
        3 => JsonValue.Create(-0.5),
        4 => JsonValue.Create(1e-7),
        _ => JsonValue.Create(1234567.891),
    };

    private string Date() =>
        new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(_random.Next(0, 200_000_000))
            .ToString(Chance(0.3) ? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'" : "yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private string Text()
    {
        var count = 1 + _random.Next(3);
        return string.Join(" ", Enumerable.Range(0, count).Select(_ => Words[_random.Next(Words.Length)]));
    }

    private string Guid(int index) => $"{index:x8}-{_random.Next(0x10000):x4}-4{_random.Next(0x1000):x3}-a{_random.Next(0x1000):x3}-{_random.NextInt64(0x1000000000000):x12}";

    private bool Chance(double p) => _random.NextDouble() < p;

    private T Pick<T>(params T[] options) => options[_random.Next(options.Length)];
}
