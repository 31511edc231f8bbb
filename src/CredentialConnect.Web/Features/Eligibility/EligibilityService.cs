using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Eligibility;

/// <summary>A program as eligibility sees it: its identity and everything it asks, prerequisites included.</summary>
public sealed record ProgramRequirements(Guid Id, string Code, string Name, ProgramStatus Status, Criterion? Criteria)
{
    private readonly Criterion[] _all = Criteria?.SelfAndDescendants().ToArray() ?? [];

    public bool AsksAnswers => _all.OfType<AnswerCriterion>().Any();

    public bool CountsCe => _all.OfType<CeHoursCriterion>().Any();

    /// <summary>How far back CE credits matter: the widest window, or null when some criterion counts every credit.</summary>
    public int? CeMonths => _all.OfType<CeHoursCriterion>().Any(c => c.WithinMonths is null) ? null : _all.OfType<CeHoursCriterion>().Max(c => c.WithinMonths);

    /// <summary>The CE categories that matter, lower-cased; null when some criterion counts every category.</summary>
    public string[]? CeCategories => _all.OfType<CeHoursCriterion>().Any(c => c.Category is null)
        ? null
        : [.. _all.OfType<CeHoursCriterion>().Select(c => c.Category!.ToLowerInvariant()).Distinct()];

    public string[] CredentialCodes => [.. _all.OfType<CredentialCriterion>().Select(c => c.ProgramCode).Distinct()];
}

/// <summary>
/// Loads member facts from the database and decides them with <see cref="EligibilityRules"/>: one member at a time,
/// or one program for many members in chunks, each chunk a handful of set-based queries.
/// </summary>
public sealed class EligibilityService(AppDbContext db, TimeProvider clock) : IEligibilityEvaluator
{
    public const int ChunkSize = 10_000;

    public async Task<EligibilityDecision> EvaluateAsync(Guid memberId, Guid programId, JsonElement? answers, CancellationToken ct)
    {
        var program = await LoadProgramAsync(programId, ct) ?? throw new KeyNotFoundException($"No program '{programId}'.");
        var facts = await LoadFactsAsync(memberId, ct) ?? throw new KeyNotFoundException($"No member '{memberId}'.");
        return EligibilityRules.Decide(program.Id, program.Criteria, facts with { Answers = answers });
    }

    /// <summary>Decides <paramref name="program"/> for a member, with the answers of their latest application to it.</summary>
    public async Task<EligibilityDecision> DecideAsync(ProgramRequirements program, MemberFacts facts, CancellationToken ct)
    {
        var answers = program.AsksAnswers ? await LatestAnswersAsync(facts.MemberId, program.Id, ct) : null;
        return EligibilityRules.Decide(program.Id, program.Criteria, facts with { Answers = answers });
    }

    public async Task<ProgramRequirements?> LoadProgramAsync(Guid programId, CancellationToken ct) =>
        (await LoadProgramsAsync(db.Programs.Where(p => p.Id == programId), ct)).SingleOrDefault();

    public async Task<IReadOnlyList<ProgramRequirements>> LoadProgramsAsync(IQueryable<CredentialProgram> programs, CancellationToken ct)
    {
        var found = await programs.AsNoTracking().Include(p => p.Prerequisites).ToListAsync(ct);
        var prerequisiteIds = found.SelectMany(p => p.Prerequisites).Select(p => p.PrerequisiteProgramId).Distinct().ToList();
        var codes = await db.Programs.Where(p => prerequisiteIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Code, ct);
        return found.Select(p => new ProgramRequirements(p.Id, p.Code, p.Name, p.Status,
            Criteria.ForProgram(p.EligibilityCriteria, p.Prerequisites.Select(x => codes[x.PrerequisiteProgramId]).Order(StringComparer.Ordinal).ToList()))).ToList();
    }

    /// <summary>Everything about one member eligibility looks at; null when there is no such member.</summary>
    public async Task<MemberFacts?> LoadFactsAsync(Guid memberId, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking().Where(m => m.Id == memberId)
            .Select(m => new { m.Id, m.YearsOfExperience, m.MembershipStatus, m.MembershipLevel }).SingleOrDefaultAsync(ct);
        if (member is null) return null;
        var credits = await db.ContinuingEducationCredits.AsNoTracking()
            .Where(c => c.MemberId == memberId && c.ReviewStatus != CreditReviewStatus.Rejected)
            .Select(c => new CeCreditFact(c.Category, c.Hours, c.EarnedAt, c.ReviewStatus)).ToListAsync(ct);
        var credentials = await (from c in db.Credentials.AsNoTracking()
                                 join p in db.Programs on c.ProgramId equals p.Id
                                 where c.MemberId == memberId
                                 select new HeldCredentialFact(p.Code, c.Status)).ToListAsync(ct);
        return new MemberFacts(member.Id, clock.GetUtcNow(), member.YearsOfExperience, member.MembershipStatus, member.MembershipLevel, credits, credentials);
    }

