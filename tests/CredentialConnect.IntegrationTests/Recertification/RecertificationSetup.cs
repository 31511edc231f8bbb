using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.IntegrationTests.Recertification;

/// <summary>Programs with a cycle, certificants holding them, and their CE, written straight to the hub's database.</summary>
public static class RecertificationSetup
{
    public static RecertificationRules Rules(decimal total = 10, int graceDays = 30) => new()
    {
        TotalCeHours = total, GracePeriodDays = graceDays,
        Categories = [new CeCategoryRule { Category = "Ethics", MinimumHours = 2 }],
    };

    public static async Task<CredentialProgram> AddProgramAsync(this HubFixture hub, RecertificationRules? rules, string validity = "P3Y")
    {
        var program = new CredentialProgram
        {
            Code = "R" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), Name = "Certified Recertifier", ValidityPeriod = validity,
            Recertification = rules, Status = ProgramStatus.Published, CreatedAt = hub.Now,
        };
        await hub.WithDbAsync(async db => { db.Programs.Add(program); await db.SaveChangesAsync(); });
        return program;
    }

    /// <summary>A credential whose current cycle ends <paramref name="endsIn"/> from now (negative: already ended).</summary>
    public static async Task<Credential> AwardAsync(this HubFixture hub, Guid memberId, Guid programId, TimeSpan endsIn)
    {
        var ends = hub.Now + endsIn;
        var credential = Credential.Award($"CERT-2026-{Random.Shared.Next(1, 999_999):D6}", memberId, programId, ends.AddYears(-3), ends, "test");
        await hub.WithDbAsync(async db => { db.Credentials.Add(credential); await db.SaveChangesAsync(); });
        return credential;
    }

    public static async Task<ContinuingEducationCredit> AddCreditAsync(this HubFixture hub, Guid memberId, string category, decimal hours, DateTimeOffset earnedAt)
    {
        var credit = new ContinuingEducationCredit
        {
            MemberId = memberId, Activity = $"{category} course", Category = category, Hours = hours, EarnedAt = earnedAt,
            Source = CreditSource.Import, SourceRecordId = Guid.NewGuid().ToString("N"),
        };
        await hub.WithDbAsync(async db => { db.ContinuingEducationCredits.Add(credit); await db.SaveChangesAsync(); });
        return credit;
    }
}
