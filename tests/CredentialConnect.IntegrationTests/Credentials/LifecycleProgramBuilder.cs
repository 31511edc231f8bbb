using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.IntegrationTests.Credentials;

/// <summary>A published program with the lifecycle settings a test needs: exam rules, components, an application form.</summary>
public sealed class LifecycleProgramBuilder
{
    private string _code = "P" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
    private ProgramKind _kind = ProgramKind.Certification;
    private string? _validity = "P3Y";
    private bool _exam;
    private ExamRules _rules = new();
    private bool _pathway;
    private string? _form;
    private Guid[] _prerequisites = [];
    private ProgramStatus _status = ProgramStatus.Published;

    public LifecycleProgramBuilder WithCode(string code) { _code = code; return this; }
    public LifecycleProgramBuilder OfKind(ProgramKind kind) { _kind = kind; return this; }
    public LifecycleProgramBuilder WithValidity(string? validity) { _validity = validity; return this; }
    public LifecycleProgramBuilder InStatus(ProgramStatus status) { _status = status; return this; }

    public LifecycleProgramBuilder WithExam(decimal passingScorePercent = 70, int? maxAttempts = null, int retakeWaitDays = 0)
    {
        _exam = true;
        _rules = new ExamRules { PassingScorePercent = passingScorePercent, MaxAttempts = maxAttempts, RetakeWaitDays = retakeWaitDays };
        return this;
    }

    public LifecycleProgramBuilder WithApplicationForm() { _form = """{"type":"object"}"""; return this; }
    public LifecycleProgramBuilder Requiring(params CredentialProgram[] programs) { _prerequisites = programs.Select(p => p.Id).ToArray(); return this; }
    public LifecycleProgramBuilder AsPathwayOf(params CredentialProgram[] components) { _pathway = true; return Requiring(components); }

    public async Task<CredentialProgram> SaveAsync(HubFixture hub)
    {
        var program = new CredentialProgram
        {
            Code = _code, Name = $"Program {_code}", Kind = _kind, ValidityPeriod = _validity, ExamRequired = _exam, Exam = _rules,
            IsPathway = _pathway, ApplicationForm = _form, Status = _status, CreatedAt = hub.Now,
            Learning = new LearningMap { Exams = [new ExamActivity { ActivityId = $"https://lms.example.org/exams/{_code}" }] },
        };
        program.Prerequisites.AddRange(_prerequisites.Select(p => new ProgramPrerequisite { ProgramId = program.Id, PrerequisiteProgramId = p }));
        await hub.WithDbAsync(async db =>
        {
            db.Programs.Add(program);
            await db.SaveChangesAsync();
        });
        return program;
    }
}
