using System.ComponentModel.DataAnnotations;

namespace CredentialConnect.Web.Features.Dashboard;

/// <summary>One month of a chart: "2026-05" and how many.</summary>
public sealed record MonthCount(string Month, int Count);

/// <summary>Of the applications started in the period: how many were submitted, and how many approved.</summary>
public sealed record ApplicationsFunnelResponse(int Started, int Submitted, int Approved);

/// <summary>Exam sittings taken in one month, and how many passed.</summary>
public sealed record ExamMonth(string Month, int Attempts, int Passed);

/// <summary>
/// Of the members who failed a sitting in the period (counted once per program), how many sat the exam again after
/// that failure, and how many passed a later sitting. What the failed-exam nurture flows exist to raise.
/// </summary>
public sealed record RetakeConversion(int Failed, int Retook, int Passed, decimal? RetakeRate, decimal? PassRate);

/// <summary>Sittings in the period, the share passed (0 to 1; null with no sittings), month by month, and the fail → retake → pass conversion.</summary>
public sealed record ExamFiguresResponse(int Attempts, int Passed, decimal? PassRate, ExamMonth[] Months, RetakeConversion Retakes);

/// <summary>Credential cycles that ended (or end) in a month, and how many of them were renewed.</summary>
public sealed record RenewalMonth(string Month, int Due, int Done);

/// <summary>Cycles that ended in a month, and how many of them lapsed without renewal.</summary>
public sealed record LapseMonth(string Month, int Due, int Lapsed);

/// <summary>Cycles that ended in the period (up to now), how many lapsed, the share lapsed (0 to 1; null with none due), and month by month.</summary>
public sealed record LapseRateResponse(int Due, int Lapsed, decimal? Rate, LapseMonth[] Months);

/// <summary>Downloads, LinkedIn share links and verification views in one month.</summary>
public sealed record EngagementMonth(string Month, int Downloads, int LinkedInShares, int VerificationViews);

/// <summary>Downloads of badge files and certificates, LinkedIn share links asked for, and verification views (page and API) in the period.</summary>
public sealed record EngagementResponse(int Downloads, int LinkedInShares, int VerificationViews, EngagementMonth[] Months);

/// <summary>Something staff should deal with: how many, and the screen where it is resolved.</summary>
public sealed record AttentionItem(string Key, string Label, string Hint, int Count, string Link);

/// <summary>
/// What needs attention now, as far as the caller may act on it (connector queues and workflow incidents are for
/// Admins). <see cref="WaitingDays"/> is how long an application may wait before it is listed.
/// </summary>
public sealed record AttentionResponse(int WaitingDays, AttentionItem[] Items);

/// <summary>The dashboard's settings, bound from the <c>Dashboard</c> section (e.g. <c>Dashboard__WaitingDays</c>).</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>An application submitted longer ago than this many days, still undecided, needs attention. Default 7.</summary>
    [Range(1, 365)]
    public int WaitingDays { get; set; } = 7;
}
