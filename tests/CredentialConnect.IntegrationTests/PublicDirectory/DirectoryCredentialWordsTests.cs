using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.PublicDirectory;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.PublicDirectory;

/// <summary>
/// On PostgreSQL the credential filters search words that triggers keep beside each member. Whatever changes a
/// credential (an action, a set-based update like the daily sweep's, a program's new code) or a member's consent,
/// the filters must answer as the credential table and the consent say, and never list a member who did not opt in.
/// </summary>
public sealed class DirectoryCredentialWordsTests(HubFixture hub) : HubTest(hub)
{
    [Fact]
    public async Task StatusActions_MoveTheMemberBetweenStatusFilters()
    {
        await DirectoryScenario.SeedAsync(Hub.Factory);
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var credential = await Hub.WithDbAsync(db => db.Credentials.SingleAsync(c => c.Number == "CERT-2026-000101"));

        var seen = new List<string>();
        seen.Add(await StatusesAsync());
        foreach (var action in new[] { "suspend", "reinstate", "revoke", "reinstate" })
        {
            (await admin.PostJsonAsync($"/api/v1/credentials/{credential.Id}/{action}", new { reason = "Board finding." })).EnsureSuccessStatusCode();
            seen.Add(await StatusesAsync());
        }

        // Who each filter finds: CFRE Active | CFRE Suspended | Revoked.
        Assert.Equal(
        [
            "Ada Okafor |  | ",
            " | Ada Okafor | ",
            "Ada Okafor |  | ",
            " |  | Ada Okafor",
            "Ada Okafor |  | ",
        ], seen);

        async Task<string> StatusesAsync() => string.Join(" | ",
            string.Join(", ", await NamesAsync("credential=CFRE&status=Active")),
            string.Join(", ", await NamesAsync("credential=CFRE&status=Suspended")),
            string.Join(", ", await NamesAsync("status=Revoked")));
    }

    [Fact]
    public async Task SetBasedUpdates_AndDeletes_AreReflected()
    {
        await DirectoryScenario.SeedAsync(Hub.Factory);

        // As the daily sweep does: one statement changes many credentials (Ada's CFRE, and the GWC of the member who hides their name).
        await Hub.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "Credentials" SET "Status" = 'Lapsed' WHERE "Status" = 'Active'"""));
        var lapsed = await NamesAsync("status=Lapsed");
        var active = await NamesAsync("status=Active");
        await Hub.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""DELETE FROM "Credentials" WHERE "Number" = 'CERT-2026-000101'"""));
        var afterDelete = await NamesAsync("credential=CFRE");

        Assert.Equal(["Ada Okafor", DirectoryScenario.HiddenName], lapsed);
        Assert.Empty(active);
        Assert.Empty(afterDelete);
    }

    [Fact]
    public async Task ANewCredential_AndAProgramsNewCode_AreFound()
    {
        await DirectoryScenario.SeedAsync(Hub.Factory);
        await Hub.WithDbAsync(async db =>
        {
            var (ada, gwc) = (await db.Members.SingleAsync(m => m.FirstName == "Ada"), await db.Programs.SingleAsync(p => p.Code == "GWC"));
            var now = Hub.Factory.Clock.GetUtcNow();
            db.Credentials.Add(Credential.Award("CERT-2026-000998", ada.Id, gwc.Id, now, now.AddYears(3), "test"));
            await db.SaveChangesAsync();
        });
        var awarded = await NamesAsync("credential=GWC&status=Active");
        await Hub.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "Programs" SET "Code" = 'GWC-2' WHERE "Code" = 'GWC'"""));
        var (oldCode, newCode) = (await NamesAsync("credential=GWC"), await NamesAsync("credential=gwc-2"));

        Assert.Equal(["Ada Okafor", DirectoryScenario.HiddenName], awarded);
        Assert.Empty(oldCode);
        Assert.Equal(["Bruno Moreau", "Ada Okafor", DirectoryScenario.HiddenName], newCode);
    }

    [Fact]
    public async Task ConsentChanges_HideAndShowTheCredentials_AndOptingOutHidesTheMember()
    {
        var member = await Hub.AddMemberAsync(m => (m.FirstName, m.LastName, m.Directory) = ("Freya", "Lindqvist", DirectoryScenario.Everything));
        await DirectoryScenario.SeedAsync(Hub.Factory);
        var cfre = await Hub.WithDbAsync(db => db.Programs.SingleAsync(p => p.Code == "CFRE"));
        await Hub.WithDbAsync(async db =>
        {
            db.Credentials.Add(Credential.Award("CERT-2026-000999", member.Id, cfre.Id,
                Hub.Factory.Clock.GetUtcNow().AddYears(-1), Hub.Factory.Clock.GetUtcNow().AddYears(2), "test"));
            await db.SaveChangesAsync();
        });
        var self = await Hub.SignedInAsync(HubRoles.Member, member.Id);
        const string search = "credential=CFRE&status=Active";

        var shown = await NamesAsync(search);
        var version = await ConsentAsync(new DirectoryConsentWrite(true, true, true, true, false, member.Version));
        var hidden = await NamesAsync(search);
        version = await ConsentAsync(new DirectoryConsentWrite(true, true, true, true, true, version));
        var shownAgain = await NamesAsync(search);
        await ConsentAsync(new DirectoryConsentWrite(false, true, true, true, true, version));
        var optedOut = await NamesAsync(search);
        var optedOutBody = await (await Hub.Anonymous().GetAsync($"/api/v1/directory?{search}")).Content.ReadAsStringAsync();

        Assert.Equal(["Freya Lindqvist", "Ada Okafor"], shown);
        Assert.Equal(["Ada Okafor"], hidden);
        Assert.Equal(["Freya Lindqvist", "Ada Okafor"], shownAgain);
        Assert.Equal(["Ada Okafor"], optedOut);
        Assert.DoesNotContain("CERT-2026-000999", optedOutBody);

        async Task<int> ConsentAsync(DirectoryConsentWrite consent) =>
            (await (await self.PutJsonAsync($"/api/v1/members/{member.Id}/directory", consent)).ReadAsync<MemberResponse>()).Version;
    }

    private async Task<string[]> NamesAsync(string query) =>
        DirectoryScenario.Names(await (await Hub.Anonymous().GetAsync($"/api/v1/directory?{query}")).ReadAsync<Page<DirectoryEntry>>());
}
