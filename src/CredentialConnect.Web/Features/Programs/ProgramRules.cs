using System.Text.Json;
using System.Text.RegularExpressions;

namespace CredentialConnect.Web.Features.Programs;

/// <summary>
/// The rules a program definition must satisfy before it is stored. Errors are keyed by the JSON path
/// of the offending field, so a form can show each message beside its input.
/// </summary>
public static partial class ProgramRules
{
    public const int MaxGracePeriodDays = 3650;

    public static Dictionary<string, string[]> Validate(ProgramWrite p, bool isReplace)
    {
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(p.Code)) errors.Add("code", "Code is required.");
        else if (!CodePattern().IsMatch(p.Code)) errors.Add("code", "Code must be 2 to 32 capital letters, digits or hyphens, e.g. CAE or PM-101.");
        if (string.IsNullOrWhiteSpace(p.Name)) errors.Add("name", "Name is required.");
        else if (p.Name.Length > 200) errors.Add("name", "Name must be at most 200 characters.");
        if (!Enum.IsDefined(p.Kind)) errors.Add("kind", "Kind must be Certification, Certificate or MicroCredential.");
        if (p.BadgeImageUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "https" or "http"))
            errors.Add("badgeImageUrl", "Badge image must be an absolute http(s) URL.");
        if (p.ValidityPeriod is { Length: > 0 } validity && !IsoDuration.TryParse(validity, out _))
            errors.Add("validityPeriod", $"'{validity}' is not an ISO-8601 duration such as P3Y or P18M.");
        if (p.EligibilityCriteria is { } criteria && criteria.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
            errors.Add("eligibilityCriteria", "Eligibility criteria must be a JSON object.");
        else if (p.EligibilityCriteria is { ValueKind: JsonValueKind.Object } criteriaObject)
            foreach (var (path, message) in Eligibility.CriteriaSchema.Validate(criteriaObject, p.ApplicationForm)) errors.Add(path, message);
        if (isReplace && p.Version is null)
            errors.Add("version", Data.VersionedExtensions.VersionRequired);

        if (p.PrerequisiteProgramIds is { } prerequisites)
        {
            if (prerequisites.Length != prerequisites.Distinct().Count())
                errors.Add("prerequisiteProgramIds", "A prerequisite is listed more than once.");
            if (prerequisites.Contains(Guid.Empty))
                errors.Add("prerequisiteProgramIds", "A prerequisite id is empty.");
        }

        if (p.ApplicationForm is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } form)
            foreach (var (field, messages) in Applications.ApplicationForms.CheckForm(form))
                foreach (var message in messages) errors.Add(field, message);
        if (p.Exam is { } exam) ValidateExam(exam, errors);
        if (p.IsPathway is true && p.PrerequisiteProgramIds is not { Length: > 0 })
            errors.Add("prerequisiteProgramIds", "A pathway needs its component programs as prerequisites.");
        if (p.Recertification is { } cycle) ValidateCycle(cycle, p.ValidityPeriod, errors);
        return errors.ToDictionary();
    }

    private static void ValidateExam(ExamRulesWrite exam, Errors errors)
    {
        if (exam.PassingScorePercent is < 0 or > 100) errors.Add("exam.passingScorePercent", "Passing score must be between 0 and 100 percent.");
        if (exam.MaxAttempts is < 1) errors.Add("exam.maxAttempts", "Attempt limit must be at least 1; leave it out for no limit.");
        if (exam.RetakeWaitDays is < 0 or > MaxGracePeriodDays) errors.Add("exam.retakeWaitDays", $"Waiting period must be between 0 and {MaxGracePeriodDays} days.");
    }

    private static void ValidateCycle(RecertificationWrite cycle, string? validityPeriod, Errors errors)
    {
        if (string.IsNullOrWhiteSpace(validityPeriod))
            errors.Add("recertification", "A recertification cycle needs a validity period: the cycle ends when the credential would expire.");
        if (cycle.TotalCeHours < 0) errors.Add("recertification.totalCeHours", "Total CE hours cannot be negative.");
        if (cycle.GracePeriodDays is < 0 or > MaxGracePeriodDays)
            errors.Add("recertification.gracePeriodDays", $"Grace period must be between 0 and {MaxGracePeriodDays} days.");

        if (cycle.ExpiringNoticeDays is { } notices)
        {
            if (notices.Any(d => d is < 1 or > MaxGracePeriodDays))
                errors.Add("recertification.expiringNoticeDays", $"Each notice must be between 1 and {MaxGracePeriodDays} days before the end of the cycle.");
            if (notices.Length != notices.Distinct().Count())
                errors.Add("recertification.expiringNoticeDays", "A notice day is listed more than once.");
        }
        if (cycle.ReinstatementWindowDays is < 0 or > MaxGracePeriodDays)
            errors.Add("recertification.reinstatementWindowDays", $"Reinstatement window must be between 0 and {MaxGracePeriodDays} days.");
        if (cycle.Reinstatement is ReinstatementRule.CompleteCeWithinWindow or ReinstatementRule.RetakeExamWithinWindow && cycle.ReinstatementWindowDays is not > 0)
            errors.Add("recertification.reinstatementWindowDays", "Reinstatement within a window needs the window's length in days.");
        if (cycle.AuditSamplePercent is < 0 or > 100)
            errors.Add("recertification.auditSamplePercent", "Audit sample must be between 0 and 100 percent.");

        var categories = cycle.Categories ?? [];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < categories.Length; i++)
        {
            var c = categories[i];
            var at = $"recertification.categories[{i}]";
            if (c is null)
            {
                errors.Add(at, "A category cannot be null.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(c.Category)) errors.Add($"{at}.category", "Category name is required.");
            else if (!seen.Add(c.Category.Trim())) errors.Add($"{at}.category", $"Category '{c.Category}' is listed more than once.");
            if (c.MinimumHours is < 0) errors.Add($"{at}.minimumHours", "Minimum hours cannot be negative.");
            if (c.MaximumHours is <= 0) errors.Add($"{at}.maximumHours", "Maximum hours must be greater than zero.");
            if (c.MinimumHours is { } min && c.MaximumHours is { } max && min > max)
                errors.Add($"{at}.minimumHours", $"Minimum ({min}) is greater than maximum ({max}).");
            if (c.MinimumHours is { } m && cycle.TotalCeHours is var t && m > t)
                errors.Add($"{at}.minimumHours", $"Minimum ({m}) is greater than the cycle's total CE hours ({t}).");
        }

        var minimums = categories.Sum(c => c?.MinimumHours ?? 0);
        if (cycle.TotalCeHours is { } cycleTotal && minimums > cycleTotal)
            errors.Add("recertification.categories", $"The category minimums add up to {minimums}, more than the cycle's total CE hours ({cycleTotal}).");
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{1,31}$")]
    private static partial Regex CodePattern();

    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _byField = [];

        public void Add(string field, string message)
        {
            if (!_byField.TryGetValue(field, out var list)) _byField[field] = list = [];
            list.Add(message);
        }

        public Dictionary<string, string[]> ToDictionary() => _byField.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }
}

/// <summary>
/// Stacked credentials form a graph that must stay acyclic: a program can never be its own
/// prerequisite, directly or through a chain.
/// </summary>
public static class PrerequisiteGraph
{
    /// <summary>
    /// The chain that would close a loop if <paramref name="program"/> required <paramref name="prerequisites"/>,
    /// starting and ending at <paramref name="program"/>; null when there is none.
    /// </summary>
    public static IReadOnlyList<Guid>? FindCycle(Guid program, IEnumerable<Guid> prerequisites, ILookup<Guid, Guid> existingEdges)
    {
        foreach (var start in prerequisites)
        {
            var path = PathTo(start, program, existingEdges, []);
            if (path is not null) return [program, .. path];
        }
        return null;
    }

    private static List<Guid>? PathTo(Guid from, Guid target, ILookup<Guid, Guid> edges, HashSet<Guid> visited)
    {
        if (from == target) return [from];
        if (!visited.Add(from)) return null;
        foreach (var next in edges[from])
            if (PathTo(next, target, edges, visited) is { } rest) return [from, .. rest];
        return null;
    }
}
