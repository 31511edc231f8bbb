using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.Web.Features.Credentials;

/// <summary>What a member has toward their programs: their credentials, approved applications and counted exam passes.</summary>
public sealed class MemberStanding(IEnumerable<Credential> credentials, IEnumerable<Guid> approvedApplications, IEnumerable<Guid> passedExams)
{
    private readonly List<Credential> _credentials = [.. credentials];
    private readonly HashSet<Guid> _approved = [.. approvedApplications];
    private readonly HashSet<Guid> _passed = [.. passedExams];

    public IReadOnlyList<Credential> Credentials => _credentials;

    /// <summary>The member holds the program's credential in good standing: Active or Expiring.</summary>
    public bool Holds(Guid programId) => _credentials.Any(c => c.ProgramId == programId && AwardRules.IsInGoodStanding(c.Status));

    /// <summary>The member's live credential of the program, if any (Active, Expiring or Suspended).</summary>
    public Credential? LiveCredential(Guid programId) => _credentials.FirstOrDefault(c => c.ProgramId == programId && AwardRules.IsLive(c.Status));

    public bool HasApprovedApplication(Guid programId) => _approved.Contains(programId);

    public bool HasPassedExam(Guid programId) => _passed.Contains(programId);

    public void Add(Credential credential) => _credentials.Add(credential);
}

/// <summary>The pure rules of awarding: what a program requires, what a member still lacks, and how numbers follow on.</summary>
public static class AwardRules
{
    /// <summary>Active and Expiring credentials count as held: for prerequisites and for pathway components.</summary>
    public static bool IsInGoodStanding(CredentialStatus status) => status is CredentialStatus.Active or CredentialStatus.Expiring;

    /// <summary>
    /// A live credential blocks a second award of the same program. A suspended one is still the member's credential;
    /// a revoked or lapsed one is over, so the member may earn the program again.
    /// </summary>
    public static bool IsLive(CredentialStatus status) => status is CredentialStatus.Active or CredentialStatus.Expiring or CredentialStatus.Suspended;

    /// <summary>A program takes applications when it has eligibility criteria or an application form.</summary>
    public static bool TakesApplications(CredentialProgram program) => program.EligibilityCriteria is not null || program.ApplicationForm is not null;

    /// <summary>
    /// Only a published program with something to complete is awarded on its own: an application, an exam, or (for a
    /// pathway) its components. A program with none of these is awarded by staff or by import.
    /// </summary>
    public static bool AwardsAutomatically(CredentialProgram program) =>
        program.Status == ProgramStatus.Published && (program.IsPathway && program.Prerequisites.Count > 0 || TakesApplications(program) || program.ExamRequired);

    /// <summary>Every requirement of <paramref name="program"/> the member does not meet yet, in words; empty when complete.</summary>
    public static List<string> Missing(CredentialProgram program, MemberStanding standing, IReadOnlyDictionary<Guid, CredentialProgram> programs)
    {
        var missing = new List<string>();
        if (TakesApplications(program) && !standing.HasApprovedApplication(program.Id)) missing.Add($"An approved application to {program.Code}.");
        if (program.ExamRequired && !standing.HasPassedExam(program.Id)) missing.Add($"A passed {program.Code} exam that counts (within the attempt rules).");
        missing.AddRange(MissingPrerequisites(program, standing, programs));
        return missing;
    }

    /// <summary>The prerequisites (a pathway's components) the member does not hold Active or Expiring.</summary>
    public static List<string> MissingPrerequisites(CredentialProgram program, MemberStanding standing, IReadOnlyDictionary<Guid, CredentialProgram> programs) =>
        program.Prerequisites
            .Where(p => !standing.Holds(p.PrerequisiteProgramId))
            .Select(p => programs.TryGetValue(p.PrerequisiteProgramId, out var needed) ? needed.Code : p.PrerequisiteProgramId.ToString())
            .Order(StringComparer.Ordinal)
            .Select(code => $"{code} held, Active or Expiring.")
            .ToList();

    /// <summary>The published pathways the member has completed but does not hold yet.</summary>
    public static List<CredentialProgram> CompletedPathways(MemberStanding standing, IReadOnlyDictionary<Guid, CredentialProgram> programs) =>
        programs.Values
            .Where(p => p.IsPathway && AwardsAutomatically(p) && standing.LiveCredential(p.Id) is null && Missing(p, standing, programs).Count == 0)
            .OrderBy(p => p.Code, StringComparer.Ordinal)
            .ToList();

    /// <summary>The next sequence of a kind and year, after the highest of <paramref name="taken"/> that has that kind and year.</summary>
    public static int NextSequence(ProgramKind kind, int year, IEnumerable<string?> taken) =>
        taken.Select(n => CredentialNumber.TryParse(n, out var k, out var y, out var sequence) && k == kind && y == year ? sequence : 0)
            .DefaultIfEmpty(0).Max() + 1;

    /// <summary>When a credential valid for <paramref name="validityPeriod"/> from <paramref name="issuedAt"/> ends; null when it never does.</summary>
    public static DateTimeOffset? ExpiresAt(string? validityPeriod, DateTimeOffset issuedAt) =>
        IsoDuration.TryParse(validityPeriod, out var period) ? period.Value.AddTo(issuedAt) : null;
}
