using System.Net;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.IntegrationTests.Console;

/// <summary>What console tests arrange through the API, as staff would: a published program, members and awards.</summary>
public static class ConsoleSeed
{
    /// <summary>A published program without an exam, with a three-year credential and a recertification cycle.</summary>
    public static async Task<ProgramResponse> PublishedProgramAsync(HttpClient api, string code)
    {
        var program = await (await api.PostJsonAsync("/api/v1/programs", new ProgramBuilder().WithCode(code).Build() with { ExamRequired = false }))
            .ReadAsync<ProgramResponse>(HttpStatusCode.Created);
        return await (await api.PostJsonAsync($"/api/v1/programs/{program.Id}/publish", new { version = program.Version })).ReadAsync<ProgramResponse>();
    }

    public static async Task<MemberResponse> AddMemberAsync(HttpClient api, string amsId, string firstName, string lastName) =>
        await (await api.PostJsonAsync("/api/v1/members", new { amsMemberId = amsId, email = $"{firstName}.{lastName}@example.org".ToLowerInvariant(), firstName, lastName }))
            .ReadAsync<MemberResponse>(HttpStatusCode.Created);

    /// <summary>A new member awarded the program by hand.</summary>
    public static async Task<CredentialResponse> AwardAsync(HttpClient api, ProgramResponse program, string amsId, string firstName, string lastName)
    {
        var member = await AddMemberAsync(api, amsId, firstName, lastName);
        return (await (await api.PostJsonAsync("/api/v1/credentials", new { memberId = member.Id, programId = program.Id, reason = "Granted by the board." }))
            .ReadAsync<CredentialAwardResponse>(HttpStatusCode.Created)).Credential;
    }
}
