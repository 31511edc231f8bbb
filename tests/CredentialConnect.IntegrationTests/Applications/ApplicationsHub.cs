using System.Net;
using System.Text.Json;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.Eligibility;
using CredentialConnect.Web.Features.Programs;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.IntegrationTests.Applications;

/// <summary>An eligibility evaluator whose verdict each test sets, and which remembers what it was asked.</summary>
public sealed class ScriptedEligibility : IEligibilityEvaluator
{
    public bool Eligible { get; set; }
    public List<(Guid MemberId, Guid ProgramId, string? Answers)> Calls { get; } = [];

    public void Reset()
    {
        Eligible = false;
        Calls.Clear();
    }

    public Task<EligibilityDecision> EvaluateAsync(Guid memberId, Guid programId, JsonElement? answers, CancellationToken ct)
    {
        lock (Calls) Calls.Add((memberId, programId, answers?.GetRawText()));
        var experience = new CriterionResult("criteria.experience", "yearsOfExperience", "At least 3 years of experience", Eligible,
            Eligible ? "5 years" : "1 year", Eligible ? null : "2 more years", Eligible ? 1m : 0.33m);
        return Task.FromResult(new EligibilityDecision(memberId, programId, Eligible, Eligible ? 100 : 33, experience));
    }
}

/// <summary>
/// The hub on the shared test database with <see cref="ScriptedEligibility"/> as its evaluator, and a small evidence
/// limit so size checks need no large uploads. Started on first use by a test class and stopped after it.
/// </summary>
public sealed class ApplicationsHub : IAsyncLifetime
{
    public const long MaxEvidenceBytes = 256 * 1024;

    private HubFactory? _factory;

    public ScriptedEligibility Eligibility { get; } = new();

    public HubFactory Start(HubFixture hub) => _factory ??= new HubFactory("Testing",
        new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DataModule.ConnectionStringName}"] = hub.ConnectionString,
            [$"{ApplicationOptions.Section}:{nameof(ApplicationOptions.MaxEvidenceBytes)}"] = MaxEvidenceBytes.ToString(),
        },
        services => services.AddSingleton<IEligibilityEvaluator>(Eligibility));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
    }
}

/// <summary>Base for application tests: empty tables, a fresh verdict, and the steps a member and a reviewer take.</summary>
public abstract class ApplicationsTest : HubTest, IClassFixture<ApplicationsHub>
{
    protected const string Url = "/api/v1/applications";

    /// <summary>A form with a required licence number in a fixed pattern, years of experience, and a list of employers.</summary>
    protected const string LicenceForm = """
        {
          "type": "object",
          "required": ["licenceNumber"],
          "properties": {
            "licenceNumber": { "type": "string", "pattern": "^[A-Z]{2}[0-9]{4}$" },
            "yearsOfExperience": { "type": "integer", "minimum": 0 },
            "employers": { "type": "array", "items": { "$ref": "#/$defs/employer" } }
          },
          "$defs": { "employer": { "type": "object", "required": ["name"], "properties": { "name": { "type": "string", "minLength": 1 } } } },
          "additionalProperties": false
        }
        """;

    protected const string Criteria = """{ "all": [ { "yearsOfExperience": { "min": 3 } } ] }""";

    protected ApplicationsTest(HubFixture hub, ApplicationsHub applications) : base(hub)
    {
        Factory = applications.Start(hub);
        Eligibility = applications.Eligibility;
        Eligibility.Reset();
    }

    protected HubFactory Factory { get; }
    protected ScriptedEligibility Eligibility { get; }

    protected static object ValidAnswers => new { licenceNumber = "IL1234", yearsOfExperience = 5 };

    protected async Task<CredentialProgram> ProgramAsync(string? form = LicenceForm, string? criteria = Criteria, ProgramStatus status = ProgramStatus.Published)
    {
        var program = new CredentialProgram
        {
            Code = "APP" + Random.Shared.Next(100, 999), Name = "Certified Grant Writer", Status = status, CreatedAt = Factory.Clock.GetUtcNow(),
            ApplicationForm = form, EligibilityCriteria = criteria,
        };
        await Factory.WithDbAsync(async db =>
        {
            db.Programs.Add(program);
            await db.SaveChangesAsync();
        });
        return program;
    }

    /// <summary>A member record and a client signed in as that member.</summary>
    protected async Task<(Guid MemberId, HttpClient Client)> MemberAsync()
    {
        var member = await Hub.AddMemberAsync();
        return (member.Id, await Factory.SignedInAsync(HubRoles.Member, member.Id));
    }

    protected Task<HttpClient> ReviewerAsync() => Factory.SignedInAsync(HubRoles.Reviewer);

    protected static async Task<ApplicationResponse> StartAsync(HttpClient client, Guid programId, object? answers = null) =>
        await (await client.PostJsonAsync(Url, new { programId, answers = answers ?? ValidAnswers })).ReadAsync<ApplicationResponse>(HttpStatusCode.Created);

    protected static async Task<ApplicationResponse> SubmitAsync(HttpClient client, Guid id) =>
        await (await client.PostJsonAsync($"{Url}/{id}/submit", new { })).ReadAsync<ApplicationResponse>();

    /// <summary>A member's application, submitted and waiting for a reviewer (the scripted verdict is not eligible).</summary>
    protected async Task<(ApplicationResponse Application, Guid MemberId, HttpClient Member)> InReviewAsync(CredentialProgram? program = null)
    {
        program ??= await ProgramAsync();
        var (memberId, member) = await MemberAsync();
        var submitted = await SubmitAsync(member, (await StartAsync(member, program.Id)).Id);
        Assert.Equal(ApplicationStatus.InReview, submitted.Status);
        return (submitted, memberId, member);
    }

    protected Task<int> CountAsync<T>() where T : class => Factory.WithDbAsync(db => Task.FromResult(db.Set<T>().Count()));
}
