using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace CredentialConnect.Web.Features.Eligibility;

/// <summary>
/// Checks a criteria document against its JSON Schema (<c>EligibilityCriteria.schema.json</c>, embedded) and then
/// against the program's own application form. Each problem comes back keyed by its JSON path under
/// <c>eligibilityCriteria</c>, e.g. <c>eligibilityCriteria.all[1].ceHours.minHours</c>.
/// </summary>
public static class CriteriaSchema
{
    public static readonly string[] CriterionTypes = ["all", "any", "not", "experience", "ceHours", "credential", "membership", "answer"];

    public static string Text { get; } = ReadEmbedded();

    private static readonly JsonSchema Schema = JsonSchema.FromText(Text);

    public static IReadOnlyList<(string Path, string Message)> Validate(JsonElement criteria, JsonElement? applicationForm)
    {
        var results = Schema.Evaluate(JsonNode.Parse(criteria.GetRawText()), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!results.IsValid) return Describe(results, criteria);

        var asked = AskedFields(applicationForm);
        if (asked is null) return [];
        return Criteria.Parse(criteria, Criteria.Root).SelfAndDescendants().OfType<AnswerCriterion>()
            .Where(a => !asked.Contains(a.Field))
            .Select(a => ($"{a.Path}.answer.field", $"The application form asks no question '{a.Field}'. Fields on the form: {string.Join(", ", asked.Order())}."))
            .ToList();
    }

    // The schema reports each failure at the node it concerns, so its instance location is the path a person fixes.
    // A key the schema does not allow is an unknown criterion type where a criterion was expected, else an unknown field.
    private static List<(string Path, string Message)> Describe(EvaluationResults results, JsonElement criteria)
    {
        var problems = new List<(string Path, string Message)>();
        foreach (var detail in results.Details.Where(d => d.Errors is { Count: > 0 }))
        {
            var segments = Segments(detail.InstanceLocation.ToString());
            var path = Path(segments);
            foreach (var (keyword, message) in detail.Errors!)
            {
                var evaluated = detail.EvaluationPath.ToString();
                var text = keyword switch
                {
                    "" when AtCriterion(evaluated[..evaluated.LastIndexOf('/')]) =>
                        $"Unknown criterion type '{segments[^1]}'. Use one of: {string.Join(", ", CriterionTypes)}.",
                    "" => $"Unknown field '{segments[^1]}'.",
                    "minProperties" or "maxProperties" when AtCriterion(evaluated) =>
                        $"A criterion is an object with exactly one key, its type: {string.Join(", ", CriterionTypes)}.",
                    "minProperties" or "maxProperties" when path.EndsWith(".answer", StringComparison.Ordinal) =>
                        "An answer criterion names its field and exactly one of: equals, oneOf, atLeast.",
                    "minProperties" when path.EndsWith(".membership", StringComparison.Ordinal) =>
                        "A membership criterion needs status, levels or both.",
                    _ => message,
                };
                if (text is not null) problems.Add((path, text));
            }
        }
        return problems.Count > 0 ? problems : [(Criteria.Root, "The eligibility criteria do not match their schema.")];
    }

    // The schema reaches a criterion through "$ref" from the root, from a group's items or from "not"; anywhere
    // else the object is the body of one criterion type.
    private static bool AtCriterion(string evaluationPath) =>
        evaluationPath.Split('/') is [.., var before, "$ref"] && before is "" or "items" or "not";

    private static string[] Segments(string pointer) =>
        pointer.Length == 0 ? [] : pointer.TrimStart('/').Split('/').Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToArray();

    private static string Path(string[] segments)
    {
        var path = new StringBuilder(Criteria.Root);
        foreach (var segment in segments)
            path.Append(int.TryParse(segment, out var index) ? $"[{index}]" : $".{segment}");
        return path.ToString();
    }

    private static HashSet<string>? AskedFields(JsonElement? form) =>
        form is { ValueKind: JsonValueKind.Object } schema && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            ? properties.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
            : null;

    private static string ReadEmbedded()
    {
        using var stream = typeof(CriteriaSchema).Assembly.GetManifestResourceStream("EligibilityCriteria.schema.json")
            ?? throw new InvalidOperationException("The eligibility criteria schema is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
