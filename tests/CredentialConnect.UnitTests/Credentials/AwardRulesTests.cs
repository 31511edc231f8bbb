using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.UnitTests.Credentials;

public sealed class AwardRulesTests
{
    private static readonly DateTimeOffset Issued = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid Member = Guid.NewGuid();

    private static CredentialProgram Program(string code, bool pathway = false, bool exam = false, params CredentialProgram[] components)
    {
        var program = new CredentialProgram { Code = code, Name = code, Status = ProgramStatus.Published, IsPathway = pathway, ExamRequired = exam };
        program.Prerequisites.AddRange(components.Select(c => new ProgramPrerequisite { ProgramId = program.Id, PrerequisiteProgramId = c.Id }));
        return program;
    }

    private static Credential Held(CredentialProgram program, CredentialStatus status = CredentialStatus.Active)
    {
        var credential = Credential.Award($"MCRD-2026-{Random.Shared.Next(1, 999999):D6}", Member, program.Id, Issued, null, "system");
        if (status != CredentialStatus.Active) credential.ChangeStatus(status, "For the test.", "system", Issued.AddDays(1));
        return credential;
    }

    private static Dictionary<Guid, CredentialProgram> Catalog(params CredentialProgram[] programs) => programs.ToDictionary(p => p.Id);

    [Fact]
    public void CompletedPathways_WhenEveryComponentIsHeld_ReturnsThePathway()
    {
        var (a, b) = (Program("A"), Program("B"));
        var pathway = Program("PATH", pathway: true, components: [a, b]);
        var standing = new MemberStanding([Held(a), Held(b, CredentialStatus.Expiring)], [], []);

        Assert.Equal([pathway], AwardRules.CompletedPathways(standing, Catalog(a, b, pathway)));
    }

    [Theory]
    [InlineData(CredentialStatus.Suspended)]
    [InlineData(CredentialStatus.Revoked)]
    [InlineData(CredentialStatus.Lapsed)]
    public void CompletedPathways_WhenAComponentIsNotInGoodStanding_ReturnsNothing(CredentialStatus status)
    {
        var (a, b) = (Program("A"), Program("B"));
        var pathway = Program("PATH", pathway: true, components: [a, b]);
        var standing = new MemberStanding([Held(a), Held(b, status)], [], []);

        Assert.Empty(AwardRules.CompletedPathways(standing, Catalog(a, b, pathway)));
    }

    [Fact]
    public void CompletedPathways_WhenThePathwayIsHeldAlready_ReturnsNothing()
    {
        var a = Program("A");
        var pathway = Program("PATH", pathway: true, components: [a]);
        var standing = new MemberStanding([Held(a), Held(pathway, CredentialStatus.Suspended)], [], []);

        Assert.Empty(AwardRules.CompletedPathways(standing, Catalog(a, pathway)));
    }

    [Fact]
    public void CompletedPathways_ANestedPathway_CompletesOnceItsInnerPathwayIsHeld()
    {
        var (a, b, c) = (Program("A"), Program("B"), Program("C"));
        var inner = Program("INNER", pathway: true, components: [a, b]);
        var outer = Program("OUTER", pathway: true, components: [inner, c]);
        var catalog = Catalog(a, b, c, inner, outer);
        var standing = new MemberStanding([Held(a), Held(b), Held(c)], [], []);

        Assert.Equal([inner], AwardRules.CompletedPathways(standing, catalog));
        standing.Add(Held(inner));
        Assert.Equal([outer], AwardRules.CompletedPathways(standing, catalog));
    }

    [Fact]
    public void CompletedPathways_AnUnpublishedPathway_IsNeverAwarded()
    {
        var a = Program("A");
        var pathway = Program("PATH", pathway: true, components: [a]);
        pathway.Status = ProgramStatus.Draft;

        Assert.Empty(AwardRules.CompletedPathways(new MemberStanding([Held(a)], [], []), Catalog(a, pathway)));
    }

    [Fact]
    public void Missing_NamesTheApplicationTheExamAndEachPrerequisite()
    {
        var basic = Program("BASIC");
        var advanced = Program("ADV", exam: true, components: [basic]);
        advanced.ApplicationForm = """{"type":"object"}""";

        var missing = AwardRules.Missing(advanced, new MemberStanding([], [], []), Catalog(basic, advanced));

        Assert.Equal(3, missing.Count);
        Assert.Contains(missing, m => m.Contains("approved application to ADV"));
        Assert.Contains(missing, m => m.Contains("passed ADV exam"));
        Assert.Contains(missing, m => m.Contains("BASIC held"));
    }

    [Fact]
    public void Missing_WhenEverythingIsMet_IsEmpty()
    {
        var basic = Program("BASIC");
        var advanced = Program("ADV", exam: true, components: [basic]);
        advanced.EligibilityCriteria = "{}";

        Assert.Empty(AwardRules.Missing(advanced, new MemberStanding([Held(basic)], [advanced.Id], [advanced.Id]), Catalog(basic, advanced)));
    }

    [Fact]
    public void AwardsAutomatically_OnlyAProgramWithSomethingToComplete()
    {
        Assert.False(AwardRules.AwardsAutomatically(Program("PLAIN")));
        Assert.True(AwardRules.AwardsAutomatically(Program("EXAM", exam: true)));
        Assert.False(AwardRules.AwardsAutomatically(Program("EMPTYPATH", pathway: true)));
    }

    [Fact]
    public void NextSequence_FollowsTheHighestOfTheSameKindAndYearOnly()
    {
        var taken = new[] { "CERT-2026-000041", "CERT-2026-000007", "CERT-2025-000900", "CTFC-2026-000500", null };

        Assert.Equal(42, AwardRules.NextSequence(ProgramKind.Certification, 2026, taken));
        Assert.Equal(1, AwardRules.NextSequence(ProgramKind.MicroCredential, 2026, taken));
    }

    [Fact]
    public void ExpiresAt_AddsTheValidityPeriodAsCalendarTime()
    {
        var leapDay = new DateTimeOffset(2028, 2, 29, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2031, 2, 28, 10, 0, 0, TimeSpan.Zero), AwardRules.ExpiresAt("P3Y", leapDay));
        Assert.Null(AwardRules.ExpiresAt(null, leapDay));
    }
}
