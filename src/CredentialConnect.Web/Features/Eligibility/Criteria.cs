using System.Globalization;
using System.Text.Json;
using CredentialConnect.Web.Features.Members;

namespace CredentialConnect.Web.Features.Eligibility;

/// <summary>
/// One criterion of a program's eligibility, read from its criteria document. <see cref="Path"/> is where it sits in
/// the program (<c>eligibilityCriteria.all[1]</c>), so an explanation points at the line staff wrote.
/// </summary>
public abstract record Criterion(string Path)
{
    /// <summary>The criterion's key in the document: all, any, not, experience, ceHours, credential, membership, answer.</summary>
    public abstract string Kind { get; }

    /// <summary>What the criterion asks, in words a member reads.</summary>
    public abstract string Requirement { get; }

    /// <summary>This criterion and every criterion nested in it, depth first.</summary>
    public virtual IEnumerable<Criterion> SelfAndDescendants() => [this];
}

public sealed record AllCriterion(string Path, IReadOnlyList<Criterion> Parts) : Criterion(Path)
{
    public override string Kind => "all";
    public override string Requirement { get; } = $"All of {Parts.Count} requirements";
    public override IEnumerable<Criterion> SelfAndDescendants() => [this, .. Parts.SelectMany(p => p.SelfAndDescendants())];
}

public sealed record AnyCriterion(string Path, IReadOnlyList<Criterion> Parts) : Criterion(Path)
{
    public override string Kind => "any";
    public override string Requirement { get; } = $"Any one of {Parts.Count} options";
    public override IEnumerable<Criterion> SelfAndDescendants() => [this, .. Parts.SelectMany(p => p.SelfAndDescendants())];
}

public sealed record NotCriterion(string Path, Criterion Part) : Criterion(Path)
{
    public override string Kind => "not";
    public override string Requirement { get; } = $"Not: {Part.Requirement}";
    public override IEnumerable<Criterion> SelfAndDescendants() => [this, .. Part.SelfAndDescendants()];
}

public sealed record ExperienceCriterion(string Path, decimal MinYears) : Criterion(Path)
{
    public override string Kind => "experience";
    public override string Requirement { get; } = $"At least {Criteria.Number(MinYears)} years of professional experience";
}

public sealed record CeHoursCriterion(string Path, decimal MinHours, string? Category, int? WithinMonths) : Criterion(Path)
{
    public override string Kind => "ceHours";
    public override string Requirement { get; } =
        $"At least {Criteria.Number(MinHours)} h of {Criteria.CeOf(Category)}{(WithinMonths is { } m ? $" in the last {m} months" : "")}";
}

public sealed record CredentialCriterion(string Path, string ProgramCode) : Criterion(Path)
{
    public override string Kind => "credential";
    public override string Requirement { get; } = $"Holds the {ProgramCode} credential, active";
}

public sealed record MembershipCriterion(string Path, IReadOnlyList<MembershipStatus>? Statuses, IReadOnlyList<string>? Levels) : Criterion(Path)
{
    public override string Kind => "membership";
    public override string Requirement { get; } = string.Join(" and ", new[]
    {
        Statuses is null ? null : $"membership status {Criteria.OneOf(Statuses.Select(s => s.ToString()))}",
        Levels is null ? null : $"membership level {Criteria.OneOf(Levels)}",
    }.OfType<string>()) is var text ? char.ToUpperInvariant(text[0]) + text[1..] : "";
}

/// <summary>An answer on the application form: exactly one of <see cref="EqualTo"/>, <see cref="OneOfValues"/> or <see cref="AtLeast"/>.</summary>
public sealed record AnswerCriterion(string Path, string Field, JsonElement? EqualTo, IReadOnlyList<JsonElement>? OneOfValues, decimal? AtLeast) : Criterion(Path)
{
    public override string Kind => "answer";
    /// <summary>What the answer must be: "true", "one of A, B", "at least 5".</summary>
    public string Expected { get; } =
        AtLeast is { } min ? $"at least {Criteria.Number(min)}"
        : OneOfValues is { } values ? Criteria.OneOf(values.Select(v => v.GetRawText()))
        : EqualTo?.GetRawText() ?? "";

    public override string Requirement => $"The answer to '{Field}' is {Expected}";
}

/// <summary>Reads a criteria document, already valid against the schema, into <see cref="Criterion"/> records.</summary>
public static class Criteria
{
    public const string Root = "eligibilityCriteria";

    public static Criterion Parse(string json) => Parse(JsonDocument.Parse(json).RootElement, Root);

    public static Criterion Parse(JsonElement node, string path)
    {
        var property = node.EnumerateObject().Single();
        var at = $"{path}.{property.Name}";
        var body = property.Value;
        return property.Name switch
        {
            "all" => new AllCriterion(path, Items(body, at)),
            "any" => new AnyCriterion(path, Items(body, at)),
            "not" => new NotCriterion(path, Parse(body, at)),
            "experience" => new ExperienceCriterion(path, body.GetProperty("minYears").GetDecimal()),
            "ceHours" => new CeHoursCriterion(path, body.GetProperty("minHours").GetDecimal(),
                body.TryGetProperty("category", out var category) ? category.GetString() : null,
                body.TryGetProperty("withinMonths", out var months) ? (int)months.GetDecimal() : null),
            "credential" => new CredentialCriterion(path, body.GetProperty("program").GetString()!),
            "membership" => new MembershipCriterion(path,
                body.TryGetProperty("status", out var statuses) ? [.. statuses.EnumerateArray().Select(s => Enum.Parse<MembershipStatus>(s.GetString()!))] : null,
                body.TryGetProperty("levels", out var levels) ? [.. levels.EnumerateArray().Select(l => l.GetString()!)] : null),
            "answer" => new AnswerCriterion(path, body.GetProperty("field").GetString()!,
                body.TryGetProperty("equals", out var equalTo) ? equalTo.Clone() : null,
                body.TryGetProperty("oneOf", out var oneOf) ? [.. oneOf.EnumerateArray().Select(v => v.Clone())] : null,
                body.TryGetProperty("atLeast", out var atLeast) ? atLeast.GetDecimal() : null),
            _ => throw new JsonException($"Unknown criterion '{property.Name}' at {path}; the schema should have refused it."),
        };

        static List<Criterion> Items(JsonElement array, string at) =>
            array.EnumerateArray().Select((item, i) => Parse(item, $"{at}[{i}]")).ToList();
    }

    /// <summary>
    /// What a program asks of a member: its prerequisites (each an active credential) and its criteria document, together.
    /// Null when it asks nothing.
    /// </summary>
    public static Criterion? ForProgram(string? criteriaJson, IReadOnlyList<string> prerequisiteCodes)
    {
        var parts = prerequisiteCodes.Select((code, i) => (Criterion)new CredentialCriterion($"prerequisiteProgramIds[{i}]", code)).ToList();
        if (criteriaJson is not null) parts.Add(Parse(criteriaJson));
        return parts.Count switch
        {
            0 => null,
            1 => parts[0],
            _ => new AllCriterion("", parts),
        };
    }

    internal static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    internal static string CeOf(string? category) => category is null ? "CE" : $"{category} CE";

    internal static string OneOf(IEnumerable<string> values) => values.ToList() is [var single] ? single : $"one of {string.Join(", ", values)}";
}
