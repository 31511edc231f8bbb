using System.Net;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Workflows;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static CredentialConnect.IntegrationTests.Workflows.Definitions.DefinitionRequests;

namespace CredentialConnect.IntegrationTests.Workflows.Definitions;

/// <summary>"What would this flow do?": the failed-exam nurture, still a draft, over three members' real histories.</summary>
public sealed class DefinitionSimulationTests(HubFixture hub) : HubTest(hub)
{
    private sealed record Members(Guid Persistent, Guid Registers, Guid Passed);

    private DateTimeOffset FailedAt => Hub.Now.AddDays(-30);

    private async Task<(HttpClient Admin, Members Members)> ArrangeAsync()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var cnp = await Hub.AddProgramAsync("CNP");
        (await admin.PostJsonAsync(Root, WorkflowSeeding.ForProgram(WorkflowSeeding.FailedExamNurture, "CNP"))).EnsureSuccessStatusCode();
        var members = new Members((await Hub.AddMemberAsync()).Id, (await Hub.AddMemberAsync()).Id, (await Hub.AddMemberAsync()).Id);
        await Hub.WithDbAsync(async db =>
        {
            ExamEventData Attempt(decimal score) => new(Guid.NewGuid(), "CNP", 1, score, 100);
            db.Raise(DomainEventTypes.ExamFailed, FailedAt, members.Persistent, cnp.Id, Attempt(58));
            db.Raise(DomainEventTypes.ExamFailed, FailedAt, members.Registers, cnp.Id, Attempt(61));
            db.Raise("ExamRegistered", FailedAt.AddDays(5), members.Registers, cnp.Id);
            db.Raise(DomainEventTypes.ExamPassed, FailedAt, members.Passed, cnp.Id, Attempt(88));
            await db.SaveChangesAsync();
        });
        return (admin, members);
    }

    private static Task<HttpResponseMessage> SimulateAsync(HttpClient admin, params Guid[] memberIds) =>
        admin.PostJsonAsync($"{Root}/cnp-failed-exam-nurture/simulate", new { memberIds });

    [Fact]
    public async Task Simulate_SaysWhatEachMemberWouldReceiveAndWhen()
    {
        var (admin, members) = await ArrangeAsync();

        var result = await (await SimulateAsync(admin, members.Persistent, members.Registers, members.Passed)).ReadAsync<WorkflowSimulationResponse>();

        var byMember = result.Members.ToDictionary(m => m.MemberId);
        Assert.Equal(
        [
            ("email", "Your CNP program exam result and your next attempt", FailedAt),
            ("community-message", "Study resources for your next CNP program attempt", FailedAt),
            ("email", "Your next CNP program attempt is waiting", FailedAt.AddDays(14)),
        ], byMember[members.Persistent].Effects.Select(e => (e.Kind, e.Summary, e.At)));
        Assert.Contains("attempt 1", byMember[members.Persistent].Effects[0].Payload["body"]!.GetValue<string>());
        Assert.Equal(2, byMember[members.Registers].Effects.Count);
        Assert.Empty(byMember[members.Passed].Effects);
        Assert.Equal([WorkflowStatus.Finished, WorkflowStatus.Cancelled, null],
            new[] { members.Persistent, members.Registers, members.Passed }.Select(m => byMember[m].Status));
        Assert.Equal(1, result.DefinitionVersion);
    }

    [Fact]
    public async Task Simulate_WritesNothing()
    {
        var (admin, members) = await ArrangeAsync();
        var before = await RowCountsAsync();

        var response = await SimulateAsync(admin, members.Persistent, members.Registers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await RowCountsAsync());
        Assert.Equal(0, await Hub.WithDbAsync(db => db.DomainEvents.CountAsync(e => e.HandledAt != null)));
        Assert.Equal(0, await Hub.WithDbAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task Simulate_BeforeTheHistoryStarts_SeesNothingHappen()
    {
        var (admin, members) = await ArrangeAsync();

        var result = await (await admin.PostJsonAsync($"{Root}/cnp-failed-exam-nurture/simulate",
            new { memberIds = new[] { members.Persistent }, from = FailedAt.AddDays(-60), until = FailedAt.AddDays(-1) })).ReadAsync<WorkflowSimulationResponse>();

        var member = Assert.Single(result.Members);
        Assert.Equal((0, (WorkflowStatus?)null), (member.Effects.Count, member.Status));
    }

    [Fact]
    public async Task Simulate_WithNoMembersOrAnUnknownOne_Returns400()
    {
        var (admin, _) = await ArrangeAsync();

        var none = await (await SimulateAsync(admin)).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        var unknown = await (await SimulateAsync(admin, Guid.NewGuid())).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.NotEmpty(none.FieldErrors("memberIds"));
        Assert.Contains("No member", Assert.Single(unknown.FieldErrors("memberIds")));
    }

    [Fact]
    public async Task Simulate_WithUntilBeforeFrom_Returns400()
    {
        var (admin, members) = await ArrangeAsync();

        var response = await admin.PostJsonAsync($"{Root}/cnp-failed-exam-nurture/simulate",
            new { memberIds = new[] { members.Persistent }, from = Hub.Now, until = Hub.Now.AddDays(-1) });

        Assert.NotEmpty((await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation)).FieldErrors("until"));
    }

    /// <summary>Every table's row count: a simulation that wrote anything anywhere changes one.</summary>
    private async Task<Dictionary<string, long>> RowCountsAsync()
    {
        await using var connection = new NpgsqlConnection(Hub.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));

        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }
}
