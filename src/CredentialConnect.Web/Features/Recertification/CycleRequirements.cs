using System.Globalization;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.Web.Features.Recertification;

/// <summary>A CE credit as the cycle rules see it.</summary>
public sealed record CycleCredit(Guid Id, string Category, decimal Hours, DateTimeOffset EarnedAt, CreditReviewStatus ReviewStatus);

/// <summary>
/// One category's part of a cycle: what was earned, what counts (at most the category maximum), what is capped,
/// what is still pending review, and what is missing against the category minimum.
/// </summary>
public sealed record CategoryProgress(string Category, decimal? MinimumHours, decimal? MaximumHours, decimal EarnedHours,
    decimal CountedHours, decimal CappedHours, decimal PendingHours, decimal MissingHours, bool Met, string Explanation);

public sealed record CycleProgress(DateTimeOffset CountsFrom, DateTimeOffset CountsUntil, decimal RequiredHours, decimal CountedHours,
    decimal PendingHours, decimal MissingHours, bool Met, CategoryProgress[] Categories, string Explanation);

/// <summary>
/// A cycle's CE progress, from its rules and the member's credits. Only credits earned inside the counting window
/// count, and only once they need no review or were accepted: pending credits are shown but do not count yet, and
/// rejected ones never do. Hours above a category's maximum do not count toward the total.
/// </summary>
public static class CycleRequirements
{
    public static CycleProgress Evaluate(RecertificationRules rules, DateTimeOffset from, DateTimeOffset until, IEnumerable<CycleCredit> credits)
    {
        var inWindow = credits.Where(c => c.EarnedAt >= from && c.EarnedAt <= until).ToList();
        var byCategory = inWindow.ToLookup(c => c.Category.Trim(), StringComparer.OrdinalIgnoreCase);
        var named = rules.Categories.Select(r => r.Category).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var categories = rules.Categories
            .Select(rule => Category(rule.Category, rule.MinimumHours, rule.MaximumHours, byCategory[rule.Category.Trim()]))
            .Concat(byCategory.Where(g => !named.Contains(g.Key)).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
                .Select(g => Category(g.Key, null, null, g)))
            .ToArray();

        var counted = categories.Sum(c => c.CountedHours);
        var pending = categories.Sum(c => c.PendingHours);
        var missing = Math.Max(0, rules.TotalCeHours - counted);
        var unmetCategories = categories.Where(c => !c.Met).Select(c => c.Explanation).ToList();
        var met = missing == 0 && unmetCategories.Count == 0;

        var total = missing == 0
            ? $"{H(counted)} counted of the {H(rules.TotalCeHours)} required: the total is met."
            : $"{H(counted)} counted of the {H(rules.TotalCeHours)} required: {H(missing)} missing.";
        if (pending > 0) total += $" {H(pending)} pending review do not count yet.";
        var explanation = met ? $"Requirements met. {total}"
            : unmetCategories.Count > 0 ? $"Requirements not met. {total} Short in {string.Join(" ", unmetCategories)}"
            : $"Requirements not met. {total}";
        return new CycleProgress(from, until, rules.TotalCeHours, counted, pending, missing, met, categories, explanation);
    }

    private static CategoryProgress Category(string name, decimal? minimum, decimal? maximum, IEnumerable<CycleCredit> credits)
    {
        var list = credits.ToList();
        var earned = list.Where(c => ContinuingEducationCredit.Counts(c.ReviewStatus)).Sum(c => c.Hours);
        var pending = list.Where(c => c.ReviewStatus == CreditReviewStatus.Pending).Sum(c => c.Hours);
        var counted = maximum is { } max ? Math.Min(earned, max) : earned;
        var capped = earned - counted;
        var missing = minimum is { } min ? Math.Max(0, min - counted) : 0;

        var parts = new List<string> { $"{H(earned)} earned, {H(counted)} counted" };
        if (capped > 0) parts.Add($"{H(capped)} above the category maximum of {H(maximum!.Value)} do not count");
        if (minimum is { } least) parts.Add(missing > 0 ? $"{H(missing)} missing for the minimum of {H(least)}" : $"the minimum of {H(least)} is met");
        if (pending > 0) parts.Add($"{H(pending)} pending review");
        return new CategoryProgress(name, minimum, maximum, earned, counted, capped, pending, missing, missing == 0, $"{name}: {string.Join("; ", parts)}.");
    }

    private static string H(decimal hours) =>
        $"{hours.ToString("0.##", CultureInfo.InvariantCulture)} {(hours == 1 ? "hour" : "hours")}";
}
