using System.Text.RegularExpressions;

namespace CredentialConnect.Workflows.Expressions;

/// <summary>
/// The variables a Liquid template reads, and those of them nothing provides: a misspelled <c>{{ member.fristName }}</c>
/// renders as nothing ("Dear , …"), so it is found before the template ships, as a validation warning and a
/// simulation finding.
/// </summary>
public static partial class TemplateVariables
{
    /// <summary>
    /// What the hub gives every template, as dotted paths; a path ending in <c>.*</c> allows anything below it
    /// (an event's data and the instance's variables vary by flow).
    /// </summary>
    public static readonly IReadOnlyList<string> Known =
    [
        "now", "input.*", "variables.*",
        "member.id", "member.firstName", "member.lastName", "member.name", "member.email",
        "program.code", "program.name", "program.kind", "program.examRequired", "program.passMarkPercent", "program.maxAttempts", "program.retakeWaitDays",
        "program.noticeDays", "program.gracePeriodDays", "program.reinstatementWindowDays",
        "credential.id", "credential.number", "credential.status", "credential.awardedAt", "credential.expiresAt", "credential.verifyUrl",
        "association.name", "association.timeZone", "association.locale", "association.email", "association.website",
    ];

    private static readonly HashSet<string> Keywords =
    [
        "if", "elsif", "else", "endif", "unless", "endunless", "case", "when", "endcase", "for", "in", "endfor", "break", "continue",
        "assign", "capture", "endcapture", "cycle", "increment", "decrement", "raw", "endraw", "comment", "endcomment", "and", "or",
        "contains", "true", "false", "nil", "null", "empty", "blank", "limit", "offset", "reversed", "with", "forloop", "tablerow",
        "endtablerow", "echo", "liquid", "render", "include",
    ];

    /// <summary>The dotted variable paths <paramref name="template"/> reads, in order of first use; names it assigns or loops over are left out.</summary>
    public static IReadOnlyList<string> Used(string template)
    {
        var used = new List<string>();
        var local = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match tag in Tag().Matches(template))
        {
            var code = Quoted().Replace(tag.Groups["code"].Value, " ");
            if (Declared().Match(code) is { Success: true } declared) local.Add(declared.Groups["name"].Value);
            // A filter's name follows '|' and a named argument precedes ':'; neither is a variable.
            code = FilterName().Replace(code, " ");
            foreach (Match path in Path().Matches(code))
            {
                var text = Bracket().Replace(path.Value, "");
                var root = text.Split('.')[0];
                if (Keywords.Contains(root) || local.Contains(root) || used.Contains(text)) continue;
                used.Add(text);
            }
        }
        return used;
    }

    /// <summary>The paths <paramref name="template"/> reads that none of <paramref name="known"/> provides (see <see cref="Known"/> for the form).</summary>
    public static IReadOnlyList<string> Unknown(string template, IEnumerable<string>? known = null)
    {
        var paths = (known ?? Known).ToList();
        return [.. Used(template).Where(used => !paths.Any(path => Provides(path, used)))];
    }

    private static bool Provides(string known, string used)
    {
        if (known.EndsWith(".*", StringComparison.Ordinal))
        {
            var root = known[..^2];
            return used == root || used.StartsWith(root + ".", StringComparison.Ordinal);
        }
        // A known path provides itself, what lies on the way to it, and the Liquid properties of its value (size, first…).
        return used == known || known.StartsWith(used + ".", StringComparison.Ordinal)
            || (used.StartsWith(known + ".", StringComparison.Ordinal) && used[(known.Length + 1)..] is "size" or "first" or "last");
    }

    [GeneratedRegex(@"\{\{-?(?<code>.*?)-?\}\}|\{%-?(?<code>.*?)-?%\}", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"""[^""]*""|'[^']*'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^\s*(?:assign|capture|for|increment|decrement)\s+(?<name>[A-Za-z_][\w-]*)")]
    private static partial Regex Declared();

    [GeneratedRegex(@"\|\s*[A-Za-z_]\w*|[A-Za-z_]\w*\s*:(?!:)")]
    private static partial Regex FilterName();

    [GeneratedRegex(@"(?<![\w.])[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*")]
    private static partial Regex Path();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Bracket();
}