    /// <summary>
    /// Decides one program for many members (every member when <paramref name="memberIds"/> is null), streaming the
    /// decisions. Facts are loaded <see cref="ChunkSize"/> members at a time; see <see cref="LoadFactsAsync(ProgramRequirements, IReadOnlyCollection{Guid}?, CancellationToken)"/>.
    /// </summary>
    public async IAsyncEnumerable<EligibilityDecision> EvaluateManyAsync(
        ProgramRequirements program, IReadOnlyCollection<Guid>? memberIds, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var chunk in LoadFactsAsync(program, memberIds, ct))
            foreach (var facts in chunk)
                yield return EligibilityRules.Decide(program.Id, program.Criteria, facts);
    }

    /// <summary>
    /// The facts <paramref name="program"/> looks at, for many members, a chunk at a time. Each chunk costs at most four
    /// set-based queries whatever its size: members, the CE credits the criteria can count, the credentials they name,
    /// and application answers when they ask any. Named members come <see cref="ChunkSize"/> at a time; every member
    /// (<paramref name="memberIds"/> null) comes in one chunk read straight through the tables, with no list of ids to match.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<MemberFacts>> LoadFactsAsync(
        ProgramRequirements program, IReadOnlyCollection<Guid>? memberIds, [EnumeratorCancellation] CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var codes = program.CredentialCodes;
        var programsByCode = codes.Length == 0 ? [] : await db.Programs.AsNoTracking().Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Id, p => p.Code, ct);
        var credentialProgramIds = programsByCode.Keys.ToList();
        IEnumerable<Guid[]?> chunks = memberIds is null ? [null] : memberIds.Chunk(ChunkSize).Cast<Guid[]?>();

        foreach (var chunk in chunks)
        {
            var members = await Among(db.Members.AsNoTracking(), chunk, m => m.Id)
                .Select(m => new { m.Id, m.YearsOfExperience, m.MembershipStatus, m.MembershipLevel }).ToListAsync(ct);
            var credits = program.CountsCe ? (await CreditsAsync(program, chunk, now, ct)).ToLookup(c => c.MemberId, c => c.Fact) : null;
            var credentials = credentialProgramIds.Count == 0 ? null
                : (await Among(db.Credentials.AsNoTracking(), chunk, c => c.MemberId).Where(c => credentialProgramIds.Contains(c.ProgramId))
                    .Select(c => new { c.MemberId, c.ProgramId, c.Status }).ToListAsync(ct))
                    .ToLookup(c => c.MemberId, c => new HeldCredentialFact(programsByCode[c.ProgramId], c.Status));
            var answers = program.AsksAnswers ? await LatestAnswersAsync(program.Id, chunk, ct) : null;

            yield return members.ConvertAll(m => new MemberFacts(m.Id, now, m.YearsOfExperience, m.MembershipStatus, m.MembershipLevel,
                credits is null ? [] : [.. credits[m.Id]], credentials is null ? [] : [.. credentials[m.Id]],
                answers?.GetValueOrDefault(m.Id)));
        }
    }

    // Rows of the chunk's members; every row when the chunk is everyone. The ids travel as one array parameter.
    private static IQueryable<T> Among<T>(IQueryable<T> rows, Guid[]? members, Expression<Func<T, Guid>> memberId)
    {
        if (members is null) return rows;
        Expression<Func<Guid[]>> ids = () => members;
        var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(Guid)], ids.Body, memberId.Body);
        return rows.Where(Expression.Lambda<Func<T, bool>>(contains, memberId.Parameters[0]));
    }

    private async Task<List<(Guid MemberId, CeCreditFact Fact)>> CreditsAsync(ProgramRequirements program, Guid[]? members, DateTimeOffset now, CancellationToken ct)
    {
        var query = Among(db.ContinuingEducationCredits.AsNoTracking(), members, c => c.MemberId)
            .Where(c => c.ReviewStatus != CreditReviewStatus.Rejected);
        if (program.CeMonths is { } months)
        {
            var since = now.AddMonths(-months);
            query = query.Where(c => c.EarnedAt >= since);
        }
        if (program.CeCategories is { } categories) query = query.Where(c => categories.Contains(c.Category.ToLower()));
        var rows = await query.Select(c => new { c.MemberId, c.Category, c.Hours, c.EarnedAt, c.ReviewStatus }).ToListAsync(ct);
        return rows.ConvertAll(c => (c.MemberId, new CeCreditFact(c.Category, c.Hours, c.EarnedAt, c.ReviewStatus)));
    }

    private async Task<JsonElement?> LatestAnswersAsync(Guid memberId, Guid programId, CancellationToken ct) =>
        (await LatestAnswersAsync(programId, [memberId], ct)).GetValueOrDefault(memberId);

    // The latest application a member has not withdrawn holds their current answers.
    private async Task<Dictionary<Guid, JsonElement?>> LatestAnswersAsync(Guid programId, Guid[]? members, CancellationToken ct)
    {
        var rows = await Among(db.Applications.AsNoTracking(), members, a => a.MemberId)
            .Where(a => a.ProgramId == programId && a.Status != ApplicationStatus.Withdrawn)
            .Select(a => new { a.MemberId, a.CreatedAt, a.Answers }).ToListAsync(ct);
        return rows.GroupBy(a => a.MemberId).ToDictionary(g => g.Key,
            g => (JsonElement?)JsonDocument.Parse(g.MaxBy(a => a.CreatedAt)!.Answers).RootElement.Clone());
    }
}
