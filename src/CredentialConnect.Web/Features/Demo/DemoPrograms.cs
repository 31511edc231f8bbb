using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.Web.Features.Demo;

/// <summary>
/// The demo association's programs, one of each kind plus a stacked pathway, defined with the same lifecycle settings
/// an association would send through the programs API: eligibility criteria, an application form, exam rules and a
/// recertification cycle with CE caps, expiring notices, reinstatement and CE audits.
/// </summary>
public static class DemoPrograms
{
    public const string MicroCredentialCode = "GWE";
    public const string CertificateCode = "NFM";
    public const string CertificationCode = "CNP";
    public const string PathwayCode = "NFP";

    /// <summary>The answer on the CNP form that its criteria read.</summary>
    public const string CodeOfEthicsField = "agreesToCodeOfEthics";

    public const string CertificationCriteria = $$$"""
        {"all":[
          {"experience":{"minYears":3}},
          {"membership":{"status":["Active"],"levels":["Professional","Fellow"]}},
          {"any":[{"answer":{"field":"holdsRelevantDegree","equals":true}},{"experience":{"minYears":5}}]},
          {"answer":{"field":"{{{CodeOfEthicsField}}}","equals":true}}
        ]}
        """;

    public const string CertificationForm = $$$"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "Application for the Certified Nonprofit Professional credential",
          "type": "object",
          "properties": {
            "employer": { "type": "string", "title": "Current employer", "minLength": 1, "maxLength": 200 },
            "role": { "type": "string", "title": "Job title", "minLength": 1, "maxLength": 200 },
            "yearsInSector": { "type": "integer", "title": "Years working in the nonprofit sector", "minimum": 0, "maximum": 60 },
            "holdsRelevantDegree": { "type": "boolean", "title": "I hold a degree in nonprofit management, public administration or a related field" },
            "{{{CodeOfEthicsField}}}": { "type": "boolean", "title": "I have read and agree to the Society's Code of Ethics" },
            "licenceNumber": { "type": "string", "title": "State charitable solicitation licence number, if you hold one", "maxLength": 50 }
          },
          "required": ["employer", "role", "yearsInSector", "{{{CodeOfEthicsField}}}"],
          "additionalProperties": false
        }
        """;

    /// <summary>GWE, NFM (requires GWE), CNP and the NFP pathway (GWE + NFM), all published years before <paramref name="now"/>.</summary>
    public static IReadOnlyList<CredentialProgram> Create(DateTimeOffset now)
    {
        var micro = New(MicroCredentialCode, "Grant Writing Essentials", ProgramKind.MicroCredential, now,
            "Complete the Grant Writing Essentials course and submit a sample proposal.");
        var certificate = New(CertificateCode, "Nonprofit Financial Management Certificate", ProgramKind.Certificate, now,
            "Complete the six-module financial management course and its capstone. Requires Grant Writing Essentials.");
        certificate.Prerequisites.Add(new ProgramPrerequisite { ProgramId = certificate.Id, PrerequisiteProgramId = micro.Id });

        var certification = New(CertificationCode, "Certified Nonprofit Professional", ProgramKind.Certification, now,
            "Three years of professional experience, an approved application, a passing score on the CNP exam, and 45 CE hours every three years.");
        certification.ValidityPeriod = "P3Y";
        certification.ExamRequired = true;
        certification.Exam = new ExamRules { PassingScorePercent = 70, MaxAttempts = 3, RetakeWaitDays = 30 };
        certification.EligibilityCriteria = CertificationCriteria;
        certification.ApplicationForm = CertificationForm;
        certification.Recertification = new RecertificationRules
        {
            TotalCeHours = 45,
            GracePeriodDays = 90,
            Categories =
            [
                new CeCategoryRule { Category = "Ethics", MinimumHours = 3 },
                new CeCategoryRule { Category = "Self-study", MaximumHours = 15 },
            ],
            ExpiringNoticeDays = [90, 60, 30, 7],
            Reinstatement = ReinstatementRule.CompleteCeWithinWindow,
            ReinstatementWindowDays = 180,
            AuditSamplePercent = 10,
        };

        var pathway = New(PathwayCode, "Nonprofit Finance Pathway", ProgramKind.Certificate, now,
            "Awarded automatically to members who hold both Grant Writing Essentials and the Nonprofit Financial Management Certificate.");
        pathway.IsPathway = true;
        pathway.Prerequisites.Add(new ProgramPrerequisite { ProgramId = pathway.Id, PrerequisiteProgramId = micro.Id });
        pathway.Prerequisites.Add(new ProgramPrerequisite { ProgramId = pathway.Id, PrerequisiteProgramId = certificate.Id });

        return [micro, certificate, certification, pathway];
    }

    private static CredentialProgram New(string code, string name, ProgramKind kind, DateTimeOffset now, string narrative) => new()
    {
        Code = code, Name = name, Kind = kind, CriteriaNarrative = narrative,
        Description = $"{name}, awarded by the {DemoAssociation.Name}.",
        Learning = DemoAssociation.LearningFor(code),
        Status = ProgramStatus.Published, CreatedAt = now.AddYears(-8), PublishedAt = now.AddYears(-8),
    };
}
