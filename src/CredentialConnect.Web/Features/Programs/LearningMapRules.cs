using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Sync;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Programs;

/// <summary>The rules a program's learning map must satisfy; errors are keyed by JSON path.</summary>
public static class LearningMapRules
{
    public const int MaxActivityIdLength = InboxMessage.MaxActivityIdLength;

    /// <summary>
    /// Field rules, and that no activity is mapped twice: within the map, or by another program. Categories must be
    /// the program's recertification categories when it has any.
    /// </summary>
    /// <param name="prefix">The map's own path in the body: <c>""</c> or <c>"learning."</c>.</param>
    public static async Task<Dictionary<string, string[]>> CheckAsync(AppDbContext db, Guid programId, LearningMapWrite map, string prefix,
        IReadOnlyCollection<string> categories, CancellationToken ct)
    {
        var others = (await db.Programs.AsNoTracking().Where(p => p.Id != programId).ToListAsync(ct))
            .SelectMany(p => p.Learning.ActivityIds().Select(a => (Activity: a, p.Code)))
            .GroupBy(x => x.Activity).ToDictionary(g => g.Key, g => g.First().Code);
        return Validate(map, prefix, categories, others);
    }

    public static Dictionary<string, string[]> Validate(LearningMapWrite map, string prefix, IReadOnlyCollection<string> categories,
        IReadOnlyDictionary<string, string> mappedElsewhere)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(prefix + field, out var list)) errors[prefix + field] = list = [];
            list.Add(message);
        }
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        void CheckActivity(string? activityId, string at)
        {
            var field = $"{at}.activityId";
            if (string.IsNullOrWhiteSpace(activityId)) { Add(field, "The LMS activity id is required."); return; }
            var id = activityId.Trim();
            if (id.Length > MaxActivityIdLength) Add(field, $"The activity id must be at most {MaxActivityIdLength} characters.");
            else if (!Uri.TryCreate(id, UriKind.Absolute, out _)) Add(field, $"'{id}' is not an absolute IRI, as xAPI activity ids are.");
            else if (!seen.TryAdd(id, at)) Add(field, $"Activity '{id}' is already mapped at {prefix}{seen[id]}; an activity counts once.");
            else if (mappedElsewhere.TryGetValue(id, out var code)) Add(field, $"Activity '{id}' is already mapped by program {code}; an activity counts for one program.");
        }

        var exams = map.Exams ?? [];
        for (var i = 0; i < exams.Length; i++)
        {
            CheckActivity(exams[i].ActivityId, $"exams[{i}]");
            if (exams[i].PassingScorePercent is < 0 or > 100) Add($"exams[{i}].passingScorePercent", "Passing score must be between 0 and 100 percent.");
        }

        var courses = map.Courses ?? [];
        for (var i = 0; i < courses.Length; i++)
        {
            var c = courses[i];
            CheckActivity(c.ActivityId, $"courses[{i}]");
            if (string.IsNullOrWhiteSpace(c.Category)) Add($"courses[{i}].category", "The CE category is required, e.g. Ethics.");
            else if (c.Category.Trim().Length > CeCreditRules.MaxCategoryLength)
                Add($"courses[{i}].category", $"The category must be at most {CeCreditRules.MaxCategoryLength} characters.");
            else if (categories.Count > 0 && CategoryOf(c.Category, categories) is null)
                Add($"courses[{i}].category", $"'{c.Category.Trim()}' is not a recertification category of the program: use one of {string.Join(", ", categories)}.");

            if (c.Hours is not { } hours) Add($"courses[{i}].hours", "Hours are required.");
            else if (hours <= 0) Add($"courses[{i}].hours", "Hours must be more than zero.");
            else if (hours > CeCreditRules.MaxHours) Add($"courses[{i}].hours", $"Hours must be at most {CeCreditRules.MaxHours} for one course.");
            else if (decimal.Round(hours, 2) != hours) Add($"courses[{i}].hours", "Hours are kept to two decimal places (0.25 for a quarter hour).");
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    /// <summary>The map as stored: ids trimmed, categories spelled as the program spells them.</summary>
    public static LearningMap ToMap(LearningMapWrite map, IReadOnlyCollection<string> categories) => new()
    {
        Exams = (map.Exams ?? []).Select(e => new ExamActivity { ActivityId = e.ActivityId!.Trim(), PassingScorePercent = e.PassingScorePercent }).ToList(),
        Courses = (map.Courses ?? []).Select(c => new CourseCredit
        {
            ActivityId = c.ActivityId!.Trim(), Category = CategoryOf(c.Category!, categories) ?? c.Category!.Trim(), Hours = c.Hours!.Value,
        }).ToList(),
    };

    private static string? CategoryOf(string text, IReadOnlyCollection<string> categories) =>
        categories.FirstOrDefault(c => string.Equals(c, text.Trim(), StringComparison.OrdinalIgnoreCase));
}
