using System.Net;
using System.Text;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.IntegrationTests.Programs;

public sealed class ProgramsApiTests(HubFixture hub) : HubTest(hub)
{
    [Fact]
    public async Task Create_WithValidDefinition_StoresCycleRulesAndStartsInDraft()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var created = await (await admin.PostJsonAsync("/api/v1/programs", new ProgramBuilder().WithCode("CNP").Build()))
            .ReadAsync<ProgramResponse>(HttpStatusCode.Created);
        var read = await (await admin.GetAsync($"/api/v1/programs/{created.Id}")).ReadAsync<ProgramResponse>();

        Assert.Equal(ProgramStatus.Draft, read.Status);
        Assert.Equal("P3Y", read.ValidityPeriod);
        Assert.Equal(45m, read.Recertification!.TotalCeHours);
        Assert.Equal(90, read.Recertification.GracePeriodDays);
        Assert.Collection(read.Recertification.Categories,
            c => Assert.Equal(("Ethics", 3m, (decimal?)null), (c.Category, c.MinimumHours!.Value, c.MaximumHours)),
            c => Assert.Equal(("Self-study", (decimal?)null, 15m), (c.Category, c.MinimumHours, c.MaximumHours!.Value)));
    }

    [Fact]
    public async Task Create_WithCategoryMinimumAboveTotal_Returns400NamingTheField()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = new ProgramBuilder().WithCycle(4, new CeCategoryWrite("Ethics", 5, null)).Build();

        var problem = await (await admin.PostJsonAsync("/api/v1/programs", program)).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Contains("greater than the cycle's total", Assert.Single(problem.FieldErrors("recertification.categories[0].minimumHours")));
        Assert.Equal(0, await Hub.WithDbAsync(db => Task.FromResult(db.Programs.Count())));
    }

    [Fact]
    public async Task Create_WithANullCategory_Returns400NamingTheElement_NotAServerError()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = new ProgramBuilder().WithCycle(10, new CeCategoryWrite("Ethics", 2, null), null!).Build();

        var problem = await (await admin.PostJsonAsync("/api/v1/programs", program)).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Equal(["A category cannot be null."], problem.FieldErrors("recertification.categories[1]"));
        Assert.Equal(0, await Hub.WithDbAsync(db => Task.FromResult(db.Programs.Count())));
    }

    [Fact]
    public async Task Create_WithInvalidFields_ReportsEveryFieldAtOnce()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = new ProgramBuilder().WithCode("lower case").WithName("").WithValidity("three years").Build();

        var problem = await (await admin.PostJsonAsync("/api/v1/programs", program)).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.NotEmpty(problem.FieldErrors("code"));
        Assert.NotEmpty(problem.FieldErrors("name"));
        Assert.Contains("ISO-8601", Assert.Single(problem.FieldErrors("validityPeriod")));
    }

    [Fact]
    public async Task Replace_MakingAProgramItsOwnPrerequisiteThroughAChain_Returns400AndNamesTheCycle()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var a = await CreateAsync(admin, new ProgramBuilder().WithCode("AAA").WithoutRecertification().WithValidity(null));
        var b = await CreateAsync(admin, new ProgramBuilder().WithCode("BBB").WithoutRecertification().WithValidity(null).Requiring(a.Id));
        var c = await CreateAsync(admin, new ProgramBuilder().WithCode("CCC").WithoutRecertification().WithValidity(null).Requiring(b.Id));

        var update = new ProgramBuilder().WithCode("AAA").WithoutRecertification().WithValidity(null).Requiring(c.Id).AtVersion(a.Version).Build();
        var problem = await (await admin.PutJsonAsync($"/api/v1/programs/{a.Id}", update)).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Contains("AAA → CCC → BBB → AAA", Assert.Single(problem.FieldErrors("prerequisiteProgramIds")));
    }

    [Fact]
    public async Task Replace_NamingItselfAsPrerequisite_Returns400()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var a = await CreateAsync(admin, new ProgramBuilder().WithCode("SELF"));

        var update = new ProgramBuilder().WithCode("SELF").Requiring(a.Id).AtVersion(a.Version).Build();
        var problem = await (await admin.PutJsonAsync($"/api/v1/programs/{a.Id}", update)).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Contains("own prerequisite", Assert.Single(problem.FieldErrors("prerequisiteProgramIds")));
    }

    [Fact]
    public async Task Create_WithDuplicateCode_Returns409()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await CreateAsync(admin, new ProgramBuilder().WithCode("DUP"));

        var response = await admin.PostJsonAsync("/api/v1/programs", new ProgramBuilder().WithCode("DUP").Build());

        await response.ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
    }

    [Fact]
    public async Task Get_UnknownId_Returns404Problem()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var problem = await (await admin.GetAsync($"/api/v1/programs/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);

        Assert.Contains("No program", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Replace_WithTheVersionSomeoneElseAlreadyChanged_Returns409AndKeepsTheirEdit()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var original = await CreateAsync(admin, new ProgramBuilder().WithCode("EDIT"));

        var first = await admin.PutJsonAsync($"/api/v1/programs/{original.Id}", new ProgramBuilder().WithCode("EDIT").WithName("First edit").AtVersion(original.Version).Build());
        var second = await admin.PutJsonAsync($"/api/v1/programs/{original.Id}", new ProgramBuilder().WithCode("EDIT").WithName("Second edit").AtVersion(original.Version).Build());

        Assert.Equal(original.Version + 1, (await first.ReadAsync<ProgramResponse>()).Version);
        await second.ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
        Assert.Equal("First edit", (await (await admin.GetAsync($"/api/v1/programs/{original.Id}")).ReadAsync<ProgramResponse>()).Name);
    }

    [Fact]
    public async Task Replace_TwoEditorsAtOnceOnTheSameVersion_ExactlyOneWins()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var other = await Hub.SignedInAsync(HubRoles.Admin);
        var original = await CreateAsync(admin, new ProgramBuilder().WithCode("RACE"));

        var responses = await Task.WhenAll(
            admin.PutJsonAsync($"/api/v1/programs/{original.Id}", new ProgramBuilder().WithCode("RACE").WithName("Editor one").AtVersion(original.Version).Build()),
            other.PutJsonAsync($"/api/v1/programs/{original.Id}", new ProgramBuilder().WithCode("RACE").WithName("Editor two").AtVersion(original.Version).Build()));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var stored = await (await admin.GetAsync($"/api/v1/programs/{original.Id}")).ReadAsync<ProgramResponse>();
        Assert.Equal(original.Version + 1, stored.Version);
    }

    [Fact]
    public async Task Replace_WithoutVersion_Returns400()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = await CreateAsync(admin, new ProgramBuilder().WithCode("NOVER"));

        var problem = await (await admin.PutJsonAsync($"/api/v1/programs/{program.Id}", new ProgramBuilder().WithCode("NOVER").Build()))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.NotEmpty(problem.FieldErrors("version"));
    }

    [Fact]
    public async Task Lifecycle_DraftToPublishedToRetired_AndNoWayBack()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = await CreateAsync(admin, new ProgramBuilder().WithCode("LIFE"));

        var published = await (await admin.PostJsonAsync($"/api/v1/programs/{program.Id}/publish", new ProgramTransition(program.Version))).ReadAsync<ProgramResponse>();
        var retired = await (await admin.PostJsonAsync($"/api/v1/programs/{program.Id}/retire", new ProgramTransition(published.Version))).ReadAsync<ProgramResponse>();
        var republish = await admin.PostJsonAsync($"/api/v1/programs/{program.Id}/publish", new ProgramTransition(retired.Version));

        Assert.Equal(ProgramStatus.Published, published.Status);
        Assert.Equal(Hub.Now, published.PublishedAt);
        Assert.Equal(ProgramStatus.Retired, retired.Status);
        await republish.ProblemAsync(HttpStatusCode.Conflict, Problems.InvalidTransition);
    }

    [Fact]
    public async Task Delete_PublishedProgram_Returns409_DraftIsDeleted()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var draft = await CreateAsync(admin, new ProgramBuilder().WithCode("DRAFT"));
        var live = await CreateAsync(admin, new ProgramBuilder().WithCode("LIVE"));
        await admin.PostJsonAsync($"/api/v1/programs/{live.Id}/publish", new ProgramTransition(live.Version));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/programs/{draft.Id}")).StatusCode);
        await (await admin.DeleteAsync($"/api/v1/programs/{live.Id}")).ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/programs/{draft.Id}")).StatusCode);
    }

    [Fact]
    public async Task List_PagesFiltersAndSorts()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        foreach (var code in new[] { "P-C", "P-A", "P-E", "P-B", "P-D" })
            await CreateAsync(admin, new ProgramBuilder().WithCode(code));
        await CreateAsync(admin, new ProgramBuilder().WithCode("MC-1").OfKind(ProgramKind.MicroCredential).WithoutRecertification().WithValidity(null));

        var page = await (await admin.GetAsync("/api/v1/programs?kind=Certification&sort=-code&page=2&pageSize=2")).ReadAsync<Page<ProgramSummary>>();

        Assert.Equal(5, page.TotalCount);
        Assert.Equal(3, page.TotalPages);
        Assert.Equal(["P-C", "P-B"], page.Items.Select(p => p.Code));
    }

    [Fact]
    public async Task List_WithUnknownSortFieldOrHugePage_Returns400()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var problem = await (await admin.GetAsync("/api/v1/programs?sort=password&pageSize=5000")).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Contains("Cannot sort by 'password'", Assert.Single(problem.FieldErrors("sort")));
        Assert.NotEmpty(problem.FieldErrors("pageSize"));
    }

    [Fact]
    public async Task Create_WithMalformedJson_Returns400ProblemAndStoresNothing()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var response = await admin.PostAsync("/api/v1/programs", new StringContent("""{"code":"BAD","name":""", Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.MalformedRequest);
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await Hub.WithDbAsync(db => Task.FromResult(db.Programs.Count())));
    }

    [Fact]
    public async Task Create_WithUnknownEnumValue_Returns400Problem()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var response = await admin.PostAsync("/api/v1/programs", new StringContent("""{"code":"BAD","name":"Bad","kind":"Diploma"}""", Encoding.UTF8, "application/json"));

        await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.MalformedRequest);
    }

    [Fact]
    public async Task Reviewer_CanReadButNotWritePrograms()
    {
        var reviewer = await Hub.SignedInAsync(HubRoles.Reviewer);

        var list = await reviewer.GetAsync("/api/v1/programs");
        var create = await reviewer.PostJsonAsync("/api/v1/programs", new ProgramBuilder().Build());

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        await create.ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
    }

    private static async Task<ProgramResponse> CreateAsync(HttpClient client, ProgramBuilder program) =>
        await (await client.PostJsonAsync("/api/v1/programs", program.Build())).ReadAsync<ProgramResponse>(HttpStatusCode.Created);
}
