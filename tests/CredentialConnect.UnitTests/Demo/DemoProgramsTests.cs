using System.Text.Json;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.Demo;
using CredentialConnect.Web.Features.Eligibility;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.UnitTests.Demo;

/// <summary>The demo's programs pass the same rules the programs API applies to a program an association sends.</summary>
public sealed class DemoProgramsTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Codes() =>
        [DemoPrograms.MicroCredentialCode, DemoPrograms.CertificateCode, DemoPrograms.CertificationCode, DemoPrograms.PathwayCode];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Program_PassesTheProgramRulesTheApiApplies(string code)
    {
        var program = DemoPrograms.Create(Now).Single(p => p.Code == code);

        var errors = ProgramRules.Validate(AsWrite(program), isReplace: false);

        Assert.True(errors.Count == 0, string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
    }

    [Fact]
    public void CertificationCriteria_MatchTheirSchemaAndAskOnlyForFieldsOnTheForm()
    {
        using var criteria = JsonDocument.Parse(DemoPrograms.CertificationCriteria);
        using var form = JsonDocument.Parse(DemoPrograms.CertificationForm);

        var problems = CriteriaSchema.Validate(criteria.RootElement, form.RootElement);

        Assert.Empty(problems);
        Assert.Contains(Criteria.Parse(DemoPrograms.CertificationCriteria).SelfAndDescendants().OfType<AnswerCriterion>(),
            a => a.Field == DemoPrograms.CodeOfEthicsField);
    }

    [Fact]
    public void CertificationForm_IsAStorableFormThatRequiresTheCodeOfEthicsAnswer()
    {
        using var form = JsonDocument.Parse(DemoPrograms.CertificationForm);
        using var withoutEthics = JsonDocument.Parse("""{"employer":"Okafor Food Bank","role":"Grants Officer","yearsInSector":4}""");

        var formErrors = ApplicationForms.CheckForm(form.RootElement);
        var answerErrors = ApplicationForms.CheckAnswers(DemoPrograms.CertificationForm, withoutEthics.RootElement, complete: true);

        Assert.Empty(formErrors);
        Assert.Equal(["answers." + DemoPrograms.CodeOfEthicsField], answerErrors.Keys);
    }

    [Fact]
    public void Certification_HasTheLifecycleRulesTheDemoShows()
    {
        var cnp = DemoPrograms.Create(Now).Single(p => p.Code == DemoPrograms.CertificationCode);

        Assert.Equal((70m, 3, 30), (cnp.Exam.PassingScorePercent, cnp.Exam.MaxAttempts, cnp.Exam.RetakeWaitDays));
        Assert.Equal([90, 60, 30, 7], cnp.Recertification!.ExpiringNoticeDays);
        Assert.Equal((ReinstatementRule.CompleteCeWithinWindow, 180, 10m),
            (cnp.Recertification.Reinstatement, cnp.Recertification.ReinstatementWindowDays, cnp.Recertification.AuditSamplePercent));
    }

    [Fact]
    public void Pathway_IsMadeOfTheMicroCredentialAndTheCertificate()
    {
        var programs = DemoPrograms.Create(Now).ToDictionary(p => p.Id);
        var pathway = programs.Values.Single(p => p.IsPathway);

        Assert.Equal([DemoPrograms.MicroCredentialCode, DemoPrograms.CertificateCode],
            pathway.Prerequisites.Select(p => programs[p.PrerequisiteProgramId].Code).Order());
    }

    // The program as a client would send it to POST /api/v1/programs.
    private static ProgramWrite AsWrite(CredentialProgram p) => new(
        p.Code, p.Name, p.Kind, p.Description, p.CriteriaNarrative, p.BadgeImageUrl, p.ValidityPeriod,
        p.Recertification is { } r
            ? new RecertificationWrite(r.TotalCeHours, r.GracePeriodDays,
                [.. r.Categories.Select(c => new CeCategoryWrite(c.Category, c.MinimumHours, c.MaximumHours))])
            {
                ExpiringNoticeDays = [.. r.ExpiringNoticeDays], Reinstatement = r.Reinstatement,
                ReinstatementWindowDays = r.ReinstatementWindowDays, AuditSamplePercent = r.AuditSamplePercent,
            }
            : null,
        [.. p.Prerequisites.Select(x => x.PrerequisiteProgramId)], p.ExamRequired, Json(p.EligibilityCriteria), Version: null)
    {
        Exam = new ExamRulesWrite(p.Exam.PassingScorePercent, p.Exam.MaxAttempts, p.Exam.RetakeWaitDays),
        IsPathway = p.IsPathway,
        ApplicationForm = Json(p.ApplicationForm),
    };

    private static JsonElement? Json(string? text) => text is null ? null : JsonDocument.Parse(text).RootElement.Clone();
}
