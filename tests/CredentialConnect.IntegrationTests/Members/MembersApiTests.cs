using System.Net;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.IntegrationTests.Members;

public sealed class MembersApiTests(HubFixture hub) : HubTest(hub)
{
    [Fact]
    public async Task Create_ThenReplace_KeepsTheGoldenKeyAndBumpsVersion()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var created = await (await admin.PostJsonAsync("/api/v1/members", new MemberBuilder().WithAmsId("WA-1001").Build()))
            .ReadAsync<MemberResponse>(HttpStatusCode.Created);

        var replaced = await (await admin.PutJsonAsync($"/api/v1/members/{created.Id}",
            new MemberBuilder().WithAmsId("WA-1001").Named("Ada", "Lovelace").AtVersion(created.Version).Build())).ReadAsync<MemberResponse>();

        Assert.Equal("WA-1001", replaced.AmsMemberId);
        Assert.Equal("Lovelace", replaced.LastName);
        Assert.Equal(created.Version + 1, replaced.Version);
    }

    [Fact]
    public async Task Create_WithDuplicateAmsId_Returns409()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await admin.PostJsonAsync("/api/v1/members", new MemberBuilder().WithAmsId("WA-7").Build());

        var response = await admin.PostJsonAsync("/api/v1/members", new MemberBuilder().WithAmsId("WA-7").Build());

        await response.ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
    }

    [Fact]
    public async Task Create_WithBadEmail_Returns400OnTheEmailField()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var problem = await (await admin.PostJsonAsync("/api/v1/members", new MemberBuilder().WithEmail("not-an-email").Build()))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Contains("not an email address", Assert.Single(problem.FieldErrors("email")));
    }

    [Fact]
    public async Task Replace_WithStaleVersion_Returns409()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();
        await admin.PutJsonAsync($"/api/v1/members/{member.Id}", new MemberBuilder().WithAmsId(member.AmsMemberId).AtVersion(0).Build());

        var stale = await admin.PutJsonAsync($"/api/v1/members/{member.Id}", new MemberBuilder().WithAmsId(member.AmsMemberId).AtVersion(0).Build());

        await stale.ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
    }

    [Fact]
    public async Task List_PagingThroughMembersWhoShareANameAndStatus_ShowsEachOnceAndNarrowsByFilter()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var smiths = new List<Guid>();
        for (var i = 0; i < 7; i++) smiths.Add((await Hub.AddMemberAsync(m => m.LastName = "Smith")).Id);
        await Hub.AddMemberAsync(m => (m.LastName, m.MembershipStatus) = ("Smith", MembershipStatus.Lapsed));

        var seen = new List<Guid>();
        for (var page = 1; page <= 4; page++)
            seen.AddRange((await (await admin.GetAsync($"/api/v1/members?q=smith&status=Active&sort=lastName&pageSize=2&page={page}"))
                .ReadAsync<Page<MemberSummary>>()).Items.Select(m => m.Id));

        Assert.Equal(smiths.Order(), seen.Order());
    }

    [Fact]
    public async Task Member_ReadingAnotherMembersRecord_Gets404AsIfItDidNotExist()
    {
        var me = await Hub.AddMemberAsync();
        var someoneElse = await Hub.AddMemberAsync();
        var client = await Hub.SignedInAsync(HubRoles.Member, me.Id);

        var mine = await client.GetAsync($"/api/v1/members/{me.Id}");
        var theirs = await client.GetAsync($"/api/v1/members/{someoneElse.Id}");

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        await theirs.ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
    }

    [Fact]
    public async Task Member_ListingMembers_SeesOnlyThemself()
    {
        var me = await Hub.AddMemberAsync();
        await Hub.AddMemberAsync();
        await Hub.AddMemberAsync();
        var client = await Hub.SignedInAsync(HubRoles.Member, me.Id);

        var page = await (await client.GetAsync("/api/v1/members")).ReadAsync<Page<MemberSummary>>();

        Assert.Equal(me.Id, Assert.Single(page.Items).Id);
        Assert.Equal(1, page.TotalCount);
    }

    [Fact]
    public async Task Member_CannotCreateOrEditMembers()
    {
        var me = await Hub.AddMemberAsync();
        var client = await Hub.SignedInAsync(HubRoles.Member, me.Id);

        var create = await client.PostJsonAsync("/api/v1/members", new MemberBuilder().Build());
        var edit = await client.PutJsonAsync($"/api/v1/members/{me.Id}", new MemberBuilder().WithAmsId(me.AmsMemberId).AtVersion(0).Build());

        await create.ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
        await edit.ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
    }

    [Fact]
    public async Task Member_SettingOwnDirectoryConsent_OptOutClearsEveryField()
    {
        var me = await Hub.AddMemberAsync();
        var client = await Hub.SignedInAsync(HubRoles.Member, me.Id);

        var optedIn = await (await client.PutJsonAsync($"/api/v1/members/{me.Id}/directory",
            new DirectoryConsentWrite(true, true, false, true, true, 0))).ReadAsync<MemberResponse>();
        var optedOut = await (await client.PutJsonAsync($"/api/v1/members/{me.Id}/directory",
            new DirectoryConsentWrite(false, true, true, true, true, optedIn.Version))).ReadAsync<MemberResponse>();

        Assert.Equal(new DirectoryConsentResponse(true, true, false, true, true), optedIn.Directory);
        Assert.Equal(new DirectoryConsentResponse(false, false, false, false, false), optedOut.Directory);
    }

    [Fact]
    public async Task Member_CannotSetSomeoneElsesDirectoryConsent()
    {
        var me = await Hub.AddMemberAsync();
        var someoneElse = await Hub.AddMemberAsync();
        var client = await Hub.SignedInAsync(HubRoles.Member, me.Id);

        var response = await client.PutJsonAsync($"/api/v1/members/{someoneElse.Id}/directory", new DirectoryConsentWrite(true, true, true, true, true, 0));

        await response.ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        Assert.False((await Hub.WithDbAsync(db => db.Members.FindAsync(someoneElse.Id).AsTask()))!.Directory.OptedIn);
    }

    [Fact]
    public async Task Member_SeesOnlyTheirOwnCredentials()
    {
        var me = await Hub.AddMemberAsync();
        var someoneElse = await Hub.AddMemberAsync();
        var mine = NewCredential("CERT-2026-000001", me);
        var theirs = NewCredential("CERT-2026-000002", someoneElse);
        await SaveAsync(mine, theirs);
        var client = await Hub.SignedInAsync(HubRoles.Member, me.Id);

        var list = await (await client.GetAsync("/api/v1/credentials")).ReadAsync<Page<CredentialSummary>>();
        var other = await client.GetAsync($"/api/v1/credentials/{theirs.Id}");
        var byNumber = await client.GetAsync("/api/v1/credentials/by-number/cert-2026-000002");

        Assert.Equal("CERT-2026-000001", Assert.Single(list.Items).Number);
        await other.ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        await byNumber.ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
    }

    [Fact]
    public async Task Credential_ShowsItsFullStatusHistoryWithReasons()
    {
        var member = await Hub.AddMemberAsync();
        var credential = NewCredential("CERT-2026-000009", member);
        credential.ChangeStatus(CredentialStatus.Suspended, "CE audit evidence outstanding.", "staff:auditor@example.org", HubFactory.Start.AddDays(10));
        await SaveAsync(credential);
        var reviewer = await Hub.SignedInAsync(HubRoles.Reviewer);

        var read = await (await reviewer.GetAsync("/api/v1/credentials/by-number/CERT-2026-000009")).ReadAsync<CredentialResponse>();

        Assert.Equal(CredentialStatus.Suspended, read.Status);
        Assert.Collection(read.StatusHistory,
            h => Assert.Equal((null, CredentialStatus.Active, "Awarded."), (h.From, h.To, h.Reason)),
            h => Assert.Equal((CredentialStatus.Active, CredentialStatus.Suspended, "CE audit evidence outstanding."), (h.From, h.To, h.Reason)));
    }

    [Fact]
    public async Task Delete_MemberWithCredentialHistory_Returns409()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();
        await SaveAsync(NewCredential("CERT-2026-000003", member));

        await (await admin.DeleteAsync($"/api/v1/members/{member.Id}")).ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
        await (await admin.DeleteAsync($"/api/v1/members/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
    }

    // xUnit makes a new instance per test, and every test starts on empty tables, so each test stores this program afresh.
    private readonly CredentialProgram _program = new() { Code = "CNP", Name = "Certified", CreatedAt = HubFactory.Start };

    private Credential NewCredential(string number, Member member) =>
        Credential.Award(number, member.Id, _program.Id, HubFactory.Start, HubFactory.Start.AddYears(3), "system");

    private Task SaveAsync(params Credential[] credentials) => Hub.WithDbAsync(async db =>
    {
        db.Programs.Add(_program);
        db.Credentials.AddRange(credentials);
        await db.SaveChangesAsync();
    });
}
