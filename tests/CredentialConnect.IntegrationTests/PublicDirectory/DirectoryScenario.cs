using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.PublicDirectory;

namespace CredentialConnect.IntegrationTests.PublicDirectory;

/// <summary>
/// One small association whose members made different directory choices, and the searches over it with what each
/// must find, in order. The same cases run on PostgreSQL (full-text) and on SQLite (LIKE): plain words give the same results.
/// </summary>
public static class DirectoryScenario
{
    /// <summary>How an entry whose name is hidden is written in the expected lists.</summary>
    public const string HiddenName = "(name hidden)";

    public static readonly DirectoryConsent Everything = DirectoryConsent.Given(true, true, true, true, true);

    public static async Task SeedAsync(HubFactory hub)
    {
        var now = hub.Clock.GetUtcNow();
        var cnp = new CredentialProgram { Code = "CFRE", Name = "Certified Fund Raising Executive", Status = ProgramStatus.Published, CreatedAt = now };
        var gwe = new CredentialProgram { Code = "GWC", Name = "Grant Writing Certificate", Status = ProgramStatus.Published, CreatedAt = now };
        var people = new (Member Member, (CredentialProgram Program, string Number, CredentialStatus Status)[] Credentials)[]
        {
            (Person("Ada", "Okafor", "Toronto", "ON", "Canada", Everything), [(cnp, "CERT-2026-000101", CredentialStatus.Active)]),
            (Person("Adam", "Okonkwo", "Lagos", "LA", "Nigeria", DirectoryConsent.Given(true, true, false, true, false)),
                [(cnp, "CERT-2026-000102", CredentialStatus.Active)]),
            (Person("Bruno", "Moreau", "Montreal", "QC", "Canada", DirectoryConsent.Given(true, true, false, false, true)),
                [(gwe, "CERT-2026-000103", CredentialStatus.Expiring)]),
            (Person("Chen", "Tanaka", "Toronto", "ON", "Canada", DirectoryConsent.Given(true, false, false, true, true)),
                [(gwe, "CERT-2026-000104", CredentialStatus.Active)]),
            (Person("Zora", "Quist", "Toronto", "ON", "Canada", DirectoryConsent.Given(false, true, true, true, true)),
                [(cnp, "CERT-2026-000105", CredentialStatus.Active)]),
            (Person("Nadia", "Blank", "Toronto", "ON", "Canada", DirectoryConsent.Given(true, false, false, false, false)),
                [(cnp, "CERT-2026-000106", CredentialStatus.Active)]),
            (Person("Dalia", "Haddad", "Boston", "MA", "United States", DirectoryConsent.Given(true, true, true, false, false)), []),
        };
        await hub.WithDbAsync(async db =>
        {
            db.Programs.AddRange(cnp, gwe);
            foreach (var (member, credentials) in people)
            {
                db.Members.Add(member);
                foreach (var (program, number, status) in credentials)
                {
                    var credential = Credential.Award(number, member.Id, program.Id, now.AddYears(-1), now.AddYears(2), "test");
                    if (status != CredentialStatus.Active) credential.ChangeStatus(status, "For the directory tests.", "test", now);
                    db.Credentials.Add(credential);
                }
            }
            await db.SaveChangesAsync();
        });

        Member Person(string first, string last, string city, string region, string country, DirectoryConsent consent) => new()
        {
            AmsMemberId = $"DIR-{first}", Email = $"{first}.{last}@example.org".ToLowerInvariant(), FirstName = first, LastName = last,
            City = city, Region = region, Country = country, Directory = consent, CreatedAt = now, UpdatedAt = now,
        };
    }

    /// <summary>A query string, and the names it must list, in order.</summary>
    public static TheoryData<string, string[]> Searches => new()
    {
        { "", ["Dalia Haddad", "Bruno Moreau", "Ada Okafor", "Adam Okonkwo", HiddenName] },
        { "q=ada", ["Ada Okafor", "Adam Okonkwo"] },
        { "q=OKA", ["Ada Okafor"] },
        { "q=ada+okafor", ["Ada Okafor"] },
        { "q=Okafor,+Ada", ["Ada Okafor"] },
        { "q=tanaka", [] },
        { "q=quist", [] },
        { "q=zora", [] },
        { "q=nadia", [] },
        { "q=toronto", [] },
        { "location=toronto", ["Ada Okafor", HiddenName] },
        { "location=canada", ["Ada Okafor", HiddenName] },
        { "location=montreal", [] },
        { "location=boston", [] },
        { "location=lag", ["Adam Okonkwo"] },
        { "credential=CFRE", ["Ada Okafor"] },
        { "credential=gwc", ["Bruno Moreau", HiddenName] },
        { "status=Expiring", ["Bruno Moreau"] },
        { "credential=GWC&status=active", [HiddenName] },
        { "status=Revoked", [] },
        { "credential=NOPE", [] },
        { "q=ada&location=toronto&credential=CFRE&status=Active", ["Ada Okafor"] },
    };

    public static string[] Names(Page<DirectoryEntry> page) => page.Items.Select(e => e.Name ?? HiddenName).ToArray();
}
