using System.Net;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Workflows;

namespace CredentialConnect.IntegrationTests.Workflows.Definitions;

/// <summary>The calls most definition tests arrange with.</summary>
public static class DefinitionRequests
{
    public const string Root = "/api/v1/workflow-definitions";

    public static async Task<WorkflowDefinitionResponse> CreateDefinitionAsync(this HttpClient client, DefinitionBuilder definition) =>
        await (await client.PostJsonAsync(Root, definition.Build())).ReadAsync<WorkflowDefinitionResponse>(HttpStatusCode.Created);

    public static Task<HttpResponseMessage> PublishAsync(this HttpClient client, string definitionId, int version) =>
        client.PostJsonAsync($"{Root}/{definitionId}/publish", new { version });

    public static async Task<WorkflowDefinitionResponse> PublishDefinitionAsync(this HttpClient client, string definitionId, int version) =>
        await (await client.PublishAsync(definitionId, version)).ReadAsync<WorkflowDefinitionResponse>();

    public static Task<HttpResponseMessage> ReplaceAsync(this HttpClient client, WorkflowDefinitionResponse read, DefinitionBuilder edited) =>
        client.PutJsonAsync($"{Root}/{read.DefinitionId}", new { version = read.Version, definition = edited.AtVersion(read.DefinitionVersion).Build() });

    /// <summary>A program with an exam, so exam flows fit it; <paramref name="hasExam"/> false for one without.</summary>
    public static async Task<CredentialProgram> AddProgramAsync(this HubFixture hub, string code, bool hasExam = true)
    {
        var program = new CredentialProgram { Code = code, Name = $"{code} program", ExamRequired = hasExam, CreatedAt = hub.Now };
        await hub.WithDbAsync(async db =>
        {
            db.Programs.Add(program);
            await db.SaveChangesAsync();
        });
        return program;
    }
}
